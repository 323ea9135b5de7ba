"""YAML as written: the YAML 1.2 core schema (plus dates YYYY-MM-DD) in every rule and facts
file, never YAML 1.1's readings (010 as 8, 1:30 as 90, yes and on as true); a number a
reader may take two ways is refused where it stands."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regulations.errors import LoadError
from regulations.factsfile import read_facts
from regulations.yamlsource import parse_yaml

DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _value(text: str) -> object:
    data, _ = parse_yaml(f"key: {text}\n", Path("t.yaml"))
    return data["key"]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("10", 10),
        ("-3", -3),
        ("+5", 5),
        ("0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("true", True),
        ("FALSE", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("2025-03-01", dt.date(2025, 3, 1)),
        # YAML 1.1 readings that are text here
        ("1:30", "1:30"),
        ("yes", "yes"),
        ("No", "No"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("1_000", "1_000"),
        ("2025-3-1", "2025-3-1"),
        ("2025-03-01 10:00", "2025-03-01 10:00"),
        ("=", "="),
        ("0bad", "0bad"),
    ],
)
def test_plain_values_read_as_yaml_1_2_core(written: str, read: object) -> None:
    assert _value(written) == read
    assert type(_value(written)) is type(read)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("010", "write 10 for the number"),
        ("-007", "write -7 for the number"),
        ("00.5", "write 0.5 for the number"),
        ("0x1A", "another base than 10"),
        ("0o17", "another base than 10"),
        ("0b101", "another base than 10"),
    ],
)
def test_numbers_read_two_ways_are_refused_where_they_stand(written: str, says: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_yaml(f"a: 1\nkey: {written}\n", Path("t.yaml"))
    (problem,) = caught.value.diagnostics
    assert says in problem.message
    assert f"quote it ('{written}') for text" in problem.message
    assert problem.span is not None
    assert (problem.span.line, problem.span.column) == (2, 6)


@pytest.mark.parametrize("key", ["yes", "no", "on", "off", "true", "010", "1", "0x1A", "1.5"])
def test_a_key_is_the_name_it_is_written_as(key: str) -> None:
    data, _ = parse_yaml(f"{key}: 1\n", Path("t.yaml"))
    assert list(data) == [key]


def test_a_key_without_a_name_is_refused() -> None:
    with pytest.raises(LoadError, match="a key must be a name"):
        parse_yaml("~: 1\n", Path("t.yaml"))


NUMBER_FORMS = st.integers(-(10**6), 10**6).flatmap(
    lambda n: st.sampled_from(
        [
            str(n),
            f"+{n}",
            f"{n:06d}",
            f"{n:_}",
            hex(n),
            oct(n),
            bin(n),
            f"{abs(n) // 60}:{abs(n) % 60:02d}",
            f"{n}.0",
            f"{n}e2",
        ]
    )
)
WORDS = st.sampled_from(
    ["yes", "no", "Yes", "NO", "on", "Off", "y", "n", "true", "False", ".inf", ".nan", "="]
)
TOKENS = st.one_of(
    NUMBER_FORMS, WORDS, st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:+-]{0,11}", fullmatch=True)
)


def _facts(field: str, token: str) -> str:
    return (
        "units:\n"
        f"  - {{id: a, kind: school, region: inner_mongolia/ordos{', name: ' + token if field == 'name' else ''}}}\n"
        "incidents:\n"
        "  - unit: a\n"
        "    kind: criminal_case\n"
        "    date: 2025-03-01\n" + (f"    casualties: {token}\n" if field == "casualties" else "")
    )


def _located(exc: LoadError, text: str) -> None:
    lines = text.count("\n") + 1
    for problem in exc.diagnostics:
        assert problem.span is not None, problem
        assert 1 <= problem.span.line <= lines and problem.span.column >= 1, problem


@given(TOKENS)
def test_a_number_in_a_facts_file_comes_back_as_written_or_is_a_located_error(
    token: str,
) -> None:
    text = _facts("casualties", token)
    try:
        facts = read_facts(text, name="facts.yaml")
    except LoadError as exc:
        _located(exc, text)
        return
    (incident,) = facts.facts
    assert DECIMAL.fullmatch(token), token  # nothing else is read as a whole number
    assert incident.casualties == int(token)  # type: ignore[attr-defined]


@given(TOKENS.filter(lambda t: t not in ("null", "Null", "NULL")))  # null: no name given
def test_text_in_a_facts_file_comes_back_as_written_or_is_a_located_error(token: str) -> None:
    text = _facts("name", token)
    try:
        facts = read_facts(text, name="facts.yaml")
    except LoadError as exc:
        _located(exc, text)
        return
    assert facts.units[0].name == token
