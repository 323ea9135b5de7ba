"""The PRC calendar: official schedules, statutory holidays computed beyond them
(provisional), and calendar files that override both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

import regulations
from engine.periods import Period, reckon
from regulations.calendar import ChinaCalendar, days_off, load_calendar, statutory_holidays
from regulations.errors import LoadError

D = dt.date


@pytest.mark.parametrize("year", range(2008, 2027))
def test_every_computed_statutory_holiday_is_a_day_off_in_the_official_schedule(year: int) -> None:
    """The computation agrees with the State Council's notices on every year both know."""
    for day in statutory_holidays(year):
        if day.weekday() < 5:
            assert not chinese_calendar.is_workday(day), day


def test_the_official_years_answer_as_the_state_councils_notices() -> None:
    """The schedules read once per calendar give, day by day, the package's own answer for
    every year it covers (make-up workdays included), and none of those days is provisional;
    the first day after them is."""
    calendar = ChinaCalendar()
    first, last = calendar.official.first, calendar.official.last
    day = D(first, 1, 1)
    while day.year <= last:
        assert calendar.is_workday(day) == chinese_calendar.is_workday(day), day
        assert not calendar.provisional(day), day
        day += dt.timedelta(days=1)
    assert calendar.provisional(day)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(day)


def test_2027_holidays_follow_the_2024_decree() -> None:
    days = days_off(2027)
    spring = {D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)}  # 除夕 to 初三
    assert spring <= days
    assert {D(2027, 1, 1), D(2027, 4, 5), D(2027, 5, 1), D(2027, 5, 2)} <= days
    assert {D(2027, 6, 9), D(2027, 9, 15), D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)} <= days
    # 初一 and 初二 fall on a weekend, 5月1日 on a Saturday, 10月2日 and 3日 on a weekend:
    # each gives the next free weekday off (补假)
    assert {D(2027, 2, 9), D(2027, 2, 10), D(2027, 5, 3), D(2027, 10, 4), D(2027, 10, 5)} <= days


def test_beyond_the_official_years_the_calendar_is_provisional() -> None:
    calendar = ChinaCalendar()
    assert not calendar.provisional(D(2026, 12, 31))
    assert calendar.provisional(D(2027, 1, 1))
    assert not calendar.is_workday(D(2027, 2, 8))  # 正月初三
    assert calendar.is_workday(D(2027, 2, 11))
    counted = reckon(D(2026, 12, 10), Period(30, "days"), calendar)
    assert (counted.end, counted.due, counted.skipped) == (
        D(2027, 1, 9),
        D(2027, 1, 11),
        (D(2027, 1, 9), D(2027, 1, 10)),
    )
    assert counted.provisional
    assert not reckon(D(2026, 6, 1), Period(30, "days"), calendar).provisional


CALENDAR = """\
holidays:
  - 2027-01-01
  - {from: 2027-02-05, to: 2027-02-11, name: 春节}
workdays: [2027-02-14]
"""


def test_a_calendar_file_decides_its_years_and_is_not_provisional(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR, encoding="utf-8")
    calendar = load_calendar(path)
    assert calendar.years == frozenset({2027})
    assert not calendar.is_workday(D(2027, 2, 11))  # a Thursday the file gives off
    assert calendar.is_workday(D(2027, 2, 14))  # a Sunday worked
    assert not calendar.provisional(D(2027, 2, 11))
    assert calendar.provisional(D(2028, 1, 3))  # another year: the computed holidays
    counted = reckon(D(2027, 1, 6), Period(30, "days"), calendar)
    assert counted.due == D(2027, 2, 12) and not counted.provisional


def test_evaluate_takes_a_calendar_file(tmp_path: Path) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(CALENDAR, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(
        "units: [{id: office, kind: pingan_coordinating_body, level: prefecture,"
        " region: xinjiang/urumqi}]\n"
        "appeals: [{unit: office, measure: one_vote_veto, received: 2027-01-06}]\n",
        encoding="utf-8",
    )
    doc = regulations.evaluate(facts, "xinjiang", as_of="2027-01-07", calendar=path).to_json()
    (due,) = [o for o in doc["results"][0]["obligations"] if o["article"] == 55]
    assert (due["due"], due["provisional"]) == ("2027-02-12", False)
    assert due["counted"]["calendar"] == str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("holidays: [2027-02-30]\n", "is not a date"),
        ("holidays: [{from: 2027-10-07, to: 2027-10-01}]\n", "ends (2027-10-01) before"),
        ("holidays: [2027-01-01, 2027-01-01]\n", "overlaps holidays[0]"),
        ("holidays: [2027-02-06]\nworkdays: [2027-02-06]\n", "overlaps holidays[0]"),
        ("workdays: [2027-02-17]\n", "is a Wednesday"),
        ("years: [2027]\nholidays: [2028-01-01]\n", "outside the years"),
        ("holiday: [2027-01-01]\n", "unknown key 'holiday'"),
        ("- 2027-01-01\n", "a calendar file is a mapping"),
    ],
)
def test_a_bad_calendar_file_is_a_located_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_calendar(path)
    first = caught.value.diagnostics[0]
    assert message in first.message
    assert first.span is not None and first.span.file == str(path)
