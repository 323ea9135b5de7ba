"""A tiny schema and subjects for engine tests: nothing of the real regulations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from engine import FactType, FieldType, ParamSpec, RuleSet, RuleSource, Schema, compile_sources
from engine.span import Origin

_TREE = {
    "org": None,
    "firm": "org",
    "bank": "firm",
    "school": "org",
    "person": None,
    "citizen": "person",
}


def lineage(kind: str) -> frozenset[str]:
    out = set()
    node: str | None = kind
    while node is not None:
        out.add(node)
        node = _TREE[node]
    return frozenset(out)


DATE = FieldType("date")
SCHEMA = Schema(
    kinds=frozenset(_TREE),
    lineage=lineage,
    levels=("province", "county", "township"),
    tags=frozenset({"member", "crowded"}),
    concepts={"drill": "应急演练", "report": "报告", "review": "复核"},
    measures=frozenset({"interview", "notice", "veto", "no_honours", "discipline"}),
    facts={
        "incident": FactType(
            "incident",
            {
                "kind": FieldType("symbol", ("crime", "fire")),
                "severity": FieldType("ordered", ("minor", "major", "huge")),
                "date": DATE,
                "hidden": FieldType("flag", unknown_allowed=True),
            },
        ),
        "sanction": FactType(
            "sanction",
            {
                "measure": FieldType("symbol", registry="measures"),
                "date": DATE,
                "year": FieldType("number"),
            },
        ),
        "appeal": FactType(
            "appeal",
            {
                "measure": FieldType("symbol", registry="measures"),
                "received": DATE,
                "status": FieldType("symbol", ("open", "closed")),
                "body": FieldType("link", targets=("unit",), role=True),
                "about": FieldType("link", targets=("incident",)),
            },
            date_field="received",
        ),
        "performed": FactType(
            "performed", {"concept": FieldType("symbol", registry="concepts"), "date": DATE}
        ),
    },
    params={
        "serious": ParamSpec("serious", "flag", None),
        "window": ParamSpec("window", "period", "90 days"),
        "times": ParamSpec("times", "count", 2),
        "prompt": ParamSpec("prompt", "period", "1 days"),
    },
    subject_fields={
        "region": FieldType("symbol"),
        "level": FieldType("ordered", ("township", "county", "province")),
        "unit_of": FieldType("link", targets=("unit",)),  # a person's unit: ``of unit.unit_of``
    },
    person_kinds=frozenset({"person", "citizen"}),
    fulfilment_fact="performed",
    derived_fact="sanction",
    prompt_param="prompt",
)


def build(text: str, prefix: str = "t.1", meta: dict[str, object] | None = None) -> RuleSet:
    """Compile one article's rule text against the toy schema."""
    return compile_sources(
        [RuleSource(prefix, text, Origin("toy.yaml", 1, 1, "toy"), meta or {"article": 1})], SCHEMA
    )


@dataclass(frozen=True)
class Subject:
    id: str
    kind: str
    level: str | None = None
    tags: frozenset[str] = frozenset()
    region: str | None = None
    fact_type: str = "unit"
    params: tuple[tuple[str, object], ...] = ()  # open terms it settles for itself
    unit_of: str | None = None  # the subject whose facts ``of unit.unit_of`` reads


@dataclass(frozen=True)
class Incident:
    unit: str
    kind: str
    severity: str
    date: dt.date
    hidden: bool | None = False
    id: str | None = None
    fact_type: str = "incident"


@dataclass(frozen=True)
class Appeal:
    unit: str
    measure: str
    received: dt.date
    status: str = "open"
    body: str | None = None
    about: str | tuple[str, ...] | None = None
    fact_type: str = "appeal"


@dataclass(frozen=True)
class Performed:
    unit: str
    concept: str
    date: dt.date
    fact_type: str = "performed"
