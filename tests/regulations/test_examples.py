"""One realistic example per fact type (examples/facts/), each valid against the JSON Schema
of facts files (docs/facts.schema.json, as `regulations schema` prints it), loaded and
evaluated."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import regulations
from regulations.facts import SECTIONS
from regulations.factsfile import load_facts
from regulations.schema import facts_json_schema

EXAMPLES = Path(__file__).parents[2] / "examples"
FILES = sorted((EXAMPLES / "facts").glob("*.yaml"))


def test_the_shipped_schema_is_the_one_the_models_give() -> None:
    """Regenerate it with `regulations schema > docs/facts.schema.json`."""
    shipped = json.loads(
        (EXAMPLES.parent / "docs" / "facts.schema.json").read_text(encoding="utf-8")
    )
    assert shipped == facts_json_schema()


def test_every_fact_type_has_an_example() -> None:
    assert {p.stem for p in FILES} == set(SECTIONS)


@pytest.mark.parametrize("path", [*FILES, EXAMPLES / "facts.yaml"], ids=lambda p: p.name)
def test_each_example_is_valid_loads_and_evaluates(path: Path) -> None:
    document = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.Draft202012Validator(facts_json_schema()).validate(document)
    facts = load_facts(path)
    report = regulations.evaluate(facts, as_of="2025-12-31")
    assert report.results
