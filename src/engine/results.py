"""What an evaluation derives: conclusions with their provenance, undetermined items, and
facts derived on the way (sanctions other rules can read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from engine.context import DerivedFact as DerivedFact  # where the run state keeps it
from engine.periods import Reckoning
from engine.rules import CompiledRule

Status = Literal["pending", "met", "overdue"]


class Conclusion(NamedTuple):
    """Something that follows for a subject under a rule, with the facts that led to it."""

    kind: Literal["binding", "obligation", "sanction"]
    rule: CompiledRule
    subject: Any
    support: tuple[Any, ...] = ()
    measure: str | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    until: dt.date | None = None
    status: Status | None = None
    suspended: bool = False
    escalated: bool = False
    alternative: bool = False  # one of several measures the deciding body chooses between
    reckoning: Reckoning | None = None  # how the due date was counted
    # the open terms its rule reads: (name, value, where it was set, the facts that set it)
    terms: tuple[tuple[str, Any, str, tuple[Any, ...]], ...] = ()
    # what suspends it: the facts its suspension condition matched (the appeal under
    # review), or the suspended sanction it follows from
    suspended_by: tuple[Any, ...] = ()
    # the decision given as a fact that this derived sanction is (a veto recorded with its
    # date): its day is the sanction's, and later rules read that fact, not a derived twin
    decision: Any = None
    # the links left open (``rectification.order: one of order-a, order-b``) it follows
    # under every reading of, resting on a different candidate in each (engine.readings)
    whichever: tuple[str, ...] = ()

    @property
    def provisional(self) -> bool:
        """Whether the due date rests on a calendar not yet official (computed holidays)."""
        return self.reckoning is not None and self.reckoning.provisional

    @property
    def rule_id(self) -> str:
        return self.rule.id


class Undetermined(NamedTuple):
    """A rule the facts cannot decide: it would fire if the ``needs`` held."""

    rule: CompiledRule
    subject: Any
    needs: tuple[str, ...]
    support: tuple[Any, ...] = ()
    escalation: tuple[str, ...] = ()  # the measures an undetermined escalation would add


def _day(day: Any) -> tuple[bool, Any]:
    """A date that may be missing as a sort key: dated items first, in date order."""
    return (day is None, day)


def in_order(
    subject: Any,
    conclusions: list[Conclusion],
    undetermined: list[Undetermined],
    derived: tuple[DerivedFact, ...] | list[DerivedFact],
    place: Mapping[str, int],
) -> SubjectResult:
    """A subject's result, its lists in the documented order (docs/errors.md): by the
    rule's ``place`` in the rule set (article order), then start, due date, measure and end
    for conclusions, needs and escalation for undetermined items; items alike in all of
    these stay in the order of their facts, which a run reads in ``fact_order``. Every
    backend's answers are put in this order."""
    last = len(place)
    conclusions.sort(
        key=lambda c: (
            place.get(c.rule.id, last),
            c.kind,
            _day(c.start),
            _day(c.due),
            c.measure or "",
            _day(c.until),
        )
    )
    undetermined.sort(key=lambda u: (place.get(u.rule.id, last), u.needs, u.escalation))
    return SubjectResult(subject, tuple(conclusions), tuple(undetermined), tuple(derived))


class SubjectResult(NamedTuple):
    """Everything derived for one subject."""

    subject: Any
    conclusions: tuple[Conclusion, ...] = ()
    undetermined: tuple[Undetermined, ...] = ()
    derived: tuple[DerivedFact, ...] = ()  # the facts the run derived, as later rules read them

    def of_kind(self, kind: str) -> tuple[Conclusion, ...]:
        return tuple(c for c in self.conclusions if c.kind == kind)


@dataclass(frozen=True)
class Evaluation:
    """The result of one evaluation call."""

    as_of: dt.date
    params: Mapping[str, Any]
    results: tuple[SubjectResult, ...] = field(default=())
