"""Immutable answer types shared by the queries, with their JSON form (spec/cli.md)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from engine import MAX_DIGITS, CompiledRule, shown, unparse, whole_number

MODALITY_ORDER = ("must", "must_not", "may", "encouraged", "sanction")


ISO_DAY = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""A date as written in arguments and files: YYYY-MM-DD."""


def parse_day(text: str) -> dt.date | None:
    """A date written exactly YYYY-MM-DD, else None (``date.fromisoformat`` also takes
    '20250101' and the week date '2025W011')."""
    if ISO_DAY.fullmatch(text) is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # 2025-13-01
        return None


def article_number(value: object) -> int:
    """An article number argument: an int, or its digits as text (not a bool)."""
    from regulations.errors import InvalidValueError

    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidValueError("article number", str(value), "give a whole number such as 19")
    number = whole_number(value) if isinstance(value, str) else value
    if number is None or not 1 <= number < 10**MAX_DIGITS:
        if isinstance(value, str):
            text = shown(value)
        else:  # str() of an int of 5,000 digits fails
            text = str(value) if abs(value) < 10**MAX_DIGITS else "a number that large"
        raise InvalidValueError("article number", text, "give a whole number such as 19")
    return number


def as_date(value: object) -> dt.date:
    """A date argument: a date, a datetime (its day), a string YYYY-MM-DD, or None for today."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (day := parse_day(value)) is not None:
        return day
    from regulations.errors import InvalidValueError

    raise InvalidValueError("date", str(value), "give a date, or a string YYYY-MM-DD")


@dataclass(frozen=True)
class EditionView:
    """Which text of an amended law an answer reads: its name and reference, and the days it
    is (or was) in force (``until`` inclusive; None while in force)."""

    name: str
    ref: str
    valid_from: dt.date
    valid_until: dt.date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ref": self.ref,
            "from": self.valid_from.isoformat(),
            "until": self.valid_until.isoformat() if self.valid_until else None,
        }


@dataclass(frozen=True)
class RetiredView:
    """A provision id no longer encoded, asked for by name: the articles it now is, and
    its former rule ids beside the ids those rules have now."""

    provision: str
    articles: tuple[int, ...]
    old_rules: tuple[str, ...]
    new_rules: tuple[str, ...]
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "provision": self.provision,
            "articles": list(self.articles),
            "rules": dict(zip(self.old_rules, self.new_rules, strict=True)),
            "note": self.note,
        }


@dataclass(frozen=True)
class UnitProfile:
    """Who is asking: a unit kind, optionally its level and tags."""

    kind: str
    level: str | None = None
    tags: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "level": self.level, "tags": list(self.tags)}


@dataclass(frozen=True)
class RuleView:
    """One rule as an answer shows it: what, who, when, by when, and where it comes from."""

    id: str
    kind: str
    modality: str
    concept: str | None
    summary: str
    role: str
    measures: tuple[str, ...]
    who: tuple[str, ...]
    by: tuple[str, ...]
    condition: str | None
    exception: str | None
    suspended_while: str | None
    due: str | None
    until: str | None
    escalations: tuple[tuple[str, tuple[str, ...]], ...]
    alternatives: bool
    defers_to_other_law: bool
    interpretation: str | None
    notes: tuple[str, ...]

    @classmethod
    def of(cls, rule: CompiledRule) -> RuleView:
        node = rule.node
        return cls(
            id=rule.id,
            kind=node.kind,
            modality=node.modality,
            concept=node.concept,
            summary=node.summary,
            role=node.role,
            measures=node.measures,
            who=tuple(unparse.subject(s) for s in node.who),
            by=tuple(unparse.subject(s) for s in node.by),
            condition=unparse.condition(node.when) if node.when is not None else None,
            exception=unparse.condition(node.unless) if node.unless is not None else None,
            suspended_while=(
                unparse.condition(node.suspended_while)
                if node.suspended_while is not None
                else None
            ),
            due=unparse.deadline(node.due) if node.due is not None else None,
            until=(
                f"{node.until.fact}.{node.until.field_name}"
                if node.until is not None
                else "year_end"
                if node.until_year_end
                else None
            ),
            escalations=tuple(
                (unparse.condition(e.condition), e.measures) for e in node.escalations
            ),
            alternatives=node.alternatives,
            defers_to_other_law=node.defers_to_other_law,
            interpretation=node.interpretation,
            notes=node.notes,
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "modality": self.modality,
            "concept": self.concept,
            "summary": self.summary,
            "role": self.role,
            "who": list(self.who),
        }
        if self.kind == "sanction":
            data["measures"] = list(self.measures)
            data["alternatives"] = self.alternatives
            data["by"] = list(self.by)
        optional = {
            "condition": self.condition,
            "exception": self.exception,
            "suspended_while": self.suspended_while,
            "due": self.due,
            "until": self.until,
            "interpretation": self.interpretation,
        }
        data.update({k: v for k, v in optional.items() if v is not None})
        if self.escalations:
            data["escalations"] = [{"when": w, "measures": list(m)} for w, m in self.escalations]
        if self.defers_to_other_law:
            data["defers_to_other_law"] = True
        if self.notes:
            data["notes"] = list(self.notes)
        return data


def modalities_of(rules: tuple[RuleView, ...]) -> tuple[str, ...]:
    found = {r.modality for r in rules}
    return tuple(m for m in MODALITY_ORDER if m in found)


@dataclass(frozen=True)
class ArticleBinding:
    """An article with the rules of it that bind a unit."""

    article: int | None
    provision: str | None
    chapter: int | None
    modalities: tuple[str, ...]
    rules: tuple[RuleView, ...]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"article": self.article}
        if self.provision is not None:
            data["provision"] = self.provision
        data.update(
            {
                "chapter": self.chapter,
                "modalities": list(self.modalities),
                "rules": [r.to_json() for r in self.rules],
            }
        )
        return data


@dataclass(frozen=True)
class Applicability:
    """The answer to "which articles of this regulation bind this unit?"."""

    regulation: str
    version: str
    title: str
    as_of: dt.date
    in_force: bool
    complete: bool
    unit: UnitProfile
    articles: tuple[ArticleBinding, ...]
    notes: str | None = None
    edition: EditionView | None = None
    level_restricted: tuple[LeftOut, ...] = ()

    @property
    def article_numbers(self) -> tuple[int, ...]:
        return tuple(a.article for a in self.articles if a.article is not None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            **_header(self),
            "unit": self.unit.to_json(),
            "articles": [a.to_json() for a in self.articles],
        }
        if self.notes:
            data["notes"] = self.notes
        if self.level_restricted:
            data["level_restricted"] = [r.to_json() for r in self.level_restricted]
        return data


@dataclass(frozen=True)
class LeftOut:
    """A rule an answer without a level left out: it binds the unit's kind only at some
    levels (``levels``: those of the kind's at which it would bind)."""

    rule: RuleView
    article: int | None
    provision: str | None
    levels: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.rule.id, "article": self.article}
        if self.provision is not None:
            data["provision"] = self.provision
        data.update(
            {
                "modality": self.rule.modality,
                "concept": self.rule.concept,
                "levels": list(self.levels),
            }
        )
        return data


@dataclass(frozen=True)
class ArticleText:
    """An article's text as encoded, with all its rules."""

    article: int | None
    provision: str | None
    chapter: int | None
    text: str
    text_source: str
    rules: tuple[RuleView, ...]
    wordings: tuple[tuple[dt.date, dt.date | None, str], ...] = ()
    source_defect: str | None = None
    notes: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"article": self.article}
        if self.provision is not None:
            data["provision"] = self.provision
        data.update({"chapter": self.chapter, "text": self.text, "text_source": self.text_source})
        if self.wordings:
            data["wordings"] = [
                {"from": f.isoformat(), "until": u.isoformat() if u else None, "text": t}
                for f, u, t in self.wordings
            ]
        if self.source_defect:
            data["source_defect"] = self.source_defect
        if self.notes:
            data["notes"] = self.notes
        data["rules"] = [r.to_json() for r in self.rules]
        return data


@dataclass(frozen=True)
class ArticlesView:
    """The encoded text of a regulation (or of one article)."""

    regulation: str
    version: str
    title: str
    as_of: dt.date
    in_force: bool
    complete: bool
    articles: tuple[ArticleText, ...]
    notes: str | None = None
    edition: EditionView | None = None
    retired: RetiredView | None = None  # the provision asked for, now these articles

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            **_header(self),
            "articles": [a.to_json() for a in self.articles],
        }
        if self.retired is not None:
            data["retired"] = self.retired.to_json()
        if self.notes:
            data["notes"] = self.notes
        return data


def _header(view: Applicability | ArticlesView) -> dict[str, Any]:
    """The fields every answer about one regulation starts with (spec/cli.md); an amended
    law's answer names the edition it reads (``edition``: name, reference, days in force)."""
    data: dict[str, Any] = {
        "regulation": view.regulation,
        "version": view.version,
        "title": view.title,
        "as_of": view.as_of.isoformat(),
        "in_force": view.in_force,
        "complete": view.complete,
    }
    if view.edition is not None:
        data["edition"] = view.edition.to_json()
    return data
