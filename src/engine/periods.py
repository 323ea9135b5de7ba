"""Legal periods: how a period of days, working days, months or years runs from an event.

By default periods are counted the way PRC law counts them (Civil Code arts. 201–203): the
day of the event is not counted; a period in months or years ends on the corresponding day
(or the month's last day where there is none); a period whose last day is a rest day or a
public holiday ends on the next working day. The calendar that says which days are working
days is pluggable; a date it does not cover is a PeriodError, never a guess.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

from engine.errors import PeriodError, shown
from engine.numbers import whole_number

Unit = Literal["days", "working_days", "months", "years"]
MAX_DAYS = 100 * 366  # the longest legal period, in rule text or as an open term's value
PERIOD_RANGE = "from 1 day to 100 years"  # the usable periods, as messages say it


class WorkCalendar(Protocol):
    """Says whether a day is a working day; raises PeriodError outside its coverage."""

    def is_workday(self, day: dt.date) -> bool: ...


class WeekendCalendar:
    """Monday to Friday are working days; no holidays. For tests and foreign calendars."""

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() < 5


@dataclass(frozen=True)
class Period:
    """An amount of a unit: 30 days, 3 working_days, 1 months, 1 years."""

    amount: int
    unit: Unit

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse "30 days", "3 working_days", "1 years" (singular units accepted too)."""
        parts = text.split()
        amount = whole_number(parts[0]) if len(parts) == 2 else None
        quoted = repr(shown(text))
        if amount is None and len(parts) == 2 and parts[0].isascii() and parts[0].isdigit():
            raise ValueError(f"{quoted} is not a usable legal period; give {PERIOD_RANGE}")
        if amount is None:
            raise ValueError(
                f"{quoted} is not a period; write it as '30 days', '2 months' or '1 years'"
            )
        unit = parts[1] if parts[1].endswith("s") else parts[1] + "s"
        if unit not in ("days", "working_days", "months", "years"):
            raise ValueError(
                f"{parts[1]!r} is not a period unit; use days, working_days, months or years"
            )
        period = cls(amount, unit)  # type: ignore[arg-type]
        if not period.usable():
            raise ValueError(f"{quoted} is not a usable legal period; give {PERIOD_RANGE}")
        return period

    def usable(self) -> bool:
        """Whether the period is one a rule can count (1 day to 100 years): the one bound
        of periods written in rule text and of the values given to open terms."""
        return 1 <= self.days_at_most() <= MAX_DAYS

    def days_at_most(self) -> int:
        """An upper bound of the period in days (to keep periods within reason)."""
        per = {"days": 1, "working_days": 3, "months": 31, "years": 366}[self.unit]
        return self.amount * per


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later; the month's last day where there is none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise PeriodError(f"{day} + {months} months falls outside the calendar")
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def add(day: dt.date, period: Period) -> dt.date:
    """``day`` moved on by ``period`` on the calendar (working days counted as days); beyond
    the calendar's last day (9999-12-31) a PeriodError, never an OverflowError."""
    if period.unit in ("days", "working_days"):
        try:
            return day + dt.timedelta(days=period.amount)
        except OverflowError as exc:
            raise PeriodError(f"{day} + {period} falls outside the calendar") from exc
    return add_months(day, period.amount * (12 if period.unit == "years" else 1))


def next_workday(day: dt.date, work: WorkCalendar) -> dt.date:
    """``day`` itself if it is a working day, else the next working day."""
    for _ in range(60):
        if work.is_workday(day):
            return day
        day += dt.timedelta(days=1)
    raise PeriodError(f"no working day within 60 days after {day}")  # pragma: no cover


def period_end(start: dt.date, period: Period, work: WorkCalendar | None = None) -> dt.date:
    """The last day of ``period`` counted from the event on ``start`` (start day not counted).

    >>> period_end(dt.date(2024, 3, 1), Period(30, "days"), WeekendCalendar())
    datetime.date(2024, 4, 1)
    """
    if period.unit == "working_days":
        if work is None:
            raise PeriodError("a period in working days needs a work calendar")
        day, left, one = start, period.amount, Period(1, "days")
        while left > 0:
            day = add(day, one)
            if work.is_workday(day):
                left -= 1
        return day
    end = add(start, period)
    return next_workday(end, work) if work is not None else end


def week_of_month(year: int, month: int, week: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ``week``-th Monday-start week of a month, week 1 being the
    week that contains the month's first day (the second week of May 2024: May 6–12).

    >>> week_of_month(2024, 5, 2)
    (datetime.date(2024, 5, 6), datetime.date(2024, 5, 12))
    """
    first = dt.date(year, month, 1)
    monday = first - dt.timedelta(days=first.weekday()) + dt.timedelta(weeks=week - 1)
    return monday, monday + dt.timedelta(days=6)
