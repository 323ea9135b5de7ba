"""The work calendar as a table, for the columnar backend (engine/columnar.py): one row per
day with whether it is a working day, the day a period's last day moves to (the day itself
or the next working day) and the running number of working days, read from the same
``WorkCalendar`` the reference engine counts with (engine/periods.py). Due dates are then
joins: "within N days" the day N days on, moved to the next working day; "within N working
days" the working day whose number is N more than the start's.

A day the calendar has no answer for (beyond its data) has none here either, and a due date
whose counting would ask it is *open*: the reference engine says "calendar: …" there, so the
backend hands that subject to it. So is a due date beyond the days the table was built for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from engine.errors import PeriodError
from engine.periods import MAX_YEARS, Period, WorkCalendar

DAY = "_day"
ROLL_DAYS = 60  # the days periods.roll looks at for a working day (the day itself included)


def span(period: Period) -> int:
    """A number of days the due date of ``period`` never lies beyond (its roll included),
    for the days a table must hold; a working day count is given room for its rest days."""
    amount = period.amount
    days = {
        "days": amount,
        "months": 31 * amount,
        "years": 366 * amount,
        "working_days": 3 * amount,
    }[period.unit]
    return min(days + ROLL_DAYS, 366 * MAX_YEARS + ROLL_DAYS)


@dataclass
class WorkdayTable:
    """Days of ``calendar`` from the earliest to the latest asked for, each asked once."""

    calendar: WorkCalendar
    _answers: dict[dt.date, bool | None] = field(default_factory=dict, repr=False)
    _frame: pl.DataFrame | None = field(default=None, repr=False)
    _range: tuple[dt.date, dt.date] | None = field(default=None, repr=False)

    def covering(self, first: dt.date, last: dt.date) -> pl.DataFrame:
        """The table over at least ``first``–``last``: ``DAY``, ``workday`` (null where the
        calendar has no answer), ``next_workday`` (null where the roll would ask a day
        without one, or look further than the reference engine's 60 days), ``number`` (the
        working days up to and including the day) and ``segment`` (how many days without
        an answer come before: two days of one segment have only answered days between)."""
        if self._range is not None and self._range[0] <= first and last <= self._range[1]:
            assert self._frame is not None
            return self._frame
        if self._range is not None:
            first, last = min(first, self._range[0]), max(last, self._range[1])
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        work = [self._answer(d) for d in days]
        following: list[dt.date | None] = [None] * len(days)
        ahead: dt.date | None = None
        for i in range(len(days) - 1, -1, -1):
            if work[i] is None:
                ahead = None
            elif work[i]:
                ahead = days[i]
            found = ahead if work[i] is not None else None
            if found is not None and (found - days[i]).days >= ROLL_DAYS:
                found = None
            following[i] = found
        frame = pl.DataFrame(
            {DAY: days, "workday": work, "next_workday": following},
            schema={DAY: pl.Date, "workday": pl.Boolean, "next_workday": pl.Date},
        ).with_columns(
            pl.col("workday").fill_null(False).cast(pl.Int64).cum_sum().alias("number"),
            pl.col("workday").is_null().cast(pl.Int64).cum_sum().alias("segment"),
        )
        self._frame, self._range = frame, (first, last)
        return frame

    def _answer(self, day: dt.date) -> bool | None:
        if day not in self._answers:
            try:
                self._answers[day] = bool(self.calendar.is_workday(day))
            except PeriodError:
                self._answers[day] = None
        return self._answers[day]


def moved(start: pl.Expr, period: Period) -> pl.Expr:
    """``start + period`` on the calendar (periods.add): days as days, months and years to
    the corresponding day or the month's last; null past 9999-12-31 (where add raises)."""
    if period.unit in ("days", "working_days"):
        end = start + pl.duration(days=period.amount)
    else:
        months = period.amount * (12 if period.unit == "years" else 1)
        end = start.dt.offset_by(f"{months}mo")
    return pl.when(end <= pl.lit(dt.date.max)).then(end)


def due_dates(
    rows: pl.DataFrame,
    period: Period,
    table: WorkdayTable | None,
    roll: bool,
) -> pl.DataFrame:
    """``rows`` (a ``start`` column of dates) with ``due``, counted as periods.reckon does
    (``roll``: the last day moved past rest days) or as periods.promptly does (not moved;
    working days counted all the same), and ``_open``: where the reference engine would say
    the calendar cannot count it (or the table does not reach it)."""
    start = pl.col("start")
    if period.unit == "working_days":
        if table is None:  # "a period in working days needs a work calendar"
            return rows.with_columns(
                pl.lit(None, dtype=pl.Date).alias("due"), start.is_not_null().alias("_open")
            )
        return _working(rows, period, table)
    end = moved(start, period)
    if table is None or not roll:
        found = rows.with_columns(end.alias("due"))
        return found.with_columns((start.is_not_null() & pl.col("due").is_null()).alias("_open"))
    found = rows.with_columns(end.alias("_end"))
    bounds = found.select(pl.col("_end").min().alias("a"), pl.col("_end").max().alias("b"))
    first, last = bounds.row(0)
    if first is None:
        return found.drop("_end").with_columns(
            pl.lit(None, dtype=pl.Date).alias("due"), start.is_not_null().alias("_open")
        )
    days = table.covering(first, min(last + dt.timedelta(days=ROLL_DAYS), dt.date.max))
    rolled = found.join(
        days.select(pl.col(DAY).alias("_end"), pl.col("next_workday").alias("due")),
        on="_end",
        how="left",
    )
    return rolled.drop("_end").with_columns(
        (start.is_not_null() & pl.col("due").is_null()).alias("_open")
    )


def _working(rows: pl.DataFrame, period: Period, table: WorkdayTable) -> pl.DataFrame:
    """Working days: the day after the start is the first asked; the due date is the working
    day numbered N after the start's, every day between answered (one segment)."""
    after = pl.col("start") + pl.duration(days=1)
    bounds = rows.select(after.min().alias("a"), after.max().alias("b"))
    first, last = bounds.row(0)
    if first is None:
        return rows.with_columns(
            pl.lit(None, dtype=pl.Date).alias("due"), pl.lit(False).alias("_open")
        )
    days = table.covering(first, min(last + dt.timedelta(days=span(period)), dt.date.max))
    counted = days.select(
        pl.col(DAY).alias("_after"),
        (pl.col("number") - pl.col("workday").cast(pl.Int64) + period.amount).alias("_target"),
        pl.col("segment").alias("_segment"),
        pl.col("workday").is_not_null().alias("_known"),
    )
    ends = days.filter(pl.col("workday")).select(
        pl.col("number").alias("_target"),
        pl.col(DAY).alias("_due"),
        pl.col("segment").alias("_end_segment"),
    )
    found = (
        rows.with_columns(after.alias("_after"))
        .join(counted, on="_after", how="left")
        .join(ends, on="_target", how="left")
    )
    whole = pl.col("_known") & (pl.col("_segment") == pl.col("_end_segment"))
    return (
        found.with_columns(
            pl.when(whole).then(pl.col("_due")).alias("due"),
        )
        .with_columns((pl.col("start").is_not_null() & pl.col("due").is_null()).alias("_open"))
        .drop("_after", "_target", "_segment", "_known", "_due", "_end_segment")
    )
