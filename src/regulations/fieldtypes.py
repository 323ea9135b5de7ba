"""Field types of rule files and facts files that take a value only as it is written:
pydantic would otherwise turn 1739145600 into a date (Unix time), "2" or 2.0 into an
article number, true into 1 and bytes into text, without a word."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator, StrictBool, StrictInt, StrictStr
from pydantic.fields import FieldInfo

from engine import shown
from regulations.views import ISO_DAY


def _day(value: object) -> object:
    """A date as YAML reads it (a date), or its text YYYY-MM-DD (JSON), nothing else."""
    if isinstance(value, dt.datetime):  # YAML reads "2025-01-01 10:00" as a datetime
        if value.time() != dt.time(0) or value.tzinfo is not None:
            raise ValueError(f"{value} has a time of day; write the date alone, YYYY-MM-DD")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if ISO_DAY.fullmatch(value):
            return value  # an impossible day (2025-02-30) is reported by the date type
        raise ValueError(f"{value!r} is not a date; write YYYY-MM-DD")
    raise ValueError(f"a date is written YYYY-MM-DD, not {type(value).__name__} {value!r}")


Day = Annotated[dt.date, BeforeValidator(_day)]
"""A calendar day, written YYYY-MM-DD."""


def _written(value: object) -> str:
    return f"{type(value).__name__} {shown(repr(value))}"


def _whole(value: object) -> object:
    """A whole number as YAML or JSON reads one, nothing else."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"a whole number is written in ASCII digits (2), not {_written(value)}")


def _flag(value: object) -> object:
    """true or false as YAML or JSON reads them, nothing else."""
    if isinstance(value, bool):
        return value
    raise ValueError(f"a flag is written true or false, not {_written(value)}")


Whole = Annotated[StrictInt, BeforeValidator(_whole)]
"""A whole number written as one (not "2", 2.0, true, 1_000 or 1:30)."""

Flag = Annotated[StrictBool, BeforeValidator(_flag)]
"""true or false (not "yes", on, 1 or "true")."""

Text = StrictStr
"""Text (not a number, and not bytes)."""

__all__ = ["Day", "Flag", "Text", "Whole"]


class Ordered:
    """Marks a field's choices (a ``Literal``) as ranked, lowest first, so rules may compare
    them (``severity >= major``); choices without it are only equal or not."""

    def __repr__(self) -> str:
        return "Ordered()"


class Registry:
    """Marks a text field whose values are the codes of one of the rules' registries
    (``concepts``, ``measures``): a rule naming a code not in it is refused."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Registry({self.name!r})"


def registry_of(info: FieldInfo) -> str | None:
    """The registry a model field's values are codes of (its ``Registry`` marker, kept by
    pydantic with the field's other markers), or None."""
    return next((m.name for m in info.metadata if isinstance(m, Registry)), None)
