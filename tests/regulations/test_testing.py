"""regulations.testing: bad arguments are typed errors when a strategy is built, and the
strategies draw from the library given (a regulation of one's own included)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regulations
from regulations import testing
from regulations.facts import Unit, region_contains
from regulations.limits import MAX_GENERATED_UNITS

RULES = Path(__file__).parents[2] / "rules"

# call → the argument the error must name
BAD_CALLS: dict[str, tuple[str, Callable[[], object]]] = {
    "find_disagreement concept None": (
        "concept",
        lambda: testing.find_disagreement("ordos", "xinjiang", None),  # type: ignore[arg-type]
    ),
    "find_disagreement concept 5": (
        "concept",
        lambda: testing.find_disagreement("ordos", "xinjiang", 5),  # type: ignore[arg-type]
    ),
    **{
        f"find_disagreement max_examples {n!r}": (
            "max_examples",
            lambda n=n: testing.find_disagreement(
                "ordos", "xinjiang", "emergency_drill", max_examples=n
            ),
        )
        for n in (0, -1, "5", True, 2.0)
    },
    **{
        f"facts_for {n!r}": ("max_facts", lambda n=n: testing.facts_for("u", n))
        for n in (-1, "3", None)
    },
    **{
        f"regions depth {n!r}": ("depth", lambda n=n: testing.regions(depth=n))
        for n in ("1", 1.5, True, 4)
    },
    **{
        f"fact_sets max_units {n!r}": ("max_units", lambda n=n: testing.fact_sets(max_units=n))
        for n in ("3", 1.5, 0, None, MAX_GENERATED_UNITS + 1, 10**6)
    },
    "fact_sets max_facts None": (
        "max_facts",
        lambda: testing.fact_sets(max_facts=None),  # type: ignore[arg-type]
    ),
    "units id 5": ("id", lambda: testing.units(id=5)),  # type: ignore[arg-type]
    "units id ''": ("id", lambda: testing.units(id="")),
    "incidents 5": ("unit", lambda: testing.incidents(5)),  # type: ignore[arg-type]
    "unit_profiles levels 'no'": (
        "levels",
        lambda: testing.unit_profiles(levels="no"),  # type: ignore[arg-type]
    ),
    "regions library 5": ("library", lambda: testing.regions(library=5)),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", sorted(BAD_CALLS))
def test_a_bad_argument_is_an_invalid_value_named_when_the_strategy_is_built(call: str) -> None:
    argument, make = BAD_CALLS[call]
    with pytest.raises(regulations.InvalidValueError) as caught:
        make()
    assert caught.value.what == argument


def test_a_huge_number_is_refused_by_name_not_echoed() -> None:
    with pytest.raises(regulations.InvalidValueError) as caught:
        testing.fact_sets(max_units=10**5000)
    assert caught.value.what == "max_units" and len(str(caught.value)) < 200


def test_the_largest_fact_set_is_built_at_once() -> None:
    assert testing.fact_sets(max_units=MAX_GENERATED_UNITS) is not None


@pytest.fixture(scope="module")
def guangdong(tmp_path_factory: pytest.TempPathFactory) -> regulations.Library:
    """The shipped rules and a copy of Hohhot's regulation, as Guangdong's."""
    folder = tmp_path_factory.mktemp("own")
    text = (RULES / "hohhot.yaml").read_text(encoding="utf-8")
    text = text.replace("\n  id: hohhot\n", "\n  id: guangdong\n", 1)
    text = text.replace("\n  territory: inner_mongolia/hohhot\n", "\n  territory: guangdong\n", 1)
    (folder / "guangdong.yaml").write_text(text, encoding="utf-8")
    return regulations.load(folder)


@settings(max_examples=20)
@given(st.data())
def test_regions_and_units_are_drawn_in_a_custom_regulations_territory(
    guangdong: regulations.Library, data: st.DataObject
) -> None:
    assert "guangdong" in testing.territories(guangdong)
    region = data.draw(testing.regions("guangdong", library=guangdong))
    unit = data.draw(testing.units(territory="guangdong", library=guangdong))
    for place in (region, unit.region):
        assert place is not None and region_contains("guangdong", place)
    with pytest.raises(regulations.UnknownCodeError):
        testing.regions("guangdong")  # the shipped rules govern no Guangdong


def test_find_disagreement_draws_units_in_the_compared_territories(
    guangdong: regulations.Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str | None] = []
    outcome = testing._outcome

    def spy(reg: str, unit: Unit, *rest: Any) -> tuple[Any, ...]:
        seen.append(unit.region)
        return outcome(reg, unit, *rest)

    monkeypatch.setattr(testing, "_outcome", spy)
    # the same text in two territories: no disagreement (where each reaches is not compared)
    found = testing.find_disagreement(
        "guangdong", "hohhot", "emergency_drill", max_examples=40, library=guangdong
    )
    assert found is None
    compared = ("guangdong", "inner_mongolia/hohhot")
    assert all(r is not None and any(region_contains(t, r) for t in compared) for r in seen)
    assert any(region_contains("guangdong", r) for r in seen if r is not None)
