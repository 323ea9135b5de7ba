"""Checks on parsed rules: every name must resolve against the schema.

Each check is a small function ``(rule, schema) -> Iterator[Diagnostic]``; CHECKS lists them
in the order they run. All diagnostics are collected, so one run reports every problem.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Iterator

from engine import ast, unparse
from engine.errors import Diagnostic
from engine.names import repeated, suggest
from engine.numbers import MAX_COUNT
from engine.periods import PERIOD_RANGE, Period
from engine.schema import NO_LINK, FieldType, Schema
from engine.span import Span

Check = Callable[[ast.Rule, Schema], Iterator[Diagnostic]]


def unknown(what: str, name: str, known: Iterable[str], span: Span, hint: str = "") -> Diagnostic:
    """An unknown name: the name itself, every known one, and the close ones."""
    known = sorted(known)
    if not hint and len(known) <= 20:
        hint = f"known: {', '.join(known)}"
    return Diagnostic(
        f"unknown-{what.replace(' ', '-')}",
        f"unknown {what} {name!r}",
        span,
        hint=hint,
        suggestions=suggest(name, known),
        value=name,
        expected=tuple(known),
    )


def check_head(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """The concept of a duty and the measures of a sanction are declared codes."""
    if rule.concept is not None and rule.concept not in schema.concepts:
        yield unknown(
            "concept",
            rule.concept,
            schema.concepts,
            rule.span,
            schema.hints.declare_concept,
        )
    for measures, span in [(rule.measures, rule.span)] + [
        (e.measures, e.span) for e in rule.escalations
    ]:
        for measure in measures:
            if measure not in schema.measures:
                yield unknown("measure", measure, schema.measures, span)
        for measure in repeated(measures):
            yield Diagnostic(
                "duplicate",
                f"measure {measure!r} given twice in one sanction",
                span,
                hint="name each measure once",
                value=measure,
            )
    if rule.role not in schema.roles:
        yield unknown("role", rule.role, schema.roles, rule.span)
    if rule.kind != "sanction":
        for clause, present in (
            ("escalate", rule.escalations),
            ("until", rule.until or rule.until_year_end or rule.until_year_of),
            ("by", rule.by),
            ("optional", rule.alternatives),
        ):
            if present:
                yield Diagnostic(
                    "clause",
                    f"'{clause}' belongs to a sanction, not to a {rule.modality} rule",
                    rule.span,
                    hint="a duty says when it is due with 'due'",
                )
    elif rule.due is not None:
        yield Diagnostic(
            "clause",
            "'due' belongs to a duty, not to a sanction",
            rule.due.span,
            hint="a sanction lasts 'until' a date (a duty it imposes is a rule of its own)",
        )
    if rule.kind == "sanction" and rule.role != "lead":
        yield Diagnostic(
            "clause",
            "a sanction has targets ('who'), not co-actors",
            rule.span,
            hint="drop 'as co_actor'",
        )


def check_subjects(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """Kinds, levels and tags in ``who`` and ``by`` exist; a rule binds somebody."""
    if not rule.who:
        yield Diagnostic(
            "no-subject",
            "rule binds nobody",
            rule.span,
            hint="add a 'who' clause naming the kinds or tags it binds",
        )
    for subject in rule.who + rule.by:
        if subject.kind is not None and subject.kind not in schema.kinds:
            yield unknown("unit kind", subject.kind, schema.kinds, subject.span)
        if subject.tag is not None and subject.tag not in schema.tags:
            yield unknown("tag", subject.tag, schema.tags, subject.span)
        for level in subject.levels:
            if level not in schema.levels:
                yield unknown("level", level, schema.levels, subject.span)
        if subject.levels and subject.kind in schema.person_kinds:
            yield Diagnostic(
                "person-level", f"a person kind ({subject.kind}) has no level", subject.span
            )


_TAKES: dict[str, tuple[str, tuple[type, ...]]] = {  # what a field takes: said, and parsed
    "symbol": ("a code", (ast.Symbol,)),
    "ordered": ("a code", (ast.Symbol,)),
    "number": ("a number", (ast.Number,)),
    "date": ("a date YYYY-MM-DD", (ast.DateLit, ast.Today)),
    "flag": ("true or false", (ast.Flag,)),
    "text": ("text", (ast.Text, ast.Symbol)),
    "link": ("a fact bound in the rule, the subject or none", (ast.Symbol,)),
}
_PARAM_FITS: dict[str, str] = {"number": "count", "flag": "flag"}  # a period fits no field


def _check_value(
    value: ast.Value, ftype: FieldType, where: str, schema: Schema
) -> Iterator[Diagnostic]:
    takes, nodes = _TAKES[ftype.kind]
    if isinstance(value, ast.ParamRef):
        fits = _PARAM_FITS.get(ftype.kind)
        yield from _check_param(
            value.name,
            fits or "",
            value.span,
            schema,
            hint=f"only a {fits} parameter can stand for it" if fits else "",
            mismatch=f"{where} takes {takes}, not the {{kind}} parameter {value.name!r}",
        )
        return
    if not isinstance(value, nodes):
        yield Diagnostic("type", f"{where} takes {takes}, not {_describe(value)}", value.span)
    elif ftype.kind in ("symbol", "ordered") and isinstance(value, ast.Symbol):
        choices: Iterable[str] = ftype.choices or (
            schema.registry(ftype.registry) if ftype.registry else ()
        )
        choices = list(choices)
        if choices and value.name not in choices:
            yield unknown(f"value of {where}", value.name, choices, value.span)


def _describe(value: ast.Value) -> str:
    return {
        ast.Symbol: "a code",
        ast.Number: "a number",
        ast.Text: "text",
        ast.DateLit: "a date",
        ast.Flag: "true/false",
        ast.ParamRef: "a parameter",
        ast.Today: "today",
    }[type(value)]


def check_conditions(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """Fact types, fields, values, parameters and aliases in conditions resolve."""
    aliases: dict[str, str] = {}
    for node in ast.walk(rule):
        if isinstance(node, ast.Exists | ast.Count):
            ftype = schema.facts.get(node.fact)
            if ftype is None:
                yield unknown("fact type", node.fact, schema.facts, node.span)
                continue
            if isinstance(node, ast.Exists) and node.alias:
                if node.alias in aliases or node.alias in schema.facts or node.alias == ast.SUBJECT:
                    yield Diagnostic(
                        "alias",
                        f"the name {node.alias!r} is already taken in this rule",
                        node.span,
                        hint="give each fact its own alias, other than a fact type or 'unit'",
                    )
                aliases[node.alias] = node.fact
            for test in node.tests:
                field_type = ftype.fields.get(test.field_name)
                if field_type is None:
                    yield unknown(f"field of {node.fact}", test.field_name, ftype.fields, test.span)
                    continue
                if field_type.kind == "link":
                    continue  # checked below, once every alias of the rule is known
                if test.op not in ("=", "!=", "in") and field_type.kind in (
                    "symbol",
                    "flag",
                    "text",
                ):
                    yield Diagnostic(
                        "type",
                        f"{node.fact}.{test.field_name} cannot be ordered with {test.op}",
                        test.span,
                        hint="use = or in [...]",
                    )
                for value in test.values:
                    yield from _check_value(
                        value, field_type, f"{node.fact}.{test.field_name}", schema
                    )
            if isinstance(node, ast.Count):
                yield from _check_count(node, schema)
            if node.through is not None:
                yield from _check_through(node.through, schema)
            yield from _check_contradictions(node)
        elif isinstance(node, ast.OpenTerm):
            yield from _check_param(
                node.name,
                "flag",
                node.span,
                schema,
                "only a flag parameter can stand as a condition",
                schema.hints.declare_param,
            )
    for node in ast.walk(rule):
        if isinstance(node, ast.Exists | ast.Count) and node.fact in schema.facts:
            for test in node.tests:
                found = schema.facts[node.fact].fields.get(test.field_name)
                if found is not None and found.kind == "link":
                    yield from _check_link(node.fact, test, found, aliases, schema)
        if isinstance(node, ast.Compare):
            yield from _check_operand(node.left, aliases, schema)
            if isinstance(node.right, ast.Operand):
                yield from _check_operand(node.right, aliases, schema)
            else:  # a value compared with a field must be of the field's type
                left_type = _operand_type(node.left, aliases, schema)
                if left_type is not None:
                    where = f"{node.left.ref}.{node.left.field_name}"
                    yield from _check_value(node.right, left_type, where, schema)
    yield from _check_periods(rule, schema)


def _check_through(through: ast.Operand, schema: Schema) -> Iterator[Diagnostic]:
    """``of unit.FIELD`` reads the facts of the subject a link field of the subject names
    (``Schema.subject_links``: a person's ``staff_of``)."""
    links = schema.subject_links
    shown = ", ".join(f"{ast.SUBJECT}.{n}" for n in links) or "none in this schema"
    if through.ref != ast.SUBJECT or through.offset is not None:
        yield Diagnostic(
            "type",
            f"'of {through.ref}.{through.field_name}' reads the facts of a unit the subject "
            f"names: write of {ast.SUBJECT}.FIELD",
            through.span,
            hint=f"the subject's links: {shown}",
        )
    elif through.field_name not in links:
        yield unknown(
            "unit link",
            through.field_name,
            links,
            through.span,
            hint=f"the subject's links: {shown}",
        )


def _check_link(
    fact: str, test: ast.Test, ftype: FieldType, aliases: dict[str, str], schema: Schema
) -> Iterator[Diagnostic]:
    """A link test follows a link: ``order = o`` (the fact bound as ``o``, or as its type
    name, of a type the link may name), ``body = unit`` (the subject, on a link naming
    subjects: the rule reads the facts in which the subject has that role) or ``= none``."""
    where = f"{fact}.{test.field_name}"
    value = test.values[0] if test.values else None
    if test.op != "=" or len(test.values) != 1 or not isinstance(value, ast.Symbol):
        yield Diagnostic(
            "type",
            f"{where} is a link: follow it with = and one name",
            test.span,
            hint=f"{where} = ALIAS (a fact bound in the rule), = {schema.subject_key} or = none",
        )
        return
    name = value.name
    subject = schema.subject_key
    if name == NO_LINK:
        return
    if subject in ftype.targets:
        if name != subject:
            yield Diagnostic(
                "link",
                f"{where} names a {subject}: write {where} = {subject} (the {subject} the "
                f"rule binds) or = none, not {name!r}",
                value.span,
                value=name,
                expected=(subject, NO_LINK),
            )
        return
    bound = aliases.get(name) or (name if name in schema.facts else None)
    if bound is None:
        known = [*aliases, *(t for t in ftype.targets if t in schema.facts)]
        yield Diagnostic(
            "link",
            f"{where} follows a link to {name!r}, which the rule does not bind",
            value.span,
            hint=f"bind it first: {ftype.targets[0]}(…) as {name} and {fact}("
            f"{test.field_name} = {name})",
            suggestions=suggest(name, known),
            value=name,
            expected=tuple(known),
        )
    elif bound not in ftype.targets:
        yield Diagnostic(
            "link",
            f"{where} links to {' or '.join(ftype.targets)}, not to {bound} ({name!r})",
            value.span,
            value=name,
            expected=ftype.targets,
        )


def _check_param(
    name: str,
    kind: str,
    span: Span,
    schema: Schema,
    hint: str = "",
    unknown_hint: str = "",
    mismatch: str = "",
) -> Iterator[Diagnostic]:
    """A parameter standing where a value of ``kind`` (flag, count, period) is needed; a
    parameter of another kind is reported with ``mismatch`` (``{kind}``: the parameter's)."""
    spec = schema.params.get(name)
    if spec is None:
        yield unknown("parameter", name, schema.params, span, unknown_hint)
    elif spec.kind != kind:
        message = mismatch or f"parameter {name!r} is a {{kind}}, not a {kind}"
        yield Diagnostic("type", message.format(kind=spec.kind), span, hint=hint, value=name)


def _check_times(value: float, what: str, span: Span) -> Iterator[Diagnostic]:
    """How many times something must happen: a whole number from 1 to MAX_COUNT."""
    if not (1 <= value <= MAX_COUNT and value == int(value)):
        yield Diagnostic(
            "value",
            f"{what} needs a whole number of at least 1 and at most {MAX_COUNT}",
            span,
            value=f"{value:g}",
        )


def _check_count(node: ast.Count, schema: Schema) -> Iterator[Diagnostic]:
    if isinstance(node.at_least, ast.ParamRef):
        yield from _check_param(node.at_least.name, "count", node.at_least.span, schema)
    elif not isinstance(node.at_least, ast.Number):
        yield Diagnostic("type", "count needs a number or a count parameter", node.at_least.span)
    else:
        yield from _check_times(node.at_least.value, "count", node.at_least.span)
    if "date" not in schema.facts[node.fact].fields:
        yield Diagnostic("type", f"{node.fact} has no date to count within", node.span)


def _constant(value: ast.Value) -> object:
    """The value a test compares with, as evaluation sees it (None: known only then)."""
    if isinstance(value, ast.ParamRef | ast.Today):
        return None
    return value.name if isinstance(value, ast.Symbol) else value.value


def _check_contradictions(node: ast.Exists | ast.Count) -> Iterator[Diagnostic]:
    """Equality tests on one field with no value in common: ``incident(kind = a, kind = b)``
    can match no fact."""
    allowed: dict[str, tuple[set[object], list[str]]] = {}
    for test in node.tests:
        values = {_constant(v) for v in test.values}
        if test.op not in ("=", "in") or None in values:
            continue
        before, said = allowed.get(test.field_name, (values, []))
        if not before & values:
            yield Diagnostic(
                "contradiction",
                f"'{unparse.test(test)}' contradicts '{' and '.join(said)}': "
                f"no {node.fact} can match both",
                test.span,
                hint=f"test {test.field_name} once; alternatives go in one 'in [a, b]'",
                value=unparse.test(test),
            )
        allowed[test.field_name] = (before & values, [*said, unparse.test(test)])


def _operand_type(
    operand: ast.Operand, aliases: dict[str, str], schema: Schema
) -> FieldType | None:
    if operand.ref == ast.SUBJECT:
        return schema.subject_fields.get(operand.field_name)
    ftype = schema.facts.get(aliases.get(operand.ref, operand.ref))
    return ftype.fields.get(operand.field_name) if ftype is not None else None


def _check_operand(
    operand: ast.Operand, aliases: dict[str, str], schema: Schema
) -> Iterator[Diagnostic]:
    if operand.ref == ast.SUBJECT:
        if operand.field_name not in schema.subject_fields:
            yield unknown("unit field", operand.field_name, schema.subject_fields, operand.span)
        return
    fact = aliases.get(operand.ref, operand.ref)
    ftype = schema.facts.get(fact)
    if ftype is None:
        known = list(aliases) + list(schema.facts) + [ast.SUBJECT]
        yield unknown("fact or alias", operand.ref, known, operand.span)
    elif operand.field_name not in ftype.fields:
        yield unknown(f"field of {fact}", operand.field_name, ftype.fields, operand.span)


def _periods(rule: ast.Rule) -> Iterator[ast.Period]:
    for node in ast.walk(rule):
        if isinstance(node, ast.Count):
            yield node.within
        if isinstance(node, ast.Compare):
            for side in (node.left, node.right):
                if isinstance(side, ast.Operand) and side.offset is not None:
                    yield side.offset
    due = rule.due
    if isinstance(due, ast.Within | ast.Every):
        yield due.period


def _check_periods(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """Periods written in rule text are bounded as open terms' values are (Period.usable);
    a period parameter, and the one 'immediately' counts with, is declared as a period."""
    for period in _periods(rule):
        if isinstance(period, ast.FixedPeriod):
            if period.amount < 1:
                yield Diagnostic(
                    "value",
                    f"a period of {period.amount} {period.unit} is no period",
                    period.span,
                    hint="give at least 1",
                )
            elif not Period(period.amount, period.unit).usable():
                yield Diagnostic(
                    "value",
                    f"{period.amount} {period.unit} is not a usable legal period",
                    period.span,
                    hint=f"give {PERIOD_RANGE}",
                    value=f"{period.amount} {period.unit}",
                )
        else:
            yield from _check_param(period.name, "period", period.span, schema)
    due = rule.due
    if isinstance(due, ast.Immediately):
        if schema.prompt_param is None:
            yield Diagnostic(
                "clause",
                "'due immediately' has no length here: no parameter says how soon it is",
                due.span,
                hint="give the period: 'due within 1 days after …'",
            )
        else:
            yield from _check_param(
                schema.prompt_param,
                "period",
                due.span,
                schema,
                unknown_hint="'due immediately' is counted with it (how soon is immediately): "
                "declare it in the params registry as a period",
            )


def _date_refs(rule: ast.Rule) -> Iterator[ast.DateRef]:
    due = rule.due
    if isinstance(due, ast.Within | ast.Immediately):
        yield due.after
    if isinstance(due, ast.ByDate):
        yield due.date
    if rule.until is not None:
        yield rule.until


def check_bound_deadlines(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """A deadline counted from a fact's date needs that fact in the condition: otherwise it
    would count from whichever such fact the unit happens to have."""
    due = rule.due
    if rule.kind == "sanction":
        return  # a sanction has no deadline: check_head says so
    refs = [due.after] if isinstance(due, ast.Within | ast.Immediately) else []
    refs += [due.date] if isinstance(due, ast.ByDate) else []
    named = {n.fact for n in ast.walk(rule.when) if isinstance(n, ast.Exists | ast.Count)}
    for ref in refs:
        if ref.fact in schema.facts and ref.fact not in named:
            yield Diagnostic(
                "unbound-deadline",
                f"the deadline counts from {ref.fact}.{ref.field_name}, but the condition names no {ref.fact}",
                ref.span,
                hint=f"add it to the condition, e.g. 'when {ref.fact}()'",
            )


def check_year_end(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """``until year_end of F.x + N``: x is a year or a date of a fact the condition names;
    N is a few years."""
    year_end = rule.until_year_of
    if year_end is None:
        return
    ref = year_end.ref
    ftype = schema.facts.get(ref.fact)
    if ftype is None:
        yield unknown("fact type", ref.fact, schema.facts, ref.span)
        return
    field = ftype.fields.get(ref.field_name)
    if field is None:
        yield unknown(f"field of {ref.fact}", ref.field_name, ftype.fields, ref.span)
    elif field.kind not in ("number", "date"):
        yield Diagnostic(
            "type", f"{ref.fact}.{ref.field_name} is neither a year nor a date", ref.span
        )
    named = {n.fact for n in ast.walk(rule.when) if isinstance(n, ast.Exists | ast.Count)}
    if ref.fact not in named:
        yield Diagnostic(
            "unbound-deadline",
            f"the sanction lasts to the end of a year of {ref.fact}, but the condition names "
            f"no {ref.fact}",
            ref.span,
            hint=f"add it to the condition, e.g. 'when {ref.fact}()'",
        )
    if not 0 <= year_end.offset <= 100:
        yield Diagnostic(
            "value", f"{year_end.offset} years is not a usable offset; give 0 to 100",
            year_end.span,
        )  # fmt: skip


def check_dates(rule: ast.Rule, schema: Schema) -> Iterator[Diagnostic]:
    """``due`` and ``until`` refer to date fields of known fact types; calendar days exist."""
    for ref in _date_refs(rule):
        ftype = schema.facts.get(ref.fact)
        if ftype is None:
            yield unknown("fact type", ref.fact, schema.facts, ref.span)
        elif ref.field_name not in ftype.fields:
            yield unknown(f"field of {ref.fact}", ref.field_name, ftype.fields, ref.span)
        elif ftype.fields[ref.field_name].kind != "date":
            yield Diagnostic("type", f"{ref.fact}.{ref.field_name} is not a date", ref.span)
    due = rule.due
    if isinstance(due, ast.Yearly):
        if due.at_least is not None:
            yield from _check_times(due.at_least, "'at_least'", due.span)
        if due.by_month_day is not None:
            month, day = due.by_month_day
            if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]):
                yield Diagnostic(
                    "value", f"{month:02d}-{day:02d} is not a day of the year", due.span
                )
        if due.in_week is not None:
            month, week = due.in_week
            if not (1 <= month <= 12 and 1 <= week <= 5):
                yield Diagnostic(
                    "value",
                    f"month {month} week {week} does not exist",
                    due.span,
                    hint="months are 1-12, weeks 1-5",
                )


CHECKS: tuple[Check, ...] = (
    check_head,
    check_subjects,
    check_conditions,
    check_dates,
    check_bound_deadlines,
    check_year_end,
)


def check_rules(rules: Iterable[ast.Rule], schema: Schema) -> list[Diagnostic]:
    """Run every check on every rule; return all diagnostics (empty when clean)."""
    return [diag for rule in rules for check in CHECKS for diag in check(rule, schema)]
