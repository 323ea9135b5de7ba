"""evaluate(progress=…): told as units are evaluated, ending at the total, on either
engine; parts change no answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import regulations
from regulations import evaluation

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"
DAY = dt.date(2025, 6, 30)


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_progress_counts_every_unit_and_regulation_up_to_the_total(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine == "columnar":
        pytest.importorskip("polars", reason="the columnar engine needs regulations[columnar]")
    whole = regulations.evaluate(EXAMPLE, as_of=DAY, engine=engine)
    monkeypatch.setattr(evaluation, "PROGRESS_STEP", 2)  # parts of two units
    told: list[tuple[int, int]] = []
    report = regulations.evaluate(
        EXAMPLE, as_of=DAY, engine=engine, progress=lambda done, total: told.append((done, total))
    )
    assert report.to_json() == whole.to_json()
    total = len(report.results)  # one per unit and regulation it falls under
    assert {t for _, t in told} == {total}
    done = [d for d, _ in told]
    assert done == sorted(done) and done[-1] == total and len(done) > 2
