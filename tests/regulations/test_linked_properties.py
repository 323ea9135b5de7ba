"""Properties of linked facts and year-bound consequences that hold for every history:
links in any order give the same answer; a rectification on time never adds a sanction; a
later passing assessment never extends a bar."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

import regulations
from engine.periods import WeekendCalendar
from regulations.facts import Assessment, Rectification, SupervisionOrder, Unit, Violation
from regulations.facts import SanctionFact as Sanction
from regulations.factsfile import FactSet

LIBRARY = regulations.load()
UNITS = (
    Unit(id="hospital", kind="hospital", region="xinjiang/urumqi/tianshan"),
    Unit(id="firm", kind="enterprise", region="zhejiang/hangzhou/xihu"),
    Unit(id="depot", kind="logistics_delivery", region="inner_mongolia/hohhot/xincheng"),
)
days = st.dates(dt.date(2024, 1, 1), dt.date(2026, 6, 30))


def run(facts: FactSet, as_of: dt.date, regulation: str | None = None) -> dict:
    return regulations.evaluate(
        facts, regulation, as_of=as_of, calendar=WeekendCalendar(), library=LIBRARY
    ).to_json()


def sanctions(doc: dict) -> set[tuple[str, str, str | None]]:
    return {(r["unit"], s["rule"], s["from"]) for r in doc["results"] for s in r["sanctions"]}


@st.composite
def orders(draw: st.DrawFn) -> tuple[list[object], list[SupervisionOrder]]:
    """A unit's violation, notice and supervision orders (with ids), as the rules read them."""
    unit = draw(st.sampled_from(UNITS)).id
    start = draw(days)
    found: list[SupervisionOrder] = []
    for number in range(draw(st.integers(1, 3))):
        issued = start + dt.timedelta(days=draw(st.integers(0, 60)))
        found.append(
            SupervisionOrder(
                id=f"o{number}",
                unit=unit,
                measure=draw(st.sampled_from(["rectification_order", "listed_supervision"])),
                issued=issued,
                deadline=issued + dt.timedelta(days=draw(st.integers(10, 120))),
            )
        )
    context = [
        Violation(unit=unit, concept="pingan_responsibility", date=start),
        Sanction(unit=unit, measure="public_notice", date=start),
    ]
    return context, found


@given(orders(), st.data())
def test_a_rectification_before_the_deadline_never_adds_a_sanction(
    given_orders: tuple[list[object], list[SupervisionOrder]], data: st.DataObject
) -> None:
    context, found = given_orders
    order = data.draw(st.sampled_from(found))
    days_before = data.draw(st.integers(0, (order.deadline - order.issued).days))
    done = Rectification(
        unit=order.unit, order=order.id, date=order.deadline - dt.timedelta(days=days_before)
    )
    as_of = max(o.deadline for o in found) + dt.timedelta(days=30)
    before = FactSet(UNITS, (*context, *found))  # type: ignore[arg-type]
    after = FactSet(UNITS, (*context, *found, done))  # type: ignore[arg-type]
    for regulation in (None, "zhejiang@draft"):
        assert sanctions(run(after, as_of, regulation)) <= sanctions(run(before, as_of, regulation))


@given(orders(), st.data())
def test_a_rectification_naming_no_order_gives_for_certain_what_it_gives_whichever_it_answers(
    given_orders: tuple[list[object], list[SupervisionOrder]], data: st.DataObject
) -> None:
    """A rectification naming no order, of a unit with several orders issued by its day,
    answers one of them: a sanction is certain from a day only when it follows from that day
    (or before) whichever order it answers, and a rule that follows whichever it answers is
    given from the latest of the days it follows from under each (Xinjiang 56, Zhejiang
    draft 58: 通报后仍未按期完成整改任务的)."""
    context, found = given_orders
    first = min(o.issued for o in found)
    day = data.draw(st.dates(first, max(o.deadline for o in found) + dt.timedelta(days=10)))
    candidates = [o.id for o in found if o.issued <= day]
    as_of = max(o.deadline for o in found) + dt.timedelta(days=30)
    unit = found[0].unit
    for regulation in (None, "zhejiang@draft"):
        left_open = sanctions(
            run(
                FactSet(UNITS, (*context, *found, Rectification(unit=unit, date=day))),  # type: ignore[arg-type]
                as_of,
                regulation,
            )
        )
        named = [
            sanctions(
                run(
                    FactSet(
                        UNITS,
                        (*context, *found, Rectification(unit=unit, order=c, date=day)),  # type: ignore[arg-type]
                    ),
                    as_of,
                    regulation,
                )
            )
            for c in candidates
        ]
        for who, rule, since in left_open:  # follows from that day whichever it answers
            assert all(
                any(w == who and r == rule and f <= since for w, r, f in each)  # type: ignore[operator]
                for each in named
            ), (rule, since)
        rules = {(w, r) for each in named for w, r, _ in each}
        for who, rule in rules:
            days = [[f for w, r, f in each if (w, r) == (who, rule)] for each in named]
            if all(days):  # follows whichever it answers: from the latest first day
                latest = max(min(d for d in found_days if d) for found_days in days)  # type: ignore[type-var]
                assert (who, rule, latest) in left_open, (rule, latest)


@given(orders(), st.randoms(use_true_random=False))
def test_links_in_any_order_give_the_same_answer(
    given_orders: tuple[list[object], list[SupervisionOrder]], random: st.SearchStrategy
) -> None:
    context, found = given_orders
    fixes = [
        Rectification(unit=o.unit, order=o.id, date=o.deadline - dt.timedelta(days=1))
        for o in found[:2]
    ]
    facts = [*context, *found, *fixes]
    shuffled = list(facts)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    as_of = max(o.deadline for o in found) + dt.timedelta(days=30)
    one = run(FactSet(UNITS, tuple(facts)), as_of)  # type: ignore[arg-type]
    other = run(FactSet(UNITS, tuple(shuffled)), as_of)  # type: ignore[arg-type]
    assert json.dumps(one) == json.dumps(other)


@given(
    st.sampled_from(UNITS),
    st.integers(2022, 2025),
    st.integers(1, 3),
    st.sampled_from(["excellent", "passed", "basically_passed"]),
    st.dates(dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
)
def test_a_later_passing_assessment_never_extends_a_bar(
    unit: Unit, year: int, later: int, result: str, as_of: dt.date
) -> None:
    failed = Assessment(unit=unit.id, year=year, result="failed", date=dt.date(year + 1, 1, 20))
    passing = Assessment(
        unit=unit.id, year=year + later, result=result, date=dt.date(year + later + 1, 1, 20)
    )

    def bars(*facts: Assessment) -> dict[tuple[str, str | None], str | None]:
        doc = run(FactSet(UNITS, facts), as_of)
        return {
            (s["rule"], s["from"]): s["until"]
            for r in doc["results"]
            for s in r["sanctions"]
            if s["measure"] in ("honor_disqualification", "no_commendation")
        }

    alone, with_later = bars(failed), bars(failed, passing)
    assert set(with_later) <= set(alone)
    for key, until in with_later.items():
        assert until is not None and alone[key] is not None and until <= alone[key]
