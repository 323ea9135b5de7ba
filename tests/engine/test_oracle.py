"""The engine against an oracle: on any data, our derived set equals hand-written Python's
(the benchmark workload's baseline), including the chained rule over a date window."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks import eng_baseline, eng_ours
from benchmarks.workload import KINDS, REGIONS, Incident, Unit, signature


@st.composite
def workloads(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(1, 12))
    units = [
        Unit(
            i, draw(st.sampled_from(KINDS)), draw(st.sampled_from(REGIONS)), draw(st.integers(1, 5))
        )
        for i in range(n)
    ]
    incidents = [
        Incident(
            j,
            draw(st.integers(0, n - 1)),
            "crime",
            draw(st.integers(1, 4)),
            draw(st.integers(0, 200)),
        )
        for j in range(draw(st.integers(0, 3 * n)))
    ]
    return units, incidents


@given(workloads())
def test_our_engine_derives_exactly_what_the_oracle_derives(data) -> None:  # type: ignore[no-untyped-def]
    units, incidents = data

    def ignore(phase: str) -> None:
        pass

    ours = signature(eng_ours.run(units, incidents, ignore))
    oracle = signature(eng_baseline.run(units, incidents, ignore))
    assert ours == oracle
