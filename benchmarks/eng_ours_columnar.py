"""Our engine's columnar backend (engine/columnar.py) on the shared workload: the same rule
text and schema as `ours`, units and incidents as Polars frames."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl

from benchmarks.eng_ours import Fact, Subject, rule_text, schema
from benchmarks.workload import Incident, Unit
from engine import Evaluator, RuleSource, compile_sources
from engine.columnar import UNIT, evaluate
from engine.span import Origin


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    rules = compile_sources(
        [
            RuleSource("bench.1", rule_text(), Origin("benchmark")),
        ],
        schema(),
    )
    evaluator = Evaluator(rules, as_of=dt.date(2026, 1, 1), pause_gc=True)
    timer("build")
    subjects = pl.DataFrame(
        {
            "id": [u.id for u in units],
            "kind": [u.kind for u in units],
            "region": [u.region for u in units],
            "level": [u.level for u in units],
        }
    ).with_columns(pl.lit([], dtype=pl.List(pl.String)).alias("tags"))
    facts = {
        "incident": pl.DataFrame(
            {
                "unit": [i.unit for i in incidents],
                "kind": [i.kind for i in incidents],
                "severity": [i.severity for i in incidents],
                "date": [i.date for i in incidents],
            }
        )
    }
    timer("load")
    found = evaluate(
        evaluator,
        subjects,
        facts,
        lambda r: Subject(r["id"], r["kind"], r["region"], r["level"]),
        {"incident": lambda r: Fact(r["unit"], r["kind"], r["severity"], r["date"])},
    )
    timer("run")
    concepts = {r.id: (r.node.concept or "").replace("_", "-") for r in rules.rules}
    derived = [
        ("ob", unit, concepts[rule]) if kind == "obligation" else ("sanction", unit, measure)
        for unit, rule, kind, measure in found.conclusions.select(
            UNIT, "rule", "kind", "measure"
        ).iter_rows()
    ]
    for result in found.reference.values():
        for c in result.conclusions:
            derived.append(
                ("ob", result.subject.id, concepts[c.rule.id])
                if c.kind == "obligation"
                else ("sanction", result.subject.id, c.measure)
            )
    return derived
