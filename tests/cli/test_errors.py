"""Errors rendered for a person (regulations/cli/errors.py): control characters in data reach
the terminal escaped, as \\x1b, in messages and under the caret."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import run

from engine.errors import Diagnostic
from engine.span import Span
from regulations.cli.errors import caret, printable

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain 中文 [bold]", "plain 中文 [bold]"),
        ("a\tb\nc", "a\tb\nc"),
        ("x\x1b[31m", "x\\x1b[31m"),
        ("over\rwrite", "over\\x0dwrite"),
        ("\x00\x7f\x9b", "\\x00\\x7f\\x9b"),
        ("abc\u202edef", "abc\\u202edef"),
    ],
)
def test_printable_escapes_control_characters(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_the_caret_stays_under_the_column_after_an_escape() -> None:
    span = Span("f.yaml", 1, 6, source_line='a\x1bb: "x"\n')  # column 6 is the quote
    line, under = caret(Diagnostic("schema", "bad", span))
    assert line == '    a\\x1bb: "x"'
    assert line[under.index("^")] == '"'


def test_an_escape_in_a_unit_id_is_not_echoed_raw(capsys: pytest.CaptureFixture[str]) -> None:
    facts = str(FIXTURES / "control_unit.yaml")
    code, out, err = run(capsys, "evaluate", facts, "--unit", "zz", "--as-of", "2025-06-30")
    assert (code, out) == (2, "")
    assert "\x1b" not in err
    assert "x\\x1b[31mred" in err.splitlines()[0]


def test_an_escape_in_an_argument_is_not_echoed_raw(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "applies", "o\x1b[2J", "--kind", "school")
    assert (code, out) == (2, "")
    assert "\x1b" not in err and "'o\\x1b[2J'" in err.splitlines()[0]
