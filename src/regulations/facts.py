"""Typed, immutable facts about units and what happened to them.

A unit is the subject every rule binds; every other fact names its unit by id. Field names
are the ones rule conditions use (docs/facts.md); codes are those of the vocabulary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from regulations import vocabulary as v
from regulations.fieldtypes import Day, Flag, Ordered, Registry, Text, Whole, registry_of

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
Severity = Annotated[Literal["ordinary", "larger", "major", "especially_major"], Ordered()]
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
    Registry("measures"),
]
ConceptCode = Annotated[Text, Registry("concepts")]
"""A concept code of the rules' concept registry (rules/concepts.yaml)."""
RegionCode = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*(/[a-z0-9_]+)*$",
        description="slash-separated pinyin, province first",
    ),
]


@dataclass(frozen=True)
class LinkTo:
    """The metadata of a field that names another fact by its ``id``, or a unit (the
    target ``"unit"``): ``targets`` are the fact types it may name. With ``role``, the unit
    it names sees the fact too — the fact concerns it in that role (an appeal's receiving
    body) — so one entry serves every unit it concerns."""

    targets: tuple[str, ...]
    role: bool = False
    after: str = ""
    """What the fact named is to the one naming it when the one naming it cannot be dated
    before it ("the order it answers"): a link to a fact dated later is an error."""
    kinds: tuple[str, ...] = ()
    """For a unit: the unit kinds it must be of (or under), when only some can fill the role."""


def link_of(annotation: Any) -> LinkTo | None:
    """The LinkTo of a field's annotation (``link(...) | None``), or None."""
    for arg in (annotation, *get_args(annotation)):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, LinkTo):
                return meta
    return None


EVENTS = (
    "incident",
    "violation",
    "assessment",
    "supervision_order",
    "sanction",
    "appeal",
    "mediation_agreement",
    "major_decision",
    "large_event",
    "risk",
)
"""The fact types a duty can arise from (what a performance may name as discharged)."""

UnitLink = Annotated[Text, Field(min_length=1), LinkTo(("unit",), role=True)]
"""A unit the fact concerns in a role (the unit's id); that unit sees the fact too."""
OrderLink = Annotated[
    Text, Field(min_length=1), LinkTo(("supervision_order",), after="the order it answers")
]
BodyLink = Annotated[
    Text, Field(min_length=1), LinkTo(("unit",), role=True, kinds=("pingan_coordinating_body",))
]
"""The body an appeal goes to: 上一级平安建设组织协调机构 (Xinjiang 55), the only body the
texts give an appeal to."""
ApproverLink = Annotated[
    Text,
    Field(min_length=1),
    LinkTo(("unit",), role=True, kinds=("people_government", "government_department")),
]
"""The body that decided on or approved a large event: 决定举办或者批准活动机关 (Xinjiang 20),
the police granting the safety permit (Hohhot 23) — a people's government or a department
(an organ, 机关), never a firm or a school."""
EventOfLink = Annotated[Text, Field(min_length=1), LinkTo(("large_event",))]
SanctionLink = Annotated[
    Text, Field(min_length=1), LinkTo(("sanction",), after="the decision it contests")
]
EventLink = Annotated[Text, Field(min_length=1), LinkTo(EVENTS)]


class Fact(BaseModel):
    """Base of every fact: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    fact_type: ClassVar[str] = ""


def _as_mapping(schema: dict[str, Any]) -> None:
    """The JSON Schema of ``Unit.params`` as written in a file: a mapping."""
    description = schema.get("description", "")
    schema.clear()
    schema.update(
        type="object",
        additionalProperties={"type": ["string", "integer", "boolean"]},
        description=description,
    )


STAFF = "staff_member"
"""The person kind that may name its unit (``Unit.staff_of``)."""

StaffOf = Annotated[
    Text,
    Field(
        min_length=1,
        description="for a staff member (kind staff_member): the id of the unit whose staff "
        "the person is (其单位); rules about its unit's assessment or veto read that unit's facts",
    ),
    LinkTo(("unit",), kinds=("organization",)),
]
"""The unit a person is staff of: its facts are read by the rules that speak of "its unit's"
(其单位经考核不合格, 受到一票否决处理的单位的负责人), and by no other."""


class Unit(Fact):
    """An organization or person the regulations bind; a staff member may name the unit it
    is staff of (``staff_of``)."""

    fact_type: ClassVar[str] = "unit"
    id: Text = Field(min_length=1)
    kind: Text = Field(description="a unit kind of the vocabulary (is-a tree)")
    level: Level | None = None
    region: RegionCode | None = None
    tags: frozenset[str] = frozenset()
    name: Text | None = None
    params: tuple[tuple[str, str | int | bool], ...] = Field(
        default=(),
        description="open terms settled for this unit: a mapping of open term → value "
        "(overrides the run's --param)",
        json_schema_extra=lambda schema: _as_mapping(schema),
    )
    staff_of: StaffOf | None = None

    @field_validator("params", mode="before")
    @classmethod
    def _params_as_pairs(cls, value: object) -> object:
        """A mapping of open term → value, kept as sorted pairs (a unit stays hashable)."""
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str) or not isinstance(item, str | int | bool):
                    raise ValueError(
                        f"params maps an open term to a value (true, false, a number or a "
                        f"period such as '60 days'), not {key!r}: {item!r}"
                    )
            return tuple(sorted(value.items()))
        if isinstance(value, tuple):
            return value
        raise ValueError("params is a mapping of open term → value, e.g. {short_of_veto: true}")

    @property
    def open_terms(self) -> dict[str, str | int | bool]:
        """The open terms settled for this unit."""
        return dict(self.params)

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
        if self.staff_of is not None and STAFF not in v.lineage(self.kind):
            raise ValueError(
                f"staff_of names the unit a staff member ({STAFF}) belongs to; a {self.kind} "
                f"is not one: give the person kind {STAFF}, or drop 'staff_of'"
            )
        return self


class UnitFact(Fact):
    """A fact about one unit, named by ``unit`` (the unit's id); ``id`` names the fact
    itself, for other facts to link to it."""

    unit: Text = Field(min_length=1)
    id: Text | None = Field(default=None, min_length=1)
    date_field: ClassVar[str] = "date"
    planned: ClassVar[bool] = False  # dated by when it will happen, not when it happened
    performs: ClassVar[str | None] = None  # the duty a fact of this type performs, if any

    def as_performance(self) -> UnitFact:
        """The fact as the performance it is (a drill performs the drill duty), else itself."""
        if self.performs is None or self.when is None:
            return self
        return Performed(unit=self.unit, id=self.id, concept=self.performs, date=self.when)

    @property
    def when(self) -> dt.date | None:
        """The day the fact happened (or is planned for)."""
        value = getattr(self, self.date_field, None)
        return value if isinstance(value, dt.date) else None

    @property
    def label(self) -> str:
        """The fact as a reader tells it apart from others of its unit: its id, else its
        type and date."""
        if self.id is not None:
            return self.id
        day = self.when
        return f"{self.fact_type} {day.isoformat()}" if day else self.fact_type

    _links: ClassVar[dict[str, LinkTo]] = {}
    concept_fields: ClassVar[tuple[str, ...]] = ()
    """The fields whose values are concept codes (declared ``Registry("concepts")``)."""

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._links = {
            name: found
            for name, info in cls.model_fields.items()
            if (found := link_of(info.annotation)) is not None
        }
        cls.concept_fields = tuple(
            name for name, info in cls.model_fields.items() if registry_of(info) == "concepts"
        )

    @classmethod
    def links(cls) -> dict[str, LinkTo]:
        """The fields that name other facts or units, with what they may name."""
        return cls._links


class Incident(UnitFact):
    """Something that happened in or to the unit (刑事案件, 群体性事件, 事故…); ``event``
    names the large event at which it happened (the incident then concerns every unit the
    event concerns: its organizer, venue and approving body)."""

    fact_type: ClassVar[str] = "incident"
    kind: IncidentKind
    severity: Severity = "ordinary"
    date: Day
    concealed: Flag = False
    falsely_reported: Flag = False
    measures_not_taken: Flag = False
    casualties: Whole = Field(default=0, ge=0)
    serious: Flag | None = Field(
        default=None, description="情节严重 decided for this case (omit it when not decided)"
    )
    event: EventOfLink | None = Field(
        default=None, description="the large event at which it happened"
    )


class Violation(UnitFact):
    """A finding that the unit did not perform a duty or broke a prohibition (``concept``)."""

    fact_type: ClassVar[str] = "violation"
    concept: ConceptCode
    date: Day
    serious: Flag | None = None


class Assessment(UnitFact):
    """The unit's ping'an assessment (考核) result for a year."""

    fact_type: ClassVar[str] = "assessment"
    year: Whole = Field(ge=1949, le=2100)
    result: AssessmentResult
    date: Day


class SupervisionOrder(UnitFact):
    """An order (挂牌督办, 责令限期整改) with its rectification deadline; ``ground`` names
    the fact it rests on: its ``serious`` is a finding on that fact's case too, and the
    order is the sanction of its measure the rules derive from that fact (one decision, not
    two)."""

    fact_type: ClassVar[str] = "supervision_order"
    measure: Measure
    issued: Day
    deadline: Day
    ground: EventLink | None = Field(
        default=None,
        description="the fact the order rests on (its serious settles 情节严重 for that case too)",
    )
    serious: Flag | None = Field(
        default=None, description="情节严重 decided for this case (omit it when not decided)"
    )
    date_field: ClassVar[str] = "issued"

    @model_validator(mode="after")
    def _deadline_after_issue(self) -> SupervisionOrder:
        if self.deadline < self.issued:
            raise ValueError(
                f"deadline {self.deadline} is before the order was issued ({self.issued})"
            )
        return self


class Rectification(UnitFact):
    """Rectification completed, answering the supervision order ``order`` names (a lone
    order of the unit when it names none)."""

    fact_type: ClassVar[str] = "rectification"
    measure: Measure | None = None
    date: Day
    order: OrderLink | None = Field(default=None, description="the order it answers")


class SanctionFact(UnitFact):
    """A sanction decided outside the rules (a veto decision, a notice), given as a fact;
    ``ground`` names the fact it rests on: its ``short_of_veto`` is a finding on that fact's
    case too, and the decision is the sanction of its measure the rules derive from that fact
    (one decision, not two; without a ground, the one they derive that year, on or before its
    day)."""

    fact_type: ClassVar[str] = "sanction"
    measure: Measure
    date: Day
    ground: EventLink | None = Field(
        default=None,
        description="the fact it rests on (its short_of_veto settles that case too)",
    )
    short_of_veto: Flag | None = Field(
        default=None,
        description="the deciding body found the case short of a veto (Xinjiang 52): true "
        "with a listed-supervision decision, false with a veto",
    )

    @property
    def year(self) -> int:
        return self.date.year


class Appeal(UnitFact):
    """An appeal (申诉, 复核) against a measure taken against ``unit``, with the day it was
    received: ``sanction`` names the decision contested, ``appellant`` who appealed (the unit
    itself when not given: a superior department may appeal too) and ``body`` the body that
    received it. The appellant and the body see the appeal too."""

    fact_type: ClassVar[str] = "appeal"
    measure: Measure
    received: Day
    status: AppealStatus = "under_review"
    sanction: SanctionLink | None = Field(default=None, description="the decision contested")
    appellant: UnitLink | None = Field(default=None, description="who appealed")
    body: BodyLink | None = Field(default=None, description="the body that received it")
    date_field: ClassVar[str] = "received"


class MediationAgreement(UnitFact):
    """A mediation agreement and the day it took effect."""

    fact_type: ClassVar[str] = "mediation_agreement"
    date: Day


class Drill(UnitFact):
    """An emergency drill held: a performance of the drill duty (``emergency_drill``, 定期
    组织应急演练), read as ``performed: {concept: emergency_drill}``."""

    fact_type: ClassVar[str] = "drill"
    performs: ClassVar[str | None] = "emergency_drill"
    date: Day


class MajorDecision(UnitFact):
    """A major decision affecting social stability or public safety (重大决策), planned for ``date``."""

    fact_type: ClassVar[str] = "major_decision"
    planned: ClassVar[bool] = True
    date: Day


class LargeEvent(UnitFact):
    """A large public event (大型群众性活动) ``unit`` organizes (主办者): ``undertaken_by``
    names the unit undertaking it for the organizer (承办者), ``venue`` the unit managing the
    place, ``approved_by`` the body that decided on or approved it (the police that granted
    the safety permit); each sees the event too."""

    fact_type: ClassVar[str] = "large_event"
    planned: ClassVar[bool] = True
    date: Day
    attendance: Whole | None = Field(default=None, ge=0)
    undertaken_by: UnitLink | None = Field(
        default=None, description="the unit undertaking it for the organizer (承办者)"
    )
    venue: UnitLink | None = Field(default=None, description="the unit managing the venue")
    approved_by: ApproverLink | None = Field(
        default=None, description="who decided on or approved it (a government or department)"
    )


RiskKind = Literal[
    "safety_hazard",
    "campus_bullying",
    "financial_risk",
    "illegal_fundraising",
    "fraud_information",
    "prohibited_item",
    "suspicious_item",
    "dangerous_item",
    "suspicious_person",
    "social_stability",
    "public_order",
    "organized_crime",
    "other",
]


class Risk(UnitFact):
    """A risk or hazard discovered (风险隐患), of a ``kind`` of the vocabulary (a risk of no
    stated kind counts for rules about any risk, not for those about one kind)."""

    fact_type: ClassVar[str] = "risk"
    kind: RiskKind | None = None
    date: Day


class Performed(UnitFact):
    """The unit performed a duty (``concept``) on ``date``: what makes an obligation met.
    ``discharges`` names the fact the duty arose from (the risk removed, the appeal
    reviewed); without it a performance answers the one occurrence open on its day."""

    fact_type: ClassVar[str] = "performed"
    concept: ConceptCode
    date: Day
    discharges: EventLink | None = Field(
        default=None, description="the fact whose duty it performs"
    )


INFORMATIONAL: dict[tuple[str, str], str] = {
    ("incident", "casualties"): "shown with the incident: no encoded article turns on the "
    "number of casualties (the severity grades the incident)",
    ("large_event", "attendance"): "shown with the event: the texts set no attendance (what "
    "is a 大型群众性活动 is said elsewhere)",
    ("rectification", "measure"): "shown: which order a rectification answers is its order",
    ("appeal", "appellant"): "checked and shown: an appeal concerns its unit, whoever filed it",
    ("sanction", "year"): "the year of its date, for rules comparing years",
}
"""Fields no shipped rule reads, kept and shown in results, with why (docs/facts.md)."""

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
SECTIONS: dict[str, type[UnitFact]] = {
    (m.fact_type if m.fact_type == "performed" else m.fact_type + "s"): m for m in FACT_MODELS
}
"""The sections of a facts file (and the tables of a facts folder) by name, each with the
model of its records; ``units`` comes before them."""


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
