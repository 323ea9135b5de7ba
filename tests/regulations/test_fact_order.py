"""Answers do not depend on the order facts are written in: every section of every example
facts file and of every scenario, and the sections themselves, shuffled, give byte-identical
JSON from ``evaluate`` and from ``explain`` of every rule the evaluation names."""

from __future__ import annotations

import datetime as dt
import json
import random as _random
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from hypothesis import given
from hypothesis import strategies as st

import regulations
from engine.periods import WeekendCalendar
from regulations.factsfile import parse_facts
from regulations.yamlsource import read_yaml

ROOT = Path(__file__).parents[2]
LIBRARY = regulations.load()


class Case(NamedTuple):
    name: str
    facts: dict[str, Any]
    as_of: dt.date
    regulation: str | None = None
    params: dict[str, Any] | None = None
    weekends: bool = False


def _plain(data: Any) -> Any:
    """Data as plain dicts and lists (what is shuffled is a copy)."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def _cases() -> list[Case]:
    cases = []
    for path in sorted((ROOT / "examples").glob("*.yaml")) + sorted(
        (ROOT / "examples").glob("*.json")
    ):
        data = _plain(read_yaml(path)[0])
        for params in (None, {"short_of_veto": "false"}):
            cases.append(Case(f"{path.name} {params}", data, dt.date(2025, 6, 30), None, params))
    for path in sorted((ROOT / "tests" / "scenarios").glob("*.yaml")):
        for scenario in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append(
                Case(
                    f"{path.name}: {scenario['title']}",
                    scenario["facts"],
                    scenario["as_of"],
                    scenario.get("regulation"),
                    scenario.get("params"),
                    scenario.get("calendar") == "weekends",
                )
            )
    return cases


CASES = _cases()


def _shuffled(facts: dict[str, Any], rng: _random.Random) -> dict[str, Any]:
    sections = list(facts.items())
    rng.shuffle(sections)
    out = {}
    for name, records in sections:
        records = list(records) if isinstance(records, list) else records
        if isinstance(records, list):
            rng.shuffle(records)
        out[name] = records
    return out


def _answers(case: Case, facts: dict[str, Any]) -> tuple[str, list[str]]:
    """The evaluation's JSON, and the JSON of explain for each rule each result names."""
    factset = parse_facts(facts, Path(case.name), [])
    common: dict[str, Any] = {
        "as_of": case.as_of,
        "params": case.params,
        "calendar": WeekendCalendar() if case.weekends else None,
        "library": LIBRARY,
    }
    report = regulations.evaluate(factset, regulation=case.regulation, **common).to_json()
    explained = []
    for result in report["results"]:
        rules = sorted(
            {
                item["rule"]
                for section in ("obligations", "deadlines", "sanctions", "undetermined")
                for item in result[section]
            }
        )
        ref = result["regulation"]
        ref += "" if result["version"] == "final" else f"@{result['version']}"
        for rule in rules:
            answer = regulations.explain(
                factset, result["unit"], rule=rule, regulation=ref, **common
            )
            explained.append(json.dumps(answer.to_json(), ensure_ascii=False))
    return json.dumps(report, ensure_ascii=False), explained


def test_the_cases_cover_examples_and_scenarios() -> None:
    assert any(c.name.startswith("facts.yaml") for c in CASES)
    assert len(CASES) > 20


@given(st.sampled_from(CASES), st.randoms(use_true_random=False))
def test_shuffled_facts_give_byte_identical_answers(case: Case, rng: _random.Random) -> None:
    assert _answers(case, _shuffled(case.facts, rng)) == _answers(case, case.facts)


def test_every_case_reversed_gives_the_same_answers() -> None:
    """Each case once in reverse order: every case is run, whatever hypothesis draws."""
    for case in CASES:
        reversed_facts = {
            name: list(reversed(records)) if isinstance(records, list) else records
            for name, records in reversed(list(case.facts.items()))
        }
        assert _answers(case, reversed_facts) == _answers(case, case.facts), case.name
