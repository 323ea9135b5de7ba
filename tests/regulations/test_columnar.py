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


def _scenario_cases() -> list[tuple[str, dict[str, object]]]:
    import yaml

    root = Path(__file__).parents[1] / "scenarios"
    return [
        (f"{path.stem}: {case['title']}", case)
        for path in sorted(root.glob("*.yaml"))
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))
        if "error" not in case
    ]


@pytest.mark.parametrize(
    "case", [c for _, c in _scenario_cases()], ids=[t for t, _ in _scenario_cases()]
)
def test_every_scenario_answers_alike(case: dict[str, object]) -> None:
    """Linked facts, a unit's own open terms, flags on a fact, facts naming another unit in
    a role: whatever the columnar backend cannot translate goes to the reference engine."""
    from regulations.factsfile import read_facts

    try:
        facts = read_facts(case["facts"], LIBRARY.concepts)
        options: dict[str, object] = {"as_of": case.get("as_of"), "library": LIBRARY}
        options["params"] = case.get("params") or {}
        if case.get("regulation"):
            options["regulation"] = case["regulation"]
        if case.get("since"):
            options["since"] = case["since"]
        python = regulations.evaluate(facts, **options)  # type: ignore[arg-type]
    except regulations.RegulationsError:
        pytest.skip("a scenario of a refusal")
    columnar = regulations.evaluate(facts, engine="columnar", **options)  # type: ignore[arg-type]
    assert columnar.to_json() == python.to_json()


@pytest.mark.parametrize(
    "path", sorted((EXAMPLE.parent / "facts").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_example_answers_alike(path: Path) -> None:
    day = dt.date(2025, 6, 30)
    python = regulations.evaluate(path, as_of=day, library=LIBRARY)
    assert regulations.evaluate(path, as_of=day, library=LIBRARY, engine="columnar").to_json() == (
        python.to_json()
    )


@pytest.mark.parametrize(
    "values",
    [
        [["a", "b"], [], None, ["c"]],
        [["a\x1fb"], ["c"]],  # the separator inside a text
        [[""], ["x"]],  # an empty text
        [[1, 2], [3]],  # not texts
        ["abc", None],  # not lists
    ],
)
def test_a_column_of_lists_holds_what_it_was_given(values: list[object]) -> None:
    """Lists of texts become a column of lists through one joined text a row (fast);
    whatever that cannot carry is given to Polars as it is. Either way, the same column."""
    import polars as pl

    from regulations.columnar import _lists

    made = _lists(values)
    column = made if isinstance(made, pl.Series) else pl.Series(made, strict=False)
    assert column.to_list() == values
