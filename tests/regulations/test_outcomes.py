"""The answers of evaluate are public, frozen, picklable types with their rule's id,
article, concept and summary, and a JSON form."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

import regulations

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"


def test_a_report_survives_pickling_and_says_the_same() -> None:
    report = regulations.evaluate(EXAMPLE, as_of="2025-06-30")
    again = pickle.loads(pickle.dumps(report))
    assert again.to_json() == report.to_json()


def test_each_answer_names_its_rule_and_is_frozen() -> None:
    report = regulations.evaluate(EXAMPLE, as_of="2025-06-30", params={"short_of_veto": False})
    answers = [
        a
        for r in report.results
        for a in (*r.obligations, *r.sanctions, *r.undetermined, *r.questions)
    ]
    kinds = {type(a) for a in answers}
    assert {regulations.Obligation, regulations.Sanction} <= kinds
    for answer in answers:
        assert answer.rule_id.count(".") >= 2 and answer.summary
        assert isinstance(answer.article, int | None)
        assert answer.to_json()
        with pytest.raises(dataclasses.FrozenInstanceError):
            answer.source = None  # type: ignore[misc]


def test_compare_and_diff_are_at_the_top_level() -> None:
    assert regulations.diff("zhejiang@draft", "zhejiang").to_json()["counts"]
    assert regulations.compare(["ordos", "hohhot"], kind="school").rows
