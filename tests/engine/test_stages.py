"""Each engine stage against its golden file (tests/fixtures/stages/STAGE.yaml → STAGE.out):
what parse, check, dependency, match, runtime and explain make of small rule texts and facts
on the toy schema, one test per case. Re-record after changing a stage's output on purpose
(then read the diff): python tests/support/goldens.py --record"""

from __future__ import annotations

import pytest
from stages import STAGES, Case, StageGolden, cases, recorded, rendered

RECORD = "python tests/support/goldens.py --record"
CASES = [(stage, case) for stage in STAGES for case in cases(stage)]


@pytest.mark.parametrize(("stage", "case"), CASES, ids=[f"{s}: {c.title}" for s, c in CASES])
def test_a_stage_makes_what_is_recorded(stage: str, case: Case) -> None:
    golden = StageGolden(stage)
    assert golden.file.exists(), f"no {golden.file.name}; run {RECORD}"
    expected = recorded(stage)
    assert case.title in expected, f"{case.title!r} is not in {golden.file.name}; run {RECORD}"
    assert rendered(case, stage) == expected[case.title], (
        f"{stage}: {case.title!r} changed; if on purpose, run {RECORD}"
    )


@pytest.mark.parametrize("stage", STAGES)
def test_a_golden_file_holds_its_cases_and_no_others(stage: str) -> None:
    """A case removed from the input is removed from the golden file (recorded again)."""
    assert list(recorded(stage)) == [case.title for case in cases(stage)]
