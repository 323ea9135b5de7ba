"""Tables for people, as recorded (tests/cli/golden): every command at 60, 80, 120 and 200
columns and in Chinese, on a small fixed law. Re-record after changing a table on purpose:
python tests/support/goldens.py --record"""

from __future__ import annotations

import unicodedata

import pytest
from goldens import Golden, goldens

from regulations.cli.layout import NO_LINE_END, NO_LINE_START, atoms, cell_width

RECORD = "python tests/support/goldens.py --record"
GOLDENS = goldens()


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda g: g.file.name)
def test_a_table_is_as_recorded(golden: Golden) -> None:
    assert golden.file.exists(), f"no {golden.file.name}; run {RECORD}"
    assert golden.render() == golden.file.read_text(encoding="utf-8"), (
        f"{golden.file.name} changed; if on purpose, run {RECORD}"
    )


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda g: g.file.name)
def test_a_table_fits_its_width_and_splits_no_token(golden: Golden) -> None:
    """Every line fits the width but one holding a single token too wide for it; no line
    starts with a closing mark or ends with an opening one; every id, date and code of
    the rules and facts is whole on some line."""
    lines = golden.render().splitlines()[1:]
    for line in lines:
        if cell_width(line) > golden.width:
            assert len([a for a in atoms(line.strip()) if not a.isspace()]) == 1, line
        body = line.strip()
        if body:  # (our own marks, ✓ ? •, start lines)
            assert not (
                body[0] in NO_LINE_START and unicodedata.east_asian_width(body[0]) in "WF"
            ), line
            assert body[-1] not in NO_LINE_END, line
    text = "\n".join(lines)
    joined = "".join(line.strip() for line in lines)
    for token in ("golden.3.1", "2025-03-20", "people_government", "emergency_drill", "第3条"):
        if token in joined:
            assert token in text
