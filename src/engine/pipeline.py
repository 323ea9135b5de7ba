"""The one place the stages are composed: rule text in, a RuleSet (the plan) out.

    RuleSource[] ─parse─▶ Parsed[] ─check─▶ Diagnostic[] ─compile─▶ CompiledRule[] ─order─▶ RuleSet

``compile_sources`` runs every stage. Every problem parse and check find, in every source,
is collected and raised together as one RuleError before anything is compiled; a cycle
through a negation found when ordering is a RuleError too (``CycleError``, located).
``compile_cached`` is the path for rules checked before, kept in a cache with the order
computed then: the same stages without the check and without building the dependency graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from engine.check import check_rules
from engine.compile import compile_rule
from engine.dependency import stratify
from engine.errors import Diagnostic, RuleError
from engine.parse import parse_rules
from engine.rules import CompiledRule, Order, Parsed, RuleSet, RuleSource
from engine.schema import Schema


def parse_all(sources: Iterable[RuleSource]) -> tuple[list[Parsed], list[Diagnostic]]:
    """Every source's rules, and the syntax problems of those that do not parse."""
    parsed: list[Parsed] = []
    problems: list[Diagnostic] = []
    for source in sources:
        try:
            parsed.append((source, tuple(parse_rules(source.text, source.origin))))
        except RuleError as exc:
            problems.extend(exc.diagnostics)
    return parsed, problems


def check_all(parsed: Iterable[Parsed], schema: Schema) -> list[Diagnostic]:
    """Every problem the checks find in every parsed rule (empty when all resolve)."""
    return [problem for _, rules in parsed for problem in check_rules(rules, schema)]


def compile_all(parsed: Iterable[Parsed], schema: Schema) -> list[CompiledRule]:
    """Each checked rule compiled, named by its source's prefix and its place in it."""
    return [
        compile_rule(f"{source.prefix}.{number}", rule, schema, source.meta)
        for source, rules in parsed
        for number, rule in enumerate(rules, start=1)
    ]


def order(
    rules: Sequence[CompiledRule],
    schema: Schema,
    parsed: Sequence[Parsed] = (),
    given: Order | None = None,
) -> RuleSet:
    """The rules in strata (``given``: an order computed before for exactly these rules)."""
    if given is None:
        strata, recursive = stratify(rules)
    else:
        by_id = {rule.id: rule for rule in rules}
        strata = tuple(tuple(by_id[i] for i in ids) for ids in given[0])
        recursive = given[1]
    fields = tuple(sorted({f for rule in rules for f in rule.subject_fields}))
    return RuleSet(tuple(rules), strata, schema, fields, recursive, tuple(parsed))


def compile_sources(sources: Iterable[RuleSource], schema: Schema) -> RuleSet:
    """Parse, check, compile and order rule texts; every problem in every source is reported
    in one RuleError."""
    parsed, problems = parse_all(sources)
    problems += check_all(parsed, schema)
    if problems:
        raise RuleError(problems)
    return order(compile_all(parsed, schema), schema, parsed)


def compile_cached(parsed: Sequence[Parsed], schema: Schema, given: Order) -> RuleSet:
    """Rules parsed and checked before, in the order computed then: compiled again (the
    closures are not kept), neither checked nor ordered again."""
    return order(compile_all(parsed, schema), schema, parsed, given)
