"""Who rules bind, compared by meaning: through the is-a tree of kinds and their levels, not
as text. A rule binding ``people_government`` binds a people's government at every level it
can have, so it binds what ``people_government(province, prefecture, county, township)``
binds; one binding ``organization`` binds every school; ``school`` binds part of what
``organization`` binds.

A subject is written as the rule language writes it (``kind``, ``kind(level, …)``,
``tag code``: `engine.unparse.subject`); `binds_beyond` says what one set of subjects binds
that another does not, in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from regulations import vocabulary as v

NO_LEVEL = "without a level"


@dataclass(frozen=True)
class Subject:
    """A kind at some levels (``levels`` None: at any), or a tag."""

    kind: str | None
    tag: str | None = None
    levels: frozenset[str] | None = None

    @classmethod
    def parse(cls, text: str) -> Subject:
        """A subject as `engine.unparse.subject` writes it."""
        if text.startswith("tag "):
            return cls(None, text.removeprefix("tag "))
        kind, _, rest = text.partition("(")
        if not rest:
            return cls(kind)
        return cls(kind, levels=frozenset(lv.strip() for lv in rest.rstrip(")").split(",")))

    def needs(self) -> frozenset[str]:
        """The levels a unit bound by this subject may have, ``NO_LEVEL`` among them where a
        unit of the kind may have none."""
        if self.levels is not None:
            return self.levels
        assert self.kind is not None
        found = set(v.levels_of(self.kind))
        if not v.levelled(self.kind):
            found.add(NO_LEVEL)
        return frozenset(found)


def _kind_text(kind: str, levels: Iterable[str]) -> str:
    named = [lv for lv in v.ALL_LEVELS if lv in set(levels)]
    if NO_LEVEL in set(levels):
        named.append(NO_LEVEL)
    return f"{kind}({', '.join(named)})"


def _beyond(subject: Subject, others: Sequence[Subject]) -> str | None:
    """What ``subject`` binds that none of ``others`` does, in words (None: nothing)."""
    if subject.tag is not None:
        return None if any(o.tag == subject.tag for o in others) else f"tag {subject.tag}"
    kind = subject.kind
    assert kind is not None
    wider = [o for o in others if o.kind is not None and o.kind in v.lineage(kind)]
    if any(o.levels is None for o in wider):  # the kind or an ancestor at any level
        return None
    covered: set[str] = set()
    for other in wider:
        covered |= other.needs()
    missing = subject.needs() - covered
    if not missing:
        return None
    if covered:  # bound at some levels only
        return _kind_text(kind, missing)
    written = kind if subject.levels is None else _kind_text(kind, subject.levels)
    below = v.descendants(kind) - {kind}
    narrower = sorted({o.kind for o in others if o.kind in below})
    narrower = [k for k in narrower if not any(a in narrower for a in v.lineage(k) - {k})]
    return f"{written} other than {', '.join(narrower)}" if narrower else written


def binds_beyond(these: Iterable[str], those: Iterable[str]) -> tuple[str, ...]:
    """What the subjects ``these`` bind that the subjects ``those`` do not, one phrase a
    subject of ``these`` (``people_government(township)``: a level ``those`` leave out;
    ``organization other than school``: ``those`` bind only a narrower kind)."""
    others = [Subject.parse(s) for s in those]
    found = (_beyond(Subject.parse(s), others) for s in sorted(set(these)))
    return tuple(dict.fromkeys(f for f in found if f is not None))


@dataclass(frozen=True)
class SubjectDiff:
    """Who two sides bind, compared: ``relation`` is ``same``, ``a_binds_more``,
    ``b_binds_more`` or ``different``; ``only_a`` and ``only_b`` say what each binds that
    the other does not."""

    only_a: tuple[str, ...]
    only_b: tuple[str, ...]

    @classmethod
    def of(cls, a: Iterable[str], b: Iterable[str]) -> SubjectDiff:
        a, b = tuple(a), tuple(b)
        return cls(binds_beyond(a, b), binds_beyond(b, a))

    @property
    def relation(self) -> str:
        if self.only_a and self.only_b:
            return "different"
        if self.only_a:
            return "a_binds_more"
        return "b_binds_more" if self.only_b else "same"

    def lines(self) -> tuple[str, ...]:
        """The difference in words: ``B binds more: …``, or what only each binds."""
        relation = self.relation
        if relation == "a_binds_more":
            return (f"A binds more: {'; '.join(self.only_a)}",)
        if relation == "b_binds_more":
            return (f"B binds more: {'; '.join(self.only_b)}",)
        if relation == "different":
            return (
                f"only A binds: {'; '.join(self.only_a)}",
                f"only B binds: {'; '.join(self.only_b)}",
            )
        return ()

    def to_json(self) -> dict[str, Any]:
        return {"relation": self.relation, "only_a": list(self.only_a), "only_b": list(self.only_b)}
