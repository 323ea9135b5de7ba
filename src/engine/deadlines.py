"""Due dates and their status: how long after an event, which yearly cycle, whether met.

``Deadlines`` is a mixin of the Evaluator: it reads the evaluation's date, open terms and
calendar, and the facts of the subject under evaluation.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from engine import ast
from engine.errors import PeriodError
from engine.match import Context, Match
from engine.periods import Period, WorkCalendar, next_workday, period_end, week_of_month
from engine.results import Conclusion, Status, Undetermined

if TYPE_CHECKING:
    from engine.rules import CompiledRule, RuleSet


class Deadlines:
    """Due dates, cycles and status of obligations."""

    ruleset: RuleSet
    as_of: dt.date
    params: Mapping[str, Any]
    calendar: WorkCalendar | None

    def date_of(self, ref: ast.DateRef, ctx: Context, match: Match) -> dt.date | None:
        obj = match.env.get(ref.fact)
        if obj is None:
            candidates = [
                o for o in ctx.facts.get(ref.fact, ()) if getattr(o, ref.field_name, None)
            ]
            obj = max(candidates, key=lambda o: getattr(o, ref.field_name), default=None)
        value = getattr(obj, ref.field_name, None) if obj is not None else None
        return value if isinstance(value, dt.date) else None

    def deadline(
        self,
        node: ast.Rule,
        ctx: Context,
        match: Match,
        start: dt.date | None,
        anchor: dt.date | None = None,
    ) -> tuple[dt.date | None, dt.date | None]:
        """(start, due) of an obligation; a recurring duty never performed runs from
        ``anchor`` (the day its rule took effect)."""
        due = node.due
        if isinstance(due, ast.Within):
            begin = self.date_of(due.after, ctx, match)
            period = self.period(due.period)
            if begin is None or period is None:
                return begin, None
            return begin, period_end(begin, period, self.calendar)
        if isinstance(due, ast.Immediately):
            begin = self.date_of(due.after, ctx, match)
            prompt = self.params.get(self.ruleset.schema.prompt_param or "")
            if begin is None or prompt is None:
                return begin, None
            return begin, period_end(begin, prompt, self.calendar)
        if isinstance(due, ast.ByDate):
            return start, self.date_of(due.date, ctx, match)
        if isinstance(due, ast.Every):
            period = self.period(due.period)
            last = self.last_performed(node, ctx)
            begin = last or start or anchor
            if period is None or begin is None:
                return begin, None
            return begin, period_end(begin, period, self.calendar)
        return start, None

    def yearly(
        self,
        rule: CompiledRule,
        ctx: Context,
        match: Match,
        due: ast.Yearly,
        anchor: dt.date | None,
    ) -> Iterator[Conclusion | Undetermined]:
        """This year's cycle of a yearly duty, and last year's too when it was missed (and
        the law was in force then). A cycle runs from 1 January (or the day the law took
        effect) to its day; a last day on a rest day moves to the next working day."""
        node = rule.node
        for year in (self.as_of.year - 1, self.as_of.year):
            if not dt.MINYEAR < year < dt.MAXYEAR:
                continue
            try:
                start, end = self.cycle(due, year)
            except PeriodError as exc:  # this cycle's day is beyond the calendar: say so
                yield Undetermined(rule, ctx.subject.id, (f"calendar: {exc}",), match.support)
                continue
            if anchor is not None:
                if dt.date(year, 12, 31) < anchor or end < anchor:
                    continue  # that year's cycle was over before the law took effect
                start = max(start, anchor)
            status = self.status(node, ctx, start, end)
            if year < self.as_of.year and status != "overdue":
                continue  # only a missed earlier cycle is worth reporting
            yield Conclusion(
                "obligation",
                rule,
                ctx.subject.id,
                match.support,
                start=start,
                due=end,
                status=status,
            )

    def cycle(self, due: ast.Yearly, year: int) -> tuple[dt.date, dt.date]:
        """First and last day of a yearly duty's cycle in ``year``."""
        if due.in_week is not None:
            return week_of_month(year, *due.in_week)  # a week to hold something in, not a deadline
        month, day = due.by_month_day or (12, 31)
        last = dt.date(year, month, min(day, _calendar.monthrange(year, month)[1]))
        if self.calendar is not None:
            last = next_workday(last, self.calendar)
        return dt.date(year, 1, 1), last

    def period(self, node: ast.Period) -> Period | None:
        if isinstance(node, ast.FixedPeriod):
            return Period(node.amount, node.unit)
        value = self.params.get(node.name)
        return value if isinstance(value, Period) else None

    def last_performed(self, node: ast.Rule, ctx: Context) -> dt.date | None:
        fact = self.ruleset.schema.fulfilment_fact
        if fact is None:
            return None
        dates = ctx.dates(fact, node.concept)
        return dates[-1] if dates else None

    def status(self, node: ast.Rule, ctx: Context, start: dt.date | None, due: dt.date) -> Status:
        """met when the duty was performed in its period (as often as a yearly duty asks),
        overdue when the period has passed without it, pending otherwise."""
        fact = self.ruleset.schema.fulfilment_fact
        dates = ctx.dates(fact, node.concept) if fact else []
        lo = bisect.bisect_left(dates, start) if start is not None else 0
        done = bisect.bisect_right(dates, due) - lo  # performed within [start, due]
        needed = node.due.at_least if isinstance(node.due, ast.Yearly) and node.due.at_least else 1
        if isinstance(node.due, ast.Every):
            return "overdue" if self.as_of > due else ("met" if done > 0 else "pending")
        if done >= needed:
            return "met"
        return "overdue" if self.as_of > due else "pending"
