"""Typed, immutable facts about units and what happened to them.

A unit is the subject every rule binds; every other fact names its unit by id. Field names
are the ones rule conditions use (docs/facts.md); codes are those of the vocabulary.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from regulations import vocabulary as v
from regulations.fieldtypes import Day, Flag, Text, Whole

IncidentKind = Literal[
    "criminal_case",
    "mass_incident",
    "public_security_event",
    "production_safety_accident",
    "national_security_event",
    "cybersecurity_event",
    "terrorist_incident",
    "work_stoppage",
    "fire_accident",
    "road_traffic_accident",
    "environmental_pollution_event",
]
Severity = Literal["ordinary", "larger", "major", "especially_major"]
Level = v.Level
AssessmentResult = Literal["excellent", "passed", "basically_passed", "failed"]
AppealStatus = Literal["under_review", "upheld", "revoked"]


def _known_measure(code: str) -> str:
    known = f" (known: {', '.join(sorted(v.MEASURE_CODES))})"
    return v.require(code, v.MEASURE_CODES, f"unknown measure {code!r}", known)


Measure = Annotated[
    str,
    AfterValidator(_known_measure),
    Field(description="a sanction measure code of the vocabulary"),
]
RegionCode = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(/[a-z0-9_]+)*$",
        description="slash-separated pinyin, province first",
    ),
]


class Fact(BaseModel):
    """Base of every fact: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    fact_type: ClassVar[str] = ""


class Unit(Fact):
    """An organization or person the regulations bind."""

    fact_type: ClassVar[str] = "unit"
    id: Text = Field(min_length=1)
    kind: Text = Field(description="a unit kind of the vocabulary (is-a tree)")
    level: Level | None = None
    region: RegionCode | None = None
    tags: frozenset[str] = frozenset()
    name: Text | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, kind: str) -> str:
        pointer = " (`regulations vocabulary kinds` lists them)"
        return v.require(kind, v.KIND_CODES, f"unknown unit kind {kind!r}", pointer)

    @field_validator("region")
    @classmethod
    def _known_province(cls, region: str | None) -> str | None:
        return v.check_region(region) if region is not None else None

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, tags: frozenset[str]) -> frozenset[str]:
        bad = sorted(tags - v.TAG_CODES)
        if bad:
            raise ValueError(
                f"unknown tag(s) {', '.join(bad)}; known: {', '.join(sorted(v.TAG_CODES))}"
            )
        return tags

    @model_validator(mode="after")
    def _person_has_no_level(self) -> Unit:
        if v.is_person(self.kind) and self.level is not None:
            raise ValueError(f"a person ({self.kind}) has no administrative level; drop 'level'")
        if v.is_person(self.kind) and self.tags:
            raise ValueError(f"a person ({self.kind}) carries no unit tags; drop 'tags'")
        return self


class UnitFact(Fact):
    """A fact about one unit, named by ``unit`` (the unit's id)."""

    unit: Text = Field(min_length=1)
    date_field: ClassVar[str] = "date"
    planned: ClassVar[bool] = False  # dated by when it will happen, not when it happened

    @property
    def when(self) -> dt.date | None:
        """The day the fact happened (or is planned for)."""
        value = getattr(self, self.date_field, None)
        return value if isinstance(value, dt.date) else None


class Incident(UnitFact):
    """Something that happened in or to the unit (刑事案件, 群体性事件, 事故…)."""

    fact_type: ClassVar[str] = "incident"
    kind: IncidentKind
    severity: Severity = "ordinary"
    date: Day
    concealed: Flag = False
    falsely_reported: Flag = False
    measures_not_taken: Flag = False
    casualties: Whole = Field(default=0, ge=0)


class Violation(UnitFact):
    """A finding that the unit did not perform a duty or broke a prohibition (``concept``)."""

    fact_type: ClassVar[str] = "violation"
    concept: Text
    date: Day
    serious: Flag | None = None


class Assessment(UnitFact):
    """The unit's ping'an assessment (考核) result for a year."""

    fact_type: ClassVar[str] = "assessment"
    year: Whole = Field(ge=1949, le=2100)
    result: AssessmentResult
    date: Day


class SupervisionOrder(UnitFact):
    """An order (挂牌督办, 责令限期整改) with its rectification deadline."""

    fact_type: ClassVar[str] = "supervision_order"
    measure: Measure
    issued: Day
    deadline: Day
    date_field: ClassVar[str] = "issued"

    @model_validator(mode="after")
    def _deadline_after_issue(self) -> SupervisionOrder:
        if self.deadline < self.issued:
            raise ValueError(
                f"deadline {self.deadline} is before the order was issued ({self.issued})"
            )
        return self


class Rectification(UnitFact):
    """Rectification completed."""

    fact_type: ClassVar[str] = "rectification"
    measure: Measure | None = None
    date: Day


class SanctionFact(UnitFact):
    """A sanction decided outside the rules (a veto decision, a notice), given as a fact."""

    fact_type: ClassVar[str] = "sanction"
    measure: Measure
    date: Day

    @property
    def year(self) -> int:
        return self.date.year


class Appeal(UnitFact):
    """An appeal (申诉, 复核) against a measure, with the day it was received."""

    fact_type: ClassVar[str] = "appeal"
    measure: Measure
    received: Day
    status: AppealStatus = "under_review"
    date_field: ClassVar[str] = "received"


class MediationAgreement(UnitFact):
    """A mediation agreement and the day it took effect."""

    fact_type: ClassVar[str] = "mediation_agreement"
    date: Day


class Drill(UnitFact):
    """An emergency drill held."""

    fact_type: ClassVar[str] = "drill"
    date: Day


class MajorDecision(UnitFact):
    """A major decision affecting social stability or public safety (重大决策), planned for ``date``."""

    fact_type: ClassVar[str] = "major_decision"
    planned: ClassVar[bool] = True
    date: Day


class LargeEvent(UnitFact):
    """A large public event the unit holds (大型群众性活动)."""

    fact_type: ClassVar[str] = "large_event"
    planned: ClassVar[bool] = True
    date: Day
    attendance: Whole | None = Field(default=None, ge=0)


class Risk(UnitFact):
    """A risk or hazard discovered (风险隐患)."""

    fact_type: ClassVar[str] = "risk"
    kind: Text | None = None
    date: Day


class Performed(UnitFact):
    """The unit performed a duty (``concept``) on ``date``: what makes an obligation met."""

    fact_type: ClassVar[str] = "performed"
    concept: Text
    date: Day


FACT_MODELS: tuple[type[UnitFact], ...] = (
    Incident,
    Violation,
    Assessment,
    SupervisionOrder,
    Rectification,
    SanctionFact,
    Appeal,
    MediationAgreement,
    Drill,
    MajorDecision,
    LargeEvent,
    Risk,
    Performed,
)
FACT_TYPES: dict[str, type[UnitFact]] = {m.fact_type: m for m in FACT_MODELS}


class Region(BaseModel):
    """A region in the hierarchy province → prefecture → county → township → village, named
    by its slash-separated code (``inner_mongolia/ordos/dongsheng``)."""

    model_config = ConfigDict(frozen=True)
    code: RegionCode

    @property
    def level(self) -> str:
        """Its administrative level: the depth of the code."""
        return region_level(self.code)

    @property
    def parent(self) -> Region | None:
        """The region one level up, or None for a province."""
        head, _, _ = self.code.rpartition("/")
        return Region(code=head) if head else None

    @property
    def ancestors(self) -> tuple[Region, ...]:
        """Every region above it, nearest first."""
        found, node = [], self.parent
        while node is not None:
            found.append(node)
            node = node.parent
        return tuple(found)

    def contains(self, other: Region | str) -> bool:
        """Whether ``other`` lies in this region (a region contains itself)."""
        return region_contains(self.code, other.code if isinstance(other, Region) else other)


def region_contains(territory: str, region: str) -> bool:
    """Whether ``region`` lies in ``territory`` (``inner_mongolia/ordos`` contains
    ``inner_mongolia/ordos/dongsheng``)."""
    return region == territory or region.startswith(territory + "/")


def region_level(region: str) -> str:
    """The administrative level of a region code: its depth (1 = province)."""
    depth = region.count("/")
    return v.LEVEL_CODES[min(depth, len(v.LEVEL_CODES) - 1)]
