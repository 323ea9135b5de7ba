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

import regulations
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


HEADER = """\
regulation:
  id: sample
  version: final
  title: 示例条例
  territory: inner_mongolia/ordos
  level: prefecture
  adopted: 2024-02-01
  in_force: 2024-12-01
  complete: true
  chapters:
    - {number: 1, title: 总则}
articles:
  - article: 1
    chapter: 1
    text: 第1条的文字。
"""  # rule text starts on line 16


def _problems(tmp_path: Path, rules: str) -> list[tuple[str, int, int]]:
    path = tmp_path / "sample.yaml"
    path.write_text(HEADER + rules, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        regulations.load(path, builtin=False)
    return [
        (d.code, d.span.line, d.span.column)
        for d in caught.value.diagnostics
        if d.span is not None and d.span.file == str(path)
    ]


@pytest.mark.parametrize(
    ("rules", "line", "column"),
    [
        ('    rules: |\n      must emergency_drill "x"\n        who schol\n', 18, 13),
        # a blank first line belongs to the text: the text starts on the indicator's next line
        ('    rules: |\n\n      must emergency_drill "x"\n        who schol\n', 19, 13),
        ('    rules: |\n   \n\n      must emergency_drill "x"\n        who schol\n', 20, 13),
        # an indentation indicator: the block is indented 4 + 2, the text keeps the rest
        ('    rules: |2\n          must emergency_drill "x"\n          who schol\n', 18, 15),
        ('    rules: |2-\n\n          must emergency_drill "x"\n          who schol\n', 19, 15),
        ('    rules: |-3\n           must emergency_drill "x"\n             who schol\n', 18, 18),
        ('    rules: |+ # keep\n      must emergency_drill "x"\n        who schol\n\n', 18, 13),
        # one line, plain or quoted without escapes: the text is the line from its column
        ('    rules: must emergency_drill "x" who schol\n', 16, 41),
        ("    rules: 'must emergency_drill \"x\" who schol'\n", 16, 42),
        ('    rules: "must emergency_drill who"\n', 16, 34),  # 'who' where the summary goes
    ],
    ids=[
        "literal",
        "blank first line",
        "blank lines with spaces",
        "indentation indicator",
        "indicator, strip, blank first line",
        "strip then indicator",
        "keep, comment",
        "plain one line",
        "single-quoted",
        "double-quoted",
    ],
)
def test_errors_in_rule_text_are_placed_through_the_scalar_style(
    tmp_path: Path, rules: str, line: int, column: int
) -> None:
    problems = _problems(tmp_path, rules)
    assert problems and all(code != "style" for code, _, _ in problems), problems
    assert problems[0][1:] == (line, column), problems


@pytest.mark.parametrize(
    ("rules", "line", "column"),
    [
        ('    rules: >\n      must emergency_drill "x"\n        who schol\n', 16, 12),
        ('    rules: >-\n      must emergency_drill "x"\n      who schol\n', 16, 12),
        ('    rules: "must emergency_drill \\"x\\" who schol"\n', 16, 12),
        ("    rules: 'must emergency_drill \"it''s\" who schol'\n", 16, 12),
        ('    rules: must emergency_drill "x"\n      who schol\n', 16, 12),
        ('    rules: "must emergency_drill\n      who schol"\n', 16, 12),
    ],
    ids=[
        "folded",
        "folded, strip",
        "escapes",
        "single-quoted quote",
        "plain lines",
        "quoted lines",
    ],
)
def test_rule_text_in_a_style_that_joins_or_rewrites_lines_is_refused_where_it_stands(
    tmp_path: Path, rules: str, line: int, column: int
) -> None:
    problems = _problems(tmp_path, rules)
    assert problems == [("style", line, column)]  # and nothing placed wrongly inside it


def test_the_refusal_says_to_write_a_literal_block(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(HEADER + '    rules: >\n      must emergency_drill "x"\n', encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        regulations.load(path, builtin=False)
    (problem,) = caught.value.diagnostics
    assert problem.message == (
        "rule text written as a folded block (>) cannot be placed line by line"
        " (a folded block joins its lines)"
    )
    assert "'rules: |'" in problem.hint


def test_the_rule_text_of_each_wording_is_placed_or_refused(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(
        HEADER.replace(
            "  in_force: 2024-12-01\n", "  in_force: 2024-12-01\n  amended: [2025-03-28]\n"
        ).replace("    text: 第1条的文字。\n", "")
        + "    wordings:\n"
        "      - from: 2024-12-01\n"
        "        until: 2025-03-27\n"
        "        text: 第1条的文字。\n"
        "        rules: >\n"
        '          must emergency_drill "x"\n'
        "            who school\n"
        "      - from: 2025-03-28\n"
        "        text: 第1条修改后的文字。\n"
        "        rules: |2\n"
        "\n"
        '              must emergency_drill "x"\n'
        "                who schol\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        regulations.load(path, builtin=False)
    found = [(d.code, d.span.line, d.span.column) for d in caught.value.diagnostics if d.span]
    assert found == [("style", 20, 16), ("unknown-unit-kind", 28, 21)]
