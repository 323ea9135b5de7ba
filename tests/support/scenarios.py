"""YAML scenarios collected by pytest: given facts, as-of and params → expected results.

A scenario file holds a list of scenarios:

```yaml
- title: the veto is suspended while the appeal is under review
  as_of: 2025-06-30
  regulation: xinjiang          # optional: default, each unit's territory
  params: {serious_circumstances: true}
  calendar: china               # or weekends
  facts: {units: [...], incidents: [...]}
  expect:                       # per unit: items that must be present (fields are a subset)
    tianshan-gov:
      sanctions: [{article: 52, measure: one_vote_veto, suspended: true}]
  absent:                       # per unit: items that must not be present
    tianshan-gov:
      sanctions: [{measure: listed_supervision}]
  read:                         # optional: articles as the law reads on as_of
    zhejiang:                   # regulation → article → its text and rules (fields a subset)
      48: {text_contains: 鼓励, rules: [{id: zhejiang.48.2, modality: encouraged}]}
```
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

import regulations
from engine.periods import WeekendCalendar
from regulations.calendar import ChinaCalendar
from regulations.factsfile import parse_facts

SECTIONS = ("obligations", "deadlines", "sanctions", "undetermined")


class ScenarioFile(pytest.File):
    def collect(self) -> Any:
        cases = yaml.safe_load(self.path.read_text(encoding="utf-8")) or []
        for case in cases:
            yield ScenarioItem.from_parent(self, name=case["title"], case=case)


class ScenarioFailure(AssertionError):
    pass


def _matches(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    for key, want in expected.items():
        got = actual.get(key)
        if isinstance(want, dt.date):
            want = want.isoformat()
        if isinstance(want, list) and isinstance(got, list):
            if sorted(map(str, want)) != sorted(map(str, got)):
                return False
        elif got != want:
            return False
    return True


class ScenarioItem(pytest.Item):
    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        case = self.case
        facts = parse_facts(case["facts"], Path(str(self.path)), [])
        calendar = WeekendCalendar() if case.get("calendar") == "weekends" else ChinaCalendar()
        report = regulations.evaluate(
            facts,
            regulation=case.get("regulation"),
            as_of=case["as_of"],
            params=case.get("params") or {},
            calendar=calendar,
            since=case.get("since"),
        )
        by_unit: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for result in report.to_json()["results"]:
            slot = by_unit.setdefault(result["unit"], {s: [] for s in SECTIONS})
            for section in SECTIONS:
                slot[section].extend(result[section])
        problems: list[str] = []
        for unit, sections in (case.get("expect") or {}).items():
            for section, items in sections.items():
                actual = by_unit.get(unit, {}).get(section, [])
                for item in items:
                    if not any(_matches(item, a) for a in actual):
                        problems.append(f"{unit}: expected in {section}: {item}\n  got: {actual}")
        for unit, sections in (case.get("absent") or {}).items():
            for section, items in sections.items():
                actual = by_unit.get(unit, {}).get(section, [])
                for item in items:
                    found = [a for a in actual if _matches(item, a)]
                    if found:
                        problems.append(
                            f"{unit}: must not be in {section}: {item}\n  found: {found}"
                        )
        problems.extend(_read(case))
        if problems:
            raise ScenarioFailure("\n".join(problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, ScenarioFailure):
            return f"scenario {self.name!r} ({self.path.name}):\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int, str]:
        return self.path, 0, f"scenario: {self.name}"


def _read(case: dict[str, Any]) -> list[str]:
    """What the ``read`` section expects of the articles in force on the scenario's day."""
    problems = []
    for ref, articles in (case.get("read") or {}).items():
        for number, want in articles.items():
            view = regulations.articles(ref, article=number, as_of=case["as_of"]).to_json()
            (article,) = view["articles"]
            text = want.get("text_contains")
            if text is not None and text not in article["text"]:
                problems.append(f"{ref} {number}: text lacks {text!r}\n  got: {article['text']}")
            for item in want.get("rules", []):
                if not any(_matches(item, rule) for rule in article["rules"]):
                    problems.append(
                        f"{ref} {number}: expected rule {item}\n  got: {article['rules']}"
                    )
            for item in want.get("no_rules", []):
                found = [rule for rule in article["rules"] if _matches(item, rule)]
                if found:
                    problems.append(f"{ref} {number}: must not have {item}\n  found: {found}")
            edition = want.get("edition")
            if edition is not None and view.get("edition", {}).get("name") != edition:
                problems.append(
                    f"{ref} {number}: expected edition {edition}, got {view.get('edition')}"
                )
    return problems


def collect(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
