"""Due dates and their status: how long after an event, which yearly cycle, whether met.

Pure functions of a rule, the subject's facts (``Context``), the match that fired the rule
and a ``Clock`` (the day of the evaluation, the open terms' values, the work calendar). A
due date the calendar cannot count (beyond its data, past 9999-12-31) is never a guess and
never the end of the run: the duty is undetermined, "calendar: …", for that event.
"""

from __future__ import annotations

import bisect
import calendar as _calendar
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine import ast
from engine.context import Context, Match
from engine.errors import PeriodError
from engine.periods import Period, Reckoning, WorkCalendar, promptly, reckon, roll, week_of_month
from engine.results import Conclusion, DerivedFact, Status, Undetermined

if TYPE_CHECKING:
    from engine.rules import CompiledRule


@dataclass(frozen=True)
class Clock:
    """What due dates are counted with: the day of the evaluation, the open terms' values,
    the work calendar (None: calendar days only), the fact type saying a duty was performed
    and the open term that says how soon 'immediately' is (both from the Schema)."""

    as_of: dt.date
    params: Mapping[str, Any]
    calendar: WorkCalendar | None = None
    fulfilment_fact: str | None = None
    prompt_param: str | None = None
    fulfilment_link: str | None = None  # the field of a performance naming the event it answers
    # which recurring duties' cycles are reported: those not over before this day (the
    # cycles stay the law's; a draft without a day it took effect counts them from it)
    since: dt.date | None = None
    # the due dates counted so far, by what they were counted from: the same for every
    # subject of a run, whose calendar and open terms do not change
    _counted: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)

    def reckon(self, start: dt.date, length: Period) -> Reckoning:
        """``periods.reckon`` on this clock's calendar, counted once per start and period."""
        key = (start, length)
        found: Reckoning | None = self._counted.get(key)
        if found is None:
            found = self._counted[key] = reckon(start, length, self.calendar)
        return found

    def cycle(self, due: ast.Yearly, year: int) -> tuple[dt.date, Reckoning]:
        """``cycle`` on this clock's calendar, counted once per yearly due and year."""
        key = (due, year)
        found: tuple[dt.date, Reckoning] | None = self._counted.get(key)
        if found is None:
            found = self._counted[key] = cycle(due, year, self.calendar)
        return found


def obligation(
    rule: CompiledRule, ctx: Context, match: Match, start: dt.date | None, clock: Clock
) -> Iterator[Conclusion | Undetermined]:
    """What a duty whose condition holds comes to: its due date and status (this year's
    cycle, and a missed one, for a yearly duty); undetermined where the calendar cannot
    count the due date."""
    node = rule.node
    if node.when is None and node.due is None:
        return  # a standing duty: binding and nothing to compute
    anchor = anchor_of(rule, clock)
    recurring = isinstance(node.due, ast.Yearly | ast.Every) and node.when is None
    if recurring and anchor is not None and clock.as_of < anchor:
        return  # a recurring duty of a law not yet in force
    if isinstance(node.due, ast.Yearly):
        yield from yearly(rule, ctx, match, node.due, anchor, clock)
        return
    if recurring and anchor is not None and isinstance(node.due, ast.Every):
        length = period(node.due.period, clock.params)
        if length is not None:
            yield from every(rule, ctx, match, length, anchor, clock)
            return
    try:
        start_, counted = deadline(node, ctx, match, start, anchor, clock)
    except PeriodError as exc:  # the due date is beyond the calendar: say so
        yield Undetermined(rule, ctx.subject.id, (f"calendar: {exc}",), match.support)
        return
    due = counted.due if counted is not None else None
    state = status(node, ctx, start_, due, clock) if due is not None else None
    if state == "met" and due is not None and start_ is not None:
        state, rivals = occurrence(node, ctx, match, start_, due, clock)
        if rivals:  # a performance that names no occurrence, on a day several were open
            need = f"{clock.fulfilment_fact}.{clock.fulfilment_link}: one of {', '.join(rivals)}"
            yield Undetermined(rule, ctx.subject.id, (need,), match.support)
            return
    yield Conclusion(
        "obligation",
        rule,
        ctx.subject.id,
        match.support,
        start=start_,
        due=due,
        status=state,
        reckoning=counted,
    )


def anchor_of(rule: CompiledRule, clock: Clock) -> dt.date | None:
    """The day a recurring duty's cycles count from: the day its rule took effect, whatever
    ``Clock.since`` is (``since`` only chooses which cycles are reported: `reported`); for a
    draft without that day, ``Clock.since`` (nothing else to count from), else None."""
    value = rule.meta.get("in_force")
    if isinstance(value, dt.date):
        return value
    return clock.since


def reported(due: dt.date, clock: Clock) -> bool:
    """Whether a recurring duty's cycle whose last day is ``due`` is reported: not when its
    period ended before ``Clock.since`` (the cycles asked for are those still running on
    that day or later)."""
    return clock.since is None or due >= clock.since


def recounted(rule: CompiledRule, clock: Clock) -> bool:
    """Whether a recurring duty's cycles are fixed by the rule and the clock alone, the
    subject's performances deciding only each cycle's status (and, without a day it took
    effect, whether a past yearly cycle is reported): a yearly duty, or one recurring every
    period from a known day, with no condition."""
    node = rule.node
    if node.when is not None or node.kind != "obligation" or node.concept is None:
        return False
    if isinstance(node.due, ast.Yearly):
        return True
    return (
        isinstance(node.due, ast.Every)
        and anchor_of(rule, clock) is not None
        and period(node.due.period, clock.params) is not None
    )


def date_of(ref: ast.DateRef, ctx: Context, match: Match) -> dt.date | None:
    """The date ``ref`` names: of the fact the match bound, else the latest such fact's."""
    obj = match.env.get(ref.fact)
    if obj is None:
        candidates = [o for o in ctx.read_as(ref.fact) if getattr(o, ref.field_name, None)]
        obj = max(candidates, key=lambda o: getattr(o, ref.field_name), default=None)
    value = getattr(obj, ref.field_name, None) if obj is not None else None
    return value if isinstance(value, dt.date) else None


def year_end(node: ast.YearEnd, ctx: Context, match: Match) -> dt.date | None:
    """31 December of the year a fact names (``assessment.year``, or a date's year), plus
    ``offset`` years: when a consequence tied to that year's cycle ends."""
    ref = node.ref
    obj = match.env.get(ref.fact)
    if obj is None:
        obj = next((o for o in match.support if getattr(o, "fact_type", "") == ref.fact), None)
    value = getattr(obj, ref.field_name, None) if obj is not None else None
    if isinstance(value, dt.date):
        value = value.year
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    year = value + node.offset
    return dt.date(year, 12, 31) if dt.MINYEAR <= year <= dt.MAXYEAR else None


DECISION_DAY = "date: the day of the decision it rests on (本年度: it lasts that year)"
"""What a consequence lasting 本年度 (``until year_end``) waits on when its end is unknown."""


def decision_year_end(start: dt.date | None, support: tuple[Any, ...]) -> dt.date | None:
    """When a consequence lasting 本年度 (``until year_end``: 取消其本年度……资格, the year
    of the decision it rests on) ends: 31 December of the year its condition came to hold,
    when that day is a decision's. None when it is not known: no fact it rests on is dated,
    or one is a sanction the rules derived (what the law says follows: its date is that of
    the facts it rests on, not the day the body decided, which may be a later year)."""
    if start is None or any(isinstance(f, DerivedFact) for f in support):
        return None
    return dt.date(start.year, 12, 31)


def deadline(
    node: ast.Rule,
    ctx: Context,
    match: Match,
    start: dt.date | None,
    anchor: dt.date | None,
    clock: Clock,
) -> tuple[dt.date | None, Reckoning | None]:
    """(start, how the due date is counted) of an obligation; a recurring duty never
    performed runs from ``anchor`` (the day its rule took effect). Raises PeriodError
    beyond the calendar."""
    due = node.due
    if isinstance(due, ast.Within):
        begin = date_of(due.after, ctx, match)
        length = period(due.period, clock.params)
        if begin is None or length is None:
            return begin, None
        return begin, clock.reckon(begin, length)
    if isinstance(due, ast.Immediately):
        begin = date_of(due.after, ctx, match)
        prompt = clock.params.get(clock.prompt_param or "")
        if begin is None or prompt is None:
            return begin, None
        return begin, promptly(begin, prompt, clock.calendar)
    if isinstance(due, ast.ByDate):
        day = date_of(due.date, ctx, match)
        return start, Reckoning(start, None, day, day, basis="date") if day else None
    if isinstance(due, ast.Every):
        length = period(due.period, clock.params)
        last = last_performed(node, ctx, clock)
        begin = last or start or anchor
        if length is None or begin is None:
            return begin, None
        return begin, clock.reckon(begin, length)
    return start, None


def yearly(
    rule: CompiledRule,
    ctx: Context,
    match: Match,
    due: ast.Yearly,
    anchor: dt.date | None,
    clock: Clock,
) -> Iterator[Conclusion | Undetermined]:
    """Every cycle of a yearly duty from the year the law took effect to this year, each
    met, overdue or pending by the performances it is owed (``allot``), those over before
    ``Clock.since`` left out; without a day it took effect (a draft), from the year of
    ``Clock.since``, else this year's and a missed last year's. A cycle runs from 1 January
    (or the day the law took effect) to its day; a last day on a rest day moves to the next
    working day."""
    node = rule.node
    cycles = list(_yearly_cycles(due, anchor, clock))
    owed = allot(
        [(c[1], c[2].due) for c in cycles if not isinstance(c, PeriodError)],
        _performances(node, ctx, clock),
        needed(node),
    )
    for item in cycles:
        if isinstance(item, PeriodError):  # this cycle's day is beyond the calendar: say so
            yield Undetermined(rule, ctx.subject.id, (f"calendar: {item}",), match.support)
            continue
        year, start, counted = item
        count = len(owed.pop(0))
        end = counted.due
        if not reported(end, clock):
            continue  # over before the cycles asked for
        state = _state(count, needed(node), end, clock)
        if anchor is None and year < clock.as_of.year and state != "overdue":
            continue  # no day it took effect: only a missed earlier cycle is worth reporting
        yield Conclusion(
            "obligation",
            rule,
            ctx.subject.id,
            match.support,
            start=start,
            due=end,
            status=state,
            reckoning=counted,
        )


def _yearly_cycles(
    due: ast.Yearly, anchor: dt.date | None, clock: Clock
) -> Iterator[tuple[int, dt.date, Reckoning] | PeriodError]:
    """(year, first day, how its last day is found) of each cycle of a yearly duty that
    ``yearly`` considers, in order; a cycle whose day the calendar cannot count as the
    error saying so."""
    first = anchor.year if anchor is not None else clock.as_of.year - 1
    first = max(first, clock.as_of.year - MAX_CYCLES + 1)
    for year in range(first, clock.as_of.year + 1):
        if not dt.MINYEAR < year < dt.MAXYEAR:
            continue
        try:
            start, counted = clock.cycle(due, year)
        except PeriodError as exc:
            yield exc
            continue
        if anchor is not None:
            if dt.date(year, 12, 31) < anchor or counted.due < anchor:
                continue  # that year's cycle was over before the law took effect
            start = max(start, anchor)
        yield year, start, counted


MAX_CYCLES = 100
"""The most cycles of one recurring duty reported (the latest ones)."""


def every(
    rule: CompiledRule,
    ctx: Context,
    match: Match,
    length: Period,
    anchor: dt.date,
    clock: Clock,
) -> Iterator[Conclusion | Undetermined]:
    """Every cycle of a duty recurring each ``length`` (定期: ``regular_interval``), from the
    day the law took effect (``anchor_of``) to the day of the evaluation, those over before
    ``Clock.since`` left out: cycle k runs from the end of cycle k - 1 (the first from the
    anchor day itself) over ``length``, its last day moved past rest days; each is met by a
    performance inside it that no earlier cycle is owed (``allot``), else overdue once it
    has ended, else pending."""
    node = rule.node
    cycles = list(_every_cycles(length, anchor, clock))
    owed = allot(
        [(c[1], c[2].due) for c in cycles if not isinstance(c, PeriodError)],
        _performances(node, ctx, clock),
        needed(node),
    )
    found: list[Conclusion] = []
    for item in cycles:
        if isinstance(item, PeriodError):
            yield Undetermined(rule, ctx.subject.id, (f"calendar: {item}",), match.support)
            break
        begin, _, counted = item
        count = len(owed.pop(0))
        if reported(counted.due, clock):
            found.append(
                Conclusion(
                    "obligation",
                    rule,
                    ctx.subject.id,
                    match.support,
                    start=begin,
                    due=counted.due,
                    status=_state(count, needed(node), counted.due, clock),
                    reckoning=counted,
                )
            )
    yield from found[-MAX_CYCLES:]


def _every_cycles(
    length: Period, anchor: dt.date, clock: Clock
) -> Iterator[tuple[dt.date, dt.date, Reckoning] | PeriodError]:
    """(start, first day a performance counts in, how its last day is found) of each cycle
    of a duty recurring every ``length`` from ``anchor`` to the day of the evaluation, in
    order: a cycle after the first counts from the day after its start, the last day of
    the one before; a cycle the calendar cannot count ends them, as the error saying so."""
    begin, first = anchor, True
    for _ in range(MAX_CYCLES * 40):  # bounded: a period of one day over a century ends
        if begin > clock.as_of:
            return
        try:
            counted = clock.reckon(begin, length)
        except PeriodError as exc:
            yield exc
            return
        yield begin, begin if first else begin + dt.timedelta(days=1), counted
        if counted.end <= begin:
            return
        begin, first = counted.end, False


def allot(
    windows: list[tuple[dt.date, dt.date]], performed: list[tuple[dt.date, Any]], each: int
) -> list[list[Any]]:
    """The performances each cycle of a recurring duty is owed, the cycles in order: one
    performance discharges one occurrence of the duty. A cycle's last day on a rest day
    runs on to the next working day (Civil Code art. 203), into the days the next cycle
    already counts from, so a performance on such a day falls in two cycles; it counts for
    the earlier, whose period the law extended so that it could be performed then, when
    that cycle still wants it, and otherwise for the next (the occurrence falling due first
    is discharged first, as a performance naming none is allotted to the debt due first,
    Civil Code art. 560). Each cycle takes, up to ``each`` (每年至少N次), the earliest
    performances inside it not taken by an earlier one; ``performed`` is (day, fact) in
    day order.

    >>> D = dt.date
    >>> allot([(D(2024, 1, 1), D(2026, 1, 4)), (D(2026, 1, 2), D(2028, 1, 3))],
    ...       [(D(2026, 1, 3), "drill")], 1)
    [['drill'], []]
    >>> allot([(D(2024, 1, 1), D(2026, 1, 4)), (D(2026, 1, 2), D(2028, 1, 3))],
    ...       [(D(2025, 5, 1), "spring"), (D(2026, 1, 3), "drill")], 1)
    [['spring'], ['drill']]
    """
    days = [day for day, _ in performed]
    taken = [False] * len(performed)
    owed: list[list[Any]] = []
    for first, last in windows:
        found: list[Any] = []
        at = bisect.bisect_left(days, first)
        while at < len(performed) and days[at] <= last and len(found) < each:
            if not taken[at]:
                taken[at] = True
                found.append(performed[at][1])
            at += 1
        owed.append(found)
    return owed


def _performances(node: ast.Rule, ctx: Context, clock: Clock) -> list[tuple[dt.date, Any]]:
    """The days the subject performed the duty's concept, as (day, day), in order."""
    dates = ctx.dates(clock.fulfilment_fact, node.concept) if clock.fulfilment_fact else []
    return [(day, day) for day in dates]


def _state(count: int, wanted: int, due: dt.date, clock: Clock) -> Status:
    """met when a cycle was performed as often as it asks, else overdue once its last day
    has passed, else pending."""
    if count >= wanted:
        return "met"
    return "overdue" if clock.as_of > due else "pending"


def cycles(rule: CompiledRule, clock: Clock) -> list[tuple[dt.date, dt.date, dt.date]]:
    """(start, first day a performance counts in, due) of every cycle of a recurring duty
    (yearly, or every period from a known day, with no condition), as ``yearly`` and
    ``every`` count them, reported or not; [] for any other duty."""
    node = rule.node
    anchor = anchor_of(rule, clock)
    if isinstance(node.due, ast.Yearly):
        return [
            (c[1], c[1], c[2].due)
            for c in _yearly_cycles(node.due, anchor, clock)
            if not isinstance(c, PeriodError)
        ]
    length = period(node.due.period, clock.params) if isinstance(node.due, ast.Every) else None
    if node.when is not None or anchor is None or length is None:
        return []
    return [
        (c[0], c[1], c[2].due)
        for c in _every_cycles(length, anchor, clock)
        if not isinstance(c, PeriodError)
    ]


def cycle(due: ast.Yearly, year: int, calendar: WorkCalendar | None) -> tuple[dt.date, Reckoning]:
    """First day of a yearly duty's cycle in ``year``, and how its last day is found: the
    day the rule names (31 December by default), moved past rest days as the Civil Code
    moves a period's last day (art. 203).

    >>> from engine.span import Span
    >>> first, last = cycle(ast.Yearly(Span("x", 1, 1), by_month_day=(2, 30)), 2025, None)
    >>> first, last.due
    (datetime.date(2025, 1, 1), datetime.date(2025, 2, 28))
    """
    if due.in_week is not None:  # a week to hold something in, not a deadline
        first, last = week_of_month(year, *due.in_week)
        return first, Reckoning(None, None, last, last, basis="cycle")
    month, day = due.by_month_day or (12, 31)
    last = dt.date(year, month, min(day, _calendar.monthrange(year, month)[1]))
    if calendar is None:
        return dt.date(year, 1, 1), Reckoning(None, None, last, last, basis="cycle")
    due_day, skipped = roll(last, calendar)
    provisional = any(calendar.provisional(d) for d in (*skipped, due_day))
    counted = Reckoning(None, None, last, due_day, skipped, provisional, calendar.name, "cycle")
    return dt.date(year, 1, 1), counted


def period(node: ast.Period, params: Mapping[str, Any]) -> Period | None:
    """The period a rule names: written out, or an open term's value (None when unset)."""
    if isinstance(node, ast.FixedPeriod):
        return Period(node.amount, node.unit)
    value = params.get(node.name)
    return value if isinstance(value, Period) else None


def last_performed(node: ast.Rule, ctx: Context, clock: Clock) -> dt.date | None:
    """The last day the subject performed the duty's concept, if ever."""
    if clock.fulfilment_fact is None:
        return None
    dates = ctx.dates(clock.fulfilment_fact, node.concept)
    return dates[-1] if dates else None


def _label(fact: Any) -> str:
    found = getattr(fact, "label", None)
    return str(found) if found else f"{getattr(fact, 'fact_type', 'fact')}"


def occurrence(
    node: ast.Rule, ctx: Context, match: Match, start: dt.date, due: dt.date, clock: Clock
) -> tuple[Status, tuple[str, ...]]:
    """Whether a duty arising from one event (a risk to remove, an appeal to review) was
    performed for that event: a performance naming the event (``fulfilment_link``) meets
    it; one naming another event does not; one naming none meets it when no other event of
    its kind was open that day, and otherwise leaves it open among them (the labels)."""
    ref = node.due.after if isinstance(node.due, ast.Within | ast.Immediately) else None
    trigger = match.env.get(ref.fact) if ref is not None else None
    fact, link = clock.fulfilment_fact, clock.fulfilment_link
    late: Status = "overdue" if clock.as_of > due else "pending"
    if trigger is None or ref is None or fact is None or link is None:
        return "met", ()
    done = [
        p
        for p in ctx.facts.get(fact, ())
        if getattr(p, "concept", None) == node.concept and start <= p.date <= due
    ]
    key = getattr(trigger, "id", None)
    if key is not None and any(getattr(p, link, None) == key for p in done):
        return "met", ()
    loose = [p.date for p in done if getattr(p, link, None) is None]
    if not loose:
        return late, ()
    length = due - start
    named = {getattr(p, link, None) for p in ctx.facts.get(fact, ())}
    rivals = [
        other
        for other in ctx.facts.get(ref.fact, ())
        if other is not trigger
        and getattr(other, "id", None) not in named - {None}
        and isinstance(day := getattr(other, ref.field_name, None), dt.date)
        and any(day <= p <= day + length for p in loose)
    ]
    if not rivals:
        return "met", ()
    return late, tuple(sorted({_label(trigger), *(_label(o) for o in rivals)}))


def needed(node: ast.Rule) -> int:
    """How many performances one period of the duty asks for (每年至少N次: N; else 1)."""
    return node.due.at_least if isinstance(node.due, ast.Yearly) and node.due.at_least else 1


def met_by(
    rule: CompiledRule, conclusion: Conclusion, performed: Iterable[Any], clock: Clock
) -> tuple[dt.date | None, dt.date | None, tuple[Any, ...]]:
    """Why a duty's status is what it is: the days a performance counts in (from, to — the
    days `status` counts: from its start, or for a cycle after the first of a duty recurring
    every period from the day after its start, which is the last day of the cycle before, to
    its due date) and the performances of its concept among ``performed`` that fell in them,
    in date order (one naming the event first): for a met duty the first as many as it
    asks, else all (fewer than it asks: 每年至少两次 with one). A performance naming another
    event than the one the duty arose from does not count (`occurrence`); of a recurring
    duty's cycle, only those it is owed (``allot``: one owed to the cycle before, on a day
    that cycle ran on into, is ``counted_elsewhere``). (None, None, ()) for a duty with no
    due date."""
    node = rule.node
    start, due = conclusion.start, conclusion.due
    if due is None:
        return None, None, ()
    owed = _owed(rule, conclusion, performed, clock)
    if owed is not None:  # a recurring duty's cycle: the performances it is owed (``allot``)
        first, mine, _ = owed
        return first, due, mine
    link = clock.fulfilment_link
    ref = node.due.after if isinstance(node.due, ast.Within | ast.Immediately) else None
    events = {
        getattr(f, "id", None) for f in conclusion.support if ref and f.fact_type == ref.fact
    } - {None}
    inside = sorted(
        (
            p
            for p in performed
            if getattr(p, "concept", None) == node.concept
            and (start is None or start <= p.date)
            and p.date <= due
            and not (link and events and getattr(p, link, None) not in (None, *events))
        ),
        key=lambda p: (bool(link and events and getattr(p, link, None) is None), p.date),
    )  # a performance naming the event first, then by date
    return start, due, tuple(inside[: needed(node)] if conclusion.status == "met" else inside)


def counted_elsewhere(
    rule: CompiledRule, conclusion: Conclusion, performed: Iterable[Any], clock: Clock
) -> tuple[Any, ...]:
    """The performances among ``performed`` that fell in a recurring duty's cycle but count
    for another (``allot``: a performance on a day the cycle before ran on into, owed to
    that cycle), in date order; () for any other duty."""
    owed = _owed(rule, conclusion, performed, clock)
    return owed[2] if owed is not None else ()


def _owed(
    rule: CompiledRule, conclusion: Conclusion, performed: Iterable[Any], clock: Clock
) -> tuple[dt.date, tuple[Any, ...], tuple[Any, ...]] | None:
    """For a cycle of a recurring duty (``cycles``): the first day a performance counts in,
    the performances it is owed, and those inside it owed to another cycle; else None."""
    node = rule.node
    found = cycles(rule, clock)
    at = next(
        (
            i
            for i, (begin, _, end) in enumerate(found)
            if (begin, end) == (conclusion.start, conclusion.due)
        ),
        None,
    )
    if at is None:
        return None
    done = sorted(
        (p for p in performed if getattr(p, "concept", None) == node.concept),
        key=lambda p: p.date,
    )
    owed = allot([(f, e) for _, f, e in found], [(p.date, p) for p in done], needed(node))
    _, first, due = found[at]
    mine = tuple(owed[at])
    others = tuple(
        p
        for p in done
        if first <= p.date <= due
        and not any(p is q for q in mine)
        and any(p is q for i, taken in enumerate(owed) if i != at for q in taken)
    )
    return first, mine, others


def status(
    node: ast.Rule, ctx: Context, start: dt.date | None, due: dt.date, clock: Clock
) -> Status:
    """met when the duty was performed in its period (as often as a yearly duty asks),
    overdue when the period has passed without it, pending otherwise."""
    fact = clock.fulfilment_fact
    dates = ctx.dates(fact, node.concept) if fact else []
    lo = bisect.bisect_left(dates, start) if start is not None else 0
    done = bisect.bisect_right(dates, due) - lo  # performed within [start, due]
    if done >= needed(node):
        return "met"
    return "overdue" if clock.as_of > due else "pending"
