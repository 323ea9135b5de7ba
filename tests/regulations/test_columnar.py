"""evaluate(engine="columnar") answers as the reference engine does, on the encoded
regulations, for any facts the project's own strategies draw (and for the example)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import regulations
from regulations import testing

pytest.importorskip("polars", reason="the columnar engine needs regulations[columnar]")

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"
LIBRARY = regulations.load()


@pytest.mark.parametrize(
    "params", [{}, {"short_of_veto": "false", "serious_circumstances": "true"}]
)
def test_the_example_answers_alike(params: dict[str, str]) -> None:
    day = dt.date(2025, 6, 30)
    python = regulations.evaluate(EXAMPLE, as_of=day, params=params, library=LIBRARY)
    columnar = regulations.evaluate(
        EXAMPLE, as_of=day, params=params, library=LIBRARY, engine="columnar"
    )
    assert columnar.to_json() == python.to_json()


@given(
    testing.fact_sets(library=LIBRARY, max_units=6),
    st.dates(dt.date(2024, 1, 1), dt.date(2026, 6, 30)),
)
def test_any_facts_answer_alike(facts: regulations.FactSet, day: dt.date) -> None:
    python = regulations.evaluate(facts, as_of=day, library=LIBRARY)
    columnar = regulations.evaluate(facts, as_of=day, library=LIBRARY, engine="columnar")
    assert columnar.to_json() == python.to_json()


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(regulations.InvalidValueError, match="python, columnar"):
        regulations.evaluate(EXAMPLE, engine="rete")
