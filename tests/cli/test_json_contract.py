"""One JSON contract for tools (--format json): open terms as typed values, and articles
cited the same way in every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

EXAMPLE = str(Path(__file__).parents[2] / "examples" / "facts.yaml")


def test_params_are_typed_json_values(capsys: pytest.CaptureFixture[str]) -> None:
    """A flag is a boolean, a count a number, a period the text a params input takes."""
    argv = ["evaluate", EXAMPLE, "--as-of", "2025-06-30", "--format", "json"]
    code, out, err = run(
        capsys, *argv, "--param", "short_of_veto=false", "--param", "repeated_count=3"
    )
    assert (code, err) == (0, "")
    params = json.loads(out)["params"]
    assert params["short_of_veto"] is False
    assert params["repeated_count"] == 3 and not isinstance(params["repeated_count"], bool)
    assert params["short_period"] == "90 days"
    assert params["serious_circumstances"] is None
    terms = [
        term
        for result in json.loads(out)["results"]
        for sanction in result["sanctions"]
        for term in sanction.get("terms", ())
    ]
    assert terms and all(not isinstance(t["value"], str) or " " in t["value"] for t in terms)
