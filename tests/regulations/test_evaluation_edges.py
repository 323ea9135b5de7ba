"""What evaluation does at the edges of its calendars: a period it cannot count makes one
item undetermined, never loses another event's conclusion, never stops the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import regulations
from engine.errors import PeriodError

TWO_APPEALS = """\
units:
  - {id: office, kind: pingan_coordinating_body, level: prefecture, region: xinjiang/urumqi}
appeals:
  - {unit: office, measure: one_vote_veto, received: 2026-06-01}
  - {unit: office, measure: one_vote_veto, received: 2026-12-20}
"""


class CalendarTo2026:
    """Weekends off, and no data from 2027 on (as a holiday calendar whose data ends)."""

    def is_workday(self, day: dt.date) -> bool:
        if day.year >= 2027:
            raise PeriodError(f"no holiday data for {day.year}")
        return day.weekday() < 5


def test_an_event_whose_deadline_cannot_be_counted_is_undetermined_beside_one_that_can(
    tmp_path: Path,
) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(TWO_APPEALS, encoding="utf-8")
    report = regulations.evaluate(
        facts, "xinjiang", as_of="2027-02-10", calendar=CalendarTo2026()
    ).to_json()
    (result,) = report["results"]
    timed = {o["rule"]: o["start"] for o in result["obligations"] if o["start"] == "2026-06-01"}
    open_ones = {u["rule"]: u["facts"] for u in result["undetermined"]}
    assert timed, "the first risk's duties follow with their deadlines"
    for rule in timed:  # the same duty for the second risk is not lost: it is open
        assert open_ones.get(rule) == ["appeal 2026-12-20"], (rule, open_ones)


def one_unit(folder: Path, unit: str, *incidents: str) -> Path:
    """A facts file of one unit and its incidents (each a flow mapping's inside)."""
    path = folder / "facts.yaml"
    lines = [f"units:\n  - {{{unit}}}\nincidents:\n", *(f"  - {{{i}}}\n" for i in incidents)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_a_window_reaching_past_the_calendars_last_day_still_counts(tmp_path: Path) -> None:
    """Two major cases two days apart, in the calendar's last days: the 90-day window ends
    beyond 9999-12-31, yet both lie in it, so the sanction follows (no crash, no doubt)."""
    facts = one_unit(
        tmp_path,
        "id: bank, kind: financial_institution, region: inner_mongolia/ordos",
        "unit: bank, kind: criminal_case, severity: major, date: 9999-12-29",
        "unit: bank, kind: criminal_case, severity: major, date: 9999-12-31",
    )
    (result,) = regulations.evaluate(facts, "ordos", as_of="9999-12-31").to_json()["results"]
    assert {(s["rule"], s["from"]) for s in result["sanctions"]} >= {("ordos.44.3", "9999-12-31")}


def test_facts_that_do_not_count_are_listed_with_why(tmp_path: Path) -> None:
    facts = one_unit(
        tmp_path,
        "id: gov, kind: people_government, level: county, region: xinjiang/urumqi",
        "unit: gov, kind: terrorist_incident, date: 2021-06-01, measures_not_taken: true",
        "unit: gov, kind: terrorist_incident, date: 2026-01-01, measures_not_taken: true",
    )
    (result,) = regulations.evaluate(facts, "xinjiang", as_of="2025-06-30").to_json()["results"]
    assert result["not_counted"] == [
        "incident 2021-06-01: before the law took effect (2022-01-01)",
        "incident 2026-01-01: after the day of the evaluation (2025-06-30)",
    ]
    why = regulations.explain(facts, "gov", rule="xinjiang.52.3", as_of="2025-06-30")
    assert any("incident 2021-06-01: before the law took effect" in line for line in why.lines())
