"""What `evaluate` answers, as stable public types: frozen, plain data (picklable), each
with the rule it comes from (``rule_id``), its ``article``, ``concept`` and ``summary``, and
``to_json()``. They hold no engine object: the engine's conclusions are read once, here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from engine import CompiledRule, Conclusion, Reckoning, Undetermined
from engine.results import DerivedFact


def label(fact: object) -> str:
    """A fact as a reader tells it apart from others of its unit: its id, else its type
    and date. A sanction the rules derived is no fact on record: it is named by its measure
    and the rule deriving it (``one_vote_veto derived by xinjiang.52.3 from 2025-03-02``),
    lest it read as a decision given."""
    if isinstance(fact, DerivedFact):
        since = f" from {fact.date.isoformat()}" if fact.date else ""
        return f"{fact.measure} derived by {fact.rule}{since}"
    given = getattr(fact, "id", None)
    if isinstance(given, str):
        return given
    kind = str(getattr(fact, "fact_type", type(fact).__name__))
    when = getattr(fact, "when", None) or getattr(fact, "date", None)
    return f"{kind} {when.isoformat()}" if isinstance(when, dt.date) else kind


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class Source:
    """The rule an answer comes from: its id, regulation, article (or provision), the
    concept it concerns, its modality and its summary of the article's words."""

    rule_id: str
    regulation: str
    article: int | None
    provision: str | None
    concept: str | None
    modality: str
    summary: str
    edition: str | None = None  # the text of an amended law that judged it

    @classmethod
    def of(cls, rule: CompiledRule) -> Source:
        meta = rule.meta
        return cls(
            rule.id,
            str(meta.get("regulation", "")),
            meta.get("article"),
            meta.get("provision"),
            rule.node.concept,
            rule.node.modality,
            rule.node.summary,
            meta.get("edition"),
        )

    def place(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule_id, "article": self.article}
        if self.provision is not None:
            data["provision"] = self.provision
        if self.edition is not None:
            data["edition"] = self.edition
        return data


class _FromRule:
    """What every answer says of the rule it comes from."""

    source: Source

    @property
    def rule_id(self) -> str:
        return self.source.rule_id

    @property
    def article(self) -> int | None:
        return self.source.article

    @property
    def concept(self) -> str | None:
        return self.source.concept

    @property
    def summary(self) -> str:
        return self.source.summary


@dataclass(frozen=True)
class TermValue:
    """An open term a conclusion's rule reads: its value, where it was set (``case``: a
    flag on a fact the conclusion rests on; ``link``: a flag on a fact linked to one of
    those, such as an order whose ground names it; ``unit``: the unit's params; ``facts``:
    a flag on a fact of the unit, for a conclusion that rests on no fact; ``run``: --param;
    ``default``) and the facts that set it."""

    term: str
    value: bool | int | str | None
    set_by: str
    facts: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "value": self.value,
            "set_by": self.set_by,
            "facts": list(self.facts),
        }


def term_json(value: object) -> bool | int | str | None:
    """An open term's value as JSON gives it: a flag as a boolean, a count as a number, a
    period as the text every params input takes (``"90 days"``); None where undecided."""
    return value if isinstance(value, bool | int) or value is None else str(value)


def _terms(conclusion: Conclusion) -> tuple[TermValue, ...]:
    return tuple(
        TermValue(
            name,
            term_json(value),
            {"subject": "unit"}.get(origin, origin),
            tuple(label(f) for f in facts),
        )
        for name, value, origin, facts in conclusion.terms
    )


@dataclass(frozen=True)
class Performance:
    """A performance of a duty as explain cites it: the fact (a drill, a ``performed``
    entry), its id if it has one, its day."""

    fact: str
    id: str | None
    date: dt.date

    @property
    def text(self) -> str:
        kind = "performance" if self.fact == "performed" else self.fact
        return f"the {kind} of {self.date}" + (f" ({self.id})" if self.id else "")

    def to_json(self) -> dict[str, Any]:
        return {"fact": self.fact, "id": self.id, "date": self.date.isoformat()}


@dataclass(frozen=True)
class Performed:
    """Why a duty's status is what it is (explain): the days a performance counts in and
    the performances that fell in them — for a met duty, those that met it (as many as it
    asks), else the fewer than it asks, or none."""

    start: dt.date | None
    due: dt.date
    needed: int
    found: tuple[Performance, ...]
    # those that fell in a recurring duty's cycle but count for the cycle before (its last
    # day ran on past rest days into this one): one performance, one cycle
    elsewhere: tuple[Performance, ...] = ()

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "from": _iso(self.start),
            "to": self.due.isoformat(),
            "needed": self.needed,
            "counted": [p.to_json() for p in self.found],
        }
        if self.elsewhere:
            found["counted_for_another_cycle"] = [p.to_json() for p in self.elsewhere]
        return found


@dataclass(frozen=True)
class Obligation(_FromRule):
    """A duty (or a permission with a due date) that arose: from when, due when (and how
    that was counted), met / overdue / pending, the facts it rests on; in explain, the
    performances its status rests on (``performances``)."""

    source: Source
    start: dt.date | None
    due: dt.date | None
    status: str | None
    facts: tuple[str, ...]
    counted: Reckoning | None = None
    terms: tuple[TermValue, ...] = ()
    performances: Performed | None = None

    @property
    def modality(self) -> str:
        return self.source.modality

    @property
    def provisional(self) -> bool:
        """Whether the due date rests on computed holidays, not an official schedule."""
        return self.counted is not None and self.counted.provisional

    @classmethod
    def of(cls, conclusion: Conclusion, source: Source | None = None) -> Obligation:
        """``source``: the rule's Source when the caller has made it already."""
        return cls(
            source or Source.of(conclusion.rule),
            conclusion.start,
            conclusion.due,
            conclusion.status,
            tuple(label(f) for f in conclusion.support),
            conclusion.reckoning,
            _terms(conclusion),
        )

    def timing(self) -> dict[str, Any]:
        if self.counted is None:
            return {}
        return {"provisional": self.counted.provisional, "counted": self.counted.to_json()}

    def to_json(self) -> dict[str, Any]:
        return {
            **self.source.place(),
            "concept": self.concept,
            "modality": self.modality,
            "summary": self.summary,
            "start": _iso(self.start),
            "due": _iso(self.due),
            "status": self.status,
            "facts": list(self.facts),
            **self.timing(),
            **({"terms": [t.to_json() for t in self.terms]} if self.terms else {}),
            **({"performances": self.performances.to_json()} if self.performances else {}),
        }

    def deadline_json(self) -> dict[str, Any]:
        """The entry of the ``deadlines`` list (everything with a due date)."""
        return {
            **self.source.place(),
            "concept": self.concept,
            "modality": self.modality,
            "start": _iso(self.start),
            "due": _iso(self.due),
            **self.timing(),
        }


@dataclass(frozen=True)
class Sanction(_FromRule):
    """A measure that follows for the unit: from and until when, in effect, ended,
    suspended (an appeal under review) or possible (one the body chooses between)."""

    source: Source
    measure: str
    target: str
    start: dt.date | None
    until: dt.date | None
    status: str
    suspended: bool
    escalated: bool
    alternative: bool
    facts: tuple[str, ...]
    terms: tuple[TermValue, ...] = ()
    suspended_by: tuple[str, ...] = ()  # the appeal under review, or the sanction it follows
    decision: str | None = None  # the decision given as a fact that this sanction is

    @classmethod
    def of(
        cls, conclusion: Conclusion, target: str, as_of: dt.date, source: Source | None = None
    ) -> Sanction:
        if conclusion.alternative:
            status = "possible"
        elif conclusion.suspended:
            status = "suspended"
        elif conclusion.until is not None and conclusion.until < as_of:
            status = "ended"
        else:
            status = "in_effect"
        return cls(
            source or Source.of(conclusion.rule),
            str(conclusion.measure),
            target,
            conclusion.start,
            conclusion.until,
            status,
            conclusion.suspended,
            conclusion.escalated,
            conclusion.alternative,
            tuple(label(f) for f in conclusion.support),
            _terms(conclusion),
            tuple(label(f) for f in conclusion.suspended_by),
            label(conclusion.decision) if conclusion.decision is not None else None,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **self.source.place(),
            "measure": self.measure,
            "target": self.target,
            "from": _iso(self.start),
            "until": _iso(self.until),
            "suspended": self.suspended,
            "escalated": self.escalated,
            "alternative": self.alternative,
            "status": self.status,
            "summary": self.summary,
            "facts": list(self.facts),
            **({"terms": [t.to_json() for t in self.terms]} if self.terms else {}),
            **({"suspended_by": list(self.suspended_by)} if self.suspended_by else {}),
            **({"decision": self.decision} if self.decision is not None else {}),
        }


@dataclass(frozen=True)
class OpenItem(_FromRule):
    """A rule the facts cannot decide: what it needs, the facts it rests on, and for an
    escalation the measures it would add."""

    source: Source
    needs: tuple[str, ...]
    facts: tuple[str, ...]
    escalation: tuple[str, ...] = ()

    @classmethod
    def of(cls, item: Undetermined, source: Source | None = None) -> OpenItem:
        return cls(
            source or Source.of(item.rule),
            tuple(item.needs),
            tuple(label(f) for f in item.support),
            tuple(item.escalation),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **self.source.place(),
            "needs": list(self.needs),
            "facts": list(self.facts),
            **({"escalation": list(self.escalation)} if self.escalation else {}),
        }


@dataclass(frozen=True)
class Question(_FromRule):
    """An open term (or an open field of a fact) a unit's answer under a rule waits on, and
    how to settle it: "to decide xinjiang 52 for unit D, say short_of_veto"."""

    unit: str
    source: Source
    term: str
    kind: str  # condition, exception or escalation: the order questions are asked in
    facts: tuple[str, ...]
    how: tuple[str, ...]
    zh: str = ""

    RANK: ClassVar[dict[str, int]] = {"condition": 0, "exception": 1, "escalation": 2}

    @property
    def summary(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        where = f"{self.source.regulation} {self.article}" if self.article else self.rule_id
        on = f" (for {', '.join(self.facts)})" if self.facts else ""
        return f"to decide {where} for unit {self.unit}, say {self.term}{on}: " + "; or ".join(
            self.how
        )

    def key(self) -> tuple[Any, ...]:
        return (
            self.unit,
            self.source.regulation,
            self.article or self.rule_id,
            self.term,
            self.facts,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "regulation": self.source.regulation,
            "rule": self.rule_id,
            "article": self.article,
            "term": self.term,
            "zh": self.zh,
            "kind": self.kind,
            "facts": list(self.facts),
            "how": list(self.how),
            "summary": self.text,
        }


def ranked(questions: Iterable[Question]) -> tuple[Question, ...]:
    """One question per unit, article, term and case (its first kind), by unit, then
    conditions before exceptions before escalations, then article."""
    found: dict[tuple[Any, ...], Question] = {}
    for q in questions:
        key = q.key()
        if key not in found or Question.RANK[q.kind] < Question.RANK[found[key].kind]:
            found[key] = q
    return tuple(
        sorted(
            found.values(),
            key=lambda q: (
                q.unit,
                Question.RANK[q.kind],
                q.source.regulation,
                q.article or 0,
                q.rule_id,
                q.term,
                q.facts,
            ),
        )
    )
