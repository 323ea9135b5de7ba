"""Links between facts: a condition follows a link to a fact bound before it, or reads the
facts that name the subject in a role; a link left open among candidates is undetermined."""

from __future__ import annotations

import datetime as dt

from toyschema import Appeal, Incident, Subject, build

from engine import Evaluator, WeekendCalendar

D = dt.date
FIRM = Subject("f1", "firm")
OFFICE = Subject("o1", "org")


def results(text: str, subjects: list[Subject], facts: list[object]):
    evaluator = Evaluator(build(text), as_of=D(2024, 6, 1), calendar=WeekendCalendar())
    return {r.subject.id: r for r in evaluator.run(subjects, facts).results}


REVIEW = 'must review "x"\n  who org\n  when appeal(body = unit)\n  due within 30 days after appeal.received\n'


def test_a_fact_is_seen_by_the_unit_it_names_in_a_role() -> None:
    appeal = Appeal("f1", "veto", D(2024, 5, 2), body="o1")
    found = results(REVIEW, [FIRM, OFFICE], [appeal])
    (review,) = found["o1"].of_kind("obligation")
    assert (review.start, review.due) == (D(2024, 5, 2), D(2024, 6, 3))
    assert not found["f1"].of_kind("obligation")  # the appellant is not the body


def test_the_role_is_not_the_unit_itself() -> None:
    appeal = Appeal("o1", "veto", D(2024, 5, 2), body="f1")
    found = results(REVIEW, [FIRM, OFFICE], [appeal])
    assert not found["o1"].of_kind("obligation")


FOLLOW = (
    'sanction notice "x"\n  who org\n'
    "  when incident() as i and not (appeal(about = i) as a and a.received <= i.date + 10 days)\n"
)


def test_a_condition_follows_a_link_to_the_fact_bound_before_it() -> None:
    first = Incident("f1", "crime", "major", D(2024, 3, 1), id="i1")
    second = Incident("f1", "fire", "major", D(2024, 4, 1), id="i2")
    answered = Appeal("f1", "veto", D(2024, 3, 5), about="i1")
    found = results(FOLLOW, [FIRM], [first, second, answered])["f1"]
    assert [c.start for c in found.of_kind("sanction")] == [D(2024, 4, 1)]


def test_a_link_open_among_candidates_is_undetermined_naming_them() -> None:
    first = Incident("f1", "crime", "major", D(2024, 3, 1), id="i1")
    open_link = Appeal("f1", "veto", D(2024, 3, 5), about=("i1", "i2"))
    found = results(FOLLOW, [FIRM], [first, open_link])["f1"]
    assert not found.of_kind("sanction")
    (item,) = found.undetermined
    assert item.needs == ("appeal.about: one of i1, i2",)  # it turns on which it names
    assert [f.id for f in item.support] == ["i1"]


def test_what_follows_whichever_candidate_a_link_names_is_certain() -> None:
    """One appeal answers one incident: of two incidents it may answer, the other is not
    answered in time, whichever it is. The sanction is certain, from the day it holds under
    both readings (the later incident's); that it holds from the earlier one's turns on
    which the appeal answers."""
    first = Incident("f1", "crime", "major", D(2024, 3, 1), id="i1")
    second = Incident("f1", "fire", "major", D(2024, 3, 3), id="i2")
    open_link = Appeal("f1", "veto", D(2024, 3, 5), about=("i1", "i2"))
    found = results(FOLLOW, [FIRM], [first, second, open_link])["f1"]
    (sanction,) = found.of_kind("sanction")
    assert sanction.start == D(2024, 3, 3)
    assert [f.id for f in sanction.support] == ["i1", "i2"]
    assert sanction.whichever == ("appeal.about: one of i1, i2",)
    (item,) = found.undetermined  # from the first incident's day, if it answered the second
    assert item.needs == ("appeal.about: one of i1, i2",)
    assert [f.id for f in item.support] == ["i1"]


def test_a_link_read_one_way_gives_what_naming_it_gives() -> None:
    """Read every way: a link naming each candidate gives, for the conclusions certain under
    every reading, what the open link gives for certain."""
    first = Incident("f1", "crime", "major", D(2024, 3, 1), id="i1")
    second = Incident("f1", "fire", "major", D(2024, 3, 3), id="i2")
    named = {
        target: results(
            FOLLOW, [FIRM], [first, second, Appeal("f1", "veto", D(2024, 3, 5), about=target)]
        )["f1"]
        for target in ("i1", "i2")
    }
    assert [c.start for c in named["i1"].of_kind("sanction")] == [D(2024, 3, 3)]
    assert [c.start for c in named["i2"].of_kind("sanction")] == [D(2024, 3, 1)]
    assert not named["i1"].undetermined and not named["i2"].undetermined


def test_too_many_readings_leave_the_link_open() -> None:
    """Beyond MAX_READINGS, a rule following an open link is undetermined on it, as before
    links were read every way."""
    from engine.numbers import MAX_READINGS

    many = tuple(f"i{n}" for n in range(MAX_READINGS + 1))
    first = Incident("f1", "crime", "major", D(2024, 3, 1), id="i0")
    open_link = Appeal("f1", "veto", D(2024, 3, 5), about=many)
    found = results(FOLLOW, [FIRM], [first, open_link])["f1"]
    assert not found.of_kind("sanction")
    (item,) = found.undetermined
    assert item.needs == (f"not appeal.about: one of {', '.join(many)}",)
