"""Request bodies of the JSON API as pydantic models: the OpenAPI document is generated from
them. Codes (regulation, kind, level, tags, units, open terms) are checked by the library,
which names the valid ones; these models check only the shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, WithJsonSchema

from regulations.fieldtypes import Day

FactsDocument = Annotated[
    dict[str, Any],
    WithJsonSchema({"allOf": [{"$ref": "#/components/schemas/FactsFile"}]}),
    Field(description="a facts file as JSON: units, incidents, … (`regulations schema`)"),
]
ParamValue = StrictStr | StrictBool | StrictInt


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApplicableRequest(_Request):
    """Which articles of a regulation bind a unit (as `regulations applies`)."""

    regulation: StrictStr = Field(examples=["ordos"])
    kind: StrictStr = Field(examples=["school"])
    level: StrictStr | None = None
    tags: list[StrictStr] = []
    as_of: Day | None = Field(default=None, description="YYYY-MM-DD; today when left out")


class _Facts(_Request):
    facts: FactsDocument
    regulation: StrictStr | None = None
    as_of: Day | None = Field(default=None, description="YYYY-MM-DD; today when left out")
    params: dict[StrictStr, ParamValue] = Field(
        default={}, description="open terms, e.g. {'serious_circumstances': 'true'}"
    )
    calendar: Literal["china", "weekends"] = "china"


class EvaluateRequest(_Facts):
    """What follows from facts (as `regulations evaluate`)."""

    units: list[StrictStr] | None = None


class ExplainRequest(_Facts):
    """Why, or why not, a rule or an article's rules follow for a unit (as
    `regulations explain`): name ``rule`` or ``article``."""

    unit: StrictStr
    rule: StrictStr | None = None
    article: StrictInt | None = None


class ApplicableItem(ApplicableRequest):
    op: Literal["applicable"]


class EvaluateItem(EvaluateRequest):
    op: Literal["evaluate"]


BatchItem = Annotated[ApplicableItem | EvaluateItem, Field(discriminator="op")]
MAX_BATCH = 1000


class BatchRequest(_Request):
    """Many applicable and evaluate requests in one call, each answered on its own (one
    decision id per item; an item refused does not refuse the others)."""

    items: list[BatchItem] = Field(max_length=MAX_BATCH)


def day_of(as_of: dt.date | None) -> dt.date:
    """The day a request asks about: the one given, or today."""
    return as_of if as_of is not None else dt.date.today()
