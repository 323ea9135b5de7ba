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
MAX_YEARS = 100
"""The longest legal period, in rule text or as an open term's value: 100 years, bounded by
its true length in each unit (a month is not taken for 31 days: 1200 months are 100 years)."""
MAX_DAYS = MAX_YEARS * 365 + MAX_YEARS // 4  # the most days 100 years hold (25 leap days)
MAX_WORKING_DAYS = MAX_DAYS // 7 * 5 + min(MAX_DAYS % 7, 5)  # the most weekdays they hold
MOST: dict[str, int] = {
    "years": MAX_YEARS,
    "months": 12 * MAX_YEARS,
    "days": MAX_DAYS,
    "working_days": MAX_WORKING_DAYS,
}
"""The most of each unit a period may count: as many as 100 years can hold."""
PERIOD_RANGE = (  # the usable periods, as messages say it
    f"from 1 day to {MAX_YEARS} years ({12 * MAX_YEARS} months, {MAX_DAYS} days, "
    f"{MAX_WORKING_DAYS} working_days)"
)


class WorkCalendar(Protocol):
    """Says whether a day is a working day (PeriodError outside its coverage), and whether
    that answer is provisional (computed, not yet an official schedule)."""

    @property
    def name(self) -> str: ...

    def is_workday(self, day: dt.date) -> bool: ...

    def provisional(self, day: dt.date) -> bool: ...


class WeekendCalendar:
    """Monday to Friday are working days; no holidays. For tests and foreign calendars."""

    name = "weekends"

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() < 5

    def provisional(self, day: dt.date) -> bool:
        return False


@dataclass(frozen=True)
class Reckoning:
    """How a due date was counted: from ``start`` over ``period``, the period's last day as
    counted (``end``), the rest days passed over (the last day moved past them, or, for
    working days, the days not counted), the due date, and whether the calendar's answer
    for a day that decided it is provisional. ``basis`` names the rule of counting:
    ``period`` (a legal period, Civil Code arts. 201–203), ``prompt`` (及时/立即: calendar
    days, no move past rest days), ``cycle`` (a yearly cycle's day) or ``date`` (a date
    a fact gives)."""

    start: dt.date | None
    period: Period | None
    end: dt.date
    due: dt.date
    skipped: tuple[dt.date, ...] = ()
    provisional: bool = False
    calendar: str = ""
    basis: str = "period"

    def to_json(self) -> dict[str, object]:
        return {
            "basis": self.basis,
            "start": self.start.isoformat() if self.start else None,
            "period": str(self.period) if self.period else None,
            "end": self.end.isoformat(),
            "skipped": [d.isoformat() for d in self.skipped],
            "due": self.due.isoformat(),
            "calendar": self.calendar,
            "provisional": self.provisional,
        }


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
        """Whether the period is one a rule can count (1 day to 100 years, ``MOST``): the one
        bound of periods written in rule text and of the values given to open terms."""
        return 1 <= self.amount <= MOST[self.unit]


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
    return roll(day, work)[0]


def roll(day: dt.date, work: WorkCalendar) -> tuple[dt.date, tuple[dt.date, ...]]:
    """``day`` moved to the next working day if it is a rest day, with the rest days
    passed over (Civil Code art. 203: a last day on a holiday moves to the day after)."""
    skipped: list[dt.date] = []
    for _ in range(60):
        if work.is_workday(day):
            return day, tuple(skipped)
        skipped.append(day)
        day = add(day, Period(1, "days"))
    raise PeriodError(f"no working day within 60 days after {day}")  # pragma: no cover


def _provisional(work: WorkCalendar | None, days: tuple[dt.date, ...]) -> bool:
    return work is not None and any(work.provisional(d) for d in days)


def reckon(start: dt.date, period: Period, work: WorkCalendar | None = None) -> Reckoning:
    """The due date of ``period`` counted from the event on ``start`` (the start day not
    counted; a last day on a rest day moved to the next working day), with how."""
    name = work.name if work is not None else ""
    if period.unit == "working_days":
        if work is None:
            raise PeriodError("a period in working days needs a work calendar")
        day, left, one = start, period.amount, Period(1, "days")
        counted: list[dt.date] = []
        rest: list[dt.date] = []
        while left > 0:
            day = add(day, one)
            counted.append(day)
            if work.is_workday(day):
                left -= 1
            else:
                rest.append(day)
        seen = tuple(counted)
        return Reckoning(start, period, day, day, tuple(rest), _provisional(work, seen), name)
    end = add(start, period)
    if work is None:
        return Reckoning(start, period, end, end)
    due, skipped = roll(end, work)
    return Reckoning(start, period, end, due, skipped, _provisional(work, (*skipped, due)), name)


def period_end(start: dt.date, period: Period, work: WorkCalendar | None = None) -> dt.date:
    """The last day of ``period`` counted from the event on ``start`` (start day not counted).

    >>> period_end(dt.date(2024, 3, 1), Period(30, "days"), WeekendCalendar())
    datetime.date(2024, 4, 1)
    """
    return reckon(start, period, work).due


def promptly(start: dt.date, period: Period, work: WorkCalendar | None = None) -> Reckoning:
    """The latest day of a prompt duty (及时, 立即): ``period`` after the trigger, counted
    on the calendar without moving past rest days — 及时 and 立即 are not periods of the
    Civil Code's counting (its art. 203 moves the last day of a period set in days, months
    or years); a prompt duty is not put off by a holiday. A prompt period given in working
    days counts working days."""
    if period.unit == "working_days":
        found = reckon(start, period, work)
        return Reckoning(
            start, period, found.end, found.due, found.skipped, found.provisional,
            found.calendar, "prompt",
        )  # fmt: skip
    end = add(start, period)
    return Reckoning(start, period, end, end, basis="prompt")


def week_of_month(year: int, month: int, week: int) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ``week``-th Monday-start week of a month, week 1 being the
    week that contains the month's first day (the second week of May 2024: May 6–12).

    >>> week_of_month(2024, 5, 2)
    (datetime.date(2024, 5, 6), datetime.date(2024, 5, 12))
    """
    first = dt.date(year, month, 1)
    monday = first - dt.timedelta(days=first.weekday()) + dt.timedelta(weeks=week - 1)
    return monday, monday + dt.timedelta(days=6)
