"""One subject's run state: what a matcher sees (its facts by type, the open terms' values,
the day of the evaluation) and what it yields (a ``Match``).

The compiled rules (engine/rules.py) are the plan; a ``Context`` is made per subject per
evaluation and never shared, so a plan can serve many runs and threads at once.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from engine.numbers import MAX_JOIN_ROWS
from engine.schema import THROUGH

Env = Mapping[str, Any]
"""Names bound by the conditions matched so far: fact type or alias → the fact."""


class DerivedFact(NamedTuple):
    """A fact a rule derived (a sanction), visible to later rules like a given fact."""

    fact_type: str
    unit: Any
    measure: str
    date: dt.date | None
    rule: str
    suspended: bool = False  # what follows from a suspended sanction is suspended with it
    # the facts the conclusion it was derived from rests on (its case): an open term a
    # later rule reads is settled by a flag on them (``Context.term``). Not part of what
    # the fact is: two derived facts alike in the fields above are equal whatever they
    # rest on (the run derives one per measure and day)
    support: tuple[Any, ...] = ()

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def _key(self) -> tuple[Any, ...]:
        return self[:6]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DerivedFact):
            return self._key() == other._key()
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, DerivedFact):
            return self._key() != other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())


class Match(NamedTuple):
    """One way a condition holds: bindings, supporting facts, open terms still needed."""

    env: Env
    support: tuple[Any, ...] = ()
    needs: frozenset[str] = frozenset()
    since: Any = None  # the earliest day the match holds, when a date passed decides it


class Context:
    """What one subject's evaluation sees: its facts by type, the subject, parameters."""

    __slots__ = (
        "_dates",
        "_linked",
        "_said",
        "as_of",
        "decided",
        "facts",
        "join_limit",
        "links",
        "origins",
        "params",
        "rows",
        "subject",
    )

    def __init__(
        self,
        subject: Any,
        facts: dict[str, list[Any]],
        params: Mapping[str, Any],
        as_of: dt.date,
        join_limit: int = MAX_JOIN_ROWS,
        origins: Mapping[str, str] | None = None,
        links: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.subject = subject
        self.facts = facts
        self.params = params
        self.as_of = as_of
        self.join_limit = join_limit
        self.rows = 0  # combinations of facts the condition being matched has enumerated
        self.origins = origins or {}  # open term → where its value was set (subject, run…)
        self.links = links or {}  # fact type → its fields naming another fact by its ``id``
        self._linked: tuple[dict[str, Any], dict[str, list[Any]]] | None = None
        self._dates: dict[str, dict[Any, list[dt.date]]] = {}
        self._said: dict[tuple[tuple[str, str], ...], list[tuple[Any, bool]]] = {}
        # open terms a decision given as a fact settles for the one case it can rest on,
        # by the case's facts (``which``): (term, value, the decision) — a veto naming no
        # ground is the body's finding that its case was not short of a veto
        self.decided: dict[int, list[tuple[str, bool, Any]]] = {}

    def decides(self, name: str) -> bool:
        """Whether a decision given as a fact settles open term ``name`` for some case
        (``decided``): its value waits for the case, as a flag's does."""
        return any(term == name for found in self.decided.values() for term, _, _ in found)

    def said(
        self, deciding: tuple[tuple[str, str], ...], among: Iterable[Any] | None = None
    ) -> list[tuple[Any, bool]]:
        """The facts (of ``among``, else all the subject's) whose flag settles an open term
        decided by ``deciding`` (fact type, field), with what each says."""
        if among is None and deciding in self._said:
            return self._said[deciding]
        found: list[tuple[Any, bool]] = []
        for fact_type, field_name in deciding:
            pool = (
                self.read_as(fact_type)
                if among is None
                else (o for o in among if getattr(o, "fact_type", None) == fact_type)
            )
            for obj in pool:
                value = getattr(obj, field_name, None)
                if isinstance(value, bool) and not any(obj is o for o, _ in found):
                    found.append((obj, value))
        if among is None:
            self._said[deciding] = found
        return found

    def read_as(self, fact_type: str) -> Iterator[Any]:
        """The subject's facts of a type, with those of a unit it names that its conditions
        read (``assessment^staff_of``: a staff member's conclusion may rest on its unit's)."""
        yield from self.facts.get(fact_type, ())
        for key, items in self.facts.items():
            if key.partition(THROUGH)[0] == fact_type:
                yield from items

    def linked(self, fact: Any) -> list[Any]:
        """The subject's facts linked to ``fact``, in either direction: those it names by
        ``id`` in a link field (``links``) and those naming its ``id``. One step, not a
        chain: two incidents at one event are two cases, each linked to the event, not to
        each other. A link the facts leave open (a tuple of candidates) links nothing."""
        named, naming = self._link_index()
        found = [
            named[value]
            for field_name in self.links.get(getattr(fact, "fact_type", ""), ())
            if isinstance(value := getattr(fact, field_name, None), str) and value in named
        ]
        key = getattr(fact, "id", None)
        if key is not None:
            found.extend(naming.get(key, ()))
        return [other for other in found if other is not fact]

    def _link_index(self) -> tuple[dict[str, Any], dict[str, list[Any]]]:
        """The subject's facts by ``id``, and the facts naming each ``id`` in a link field:
        built once per context, from the facts given (a derived fact names nothing)."""
        if self._linked is None:
            named: dict[str, Any] = {}
            naming: dict[str, list[Any]] = {}
            for items in self.facts.values():
                for obj in items:
                    key = getattr(obj, "id", None)
                    if isinstance(key, str) and named.setdefault(key, obj) is not obj:
                        continue  # seen already (a fact the subject sees in two roles)
                    for field_name in self.links.get(getattr(obj, "fact_type", ""), ()):
                        value = getattr(obj, field_name, None)
                        if isinstance(value, str):
                            those = naming.setdefault(value, [])
                            if not any(o is obj for o in those):  # seen under two keys
                                those.append(obj)
            self._linked = (named, naming)
        return self._linked

    def near(self, support: Iterable[Any]) -> list[Any]:
        """The facts linked to a fact of ``support`` that are not in it, each once."""
        inside = tuple(support)
        found: list[Any] = []
        for fact in inside:
            for other in self.linked(fact):
                if not any(other is o for o in (*inside, *found)):
                    found.append(other)
        return found

    def term(
        self, name: str, deciding: tuple[tuple[str, str], ...], support: tuple[Any, ...]
    ) -> tuple[Any, str, tuple[Any, ...]]:
        """An open term's value for a conclusion resting on ``support``, where it was set and
        the facts that set it, the narrower over the wider:

        1. ``case``: a flag on a fact the conclusion rests on, or on a fact a sanction it
           rests on was derived from (``within``: a sanction the rules derive keeps its
           case, so a flag on the incident the listed supervision was derived for settles
           the 情节严重 of what follows from that supervision);
        2. ``link``: a flag on a fact linked to one of those (``linked``: an order whose
           ground names the case's fact, the order a rectification of the case answers);
           then ``decision``: a decision given as a fact naming no ground, of a measure a
           rule derives for this case and for no other (``decided``: a veto recorded for
           the one case calling for it says the case was not short of a veto);
        3. ``subject``: the subject's own setting;
        4. ``facts``: only for a conclusion that rests on no fact at all (its only ground
           is an open term, so it has no case of its own): a flag on any fact of the
           subject, else what a decision of ``decided`` says (as a flag on it would). A
           conclusion with a case of its own is never settled by another case's flag (a
           violation found serious does not make a failed assessment serious);
        5. the run's value, else the default (``run`` / ``default``).

        One fact saying true settles a flag true. Where no fact of the subject says it,
        steps 1, 2 and 4 have nothing to read (as ``match.open_term`` finds)."""
        if deciding and self.said(deciding):
            case = within(support)
            for among, source in ((case, "case"), (self.near(case), "link")):
                said = self.said(deciding, among) if among else []
                if said:
                    return _settled(said, source)
        if self.decided:
            for fact in within(support):
                for term, value, decision in self.decided.get(which((fact,))[0], ()):
                    if term == name:
                        return value, "decision", (decision,)
        if self.origins.get(name) == "subject":
            return self.params.get(name), "subject", ()
        if deciding and not support and (said := self.said(deciding) or self._implied(name)):
            return _settled(said, "facts")
        return self.params.get(name), self.origins.get(name, "default"), ()

    def _implied(self, name: str) -> list[tuple[Any, bool]]:
        """What the decisions of ``decided`` say of open term ``name``, each decision once:
        for a conclusion resting on no fact (step 4 of ``term``), the word a decision
        matched to the unit's one case gives, as a flag on it would."""
        found: list[tuple[Any, bool]] = []
        for entries in self.decided.values():
            for term, value, decision in entries:
                if term == name and not any(decision is d for d, _ in found):
                    found.append((decision, value))
        return found

    def dates(self, fact: str, concept: Any) -> list[dt.date]:
        """The dates of the subject's ``fact`` facts for ``concept``, sorted: an index built
        once per fact type (for the facts that say a duty was performed, which no rule
        derives), so that each duty's status is a search, not a scan of every fact."""
        index = self._dates.get(fact)
        if index is None:
            index = {}
            for item in self.facts.get(fact, ()):
                index.setdefault(getattr(item, "concept", None), []).append(item.date)
            for found in index.values():
                found.sort()
            self._dates[fact] = index
        return index.get(concept, [])


def within(support: tuple[Any, ...]) -> tuple[Any, ...]:
    """The facts a conclusion resting on ``support`` rests on, through the sanctions the
    rules derived: each fact of ``support``, then those each derived fact in it was derived
    from (its ``support``), through chains of them (a sanction derived from a derived
    sanction), each fact once. Bounded: a derived fact rests only on facts there before it,
    and each is looked through once."""
    if not any(isinstance(f, DerivedFact) and f.support for f in support):
        return support
    found: list[Any] = []
    todo = deque(support)
    while todo:
        fact = todo.popleft()
        if any(fact is seen for seen in found):
            continue  # a fact two derived sanctions rest on is one fact of the case
        found.append(fact)
        if isinstance(fact, DerivedFact):
            todo.extend(fact.support)
    return tuple(found)


def settled_through(
    support: tuple[Any, ...], facts: tuple[Any, ...], source: str
) -> tuple[DerivedFact, ...]:
    """The derived sanctions of ``support`` through whose case ``Context.term`` found the
    ``facts`` that settled an open term (for explain): for ``case``, those whose case holds
    a fact of ``facts`` that ``support`` does not hold itself; for ``link``, those with a
    case when ``support`` holds no given fact (the link can only be to their case)."""
    derived = [f for f in support if isinstance(f, DerivedFact) and f.support]
    if not derived:
        return ()
    if source == "link":
        plain = any(not isinstance(f, DerivedFact) for f in support)
        return () if plain else tuple(derived)
    if source != "case":
        return ()
    wanted = [f for f in facts if not any(f is s for s in support)]
    return tuple(d for d in derived if any(f is g for f in wanted for g in within(d.support)))


def _settled(said: list[tuple[Any, bool]], source: str) -> tuple[bool, str, tuple[Any, ...]]:
    """What the facts that say a flag settle it to (true if one says true), where, and the
    facts that say that."""
    value = any(v for _, v in said)
    return value, source, tuple(o for o, v in said if v == value)


Matcher = Callable[[Context, Env], Iterator[Match]]
"""A compiled condition: every way it holds for the context's subject, given the bindings."""

SubjectTest = Callable[[Any, Mapping[str, Any]], bool]
"""A compiled test on the subject's own fields: (subject, open terms' values) → holds."""


def which(support: Iterable[Any]) -> tuple[int, ...]:
    """Which facts these are, not what they say: two facts that read alike are two events
    (two incidents of one day), so a run tells its facts apart by identity. Only for keys
    that live no longer than the run, which holds every fact it names (an identity is never
    reused while its object lives)."""
    return tuple(map(id, support))
