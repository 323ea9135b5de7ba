"""Tables for people (regulations/cli/tables.py): data is shown as written — square brackets
are not rich markup, control characters are escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

FIXTURES = Path(__file__).parent / "fixtures"
MARKUP_RULES = str(FIXTURES / "markup_rules.yaml")


def test_markup_in_law_text_and_titles_is_shown_verbatim(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--rules", MARKUP_RULES, "articles", "sample")
    assert (code, err) == (0, "")
    assert "[/red]样例 (sample, final)" in out
    assert "第1条[bold]的[/]文字。" in out  # valid markup does not vanish
    assert "约谈[bold]" in out


def test_markup_in_a_rule_file_title_in_the_applies_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "--rules", MARKUP_RULES, "applies", "sample", "--kind", "people_government"
    )
    assert (code, err) == (0, "")
    assert out.startswith("[/red]样例 (sample, final)")
    assert "约谈[bold]" in out


def test_markup_in_facts_is_shown_verbatim(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "evaluate", str(FIXTURES / "markup_facts.yaml"), "--as-of", "2025-06-30"
    )
    assert (code, err) == (0, "")
    assert "\n[/]x[bold under " in out


def test_control_characters_in_data_are_escaped_in_tables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(
        capsys, "evaluate", str(FIXTURES / "control_unit.yaml"), "--as-of", "2025-06-30"
    )
    assert (code, err) == (0, "")
    assert "\x1b" not in out
    assert "x\\x1b[31mred under " in out


EXAMPLE = str(Path(__file__).parents[2] / "examples" / "facts.yaml")


@pytest.mark.parametrize("as_of", ["2025-06-30", "2025-03-01"])
def test_the_evaluate_table_shows_everything_the_json_has(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, as_of: str
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # no cell folded over two lines
    code, out, err = run(capsys, "evaluate", EXAMPLE, "--as-of", as_of, "--format", "json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    code, table, err = run(capsys, "evaluate", EXAMPLE, "--as-of", as_of)
    assert (code, err) == (0, "")
    named = {"regular_interval", "short_period", "repeated_count", "serious_circumstances"}
    assert named <= set(doc["params"]) and all(name in table for name in named)
    for result in doc["results"]:
        for section in ("obligations", "deadlines", "sanctions", "undetermined"):
            for item in result[section]:
                assert item["rule"] in table, (section, item)
        for fact in (f for u in result["undetermined"] for f in u["facts"]):
            assert fact in table
        for fact in result["not_counted"]:
            assert f"not counted: {fact}" in table
    if as_of == "2025-06-30":  # a permission with a due date: Xinjiang 44 may commend yearly
        assert "deadline (may)" in table and "xinjiang.44.2" in table
    else:
        assert any(r["not_counted"] for r in doc["results"])
