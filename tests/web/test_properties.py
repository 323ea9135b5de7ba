"""For every unit profile, /v1/applicable answers exactly what regulations.applies does."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi", reason='the web extra is not installed: pip install -e ".[dev]"')

from hypothesis import given, settings
from hypothesis import strategies as st

import regulations
from regulations.testing import unit_profiles

REFS = ("ordos", "hohhot", "xinjiang", "zhejiang", "zhejiang@draft")


@settings(max_examples=60, deadline=None)
@given(
    profile=unit_profiles(),
    regulation=st.sampled_from(REFS),
    as_of=st.dates().map(lambda d: d.isoformat()),
)
def test_applicable_equals_applies(
    client: Any, library: Any, profile: Any, regulation: str, as_of: str
) -> None:
    body = {
        "regulation": regulation,
        "kind": profile.kind,
        "level": profile.level,
        "tags": list(profile.tags),
        "as_of": as_of,
    }
    response = client.post("/v1/applicable", json=body)
    expected = regulations.applies(
        regulation, profile.kind, profile.level, profile.tags, as_of, library=library
    )
    assert response.status_code == 200, response.text
    assert response.json()["answer"] == expected.to_json()
