"""Every error of ours as diagnostic records: what an edge showing errors as data needs."""

from __future__ import annotations

import pytest

import regulations
from engine.errors import EvaluationLimitError
from regulations.errors import diagnostics_of


def test_an_unknown_code_carries_the_valid_codes_and_the_close_ones() -> None:
    with pytest.raises(regulations.UnknownCodeError) as caught:
        regulations.applies("ordos", kind="schol")
    (found,) = diagnostics_of(caught.value)
    assert found.code == "unknown-code"
    assert found.value == "schol"
    assert "school" in found.suggestions
    assert "school" in found.expected and "hospital" in found.expected
    assert "unknown unit kind 'schol'" in found.message


def test_a_bad_value_says_why() -> None:
    with pytest.raises(regulations.InvalidValueError) as caught:
        regulations.applies("ordos", kind="school", as_of="2025-13-01")
    (found,) = diagnostics_of(caught.value)
    assert (found.code, found.value) == ("invalid-value", "2025-13-01")
    assert "YYYY-MM-DD" in found.hint


def test_a_file_with_problems_gives_each_located(tmp_path: object) -> None:
    from pathlib import Path

    facts = Path(str(tmp_path)) / "facts.yaml"
    facts.write_text("units:\n  - {id: a, kind: schol}\nincidnts: []\n", encoding="utf-8")
    with pytest.raises(regulations.LoadError) as caught:
        regulations.load_facts(facts)
    found = diagnostics_of(caught.value)
    assert len(found) == 2
    assert all(d.span is not None and d.span.file == str(facts) for d in found)


def test_another_error_is_named_by_its_class() -> None:
    (found,) = diagnostics_of(EvaluationLimitError(100, "unit-1", ("ordos.44.1",)))
    assert found.code == "evaluation-limit"
    assert "ordos.44.1" in found.message


def test_a_concept_code_is_checked_in_every_field_declared_to_hold_one() -> None:
    """The fields a fact type declares concept codes (``Registry("concepts")``) are the ones
    checked, on each fact type that has them; a fact type without one checks nothing."""
    from regulations.facts import FACT_MODELS, Performed, Unit, Violation
    from regulations.factsfile import FactSet
    from regulations.registry import fact_type_of

    for model in FACT_MODELS:
        fields = fact_type_of(model).fields
        declared = tuple(n for n, f in fields.items() if f.registry == "concepts")
        assert model.concept_fields == declared, model.fact_type
    assert Violation.concept_fields == ("concept",) == Performed.concept_fields
    unit = Unit(id="u", kind="hospital", region="xinjiang/urumqi/tianshan")
    for fact in (
        Violation(unit="u", concept="pingan_responsibilty", date="2025-03-01"),  # type: ignore[arg-type]
        Performed(unit="u", concept="emergency_drll", date="2025-03-01"),  # type: ignore[arg-type]
    ):
        with pytest.raises(regulations.UnknownCodeError) as caught:
            regulations.evaluate(FactSet((unit,), (fact,)), as_of="2025-06-30")
        (found,) = diagnostics_of(caught.value)
        assert found.message.startswith(f"unknown concept in a {fact.fact_type} fact of unit 'u'")
