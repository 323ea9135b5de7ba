"""One performance meets one cycle of a recurring duty (定期组织演练, Xinjiang 19): a cycle
whose last day runs on past rest days into the next shares those days with it, and a drill
on one of them counts for one of the two (engine.deadlines.allot)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import regulations
from engine.periods import WeekendCalendar
from regulations.facts import Drill, Unit
from regulations.factsfile import FactSet

LIBRARY = regulations.load()
COUNTY = Unit(
    id="county", kind="people_government", level="county", region="xinjiang/urumqi/tianshan"
)
IN_FORCE = dt.date(2022, 1, 1)
AS_OF = dt.date(2027, 12, 31)


def cycles(drills: list[dt.date], interval: str) -> list[tuple[dt.date, dt.date, str]]:
    """Xinjiang 19's drill cycles: (first day a drill counts in, last day, status)."""
    facts = FactSet((COUNTY,), tuple(Drill(unit="county", date=d) for d in drills))
    report = regulations.evaluate(
        facts,
        "xinjiang",
        as_of=AS_OF,
        params={"regular_interval": interval},
        calendar=WeekendCalendar(),
        library=LIBRARY,
    ).to_json()
    (result,) = report["results"]
    found = []
    for duty in result["obligations"]:
        if duty["rule"] == "xinjiang.19.3":
            start = dt.date.fromisoformat(duty["start"])
            first = start if start == IN_FORCE else start + dt.timedelta(days=1)
            found.append((first, dt.date.fromisoformat(duty["due"]), duty["status"]))
    return found


@given(
    st.lists(st.dates(IN_FORCE, AS_OF), max_size=6),
    st.sampled_from(["3 months", "1 years", "2 years"]),
)
def test_one_drill_meets_one_cycle(drills: list[dt.date], interval: str) -> None:
    """However the drills fall, no more cycles are met than there were drills; a drill on
    a day only one cycle counts meets that cycle; and every cycle met has a drill inside."""
    found = cycles(drills, interval)
    met = [(first, last) for first, last, status in found if status == "met"]
    assert len(met) <= len(drills)
    for first, last in met:
        assert any(first <= d <= last for d in drills)
    for day in drills:
        holding = [(first, last, status) for first, last, status in found if first <= day <= last]
        if len(holding) == 1:
            assert holding[0][2] == "met", (day, holding)


def test_a_drill_on_a_shared_day_meets_the_cycle_before() -> None:
    """3-month cycles from 2022-01-01 under a Monday-to-Friday calendar: the third ends on
    Saturday 2022-10-01, run on to Monday 10-03, and the fourth counts from 10-02: a drill of
    Sunday 2022-10-02 falls in both and meets only the third."""
    found = cycles([dt.date(2022, 10, 2)], "3 months")
    third, fourth = found[2], found[3]
    assert third == (dt.date(2022, 7, 2), dt.date(2022, 10, 3), "met")
    assert fourth[:2] == (dt.date(2022, 10, 2), dt.date(2023, 1, 2)) and fourth[2] == "overdue"


def test_explain_says_which_cycle_a_drill_on_a_shared_day_met() -> None:
    facts = FactSet((COUNTY,), (Drill(unit="county", id="winter-drill", date=dt.date(2026, 1, 3)),))
    answer = regulations.explain(
        facts,
        "county",
        rule="xinjiang.19.3",
        as_of=dt.date(2026, 6, 30),
        params={"regular_interval": "2 years"},
        library=LIBRARY,
    )
    text = "\n".join(answer.lines())
    assert (
        "met by the drill of 2026-01-03 (winter-drill) — it fell between 2024-01-02 and 2026-01-04"
        in text
    )
    assert "no performance counted between 2026-01-02 and 2028-01-04" in text
    assert (
        "the drill of 2026-01-03 (winter-drill) fell in it too but counts for the cycle before"
        in text
    )
    performances = [a["performances"] for a in answer.to_json()["answers"] if a.get("performances")]
    later = next(p for p in performances if p["from"] == "2026-01-02")
    assert later["counted"] == []
    assert later["counted_for_another_cycle"] == [
        {"fact": "drill", "id": "winter-drill", "date": "2026-01-03"}
    ]
    earlier = next(p for p in performances if p["to"] == "2026-01-04")
    assert earlier["counted"] == [{"fact": "drill", "id": "winter-drill", "date": "2026-01-03"}]
    assert "counted_for_another_cycle" not in earlier
