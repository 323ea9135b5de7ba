"""The facts files' JSON Schema is one document a standard validator reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from regulations.cli.main import main
from regulations.schema import facts_json_schema

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"


def _as_json(value: Any) -> Any:
    """A YAML document as JSON would hold it (dates as ISO strings)."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_the_example_facts_file_is_valid_under_draft_2020_12() -> None:
    schema = facts_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    document = _as_json(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schema).validate(document)  # every $ref resolves


def test_the_schema_refuses_what_a_facts_file_may_not_hold() -> None:
    validator = jsonschema.Draft202012Validator(facts_json_schema())
    for bad in (
        {"units": [{"id": "a"}]},  # no kind
        {"units": [{"id": "a", "kind": "school", "colour": "red"}]},
        {"incidents": [{"unit": "a", "kind": "earthquake", "date": "2025-01-01"}]},
        {"nonsense": []},
    ):
        assert not validator.is_valid(bad), bad


def test_definitions_sit_at_the_root_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"Unit", "Incident", "Appeal"} <= set(schema["$defs"])
    assert all("$defs" not in section for section in schema["properties"].values())
