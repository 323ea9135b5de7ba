"""One rule for digits in rule text: every number, date, day and period is written in ASCII
digits; a digit of any other script in any of them is refused where it stands, while quoted
text (summaries, notes) takes any character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from toyschema import build

from engine import RuleError
from engine.numbers import ascii_digits, not_ascii_digit

VALID = (
    'must drill "x"\n  who org\n  due every year by 12-31\n',
    'must drill "x"\n  who org\n  due every year at_least 2 in month 5 week 2\n',
    'must review "x"\n  who org\n  when appeal()\n  due within 30 days after appeal.received\n',
    'sanction interview "x"\n  who org\n  when incident(date >= 2025-03-01)\n',
    'sanction interview "x"\n  who org\n  when sanction(year >= 2025)\n',
    'sanction interview "x"\n  who org\n  when count incident() >= 2 within 30 days\n',
    'sanction interview "x"\n  who org\n  when incident() as v and v.date + 1 years > today\n',
)
# the digit d in other scripts: full-width, Arabic-Indic, Devanagari, mathematical bold
SCRIPTS = (0xFF10, 0x0660, 0x0966, 0x1D7CE)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def test_the_texts_compile_as_written() -> None:
    for text in VALID:
        assert build(text).rules


@st.composite
def one_digit_replaced(draw: st.DrawFn) -> tuple[str, int, int]:
    """A valid text with one of its ASCII digits written in another script, and where."""
    text = draw(st.sampled_from(VALID))
    places = [i for i, c in enumerate(text) if c.isascii() and c.isdigit()]
    index = draw(st.sampled_from(places))
    digit = int(text[index])
    other = draw(st.sampled_from([chr(base + digit) for base in SCRIPTS] + [SUPERSCRIPTS[digit]]))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return text[:index] + other + text[index + 1 :], line, column


@given(one_digit_replaced())
def test_a_digit_of_another_script_is_refused_where_it_stands(
    case: tuple[str, int, int],
) -> None:
    text, line, column = case
    with pytest.raises(RuleError) as caught:
        build(text)
    (problem,) = caught.value.diagnostics
    assert problem.code == "syntax"
    assert "is not written in ASCII digits" in problem.message
    assert problem.span is not None
    assert (problem.span.line, problem.span.column) == (line, column)
    assert ascii_digits(problem.value) in problem.hint  # the fix, in ASCII digits


def test_quoted_text_and_comments_take_any_digit() -> None:
    text = 'must drill "第１２条 ٣"\n  who org  # ３０\n  due every year by 12-31\n'
    assert build(text).rules


def test_digits_of_other_scripts_are_told_apart() -> None:
    assert all(not_ascii_digit(chr(base + 7)) for base in SCRIPTS)
    assert not_ascii_digit("²") and not not_ascii_digit("7") and not not_ascii_digit("x")
    assert ascii_digits("２０２５-0３-٠١") == "2025-03-01"
