"""One subject's run state: what a matcher sees (its facts by type, the open terms' values,
the day of the evaluation) and what it yields (a ``Match``).

The compiled rules (engine/rules.py) are the plan; a ``Context`` is made per subject per
evaluation and never shared, so a plan can serve many runs and threads at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from engine.numbers import MAX_JOIN_ROWS

Env = Mapping[str, Any]
"""Names bound by the conditions matched so far: fact type or alias → the fact."""


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
        "_said",
        "as_of",
        "facts",
        "join_limit",
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
    ) -> None:
        self.subject = subject
        self.facts = facts
        self.params = params
        self.as_of = as_of
        self.join_limit = join_limit
        self.rows = 0  # combinations of facts the condition being matched has enumerated
        self.origins = origins or {}  # open term → where its value was set (subject, run…)
        self._dates: dict[str, dict[Any, list[dt.date]]] = {}
        self._said: dict[tuple[tuple[str, str], ...], list[tuple[Any, bool]]] = {}

    def said(
        self, deciding: tuple[tuple[str, str], ...], among: Iterable[Any] | None = None
    ) -> list[tuple[Any, bool]]:
        """The facts (of ``among``, else all the subject's) whose flag settles an open term
        decided by ``deciding`` (fact type, field), with what each says."""
        if among is None and deciding in self._said:
            return self._said[deciding]
        found = []
        for fact_type, field_name in deciding:
            pool = (
                self.facts.get(fact_type, ())
                if among is None
                else (o for o in among if getattr(o, "fact_type", None) == fact_type)
            )
            for obj in pool:
                value = getattr(obj, field_name, None)
                if isinstance(value, bool):
                    found.append((obj, value))
        if among is None:
            self._said[deciding] = found
        return found

    def term(
        self, name: str, deciding: tuple[tuple[str, str], ...], support: tuple[Any, ...]
    ) -> tuple[Any, str, tuple[Any, ...]]:
        """An open term's value for a conclusion resting on ``support``, where it was set and
        the facts that set it: the facts of the case (a flag on a fact it rests on), else the
        subject's own setting, else the subject's other facts that say it, else the run's
        value or the default. One fact saying true settles a flag true."""
        for among in (support, None):
            said = self.said(deciding, among) if deciding else []
            if said:
                value = any(v for _, v in said)
                facts = tuple(o for o, v in said if v == value)
                return value, "facts" if among is None else "case", facts
            if among is support and self.origins.get(name) == "subject":
                return self.params.get(name), "subject", ()
        return self.params.get(name), self.origins.get(name, "default"), ()

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
