"""Tables for people (regulations/cli/tables.py): data is shown as written — square brackets
are not rich markup, control characters are escaped."""

from __future__ import annotations

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
