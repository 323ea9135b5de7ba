"""``of unit.LINK``: a condition reading the facts of the subject the subject's link field
names (a person's unit), and only that condition; the subject's own facts stand for them
where it names none (the form before links)."""

from __future__ import annotations

import datetime as dt

import pytest
from toyschema import Appeal, Incident, Subject, build

from engine import Evaluator, RuleError, unparse

AS_OF = dt.date(2024, 12, 31)
MARCH = dt.date(2024, 3, 1)

RULES = """
sanction no_honours "its unit's veto"
  who person
  when incident(kind = crime) of unit.unit_of as i
  unless appeal(status = closed) of unit.unit_of
  until year_end of incident.date
sanction discipline "its own conduct"
  who person
  when incident(kind = fire)
"""


def _answers(subjects: list[Subject], facts: list[object]) -> dict[str, list[tuple[object, ...]]]:
    result = Evaluator(build(RULES), as_of=AS_OF).run(subjects, facts)
    return {
        r.subject.id: sorted((c.rule.id, c.measure, c.start, c.until) for c in r.conclusions)
        for r in result.results
    }


def test_the_units_fact_reaches_its_person_through_the_link_alone() -> None:
    firm, other = Subject("firm", "firm"), Subject("other", "firm")
    p = Subject("p", "citizen", unit_of="firm")
    q = Subject("q", "citizen", unit_of="other")
    facts = [Incident("firm", "crime", "major", MARCH), Incident("firm", "fire", "major", MARCH)]
    found = _answers([firm, other, p, q], facts)
    # the firm's crime reaches its person; the firm's fire is not the person's own conduct
    assert found["p"] == [("t.1.1", "no_honours", MARCH, dt.date(2024, 12, 31))]
    assert found["q"] == [] and found["other"] == []
    assert found["firm"] == []  # the rules bind persons


def test_an_exception_is_read_through_the_link_too() -> None:
    firm = Subject("firm", "firm")
    p = Subject("p", "citizen", unit_of="firm")
    facts = [Incident("firm", "crime", "major", MARCH), Appeal("firm", "veto", MARCH, "closed")]
    assert _answers([firm, p], facts)["p"] == []


def test_a_person_naming_no_unit_reads_its_own_facts_as_its_units() -> None:
    p = Subject("p", "citizen")
    facts = [Incident("p", "crime", "major", MARCH), Incident("p", "fire", "major", MARCH)]
    assert sorted(c[1] for c in _answers([p], facts)["p"]) == ["discipline", "no_honours"]


def test_the_unit_and_the_persons_own_record_are_one_view() -> None:
    """A person whose unit has a record of one kind and who carries one of another (an
    older file) reads both: the unit's crime, its own appeal."""
    firm = Subject("firm", "firm")
    p = Subject("p", "citizen", unit_of="firm")
    facts = [Incident("firm", "crime", "major", MARCH), Appeal("p", "veto", MARCH, "closed")]
    assert _answers([firm, p], facts)["p"] == []


def test_the_condition_is_written_back_as_read() -> None:
    rule = build(RULES).rules[0].node
    assert unparse.condition(rule.when) == "incident(kind = crime) of unit.unit_of as i"


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("incident() of unit.region", "unknown unit link 'region'"),
        ("incident() of i.unit_of", "write of unit.FIELD"),
        ("count incident() of unit.boss >= 2 within 3 days", "unknown unit link 'boss'"),
    ],
)
def test_only_a_link_of_the_subject_is_read_through(condition: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        build(f'sanction veto "x"\n  who person\n  when {condition}\n')
