"""The JSON Schema of facts files (`regulations schema`)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from regulations.facts import Unit
from regulations.factsfile import SECTIONS


def facts_json_schema() -> dict[str, Any]:
    """A JSON Schema for a facts file: each section a list of one fact model."""
    properties: dict[str, Any] = {"units": TypeAdapter(list[Unit]).json_schema()}
    for section, model in SECTIONS.items():
        properties[section] = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "regulations facts file",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
