"""What each rule reads and writes, the dependency graph between rules, and their strata.

A rule reads the fact types its conditions name (a derived fact by the measure it pins, or
any, ``*``) and writes the derived facts its consequences become (a sanction, by measure,
when the Schema names a ``derived_fact``). A rule depends on another when it reads what the
other writes. Rules in one strongly connected component run together to a fixpoint;
components run in topological order. A component in which some rule reads a member's output
negatively (not, unless, suspended while) has no stable meaning: ``stratify`` raises a
CycleError located at a rule of the cycle.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from engine import ast
from engine.errors import CycleError

if TYPE_CHECKING:
    import networkx as nx

    from engine.rules import CompiledRule

Read = tuple[str, str]
"""(fact type, measure or ``*``): what a condition reads, as fine as the graph needs."""

ANY = "*"


def reads(condition: ast.Condition | None, facts: frozenset[str]) -> Iterator[Read]:
    """What ``condition`` reads: each fact type it names (``facts``: the fact types of the
    schema, which a comparison may name as well), with the measure it pins."""
    for node in ast.walk(condition):
        if isinstance(node, ast.Exists | ast.Count):
            yield (node.fact, pinned(node.tests, "measure"))
        elif isinstance(node, ast.Compare):
            for side in (node.left, node.right):
                if isinstance(side, ast.Operand) and side.ref in facts:
                    yield (side.ref, ANY)


def negated_reads(condition: ast.Condition | None, facts: frozenset[str]) -> Iterator[Read]:
    """What ``condition`` reads under a ``not``: what must be complete before it is read."""
    if isinstance(condition, ast.Not):
        yield from reads(condition.item, facts)
    elif isinstance(condition, ast.AllOf | ast.AnyOf):
        for item in condition.items:
            yield from negated_reads(item, facts)


def rule_reads(rule: ast.Rule, facts: frozenset[str]) -> tuple[frozenset[Read], frozenset[Read]]:
    """What a rule reads: positively (its condition and escalations), and negatively (under
    a ``not``, in ``unless`` and ``suspended while``: what must be complete before)."""
    positive = set(reads(rule.when, facts))
    for esc in rule.escalations:
        positive |= set(reads(esc.condition, facts))
    negative = set(reads(rule.unless, facts)) | set(reads(rule.suspended_while, facts))
    negative |= set(negated_reads(rule.when, facts))
    return frozenset(positive), frozenset(negative)


def writes(rule: ast.Rule, derived_fact: str | None) -> frozenset[Read]:
    """The derived facts ``rule`` makes: one per measure it imposes (escalations too), as
    ``derived_fact`` facts; alternatives are no facts until the deciding body has chosen
    (and that choice is a fact of its own)."""
    if rule.kind != "sanction" or derived_fact is None:
        return frozenset()
    chosen = () if rule.alternatives else rule.measures
    measures = chosen + tuple(m for e in rule.escalations for m in e.measures)
    return frozenset((derived_fact, m) for m in measures)


def referenced_names(rule: ast.Rule) -> frozenset[str]:
    """Aliases and fact types whose fields the rule reads (comparisons, deadlines, until):
    a fact named only in a condition that reads none of its fields is a guard (a semi-join).
    """
    names = set()
    for node in ast.walk(rule):
        if isinstance(node, ast.Compare):
            for side in (node.left, node.right):
                if isinstance(side, ast.Operand):
                    names.add(side.ref)
    due = rule.due
    if isinstance(due, ast.Within | ast.Immediately):
        names.add(due.after.fact)
    if isinstance(due, ast.ByDate):
        names.add(due.date.fact)
    if rule.until is not None:
        names.add(rule.until.fact)
    return frozenset(names)


def pinned(tests: tuple[ast.Test, ...], field_name: str) -> str:
    """The code a fact's tests fix ``field_name`` to (``measure = veto`` → veto), else ``*``."""
    for test in tests:
        if (
            test.field_name == field_name
            and test.op == "="
            and isinstance(test.values[0], ast.Symbol)
        ):
            return test.values[0].name
    return ANY


def feeds(written: frozenset[Read], read: frozenset[Read]) -> bool:
    """Whether something in ``written`` is something in ``read``."""
    for fact, measure in read:
        for wfact, wmeasure in written:
            if fact == wfact and measure in (ANY, wmeasure):
                return True
    return False


def dependency_graph(rules: Sequence[CompiledRule]) -> nx.DiGraph[str]:
    """Edges writer → reader; ``negative`` is set on edges read through a negation."""
    import networkx as nx  # imported when rules are compiled, not when cached ones are loaded

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(r.id for r in rules)
    writers = [r for r in rules if r.writes]
    for reader in rules:
        if not (reader.reads or reader.negative_reads):
            continue
        for writer in writers:
            if feeds(writer.writes, reader.negative_reads):
                graph.add_edge(writer.id, reader.id, negative=True)
            elif feeds(writer.writes, reader.reads):
                graph.add_edge(writer.id, reader.id, negative=False)
    return graph


Strata = tuple[tuple["CompiledRule", ...], ...]


def stratify(rules: Sequence[CompiledRule]) -> tuple[Strata, tuple[bool, ...]]:
    """Group rules into strata in dependency order, each with whether it is recursive (a
    member reads what a member derives: it must run to a fixpoint); a cycle through a
    negation is a CycleError located at the first rule of the cycle."""
    import networkx as nx

    graph = dependency_graph(rules)
    by_id = {r.id: r for r in rules}
    order = {r.id: i for i, r in enumerate(rules)}
    condensed = nx.condensation(graph)
    strata: list[tuple[CompiledRule, ...]] = []
    recursive: list[bool] = []
    for component in nx.topological_sort(condensed):
        members = condensed.nodes[component]["members"]
        for a, b, data in graph.subgraph(members).edges(data=True):
            if data["negative"]:
                path = [*nx.shortest_path(graph, b, a), b]
                raise CycleError(path, by_id[path[0]].node.span)
        strata.append(tuple(by_id[m] for m in sorted(members, key=order.__getitem__)))
        recursive.append(graph.subgraph(members).number_of_edges() > 0)
    return tuple(strata), tuple(recursive)
