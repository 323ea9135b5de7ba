"""What rule text may name: the vocabulary and fact types a rule set is checked against.

The engine knows no domain: a Schema is handed to it (the regulations package builds one
from its vocabulary, concept registry, open terms and fact models).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

FieldKind = Literal["symbol", "ordered", "number", "date", "flag", "text", "link"]
ParamKind = Literal["period", "count", "flag"]


THROUGH = "^"
"""What joins a source of facts to the subject link it is read through
(``assessment^staff_of``: the assessments of the unit a person is staff of)."""

NO_LINK = "none"
"""The value of a link test that holds where the fact names nothing in that field."""


@dataclass(frozen=True)
class FieldType:
    """The type of a fact field; ``choices`` lists the codes a symbol or ordered field takes
    (in order, for an ordered one); an empty tuple on a symbol field means any code of the
    registry named by ``registry`` ("concepts", "measures") or any name."""

    kind: FieldKind
    choices: tuple[str, ...] = ()
    registry: str | None = None
    unknown_allowed: bool = False  # a flag a fact may leave unknown: a test on it is then open
    targets: tuple[str, ...] = ()  # a link: the fact types it names (or the subject key)
    role: bool = False  # a link to a subject that sees the fact too, in this role


@dataclass(frozen=True)
class FactType:
    """A kind of fact the conditions can match, with its fields."""

    name: str
    fields: Mapping[str, FieldType]
    description: str = ""
    date_field: str = "date"

    @property
    def roles(self) -> tuple[str, ...]:
        """The link fields naming subjects that see the fact too (besides its own)."""
        return tuple(n for n, t in self.fields.items() if t.kind == "link" and t.role)

    def follows(self, subject_key: str) -> tuple[str, ...]:
        """The link fields naming another fact (not a subject): a subject that sees the
        fact named sees the fact naming it too, under ``type@field``."""
        return tuple(
            n
            for n, t in self.fields.items()
            if t.kind == "link" and not t.role and t.targets != (subject_key,)
        )


@dataclass(frozen=True)
class ParamSpec:
    """An open term: a named parameter with a type, a default (None = undetermined) and
    a description of what it stands for."""

    name: str
    kind: ParamKind
    default: object | None
    zh: str = ""
    en: str = ""
    # (fact type, flag field) pairs that settle it for the case a conclusion rests on
    decided_by: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Hints:
    """How the people a caller serves fix what a message names: where a concept or an open
    term is declared, how an open term is given a value, where a standing duty is listed.
    The engine's own words name no file and no command; a caller says its own."""

    declare_concept: str = "declare it among the schema's concepts"
    declare_param: str = "declare it among the schema's open terms"
    set_param: str = "give it a value"
    standing_duty: str = "a standing duty without condition or deadline"


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
    hints: Hints = field(default_factory=Hints)
    subject_params: str | None = None  # the subject field settling open terms for itself
    fulfilment_link: str | None = None  # the link of a fulfilment fact to the event it answers
    # the fact types a decision the rules derive may be given as (a veto decided, an order
    # issued), each with a ``measure``; ``derived_fact`` when not said
    decisions: tuple[str, ...] = ()
    # the link of a decision given as a fact to the fact it rests on
    decision_ground: str | None = None

    @property
    def subject_links(self) -> tuple[str, ...]:
        """The subject's fields naming another subject (``staff_of``: the unit a person is
        staff of), whose facts a condition reads with ``of unit.FIELD``."""
        return tuple(n for n, t in self.subject_fields.items() if t.kind == "link")

    @property
    def decision_facts(self) -> tuple[str, ...]:
        """The fact types a derived sanction may be given as, already decided."""
        if self.decisions:
            return self.decisions
        return (self.derived_fact,) if self.derived_fact is not None else ()

    def fact_links(self) -> dict[str, tuple[str, ...]]:
        """Each fact type's link fields that name another fact (by its ``id``), not a
        subject: the links along which a flag settles an open term for a linked case."""
        return dict(self._fact_links)

    @cached_property
    def _fact_links(self) -> dict[str, tuple[str, ...]]:
        """``fact_links``, read from the fact types once per schema (it is immutable)."""
        found = {}
        for name, fact in self.facts.items():
            fields = tuple(
                n
                for n, t in fact.fields.items()
                if t.kind == "link" and not t.role and any(x in self.facts for x in t.targets)
            )
            if fields:
                found[name] = fields
        return found

    def registry(self, name: str) -> frozenset[str]:
        """The codes of a named registry (``concepts`` or ``measures``)."""
        if name == "concepts":
            return frozenset(self.concepts)
        if name == "measures":
            return self.measures
        return frozenset()
