"""A second backend: the compiled rule set evaluated set-at-a-time over columns (Polars),
for many subjects at once. The Python runtime (engine/runtime.py) stays the reference: this
backend gives its answers or hands the subject to it — never an approximation.

What it does, from the plan (engine/plan.py: each rule's syntax tree, its subject binder and
tests, the strata, each profile's ``for_profile``), never from the runtime's state:

- **subject filters as one join**: subjects are grouped by profile (kind, level, tags and
  the fields rules test, the runtime's alpha memory); each profile's plan is decided once,
  and the rules it binds are a table joined to the subjects;
- **subjects without facts** get their profile's answer: it depends on nothing else, so one
  subject of each profile is evaluated by the reference engine and its answer is shared;
- **fact conditions as joins**: a fact named for its presence (a guard) is a semi-join with
  its earliest date; other facts are equi-joins on the subject, aliases compared with each
  other (``b.date <= a.date + 90 days``) filters of that join; ``or`` a union; an open
  term set by the caller a constant;
- **derived facts** (sanctions) one frame, extended rule by rule in stratum order, as the
  runtime extends a subject's facts;
- **duties arising from facts** with their due dates through the calendar table
  (engine/workdays.py: one row per day of the reference engine's own work calendar) —
  within N days, N working days, months or years, a last day on a rest day moved, a
  prompt duty's day, a date a fact gives — and their status as range counts of the
  performances between start and due date; a due date the calendar cannot count, and a
  performance that may answer another event (a fulfilment link), leave the subject to the
  reference engine;
- **citing facts** (``cite_facts``, as ``evaluate(engine="columnar")`` asks): a conclusion
  resting on facts must name them, so the backend only finds, set-at-a-time, the subjects
  where a rule over facts holds and hands those to the reference engine; what follows from
  a condition (a deadline, an exception, an end date, a recursive stratum) then needs no
  translation, since nothing follows where no condition holds. An open term left unset
  as a ground alone is asked by the reference engine of every subject with facts of the
  kinds its rule reads: such subjects, where no other ground may hold, get their
  profile's answer with those kinds taken as present (``_asked_alone``).

A subject that has facts and whose plan holds a rule the translation does not cover — a
recurring duty arising from facts, a duty whose condition holds in several ways (``or``), an
exception, a count, a negation, an open flag or open term, a link followed, an end of a year
a fact names, a recursive stratum, a comparison with today —
is evaluated by the reference engine, whole: every undetermined answer is the reference
engine's. So is a subject whose case can settle an open term otherwise than the caller did
(its own open terms, a fact flagging one) and a subject another's fact names in a role (it
sees that fact too). Without ``cite_facts``, conclusions computed here carry no supporting
facts and no account of how a due date was counted (``Conclusion.reckoning``); the open
terms their rule reads are the caller's.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, NamedTuple

import polars as pl

from engine import ast
from engine.compile import split_subject_tests
from engine.deadlines import Clock, anchor_of, cycle, cycles, period, recounted
from engine.dependency import referenced_names
from engine.errors import PeriodError
from engine.match import ConditionCompiler
from engine.periods import Period
from engine.plan import Profile
from engine.results import Conclusion, DerivedFact, Status, SubjectResult, in_order
from engine.rules import CompiledRule, RuleSet
from engine.runtime import Evaluator
from engine.schema import FieldType, Schema
from engine.workdays import WorkdayTable, due_dates, moved

UNIT = "_unit"  # the subject's id in every frame
DATE = "_date"  # the latest date of the facts a match rests on
PROFILE = "_profile"
AFTER = "_after"  # the date a duty's due date is counted from (or is), where one is read
CONCLUSION_COLUMNS = {
    UNIT: None,  # the subjects' ids' own type
    "rule": pl.String,
    "kind": pl.String,
    "measure": pl.String,
    "start": None,  # the dates' own type: pl.Date, or numbers
    "due": None,
    "until": None,
    "status": pl.String,
    "suspended": pl.Boolean,
    "escalated": pl.Boolean,
    "alternative": pl.Boolean,
}

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


NEVER, ANY = "never", "any"  # what a condition is where no fact decides it (may_hold)


class Unsupported(Exception):
    """A construct this backend does not translate: its subjects go to the reference engine."""


# translation of conditions -----------------------------------------------------------------


@dataclass
class _Frames:
    """Facts by type, as lazy frames with the subject in UNIT and the date in DATE."""

    by_type: dict[str, pl.LazyFrame]
    date_type: pl.DataType
    unit_type: pl.DataType

    def of(self, fact: str) -> pl.LazyFrame | None:
        return self.by_type.get(fact)


Translated = Callable[[_Frames], pl.LazyFrame]
"""A condition over the facts: (UNIT, DATE) for every way it holds, with DATE the latest
date of the facts the match rests on (null when none is dated)."""


class _Translator:
    """Translates one rule's condition with the caller's open terms and day as constants."""

    def __init__(self, rule: CompiledRule, schema: Schema, params: Mapping[str, Any], as_of: Any):
        self.rule = rule
        self.schema = schema
        self.params = params
        self.as_of = as_of
        self.compiler = ConditionCompiler(schema, referenced_names(rule.node))
        self.read: ast.DateRef | None = None  # a date a duty's due date is counted from
        self.asks_alone = False  # its condition may stay open with no fact (asked_alone)

    def rule_frame(self, fired_only: bool = False) -> Translated:
        """The rule's condition over the facts; with ``fired_only``, the subjects where it
        may hold (``may_hold``: what follows — a deadline, an exception, an end date — is
        the reference engine's to say for them)."""
        node = self.rule.node
        _, residual = split_subject_tests(node.when)
        if residual is None:
            raise Unsupported("a condition that needs no fact")
        if fired_only:
            found = self.may_hold(residual)
            if found == ANY:
                found = self.asked_alone(residual)
                self.asks_alone = found != ANY
                found = self.asked_where(found)
            if found == ANY:
                raise Unsupported("a condition that may hold, or stay open, with no fact")
            if found == NEVER:
                return lambda frames: pl.LazyFrame(schema={UNIT: frames.unit_type, DATE: pl.Null})
            assert not isinstance(found, str)
            return found
        _derivable(node, self.schema.derived_fact)
        if not self.rule.requires:
            raise Unsupported("a condition that needs no fact")
        read = _date_read(node)
        if read is None:
            return self.condition(residual)
        if any(isinstance(n, ast.AnyOf) for n in ast.walk(residual)):
            raise Unsupported("a duty whose condition holds in several ways (one per event)")
        self.read = read
        found = self.condition(residual)
        if not _binds(residual, read.fact):  # the checker asks the condition to name it
            raise Unsupported("a due date read from a fact the condition does not bind")
        return found  # the date of the fact the match binds (all_of keeps it)

    def may_hold(self, node: ast.Condition) -> Translated | str:
        """The subjects where the condition may hold or stay open — every one where it
        does, perhaps more: what cannot be read exactly here (a count, a negation, a
        comparison, an open term, a flag a fact may leave unknown, a link) is taken to hold.
        NEVER where it cannot hold (an open term set false); ANY where it may hold with no
        fact at all."""
        if isinstance(node, ast.Exists | ast.Count):
            if isinstance(node, ast.Count):
                least = self.constant(node.at_least, None)
                if not isinstance(least, int | float) or isinstance(least, bool):
                    raise Unsupported("a count against an open number")
                if least < 1:
                    return ANY
            return self.some(node.fact, node.tests)
        if isinstance(node, ast.OpenTerm):
            return NEVER if self.params.get(node.name) is False else ANY
        if isinstance(node, ast.Compare | ast.Not):
            return ANY
        parts = [self.may_hold(item) for item in node.items]  # AllOf, AnyOf
        units = [p for p in parts if not isinstance(p, str)]
        if isinstance(node, ast.AllOf):
            if NEVER in parts:
                return NEVER
            if not units:
                return ANY
            return lambda frames: functools.reduce(
                lambda a, b: a.join(b, on=UNIT, how="semi"), (u(frames) for u in units)
            )
        if ANY in parts:
            return ANY
        if not units:
            return NEVER
        return lambda frames: pl.concat([u(frames) for u in units])

    def asked_alone(self, node: ast.Condition) -> Translated | str:
        """For a condition that may stay open with no fact only on open terms left unset
        (``… or param X``; ``param Y and (… or param X)``): the subjects where it may hold
        or stay open on facts (``may_hold``), NEVER where it cannot; else ANY. Its question
        with no fact is asked of every subject with facts of the kinds the rule reads
        (``Evaluator._asked``), and answered for them by their profile (``_asked_alone``)."""
        found, free = self.grounds(node)
        return found if free else ANY

    def asked_where(self, found: Translated | str) -> Translated | str:
        """With ``asked when`` (the facts of the case where the open term alone is asked):
        the subjects where the condition may hold, with those where that case may be on
        record, which the reference engine asks (``Evaluator._asked``); the others' question
        is never asked, as for their profile."""
        node = self.rule.node.asked_when
        if not self.asks_alone or node is None or found == ANY:
            return found
        case = self.may_hold(node)
        if case == ANY:
            return ANY
        parts = [p for p in (found, case) if not isinstance(p, str)]
        if not parts:
            return NEVER
        return lambda frames: pl.concat([p(frames).select(UNIT) for p in parts])

    def grounds(self, node: ast.Condition) -> tuple[Translated | str, bool]:
        """(the subjects where the condition may hold or stay open on some fact, as
        ``may_hold``; whether it may stay open with no fact, on unset open terms alone)."""
        if isinstance(node, ast.OpenTerm) and self.params.get(node.name) is None:
            return NEVER, True
        if isinstance(node, ast.AnyOf | ast.AllOf):
            parts = [self.grounds(item) for item in node.items]
            if isinstance(node, ast.AllOf) and not all(free for _, free in parts):
                return self.may_hold(node), False  # a fact it needs: the others taken to hold
            if any(found == ANY for found, _ in parts):
                return ANY, False
            units = [found for found, _ in parts if not isinstance(found, str)]
            free = any(f for _, f in parts) if isinstance(node, ast.AnyOf) else True
            if not units:
                return NEVER, free
            return (lambda frames: pl.concat([u(frames) for u in units])), free
        return self.may_hold(node), False

    def some(self, fact: str, tests: tuple[ast.Test, ...]) -> Translated:
        """The subjects with a fact of type ``fact`` that may pass ``tests``."""
        fields = self.schema.facts[fact].fields
        checks = []
        for test in tests:
            ftype = fields[test.field_name]
            if ftype.kind == "link":
                continue  # a link followed, or a role: taken to hold
            try:
                check = self.test(test, ftype)
            except Unsupported:
                continue
            checks.append(
                check | pl.col(test.field_name).is_null() if ftype.unknown_allowed else check
            )

        def units(frames: _Frames) -> pl.LazyFrame:
            found = frames.of(fact)
            if found is None:
                return pl.LazyFrame(schema={UNIT: frames.unit_type, DATE: frames.date_type})
            for check in checks:
                found = found.filter(check)
            return found.select(UNIT, DATE)

        return units

    def condition(self, node: ast.Condition) -> Translated:
        if isinstance(node, ast.AnyOf):
            parts = [self.condition(item) for item in node.items]
            return lambda frames: pl.concat([part(frames) for part in parts])
        if isinstance(node, ast.AllOf):
            return self.all_of(node)
        if isinstance(node, ast.Exists):
            return self.all_of(ast.AllOf(node.span, (node,)))
        raise Unsupported(type(node).__name__)

    def all_of(self, node: ast.AllOf) -> Translated:
        guards = [
            i for i in node.items if isinstance(i, ast.Exists) and self.compiler.is_guard(i, node)
        ]
        others = [i for i in node.items if i not in guards]
        steps: list[Callable[[_Frames, pl.LazyFrame | None], pl.LazyFrame | None]] = []
        bound: set[str] = {"unit"}
        for guard in guards:
            steps.append(self.guard(guard))
        for item in others:
            if isinstance(item, ast.OpenTerm):
                value = self.params.get(item.name)
                if value is None:
                    raise Unsupported("an open term left undetermined")
                steps.append(_holds if value else _never)
            elif isinstance(item, ast.Exists):
                steps.append(self.exists(item))
                bound |= {item.fact} | ({item.alias} if item.alias else set())
            elif isinstance(item, ast.Compare):
                refs = {item.left.ref} | (
                    {item.right.ref} if isinstance(item.right, ast.Operand) else set()
                )
                if not refs <= bound or "unit" in refs or isinstance(item.right, ast.Today):
                    raise Unsupported("a comparison with a fact not bound before it, or today")
                if not steps:
                    raise Unsupported("a comparison before any fact")
                steps.append(self.compare(item))
            else:
                raise Unsupported(type(item).__name__)

        read = self.read
        keep = (
            [pl.col(f"{read.fact}.{read.field_name}").alias(AFTER)]
            if read is not None and read.fact in bound
            else []
        )

        def run(frames: _Frames) -> pl.LazyFrame:
            acc: pl.LazyFrame | None = None
            for step in steps:
                acc = step(frames, acc)
            assert acc is not None
            return acc.select(UNIT, DATE, *keep)

        return run

    # steps ----------------------------------------------------------------------------

    def _facts(self, node: ast.Exists, frames: _Frames) -> pl.LazyFrame:
        found = frames.of(node.fact)
        fields = self.schema.facts[node.fact].fields
        if found is None:
            return _empty(self.schema.facts[node.fact].fields, frames)
        for test in node.tests:
            found = found.filter(self.test(test, fields[test.field_name]))
        return found

    def guard(self, node: ast.Exists) -> Callable[[_Frames, pl.LazyFrame | None], pl.LazyFrame]:
        self._check_tests(node)

        def step(frames: _Frames, acc: pl.LazyFrame | None) -> pl.LazyFrame:
            witness = (
                self._facts(node, frames).group_by(UNIT).agg(pl.col(DATE).min().alias("_seen"))
            )
            return _joined(acc, witness)

        return step

    def exists(self, node: ast.Exists) -> Callable[[_Frames, pl.LazyFrame | None], pl.LazyFrame]:
        self._check_tests(node)
        names = (node.fact,) if node.alias is None else (node.fact, node.alias)
        fields = list(self.schema.facts[node.fact].fields)

        def step(frames: _Frames, acc: pl.LazyFrame | None) -> pl.LazyFrame:
            rows = self._facts(node, frames).select(
                UNIT,
                pl.col(DATE).alias("_seen"),
                *(pl.col(f).alias(f"{n}.{f}") for n in names for f in fields),
            )
            if acc is not None:  # a name bound again is the new fact's
                acc = acc.drop([f"{n}.{f}" for n in names for f in fields], strict=False)
            return _joined(acc, rows)

        return step

    def compare(self, node: ast.Compare) -> Callable[[_Frames, pl.LazyFrame | None], pl.LazyFrame]:
        left = self.operand(node.left)
        if isinstance(node.right, ast.Operand):
            right = self.operand(node.right)
        else:
            constant = self.constant(node.right, self._field(node.left))
            right = pl.lit(constant)
        test = _OPS[node.op](left, right)

        def step(frames: _Frames, acc: pl.LazyFrame | None) -> pl.LazyFrame:
            assert acc is not None
            return acc.filter(test)

        return step

    # values ---------------------------------------------------------------------------

    def _check_tests(self, node: ast.Exists) -> None:
        fields = self.schema.facts[node.fact].fields
        if any(fields[t.field_name].unknown_allowed for t in node.tests):
            raise Unsupported("a test on a flag a fact may leave unknown")
        if any(fields[t.field_name].kind == "link" for t in node.tests):
            raise Unsupported("a link followed to another fact or subject")
        for test in node.tests:
            self.test(test, fields[test.field_name])  # raises Unsupported early

    def _field(self, operand: ast.Operand) -> FieldType | None:
        facts = self.schema.facts
        fact = operand.ref
        if fact not in facts:  # an alias: the fact type it names in the rule
            named = [
                n.fact
                for n in ast.walk(self.rule.node)
                if isinstance(n, ast.Exists) and n.alias == operand.ref
            ]
            if len(named) != 1:
                return None
            fact = named[0]
        return facts[fact].fields.get(operand.field_name)

    def operand(self, operand: ast.Operand) -> pl.Expr:
        ftype = self._field(operand)
        if ftype is None:
            raise Unsupported("an operand whose type is not known")
        value = _ranked(pl.col(f"{operand.ref}.{operand.field_name}"), ftype)
        if operand.offset is None:
            return value
        period = self.period(operand.offset)
        if period is None:
            return pl.lit(None)
        if ftype.kind == "number":
            return value + period.amount
        if ftype.kind == "date":  # past the calendar's last day it compares as that day
            shifted = moved(value, period).fill_null(pl.lit(dt.date.max))
            return pl.when(value.is_not_null()).then(shifted)
        raise Unsupported("a period added to a value that is not a date or a number")

    def period(self, node: ast.Period) -> Period | None:
        if isinstance(node, ast.FixedPeriod):
            return Period(node.amount, node.unit)
        value = self.params.get(node.name)
        return value if isinstance(value, Period) or value is None else Period.parse(str(value))

    def constant(self, node: ast.Value, ftype: FieldType | None) -> Any:
        if isinstance(node, ast.ParamRef):
            value = self.params.get(node.name)
        elif isinstance(node, ast.Today):
            value = self.as_of
        elif isinstance(node, ast.Symbol):
            value = node.name
        else:
            value = node.value
        if ftype is not None and ftype.kind == "ordered":
            return {code: i for i, code in enumerate(ftype.choices)}.get(str(value))
        if isinstance(value, Period):
            raise Unsupported("a period compared as a value")
        return value

    def test(self, test: ast.Test, ftype: FieldType) -> pl.Expr:
        actual = _ranked(pl.col(test.field_name), ftype)
        values = [self.constant(v, ftype) for v in test.values]
        if test.op == "in":
            known = [v for v in values if v is not None]
            return actual.is_in(known) if known else pl.lit(False)
        if values[0] is None:
            return pl.lit(False)
        found: pl.Expr = _OPS[test.op](actual, pl.lit(values[0]))
        return found


def _derivable(node: ast.Rule, derived_fact: str | None = None) -> None:
    """Raises Unsupported unless all that follows from the rule's condition is a sanction
    starting on the day it holds, or a duty due within a period of an event (its day, a
    prompt duty's, a date a fact gives, or none) whose status counts performances. A
    sanction lasting 本年度 (``until year_end``) whose condition reads sanctions may rest on
    one the rules derived, whose decision's year is unknown (deadlines.decision_year_end):
    the reference engine says so."""
    if node.kind == "obligation" and isinstance(node.due, ast.Yearly | ast.Every):
        raise Unsupported("a recurring duty arising from facts")
    if node.unless is not None or node.suspended_while is not None or node.escalations:
        raise Unsupported("an exception, a suspension or an escalation")
    if node.until is not None or node.until_year_of is not None:
        raise Unsupported("an end date read from a fact")
    if node.until_year_end and derived_fact is not None and derived_fact in _read_by(node.when):
        raise Unsupported("an end of the year of a decision the rules may have derived")


def _date_read(node: ast.Rule) -> ast.DateRef | None:
    """The date an obligation's due date is counted from or is (None: nothing is read)."""
    if node.kind != "obligation":
        return None
    due = node.due
    if isinstance(due, ast.Within | ast.Immediately):
        return due.after
    if isinstance(due, ast.ByDate):
        return due.date
    return None


def _read_by(condition: ast.Condition | None) -> set[str]:
    """The fact types a condition names."""
    if condition is None:
        return set()
    return {n.fact for n in ast.walk(condition) if isinstance(n, ast.Exists | ast.Count)}


def asked_blocking(rule: CompiledRule, schema: Schema) -> frozenset[str]:
    """For a rule whose ground is an open term alone: the fact types that can change what it
    gives a subject where no other ground holds — all it depends on but what only its
    condition reads (its exception's, its suspension's, its escalations' facts stay)."""
    node = rule.node
    others = [node.unless, node.suspended_while, *(e.condition for e in node.escalations)]
    kept = set().union(*(_read_by(c) for c in others))
    return frozenset((depends_on(rule, schema) - _read_by(node.when)) | kept)


def _binds(condition: ast.Condition, name: str) -> bool:
    """Whether a fact the condition matches is bound under ``name`` (its type or alias)."""
    return any(isinstance(n, ast.Exists) and name in (n.fact, n.alias) for n in ast.walk(condition))


def _ranked(column: pl.Expr, ftype: FieldType) -> pl.Expr:
    if ftype.kind != "ordered":
        return column
    return column.replace_strict(
        {code: i for i, code in enumerate(ftype.choices)}, default=None, return_dtype=pl.Int64
    )


def _joined(acc: pl.LazyFrame | None, rows: pl.LazyFrame) -> pl.LazyFrame:
    """Rows joined to what is bound so far on the subject; DATE the latest date seen."""
    if acc is None:
        return rows.rename({"_seen": DATE})
    joined = acc.join(rows, on=UNIT, how="inner")
    return joined.with_columns(pl.max_horizontal(DATE, "_seen").alias(DATE)).drop("_seen")


def _holds(frames: _Frames, acc: pl.LazyFrame | None) -> pl.LazyFrame | None:
    return acc


def _never(frames: _Frames, acc: pl.LazyFrame | None) -> pl.LazyFrame | None:
    return None if acc is None else acc.filter(pl.lit(False))


def _empty(fields: Mapping[str, FieldType], frames: _Frames) -> pl.LazyFrame:
    """No facts of a type, its fields typed as if there were some (a date moved by a
    period, a number compared)."""
    types: dict[str, pl.DataType] = {
        "date": frames.date_type,
        "number": pl.Int64(),
        "flag": pl.Boolean(),
    }
    return pl.LazyFrame(
        schema={
            UNIT: frames.unit_type,
            DATE: frames.date_type,
            **{name: types.get(f.kind, pl.String()) for name, f in fields.items()},
        }
    )


# the evaluation ----------------------------------------------------------------------------


class _Representative(NamedTuple):
    """A subject of one profile, standing for every subject of it that has no facts."""

    id: Any
    kind: str
    level: Any
    tags: frozenset[str]
    fields: Mapping[str, Any]

    def __getattr__(self, name: str) -> Any:  # the profile's tested fields
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class ColumnarEvaluation:
    """What the columnar backend derived: ``conclusions`` as a frame (one row per conclusion
    of every subject it answered, ``CONCLUSION_COLUMNS``), ``undetermined`` as a frame
    (subjects without facts sharing their profile's open items), and the subjects it handed
    to the reference engine with their results."""

    conclusions: pl.DataFrame
    undetermined: pl.DataFrame
    reference: dict[Any, SubjectResult] = field(default_factory=dict)
    shared: dict[int, SubjectResult] = field(default_factory=dict)  # by profile
    profiles: pl.DataFrame | None = None  # UNIT → PROFILE for the subjects sharing one
    restated: pl.DataFrame | None = None  # their own status of a recurring duty's cycles

    def subject_results(
        self, subjects: Iterable[Any], ruleset: RuleSet, evaluator: Evaluator
    ) -> list[SubjectResult]:
        """Results as the reference engine's types, in the order of ``subjects``, their lists
        in the runtime's order (conclusions computed here carry no supporting facts)."""
        rules = {r.id: r for r in ruleset.rules}
        terms = {  # the caller's values: a case settling one otherwise went to the reference
            r.id: tuple(
                (n, evaluator.params.get(n), evaluator.origins.get(n, "default"), ())
                for n in r.terms
            )
            for r in ruleset.rules
        }
        own: dict[Any, list[Conclusion]] = {}
        rows = self.conclusions
        profile_of: dict[Any, int] = {}
        if self.profiles is not None and self.profiles.height:
            ids = self.profiles[UNIT]
            profile_of = dict(zip(ids.to_list(), self.profiles[PROFILE].to_list(), strict=True))
            # the rows of subjects sharing their profile's answer: that answer names them
            rows = rows.filter(~pl.col(UNIT).is_in(ids.implode()))
        for row in rows.iter_rows(named=True):
            own.setdefault(row[UNIT], []).append(
                Conclusion(
                    row["kind"],
                    rules[row["rule"]],
                    row[UNIT],
                    (),
                    row["measure"],
                    row["start"],
                    row["due"],
                    row["until"],
                    row["status"],
                    row["suspended"],
                    row["escalated"],
                    row["alternative"],
                    terms=terms[row["rule"]] if rules[row["rule"]].when is not None else (),
                )
            )
        restated: dict[Any, dict[tuple[Any, ...], tuple[Status | None, bool]]] = {}
        if self.restated is not None:
            for sid, rule, start, due, status, keep in self.restated.iter_rows():
                restated.setdefault(sid, {})[(rule, start, due)] = (status, keep)
        out = []
        for subject in subjects:
            sid = subject.id
            if sid in self.reference:
                out.append(self.reference[sid]._replace(subject=subject))
            elif sid in profile_of:
                shared = self.shared[profile_of[sid]]
                own_cycles = restated.get(sid, {})
                out.append(
                    SubjectResult(
                        subject,
                        tuple(
                            c._replace(subject=sid, support=_own(c.support, sid), status=status)
                            for c in shared.conclusions
                            for status, keep in [
                                own_cycles.get((c.rule.id, c.start, c.due), (c.status, True))
                            ]
                            if keep
                        ),
                        tuple(
                            u._replace(subject=sid, support=_own(u.support, sid))
                            for u in shared.undetermined
                        ),
                    )
                )
            else:
                out.append(in_order(subject, own.get(sid, []), [], (), ruleset.place))
        return out


def _own(support: tuple[Any, ...], sid: Any) -> tuple[Any, ...]:
    """A shared answer's supporting facts, the facts it derived named for ``sid``."""
    return tuple(f._replace(unit=sid) if isinstance(f, DerivedFact) else f for f in support)


Row = Callable[[Mapping[str, Any]], Any]


def evaluate(
    evaluator: Evaluator,
    subjects: pl.DataFrame,
    facts: Mapping[str, pl.DataFrame],
    subject_row: Row,
    fact_rows: Mapping[str, Row],
    cite_facts: bool = False,
) -> ColumnarEvaluation:
    """Evaluate ``evaluator``'s rule set over subjects and facts given as frames.

    With ``cite_facts``, every conclusion resting on facts cites them as the reference
    engine does: the backend only finds the subjects where some rule over facts holds and
    hands those to the reference engine whole, answering the others (their standing duties);
    a rule is then translated whatever follows from its condition (a deadline, an exception,
    an end date, a recursive stratum: nothing follows where no condition holds). Without
    it, sanctions over facts are derived here, citing none.

    ``subjects`` has the columns ``id``, ``kind``, ``level``, ``tags`` (a list of codes) and
    the subject fields rules test; each frame of ``facts`` (by fact type) has the subject's
    id in the schema's subject key and the fact's fields. ``subject_row`` and ``fact_rows``
    turn a row (a mapping) back into the objects the reference engine reads, for the
    subjects handed to it."""
    ruleset = evaluator.ruleset
    schema = ruleset.schema
    key = schema.subject_key
    fields = [
        f for f in ruleset.profile_fields if f in subjects.columns and f not in ("kind", "level")
    ]
    keys = ["kind", "level", "_tags", *fields]
    subjects = subjects.with_columns(
        pl.col("tags").list.sort().list.join("\x1f").fill_null("").alias("_tags")
    )
    profiles = (
        subjects.group_by(keys)
        .agg(pl.col("id"), pl.col("tags").first())
        .sort(keys, nulls_last=True)  # profile numbers that do not depend on the input order
        .with_row_index(PROFILE)
    )
    with_profile = profiles.select("id", PROFILE).explode("id")
    date_type = _date_type(schema, facts)
    frames = _Frames(
        {
            name: _prepared(frame, key, schema.facts[name].date_field, schema.facts[name].fields)
            for name, frame in facts.items()
            if name in schema.facts
        },
        date_type,
        subjects.schema["id"],
    )
    present = [f.select(pl.col(key)) for f in facts.values() if f.height]
    with_facts = pl.concat(present).unique()[key] if present else pl.Series([], dtype=pl.String)
    has_facts = pl.col("id").is_in(with_facts.implode())
    written = frozenset(m for r in ruleset.rules for _, m in r.writes)
    whole = pl.col("id").is_in(_settled_apart(schema, subjects, facts, written).implode())

    # each profile's plan, and the answer of a subject of it without facts
    translations: dict[str, Translated | None] = {}
    plans: dict[int, Profile] = {}
    shared: dict[int, SubjectResult] = {}
    stand_ins: dict[int, _Representative] = {}
    asked: dict[str, CompiledRule] = {}  # rules whose open terms alone are asked (cite_facts)
    for row in profiles.iter_rows(named=True):
        profile = row[PROFILE]
        stand_in = _Representative(
            row["id"][0],
            row["kind"],
            row["level"],
            frozenset(row["tags"] or ()),
            {f: row[f] for f in fields},
        )
        stand_ins[profile] = stand_in
        plans[profile] = plan = evaluator.plan_for(stand_in)  # the one its answer runs
        shared[profile] = evaluator.subject(stand_in, {})
        for stratum, _ in plan.strata:
            for rule in stratum:
                if rule.id not in translations:
                    translations[rule.id], alone = _translation(rule, evaluator, cite_facts)
                    if alone:
                        asked[rule.id] = rule
    answered = [
        p
        for p, plan in plans.items()
        if all(
            not recursive and all(translations[r.id] is not None for r in stratum)
            for stratum, recursive in plan.strata
        )
    ]
    factless = with_profile.filter(~has_facts & ~whole).select(pl.col("id").alias(UNIT), PROFILE)
    if cite_facts:
        # a subject none of whose facts a rule the backend cannot read reads, and for which no
        # rule it reads holds: its answer is its profile's, as if it had no facts
        # a recurring duty's cycles are its profile's: the performances decide their status
        recount = {
            rule.id: rule
            for plan in plans.values()
            for stratum, _ in plan.strata
            for rule in stratum
            if recounted(rule, evaluator.clock)
        }
        rest = with_profile.filter(has_facts & ~whole)
        extra = {r: asked_blocking(rule, schema) for r, rule in asked.items()}
        stuck = _blocked(
            schema, plans, shared, translations, rest, facts, frozenset(recount), extra
        )
        rest = rest.filter(~pl.col("id").is_in(stuck.implode()))
        fired = _fired(plans, rest, frames, translations)
        alike = rest.filter(~pl.col("id").is_in(fired.implode()))
        shared_day = _on_shared_days(frames, recount, evaluator.clock, date_type)
        if shared_day is not None:  # a performance two cycles may be owed: the reference
            alike = alike.filter(~pl.col("id").is_in(shared_day.implode()))  # engine allots it
        handed = with_profile.filter(
            whole | (has_facts & ~pl.col("id").is_in(alike["id"].implode()))
        )
        alike = alike.select(pl.col("id").alias(UNIT), PROFILE)
        alike = _asked_alone(alike, plans, asked, facts, key, stand_ins, evaluator, shared)
        restated = _recount(shared, alike, frames, recount, evaluator.clock, date_type)
        factless = pl.concat([factless, alike])
        parts: list[pl.DataFrame] = []
    else:
        columnar = with_profile.filter(has_facts & ~whole & pl.col(PROFILE).is_in(answered))
        derived, left_open = _derived(
            ruleset, plans, answered, columnar, frames, translations, date_type, evaluator.clock
        )
        parts = [
            part.filter(~pl.col(UNIT).is_in(left_open.implode()))
            for part in (_static(plans, answered, columnar, date_type), *derived)
        ]
        handed = with_profile.filter(
            whole
            | (has_facts & ~pl.col(PROFILE).is_in(answered))
            | pl.col("id").is_in(left_open.implode())
        )
        restated = None
    shared_conclusions, shared_open = _shared_frames(shared, factless, date_type, restated)
    conclusions = pl.concat([*parts, shared_conclusions], how="vertical_relaxed")
    handed = subjects.filter(pl.col("id").is_in(handed["id"].implode()))
    reference = _reference(evaluator, handed, facts, key, subject_row, fact_rows)
    return ColumnarEvaluation(conclusions, shared_open, reference, shared, factless, restated)


def _settled_apart(
    schema: Schema,
    subjects: pl.DataFrame,
    facts: Mapping[str, pl.DataFrame],
    written: frozenset[str] = frozenset(),
) -> pl.Series:
    """The subjects the reference engine evaluates whole whatever their plan: those that set
    open terms for themselves, those with a fact flagging an open term (the case settles it,
    not the caller), those a fact names in a role (they see another's fact), and those with
    a decision given as a fact of a measure a rule derives (``written``): whether the
    sanction derived is that decision (``Evaluator.decision_of``) is the reference
    engine's to find; and those naming another subject in a link (a staff member's
    ``staff_of``: its conditions ``of unit.staff_of`` read that subject's facts)."""
    found = [pl.Series("id", [], dtype=subjects.schema["id"])]
    seers = _seen_through_links(schema, facts)
    if seers is not None:
        found.append(seers["_seer"].alias("id"))
    for name in schema.decision_facts:
        decisions = facts.get(name)
        if decisions is not None and decisions.height and "measure" in decisions.columns:
            rows = decisions.filter(pl.col("measure").is_in(sorted(written)))
            found.append(rows[schema.subject_key].alias("id"))
    for link in schema.subject_links:  # a staff member reads its unit's facts through it
        if link in subjects.columns:
            found.append(subjects.filter(pl.col(link).is_not_null())["id"])
    own = schema.subject_params
    if own is not None and own in subjects.columns:
        column = subjects[own]
        given = column.list.len() > 0 if column.dtype == pl.List else column.is_not_null()
        found.append(subjects.filter(given)["id"])
    flags = {pair for spec in schema.params.values() for pair in spec.decided_by}
    for name, frame in facts.items():
        spec = schema.facts.get(name)
        if spec is None or not frame.height:
            continue
        said = [f for n, f in flags if n == name and f in frame.columns]
        if said:
            rows = frame.filter(pl.any_horizontal(pl.col(f).is_not_null() for f in said))
            found.append(rows[schema.subject_key].alias("id"))
        for role in spec.roles:
            if role in frame.columns:
                named = frame[role].drop_nulls()  # a subject, or the candidates left open
                found.append((named.explode() if named.dtype == pl.List else named).alias("id"))
    return pl.concat([s.cast(subjects.schema["id"], strict=False) for s in found]).unique()


def _seen_through_links(schema: Schema, facts: Mapping[str, pl.DataFrame]) -> pl.DataFrame | None:
    """The subjects that see a fact through a link (``Evaluator.index``: an incident at a
    large event is seen by the event's organizer and the units it names in a role), as
    ``_target`` (the id of the fact linked to) and ``_seer``; None when no fact links to a
    fact naming units in a role (only such a link reaches beyond the linking fact's own
    unit). The reference engine evaluates those subjects, with the facts linking."""
    key = schema.subject_key
    owners = []
    for name, frame in facts.items():
        spec = schema.facts.get(name)
        if spec is None or not spec.roles or not frame.height or "id" not in frame.columns:
            continue
        named = [c for c in spec.roles if c in frame.columns]
        if not named:
            continue
        shared = frame.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in named))
        for column in (key, *named):  # a fact naming units in a role: it is seen beyond its own
            if column in shared.columns:
                part = shared.select(pl.col("id").alias("_target"), pl.col(column).alias("_seer"))
                if part.schema["_seer"] == pl.List:
                    part = part.explode("_seer")
                owners.append(part.drop_nulls().cast(pl.String))
    linked = []
    for name, frame in facts.items():
        spec = schema.facts.get(name)
        for column in spec.follows(key) if spec is not None and frame.height else ():
            if column in frame.columns:
                part = frame.select(pl.col(column).alias("_target"))
                if part.schema["_target"] == pl.List:
                    part = part.explode("_target")
                linked.append(part.drop_nulls().cast(pl.String))
    if not owners or not linked:
        return None
    return pl.concat(linked).unique().join(pl.concat(owners).unique(), on="_target")


def _names(frame: pl.DataFrame, column: str, ids: pl.Series) -> pl.Expr:
    """Whether a fact's column names one of ``ids``: the id it holds, or one of the
    candidates a link left open holds."""
    if frame.schema[column] == pl.List:
        return pl.col(column).list.eval(pl.element().is_in(ids)).list.any().fill_null(False)
    return pl.col(column).is_in(ids)


def _translation(
    rule: CompiledRule, evaluator: Evaluator, fired_only: bool
) -> tuple[Translated | None, bool]:
    """The rule translated (None where it is not), and whether its condition may stay open
    with no fact on open terms alone (``_Translator.asked_alone``)."""
    schema, params, as_of = evaluator.ruleset.schema, evaluator.params, evaluator.as_of
    translator = _Translator(rule, schema, params, as_of)
    try:
        return translator.rule_frame(fired_only), translator.asks_alone
    except Unsupported:
        return None, False


def _date_type(schema: Schema, facts: Mapping[str, pl.DataFrame]) -> pl.DataType:
    for name, frame in facts.items():
        spec = schema.facts.get(name)
        if spec is not None and spec.date_field in frame.columns:
            dtype = frame.schema[spec.date_field]
            if dtype != pl.Null:
                return dtype
    return pl.Date()


def _prepared(
    frame: pl.DataFrame, key: str, date_field: str, fields: Mapping[str, FieldType]
) -> pl.LazyFrame:
    missing = [pl.lit(None).alias(f) for f in fields if f not in frame.columns]
    lazy = frame.lazy().with_columns(missing) if missing else frame.lazy()
    return lazy.with_columns(pl.col(key).alias(UNIT), pl.col(date_field).alias(DATE))


def _rows(
    frame: pl.LazyFrame | pl.DataFrame, date_type: pl.DataType, **values: Any
) -> pl.LazyFrame:
    """Conclusion rows: the columns the frame has, constants for the others."""
    lazy = frame.lazy()
    have = set(lazy.collect_schema().names())
    columns = []
    for name, dtype in CONCLUSION_COLUMNS.items():
        typed = dtype or date_type
        if name == UNIT:
            columns.append(pl.col(UNIT))
        elif name in have:
            columns.append(pl.col(name).cast(typed))
        else:
            columns.append(pl.lit(values.get(name), dtype=typed).alias(name))
    return lazy.select(columns)


def _static(
    plans: Mapping[int, Profile], answered: Sequence[int], columnar: pl.DataFrame, date_type: Any
) -> pl.DataFrame:
    table = pl.DataFrame(
        [(p, r.id) for p in answered for r in plans[p].static],
        schema={PROFILE: pl.UInt32, "rule": pl.String},
        orient="row",
    )
    bound = columnar.select(pl.col("id").alias(UNIT), PROFILE).join(table, on=PROFILE)
    return _rows(bound, date_type, kind="obligation", suspended=False, escalated=False,
                 alternative=False).collect()  # fmt: skip


def _fired(
    plans: Mapping[int, Profile],
    candidates: pl.DataFrame,
    frames: _Frames,
    translations: Mapping[str, Translated | None],
) -> pl.Series:
    """The subjects for which a rule of their plan that the backend reads holds, on the
    facts given (no sanction is derived for a subject where none holds)."""
    profiles_of: dict[str, list[int]] = {}
    for p, plan in plans.items():
        for stratum, _ in plan.strata:
            for rule in stratum:
                if translations[rule.id] is not None:
                    profiles_of.setdefault(rule.id, []).append(p)
    subjects = candidates.select(pl.col("id").alias(UNIT), PROFILE).lazy()
    found = [pl.LazyFrame(schema={UNIT: frames.unit_type})]
    for rule_id, profiles in profiles_of.items():
        translated = translations[rule_id]
        assert translated is not None
        bound = subjects.filter(pl.col(PROFILE).is_in(profiles)).select(UNIT)
        found.append(translated(frames).join(bound, on=UNIT, how="semi").select(UNIT))
    return pl.concat(found).unique().collect()[UNIT]


def depends_on(rule: CompiledRule, schema: Schema) -> frozenset[str]:
    """The fact types whose facts can change what ``rule`` gives a subject: those its
    conditions read, the performances a duty's status counts, the facts its dates are read
    from, and those whose flags settle an open term it reads."""
    node = rule.node
    found = {fact for fact, _ in rule.reads | rule.negative_reads}
    if node.kind == "obligation" and schema.fulfilment_fact is not None:
        found.add(schema.fulfilment_fact)
    due = node.due
    if isinstance(due, ast.Within | ast.Immediately):
        found.add(due.after.fact)
    elif isinstance(due, ast.ByDate):
        found.add(due.date.fact)
    if node.until is not None:
        found.add(node.until.fact)
    if node.until_year_of is not None:
        found.add(node.until_year_of.ref.fact)
    for name in rule.terms:
        spec = schema.params.get(name)
        found |= {fact for fact, _ in spec.decided_by} if spec is not None else set()
    return frozenset(found)


def _blocked(
    schema: Schema,
    plans: Mapping[int, Profile],
    shared: Mapping[int, SubjectResult],
    translations: Mapping[str, Translated | None],
    candidates: pl.DataFrame,
    facts: Mapping[str, pl.DataFrame],
    recount: frozenset[str] = frozenset(),
    extra: Mapping[str, frozenset[str]] | None = None,
) -> pl.Series:
    """The subjects with a fact of a type that a rule of their plan the backend does not
    read depends on (``depends_on``; the performances of a duty in ``recount`` are counted
    here); every subject with facts of a profile whose answer without facts derives a fact
    (a rule the backend reads might then hold on it)."""
    everything = frozenset(schema.facts)
    rows: list[tuple[int, str]] = []
    for p, plan in plans.items():
        types: set[str] = set(everything if shared[p].derived else ())
        for stratum, _ in plan.strata:
            for rule in stratum:
                if extra and rule.id in extra:
                    types |= extra[rule.id]
                elif translations[rule.id] is None:
                    found = depends_on(rule, schema)
                    types |= found - {schema.fulfilment_fact} if rule.id in recount else found
        rows.extend((p, t) for t in sorted(types))
    blocking = pl.DataFrame(rows, schema={PROFILE: pl.UInt32, "_type": pl.String}, orient="row")
    unit_type = candidates.schema["id"]
    present = [pl.DataFrame(schema={UNIT: unit_type, "_type": pl.String})]
    key = schema.subject_key
    for name, frame in facts.items():
        if frame.height:
            units = frame.select(pl.col(key).cast(unit_type).alias(UNIT)).unique()
            present.append(units.with_columns(pl.lit(name).alias("_type")))
    hit = (
        candidates.select(pl.col("id").alias(UNIT), PROFILE)
        .join(pl.concat(present), on=UNIT)
        .join(blocking, on=[PROFILE, "_type"], how="semi")
    )
    return hit[UNIT].unique()


def _derived(
    ruleset: RuleSet,
    plans: Mapping[int, Profile],
    answered: Sequence[int],
    columnar: pl.DataFrame,
    frames: _Frames,
    translations: Mapping[str, Translated | None],
    date_type: Any,
    clock: Clock,
) -> tuple[list[pl.DataFrame], pl.Series]:
    """The conclusions of the rules that need facts, rule by rule in stratum order; each
    sanction derived is a fact the rules after it read (as the runtime extends a subject's
    facts). With them, the subjects a due date is open for (the calendar cannot count it
    here): those go to the reference engine whole."""
    profiles_of: dict[str, list[int]] = {}
    for p in answered:
        for stratum, _ in plans[p].strata:
            for rule in stratum:
                profiles_of.setdefault(rule.id, []).append(p)
    subjects = columnar.select(pl.col("id").alias(UNIT), PROFILE).lazy()
    name = ruleset.schema.derived_fact  # what a sanction is as a fact, if anything
    spec = ruleset.schema.facts.get(name) if name is not None else None
    given = frames.of(name) if name is not None else None
    derived: pl.DataFrame | None = None
    out: list[pl.DataFrame] = []
    left_open = [pl.Series(UNIT, [], dtype=frames.unit_type)]
    table = WorkdayTable(clock.calendar) if clock.calendar is not None else None
    for stratum in ruleset.strata:
        for rule in stratum:
            translated = translations.get(rule.id)
            if rule.id not in profiles_of or translated is None:
                continue
            if name is not None and spec is not None and derived is not None:
                facts = _as_sanctions(derived, spec.fields, spec.date_field, date_type)
                frames.by_type[name] = (
                    facts if given is None else pl.concat([given, facts], how="diagonal_relaxed")
                )
            bound = subjects.filter(pl.col(PROFILE).is_in(profiles_of[rule.id])).select(UNIT)
            if rule.node.kind == "obligation":
                matches = translated(frames).join(bound, on=UNIT, how="semi").collect()
                found, unsure = _obligations(rule, matches, frames, clock, table, date_type)
                out.append(found)
                left_open.append(unsure)
                continue
            starts = (
                translated(frames)
                .join(bound, on=UNIT, how="semi")
                .select(UNIT, pl.col(DATE).alias("start"))
                .unique()
            )
            node = rule.node
            if node.until_year_end:  # 本年度 with no dated fact: the reference engine's item
                undated = starts.filter(pl.col("start").is_null()).select(UNIT).collect()
                left_open.append(undated[UNIT])
            for measure in node.measures:
                rows = starts.with_columns(pl.lit(measure).alias("measure"))
                if node.until_year_end:
                    rows = rows.with_columns(
                        pl.date(pl.col("start").dt.year(), 12, 31).alias("until")
                    )
                found = _rows(
                    rows, date_type, rule=rule.id, kind="sanction", suspended=False,
                    escalated=False, alternative=node.alternatives,
                ).collect()  # fmt: skip
                out.append(found)
                if node.alternatives:
                    continue  # not a fact until the deciding body has chosen
                # the same sanction derived twice changes no answer: every rule's matches
                # are made distinct by subject and date
                new = found.select(UNIT, "measure", pl.col("start").alias(DATE))
                derived = new if derived is None else pl.concat([derived, new])
    return out, pl.concat(left_open).unique()


def _obligations(
    rule: CompiledRule,
    matches: pl.DataFrame,
    frames: _Frames,
    clock: Clock,
    table: WorkdayTable | None,
    date_type: Any,
) -> tuple[pl.DataFrame, pl.Series]:
    """A duty for every way its condition holds (deadlines.obligation): its start and due
    date (``due_dates``) and its status, met by a performance of its concept from the start
    to the due date, else overdue once the due date has passed, else pending; with the
    subjects whose answer is open (a due date the calendar cannot count; a performance
    that may answer another event than the one the duty arose from, which the reference
    engine weighs)."""
    node = rule.node
    due = node.due
    unit_type = frames.unit_type
    if AFTER in matches.columns and matches.schema[AFTER] != pl.Date:
        return _rows(matches.head(0), date_type).collect(), matches[UNIT].unique()
    rows = matches.with_row_index("_match")
    length: Period | None = None
    if isinstance(due, ast.Within):
        length = period(due.period, clock.params)
    elif isinstance(due, ast.Immediately):
        prompt = clock.params.get(clock.prompt_param or "")
        length = prompt if isinstance(prompt, Period) else None
    if isinstance(due, ast.Within | ast.Immediately):
        rows = rows.with_columns(pl.col(AFTER).alias("start"))
        if length is None:
            rows = rows.with_columns(pl.lit(None, dtype=pl.Date).alias("due"))
        else:
            rows = due_dates(rows, length, table, roll=isinstance(due, ast.Within))
    elif isinstance(due, ast.ByDate):
        rows = rows.with_columns(pl.col(DATE).alias("start"), pl.col(AFTER).alias("due"))
    else:
        rows = rows.with_columns(pl.col(DATE).alias("start"), pl.lit(None).alias("due"))
    if "_open" not in rows.columns:
        rows = rows.with_columns(pl.lit(False).alias("_open"))
    rows = rows.with_columns(pl.col("start").cast(date_type), pl.col("due").cast(date_type))
    done = _performed(rows.filter(pl.col("due").is_not_null()), rule, frames, clock)
    rows = rows.join(done, on="_match", how="left").with_columns(pl.col("_done").fill_null(0))
    late = pl.when(pl.lit(clock.as_of) > pl.col("due")).then(pl.lit("overdue"))
    rows = rows.with_columns(
        pl.when(pl.col("due").is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(pl.col("_done") >= 1)
        .then(pl.lit("met"))
        .otherwise(late.otherwise(pl.lit("pending")))
        .alias("status")
    )
    trigger = _date_read(node)
    if (
        clock.fulfilment_link is not None
        and isinstance(due, ast.Within | ast.Immediately)
        and trigger is not None
        and node.when is not None
        and _binds(node.when, trigger.fact)
    ):  # met by a performance that may name another event (deadlines.occurrence)
        rows = rows.with_columns(pl.col("_open") | (pl.col("status") == "met"))
    unsure = rows.filter(pl.col("_open"))[UNIT].unique().cast(unit_type)
    # one duty per event; without a due date, one per day it arose (the runtime's keys)
    dated = rows.filter(pl.col("due").is_not_null())
    undated = rows.filter(pl.col("due").is_null()).unique([UNIT, "start"], keep="first")
    found = pl.concat([dated, undated], how="vertical_relaxed")
    conclusions = _rows(
        found, date_type, rule=rule.id, kind="obligation", suspended=False, escalated=False,
        alternative=False,
    ).collect()  # fmt: skip
    return conclusions, unsure


def _performed(rows: pl.DataFrame, rule: CompiledRule, frames: _Frames, clock: Clock) -> Any:
    """``_match`` → ``_done``: the performances of the duty's concept from each row's start
    (or ever, without one) to its due date (deadlines.status)."""
    empty = pl.DataFrame(schema={"_match": pl.UInt32, "_done": pl.UInt32})
    fact = clock.fulfilment_fact
    found = frames.of(fact) if fact is not None else None
    if found is None or not rows.height:
        return empty
    concept = rule.node.concept
    names = found.collect_schema().names()
    if "concept" not in names or "date" not in names:
        return empty
    done = found.filter(
        pl.col("concept").is_null() if concept is None else pl.col("concept") == concept
    ).select(UNIT, pl.col("date").alias("_on"))
    inside = (pl.col("start").is_null() | (pl.col("_on") >= pl.col("start"))) & (
        pl.col("_on") <= pl.col("due")
    )
    return (
        rows.lazy()
        .select("_match", UNIT, "start", "due")
        .join(done, on=UNIT)
        .filter(inside)
        .group_by("_match")
        .agg(pl.len().cast(pl.UInt32).alias("_done"))
        .collect()
    )


def _as_sanctions(
    derived: pl.DataFrame, fields: Mapping[str, FieldType], date_field: str, date_type: Any
) -> pl.LazyFrame:
    columns = [pl.col(UNIT), pl.col(DATE)]
    for name in fields:
        if name == "measure":
            columns.append(pl.col("measure"))
        elif name == date_field:
            columns.append(pl.col(DATE).alias(name))
        elif name == "year" and date_type == pl.Date:
            columns.append(pl.col(DATE).dt.year().cast(pl.Int64).alias("year"))
        else:
            columns.append(pl.lit(None).alias(name))
    return derived.lazy().select(columns)


def _asked_alone(
    units: pl.DataFrame,
    plans: Mapping[int, Profile],
    asked: Mapping[str, CompiledRule],
    facts: Mapping[str, pl.DataFrame],
    key: str,
    stand_ins: Mapping[int, Any],
    evaluator: Evaluator,
    shared: dict[int, SubjectResult],
) -> pl.DataFrame:
    """``units`` (UNIT, PROFILE) with the subjects of a profile whose plan asks an open term
    alone put in a profile of their own for the kinds of facts they have that such a rule
    reads: its answer is the stand-in's with those kinds present (``Evaluator.subject``),
    added to ``shared`` — the reference engine asks the open term of exactly those."""
    reads: list[tuple[int, str]] = [
        (p, fact)
        for p, plan in plans.items()
        for stratum, _ in plan.strata
        for rule in stratum
        if rule.id in asked
        for fact, _ in rule.reads | rule.negative_reads
    ]
    if not reads or not units.height:
        return units
    relevant = pl.DataFrame(reads, schema={PROFILE: pl.UInt32, "_type": pl.String}, orient="row")
    unit_type = units.schema[UNIT]
    present = [pl.DataFrame(schema={UNIT: unit_type, "_type": pl.String})]
    for name, frame in facts.items():
        if frame.height:
            own = frame.select(pl.col(key).cast(unit_type).alias(UNIT)).unique()
            present.append(own.with_columns(pl.lit(name).alias("_type")))
    kinds = (
        units.join(pl.concat(present), on=UNIT)
        .join(relevant.unique(), on=[PROFILE, "_type"], how="semi")
        .group_by(UNIT, PROFILE)
        .agg(pl.col("_type").unique().sort().str.join("\x1f").alias("_kinds"))
    )
    if not kinds.height:
        return units
    groups = kinds.select(PROFILE, "_kinds").unique().sort(PROFILE, "_kinds")
    first = max(shared, default=-1) + 1
    numbers = []
    for i, (profile, named) in enumerate(groups.iter_rows()):
        kinds_present = frozenset(named.split("\x1f"))
        shared[first + i] = evaluator.subject(stand_ins[profile], {}, asked_of=kinds_present)
        numbers.append(first + i)
    groups = groups.with_columns(pl.Series("_own", numbers, dtype=pl.UInt32))
    regrouped = kinds.join(groups, on=[PROFILE, "_kinds"]).select(UNIT, "_own")
    return (
        units.join(regrouped, on=UNIT, how="left")
        .with_columns(pl.coalesce("_own", PROFILE).alias(PROFILE))
        .select(UNIT, PROFILE)
    )


def _recount(
    shared: Mapping[int, SubjectResult],
    units: pl.DataFrame,
    frames: _Frames,
    rules: Mapping[str, CompiledRule],
    clock: Clock,
    date_type: Any,
) -> pl.DataFrame:
    """The cycles of recurring duties (``deadlines.recounted``) in the answers ``units``
    (UNIT, PROFILE) share, with each subject's own status (``_status``: deadlines.status as
    a range count of its performances) and whether the cycle is reported (``_keep``: a past
    yearly cycle of a duty without a day it took effect only when overdue)."""
    out = pl.DataFrame(
        schema={
            UNIT: frames.unit_type,
            "rule": pl.String,
            "start": date_type,
            "due": date_type,
            "_status": pl.String,
            "_keep": pl.Boolean,
        }
    )
    fact = clock.fulfilment_fact
    performed = frames.of(fact) if fact is not None else None
    if not rules or performed is None or not units.height or date_type != pl.Date:
        return out
    cycles = []
    for p, result in shared.items():
        for c in result.conclusions:
            rule = rules.get(c.rule.id)
            if rule is None or c.start is None or c.due is None:
                continue
            due = rule.node.due
            anchor = anchor_of(rule, clock)
            if isinstance(due, ast.Yearly):
                needed, begin, past = due.at_least or 1, c.start, False
                if anchor is None:  # only last year's cycle and this one's (deadlines.yearly)
                    try:
                        past = c.due == cycle(due, clock.as_of.year - 1, clock.calendar)[1].due
                    except PeriodError:
                        past = False
            else:  # a cycle after the first counts from the day after its start
                needed, past = 1, False
                begin = c.start if c.start == anchor else c.start + dt.timedelta(days=1)
            cycles.append((p, rule.id, rule.node.concept, c.start, c.due, begin, needed, past))
    table = pl.DataFrame(
        cycles,
        schema={
            PROFILE: pl.UInt32,
            "rule": pl.String,
            "_concept": pl.String,
            "start": pl.Date,
            "due": pl.Date,
            "_begin": pl.Date,
            "_needed": pl.Int64,
            "_past": pl.Boolean,
        },
        orient="row",
    )
    done = performed.select(UNIT, pl.col("concept").alias("_concept"), pl.col("date").alias("_on"))
    rows = (
        units.lazy()
        .join(done.select(UNIT).unique(), on=UNIT, how="semi")
        .join(table.lazy(), on=PROFILE)
        .with_row_index("_row")
    )
    counts = (
        rows.join(done, on=[UNIT, "_concept"])
        .filter((pl.col("_on") >= pl.col("_begin")) & (pl.col("_on") <= pl.col("due")))
        .group_by("_row")
        .agg(pl.len().alias("_done"))
    )
    status = (
        pl.when(pl.col("_done").fill_null(0) >= pl.col("_needed"))
        .then(pl.lit("met"))
        .when(pl.lit(clock.as_of) > pl.col("due"))
        .then(pl.lit("overdue"))
        .otherwise(pl.lit("pending"))
    )
    found = rows.join(counts, on="_row", how="left").with_columns(status.alias("_status"))
    keep = ~pl.col("_past") | (pl.col("_status") == "overdue")
    return found.select(UNIT, "rule", "start", "due", "_status", keep.alias("_keep")).collect()


def _on_shared_days(
    frames: _Frames, rules: Mapping[str, CompiledRule], clock: Clock, date_type: Any
) -> pl.Series | None:
    """The subjects with a performance on a day two cycles of a recurring duty share (the
    last day of one ran on past rest days into the next: ``deadlines.allot`` gives it to
    one of them, which a range count per cycle does not), or None when there are none: the
    reference engine answers them."""
    fact = clock.fulfilment_fact
    performed = frames.of(fact) if fact is not None else None
    if performed is None or not rules or date_type != pl.Date:
        return None
    shared = []
    for rule in rules.values():
        found = cycles(rule, clock)
        for (_, _, due), (_, first, _) in pairwise(found):
            if first <= due:
                shared.append((rule.node.concept, first, due))
    if not shared:
        return None
    days = pl.DataFrame(
        shared, schema={"_concept": pl.String, "_from": pl.Date, "_to": pl.Date}, orient="row"
    )
    return (
        performed.select(UNIT, pl.col("concept").alias("_concept"), pl.col("date").alias("_on"))
        .join(days.lazy(), on="_concept")
        .filter((pl.col("_on") >= pl.col("_from")) & (pl.col("_on") <= pl.col("_to")))
        .select(UNIT)
        .unique()
        .collect()[UNIT]
    )


def _shared_frames(
    shared: Mapping[int, SubjectResult],
    factless: pl.DataFrame,
    date_type: Any,
    restated: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    conclusions = [
        (
            p,
            c.rule.id,
            c.kind,
            c.measure,
            c.start,
            c.due,
            c.until,
            c.status,
            c.suspended,
            c.escalated,
            c.alternative,
        )
        for p, result in shared.items()
        for c in result.conclusions
    ]
    names = [n for n in CONCLUSION_COLUMNS if n != UNIT]
    schema = {PROFILE: pl.UInt32, **{n: CONCLUSION_COLUMNS[n] or date_type for n in names}}
    table = pl.DataFrame(conclusions, schema=schema, orient="row")
    rows = factless.join(table, on=PROFILE).drop(PROFILE)
    if restated is not None and restated.height:
        rows = (
            rows.join(restated, on=[UNIT, "rule", "start", "due"], how="left")
            .filter(pl.col("_keep").fill_null(True))
            .with_columns(pl.coalesce("_status", "status").alias("status"))
            .drop("_status", "_keep")
        )
    open_items = pl.DataFrame(
        [(p, u.rule.id, list(u.needs)) for p, r in shared.items() for u in r.undetermined],
        schema={PROFILE: pl.UInt32, "rule": pl.String, "needs": pl.List(pl.String)},
        orient="row",
    )
    return rows, factless.join(open_items, on=PROFILE).drop(PROFILE)


def _reference(
    evaluator: Evaluator,
    handed: pl.DataFrame,
    facts: Mapping[str, pl.DataFrame],
    key: str,
    subject_row: Row,
    fact_rows: Mapping[str, Row],
) -> dict[Any, SubjectResult]:
    if not handed.height:
        return {}
    schema = evaluator.ruleset.schema
    linked = [  # the subjects a handed one names in a link: their facts are read too
        handed[link].drop_nulls().cast(handed.schema["id"], strict=False)
        for link in schema.subject_links
        if link in handed.columns
    ]
    ids = pl.concat([handed["id"], *linked]).unique().implode()
    subjects = [subject_row(r) for r in handed.drop("_tags").iter_rows(named=True)]
    roles = {n: t.roles for n, t in schema.facts.items()}
    follows = {n: t.follows(key) for n, t in schema.facts.items()}
    seers = _seen_through_links(schema, facts)
    targets = (  # the facts naming units in a role that a handed subject sees
        seers.filter(pl.col("_seer").is_in(ids.explode().cast(pl.String).implode()))["_target"]
        if seers is not None
        else pl.Series("_target", [], dtype=pl.String)
    ).implode()
    own = [  # each subject's facts, the facts naming it in a role, and those linking to them
        fact_rows[name](r)
        for name, frame in facts.items()
        if name in fact_rows
        for r in frame.filter(
            pl.any_horizontal(
                *(_names(frame, c, ids) for c in (key, *roles.get(name, ())) if c in frame.columns),
                *(
                    _names(frame, c, targets)
                    for c in follows.get(name, ())
                    if c in frame.columns and frame.schema[c] in (pl.String, pl.List(pl.String))
                ),
            )
        ).iter_rows(named=True)
    ]
    results = evaluator.run(subjects, own).results
    return {r.subject.id: r for r in results}
