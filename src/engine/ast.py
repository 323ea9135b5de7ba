"""The typed syntax tree of the rule language; every node carries its source span."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from engine.span import Span

SUBJECT = "unit"
"""What rule text calls the subject a rule binds: ``unit.level``, ``unit.region``."""

Op = Literal["=", "!=", "<", "<=", ">", ">=", "in"]
PeriodUnit = Literal["days", "working_days", "months", "years"]


@dataclass(frozen=True)
class Node:
    span: Span = field(compare=False, repr=False)


# values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Symbol(Node):
    name: str


@dataclass(frozen=True)
class Number(Node):
    value: float


@dataclass(frozen=True)
class Text(Node):
    value: str


@dataclass(frozen=True)
class DateLit(Node):
    value: dt.date


@dataclass(frozen=True)
class Flag(Node):
    value: bool


@dataclass(frozen=True)
class ParamRef(Node):
    name: str


@dataclass(frozen=True)
class Today(Node):
    """The evaluation date (``--as-of``): ``supervision_order.deadline < today``."""


Value = Symbol | Number | Text | DateLit | Flag | ParamRef | Today


@dataclass(frozen=True)
class FixedPeriod(Node):
    amount: int
    unit: PeriodUnit


@dataclass(frozen=True)
class ParamPeriod(Node):
    name: str


Period = FixedPeriod | ParamPeriod


# subjects ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject(Node):
    """A kind (with optional levels) or a tag the rule binds."""

    kind: str | None = None
    tag: str | None = None
    levels: tuple[str, ...] = ()


# conditions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Test(Node):
    field_name: str
    op: Op
    values: tuple[Value, ...]


@dataclass(frozen=True)
class Exists(Node):
    """A fact of the subject that passes the tests; with ``through`` (``of unit.staff_of``),
    a fact of the subject the subject's link field names (its unit's)."""

    fact: str
    tests: tuple[Test, ...]
    alias: str | None = None
    through: Operand | None = None


@dataclass(frozen=True)
class Count(Node):
    fact: str
    tests: tuple[Test, ...]
    at_least: Value
    within: Period
    through: Operand | None = None


@dataclass(frozen=True)
class OpenTerm(Node):
    name: str


@dataclass(frozen=True)
class Operand(Node):
    """``alias.field`` (an alias, a fact type, or ``unit``), optionally ``+ period``."""

    ref: str
    field_name: str
    offset: Period | None = None


@dataclass(frozen=True)
class Compare(Node):
    left: Operand
    op: Op
    right: Operand | Value


@dataclass(frozen=True)
class AllOf(Node):
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf(Node):
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not(Node):
    item: Condition


Condition = Exists | Count | OpenTerm | Compare | AllOf | AnyOf | Not


# deadlines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRef(Node):
    fact: str
    field_name: str


@dataclass(frozen=True)
class Within(Node):
    period: Period
    after: DateRef


@dataclass(frozen=True)
class Immediately(Node):
    after: DateRef


@dataclass(frozen=True)
class ByDate(Node):
    date: DateRef


@dataclass(frozen=True)
class Yearly(Node):
    at_least: int | None = None
    by_month_day: tuple[int, int] | None = None
    in_week: tuple[int, int] | None = None  # (month, week of month)


@dataclass(frozen=True)
class Every(Node):
    period: Period


Deadline = Within | Immediately | ByDate | Yearly | Every


@dataclass(frozen=True)
class YearEnd(Node):
    """``year_end of assessment.year + 1``: 31 December of the year a fact's field names
    (a year, or a date's year), ``offset`` years on: the end of the cycle a consequence
    tied to that year lasts for."""

    ref: DateRef
    offset: int = 0


# rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Escalation(Node):
    condition: Condition
    measures: tuple[str, ...]


@dataclass(frozen=True)
class Rule(Node):
    """One rule: an obligation (must / must_not / may / encouraged) or a sanction."""

    kind: Literal["obligation", "sanction"]
    modality: str  # must | must_not | may | encouraged | sanction
    concept: str | None
    measures: tuple[str, ...]
    summary: str
    who: tuple[Subject, ...] = ()
    by: tuple[Subject, ...] = ()
    role: str = "lead"
    when: Condition | None = None
    unless: Condition | None = None
    suspended_while: Condition | None = None
    # where a question resting on no fact (an open term alone as a ground) is asked: the
    # facts of that ground's own case (Evaluator._asked)
    asked_when: Condition | None = None
    due: Deadline | None = None
    until: DateRef | None = None
    until_year_end: bool = False  # 本年度: the sanction ends with the year it began in
    until_year_of: YearEnd | None = None  # the end of a year a fact names (plus years)
    escalations: tuple[Escalation, ...] = ()
    alternatives: bool = False  # measures joined by "or": the deciding body picks one
    defers_to_other_law: bool = False
    interpretation: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """The roots of the rule's conditions: when, unless, suspended while, asked when, and
        each escalation's."""
        found = (self.when, self.unless, self.suspended_while, self.asked_when)
        return tuple(c for c in found if c is not None) + tuple(
            e.condition for e in self.escalations
        )


def walk(node: Rule | Condition | None) -> Iterator[Condition]:
    """Every condition node under ``node``, each before the conditions inside it; of a rule,
    those of its when, unless, suspended while and escalations.

    >>> from engine.span import Span
    >>> at = Span("x", 1, 1)
    >>> rule = Rule(at, "sanction", "sanction", None, ("veto",), "",
    ...     when=AllOf(at, (OpenTerm(at, "serious"), Not(at, OpenTerm(at, "excused")))))
    >>> [type(c).__name__ for c in walk(rule)]
    ['AllOf', 'OpenTerm', 'Not', 'OpenTerm']
    """
    if isinstance(node, Rule):
        for root in node.conditions:
            yield from walk(root)
        return
    if node is None:
        return
    yield node
    if isinstance(node, AllOf | AnyOf):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Not):
        yield from walk(node.item)


def open_terms(node: object) -> frozenset[str]:
    """The open terms a rule (or any node) names, wherever it names them: as a condition
    (``param serious_circumstances``), a value (``>= param repeated_count``) or a period
    (``within param short_period``).

    >>> from engine.span import Span
    >>> at = Span("x", 1, 1)
    >>> sorted(open_terms(AllOf(at, (OpenTerm(at, "serious"), Not(at, OpenTerm(at, "excused"))))))
    ['excused', 'serious']
    """
    if isinstance(node, OpenTerm | ParamRef | ParamPeriod):
        return frozenset((node.name,))
    if isinstance(node, tuple):
        return frozenset().union(*(open_terms(item) for item in node))
    if isinstance(node, Node):
        return frozenset().union(
            *(open_terms(getattr(node, name)) for name in node.__dataclass_fields__)
        )
    return frozenset()


def subject_reads(node: object) -> frozenset[str]:
    """The subject's own fields a rule (or any node) reads, wherever it reads them: a
    comparison's operand (``unit.region``), a date a deadline or an end runs from. Not a
    link a condition reads another unit's facts through (``of unit.staff_of``): it says
    whose facts are seen, and a subject that sees none is answered alike whatever it names.

    >>> from engine.span import Span
    >>> at = Span("x", 1, 1)
    >>> sorted(subject_reads(Compare(at, Operand(at, SUBJECT, "region"), "=", Text(at, "n"))))
    ['region']
    """
    found: frozenset[str] = frozenset()
    if (isinstance(node, Operand) and node.ref == SUBJECT) or (
        isinstance(node, DateRef) and node.fact == SUBJECT
    ):
        found = frozenset((node.field_name,))
    if isinstance(node, tuple):
        return frozenset().union(*(subject_reads(item) for item in node))
    if isinstance(node, Node):
        return found.union(
            *(
                subject_reads(getattr(node, name))
                for name in node.__dataclass_fields__
                if name != "through"  # which unit's facts are read, not what is answered:
                # ``of unit.staff_of`` with no facts seen reads nothing of the subject
            )
        )
    return found
