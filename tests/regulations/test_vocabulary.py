"""The vocabulary is the spec's: every code accepted, the is-a tree as given."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from regulations import vocabulary as v
from regulations.facts import IncidentKind

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "vocabulary.md"


def _table(section: str) -> list[list[str]]:
    text = SPEC.read_text(encoding="utf-8").split(section, 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(r"`[a-z_@]+`", cells[0]):
            rows.append([c.strip("`") for c in cells])
    return rows


@pytest.mark.skipif(not SPEC.is_file(), reason="the spec is not beside the project")
def test_every_kind_of_the_spec_with_its_parent() -> None:
    rows = _table("## Unit kinds")
    assert len(rows) == 84
    for code, parent, *_ in rows:
        assert code in v.KIND_CODES
        expected = None if parent == "—" else parent
        assert next(k.parent for k in v.KINDS if k.code == code) == expected, code


@pytest.mark.skipif(not SPEC.is_file(), reason="the spec is not beside the project")
@pytest.mark.parametrize(
    ("section", "codes"),
    [
        ("## Administrative levels", set(v.LEVEL_CODES)),
        ("## Unit tags", set(v.TAG_CODES)),
        ("## Incident kinds", set(v.INCIDENT_CODES)),
        ("## Modalities", set(v.MODALITY_CODES)),
        ("## Sanction measures", set(v.MEASURE_CODES)),
    ],
)
def test_every_code_of_the_spec_is_accepted(section: str, codes: set[str]) -> None:
    assert {row[0] for row in _table(section)} <= codes


def test_the_is_a_tree() -> None:
    tree = v.kind_tree()
    assert tree.number_of_nodes() == len(v.KIND_CODES)
    assert v.lineage("school") == {
        "school",
        "public_institution",
        "enterprise_or_institution",
        "organization",
    }
    assert {"school", "kindergarten", "hospital"} <= v.descendants("public_institution")
    assert v.is_person("grid_worker") and v.is_person("staff_member") and not v.is_person("school")
    for code in v.KIND_CODES:  # the graph and the parent walk agree
        assert v.lineage(code) == {code} | set(__import__("networkx").ancestors(tree, code))


def test_the_incident_kinds_of_facts_are_those_of_the_vocabulary() -> None:
    assert set(get_args(IncidentKind)) == set(v.INCIDENT_CODES)
