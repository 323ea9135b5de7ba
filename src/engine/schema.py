"""What rule text may name: the vocabulary and fact types a rule set is checked against.

The engine knows no domain: a Schema is handed to it (the regulations package builds one
from its vocabulary, concept registry, open terms and fact models).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

FieldKind = Literal["symbol", "ordered", "number", "date", "flag", "text"]
ParamKind = Literal["period", "count", "flag"]


@dataclass(frozen=True)
class FieldType:
    """The type of a fact field; ``choices`` lists the codes a symbol or ordered field takes
    (in order, for an ordered one); an empty tuple on a symbol field means any code of the
    registry named by ``registry`` ("concepts", "measures") or any name."""

    kind: FieldKind
    choices: tuple[str, ...] = ()
    registry: str | None = None
    unknown_allowed: bool = False  # a flag a fact may leave unknown: a test on it is then open


@dataclass(frozen=True)
class FactType:
    """A kind of fact the conditions can match, with its fields."""

    name: str
    fields: Mapping[str, FieldType]
    description: str = ""
    date_field: str = "date"


@dataclass(frozen=True)
class ParamSpec:
    """An open term: a named parameter with a type, a default (None = undetermined) and
    a description of what it stands for."""

    name: str
    kind: ParamKind
    default: object | None
    zh: str = ""
    en: str = ""
    decided_by: tuple[str, str] | None = None  # (fact type, flag field) that can settle it per unit


@dataclass(frozen=True)
class Schema:
    """Everything a rule may refer to."""

    kinds: frozenset[str]
    lineage: Callable[[str], frozenset[str]]
    levels: tuple[str, ...]
    tags: frozenset[str]
    concepts: Mapping[str, str]
    measures: frozenset[str]
    facts: Mapping[str, FactType]
    params: Mapping[str, ParamSpec]
    subject_fields: Mapping[str, FieldType] = field(default_factory=dict)
    roles: tuple[str, ...] = ("lead", "co_actor")
    person_kinds: frozenset[str] = frozenset()
    subject_key: str = "unit"
    fulfilment_fact: str | None = None
    derived_fact: str | None = None
    prompt_param: str | None = None

    def registry(self, name: str) -> frozenset[str]:
        """The codes of a named registry (``concepts`` or ``measures``)."""
        if name == "concepts":
            return frozenset(self.concepts)
        if name == "measures":
            return self.measures
        return frozenset()
