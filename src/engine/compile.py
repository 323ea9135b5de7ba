"""Checked AST → compiled rules: Python closures built once, no AST walking per fact.

Each rule becomes a ``CompiledRule`` (engine/rules.py): a binder for its subjects, tests on
the subject's own fields (decided once per subject profile), the matchers of its conditions
(engine/match.py), and what it reads and writes (engine/dependency.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from engine import ast
from engine.dependency import referenced_names, rule_reads, writes
from engine.match import ConditionCompiler, source_of
from engine.rules import CompiledRule
from engine.schema import Schema


def compile_rule(
    rule_id: str, rule: ast.Rule, schema: Schema, meta: Mapping[str, Any]
) -> CompiledRule:
    """Compile one checked rule."""
    compiler = ConditionCompiler(schema, referenced_names(rule))
    subject_nodes, residual = split_subject_tests(rule.when)
    escalations = tuple((compiler.condition(e.condition), e.measures) for e in rule.escalations)
    positive, negative = rule_reads(rule, frozenset(schema.facts))
    return CompiledRule(
        id=rule_id,
        node=rule,
        meta=meta,
        binds=_binder(rule.who, schema),
        subject_tests=tuple(compiler.subject_test(node) for node in subject_nodes),
        subject_fields=frozenset(node.left.field_name for node in subject_nodes),
        requires=frozenset(required_facts(residual, schema)),
        when=compiler.condition(residual) if residual is not None else None,
        unless=compiler.condition(rule.unless) if rule.unless is not None else None,
        suspended=compiler.condition(rule.suspended_while)
        if rule.suspended_while is not None
        else None,
        escalations=escalations,
        reads=positive,
        negative_reads=negative,
        writes=writes(rule, schema.derived_fact),
        terms=tuple(dict.fromkeys(n.name for n in ast.walk(rule) if isinstance(n, ast.OpenTerm))),
        asked=compiler.condition(rule.asked_when) if rule.asked_when is not None else None,
    )


def _is_subject_test(node: ast.Condition) -> bool:
    return (
        isinstance(node, ast.Compare)
        and node.left.ref == ast.SUBJECT
        and node.left.offset is None
        and not isinstance(node.right, ast.Operand | ast.Today)
    )


def split_subject_tests(
    when: ast.Condition | None,
) -> tuple[list[ast.Compare], ast.Condition | None]:
    """Separate tests on the subject alone (``unit.region = north``) from the rest of a
    condition: they are decided once per subject profile, not once per subject."""
    if when is None:
        return [], None
    items = list(when.items) if isinstance(when, ast.AllOf) else [when]
    tests = [i for i in items if _is_subject_test(i)]
    rest = [i for i in items if not _is_subject_test(i)]
    residual: ast.Condition | None
    if not rest:
        residual = None
    elif len(rest) == 1:
        residual = rest[0]
    else:
        residual = ast.AllOf(when.span, tuple(rest))
    return [t for t in tests if isinstance(t, ast.Compare)], residual


def required_facts(condition: ast.Condition | None, schema: Schema) -> set[str]:
    """Fact types without which ``condition`` cannot hold (a cheap pre-check per subject)."""
    if isinstance(condition, ast.Exists | ast.Count):
        return {source_of(condition, schema)}
    if isinstance(condition, ast.AllOf):
        return set().union(*(required_facts(i, schema) for i in condition.items))
    if isinstance(condition, ast.AnyOf):
        parts = [required_facts(i, schema) for i in condition.items]
        return set.intersection(*parts) if parts else set()
    return set()


def _binder(
    subjects: tuple[ast.Subject, ...], schema: Schema
) -> Callable[[str, str | None, frozenset[str]], bool]:
    """Whether a unit (kind, level, tags) is bound: its kind or an ancestor is named (at one
    of the named levels, if any), or it is an organization carrying a named tag."""
    plain = frozenset(s.kind for s in subjects if s.kind is not None and not s.levels)
    leveled = tuple(
        (s.kind, frozenset(s.levels)) for s in subjects if s.kind is not None and s.levels
    )
    tags = frozenset(s.tag for s in subjects if s.tag is not None)
    lineage, persons = schema.lineage, schema.person_kinds

    def binds(kind: str, level: str | None, unit_tags: frozenset[str]) -> bool:
        line = lineage(kind)
        if plain & line:
            return True
        if level is not None and any(k in line and level in lv for k, lv in leveled):
            return True
        return bool(tags & unit_tags) and kind not in persons

    return binds
