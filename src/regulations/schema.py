"""The JSON Schema of facts files (`regulations schema`)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from regulations.facts import SECTIONS, Unit


def facts_json_schema() -> dict[str, Any]:
    """A JSON Schema for a facts file: each section a list of one fact model.

    Every section's definitions are gathered into the root ``$defs``, where the sections'
    ``$ref`` (``#/$defs/Unit``) point: one document any Draft 2020-12 validator resolves."""
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for section, model in {"units": Unit, **SECTIONS}.items():
        schema = TypeAdapter(list[model]).json_schema()  # type: ignore[valid-type]
        for name, definition in schema.pop("$defs", {}).items():
            if defs.setdefault(name, definition) != definition:  # a bug of ours, not bad input
                raise RuntimeError(f"two different JSON Schema definitions named {name!r}")
        properties[section] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "regulations facts file",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }
