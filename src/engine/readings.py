"""Links the facts leave open, read every way they may be read.

A file written before links may leave a link open among candidates (a rectification naming
no order, of a unit with two open orders: it answers one of them, the facts do not say
which). Where a rule follows such a link, the subject is evaluated under every reading of
the open links (each naming one of its candidates) and the answers are put together: what
follows under every reading is certain, what follows under some only is undetermined,
naming the links it turns on and their candidates. One rectification answers at most one
order, so of two orders overdue whichever it answers one is not rectified in time: that
much is certain, and which order (and so from which day) is what stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import product
from typing import Any, NamedTuple

from engine import ast
from engine.context import DerivedFact, which
from engine.numbers import MAX_READINGS
from engine.results import Conclusion, SubjectResult, Undetermined
from engine.rules import RuleSet


class OpenLink(NamedTuple):
    """A link a rule follows that a fact leaves open: the fact, the field, its candidates."""

    fact: Any
    field: str
    candidates: tuple[str, ...]

    @property
    def need(self) -> str:
        """What settles it, as an undetermined item says: ``rectification.order: one of
        order-a, order-b``."""
        return f"{self.fact.fact_type}.{self.field}: one of {', '.join(self.candidates)}"


class Read:
    """A fact as one reading takes it: its open links naming one candidate each, every other
    field the fact's own."""

    __slots__ = ("fact", "fields")

    def __init__(self, fact: Any, fields: dict[str, str]) -> None:
        self.fact = fact
        self.fields = fields

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "fields")
        if name in fields:
            return fields[name]
        return getattr(object.__getattribute__(self, "fact"), name)


def followed(ruleset: RuleSet) -> dict[str, tuple[str, ...]]:
    """Each fact type's link fields to another fact that a rule's condition follows
    (``rectification(order = o)``)."""
    links = ruleset.schema.fact_links()
    found: dict[str, dict[str, None]] = {}
    for rule in ruleset.rules:
        for node in ast.walk(rule.node):
            if isinstance(node, ast.Exists | ast.Count):
                for test in node.tests:
                    if test.field_name in links.get(node.fact, ()):
                        found.setdefault(node.fact, {})[test.field_name] = None
    return {fact: tuple(fields) for fact, fields in found.items()}


def open_links(
    facts: Mapping[str, list[Any]], follows: Mapping[str, tuple[str, ...]]
) -> list[OpenLink]:
    """The links of ``follows`` the facts leave open (a tuple of candidates), each once."""
    found: list[OpenLink] = []
    seen: set[tuple[int, str]] = set()
    for key, items in facts.items():
        fields = follows.get(key.partition("@")[0])
        for fact in items if fields else ():
            for name in fields:  # type: ignore[union-attr]
                named = getattr(fact, name, None)
                if isinstance(named, tuple) and (_which(fact), name) not in seen:
                    seen.add((_which(fact), name))
                    found.append(OpenLink(fact, name, named))
    return found


def readable(links: list[OpenLink]) -> bool:
    """Whether the readings of ``links`` are few enough to run each (``MAX_READINGS``);
    beyond, each rule following an open link is left undetermined on it, naming the
    candidates."""
    count = 1
    for link in links:
        count *= len(link.candidates)
    return 1 < count <= MAX_READINGS


Run = Callable[[dict[str, list[Any]]], SubjectResult]


def whichever(
    facts: Mapping[str, list[Any]], links: list[OpenLink], run: Run
) -> tuple[list[Conclusion], list[Undetermined], list[DerivedFact]]:
    """The subject's answer under every reading of ``links`` (``run`` evaluates it on facts
    read one way), put together: a conclusion of every reading is certain; one that
    follows under every reading but rests on a different candidate in each (the order not
    rectified in time, whichever the rectification answers) is certain, resting on the
    candidates, from the day it holds under every reading, with the links it turns on in
    ``whichever``, and the readings that would date it earlier stay undetermined, naming
    them; anything else of some readings only is undetermined, naming the links it turns
    on (one whose reading decides whether it follows) and their candidates."""
    readings = list(product(*(link.candidates for link in links)))
    answers = [run(_read(facts, links, reading)) for reading in readings]
    place = {reading: at for at, reading in enumerate(readings)}
    targets = {c: link.candidates for link in links for c in link.candidates}

    def turns_on(present: set[int]) -> tuple[str, ...]:
        """The needs of what follows under the readings ``present`` only: the links one of
        which, read otherwise from a reading of ``present``, leads out of it."""
        found: dict[str, None] = {}
        for at in present:
            reading = readings[at]
            for number, link in enumerate(links):
                for other in link.candidates:
                    moved = (*reading[:number], other, *reading[number + 1 :])
                    if place[moved] not in present:
                        found[link.need] = None
        return tuple(found)

    every = set(range(len(readings)))
    conclusions: dict[tuple[Any, ...], tuple[Conclusion, set[int]]] = {}
    for at, answer in enumerate(answers):
        for item in answer.conclusions:
            item = _conclusion_back(item)
            key = _exact(item)
            if key in conclusions:
                conclusions[key][1].add(at)
            else:
                conclusions[key] = (item, {at})
    certain = [c for c, present in conclusions.values() if present == every]
    open_items: list[Undetermined] = []
    groups: dict[tuple[Any, ...], list[tuple[Conclusion, set[int]]]] = {}
    for item, present in conclusions.values():
        if present != every:
            groups.setdefault(_loose(item, targets), []).append((item, present))
    for members in groups.values():
        present = set().union(*(p for _, p in members))
        alike = len({_dates(c) for c, _ in members}) == 1
        if present == every and alike:
            starts = [_earliest(c.start for c, p in members if at in p) for at in sorted(every)]
            start = None if any(s is None for s in starts) else max(starts)
            needs = tuple(dict.fromkeys(n for _, p in members for n in turns_on(p)))
            members.sort(key=lambda m: _on(m[0], targets))
            first = next((c for c, _ in members if c.start == start), members[0][0])
            support = _union(c.support for c, _ in members)
            certain.append(first._replace(support=support, start=start, whichever=needs))
            later = [(c, p) for c, p in members if start is not None and c.start < start]
        else:
            later = members
        for item, where in later:
            open_items.append(
                Undetermined(item.rule, item.subject, tuple(sorted(turns_on(where))), item.support)
            )
    undetermined: dict[tuple[Any, ...], tuple[Undetermined, set[int]]] = {}
    for at, answer in enumerate(answers):
        for u in answer.undetermined:
            u = u._replace(support=_back_all(u.support))
            key = (u.rule.id, u.needs, u.escalation, _tokens(u.support))
            if key in undetermined:
                undetermined[key][1].add(at)
            else:
                undetermined[key] = (u, {at})
    for u, present in undetermined.values():
        if present != every:
            u = u._replace(needs=tuple(sorted({*u.needs, *turns_on(present)})))
        open_items.append(u)
    derived: dict[tuple[Any, ...], tuple[DerivedFact, set[int]]] = {}
    for at, answer in enumerate(answers):
        for fact in answer.derived:
            fact = _back(fact)
            derived.setdefault(fact._key(), (fact, set()))[1].add(at)
    made = [fact for fact, present in derived.values() if present == every]
    return certain, _distinct(open_items), made


def _read(
    facts: Mapping[str, list[Any]], links: list[OpenLink], reading: tuple[str, ...]
) -> dict[str, list[Any]]:
    """The subject's facts under one reading: each fact with open links as it reads them."""
    chosen: dict[int, Read] = {}
    for link, value in zip(links, reading, strict=True):
        read = chosen.get(_which(link.fact))
        if read is None:
            read = chosen[_which(link.fact)] = Read(link.fact, {})
        read.fields[link.field] = value
    return {key: [chosen.get(_which(f), f) for f in items] for key, items in facts.items()}


def _back(fact: Any) -> Any:
    """A fact as given, not as a reading took it (derived facts resting on it too)."""
    if isinstance(fact, Read):
        return object.__getattribute__(fact, "fact")
    if isinstance(fact, DerivedFact) and fact.support:
        return fact._replace(support=_back_all(fact.support))
    return fact


def _back_all(facts: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(_back(f) for f in facts)


def _conclusion_back(item: Conclusion) -> Conclusion:
    return item._replace(
        support=_back_all(item.support),
        suspended_by=_back_all(item.suspended_by),
        decision=_back(item.decision) if item.decision is not None else None,
        terms=tuple((n, v, s, _back_all(fs)) for n, v, s, fs in item.terms),
    )


def _which(fact: Any) -> int:
    """Which fact this is, not what it says (``context.which``): a key for this call only,
    which holds every fact it names."""
    return which((fact,))[0]


def _token(fact: Any) -> Any:
    """Which fact this is across readings: a given fact by identity, a derived one (made
    again in each reading) by what it is."""
    return ("d", fact._key()) if isinstance(fact, DerivedFact) else ("f", _which(fact))


def _tokens(facts: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(_token(f) for f in facts)


def _exact(item: Conclusion) -> tuple[Any, ...]:
    """A conclusion as it is under one reading: all it says, and the facts it rests on."""
    return (
        item.kind,
        item.rule.id,
        item.measure,
        item.start,
        _dates(item),
        item.escalated,
        item.alternative,
        _tokens(item.support),
        _tokens(item.suspended_by),
        _token(item.decision) if item.decision is not None else None,
    )


def _dates(item: Conclusion) -> tuple[Any, ...]:
    """What a conclusion says beyond the day it holds from."""
    return (item.due, item.until, item.status, item.suspended)


def _loose(item: Conclusion, targets: Mapping[str, tuple[str, ...]]) -> tuple[Any, ...]:
    """A conclusion whatever candidate of an open link it rests on (and from which day)."""
    facts = frozenset(
        ("c", targets[key])
        if isinstance(key := getattr(f, "id", None), str) and key in targets
        else _token(f)
        for f in item.support
    )
    decision = _token(item.decision) if item.decision is not None else None
    return (
        item.kind,
        item.rule.id,
        item.measure,
        item.escalated,
        item.alternative,
        facts,
        decision,
    )


def _earliest(days: Iterator[Any] | Iterable[Any]) -> Any:
    found = list(days)
    if any(d is None for d in found):
        return None
    return min(found)


def _on(item: Conclusion, targets: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The candidates of open links a conclusion rests on, by id: the order of a group's
    members whatever the order the facts were given in."""
    return tuple(
        key
        for f in item.support
        if isinstance(key := getattr(f, "id", None), str) and key in targets
    )


def _union(supports: Iterable[tuple[Any, ...]]) -> tuple[Any, ...]:
    """The facts of several supports, each once, in the order first met."""
    found: dict[Any, Any] = {}
    for support in supports:
        for fact in support:
            found.setdefault(_token(fact), fact)
    return tuple(found.values())


def _distinct(items: list[Undetermined]) -> list[Undetermined]:
    found: dict[tuple[Any, ...], Undetermined] = {}
    for u in items:
        found.setdefault((u.rule.id, u.needs, u.escalation, _tokens(u.support)), u)
    return list(found.values())
