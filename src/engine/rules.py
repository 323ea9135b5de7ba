"""The compiled rules: what the compiler makes and every later stage reads (data only).

A ``RuleSource`` is rule text with where it came from; a ``CompiledRule`` is one rule of it
compiled (its syntax tree ``node``, its matchers, what it reads and writes); a ``RuleSet`` is
the rules of one regulation in evaluation order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from engine import ast
from engine.context import Matcher, SubjectTest
from engine.schema import Schema
from engine.span import Origin


@dataclass(frozen=True)
class RuleSource:
    """Rule text to compile: ``prefix`` names its rules (``ordos.19`` → ``ordos.19.1``…),
    ``meta`` is carried to every compiled rule untouched (the citation)."""

    prefix: str
    text: str
    origin: Origin
    meta: Mapping[str, Any] = field(default_factory=dict)


Parsed = tuple[RuleSource, tuple[ast.Rule, ...]]
"""A source and the syntax trees of its rules."""

Order = tuple[tuple[tuple[str, ...], ...], tuple[bool, ...]]
"""An evaluation order by rule id: the strata, and whether each is recursive."""


@dataclass(frozen=True)
class CompiledRule:
    """An immutable compiled rule: ``node`` is the rule's syntax tree."""

    id: str
    node: ast.Rule
    meta: Mapping[str, Any]
    binds: Callable[[str, str | None, frozenset[str]], bool]
    subject_tests: tuple[SubjectTest, ...]
    subject_fields: frozenset[str]
    requires: frozenset[str]
    when: Matcher | None
    unless: Matcher | None
    suspended: Matcher | None
    escalations: tuple[tuple[Matcher, tuple[str, ...]], ...]
    reads: frozenset[tuple[str, str]]
    negative_reads: frozenset[tuple[str, str]]
    writes: frozenset[tuple[str, str]]
    terms: tuple[str, ...] = ()  # the open terms its conditions read, in order
    asked: Matcher | None = None  # ``asked when``: where a question on no fact is asked


@dataclass(frozen=True)
class RuleSet:
    """Compiled rules in evaluation order: strata of rules, each run to a fixpoint. The plan
    every backend executes (engine/plan.py describes its parts)."""

    rules: tuple[CompiledRule, ...]
    strata: tuple[tuple[CompiledRule, ...], ...]
    schema: Schema
    profile_fields: tuple[str, ...] = ()
    recursive: tuple[bool, ...] = ()
    parsed: tuple[Parsed, ...] = ()

    @property
    def order(self) -> Order:
        """The evaluation order by rule id (kept with ``parsed`` by a cache)."""
        return tuple(tuple(r.id for r in s) for s in self.strata), self.recursive

    def __len__(self) -> int:
        return len(self.rules)

    @cached_property
    def place(self) -> Mapping[str, int]:
        """Each rule's place in ``rules`` (the regulation's order), by id: the order
        answers are listed in."""
        return {rule.id: number for number, rule in enumerate(self.rules)}

    @cached_property
    def subject_reads(self) -> tuple[str, ...]:
        """Every field of the subject some rule reads, anywhere (a test, a comparison, a
        date counted from): with its kind, level, tags and the open terms it settles, all
        that a subject without facts is answered by (``Evaluator.alike``)."""
        return tuple(sorted(frozenset().union(*(ast.subject_reads(r.node) for r in self.rules))))

    def get(self, rule_id: str) -> CompiledRule | None:
        """The rule with this id, or None."""
        return next((r for r in self.rules if r.id == rule_id), None)

    def binding(
        self, kind: str, level: str | None, tags: frozenset[str]
    ) -> tuple[CompiledRule, ...]:
        """The rules that bind a subject by its kind, level and tags alone, in order: what
        an ``applies`` evaluation concludes (conditions on events are not evaluated)."""
        return tuple(r for r in self.rules if r.binds(kind, level, tags))
