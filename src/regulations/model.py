"""The regulations as data: a regulation, its chapters and articles, as read from YAML."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from engine import repeated
from regulations.fieldtypes import Day, Flag, Text, Whole
from regulations.vocabulary import Level, check_region

TextSource = Literal["source", "paraphrase", "summary"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Chapter(_Frozen):
    """A chapter: number and title."""

    number: Whole = Field(ge=1)
    title: Text = Field(min_length=1)


class Wording(_Frozen):
    """One wording of an amended article and the days it held (``until`` inclusive), with
    its own rules where the amendment changed what the article requires (else the
    article's ``rules`` hold for every wording)."""

    text: Text = Field(min_length=1)
    valid_from: Day = Field(alias="from")
    valid_until: Day | None = Field(default=None, alias="until")
    rules: Text | None = None

    @model_validator(mode="after")
    def _a_span_of_days(self) -> Wording:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError(f"until {self.valid_until} is before from {self.valid_from}")
        return self

    def holds_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class Article(_Frozen):
    """An article (or a provision whose article number is unknown) with its rule text."""

    number: Whole | None = Field(default=None, alias="article", ge=1)
    provision: Text | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    chapter: Whole | None = Field(default=None, ge=1)
    text: Text | None = Field(default=None, min_length=1)
    wordings: tuple[Wording, ...] = ()
    text_source: TextSource = "source"
    rules: Text = ""
    source_defect: Text | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _identified(self) -> Article:
        if (self.number is None) == (self.provision is None):
            raise ValueError(
                "give either 'article' (its number) or 'provision' (a slug), not both or neither"
            )
        if (self.text is None) == (not self.wordings):
            raise ValueError(
                "give either 'text' or 'wordings' (for an amended article), not both or neither"
            )
        for earlier, later in zip(self.wordings, self.wordings[1:], strict=False):
            if earlier.valid_until is None or later.valid_from <= earlier.valid_until:
                raise ValueError(
                    f"the wording from {later.valid_from} overlaps the one before it (from "
                    f"{earlier.valid_from}); list wordings in order, each ending ('until') "
                    "before the next begins"
                )
        own = [w.rules is not None for w in self.wordings]
        if any(own) and (not all(own) or "rules" in self.model_fields_set):
            raise ValueError(
                "give the rules either once for the article ('rules') or for every wording "
                "(each wording's 'rules'), not both"
            )
        return self

    @property
    def key(self) -> str:
        """``19`` for an article, ``p.<slug>`` for a provision: the middle of its rule ids."""
        return str(self.number) if self.number is not None else f"p.{self.provision}"

    def in_edition(self, edition: Edition | None) -> bool:
        """Whether the article is part of ``edition`` (one of its wordings held then; an
        article without wordings is part of every edition)."""
        return edition is None or not self.wordings or self.wording_on(edition.valid_from) >= 0

    def wording_on(self, day: dt.date) -> int:
        """The index of the wording in force on ``day``, -1 if none (or no wordings)."""
        return next((i for i, w in enumerate(self.wordings) if w.holds_on(day)), -1)

    def rules_in(self, edition: Edition | None) -> str:
        """The article's rule text in ``edition``: its wording's own rules, where the
        wordings carry them, else the article's."""
        if edition is None:
            return self.rules
        index = self.wording_on(edition.valid_from)
        own = self.wordings[index].rules if index >= 0 else None
        return own if own is not None else self.rules

    def text_on(self, day: dt.date) -> str:
        """The wording in force on ``day`` (the first one before the law took effect, the
        last one known after)."""
        if self.text is not None:
            return self.text
        for wording in self.wordings:
            if wording.holds_on(day):
                return wording.text
        return (
            self.wordings[0].text if day < self.wordings[0].valid_from else self.wordings[-1].text
        )


class Edition(_Frozen):
    """One version of a law's text: from the day it took effect (or an amendment did) to
    the day before the next amendment (``until`` inclusive, None while in force)."""

    name: Text
    valid_from: Day
    valid_until: Day | None = None

    def holds_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class Retired(_Frozen):
    """A provision (a ``p.<slug>`` entry) that stood for articles whose text was unknown, now
    retired: the article(s) it now is, the ids its rules now have (``rules[n-1]`` is what
    ``<law>.p.<slug>.<n>`` was, as ``<article>.<n>``), and a note for readers."""

    provision: Text = Field(pattern=r"^[a-z][a-z0-9_]*$")
    articles: tuple[Whole, ...] = Field(min_length=1)
    rules: tuple[Annotated[Text, Field(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$")], ...] = ()
    note: Text = Field(min_length=1)


class RegulationMeta(_Frozen):
    """What a regulation is: identity, territory, dates, structure."""

    id: Text = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: Literal["final", "draft"] = "final"
    title: Text = Field(min_length=1)
    territory: Text = Field(pattern=r"^[a-z][a-z0-9_]*(/[a-z0-9_]+)*$")
    level: Level
    adopted: Day | None = None
    in_force: Day | None = None
    amended: tuple[Day, ...] = ()
    repeals: tuple[str, ...] = ()
    complete: Flag = True
    source: Text | None = None
    notes: Text | None = None
    chapters: tuple[Chapter, ...] = ()
    retired: tuple[Retired, ...] = ()

    @field_validator("territory")
    @classmethod
    def _known_province(cls, territory: str) -> str:
        return check_region(territory)

    @model_validator(mode="after")
    def _dates_in_order(self) -> RegulationMeta:
        if self.version == "draft" and self.in_force is not None:
            raise ValueError("a draft is never in force: drop 'in_force'")
        if self.adopted and self.in_force and self.in_force < self.adopted:
            raise ValueError(f"in_force {self.in_force} is before adopted {self.adopted}")
        if self.amended and self.in_force is None:
            raise ValueError("an amended law needs 'in_force', the day its first text took effect")
        if self.in_force and any(day <= self.in_force for day in self.amended):
            raise ValueError("an amendment cannot take effect before or on the day the law did")
        if list(self.amended) != sorted(set(self.amended)):
            raise ValueError("list the amendment dates in order, each once")
        twice = repeated(c.number for c in self.chapters)
        if twice:
            raise ValueError(f"chapter {twice[0]} is declared twice; number each chapter once")
        slugs = repeated(r.provision for r in self.retired)
        if slugs:
            raise ValueError(f"provision {slugs[0]!r} is retired twice; list each once")
        return self

    def retired_provision(self, slug: str) -> Retired | None:
        return next((r for r in self.retired if r.provision == slug), None)

    def editions(self) -> tuple[Edition, ...]:
        """The versions of an amended law's text, in order: the text as it took effect and
        the text after each amendment, each named by its first day's year (by the whole date
        where two begin in one year). An unamended law has none: its one text is the law."""
        if not self.amended or self.in_force is None:
            return ()
        starts = [self.in_force, *self.amended]
        years = [day.year for day in starts]
        return tuple(
            Edition(
                name=str(day.year) if years.count(day.year) == 1 else day.isoformat(),
                valid_from=day,
                valid_until=nxt - dt.timedelta(days=1) if nxt is not None else None,
            )
            for day, nxt in zip(starts, [*starts[1:], None], strict=True)
        )


class Regulation(_Frozen):
    """A regulation with its articles, in file order. An amended law is loaded once per
    edition (``edition``): the articles as they read in it, with the rules then in force."""

    meta: RegulationMeta
    articles: tuple[Article, ...]
    file: str
    edition: Edition | None = None

    @property
    def ref(self) -> str:
        """``ordos``, ``zhejiang`` (the final version) or ``zhejiang@draft``: the law, and
        the first part of its rule ids (every edition's)."""
        return (
            self.meta.id if self.meta.version == "final" else f"{self.meta.id}@{self.meta.version}"
        )

    @property
    def label(self) -> str:
        """The reference of this text: ``zhejiang@2025`` for an edition, else ``ref``."""
        return f"{self.ref}@{self.edition.name}" if self.edition is not None else self.ref

    def text_day(self, day: dt.date) -> dt.date:
        """The day whose wordings this text shows: an edition's first day, else ``day``."""
        return self.edition.valid_from if self.edition is not None else day

    def in_force_on(self, day: dt.date) -> bool:
        """Whether this text is in force on ``day``: the law is (a draft never is) and, for
        an edition, it is the edition then in force."""
        return (
            self.meta.version == "final"
            and self.meta.in_force is not None
            and self.meta.in_force <= day
            and (self.edition is None or self.edition.holds_on(day))
        )

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)
