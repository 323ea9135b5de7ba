"""Conditions compiled to matchers: ``(ctx, env) -> Iterator[Match]``, every way a
condition holds for one subject, with the facts that support it and the open terms it still
needs (a match that needs nothing is definite; one that needs an open term is undetermined).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from engine import ast
from engine.context import Context, Env, Match, Matcher, SubjectTest
from engine.errors import JoinLimitError, PeriodError
from engine.periods import Period
from engine.schema import NO_LINK, THROUGH, FieldType, Schema

Filter = Callable[["Context", Env], bool]
Step = tuple[Matcher, list[Filter]]
Predicate = Callable[[Any, Context], bool]
BoundTest = Callable[[Context, Env], bool | None]
"""A comparison of names bound already: holds, fails, or None when a side is not bound."""

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


class ConditionCompiler:
    """Compiles the conditions of one rule (names it reads given) to matchers."""

    def __init__(self, schema: Schema, referenced: frozenset[str] = frozenset()) -> None:
        self.schema = schema
        self.referenced = referenced  # fact types and aliases the rule reads fields of

    # conditions -----------------------------------------------------------------------

    def condition(self, node: ast.Condition) -> Matcher:
        if isinstance(node, ast.Exists):
            return self.exists(node)
        if isinstance(node, ast.Count):
            return self.count(node)
        if isinstance(node, ast.OpenTerm):
            return self.open_term(node)
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.AllOf):
            guards = [i for i in node.items if isinstance(i, ast.Exists) and self.is_guard(i, node)]
            others = [i for i in node.items if i not in guards]
            # guards first: each is one cheap existence check that fails fast; a comparison
            # of names bound by earlier facts filters that step instead of being a step
            steps: list[Step] = [(self.guard(g), []) for g in guards]
            bound: set[str] = {ast.SUBJECT}
            for item in others:
                if (
                    isinstance(item, ast.Compare)
                    and steps
                    and _refs(item) <= bound
                    and not isinstance(item.right, ast.Today)
                ):
                    matcher, bound_test = self.comparison(item)
                    steps[-1][1].append(_as_filter(bound_test, matcher))
                    continue
                steps.append((self.condition(item), []))
                if isinstance(item, ast.Exists):
                    bound |= {item.fact} | ({item.alias} if item.alias else set())
            return self.steps(steps)
        if isinstance(node, ast.AnyOf):
            return self.any_of([self.condition(i) for i in node.items])
        return self.negation(self.condition(node.item))

    def predicate(self, fact: str, tests: tuple[ast.Test, ...]) -> Predicate:
        ftype = self.schema.facts[fact]
        checks = [
            self.test(t, ftype.fields[t.field_name])
            for t in tests
            if ftype.fields[t.field_name].kind != "link"  # links are followed apart
        ]
        if not checks:
            return _always
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda obj, ctx: first(obj, ctx) and second(obj, ctx)

        def pred(obj: Any, ctx: Context) -> bool:
            return all(check(obj, ctx) for check in checks)

        return pred

    def test(self, test: ast.Test, ftype: FieldType) -> Predicate:
        name = test.field_name
        rank = _ranker(ftype)
        values = [self.value(v) for v in test.values]
        if test.op == "in":

            def member(obj: Any, ctx: Context) -> bool:
                actual = rank(getattr(obj, name, None))
                return actual is not None and any(actual == rank(v(ctx)) for v in values)

            return member
        compare, value = _OPS[test.op], values[0]
        if not isinstance(test.values[0], ast.ParamRef | ast.Today):  # a constant: rank it once
            expected_constant = rank(constant(test.values[0]))

            def check_constant(obj: Any, ctx: Context) -> bool:
                actual = rank(getattr(obj, name, None))
                if actual is None or expected_constant is None:
                    return False
                try:
                    return bool(compare(actual, expected_constant))
                except TypeError:
                    return False

            return check_constant

        def check(obj: Any, ctx: Context) -> bool:
            actual, expected = rank(getattr(obj, name, None)), rank(value(ctx))
            if actual is None or expected is None:
                return False
            try:
                return bool(compare(actual, expected))
            except TypeError:
                return False

        return check

    def value(self, node: ast.Value) -> Callable[[Context], Any]:
        if isinstance(node, ast.ParamRef):
            name = node.name
            return lambda ctx: ctx.params.get(name)
        if isinstance(node, ast.Today):
            return lambda ctx: ctx.as_of
        fixed = constant(node)
        return lambda ctx: fixed

    def is_guard(self, item: ast.Condition, parent: ast.AllOf) -> bool:
        """An unaliased fact whose fields nothing reads, in a conjunction that names other
        facts, only requires presence: the rule fires once per tuple of the other facts."""
        if (
            not isinstance(item, ast.Exists)
            or item.alias is not None
            or item.fact in self.referenced
            or self._follows(item)
        ):
            return False
        return any(
            isinstance(other, ast.Exists | ast.Count)
            and other is not item
            and not self.is_guard_shape(other)
            for other in parent.items
        )

    def _follows(self, node: ast.Exists | ast.Count) -> bool:
        """Whether a condition follows a link, to a fact bound before it or back to the
        subject (not a guard: its answer depends on the bindings, or is open among
        candidates)."""
        fields = self.schema.facts[node.fact].fields
        return any(
            fields[t.field_name].kind == "link" for t in node.tests if t.field_name in fields
        )

    def is_guard_shape(self, item: ast.Condition) -> bool:
        return (
            isinstance(item, ast.Exists) and item.alias is None and item.fact not in self.referenced
        )

    def guard(self, node: ast.Exists) -> Matcher:
        """A semi-join: holds once, with the earliest matching fact as its witness."""
        pred, fact = self.predicate(node.fact, node.tests), node.fact
        date_field = self.schema.facts[fact].date_field
        source = source_of(node, self.schema)

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            witness = None
            for obj in ctx.facts.get(source, ()):
                if pred(obj, ctx) and (
                    witness is None
                    or _earlier(getattr(obj, date_field, None), getattr(witness, date_field, None))
                ):
                    witness = obj
            if witness is not None:
                yield Match(env, (witness,))

        return match

    def exists(self, node: ast.Exists) -> Matcher:
        fields = self.schema.facts[node.fact].fields
        open_tests = [
            t
            for t in node.tests
            if fields[t.field_name].unknown_allowed or fields[t.field_name].kind == "link"
        ]
        if open_tests:
            return self.exists_open(node, open_tests)
        pred, fact = self.predicate(node.fact, node.tests), node.fact
        names = (fact,) if node.alias is None else (fact, node.alias)
        source = source_of(node, self.schema)

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            for obj in ctx.facts.get(source, ()):
                if pred(obj, ctx):
                    bound = dict(env)
                    for name in names:
                        bound[name] = obj
                    yield Match(bound, (obj,))

        return match

    def exists_open(self, node: ast.Exists, open_tests: list[ast.Test]) -> Matcher:
        """A fact whose flag may be unknown, or whose link is followed: where the flag a
        test reads is not known, or the link is left open among candidates, the match is
        open (it needs ``fact.field``) rather than failing."""
        fact = node.fact
        pred = self.predicate(fact, tuple(t for t in node.tests if t not in open_tests))
        fields = self.schema.facts[fact].fields
        flag_checks = [
            (t.field_name, self.open_check(fact, t, fields[t.field_name])) for t in open_tests
        ]
        names = (fact,) if node.alias is None else (fact, node.alias)
        source = source_of(node, self.schema)

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            for obj in ctx.facts.get(source, ()):
                if not pred(obj, ctx):
                    continue
                needs = set()
                for _field_name, check in flag_checks:
                    held, need = check(obj, ctx, env)
                    if need:
                        needs.add(need)
                    elif not held:
                        break
                else:
                    bound = dict(env)
                    for name in names:
                        bound[name] = obj
                    yield Match(bound, (obj,), frozenset(needs))

        return match

    def open_check(
        self, fact: str, test: ast.Test, ftype: FieldType
    ) -> Callable[[Any, Context, Env], tuple[bool, str]]:
        """A test whose answer may be open: (holds, what it needs when open)."""
        name = test.field_name
        where = f"{fact}.{name}"
        if ftype.kind != "link":
            check = self.test(test, ftype)

            def flag(obj: Any, ctx: Context, env: Env) -> tuple[bool, str]:
                if getattr(obj, name, None) is None:
                    return False, where
                return check(obj, ctx), ""

            return flag
        value = test.values[0]
        target = value.name if isinstance(value, ast.Symbol) else ""
        if _role_test(test, self.schema):

            def role(obj: Any, ctx: Context, env: Env) -> tuple[bool, str]:
                """``body = unit``: the fact names the subject in that role (it is among the
                subject's facts in that role), or leaves the role open among candidates."""
                given = getattr(obj, name, None)
                if isinstance(given, tuple):
                    return False, f"{where}: one of {', '.join(given)}"
                return True, ""

            return role

        def follow(obj: Any, ctx: Context, env: Env) -> tuple[bool, str]:
            """``order = o``: the link names the fact bound as ``o``; a link left open among
            candidates that include it is open; ``= none``: the fact names nothing there."""
            given = getattr(obj, name, None)
            if target == NO_LINK:
                return given is None, ""
            bound = env.get(target)
            key = getattr(bound, "id", None)
            if key is None or given is None:
                return False, ""
            if isinstance(given, tuple):
                if key in given:
                    return False, f"{where}: one of {', '.join(given)}"
                return False, ""
            return given == key, ""

        return follow

    def count(self, node: ast.Count) -> Matcher:
        pred, fact = self.predicate(node.fact, node.tests), node.fact
        at_least, within = self.value(node.at_least), self.period(node.within)
        date_field = self.schema.facts[fact].date_field
        source = source_of(node, self.schema)

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            needed = at_least(ctx)
            window = within(ctx)
            if needed is None or window is None:
                return
            needed = int(needed)
            hits = sorted(
                (
                    o
                    for o in ctx.facts.get(source, ())
                    if pred(o, ctx) and getattr(o, date_field, None)
                ),
                key=lambda o: getattr(o, date_field),
            )
            for i in range(len(hits) - needed + 1):
                first, last = hits[i], hits[i + needed - 1]
                if getattr(last, date_field) <= _shift(getattr(first, date_field), window):
                    yield Match(dict(env), tuple(hits[i : i + needed]))
                    return

        return match

    def period(self, node: ast.Period) -> Callable[[Context], Period | None]:
        if isinstance(node, ast.FixedPeriod):
            constant = Period(node.amount, node.unit)
            return lambda ctx: constant
        name = node.name
        return lambda ctx: ctx.params.get(name)

    def open_term(self, node: ast.OpenTerm) -> Matcher:
        """An open term holds as it is set. Where a flag on the subject's facts can settle
        it (``decided_by``) and some fact says it, the answer depends on the case: the match
        is left open on the term, and the evaluator settles it once the facts the conclusion
        rests on are known (``Context.term``: their flags, those of the facts linked to them,
        else the subject's or the run's value, as here). Otherwise the subject's or the run's
        value decides, and without one it is undetermined."""
        name = node.name
        spec = self.schema.params.get(name)
        deciding = spec.decided_by if spec is not None else ()

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            if deciding and (ctx.said(deciding) or (ctx.decided and ctx.decides(name))):
                yield Match(env, (), frozenset({name}))  # settled with the case's facts
                return
            value = ctx.params.get(name)
            if value is None:
                yield Match(env, (), frozenset({name}))
            elif value:
                yield Match(env)

        return match

    def operand(
        self, node: ast.Operand
    ) -> Callable[[Context, Env], Iterator[tuple[Any, Env, Any]]]:
        ref, name = node.ref, node.field_name
        offset = self.period(node.offset) if node.offset is not None else None
        fact_type = ref if ref in self.schema.facts else None

        def resolve(ctx: Context, env: Env) -> Iterator[tuple[Any, Env, Any]]:
            if ref == ast.SUBJECT:
                candidates: Iterable[tuple[Any, Env]] = [(ctx.subject, env)]
            elif ref in env:
                candidates = [(env[ref], env)]
            elif fact_type is not None:  # an implicit "there is such a fact"
                candidates = ((o, {**env, ref: o}) for o in ctx.facts.get(fact_type, ()))
            else:
                candidates = []
            for obj, bound in candidates:
                value = getattr(obj, name, None)
                if value is not None and offset is not None:
                    shift = offset(ctx)
                    value = _shift(value, shift) if shift is not None else None
                if value is not None:
                    yield value, bound, obj

        return resolve

    def compare(self, node: ast.Compare) -> Matcher:
        return self.comparison(node)[0]

    def comparison(self, node: ast.Compare) -> tuple[Matcher, BoundTest]:
        """A comparison's matcher, and its test for when both sides are bound already (a
        conjunction uses that to filter an earlier step instead of making a step)."""
        left = self.operand(node.left)
        right_operand = self.operand(node.right) if isinstance(node.right, ast.Operand) else None
        right_value = self.value(node.right) if not isinstance(node.right, ast.Operand) else None
        rank = self._operand_ranker(node.left)
        op = _OPS[node.op]
        lref, lname = node.left.ref, node.left.field_name
        lshift = self.period(node.left.offset) if node.left.offset is not None else None
        rnode = node.right if isinstance(node.right, ast.Operand) else None
        rshift = (
            self.period(rnode.offset) if rnode is not None and rnode.offset is not None else None
        )

        def bound_value(
            obj: Any, name: str, shift: Callable[[Context], Period | None] | None, ctx: Context
        ) -> Any:
            value = getattr(obj, name, None)
            if value is not None and shift is not None:
                period = shift(ctx)
                return _shift(value, period) if period is not None else None
            return value

        to_today = isinstance(node.right, ast.Today)

        def since_of(ctx: Context, env: Env) -> Any:
            """For ``X < today`` (or ``X <= today``) on a date: the ground holds from the day
            after X (from X) — a deadline passed — not from the facts' own dates."""
            if not isinstance(node.right, ast.Today) or node.op not in ("<", "<="):
                return None
            obj = env.get(lref) if lref != ast.SUBJECT else ctx.subject
            value = bound_value(obj, lname, lshift, ctx) if obj is not None else None
            if not isinstance(value, dt.date):
                return None
            return value + dt.timedelta(days=1) if node.op == "<" else value

        def bound_test(ctx: Context, env: Env) -> bool | None:
            """The comparison when both sides are bound already (None when they are not)."""
            lobj = env.get(lref) if lref != ast.SUBJECT else ctx.subject
            robj = (
                None
                if rnode is None
                else (env.get(rnode.ref) if rnode.ref != ast.SUBJECT else ctx.subject)
            )
            if lobj is None or (rnode is not None and robj is None):
                return None
            a = rank(bound_value(lobj, lname, lshift, ctx))
            if rnode is None:
                assert right_value is not None
                b = rank(right_value(ctx))
            else:
                b = rank(bound_value(robj, rnode.field_name, rshift, ctx))
            try:
                return bool(a is not None and b is not None and op(a, b))
            except TypeError:
                return False

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            # the common case first: both sides already bound by earlier conditions
            decided = bound_test(ctx, env)
            if decided is not None:
                if decided:
                    yield Match(env, (), _NO_NEEDS, since_of(ctx, env)) if to_today else Match(env)
                return
            for lv, lenv, lobj in left(ctx, env):
                if right_operand is not None:
                    pairs: Iterable[tuple[Any, Env, Any]] = right_operand(ctx, lenv)
                else:
                    assert right_value is not None
                    pairs = [(right_value(ctx), lenv, None)]
                for rv, renv, robj in pairs:
                    a, b = rank(lv), rank(rv)
                    try:
                        ok = a is not None and b is not None and op(a, b)
                    except TypeError:
                        ok = False
                    if ok:
                        support = tuple(
                            o for o in (lobj, robj) if o is not None and o is not ctx.subject
                        )
                        yield Match(renv, support)

        return match, bound_test

    def _operand_ranker(self, node: ast.Operand) -> Callable[[Any], Any]:
        if node.ref == ast.SUBJECT:
            ftype = self.schema.subject_fields.get(node.field_name)
        else:
            facts = self.schema.facts
            ftype = facts[node.ref].fields.get(node.field_name) if node.ref in facts else None
        return _ranker(ftype) if ftype is not None else _identity

    def subject_test(self, node: ast.Compare) -> SubjectTest:
        """A test on the subject's own fields, evaluated once per subject profile: against
        a constant or an open term's value (never ``today``: that is no profile's)."""
        name, op = node.left.field_name, _OPS[node.op]
        rank = self._operand_ranker(node.left)
        right = node.right
        param = right.name if isinstance(right, ast.ParamRef) else None
        fixed = (
            None
            if isinstance(right, ast.ParamRef | ast.Today | ast.Operand)
            else rank(constant(right))
        )

        def check(subject: Any, params: Mapping[str, Any]) -> bool:
            a = rank(getattr(subject, name, None))
            b = rank(params.get(param)) if param is not None else fixed
            try:
                return a is not None and b is not None and bool(op(a, b))
            except TypeError:
                return False

        return check

    def all_of(self, parts: list[Matcher]) -> Matcher:
        return self.steps([(part, []) for part in parts])

    def steps(self, steps: list[Step]) -> Matcher:
        """A conjunction: each step's matches, kept when its filters hold, extend the last."""
        frozen = [(matcher, tuple(filters)) for matcher, filters in steps]

        def match(ctx: Context, env: Env) -> Iterator[Match]:
            yield from _chain(frozen, ctx, Match(env))

        return match

    def any_of(self, parts: list[Matcher]) -> Matcher:
        def match(ctx: Context, env: Env) -> Iterator[Match]:
            for part in parts:
                yield from part(ctx, env)

        return match

    def negation(self, inner: Matcher) -> Matcher:
        def match(ctx: Context, env: Env) -> Iterator[Match]:
            needs: set[str] = set()
            for found in inner(ctx, env):
                if not found.needs:
                    return  # the negated condition definitely holds
                needs |= found.needs
            yield Match(env, (), frozenset(f"not {n}" for n in needs))

        return match


def constant(node: ast.Symbol | ast.Number | ast.Text | ast.DateLit | ast.Flag) -> Any:
    """The value a literal in rule text stands for (a code by its name)."""
    return node.name if isinstance(node, ast.Symbol) else node.value


def _role_test(test: ast.Test, schema: Schema) -> bool:
    """``body = unit``: a link to subjects followed back to the subject under evaluation."""
    value = test.values[0] if test.values else None
    return isinstance(value, ast.Symbol) and value.name == schema.subject_key


def source_of(node: ast.Exists | ast.Count, schema: Schema) -> str:
    """Which of the subject's facts a condition reads: those of its type, or, with a test
    ``ROLE = unit``, those that name the subject in that role (``appeal@body``: the
    appeals the subject received), or, with a link followed to a fact bound before it
    (``incident(event = e)``), those naming a fact the subject sees, wherever recorded
    (``incident@event``: the incidents at an event it organized or approved). With ``of
    unit.FIELD``, the same of the subject that field names, under ``SOURCE^FIELD``
    (``assessment^staff_of``: the assessments of the unit a person is staff of)."""
    own = _own_source(node, schema)
    if node.through is not None:
        return f"{own}{THROUGH}{node.through.field_name}"
    return own


def _own_source(node: ast.Exists | ast.Count, schema: Schema) -> str:
    ftype = schema.facts.get(node.fact)
    followed = None
    for test in node.tests:
        field = ftype.fields.get(test.field_name) if ftype is not None else None
        if field is None or field.kind != "link":
            continue
        if field.role and _role_test(test, schema):
            return f"{node.fact}@{test.field_name}"
        if followed is None and test.field_name in ftype.follows(schema.subject_key):  # type: ignore[union-attr]
            value = test.values[0] if test.values else None
            if isinstance(value, ast.Symbol) and value.name not in (NO_LINK, schema.subject_key):
                followed = f"{node.fact}@{test.field_name}"
    return followed or node.fact


def _refs(node: ast.Compare) -> set[str]:
    refs = {node.left.ref}
    if isinstance(node.right, ast.Operand):
        refs.add(node.right.ref)
    return refs


def _as_filter(bound_test: BoundTest, matcher: Matcher) -> Filter:
    """A comparison as a yes/no test of an environment (the matcher when sides are unbound)."""

    def check(ctx: Context, env: Env) -> bool:
        decided = bound_test(ctx, env)
        if decided is None:
            return any(not m.needs for m in matcher(ctx, env))
        return decided

    return check


_NO_NEEDS: frozenset[str] = frozenset()


def _chain(
    parts: list[tuple[Matcher, tuple[Filter, ...]]], ctx: Context, acc: Match
) -> Iterator[Match]:
    if not parts:
        yield acc
        return
    (head, filters), rest = parts[0], parts[1:]
    for found in head(ctx, acc.env):
        ctx.rows += 1
        if ctx.rows > ctx.join_limit:
            raise JoinLimitError(ctx.join_limit, getattr(ctx.subject, "id", None))
        if filters and not all(f(ctx, found.env) for f in filters):
            continue
        needs = acc.needs | found.needs if found.needs else acc.needs
        support = acc.support + found.support if found.support else acc.support
        since = found.since
        if since is None or (acc.since is not None and acc.since > since):
            since = acc.since
        merged = Match(found.env, support, needs, since)
        if rest:
            yield from _chain(rest, ctx, merged)
        else:
            yield merged


def _earlier(a: Any, b: Any) -> bool:
    try:
        return a is not None and (b is None or a < b)
    except TypeError:
        return False


def _always(obj: Any, ctx: Context) -> bool:
    return True


def _identity(value: Any) -> Any:
    return value


def _ranker(ftype: FieldType | None) -> Callable[[Any], Any]:
    """Map values of an ordered field to their rank so that ``severity >= major`` works."""
    if ftype is None or ftype.kind != "ordered":
        return _identity
    order = {code: i for i, code in enumerate(ftype.choices)}

    def rank(value: Any) -> Any:
        return order.get(getattr(value, "value", value))

    return rank


def _shift(value: Any, period: Period) -> Any:
    """``value + period`` for a date (calendar arithmetic) or a number of days. A date moved
    past the calendar's last day is later than any date a fact or ``today`` can be, and
    compares so (as 9999-12-31): a window that long holds every later fact."""
    from engine.periods import add

    if isinstance(value, dt.date):
        try:
            return add(value, period)
        except PeriodError:
            return dt.date.max
    return value + period.amount
