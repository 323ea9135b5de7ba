"""The columnar backend against the reference engine: on rule sets drawn in the rule
language and facts drawn at random, both give the same conclusions (kind, rule, measure,
dates, status, flags) and the same undetermined items, subject by subject — whether the
backend translated a rule or handed its subjects to the reference engine."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from toyschema import Appeal, Incident, Performed, Subject, build

from engine import DECISION_DAY, CycleError, Evaluator, PeriodError, RuleError, WeekendCalendar

pl = pytest.importorskip("polars", reason="the columnar backend needs regulations[columnar]")

from engine.columnar import evaluate  # noqa: E402

DAY0 = dt.date(2024, 1, 1)
AS_OF = dt.date(2024, 12, 31)
MEASURES = ("interview", "notice", "veto", "no_honours", "discipline")
WHO = ("org", "firm", "bank", "school", "firm(county)", "tag crowded", "person")

# conditions the backend translates, and some it hands to the reference engine
CONDITIONS = (
    "incident(kind = {kind})",
    "incident(severity >= {severity})",
    "incident(kind in [crime, fire], severity < {severity})",
    "incident(date >= 2024-06-01)",
    "sanction(measure = {measure})",
    "sanction(measure = {measure}) and incident(severity >= {severity})",
    "incident(severity >= {severity}) as a and incident() as b and b.date > a.date"
    " and b.date <= a.date + {days} days",
    "sanction(measure = {measure}) and incident() as a and appeal(measure = {measure}) as p"
    " and p.received >= a.date",
    "incident(kind = {kind}) as a and appeal() as p and p.received <= a.date + {months} months",
    "incident() as a and incident(kind = {kind}) as b and b.date > a.date + {days} working_days",
    "incident(kind = {kind}) or appeal(status = open)",
    "incident(kind = {kind}) and unit.region = {region}",
    "incident(kind = {kind}) and param serious",
    # handed to the reference engine
    "incident(hidden = true)",
    "count incident(kind = {kind}) >= 2 within {days} days",
    "incident(kind = {kind}) and not appeal(status = open)",
    "incident() as a and a.date < today",
    # where a rule may hold with no fact, or stays open without one
    "param serious or incident(kind = {kind})",
    "not appeal(status = open)",
    "count incident(kind = {kind}) >= param times within {days} days",
    "incident(kind = {kind}) and (param serious or appeal(status = closed))",
    "incident(hidden = true) and not appeal(measure = {measure})",
    "param serious and (appeal(measure = {measure}) or param serious)",
    "incident(kind = {kind}) or incident(hidden = true) or param serious",
    # read through the subject's link to its unit (handed to the reference engine where set)
    "incident(kind = {kind}) of unit.unit_of",
    "incident(severity >= {severity}) of unit.unit_of and appeal(status = open)",
    "count incident(kind = {kind}) of unit.unit_of >= 2 within {days} days",
    "appeal(status = open) of unit.unit_of as p and incident() of unit.unit_of as a"
    " and p.received >= a.date",
)

# a sanction's end: read from a fact the condition binds (or the latest of its type, or none)
UNTIL = (
    "incident.date",
    "appeal.received",
    "year_end",
    "year_end of incident.date + 1",
    "year_end of sanction.year",
    "year_end of incident.date + 2",
    "year_end of appeal.received",
)


# a duty's due date: after an event the condition binds, or the latest of a type it does not
DUES = (
    "\n  due within {days} days after incident.date",
    "\n  due within {days} working_days after incident.date",
    "\n  due within {months} months after incident.date",
    "\n  due within {years} years after appeal.received",
    "\n  due within param window after incident.date",
    "\n  due immediately after incident.date",
    "\n  due by appeal.received",
    "",
)


# duties recurring with no condition: their cycles are the rule's, their status the unit's
RECURRING = (
    "every year",
    "every year at_least {times}",
    "every year by 03-31",
    "every year in month 5 week 2",
    "every {months} months",
    "every param window",
)
IN_FORCE = (None, dt.date(2023, 6, 1), dt.date(2024, 2, 29))
# the day from which cycles are reported: before the law, inside a cycle, after the evaluation
SINCE = (None, dt.date(2023, 1, 1), dt.date(2024, 3, 15), dt.date(2024, 7, 1), dt.date(2025, 2, 1))


class Holidays:
    """Weekends and the holidays drawn are rest days, some weekend days made working days;
    the calendar knows nothing after ``last`` (as the official one ends)."""

    name = "drawn"

    def __init__(self, holidays: set[dt.date], workdays: set[dt.date], last: dt.date):
        self.holidays, self.workdays, self.last = holidays, workdays, last

    def is_workday(self, day: dt.date) -> bool:
        if day > self.last:
            raise PeriodError(f"no calendar after {self.last}")
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def provisional(self, day: dt.date) -> bool:
        return False


@st.composite
def calendars(draw: st.DrawFn) -> Any:
    """Weekends only, or drawn holidays (runs of days, as the Spring Festival) with make-up
    working days and an end of data inside the facts' years or after them."""
    if draw(st.integers(0, 3)) == 0:
        return WeekendCalendar()
    offsets = st.integers(0, 500).map(lambda d: DAY0 + dt.timedelta(days=d))
    holidays: set[dt.date] = set()
    for first in draw(st.lists(offsets, max_size=6)):
        holidays |= {first + dt.timedelta(days=i) for i in range(draw(st.integers(1, 8)))}
    workdays = set(draw(st.lists(offsets, max_size=3)))
    last = DAY0 + dt.timedelta(days=draw(st.sampled_from((180, 365, 380, 450, 3000))))
    return Holidays(holidays, workdays, last)


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    rules = []
    for _ in range(draw(st.integers(1, 5))):
        condition = draw(st.sampled_from(CONDITIONS)).format(
            kind=draw(st.sampled_from(("crime", "fire"))),
            severity=draw(st.sampled_from(("minor", "major", "huge"))),
            measure=draw(st.sampled_from(MEASURES)),
            days=draw(st.integers(1, 120)),
            months=draw(st.integers(1, 13)),
            region=draw(st.sampled_from(("north", "south"))),
        )
        measures = draw(st.lists(st.sampled_from(MEASURES), min_size=1, max_size=2, unique=True))
        joined = " or ".join(measures) if draw(st.booleans()) else ", ".join(measures)
        who = draw(st.sampled_from(WHO))
        extra = ""
        if draw(st.integers(0, 2)) == 0:
            extra = "\n  until " + draw(st.sampled_from(UNTIL))
        if draw(st.integers(0, 5)) == 0:
            extra += "\n  unless appeal(status = closed)"
        if draw(st.integers(0, 3)) == 0:
            due = draw(st.sampled_from(DUES)).format(
                days=draw(st.integers(1, 40)),
                months=draw(st.integers(1, 14)),
                years=draw(st.integers(1, 2)),
            )
            duty = draw(st.sampled_from(("drill", "report")))
            rules.append(f'must {duty} "x"\n  who {who}\n  when {condition}{due}')
            continue
        rules.append(f'sanction {joined} "x"\n  who {who}\n  when {condition}{extra}')
    if draw(st.booleans()):
        rules.append('must report "y"\n  who org')
    if draw(st.booleans()):
        due = draw(st.sampled_from(RECURRING)).format(
            times=draw(st.integers(1, 3)), months=draw(st.integers(1, 5))
        )
        duty = draw(st.sampled_from(("drill", "report")))
        rules.append(f'must {duty} "z"\n  who {draw(st.sampled_from(WHO))}\n  due {due}')
    return "\n".join(rules)


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Subject], list[Any]]:
    n = draw(st.integers(1, 8))
    subjects = []
    for i in range(n):
        kind = draw(st.sampled_from(("org", "firm", "bank", "school", "citizen")))
        level = None if kind == "citizen" else draw(st.sampled_from((None, "county", "township")))
        tags = (
            frozenset()
            if kind == "citizen"
            else frozenset(draw(st.sets(st.sampled_from(("crowded", "member")), max_size=2)))
        )
        region = draw(st.sampled_from((None, "north", "south")))
        subjects.append(Subject(f"s{i}", kind, level, tags, region))
    units = [s.id for s in subjects if s.kind != "citizen"]
    for i, subject in enumerate(subjects):  # a person may name its unit
        if subject.kind == "citizen" and units:
            unit_of = draw(st.none() | st.sampled_from(units))
            subjects[i] = dataclasses.replace(subject, unit_of=unit_of)
    day = st.integers(0, 400).map(lambda d: DAY0 + dt.timedelta(days=d))
    facts: list[Any] = []
    for _ in range(draw(st.integers(0, 3 * n))):
        unit = f"s{draw(st.integers(0, n - 1))}"
        choice = draw(st.integers(0, 9))
        if choice < 6:
            facts.append(
                Incident(
                    unit,
                    draw(st.sampled_from(("crime", "fire"))),
                    draw(st.sampled_from(("minor", "major", "huge"))),
                    draw(day),
                    draw(st.sampled_from((False, True, None))),
                )
            )
        elif choice < 8:
            facts.append(
                Appeal(
                    unit,
                    draw(st.sampled_from(MEASURES)),
                    draw(day),
                    draw(st.sampled_from(("open", "closed"))),
                )
            )
        else:
            facts.append(Performed(unit, draw(st.sampled_from(("drill", "report"))), draw(day)))
    return subjects, facts


def frame(items: list[Any]) -> pl.DataFrame:
    rows = [
        {
            k: (sorted(v) if isinstance(v, frozenset) else v)
            for k, v in dataclasses.asdict(i).items()
        }
        for i in items
    ]
    return pl.DataFrame(
        rows,
        schema_overrides={"tags": pl.List(pl.String)} if "tags" in rows[0] else None,
        strict=False,
    )


def seen(result: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    conclusions = [
        (
            c.kind,
            c.rule.id,
            c.measure,
            c.start,
            c.due,
            c.until,
            c.status,
            c.suspended,
            c.escalated,
            c.alternative,
        )
        for c in result.conclusions
    ]
    undetermined = [(u.rule.id, u.needs, u.escalation) for u in result.undetermined]
    return conclusions, undetermined


PARAMS = (
    {},
    {"serious": True},
    {"serious": False},
    {"prompt": "3 working_days", "window": "2 months"},
    {"prompt": "1 years", "window": "15 working_days"},
)


@given(
    rule_texts(),
    worlds(),
    st.sampled_from(PARAMS),
    st.booleans(),
    calendars(),
    st.sampled_from(IN_FORCE),
    st.sampled_from(SINCE),
)
def test_the_columnar_backend_gives_the_reference_engines_answers(
    text: str,
    world: tuple[list[Subject], list[Any]],
    params: dict[str, object],
    cite: bool,
    calendar: Any,
    in_force: dt.date | None,
    since: dt.date | None,
) -> None:
    """Both ways: deriving sanctions and duties set-at-a-time (due dates through the
    calendar table: rest days, make-up working days, the end of the calendar's data), and
    citing the facts each conclusion rests on (the subjects where a rule holds handed to
    the reference engine)."""
    try:
        rules = build(text, meta={"article": 1, "in_force": in_force})
    except (CycleError, RuleError):
        return  # a rule set that does not compile is not evaluated by either
    subjects, facts = world
    options: dict[str, Any] = {"as_of": AS_OF, "params": params, "calendar": calendar}
    evaluator = Evaluator(rules, since=since, **options)
    expected = Evaluator(rules, since=since, **options).run(subjects, facts).results
    found = _columnar(evaluator, subjects, facts, cite)
    results = found.subject_results(subjects, rules, evaluator)
    for want, got in zip(expected, results, strict=True):
        assert got.subject is want.subject
        assert seen(got) == seen(want), text
        if cite:
            assert [c.support for c in got.conclusions] == [c.support for c in want.conclusions]


DUTY_CONDITIONS = (
    "incident()",
    "incident(kind = {kind})",
    "incident(severity >= {severity})",
    "incident(kind = {kind}) as a and appeal() as p and p.received >= a.date",
    "incident() as a and appeal() as p and p.received <= a.date + {months} months",
)


@st.composite
def duties(draw: st.DrawFn) -> str:
    rules = []
    for _ in range(draw(st.integers(1, 3))):
        condition = draw(st.sampled_from(DUTY_CONDITIONS)).format(
            kind=draw(st.sampled_from(("crime", "fire"))),
            severity=draw(st.sampled_from(("minor", "major", "huge"))),
            months=draw(st.integers(1, 13)),
        )
        due = draw(st.sampled_from(DUES)).format(
            days=draw(st.integers(1, 40)),
            months=draw(st.integers(1, 14)),
            years=draw(st.integers(1, 2)),
        )
        if "appeal" in due and "appeal" not in condition:
            condition += " and appeal()"
        duty = draw(st.sampled_from(("drill", "report")))
        who = draw(st.sampled_from(("org", "firm", "tag crowded")))
        rules.append(f'must {duty} "x"\n  who {who}\n  when {condition}{due}')
    return "\n".join(rules)


@st.composite
def duty_worlds(draw: st.DrawFn) -> tuple[list[Subject], list[Any]]:
    """A few organizations, each with events and performances: duties arise for most."""
    n = draw(st.integers(1, 4))
    subjects = [
        Subject(
            f"s{i}",
            draw(st.sampled_from(("org", "firm", "bank", "school"))),
            tags=frozenset(draw(st.sets(st.just("crowded")))),
        )
        for i in range(n)
    ]
    day = st.integers(0, 420).map(lambda d: DAY0 + dt.timedelta(days=d))
    unit = st.integers(0, n - 1).map(lambda i: f"s{i}")
    kinds, severities = st.sampled_from(("crime", "fire")), st.sampled_from(("minor", "huge"))
    incidents = st.builds(Incident, unit, kinds, severities, day)
    appeals = st.builds(Appeal, unit, st.sampled_from(MEASURES), day)
    performed = st.builds(Performed, unit, st.sampled_from(("drill", "report")), day)
    facts = [
        *draw(st.lists(incidents, min_size=1, max_size=8)),
        *draw(st.lists(appeals, max_size=3)),
        *draw(st.lists(performed, max_size=8)),
    ]
    return subjects, facts


@given(duties(), duty_worlds(), st.sampled_from(PARAMS), calendars())
def test_duties_are_counted_set_at_a_time_as_the_reference_engine_counts_them(
    text: str, world: tuple[list[Subject], list[Any]], params: dict[str, object], calendar: Any
) -> None:
    """Duties arising from facts, their due dates through the calendar table and their
    status by the performances between start and due date: answered by the backend for
    every subject but those whose due date the calendar cannot count (the reference engine
    says so for them: undetermined, "calendar: …")."""
    try:
        rules = build(text)
    except RuleError:
        return  # a due date counted from a fact its condition does not name
    subjects, facts = world
    evaluator = Evaluator(rules, as_of=AS_OF, params=params, calendar=calendar)
    want = Evaluator(rules, as_of=AS_OF, params=params, calendar=calendar).run(subjects, facts)
    found = _columnar(evaluator, subjects, facts)
    got = found.subject_results(subjects, rules, evaluator)
    assert [seen(r) for r in got] == [seen(r) for r in want.results], text
    for handed in found.reference.values():
        needs = [n for u in handed.undetermined for n in u.needs]
        assert any(n.startswith("calendar:") for n in needs), (text, handed.subject.id)


def test_a_recurring_duty_is_answered_with_each_units_performances() -> None:
    """Cycles of a yearly duty and of one every two months are the rule's; a unit whose
    only facts are performances gets them with its own status, not the reference engine."""
    text = """must drill "x"
  who org
  due every year at_least 2
must report "y"
  who firm
  due every 2 months
sanction veto "z"
  who org
  when incident(kind = fire)"""
    rules = build(text, meta={"article": 1, "in_force": dt.date(2024, 3, 1)})
    subjects = [Subject("a", "bank"), Subject("b", "bank"), Subject("c", "bank")]
    facts = [
        Performed("a", "drill", dt.date(2024, 4, 1)),
        Performed("a", "drill", dt.date(2024, 12, 1)),
        Performed("a", "report", dt.date(2024, 5, 1)),  # the second cycle's first day
        Performed("b", "drill", dt.date(2024, 2, 1)),  # before the law
        Incident("c", "fire", "minor", dt.date(2024, 6, 1)),
    ]
    evaluator = Evaluator(rules, as_of=AS_OF, calendar=WeekendCalendar())
    found = _columnar(evaluator, subjects, facts, cite=True)
    assert set(found.reference) == {"c"}
    got = found.subject_results(subjects, rules, evaluator)
    want = evaluator.run(subjects, facts).results
    assert [seen(r) for r in got] == [seen(r) for r in want]
    statuses = [c.status for c in got[0].conclusions]
    assert statuses[0] == "met" and statuses.count("met") == 2  # twice a year; one cycle
    frame = found.conclusions.filter(pl.col("_unit") == "a").sort("rule", "start")
    assert frame["status"].to_list() == [c.status for c in got[0].conclusions]


def test_a_recurring_duty_of_a_draft_is_answered_as_the_reference_engine_answers() -> None:
    """Without a day the law took effect: last year's cycle of a yearly duty is reported
    only when missed (the unit that drilled then has none), and a duty every two months
    counts from the last performance, so its unit goes to the reference engine."""
    text = """must drill "x"
  who org
  due every year
must report "y"
  who firm
  due every 2 months"""
    rules = build(text)
    subjects = [Subject("a", "org"), Subject("b", "org"), Subject("c", "firm")]
    facts = [
        Performed("a", "drill", dt.date(2023, 5, 1)),
        Performed("b", "drill", dt.date(2024, 5, 1)),
        Performed("c", "report", dt.date(2024, 11, 1)),
    ]
    evaluator = Evaluator(rules, as_of=AS_OF, calendar=WeekendCalendar())
    found = _columnar(evaluator, subjects, facts, cite=True)
    assert set(found.reference) == {"c"}
    got = found.subject_results(subjects, rules, evaluator)
    assert [seen(r) for r in got] == [seen(r) for r in evaluator.run(subjects, facts).results]
    assert [c.status for c in got[0].conclusions] == ["pending"]  # 2024; 2023 was met
    assert [c.status for c in got[1].conclusions] == ["overdue", "met"]


def test_an_open_term_asked_alone_is_answered_without_handing_the_unit() -> None:
    """``… or param serious`` left unset: the reference engine asks it of every unit with a
    fact of a kind the rule reads. The backend gives it to such a unit itself (a), hands on
    the unit where another ground may hold (b) or with a fact of a kind the exception
    reads (c, whose appeal is the exception, though no ground reads it as holding), and
    asks nothing of a unit whose facts the rule does not read (d)."""
    text = """sanction veto "x"
  who org
  when incident(kind = fire) or appeal(measure = notice) or param serious
  unless appeal(status = closed)
must report "y"
  who org
  due every year"""
    rules = build(text, meta={"article": 1, "in_force": dt.date(2024, 1, 1)})
    day = dt.date(2024, 5, 6)
    subjects = [Subject(s, "bank") for s in "abcd"]
    facts = [
        Incident("a", "crime", "minor", day),
        Performed("a", "report", day),
        Incident("b", "fire", "minor", day),
        Appeal("c", "veto", day, "closed"),  # the exception: nothing is asked of c
        Performed("d", "drill", day),
    ]
    evaluator = Evaluator(rules, as_of=AS_OF, calendar=WeekendCalendar())
    found = _columnar(evaluator, subjects, facts, cite=True)
    assert set(found.reference) == {"b", "c"}
    got = found.subject_results(subjects, rules, evaluator)
    want = evaluator.run(subjects, facts).results
    assert [seen(r) for r in got] == [seen(r) for r in want]
    assert [u.needs for u in got[0].undetermined] == [("serious",)]
    assert [c.status for c in got[0].conclusions] == ["met"]
    assert got[3].undetermined == ()


def test_an_open_term_asked_when_a_fact_of_its_case_is_on_record() -> None:
    """``asked when``: the question of a ground that is an open term alone is put only to a
    unit with a fact of that ground's case (a crime), not to one whose facts the rule reads
    otherwise (a minor fire, b): the backend hands a to the reference engine and answers
    b itself, alike; set, the open term decides the ground with or without such a fact."""
    text = """sanction veto "x"
  who org
  when incident(kind = fire, severity >= major) or param serious
  asked when incident(kind = crime)"""
    rules = build(text, meta={"article": 1, "in_force": dt.date(2024, 1, 1)})
    day = dt.date(2024, 5, 6)
    subjects = [Subject("a", "bank"), Subject("b", "bank"), Subject("c", "bank")]
    facts = [
        Incident("a", "crime", "minor", day),
        Incident("b", "fire", "minor", day),
        Performed("c", "drill", day),
    ]
    evaluator = Evaluator(rules, as_of=AS_OF, calendar=WeekendCalendar())
    found = _columnar(evaluator, subjects, facts, cite=True)
    assert set(found.reference) == {"a"}
    got = found.subject_results(subjects, rules, evaluator)
    want = evaluator.run(subjects, facts).results
    assert [seen(r) for r in got] == [seen(r) for r in want]
    assert [u.needs for u in want[0].undetermined] == [("serious",)]
    assert want[1].undetermined == () and want[2].undetermined == ()
    settled = Evaluator(rules, as_of=AS_OF, params={"serious": True}).run(subjects, facts)
    assert [len(r.of_kind("sanction")) for r in settled.results] == [1, 1, 1]


CHAIN = """sanction interview "x"
  who org
  when incident(severity >= major)
sanction veto "y"
  who org
  when sanction(measure = interview) and incident(severity >= major) as a
   and incident() as b and b.date > a.date and b.date <= a.date + 90 days"""


def _columnar(
    evaluator: Evaluator, subjects: list[Subject], facts: list[Any], cite: bool = False
) -> Any:
    """The backend over the subjects and facts as frames (a frame per fact type)."""
    by_type: dict[str, list[Any]] = {}
    for fact in facts:
        by_type.setdefault(fact.fact_type, []).append(fact)
    frames = {
        kind: frame(items).with_row_index("_index").cast({"_index": pl.Int64})
        for kind, items in by_type.items()
    }
    by_id = {s.id: s for s in subjects}

    def fact_of(kind: str) -> Any:
        return lambda row: by_type[kind][row["_index"]]

    return evaluate(
        evaluator,
        frame(subjects),
        frames,
        lambda row: by_id[row["id"]],
        {kind: fact_of(kind) for kind in by_type},
        cite_facts=cite,
    )


def _run(
    text: str, subjects: list[Subject], facts: list[Any], cite: bool = False, **params: object
) -> Any:
    rules = build(text)
    evaluator = Evaluator(rules, as_of=AS_OF, params=params, calendar=WeekendCalendar())
    return _columnar(evaluator, subjects, facts, cite)


def test_a_chain_of_joins_is_answered_set_at_a_time() -> None:
    subjects = [Subject("a", "bank"), Subject("b", "school"), Subject("c", "bank")]
    facts = [
        Incident("a", "crime", "major", dt.date(2024, 3, 1)),
        Incident("a", "fire", "minor", dt.date(2024, 4, 1)),
        Incident("b", "crime", "major", dt.date(2024, 3, 1)),
    ]
    found = _run(CHAIN, subjects, facts)
    assert found.reference == {}  # nothing handed to the reference engine
    rows = found.conclusions.sort("_unit", "rule").select("_unit", "measure", "start").rows()
    march, april = dt.date(2024, 3, 1), dt.date(2024, 4, 1)
    assert rows == [("a", "interview", march), ("a", "veto", april), ("b", "interview", march)]


def test_what_it_does_not_translate_goes_to_the_reference_engine_whole() -> None:
    text = CHAIN + '\nsanction notice "z"\n  who bank\n  when incident(hidden = true)'
    subjects = [Subject("a", "bank"), Subject("b", "school")]
    facts = [
        Incident("a", "crime", "major", dt.date(2024, 3, 1), None),
        Incident("b", "crime", "major", dt.date(2024, 3, 1), None),
    ]
    found = _run(text, subjects, facts)
    assert set(found.reference) == {"a"}  # the bank's plan holds the open flag; the school's not
    assert [u.needs for u in found.reference["a"].undetermined] == [("incident.hidden",)]


def test_citing_facts_hands_on_only_the_subjects_where_a_rule_holds() -> None:
    """A deadline, an exception and an end date follow only where their condition holds,
    and a count or a negation can hold only where a fact of its kind is: the bank where
    one may hold is answered by the reference engine, with the facts its answers rest on;
    the bank where none can gets its profile's answer, as the one without facts."""
    text = """must drill "x"
  who bank
  when incident(severity >= major)
  due within 30 days after incident.date
sanction no_honours "y"
  who bank
  when incident(kind = fire)
  until year_end of incident.date + 1
  unless appeal(status = closed)
sanction veto "w"
  who bank
  when count incident(kind = fire) >= 2 within 30 days and not appeal(status = open)
"""
    subjects = [Subject("a", "bank"), Subject("b", "bank"), Subject("c", "bank")]
    facts = [
        Incident("a", "crime", "minor", dt.date(2024, 3, 1)),
        Incident("b", "fire", "major", dt.date(2024, 3, 1)),
    ]
    rules = build(text)
    evaluator = Evaluator(rules, as_of=AS_OF, calendar=WeekendCalendar())
    found = _columnar(evaluator, subjects, facts, cite=True)
    assert set(found.reference) == {"b"}
    assert found.profiles is not None and sorted(found.profiles["_unit"]) == ["a", "c"]
    got = found.subject_results(subjects, rules, evaluator)
    want = evaluator.run(subjects, facts).results
    assert [(seen(r), [c.support for c in r.conclusions]) for r in got] == [
        (seen(r), [c.support for c in r.conclusions]) for r in want
    ]
    assert [c.rule.id for c in got[1].conclusions] == ["t.1.1", "t.1.2"]
    assert all(c.support == (facts[1],) for c in got[1].conclusions)


def test_a_rule_over_facts_no_subject_has_still_types_its_fields() -> None:
    """No incident anywhere: the chained rule's date arithmetic on the empty incidents."""
    subjects = [Subject("a", "bank")]
    facts = [Appeal("a", "veto", dt.date(2024, 6, 1), "open")]
    found = _run(CHAIN, subjects, facts)
    assert found.reference == {}
    assert found.conclusions.filter(pl.col("kind") == "sanction").height == 0


def test_a_bar_of_the_decisions_year_on_a_derived_sanction_is_the_reference_engines() -> None:
    """本年度 on a sanction the rules derived: the year of the decision is unknown, so the
    reference engine leaves the bar's end undetermined; the backend hands the subject to it
    rather than end the bar with the incident's year. A bar on an incident alone keeps the
    year it began in."""
    text = """sanction veto "x"
  who bank
  when incident(kind = fire)
sanction no_honours "y"
  who bank
  when sanction(measure = veto)
  until year_end
sanction notice "z"
  who bank
  when incident(kind = crime)
  until year_end
"""
    subjects = [Subject("a", "bank"), Subject("b", "bank")]
    facts = [
        Incident("a", "fire", "minor", dt.date(2024, 3, 1)),
        Incident("b", "crime", "minor", dt.date(2024, 5, 1)),
    ]
    rules = build(text)
    evaluator = Evaluator(rules, as_of=AS_OF, calendar=WeekendCalendar())
    want = evaluator.run(subjects, facts).results
    assert [u.needs for u in want[0].undetermined] == [(DECISION_DAY,)]
    assert [c.measure for c in want[0].conclusions] == ["veto"]
    assert [(c.measure, c.until) for c in want[1].conclusions] == [
        ("notice", dt.date(2024, 12, 31))
    ]
    for cite in (False, True):
        got = _columnar(evaluator, subjects, facts, cite).subject_results(
            subjects, rules, evaluator
        )
        assert [seen(r) for r in got] == [seen(r) for r in want]
