"""Our engine, through the public compile-and-evaluate API a user calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.workload import FILTER_RULES, JOIN_RULES, MAJOR, WINDOW, Incident, Unit
from engine import Evaluator, FactType, FieldType, RuleSource, Schema, compile_sources
from engine.span import Origin


def rule_text() -> str:
    """The workload's 51 rules in our rule language."""
    rules = []
    for code, region, kinds, level in FILTER_RULES:
        concept = code.replace("-", "_")
        rules.append(
            f'must {concept} "filter"\n  who {", ".join(kinds)}\n'
            f"  when unit.region = {region} and unit.level >= {level}\n"
        )
    for region in JOIN_RULES:
        rules.append(
            f'sanction interview "join"\n  who unit\n'
            f"  when incident(severity >= {MAJOR}) and unit.region = {region}\n"
        )
    rules.append(
        'sanction listed_supervision "chain"\n  who unit\n'
        f"  when sanction(measure = interview) and incident(severity >= {MAJOR}) as a\n"
        f"   and incident() as b and b.date > a.date and b.date <= a.date + {WINDOW} days\n"
    )
    return "\n".join(rules)


def schema() -> Schema:
    kinds = {f"k{i:02d}" for i in range(20)}
    number = FieldType("number")
    return Schema(
        kinds=frozenset(kinds | {"unit"}),
        lineage=lambda kind: frozenset({kind, "unit"}),
        levels=(),
        tags=frozenset(),
        concepts={code.replace("-", "_"): code for code, *_ in FILTER_RULES},
        measures=frozenset({"interview", "listed_supervision"}),
        facts={
            "incident": FactType(
                "incident", {"kind": FieldType("symbol"), "severity": number, "date": number}
            ),
            "sanction": FactType(
                "sanction", {"measure": FieldType("symbol", registry="measures"), "date": number}
            ),
        },
        params={},
        subject_fields={"region": FieldType("symbol"), "level": number},
        derived_fact="sanction",
    )


@dataclass(frozen=True, slots=True)
class Subject:
    id: int
    kind: str
    region: str
    level: int
    tags: frozenset[str] = field(default=frozenset())


@dataclass(frozen=True, slots=True)
class Fact:
    unit: int
    kind: str
    severity: int
    date: int
    fact_type: str = "incident"


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    rules = compile_sources([RuleSource("bench.1", rule_text(), Origin("benchmark"))], schema())
    timer("build")
    subjects = [Subject(u.id, u.kind, u.region, u.level) for u in units]
    facts = [Fact(i.unit, i.kind, i.severity, i.date) for i in incidents]
    timer("load")
    evaluation = Evaluator(rules, as_of=__import__("datetime").date(2026, 1, 1), pause_gc=True).run(
        subjects, facts
    )
    timer("run")
    derived = []
    for result in evaluation.results:
        for c in result.conclusions:
            if c.kind == "obligation":
                derived.append(("ob", result.subject.id, c.rule.node.concept.replace("_", "-")))
            else:
                derived.append(("sanction", result.subject.id, c.measure))
    return derived
