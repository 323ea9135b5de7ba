"""Bad rule text → typed diagnostics with position and did-you-mean (table-driven)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from toyschema import SCHEMA, build

from engine import Hints, ParamSpec, RuleError, RuleSource, Schema, compile_sources
from engine.errors import Diagnostic
from engine.periods import Period
from engine.span import Origin

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[1] / "fixtures" / "bad_rules.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["title"] for c in CASES])
def test_bad_rule_text_is_reported_where_it_is(case: dict[str, Any]) -> None:
    with pytest.raises(RuleError) as caught:
        build(case["text"])
    first = caught.value.diagnostics[0]
    assert first.code == case["code"]
    assert case["message"] in first.message
    assert first.span is not None
    assert (first.span.line, first.span.column) == (case["line"], case["column"])
    assert first.span.file == "toy.yaml"
    for suggestion in case.get("suggestions", []):
        assert suggestion in first.suggestions


def test_hints_are_the_schemas_words_not_the_engines_callers() -> None:
    text = 'must dril "x"\n  who org\n  when param severe\n'
    concept, param = _problems(text, SCHEMA)
    assert (concept.hint, param.hint) == (Hints().declare_concept, Hints().declare_param)
    own = Hints(declare_concept="add it to concepts.txt", declare_param="add it to terms.txt")
    concept, param = _problems(text, dataclasses.replace(SCHEMA, hints=own))
    assert (concept.hint, param.hint) == ("add it to concepts.txt", "add it to terms.txt")


def test_every_problem_is_reported_in_one_run() -> None:
    with pytest.raises(RuleError) as caught:
        build('must dril "x"\n  who schol, tag membr\n')
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["unknown-concept", "unknown-unit-kind", "unknown-tag"]


IMMEDIATE = 'must review "x"\n  who org\n  when appeal()\n  due immediately after appeal.received\n'


def _schema_without_prompt(**changes: Any) -> Schema:
    params = {n: s for n, s in SCHEMA.params.items() if n != SCHEMA.prompt_param}
    return dataclasses.replace(SCHEMA, params=params, **changes)


def _problems(text: str, schema: Schema) -> list[Diagnostic]:
    source = RuleSource("t.1", text, Origin("toy.yaml", 1, 1, "toy"), {"article": 1})
    with pytest.raises(RuleError) as caught:
        compile_sources([source], schema)
    return list(caught.value.diagnostics)


def test_immediately_needs_its_parameter_declared() -> None:
    (problem,) = _problems(IMMEDIATE, _schema_without_prompt())
    assert (problem.code, problem.message) == ("unknown-parameter", "unknown parameter 'prompt'")
    assert "'due immediately' is counted with it" in problem.hint
    assert problem.span is not None and (problem.span.line, problem.span.column) == (4, 7)


def test_immediately_needs_its_parameter_to_be_a_period() -> None:
    params = {**SCHEMA.params, "prompt": ParamSpec("prompt", "count", 2)}
    (problem,) = _problems(IMMEDIATE, dataclasses.replace(SCHEMA, params=params))
    assert (problem.code, problem.message) == (
        "type",
        "parameter 'prompt' is a count, not a period",
    )


def test_immediately_needs_a_schema_that_says_how_soon() -> None:
    (problem,) = _problems(IMMEDIATE, _schema_without_prompt(prompt_param=None))
    assert problem.code == "clause"
    assert "'due immediately' has no length here" in problem.message


def test_problems_found_while_building_are_reported_together() -> None:
    text = (
        'sanction interview "x"\n  who org\n  when appeal(received = 2025-02-30)\n'
        "  when appeal()\n  until year_end\n  until year_end\n"
    )
    problems = _problems(text, SCHEMA)
    assert [(p.code, p.span.line if p.span else 0) for p in problems] == [
        ("value", 3),
        ("duplicate-clause", 4),
        ("duplicate-clause", 6),
    ]


@pytest.mark.parametrize("period", ["36600 days", "36601 days", "100 years", "101 years"])
def test_rule_text_and_open_terms_share_one_period_bound(period: str) -> None:
    try:
        Period.parse(period)
        usable = True
    except ValueError:
        usable = False
    text = f'must review "x"\n  who org\n  when appeal()\n  due within {period} after appeal.received\n'
    if usable:
        build(text)
    else:
        with pytest.raises(RuleError, match="is not a usable legal period"):
            build(text)
