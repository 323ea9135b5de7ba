"""The Python API answers an argument of the wrong kind or value with one of the project's
errors (``regulations.Error``), whatever the function and whichever argument."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import regulations
from regulations import testing

EXAMPLE = str(Path(__file__).parents[2] / "examples" / "facts.yaml")
BAD = [
    None,
    5,
    3.5,
    "",
    "x",
    "\x00",
    [],
    {},
    ["school"],
    dt.date(2025, 1, 1),
    "2025-02-30",
    b"ordos",
]

# each call puts the bad value in one place of an otherwise good call
CALLS: dict[str, Callable[[Any], object]] = {
    "applies regulation": lambda v: regulations.applies(v, "school"),
    "applies kind": lambda v: regulations.applies("ordos", v),
    "applies level": lambda v: regulations.applies("ordos", "school", level=v),
    "applies as_of": lambda v: regulations.applies("ordos", "school", as_of=v),
    "articles regulation": lambda v: regulations.articles(v),
    "articles as_of": lambda v: regulations.articles("ordos", as_of=v),
    "load rule file": lambda v: regulations.load(v),
    "load builtin": lambda v: regulations.load(builtin=v),
    "load builtin_registries": lambda v: regulations.load(builtin=False, builtin_registries=v),
    "load fresh": lambda v: regulations.load(fresh=v),
    "load_facts path": lambda v: regulations.load_facts(v),
    "load_facts max_bytes": lambda v: regulations.load_facts(EXAMPLE, max_bytes=v),
    "evaluate facts": lambda v: regulations.evaluate(v),
    "evaluate regulation": lambda v: regulations.evaluate(EXAMPLE, v),
    "evaluate as_of": lambda v: regulations.evaluate(EXAMPLE, "ordos", as_of=v),
    "evaluate params": lambda v: regulations.evaluate(EXAMPLE, "ordos", params=v),
    "evaluate calendar": lambda v: regulations.evaluate(EXAMPLE, "ordos", calendar=v),
    "evaluate max_rounds": lambda v: regulations.evaluate(EXAMPLE, "ordos", max_rounds=v),
    "evaluate max_join": lambda v: regulations.evaluate(EXAMPLE, "ordos", max_join=v),
    "evaluate units": lambda v: regulations.evaluate(EXAMPLE, "ordos", units=v),
    "evaluate library": lambda v: regulations.evaluate(EXAMPLE, "ordos", library=v),
    "applies library": lambda v: regulations.applies("ordos", "school", library=v),
    "load_facts concepts": lambda v: regulations.load_facts(EXAMPLE, concepts=v),
    "FactSet units": lambda v: regulations.FactSet(v, ()),
    "explain unit": lambda v: regulations.explain(EXAMPLE, v, article=19),
    "explain article": lambda v: regulations.explain(EXAMPLE, "a", article=v),
}
# values a parameter may legitimately take (no error expected: a default, a real date)
ACCEPTED = {
    *((call, "None") for call in CALLS if call.endswith(("level", "as_of", "calendar", "params"))),
    *((call, repr(dt.date(2025, 1, 1))) for call in CALLS if call.endswith("as_of")),
    ("evaluate params", "{}"),
    ("evaluate max_rounds", "5"),
    ("evaluate max_join", "5"),
    *((call, "None") for call in ("evaluate units", "evaluate library", "applies library")),
    ("evaluate units", "[]"),  # no unit chosen: every unit, as None
    *(("load_facts concepts", v) for v in ("None", "''", "[]", "{}", "['school']")),
    *(("FactSet units", v) for v in ("[]",)),
    ("evaluate regulation", "None"),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_bad_argument_is_a_typed_error(call: str) -> None:
    for value in BAD:
        if (call, repr(value)) in ACCEPTED:
            continue
        with pytest.raises(regulations.Error):
            CALLS[call](value)


@given(
    st.sampled_from(sorted(CALLS)),
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(),
        st.binary(),
        st.dates(),
        st.lists(st.text(), max_size=3),
        st.dictionaries(st.text(), st.text(), max_size=3),
    ),
)
def test_any_argument_is_an_answer_or_a_typed_error(call: str, value: object) -> None:
    with contextlib.suppress(regulations.Error):
        CALLS[call](value)


# every function of the public API that takes a flag, with the arguments it needs besides
FLAGGED: dict[str, tuple[Callable[..., object], dict[str, object]]] = {
    "regulations.load": (regulations.load, {}),
    "regulations.testing.unit_profiles": (testing.unit_profiles, {}),
}


def _public_functions() -> dict[str, Callable[..., object]]:
    found = {f"regulations.{n}": getattr(regulations, n) for n in regulations.__all__}
    found.update({f"regulations.testing.{n}": getattr(testing, n) for n in testing.__all__})
    return {name: f for name, f in found.items() if inspect.isfunction(f)}


def test_every_flag_of_the_public_api_takes_a_bool_or_is_a_typed_error_naming_it() -> None:
    """A flag given as text (``builtin="false"``, which Python reads as true) or as a
    number is refused by name, never read by its truth."""
    flags = {
        name: [p.name for p in inspect.signature(f).parameters.values() if type(p.default) is bool]
        for name, f in _public_functions().items()
    }
    assert {name for name, found in flags.items() if found} == set(FLAGGED)
    for name, (function, needed) in FLAGGED.items():
        for flag in flags[name]:
            for value in ("false", "False", 0, 1, None):
                with pytest.raises(regulations.InvalidValueError) as caught:
                    function(**needed, **{flag: value})
                assert caught.value.what == flag
                assert "True or False" in str(caught.value)


@pytest.mark.parametrize("key", [5, None, dt.date(2025, 1, 1), ("a",)])
def test_an_open_term_named_by_no_text_is_a_typed_error(key: object) -> None:
    with pytest.raises(regulations.InvalidValueError):
        regulations.evaluate(EXAMPLE, "ordos", params={key: 1})


def test_a_fact_set_built_by_hand_is_held_to_what_a_facts_file_is() -> None:
    facts = regulations.load_facts(EXAMPLE)
    with pytest.raises(regulations.InvalidValueError, match="names no unit"):
        regulations.FactSet(facts.units[1:], facts.facts)
    with pytest.raises(regulations.InvalidValueError, match="appears twice"):
        regulations.FactSet(facts.units + facts.units[:1], facts.facts)
    with pytest.raises(regulations.InvalidValueError):
        regulations.FactSet(("x",), ())  # type: ignore[arg-type]


def test_an_article_and_a_provision_together_are_refused() -> None:
    with pytest.raises(regulations.InvalidValueError, match="not both"):
        regulations.articles("zhejiang", article=3, provision="culture_week")
