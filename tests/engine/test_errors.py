"""Bad rule text → typed diagnostics with position and did-you-mean (table-driven)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from toyschema import build

from engine import RuleError

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


def test_every_problem_is_reported_in_one_run() -> None:
    with pytest.raises(RuleError) as caught:
        build('must dril "x"\n  who schol, tag membr\n')
    codes = [d.code for d in caught.value.diagnostics]
    assert codes == ["unknown-concept", "unknown-unit-kind", "unknown-tag"]
