"""The rule dependency graph (networkx): strata for evaluation, cycles through negation
rejected.

A rule depends on another when it reads what the other derives (a sanction, by measure).
Rules in one strongly connected component run together to a fixpoint; components run in
topological order. A component in which some rule reads a member's output negatively (not,
unless, suspended while) has no stable meaning and is rejected with a CycleError.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from engine.errors import CycleError

if TYPE_CHECKING:
    import networkx as nx

    from engine.rules import CompiledRule


def _feeds(writer: CompiledRule, reads: frozenset[tuple[str, str]]) -> bool:
    for fact, measure in reads:
        for wfact, wmeasure in writer.writes:
            if fact == wfact and (measure == "*" or measure == wmeasure):
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
            if _feeds(writer, reader.negative_reads):
                graph.add_edge(writer.id, reader.id, negative=True)
            elif _feeds(writer, reader.reads):
                graph.add_edge(writer.id, reader.id, negative=False)
    return graph


def stratify(
    rules: Sequence[CompiledRule],
) -> tuple[tuple[tuple[CompiledRule, ...], ...], tuple[bool, ...]]:
    """Group rules into strata in dependency order, each with whether it is recursive (a
    member reads what a member derives: it must run to a fixpoint); raise CycleError on a
    cycle through a negation."""
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
                raise CycleError([*nx.shortest_path(graph, b, a), b])
        strata.append(tuple(by_id[m] for m in sorted(members, key=order.__getitem__)))
        recursive.append(graph.subgraph(members).number_of_edges() > 0)
    return tuple(strata), tuple(recursive)
