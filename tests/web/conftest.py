"""Fixtures of the web app's tests (each module skips, saying why, without the extra
regulations[web])."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "facts.yaml"


@pytest.fixture(scope="session")
def library() -> Any:
    import regulations

    return regulations.load()


@pytest.fixture(scope="session")
def client(library: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from regulations.web import create_app

    with TestClient(create_app(library=library)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def example_facts() -> dict[str, Any]:
    """The example facts file as a JSON request carries it."""
    import json

    import yaml

    return json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")), default=str))
