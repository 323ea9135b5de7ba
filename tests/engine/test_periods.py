"""Legal periods: start day not counted, month ends, rest days and holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from engine import Period, WeekendCalendar, period_end
from engine.periods import add_months, week_of_month

D = dt.date


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (D(2024, 3, 1), Period(30, "days"), D(2024, 4, 1)),  # 31 Mar is a Sunday → Monday
        (D(2024, 3, 4), Period(3, "days"), D(2024, 3, 7)),  # start day not counted
        (D(2024, 1, 31), Period(1, "months"), D(2024, 2, 29)),  # no 31 Feb: the month's last day
        (D(2023, 3, 31), Period(1, "months"), D(2023, 5, 1)),  # 30 Apr 2023 is a Sunday
        (D(2024, 2, 29), Period(1, "years"), D(2025, 2, 28)),
        (D(2024, 3, 1), Period(3, "working_days"), D(2024, 3, 6)),  # Fri → Mon, Tue, Wed
    ],
)
def test_period_end(start: dt.date, period: Period, end: dt.date) -> None:
    assert period_end(start, period, WeekendCalendar()) == end


def test_months_without_calendar_do_not_shift() -> None:
    assert period_end(D(2024, 3, 1), Period(30, "days")) == D(2024, 3, 31)
    assert add_months(D(2024, 12, 31), 2) == D(2025, 2, 28)


def test_second_week_of_may_matches_the_official_culture_weeks() -> None:
    assert week_of_month(2024, 5, 2) == (D(2024, 5, 6), D(2024, 5, 12))
    assert week_of_month(2025, 5, 2) == (D(2025, 5, 5), D(2025, 5, 11))


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("1200 months", True),  # exactly 100 years (a month is not 31 days)
        ("100 years", True),
        ("36525 days", True),  # 100 years with 25 leap days
        ("26090 working_days", True),  # the weekdays those days hold
        ("1201 months", False),
        ("101 years", False),
        ("36526 days", False),
        ("26091 working_days", False),
        ("0 days", False),
    ],
)
def test_periods_are_bounded_by_their_true_length(text: str, usable: bool) -> None:
    if usable:
        assert str(Period.parse(text)) == text
    else:
        with pytest.raises(ValueError, match="not a usable legal period"):
            Period.parse(text)


def test_the_longest_periods_end_100_years_on() -> None:
    start = D(2000, 1, 31)
    assert period_end(start, Period.parse("1200 months")) == D(2100, 1, 31)
    assert period_end(start, Period.parse("100 years")) == D(2100, 1, 31)
    assert period_end(start, Period.parse("36525 days")) == D(2100, 1, 31)  # 25 leap days


@pytest.mark.parametrize("text", ["soon", "3", "3 weeks", "x days"])
def test_bad_period_text(text: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(text)
