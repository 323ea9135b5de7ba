"""Text laid out for a terminal (cli/layout.py), as properties over all text: nothing is lost
or reordered, no token is split, no line starts with a closing mark or ends with an opening
one (the CJK line-breaking rules), and every line fits but one holding a single token."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from regulations.cli.layout import (
    NO_LINE_END,
    NO_LINE_START,
    Layout,
    atoms,
    cell_width,
    wrap,
)

CHINESE = "平安建设学校应当定期组织应急演练发现风险隐患的"
PIECES = st.one_of(
    st.sampled_from(list(CHINESE)),
    st.sampled_from(sorted(NO_LINE_START | NO_LINE_END)),
    st.sampled_from(["zhejiang@draft.25.3", "2024-07-01", "emergency_drill", "19", "第19条", "x"]),
    st.sampled_from([" ", "  "]),
)
TEXT = st.lists(PIECES, max_size=60).map("".join)
TOKEN = re.compile(r"[A-Za-z0-9@._\-]+")


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_wrapping_loses_nothing_and_splits_no_token(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for token in TOKEN.findall(text):
        assert any(token in line for line in lines), (token, lines)
    for line in lines:
        pieces = [a for a in atoms(line.strip()) if not a.isspace()]
        assert cell_width(line) <= width or len(pieces) == 1, (line, width)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(min_value=1, max_value=40))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    text: str, width: int
) -> None:
    body = text.strip()
    lines = [line.strip() for line in wrap(body, width)]
    for index, line in enumerate(lines):
        if not line:
            continue
        if index > 0:
            assert line[0] not in NO_LINE_START, lines
        if index < len(lines) - 1:
            assert line[-1] not in NO_LINE_END, lines


def test_chinese_folds_between_characters_and_marks_go_with_their_neighbour() -> None:
    text = "学校应当定期组织应急演练，发现风险隐患的，应当「消除」（含整改）。"
    for width in range(6, 40):  # 改）。 goes whole: 6 cells
        lines = wrap(text, width)
        assert all(cell_width(line) <= width for line in lines)
        assert all(line[0] not in "，。」）" and line[-1] not in "「（" for line in lines)
    assert wrap("第19条 ordos.19.1", 6) == ["第19条", "ordos.19.1"]


CELL = st.lists(PIECES, min_size=1, max_size=20).map("".join)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=5),
    st.integers(min_value=20, max_value=120),
)
def test_a_table_fits_its_width_or_becomes_records(rows: list[list[str]], width: int) -> None:
    layout = Layout(width)
    lines = layout.table(["a", "b", "c"], rows)
    for line in lines:
        pieces = [a for a in atoms(line.strip()) if not a.isspace()]
        assert cell_width(line) <= width or len(pieces) <= 2, (line, width)
    for row in rows:
        for cell in row:
            for token in TOKEN.findall(cell):
                assert any(token in line for line in lines)


def test_columns_too_wide_for_the_width_become_records() -> None:
    layout = Layout(30)
    rows = [["zhejiang@draft.25.3", "emergency_drill", "配备安防人员"]]
    assert layout.table(["rule", "concept", "what"], rows) == [
        "rule:    zhejiang@draft.25.3",
        "concept: emergency_drill",
        "what:    配备安防人员",
    ]
    assert Layout(60).table(["rule", "concept", "what"], rows) == [
        "rule                 concept          what",
        "───────────────────  ───────────────  ────────────",
        "zhejiang@draft.25.3  emergency_drill  配备安防人员",
    ]
