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


def _article_fields(node: object, key: str = "") -> list[tuple[str, object]]:
    """Every value under a key that cites articles: ``article``, ``articles`` (unless it
    holds article objects), ``in_b``; a map of such lists by regulation is walked into."""
    found: list[tuple[str, object]] = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "article":
                found.append((name, value))
            elif name in ("articles", "in_b") and isinstance(value, list | dict):
                lists = value.values() if isinstance(value, dict) else [value]
                for items in lists:
                    if isinstance(items, list):
                        found.extend((name, i) for i in items if not isinstance(i, dict))
                found.extend(_article_fields(value, name))
            else:
                found.extend(_article_fields(value, name))
    elif isinstance(node, list):
        for item in node:
            found.extend(_article_fields(item, key))
    return found


COMMANDS = [
    ["applies", "ordos", "--kind", "people_government"],
    ["articles", "xinjiang", "--article", "52"],
    ["evaluate", EXAMPLE, "--as-of", "2025-06-30"],
    ["explain", EXAMPLE, "--unit", "tianshan-gov", "--rule", "xinjiang.52.3", "--as-of",
     "2025-06-30", "--param", "short_of_veto=false"],
    ["diff", "zhejiang@draft", "zhejiang"],
    ["compare", "ordos", "hohhot", "--kind", "logistics_delivery"],
    ["concepts", "emergency_drill"],
]  # fmt: skip


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: argv[0])
def test_every_command_gives_article_numbers_as_integers(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """An article is its number as an integer in every command's JSON (第十九条 → 19); a
    provision without one is null there, with its id under ``provision(s)``."""
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    fields = _article_fields(json.loads(out))
    assert fields, "no article cited"
    for name, value in fields:
        assert value is None or (isinstance(value, int) and not isinstance(value, bool)), (
            name,
            value,
        )
