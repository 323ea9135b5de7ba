"""The regulations as data: a regulation, its chapters and articles, as read from YAML."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from engine.check import repeated
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
    """One wording of an amended article and the days it held (``until`` inclusive)."""

    text: Text = Field(min_length=1)
    valid_from: Day = Field(alias="from")
    valid_until: Day | None = Field(default=None, alias="until")

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
        return self

    @property
    def key(self) -> str:
        """``19`` for an article, ``p.<slug>`` for a provision: the middle of its rule ids."""
        return str(self.number) if self.number is not None else f"p.{self.provision}"

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
        if self.in_force and any(day < self.in_force for day in self.amended):
            raise ValueError("an amendment cannot come before the law took effect")
        twice = repeated(c.number for c in self.chapters)
        if twice:
            raise ValueError(f"chapter {twice[0]} is declared twice; number each chapter once")
        return self


class Regulation(_Frozen):
    """A regulation with its articles, in file order."""

    meta: RegulationMeta
    articles: tuple[Article, ...]
    file: str

    @property
    def ref(self) -> str:
        """``ordos``, ``zhejiang`` (the final version) or ``zhejiang@draft``."""
        return (
            self.meta.id if self.meta.version == "final" else f"{self.meta.id}@{self.meta.version}"
        )

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the regulation is in force on ``day`` (a draft never is)."""
        return (
            self.meta.version == "final"
            and self.meta.in_force is not None
            and self.meta.in_force <= day
        )

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)
