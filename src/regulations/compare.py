"""Regional variants and versions side by side: `diff` (two whole regulations, by concept
and by article) and `compare` (several regulations, for one unit profile)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from regulations.errors import InvalidValueError
from regulations.library import Entry, Library, using
from regulations.model import Regulation
from regulations.queries import applies, codes, edition_view, unit_profile
from regulations.subjects import SubjectDiff
from regulations.views import MODALITY_ORDER, EditionView, RuleView, UnitProfile, as_date


def _key(view: RuleView) -> str:
    """What a rule is about: its concept, or ``sanction:<measure>…`` for a sanction."""
    return (
        view.concept if view.concept is not None else "sanction:" + "+".join(sorted(view.measures))
    )


Place = tuple[int | None, str | None]
"""Where a rule stands: its article's number, or the id of a provision without one."""


def _place(view: RuleView) -> Place:
    """The article of a rule, from its id (``ordos.19.1``: 19; ``zhejiang.p.culture_week.1``:
    the provision ``culture_week``)."""
    middle = view.id.split(".")[1:-1]
    if middle[0] == "p":
        return None, ".".join(middle[1:])
    return int(middle[0]), None


def _numbers(places: Iterable[Place]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(n for n, _ in places if n is not None))


def _provisions(places: Iterable[Place]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for _, p in places if p is not None))


@dataclass(frozen=True)
class Side:
    """How one regulation states a concept: its rules and what they add up to."""

    rules: tuple[RuleView, ...]

    @property
    def articles(self) -> tuple[int, ...]:
        """The numbers of the articles stating it (``provisions``: those without one)."""
        return _numbers(_place(r) for r in self.rules)

    @property
    def provisions(self) -> tuple[str, ...]:
        return _provisions(_place(r) for r in self.rules)

    @property
    def modalities(self) -> tuple[str, ...]:
        found = {r.modality for r in self.rules}
        return tuple(m for m in MODALITY_ORDER if m in found)

    @property
    def subjects(self) -> tuple[str, ...]:
        return tuple(sorted({s for r in self.rules for s in r.who}))

    @property
    def deadlines(self) -> tuple[str, ...]:
        return tuple(sorted({r.due for r in self.rules if r.due}))

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(sorted({m for r in self.rules for m in r.measures}))

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "provisions": list(self.provisions),
            "rules": [r.id for r in self.rules],
            "modalities": list(self.modalities),
            "subjects": list(self.subjects),
            "deadlines": list(self.deadlines),
            "measures": list(self.measures),
        }


@dataclass(frozen=True)
class ConceptDiff:
    """A concept in one or both regulations, with what differs."""

    concept: str
    a: Side | None
    b: Side | None
    changes: tuple[str, ...]
    differs: tuple[
        str, ...
    ] = ()  # the aspects that differ: modalities, deadlines, measures, subjects
    subjects: SubjectDiff | None = None  # who each binds, by meaning (where both state it)

    @property
    def status(self) -> str:
        if self.a is None:
            return "only_b"
        if self.b is None:
            return "only_a"
        return "changed" if self.changes else "same"

    def to_json(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "status": self.status,
            "a": self.a.to_json() if self.a else None,
            "b": self.b.to_json() if self.b else None,
            "changes": list(self.changes),
            "differs": list(self.differs),
            "subjects": self.subjects.to_json() if self.subjects else None,
        }


ASPECTS = ("modalities", "deadlines", "measures")


def _differs(a: Side, b: Side, subjects: SubjectDiff) -> tuple[str, ...]:
    """The aspects in which two statements of a concept differ: modalities, deadlines,
    measures (as sets) and subjects (by meaning: `SubjectDiff`)."""
    found = [name for name in ASPECTS if getattr(a, name) != getattr(b, name)]
    return (*found, "subjects") if subjects.relation != "same" else tuple(found)


def _changes(a: Side, b: Side) -> tuple[str, ...]:
    """What differs, in words: each aspect A → B, and who each binds that the other does
    not (through the is-a tree and levels: ``B binds more: people_government(township)``)."""
    subjects = SubjectDiff.of(a.subjects, b.subjects)
    out = [
        f"{name}: {', '.join(getattr(a, name)) or '—'} → {', '.join(getattr(b, name)) or '—'}"
        for name in _differs(a, b, subjects)
        if name != "subjects"
    ]
    return (*out, *subjects.lines())


def _by_key(entry: Entry) -> dict[str, list[RuleView]]:
    grouped: dict[str, list[RuleView]] = defaultdict(list)
    for rule in entry.rules.rules:
        view = RuleView.of(rule)
        grouped[_key(view)].append(view)
    return grouped


@dataclass(frozen=True)
class ArticleMap:
    """Where the concepts of an article of A are stated in B."""

    article: int | None
    provision: str | None
    concepts: tuple[str, ...]
    in_b: tuple[Place, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "provision": self.provision,
            "concepts": list(self.concepts),
            "in_b": list(_numbers(self.in_b)),
            "in_b_provisions": list(_provisions(self.in_b)),
        }


@dataclass(frozen=True)
class TextChange:
    """An article whose text differs between two editions of one law: the text on each
    side (None where the article is not in that edition), the passages removed and added,
    and what the change does to the article's rules."""

    article: int
    a: str | None
    b: str | None
    edits: tuple[tuple[str, str], ...]
    rules_a: tuple[RuleView, ...]
    rules_b: tuple[RuleView, ...]
    changes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "a": self.a,
            "b": self.b,
            "edits": [{"removed": r, "added": d} for r, d in self.edits],
            "rules": {"a": [r.id for r in self.rules_a], "b": [r.id for r in self.rules_b]},
            "changes": list(self.changes),
        }


def _edits(a: str, b: str, bridge: int = 4) -> tuple[tuple[str, str], ...]:
    """The passages of ``a`` replaced in ``b``, character by character: (removed, added).
    Edits apart by fewer than ``bridge`` unchanged characters are one edit (a rewritten
    sentence is shown whole, not as the scraps of it that happen to match)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    spans: list[list[int]] = []  # [a from, a to, b from, b to] of each edit
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if spans and i1 - spans[-1][1] < bridge and j1 - spans[-1][3] < bridge:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return tuple((a[i1:i2], b[j1:j2]) for i1, i2, j1, j2 in spans)


def _rule_changes(a: tuple[RuleView, ...], b: tuple[RuleView, ...]) -> tuple[str, ...]:
    """What an amendment does to an article's rules: concepts (or sanctions) it drops or
    adds, and for those it keeps, what differs (modality, subjects, deadline, measures,
    summary)."""
    left: dict[str, list[RuleView]] = defaultdict(list)
    right: dict[str, list[RuleView]] = defaultdict(list)
    for view in a:
        left[_key(view)].append(view)
    for view in b:
        right[_key(view)].append(view)
    out = []
    for key in sorted(set(left) | set(right)):
        if key not in right:
            out.append(f"{key} only in A ({', '.join(r.id for r in left[key])})")
        elif key not in left:
            out.append(f"{key} only in B ({', '.join(r.id for r in right[key])})")
        else:
            found = list(_changes(Side(tuple(left[key])), Side(tuple(right[key]))))
            before = [r.summary for r in left[key]]
            after = [r.summary for r in right[key]]
            dropped = [text for text in before if text not in after]
            added = [text for text in after if text not in before]
            if dropped or added:
                found.append(f"summary: {' / '.join(dropped) or '—'} → {' / '.join(added) or '—'}")
            out.extend(f"{key}: {change}" for change in found)
    return tuple(out)


def _text_changes(first: Entry, second: Entry) -> tuple[TextChange, ...]:
    """The articles whose text differs between two editions of one law, in number order."""
    grouped_a = _views_by_article(first)
    grouped_b = _views_by_article(second)
    texts_a = _texts(first)
    texts_b = _texts(second)
    out = []
    for number in sorted(set(texts_a) | set(texts_b)):
        a, b = texts_a.get(number), texts_b.get(number)
        if a == b:
            continue
        rules_a, rules_b = grouped_a.get(number, ()), grouped_b.get(number, ())
        out.append(
            TextChange(
                number,
                a,
                b,
                _edits(a or "", b or ""),
                rules_a,
                rules_b,
                _rule_changes(rules_a, rules_b),
            )
        )
    return tuple(out)


def _texts(entry: Entry) -> dict[int, str]:
    reg = entry.regulation
    day = reg.text_day(dt.date.today())
    return {a.number: a.text_on(day) for a in reg.articles if a.number is not None}


def _views_by_article(entry: Entry) -> dict[int, tuple[RuleView, ...]]:
    grouped: dict[int, list[RuleView]] = defaultdict(list)
    for rule in entry.rules.rules:
        if rule.meta.get("article") is not None:
            grouped[rule.meta["article"]].append(RuleView.of(rule))
    return {number: tuple(views) for number, views in grouped.items()}


@dataclass(frozen=True)
class Diff:
    """Two regulations (or versions) compared concept by concept; two editions of one law
    also article by article (``texts``: the articles the amendment changed)."""

    a: str
    b: str
    concepts: tuple[ConceptDiff, ...]
    articles: tuple[ArticleMap, ...]
    complete: tuple[bool, bool] = (True, True)  # whether each side's text is fully known
    texts: tuple[TextChange, ...] = ()
    editions: tuple[EditionView | None, EditionView | None] = (None, None)

    def of_status(self, status: str) -> tuple[ConceptDiff, ...]:
        return tuple(c for c in self.concepts if c.status == status)

    def to_json(self) -> dict[str, Any]:
        counts = {s: len(self.of_status(s)) for s in ("only_a", "only_b", "changed", "same")}
        data: dict[str, Any] = {
            "a": self.a,
            "b": self.b,
            "complete": {"a": self.complete[0], "b": self.complete[1]},
            "counts": counts,
            "concepts": [c.to_json() for c in self.concepts],
            "articles": [m.to_json() for m in self.articles],
        }
        if any(self.editions):
            data["editions"] = {
                side: edition.to_json() if edition else None
                for side, edition in zip("ab", self.editions, strict=True)
            }
        if self.texts:
            data["texts"] = [t.to_json() for t in self.texts]
        return data


def diff(a: str, b: str, library: Library | None = None) -> Diff:
    """Concepts only in ``a``, only in ``b``, and in both but different (modality, subjects,
    deadline, sanction measures), each with its articles on both sides. As in `compare`, a
    regulation is named once: two names of one text (``ordos`` and ``ordos``, ``zhejiang``
    and ``zhejiang@final``) raise InvalidValueError."""
    library = using(library)
    _distinct([a, b], library)
    entry_a, entry_b = library.entry(a), library.entry(b)
    left, right = _by_key(entry_a), _by_key(entry_b)
    concepts = []
    for key in sorted(set(left) | set(right)):
        side_a = Side(tuple(left[key])) if key in left else None
        side_b = Side(tuple(right[key])) if key in right else None
        if side_a and side_b:
            subjects = SubjectDiff.of(side_a.subjects, side_b.subjects)
            concepts.append(
                ConceptDiff(
                    key,
                    side_a,
                    side_b,
                    _changes(side_a, side_b),
                    _differs(side_a, side_b, subjects),
                    subjects,
                )
            )
        else:
            concepts.append(ConceptDiff(key, side_a, side_b, ()))
    order = {"changed": 0, "only_a": 1, "only_b": 2, "same": 3}
    concepts.sort(key=lambda c: (order[c.status], c.concept))
    articles: dict[Place, list[str]] = defaultdict(list)
    for key, views in left.items():
        for view in views:
            if key not in articles[_place(view)]:
                articles[_place(view)].append(key)
    maps = []
    for (number, provision), keys in articles.items():
        found = tuple(dict.fromkeys(_place(v) for k in keys for v in right.get(k, ())))
        maps.append(ArticleMap(number, provision, tuple(keys), found))
    maps.sort(key=lambda m: (0, m.article, "") if m.article else (1, 0, m.provision or ""))
    first, second = entry_a.regulation, entry_b.regulation
    return Diff(
        _named(a, first, library),
        _named(b, second, library),
        tuple(concepts),
        tuple(maps),
        (first.meta.complete, second.meta.complete),
        _text_changes(entry_a, entry_b) if first.ref == second.ref else (),
        (edition_view(first), edition_view(second)),
    )


def _named(ref: str, regulation: Regulation, library: Library) -> str:
    """How an answer names a regulation asked for: the law (``zhejiang``), or the edition
    where the caller named one (``zhejiang@2023``)."""
    return regulation.ref if library.names_law(ref) else regulation.label


@dataclass(frozen=True)
class Cell:
    """How one regulation binds the unit to a concept (None: it does not)."""

    articles: tuple[int, ...]
    provisions: tuple[str, ...]
    modalities: tuple[str, ...]
    deadlines: tuple[str, ...]
    rules: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "provisions": list(self.provisions),
            "modalities": list(self.modalities),
            "deadlines": list(self.deadlines),
            "rules": list(self.rules),
        }


@dataclass(frozen=True)
class Row:
    concept: str
    cells: tuple[Cell | None, ...]

    @property
    def differs(self) -> bool:
        shapes = {(c.modalities, c.deadlines) if c else None for c in self.cells}
        return len(shapes) > 1


@dataclass(frozen=True)
class Comparison:
    """Concepts × regulations for one unit profile, on a day (``as_of``): whether each
    regulation is in force then and whether its text is fully known, column by column."""

    regulations: tuple[str, ...]
    unit: UnitProfile
    rows: tuple[Row, ...]
    as_of: dt.date
    in_force: tuple[bool, ...]
    complete: tuple[bool, ...]

    def row(self, concept: str) -> Row | None:
        """The row of a concept (or ``sanction:<measure>``), None if no regulation has one."""
        return next((r for r in self.rows if r.concept == concept), None)

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON: ``in_force`` and ``complete`` by regulation, as ``cells``."""
        return {
            "regulations": list(self.regulations),
            "as_of": self.as_of.isoformat(),
            "in_force": dict(zip(self.regulations, self.in_force, strict=True)),
            "complete": dict(zip(self.regulations, self.complete, strict=True)),
            "unit": self.unit.to_json(),
            "rows": [
                {
                    "concept": r.concept,
                    "differs": r.differs,
                    "cells": {
                        reg: (c.to_json() if c else None)
                        for reg, c in zip(self.regulations, r.cells, strict=True)
                    },
                }
                for r in self.rows
            ],
        }


def compare(
    regulations: Sequence[str],
    kind: str,
    level: str | None = None,
    tags: Iterable[str] = (),
    as_of: dt.date | None = None,
    library: Library | None = None,
    concepts: Sequence[str] = (),
    measures: Sequence[str] = (),
) -> Comparison:
    """For one unit profile, which article of each regulation binds it to each concept, with
    which modality and deadline; rows that differ between regulations are marked.

    ``regulations`` names one or more regulations, each once (``zhejiang`` and
    ``zhejiang@final`` are one); ``as_of`` (default today) is the day on which each is said
    to be in force or not, as in ``applies``; ``concepts`` and ``measures`` keep only those
    rows, as in ``applies``."""
    library = using(library)
    profile = unit_profile(kind, level, tags)
    refs = _distinct(codes(regulations), library)
    day = as_date(as_of)
    answers = [
        applies(r, profile.kind, profile.level, profile.tags, day, library, concepts, measures)
        for r in refs
    ]
    table: dict[str, list[Cell | None]] = {}
    for index, answer in enumerate(answers):
        grouped: dict[str, list[RuleView]] = defaultdict(list)
        for article in answer.articles:
            for rule in article.rules:
                grouped[_key(rule)].append(rule)
        for key, views in grouped.items():
            side = Side(tuple(views))
            cells = table.setdefault(key, [None] * len(answers))
            cells[index] = Cell(
                side.articles,
                side.provisions,
                side.modalities,
                side.deadlines,
                tuple(v.id for v in views),
            )
    rows = tuple(Row(key, tuple(cells)) for key, cells in sorted(table.items()))
    return Comparison(
        refs,
        profile,
        rows,
        day,
        tuple(a.in_force for a in answers),
        tuple(a.complete for a in answers),
    )


def _distinct(names: Sequence[str], library: Library) -> tuple[str, ...]:
    """The regulations named, as references (``zhejiang@final`` → ``zhejiang``; an edition
    by its own, ``zhejiang@2023``): at least one, each named once; unknown ones raise
    UnknownCodeError."""
    if not names:
        raise InvalidValueError("regulations", "[]", "name at least one regulation to compare")
    seen: dict[str, str] = {}
    for name in names:
        ref = _named(name, library.entry(name).regulation, library)
        if ref in seen:
            raise InvalidValueError(
                "regulation",
                name,
                f"it is {ref!r}, already named as {seen[ref]!r}; name each regulation once",
            )
        seen[ref] = name
    return tuple(seen)
