"""Forward chaining on small rule sets: fixpoint, strata, three-valued conditions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st
from toyschema import SCHEMA, Appeal, Incident, Performed, Subject, build

from engine import (
    CycleError,
    Evaluator,
    ParameterError,
    Period,
    PeriodError,
    WeekendCalendar,
    collector_paused,
    met_by,
)

D = dt.date
BANK = Subject("b1", "bank", "county")
JUNE = D(2024, 6, 1)


def run(
    text: str,
    facts: list[object],
    subject: Subject = BANK,
    as_of: dt.date = JUNE,
    **params: object,
):
    rules = build(text)
    evaluator = Evaluator(rules, as_of=as_of, params=params, calendar=WeekendCalendar())
    return evaluator.run([subject], facts).results[0]


def measures(result) -> list[str]:
    return sorted(c.measure for c in result.of_kind("sanction"))


def test_subject_binds_through_is_a_and_levels() -> None:
    rules = build('must drill "x"\n  who firm(county), school\n')
    evaluator = Evaluator(rules, as_of=D(2024, 1, 1), mode="applies")
    subjects = [
        Subject("a", "bank", "county"),
        Subject("b", "bank", "township"),
        Subject("c", "bank"),
        Subject("d", "school"),
        Subject("e", "org", "county"),
    ]
    bound = [bool(r.conclusions) for r in evaluator.run(subjects).results]
    assert bound == [True, False, False, True, False]


def test_tags_bind_organizations_but_not_persons() -> None:
    rules = build('must drill "x"\n  who tag crowded\n')
    evaluator = Evaluator(rules, as_of=D(2024, 1, 1), mode="applies")
    subjects = [
        Subject("a", "org", tags=frozenset({"crowded"})),
        Subject("b", "citizen", tags=frozenset({"crowded"})),
        Subject("c", "org"),
    ]
    assert [bool(r.conclusions) for r in evaluator.run(subjects).results] == [True, False, False]


def test_sanction_chain_runs_to_fixpoint_in_strata() -> None:
    text = """
    sanction no_honours "否决后不得评优"
      who org
      when sanction(measure = veto)
    sanction veto "重大案件一票否决"
      who org
      when incident(severity >= major)
    """
    result = run(text, [Incident("b1", "crime", "huge", D(2024, 3, 1))])
    assert measures(result) == ["no_honours", "veto"]
    honours = next(c for c in result.of_kind("sanction") if c.measure == "no_honours")
    assert honours.start == D(2024, 3, 1)  # the date flows through the derived veto
    # the result carries the facts the run derived, the very ones later rules matched
    assert [(d.fact_type, d.measure, d.rule) for d in result.derived] == [
        ("sanction", "veto", "t.1.2"),
        ("sanction", "no_honours", "t.1.1"),
    ]
    assert any(f is result.derived[0] for f in honours.support)


def test_without_a_derived_fact_type_a_sanction_is_no_fact() -> None:
    text = """
    sanction no_honours "x"
      who org
      when sanction(measure = veto)
    sanction veto "y"
      who org
      when incident(severity >= major)
    """
    rules = build(text)
    plain = dataclasses.replace(rules, schema=dataclasses.replace(SCHEMA, derived_fact=None))
    result = Evaluator(plain, as_of=JUNE).run([BANK], [Incident("b1", "crime", "huge", JUNE)])
    assert [c.measure for c in result.results[0].of_kind("sanction")] == ["veto"]
    assert result.results[0].derived == ()


def test_a_rule_fires_once_per_fact_tuple() -> None:
    text = 'sanction interview "x"\n  who org\n  when incident(kind = crime)\n'
    result = run(
        text,
        [
            Incident("b1", "crime", "minor", D(2024, 1, 1)),
            Incident("b1", "crime", "minor", D(2024, 2, 1)),
        ],
    )
    assert measures(result) == ["interview", "interview"]


def test_facts_of_other_units_do_not_match() -> None:
    text = 'sanction interview "x"\n  who org\n  when incident()\n'
    assert measures(run(text, [Incident("other", "crime", "huge", D(2024, 1, 1))])) == []


def test_open_term_unset_is_undetermined_not_false() -> None:
    text = 'sanction discipline "情节严重"\n  who org\n  when incident() and param serious\n'
    facts = [Incident("b1", "crime", "minor", D(2024, 1, 1))]
    unknown = run(text, facts)
    assert measures(unknown) == [] and [u.needs for u in unknown.undetermined] == [("serious",)]
    assert measures(run(text, facts, serious=True)) == ["discipline"]
    decided = run(text, facts, serious=False)
    assert measures(decided) == [] and decided.undetermined == ()


def test_count_within_window_uses_parameters() -> None:
    text = 'sanction interview "较短时间内连续发生"\n  who org\n  when count incident(kind = crime) >= param times within param window\n'
    facts = [
        Incident("b1", "crime", "minor", D(2024, 1, 1)),
        Incident("b1", "crime", "minor", D(2024, 3, 1)),
    ]
    assert measures(run(text, facts)) == ["interview"]  # 60 days apart, default window 90 days
    assert measures(run(text, facts, window="30 days")) == []
    assert measures(run(text, facts, times=3)) == []


def test_cross_fact_comparison_with_aliases() -> None:
    text = """sanction notice "90日内再次发生"
      who org
      when incident(severity >= major) as a and incident() as b and b.date > a.date and b.date <= a.date + 90 days"""
    near = [
        Incident("b1", "crime", "major", D(2024, 1, 1)),
        Incident("b1", "fire", "minor", D(2024, 3, 1)),
    ]
    far = [
        Incident("b1", "crime", "major", D(2024, 1, 1)),
        Incident("b1", "fire", "minor", D(2024, 6, 1)),
    ]
    assert measures(run(text, near)) == ["notice"]
    assert measures(run(text, far)) == []


def test_unless_is_an_exception_and_suspension_keeps_the_sanction() -> None:
    text = """sanction veto "一票否决"
      who org
      when incident(severity >= major)
      suspended while appeal(measure = veto, status = open)
    sanction interview "约谈"
      who org
      when incident()
      unless appeal(status = closed)"""
    crime = Incident("b1", "crime", "major", D(2024, 1, 1))
    result = run(text, [crime, Appeal("b1", "veto", D(2024, 1, 10))])
    veto = next(c for c in result.of_kind("sanction") if c.measure == "veto")
    assert veto.suspended and "interview" in measures(result)
    closed = run(text, [crime, Appeal("b1", "veto", D(2024, 1, 10), status="closed")])
    assert measures(closed) == ["veto"] and not closed.of_kind("sanction")[0].suspended


def test_escalation_adds_measures_when_serious() -> None:
    text = 'sanction interview "x"\n  who org\n  when incident()\n  escalate when param serious to discipline\n'
    facts = [Incident("b1", "crime", "minor", D(2024, 1, 1))]
    assert measures(run(text, facts, serious=True)) == ["discipline", "interview"]
    assert measures(run(text, facts, serious=False)) == ["interview"]
    assert [u.needs for u in run(text, facts).undetermined] == [("serious",)]


def test_cycle_through_negation_is_rejected_naming_the_rules() -> None:
    text = """sanction veto "a"
      who org
      when not sanction(measure = notice)
    sanction notice "b"
      who org
      when sanction(measure = veto)"""
    with pytest.raises(CycleError) as caught:
        build(text)
    assert set(caught.value.rules) >= {"t.1.1", "t.1.2"}
    # one located diagnostic, at the first rule of the cycle (a RuleError like any other)
    (problem,) = caught.value.diagnostics
    first = {"t.1.1": 1, "t.1.2": 4}[caught.value.rules[0]]
    assert (problem.code, problem.span.line if problem.span else None) == ("cycle", first)


# two rules that feed each other: a recursive stratum
MUTUAL = """sanction veto "a"
      who org
      when sanction(measure = notice) or incident(kind = fire)
    sanction notice "b"
      who org
      when sanction(measure = veto)"""


def test_positive_recursion_is_allowed() -> None:
    result = run(MUTUAL, [Incident("b1", "fire", "minor", D(2024, 1, 1))])
    assert "veto" in measures(result) and "notice" in measures(result)


def test_deadline_within_days_after_event_and_status() -> None:
    text = 'must review "收到申诉之日起三十日内复核"\n  who org\n  when appeal() \n  due within 30 days after appeal.received\n'
    appeal = Appeal("b1", "veto", D(2024, 3, 1))
    pending = run(text, [appeal], as_of=D(2024, 3, 15)).of_kind("obligation")[0]
    # the 30th day, 31 March 2024, is a Sunday: the period runs to Monday 1 April
    assert (pending.start, pending.due, pending.status) == (D(2024, 3, 1), D(2024, 4, 1), "pending")
    overdue = run(text, [appeal], as_of=D(2024, 5, 1)).of_kind("obligation")[0]
    assert overdue.status == "overdue"
    met = run(text, [appeal, Performed("b1", "review", D(2024, 3, 20))], as_of=D(2024, 5, 1))
    assert met.of_kind("obligation")[0].status == "met"


def test_yearly_deadlines() -> None:
    text = """must drill "每年至少一次"
      who org
      due every year at_least 1
    must report "每年5月第二周"
      who org
      due every year in month 5 week 2"""
    facts = [Performed("b1", "drill", D(2024, 2, 1))]
    rules = build(text, meta={"article": 1, "in_force": D(2024, 1, 1)})
    result = Evaluator(rules, as_of=JUNE, calendar=WeekendCalendar()).run([BANK], facts).results[0]
    drill, week = result.of_kind("obligation")
    # 31 December 2024 is a Tuesday: no shift
    assert (drill.start, drill.due, drill.status) == (D(2024, 1, 1), D(2024, 12, 31), "met")
    assert (week.start, week.due, week.status) == (D(2024, 5, 6), D(2024, 5, 12), "overdue")


def test_a_missed_year_is_reported_with_the_current_one() -> None:
    text = 'must drill "每年至少一次"\n  who org\n  due every year at_least 1\n'
    rules = build(text, meta={"article": 1, "in_force": D(2022, 1, 1)})
    evaluator = Evaluator(rules, as_of=D(2023, 6, 1), calendar=WeekendCalendar())
    cycles = evaluator.run([BANK], []).results[0].of_kind("obligation")
    # 31 December 2022 is a Saturday and 31 December 2023 a Sunday: each runs to the Monday
    assert [(c.due, c.status) for c in cycles] == [
        (D(2023, 1, 2), "overdue"),
        (D(2024, 1, 1), "pending"),
    ]
    before = Evaluator(rules, as_of=D(2021, 6, 1)).run([BANK], []).results[0]
    assert before.of_kind("obligation") == ()  # not yet in force


class CalendarTo2024(WeekendCalendar):
    """A work calendar whose data ends with 2024 (as a holiday calendar's does)."""

    def is_workday(self, day: dt.date) -> bool:
        if day.year > 2024:
            raise PeriodError(f"no data for {day.year}")
        return super().is_workday(day)


def test_a_due_date_beyond_the_calendar_is_undetermined_for_that_event_alone() -> None:
    text = (
        'must review "三十日内复核"\n  who org\n  when appeal()\n'
        "  due within 30 days after appeal.received\n"
        'must drill "每年至少一次"\n  who org\n  due every year at_least 1\n'
    )
    rules = build(text, meta={"article": 1, "in_force": D(2024, 1, 1)})
    early, late = Appeal("b1", "veto", D(2024, 3, 1)), Appeal("b1", "veto", D(2024, 12, 20))
    drilled = Performed("b1", "drill", D(2024, 6, 1))  # last year's cycle was met
    result = (
        Evaluator(rules, as_of=D(2025, 1, 5), calendar=CalendarTo2024())
        .run([BANK], [early, late, drilled])
        .results[0]
    )
    # a within-days deadline and a yearly cycle beyond the data are treated alike
    reviews = [c for c in result.of_kind("obligation") if c.rule.id == "t.1.1"]
    assert [(c.start, c.due) for c in reviews] == [(D(2024, 3, 1), D(2024, 4, 1))]
    needs = {(u.rule.id, u.support): u.needs for u in result.undetermined}
    assert needs[("t.1.1", (late,))] == ("calendar: no data for 2025",)
    assert needs[("t.1.2", ())] == ("calendar: no data for 2025",)


def test_parameters_are_checked() -> None:
    rules = build('must drill "x"\n  who org\n')
    with pytest.raises(ParameterError, match="no such open term"):
        Evaluator(rules, as_of=D(2024, 1, 1), params={"windw": "3 days"})
    with pytest.raises(ParameterError, match="not a period"):
        Evaluator(rules, as_of=D(2024, 1, 1), params={"window": "soon"})
    evaluator = Evaluator(rules, as_of=D(2024, 1, 1), params={"window": "2 months"})
    assert evaluator.params["window"] == Period(2, "months")


def test_today_is_the_evaluation_date() -> None:
    text = """sanction discipline "逾期未整改"
      who org
      when appeal() as o and o.received < today"""
    facts = [Appeal("b1", "veto", D(2024, 3, 1))]
    assert measures(run(text, facts, as_of=D(2024, 2, 1))) == []
    assert measures(run(text, facts, as_of=D(2024, 4, 1))) == ["discipline"]


def test_alternative_measures_are_reported_but_not_chained() -> None:
    text = """sanction notice or interview "通报或者约谈"
      who org
      when incident()
    sanction no_honours "约谈后不得评优"
      who org
      when sanction(measure = interview)"""
    result = run(text, [Incident("b1", "crime", "minor", D(2024, 1, 1))])
    assert measures(result) == ["interview", "notice"]
    assert all(c.alternative for c in result.of_kind("sanction"))


def test_a_runaway_evaluation_stops_at_the_limit_with_a_typed_error() -> None:
    from engine import EvaluationLimitError

    rules = build(MUTUAL)
    facts = [Incident("b1", "fire", "minor", D(2024, 1, 1))]
    with pytest.raises(EvaluationLimitError, match="did not reach a fixpoint within 1 rounds") as e:
        Evaluator(rules, as_of=JUNE, limit=1).run([BANK], facts)
    # the error names the rules still deriving when the limit was reached
    assert e.value.rules and set(e.value.rules) <= {r.id for r in rules.rules}
    assert all(rule in str(e.value) for rule in e.value.rules)
    assert Evaluator(rules, as_of=JUNE, limit=5).run([BANK], facts).results[0].conclusions


@pytest.mark.parametrize("limit", [0, -3, 2.5, True, "10"])
def test_the_round_limit_is_a_whole_number(limit: object) -> None:
    with pytest.raises(ParameterError, match="round limit"):
        Evaluator(build(MUTUAL), as_of=JUNE, limit=limit)  # type: ignore[arg-type]


def test_what_follows_from_a_suspended_sanction_is_suspended_too() -> None:
    text = """sanction veto "一票否决"
      who org
      when incident(severity >= major)
      suspended while appeal(measure = veto, status = open)
    sanction no_honours "否决后不得评优"
      who org
      when sanction(measure = veto)"""
    crime = Incident("b1", "crime", "major", D(2024, 1, 1))
    under_review = run(text, [crime, Appeal("b1", "veto", D(2024, 1, 10))])
    assert all(c.suspended for c in under_review.of_kind("sanction"))
    decided = run(text, [crime, Appeal("b1", "veto", D(2024, 1, 10), status="closed")])
    assert not any(c.suspended for c in decided.of_kind("sanction"))


def test_a_subjects_performed_dates_are_indexed_by_concept_and_sorted() -> None:
    from collections import namedtuple

    from engine.context import Context

    done = namedtuple("done", "concept date")
    days = [dt.date(2025, 3, d) for d in (9, 1, 5)]
    facts = {"performed": [done("drill", days[0]), done("report", days[1]), done("drill", days[2])]}
    ctx = Context(object(), facts, {}, dt.date(2025, 6, 30))
    assert ctx.dates("performed", "drill") == sorted([days[0], days[2]])
    assert ctx.dates("performed", "training") == []
    assert ctx.dates("incident", "drill") == []


def test_many_undetermined_items_of_one_subject_are_reduced_in_linear_time() -> None:
    """20,000 events whose flag is unknown: each stays open once, under the alternative that
    needs least (the one that also needs the open term is dropped); comparing every item
    with every other took minutes."""
    import time

    text = """sanction interview "x"
      who org
      when incident(hidden = true) or (incident(kind = crime, hidden = true) and param serious)"""
    facts = [
        Incident("b1", "crime", "minor", D(2020, 1, 1) + dt.timedelta(days=i % 1000), None)
        for i in range(20_000)
    ]
    started = time.perf_counter()
    result = run(text, facts)
    assert time.perf_counter() - started < 60
    assert len(result.undetermined) == 20_000
    assert {u.needs for u in result.undetermined} == {("incident.hidden",)}


JOIN3 = """sanction interview "三次"
  who org
  when incident() as a and incident() as b and incident() as c
   and b.date > a.date and c.date > b.date"""


def test_a_join_past_the_limit_stops_with_a_typed_error_naming_the_rule() -> None:
    from engine import JoinLimitError

    rules = build(JOIN3)
    facts = [
        Incident("b1", "crime", "minor", D(2020, 1, 1) + dt.timedelta(days=i)) for i in range(40)
    ]
    with pytest.raises(JoinLimitError, match=r"t\.1\.1 joined more than 5,000 combinations") as e:
        Evaluator(rules, as_of=JUNE, join_limit=5_000).run([BANK], facts)
    assert (e.value.rule, e.value.key, e.value.limit) == ("t.1.1", "b1", 5_000)
    # under the limit the same join answers: one sanction per latest date of a triple
    few = Evaluator(rules, as_of=JUNE, join_limit=5_000).run([BANK], facts[:10]).results[0]
    assert len(few.of_kind("sanction")) == 8


@pytest.mark.parametrize("limit", [0, -3, 2.5, True, "10"])
def test_the_join_limit_is_a_whole_number(limit: object) -> None:
    with pytest.raises(ParameterError, match="join limit"):
        Evaluator(build(JOIN3), as_of=JUNE, join_limit=limit)  # type: ignore[arg-type]


class _Watched:
    """An incident that notes, each time a rule reads its severity, whether the garbage
    collector is on."""

    fact_type, unit, kind, date, hidden = "incident", "b1", "crime", D(2024, 3, 1), False

    def __init__(self) -> None:
        self.seen: list[bool] = []

    @property
    def severity(self) -> str:
        self.seen.append(gc.isenabled())
        return "huge"


@pytest.mark.parametrize("pause", [False, True])
def test_the_collector_is_paused_only_when_asked_and_only_while_running(pause: bool) -> None:
    rules = build('sanction veto "x"\n  who org\n  when incident(severity >= major)\n')
    fact = _Watched()
    assert gc.isenabled()
    result = Evaluator(rules, as_of=JUNE, pause_gc=pause).run([BANK], [fact]).results[0]
    assert measures(result) == ["veto"]
    assert fact.seen and set(fact.seen) == {not pause}
    assert gc.isenabled()


def test_a_paused_collector_is_left_as_it_was_found() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the caller had it off: it stays off
    finally:
        gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@given(
    st.sampled_from(("every year", "every year by 03-31", "every 2 years", "every 5 months")),
    st.sampled_from((None, D(2021, 5, 1), D(2022, 2, 28))),
    st.dates(D(2020, 1, 1), D(2026, 12, 31)),
    st.lists(st.dates(D(2020, 1, 1), D(2025, 12, 31)), max_size=4),
)
def test_since_chooses_cycles_and_moves_none(
    due: str, in_force: dt.date | None, since: dt.date, drills: list[dt.date]
) -> None:
    """``since`` leaves out the cycles over before it and changes nothing of the others
    (their start, due date and status are those without it), for a law with a day it took
    effect; a draft without that day counts its cycles from ``since``."""
    rules = build(f'must drill "x"\n  who org\n  due {due}\n', meta={"in_force": in_force})
    facts = [Performed("b1", "drill", day) for day in drills]
    as_of = D(2025, 6, 30)

    def cycles(since: dt.date | None) -> list[tuple[object, ...]]:
        evaluator = Evaluator(rules, as_of=as_of, calendar=WeekendCalendar(), since=since)
        found = evaluator.run([BANK], facts).results[0].of_kind("obligation")
        return [(c.start, c.due, c.status) for c in found]

    chosen = cycles(since)
    if in_force is not None:
        assert chosen == [c for c in cycles(None) if c[1] >= since]  # type: ignore[operator]
    else:
        assert all(start >= since for start, _, _ in chosen)  # type: ignore[operator]


@given(
    st.sampled_from(("every year at_least 2", "every year by 03-31", "every 3 months")),
    st.sampled_from((D(2022, 2, 28), D(2023, 1, 1))),
    st.lists(st.dates(D(2021, 6, 1), D(2024, 12, 31)), max_size=6),
)
def test_met_by_cites_the_performances_the_status_counts(
    due: str, in_force: dt.date, days: list[dt.date]
) -> None:
    """What explain cites for a cycle (deadlines.met_by) is what its status rests on: a met
    cycle, as many performances as it asks, inside its days; another, fewer than it asks."""
    rules = build(f'must drill "x"\n  who org\n  due {due}\n', meta={"in_force": in_force})
    facts = [Performed("b1", "drill", day) for day in days]
    evaluator = Evaluator(rules, as_of=D(2024, 6, 30), calendar=WeekendCalendar())
    for cycle in evaluator.run([BANK], facts).results[0].of_kind("obligation"):
        first, last, found = met_by(cycle.rule, cycle, facts, evaluator.clock)
        assert first is not None and last == cycle.due
        assert all(first <= p.date <= last for p in found)
        asked = 2 if "at_least 2" in due else 1
        inside = [d for d in days if first <= d <= last]
        if cycle.status == "met":
            assert len(found) == asked <= len(inside)
        else:
            assert len(found) == len(inside) < asked


ALIKE_RULES = """must drill "每年至少一次"
  who org
  due every year at_least 1
must report "北区每年5月第二周"
  who org
  when unit.region = north
  due every year in month 5 week 2
sanction veto "情节严重的一票否决"
  who bank
  when param serious
sanction no_honours "否决后不得评优"
  who bank
  when sanction(measure = veto)"""


@pytest.mark.parametrize("serious", [None, True])
def test_subjects_without_facts_alike_get_the_answer_each_gets_alone(
    serious: bool | None,
) -> None:
    """A subject without facts is given the answer of the first subject alike in the run
    (its kind, level, tags and the fields rules read: ``Evaluator.alike``), named for it;
    whatever else differs, the answer is the one it gets evaluated alone. A derived sanction
    names its subject: such an answer is worked out for each."""
    rules = build(ALIKE_RULES, meta={"article": 1, "in_force": D(2023, 1, 1)})
    subjects = [
        Subject("b1", "bank", "county", region="north"),
        Subject("b2", "bank", "county", region="north"),
        Subject("b3", "bank", "county", region="south"),
        Subject("b4", "bank", "township", region="north"),
        Subject("s1", "school", region="north"),
        Subject("s2", "school", region="north", tags=frozenset({"member"})),
        Subject("s3", "school", region="north"),
    ]
    facts = [Performed("s3", "drill", D(2024, 2, 1))]  # s3 alike s1, but with a fact

    def evaluator() -> Evaluator:
        return Evaluator(rules, as_of=JUNE, calendar=WeekendCalendar(), params={"serious": serious})

    together = evaluator().run(subjects, facts).results
    alone = [evaluator().run([s], facts).results[0] for s in subjects]
    assert together == tuple(alone)
    for result, subject in zip(together, subjects, strict=True):
        assert result.subject is subject
        assert all(c.subject == subject.id for c in result.conclusions)
        assert all(d.unit == subject.id for d in result.derived)
    b1, b2, b3 = together[:3]
    assert [c.due for c in b1.conclusions] == [c.due for c in b2.conclusions]
    assert len(b3.conclusions) < len(b1.conclusions)  # no north report for the south
    drills = [  # this year's drill: s3 held it, s1 (alike, without facts) did not
        [c.status for c in r.conclusions if c.rule.node.concept == "drill" and c.due > JUNE]
        for r in (together[4], together[6])
    ]
    assert drills == [["pending"], ["met"]]
    if serious:
        assert measures(b2) == ["no_honours", "veto"]
        assert [d.unit for d in b2.derived] == ["b2", "b2"]


def test_a_subject_settling_open_terms_for_itself_is_answered_alone() -> None:
    rules = build(ALIKE_RULES)
    evaluator = Evaluator(rules, as_of=JUNE)
    north = Subject("b1", "bank", "county", region="north")
    assert evaluator.alike(north) == evaluator.alike(dataclasses.replace(north, id="b2"))
    assert evaluator.alike(north) != evaluator.alike(dataclasses.replace(north, region="south"))
    own = dataclasses.replace(SCHEMA, subject_params="params")
    mine = Evaluator(dataclasses.replace(rules, schema=own), as_of=JUNE)
    assert mine.alike(dataclasses.replace(north, params=(("serious", True),))) is None
    assert mine.alike(north) is not None
