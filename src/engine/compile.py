"""Checked AST → compiled rules: Python closures built once, no AST walking per fact.

Each rule becomes a ``CompiledRule``: a binder for its subjects, tests on the subject's own
fields (decided once per subject profile), the matchers of its conditions (engine/match.py),
and what it reads and writes (for the strata of engine/graph.py). The types are in
engine/rules.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from engine import ast
from engine.check import check_rules
from engine.errors import Diagnostic, RuleError
from engine.graph import stratify
from engine.match import ConditionCompiler, referenced_names
from engine.parse import parse_rules
from engine.rules import CompiledRule, RuleSet, RuleSource
from engine.schema import Schema

Parsed = tuple[RuleSource, tuple[ast.Rule, ...]]
Stratification = tuple[tuple[tuple[str, ...], ...], tuple[bool, ...]]


def parse_sources(
    sources: Iterable[RuleSource], problems: list[Diagnostic] | None = None
) -> list[Parsed]:
    """Parse every source. Syntax errors are added to ``problems`` when it is given (so a
    caller can go on checking the other sources), else raised together in one RuleError."""
    diagnostics: list[Diagnostic] = [] if problems is None else problems
    parsed: list[Parsed] = []
    for source in sources:
        try:
            parsed.append((source, tuple(parse_rules(source.text, source.origin))))
        except RuleError as exc:
            diagnostics.extend(exc.diagnostics)
    if diagnostics and problems is None:
        raise RuleError(diagnostics)
    return parsed


def compile_parsed(
    parsed: Iterable[Parsed],
    schema: Schema,
    *,
    checked: bool = False,
    order: Stratification | None = None,
    problems: Iterable[Diagnostic] = (),
) -> RuleSet:
    """Check (unless ``checked``) and compile parsed rules; ``order`` is a stratification
    computed before for exactly these rules (it skips building the dependency graph);
    ``problems`` found earlier (syntax errors) are raised together with the check's."""
    diagnostics: list[Diagnostic] = list(problems)
    compiled: list[CompiledRule] = []
    for source, rules in parsed:
        found = [] if checked else check_rules(rules, schema)
        diagnostics.extend(found)
        if found:
            continue
        for number, rule in enumerate(rules, start=1):
            compiled.append(compile_rule(f"{source.prefix}.{number}", rule, schema, source.meta))
    if diagnostics:
        raise RuleError(diagnostics)
    fields = sorted({f for rule in compiled for f in rule.subject_fields})
    if order is None:
        strata, recursive = stratify(compiled)
    else:
        by_id = {rule.id: rule for rule in compiled}
        strata = tuple(tuple(by_id[i] for i in ids) for ids in order[0])
        recursive = order[1]
    return RuleSet(tuple(compiled), strata, schema, tuple(fields), recursive)


def compile_sources(sources: Iterable[RuleSource], schema: Schema) -> RuleSet:
    """Parse, check and compile rule texts; every problem in every source is reported in
    one RuleError."""
    problems: list[Diagnostic] = []
    parsed = parse_sources(sources, problems)
    return compile_parsed(parsed, schema, problems=problems)


def stratification(ruleset: RuleSet) -> Stratification:
    """The rule set's evaluation order by rule id (to cache with the parsed rules)."""
    return tuple(tuple(r.id for r in s) for s in ruleset.strata), ruleset.recursive


def compile_rule(
    rule_id: str, rule: ast.Rule, schema: Schema, meta: Mapping[str, Any]
) -> CompiledRule:
    """Compile one checked rule."""
    compiler = ConditionCompiler(schema, referenced_names(rule))
    subject_nodes, residual = split_subject_tests(rule.when)
    escalations = tuple((compiler.condition(e.condition), e.measures) for e in rule.escalations)
    reads = set(compiler.reads_of(rule.when))
    for esc in rule.escalations:
        reads |= set(compiler.reads_of(esc.condition))
    negative = set(compiler.reads_of(rule.unless)) | set(compiler.reads_of(rule.suspended_while))
    negative |= set(compiler.negated_reads(rule.when))
    writes: set[tuple[str, str]] = set()
    if rule.kind == "sanction":
        # alternatives are not facts until the deciding body has chosen (and that is a fact)
        chosen = () if rule.alternatives else rule.measures
        measures = chosen + tuple(m for e in rule.escalations for m in e.measures)
        writes = {("sanction", m) for m in measures}
    return CompiledRule(
        id=rule_id,
        node=rule,
        meta=meta,
        binds=_binder(rule.who, schema),
        subject_tests=tuple(compiler.subject_test(node) for node in subject_nodes),
        subject_fields=frozenset(node.left.field_name for node in subject_nodes),
        requires=frozenset(required_facts(residual)),
        when=compiler.condition(residual) if residual is not None else None,
        unless=compiler.condition(rule.unless) if rule.unless is not None else None,
        suspended=compiler.condition(rule.suspended_while)
        if rule.suspended_while is not None
        else None,
        escalations=escalations,
        reads=frozenset(reads),
        negative_reads=frozenset(negative),
        writes=frozenset(writes),
    )


def _is_subject_test(node: ast.Condition) -> bool:
    return (
        isinstance(node, ast.Compare)
        and node.left.ref == "unit"
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


def required_facts(condition: ast.Condition | None) -> set[str]:
    """Fact types without which ``condition`` cannot hold (a cheap pre-check per subject)."""
    if isinstance(condition, ast.Exists | ast.Count):
        return {condition.fact}
    if isinstance(condition, ast.AllOf):
        return set().union(*(required_facts(i) for i in condition.items))
    if isinstance(condition, ast.AnyOf):
        parts = [required_facts(i) for i in condition.items]
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
