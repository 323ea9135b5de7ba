"""The plan a backend executes, and what of it runs for one subject profile.

The pipeline (engine/pipeline.py) makes the plan once: a ``RuleSet`` (engine/rules.py),
immutable, shared by every run and thread. Its parts::

    RuleSet
      rules                 every rule, in the regulation's order (answers are listed in it)
      strata, recursive     the rules by stratum: a stratum reads only what earlier strata
                            derive, or also what it derives itself when recursive
      profile_fields        the subject fields some rule tests
      CompiledRule          one rule (``node`` is its syntax tree):
        binds               who it binds: the subject's kind, level and tags
        subject_tests       tests on the subject's own fields, decided once per profile
        requires            fact types without which its condition cannot hold
        when, unless,       its compiled conditions (engine/match.py): every way each holds,
        suspended,          with the facts that support it and the open terms it still needs
        escalations         (an escalation's condition with the measures it adds)
        node.due            the deadline spec of a duty: within a period after a fact's
                            date, immediately, by a fact's date, every period, yearly
        node.kind, concept, the consequence spec: a duty of a concept, or sanctions (one of
        measures,           them, with ``alternatives``) and when they end (a fact's date,
        alternatives,       the end of the year they began)
        until, until_year_end
        reads, negative_reads, writes
                            the (fact type, field) pairs it reads, reads under a negation,
                            and derives (engine/dependency.py)

For one subject profile (kind, level, tags and the subject fields rules test) ``for_profile``
decides which rules run: those that hold by the subject alone, and the strata of the rest.
The Python runtime (engine/runtime.py) runs a profile's strata over each subject's facts to a
fixpoint; the columnar backend (engine/columnar.py) translates them to joins over every
subject of the profile. Neither changes the plan; run state lives in a ``Context`` per
subject (engine/context.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from engine.rules import CompiledRule, RuleSet

Mode = Literal["applies", "full"]
"""``applies``: which rules bind a subject (conditions on events not evaluated); ``full``:
what they conclude over its facts."""


class Profile(NamedTuple):
    """What runs for one subject profile: the rules that hold by the subject alone
    (``static``, in the rule set's order), and the strata of those that need facts, each with
    whether it is recursive."""

    static: tuple[CompiledRule, ...]
    strata: tuple[tuple[tuple[CompiledRule, ...], bool], ...]
    needs_facts: bool
    """Every rule in the strata needs some fact: a subject without facts skips them."""


def for_profile(
    ruleset: RuleSet, subject: Any, params: Mapping[str, Any], mode: Mode = "full"
) -> Profile:
    """The plan's rules for a subject of this profile, with the open terms' values its
    subject tests read. In ``applies`` mode every binding rule is static.

    A duty with no due date and no exception whose condition is only on the subject's own
    fields holds by the subject alone; one with no condition at all is standing (it binds,
    and there is nothing to compute)."""
    tags = frozenset(subject.tags)
    if mode == "applies":
        return Profile(ruleset.binding(subject.kind, subject.level, tags), (), True)
    static: list[CompiledRule] = []
    strata: list[tuple[tuple[CompiledRule, ...], bool]] = []
    for stratum, recursive in zip(ruleset.strata, ruleset.recursive, strict=True):
        dynamic = []
        for rule in stratum:
            if not rule.binds(subject.kind, subject.level, tags) or not all(
                test(subject, params) for test in rule.subject_tests
            ):
                continue
            node = rule.node
            if node.kind == "obligation" and node.due is None and rule.unless is None:
                if node.when is None:
                    continue  # a standing duty: it binds, nothing to compute
                if rule.when is None:
                    static.append(rule)  # holds by the subject's own fields alone
                    continue
            dynamic.append(rule)
        if dynamic:
            strata.append((tuple(dynamic), recursive))
    needs_facts = all(r.requires for stratum, _ in strata for r in stratum)
    place = ruleset.place
    static.sort(key=lambda r: place.get(r.id, len(place)))  # the regulation's order
    return Profile(tuple(static), tuple(strata), needs_facts)
