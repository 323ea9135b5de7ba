"""Checks on parsed rules: every name must resolve against the schema.

Each check is a small function ``(rule, schema) -> Iterator[Diagnostic]``; CHECKS lists them
in the order they run. All diagnostics are collected, so one run reports every problem.
"""

from __future__ import annotations

import calendar
import difflib
from collections.abc import Callable, Iterable, Iterator

from engine import ast
from engine.errors import Diagnostic
from engine.schema import FieldType, Schema
from engine.span import Span

Check = Callable[[ast.Rule, Schema], Iterator[Diagnostic]]


def suggest(name: str, known: Iterable[str]) -> tuple[str, ...]:
    """Up to three known names close to ``name``: the did-you-mean of every message."""
    return tuple(difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6))


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
            "declare it in the concept registry (rules/concepts.yaml)",
        )
    for measure in rule.measures:
        if measure not in schema.measures:
            yield unknown("measure", measure, schema.measures, rule.span)
    for escalation in rule.escalations:
        for measure in escalation.measures:
            if measure not in schema.measures:
                yield unknown("measure", measure, schema.measures, escalation.span)
    if rule.role not in schema.roles:
        yield unknown("role", rule.role, schema.roles, rule.span)
    if rule.kind != "sanction":
        for clause, present in (
            ("escalate", rule.escalations),
            ("until", rule.until or rule.until_year_end),
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
    elif rule.role != "lead":
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


def _walk(condition: ast.Condition | None) -> Iterator[ast.Condition]:
    if condition is None:
        return
    yield condition
    if isinstance(condition, ast.AllOf | ast.AnyOf):
        for item in condition.items:
            yield from _walk(item)
    elif isinstance(condition, ast.Not):
        yield from _walk(condition.item)


def conditions_of(rule: ast.Rule) -> Iterator[ast.Condition]:
    """Every condition node of a rule (when, unless, suspended while, escalations)."""
    yield from _walk(rule.when)
    yield from _walk(rule.unless)
    yield from _walk(rule.suspended_while)
    for escalation in rule.escalations:
        yield from _walk(escalation.condition)


def _check_value(
    value: ast.Value, ftype: FieldType, where: str, schema: Schema
) -> Iterator[Diagnostic]:
    if isinstance(value, ast.ParamRef):
        if value.name not in schema.params:
            yield unknown("parameter", value.name, schema.params, value.span)
        return
    if ftype.kind in ("symbol", "ordered"):
        if not isinstance(value, ast.Symbol):
            yield Diagnostic("type", f"{where} takes a code, not {_describe(value)}", value.span)
            return
        choices: Iterable[str] = ftype.choices or (
            schema.registry(ftype.registry) if ftype.registry else ()
        )
        choices = list(choices)
        if choices and value.name not in choices:
            yield unknown(f"value of {where}", value.name, choices, value.span)
    elif ftype.kind == "number" and not isinstance(value, ast.Number):
        yield Diagnostic("type", f"{where} takes a number, not {_describe(value)}", value.span)
    elif ftype.kind == "date" and not isinstance(value, ast.DateLit | ast.Today):
        yield Diagnostic(
            "type", f"{where} takes a date YYYY-MM-DD, not {_describe(value)}", value.span
        )
    elif ftype.kind == "flag" and not isinstance(value, ast.Flag):
        yield Diagnostic("type", f"{where} takes true or false, not {_describe(value)}", value.span)
    elif ftype.kind == "text" and not isinstance(value, ast.Text | ast.Symbol):
        yield Diagnostic("type", f"{where} takes text, not {_describe(value)}", value.span)


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
    for node in conditions_of(rule):
        if isinstance(node, ast.Exists | ast.Count):
            ftype = schema.facts.get(node.fact)
            if ftype is None:
                yield unknown("fact type", node.fact, schema.facts, node.span)
                continue
            if isinstance(node, ast.Exists) and node.alias:
                if node.alias in aliases or node.alias in schema.facts or node.alias == "unit":
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
        elif isinstance(node, ast.OpenTerm):
            spec = schema.params.get(node.name)
            if spec is None:
                yield unknown(
                    "parameter",
                    node.name,
                    schema.params,
                    node.span,
                    "declare it in rules/params.yaml",
                )
            elif spec.kind != "flag":
                yield Diagnostic(
                    "type",
                    f"parameter {node.name!r} is a {spec.kind}, not a flag",
                    node.span,
                    hint="only a flag parameter can stand as a condition",
                )
    for node in conditions_of(rule):
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


def _check_count(node: ast.Count, schema: Schema) -> Iterator[Diagnostic]:
    if isinstance(node.at_least, ast.ParamRef):
        spec = schema.params.get(node.at_least.name)
        if spec is None:
            yield unknown("parameter", node.at_least.name, schema.params, node.at_least.span)
        elif spec.kind != "count":
            yield Diagnostic(
                "type", f"parameter {spec.name!r} is a {spec.kind}, not a count", node.at_least.span
            )
    elif not isinstance(node.at_least, ast.Number):
        yield Diagnostic("type", "count needs a number or a count parameter", node.at_least.span)
    elif node.at_least.value < 1 or node.at_least.value != int(node.at_least.value):
        yield Diagnostic("value", "count needs a whole number of at least 1", node.at_least.span)
    if "date" not in schema.facts[node.fact].fields:
        yield Diagnostic("type", f"{node.fact} has no date to count within", node.span)


def _operand_type(
    operand: ast.Operand, aliases: dict[str, str], schema: Schema
) -> FieldType | None:
    if operand.ref == "unit":
        return schema.subject_fields.get(operand.field_name)
    ftype = schema.facts.get(aliases.get(operand.ref, operand.ref))
    return ftype.fields.get(operand.field_name) if ftype is not None else None


def _check_operand(
    operand: ast.Operand, aliases: dict[str, str], schema: Schema
) -> Iterator[Diagnostic]:
    if operand.ref == "unit":
        if operand.field_name not in schema.subject_fields:
            yield unknown("unit field", operand.field_name, schema.subject_fields, operand.span)
        return
    fact = aliases.get(operand.ref, operand.ref)
    ftype = schema.facts.get(fact)
    if ftype is None:
        known = list(aliases) + list(schema.facts) + ["unit"]
        yield unknown("fact or alias", operand.ref, known, operand.span)
    elif operand.field_name not in ftype.fields:
        yield unknown(f"field of {fact}", operand.field_name, ftype.fields, operand.span)


def _periods(rule: ast.Rule) -> Iterator[ast.Period]:
    for node in conditions_of(rule):
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
    for period in _periods(rule):
        if isinstance(period, ast.FixedPeriod) and period.amount < 1:
            yield Diagnostic(
                "value",
                f"a period of {period.amount} {period.unit} is no period",
                period.span,
                hint="give at least 1",
            )
        if isinstance(period, ast.ParamPeriod):
            spec = schema.params.get(period.name)
            if spec is None:
                yield unknown("parameter", period.name, schema.params, period.span)
            elif spec.kind != "period":
                yield Diagnostic(
                    "type", f"parameter {period.name!r} is a {spec.kind}, not a period", period.span
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
    refs = [due.after] if isinstance(due, ast.Within | ast.Immediately) else []
    refs += [due.date] if isinstance(due, ast.ByDate) else []
    named = {n.fact for n in _walk(rule.when) if isinstance(n, ast.Exists | ast.Count)}
    for ref in refs:
        if ref.fact in schema.facts and ref.fact not in named:
            yield Diagnostic(
                "unbound-deadline",
                f"the deadline counts from {ref.fact}.{ref.field_name}, but the condition names no {ref.fact}",
                ref.span,
                hint=f"add it to the condition, e.g. 'when {ref.fact}()'",
            )


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
    if isinstance(due, ast.Yearly) and due.at_least is not None and due.at_least < 1:
        yield Diagnostic("value", "'at_least' needs a whole number of at least 1", due.span)
    if isinstance(due, ast.Yearly):
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
)


def check_rules(rules: Iterable[ast.Rule], schema: Schema) -> list[Diagnostic]:
    """Run every check on every rule; return all diagnostics (empty when clean)."""
    return [diag for rule in rules for check in CHECKS for diag in check(rule, schema)]
