"""Fuzzing the command line: whatever the arguments — real commands with wrong, missing,
repeated or shuffled options and values — the CLI answers with exit 0 or 1 and its output,
or exit 2 with an error on stderr and nothing on stdout; never exit 3 (an internal error),
never a traceback.

Arguments run in this process, in tests/bad (so that ``cli/valid.yaml``, ``rules/…`` and
``facts/…`` name its files), as the bad-input corpus does.
"""

from __future__ import annotations

from badcorpus import run
from hypothesis import event, given
from hypothesis import strategies as st

COMMANDS = [
    "applies",
    "articles",
    "evaluate",
    "explain",
    "diff",
    "compare",
    "concepts",
    "vocabulary",
    "schema",
    "check",
]
OPTIONS = [
    "--kind",
    "--level",
    "--tag",
    "--as-of",
    "--format",
    "--rules",
    "--regulation",
    "--unit",
    "--param",
    "--calendar",
    "--max-facts-mb",
    "--article",
    "--rule",
    "--help",
    "-h",
    "--",
    "-",
    "--kin",
    "--format=json",
    "--as-of=2025-06-30",
]
VALUES = [
    *COMMANDS,
    "ordos",
    "hohhot",
    "xinjiang",
    "zhejiang",
    "zhejiang@draft",
    "zhejiang@final",
    "ordos@draft",
    "nowhere",
    "",
    " ",
    "school",
    "schol",
    "people_government",
    "person",
    "county",
    "village",
    "countty",
    "key_site",
    "crowded_place",
    "json",
    "table",
    "yaml",
    "2025-06-30",
    "2025-02-30",
    "30-06-2025",
    "today",
    "china",
    "weekends",
    "0",
    "1",
    "-1",
    "19",
    "99999999999999999999",
    "ordos.19.1",
    "ordos.999.1",
    "serious_circumstances=true",
    "regular_interval=1 years",
    "regular_interval=x",
    "x=1",
    "=",
    "cli/valid.yaml",
    "facts/bad_date.yaml",
    "facts/deep.json",
    "facts/not_utf8.yaml",
    "rules/many_problems.yaml",
    "rules/alias_bomb.yaml",
    "rules",
    "facts",
    "nothing.yaml",
    "/",
    "平安",
    "\x00",
    "emergency_drill",
    "kinds",
    "levels",
]
ARGUMENTS = st.lists(st.sampled_from(OPTIONS) | st.sampled_from(VALUES), max_size=8)


def check_answer(argv: list[str]) -> None:
    outcome = run(argv)
    event(f"exit {outcome.status}")
    answer = f"{argv} → exit {outcome.status}\n{outcome.stderr[-1500:]}"
    assert outcome.status in (0, 1, 2), answer
    assert "Traceback" not in outcome.stderr + outcome.stdout, answer
    if outcome.status == 2:
        assert outcome.stdout == "", answer
        assert "error" in outcome.stderr, answer


@given(st.sampled_from(COMMANDS), ARGUMENTS)
def test_a_command_with_any_arguments(command: str, arguments: list[str]) -> None:
    check_answer([command, *arguments])


@given(ARGUMENTS)
def test_any_arguments(arguments: list[str]) -> None:
    check_answer(arguments)


@given(st.sampled_from(COMMANDS), st.lists(st.text(max_size=12), max_size=5))
def test_a_command_with_arbitrary_text(command: str, arguments: list[str]) -> None:
    check_answer([command, *arguments])


# near-valid invocations: each command's own options, each value drawn from good and bad ones

REGULATION = st.sampled_from(["ordos", "hohhot", "xinjiang", "zhejiang@draft", "ordos@x", "oros"])
KIND = st.sampled_from(["school", "people_government", "person", "hotel", "schol", ""])
LEVEL = st.sampled_from(["county", "prefecture", "village", "countty", "0"])
TAG = st.sampled_from(["key_site", "crowded_place", "membr", ""])
DATE = st.sampled_from(["2025-06-30", "2023-01-01", "2025-02-30", "1900-01-01", "9999-12-31", "x"])
FORMAT = st.sampled_from(["table", "json", "markdown", "yaml"])
FACTS = st.sampled_from(
    [
        "../../examples/facts.yaml",
        "cli/valid.yaml",
        "facts/bad_kind.yaml",
        "facts/deep.json",
        "none",
    ]
)
UNIT = st.sampled_from(["a", "county_gov", "school_1", "nobody", ""])
PARAM = st.sampled_from(
    ["serious_circumstances=true", "regular_interval=2 years", "regular_interval=-1 days", "x=y"]
)


def option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """The option with a value, or nothing."""
    return st.one_of(st.just([]), values.map(lambda value: [name, value]))


def invocation(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda chosen: [arg for part in chosen for arg in part])


def one(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return values.map(lambda value: [value])


NEAR_VALID = st.one_of(
    invocation(
        st.just(["applies"]),
        one(REGULATION),
        option("--kind", KIND),
        option("--level", LEVEL),
        option("--tag", TAG),
        option("--as-of", DATE),
        option("--format", FORMAT),
    ),
    invocation(
        st.just(["compare"]),
        one(REGULATION),
        one(REGULATION),
        option("--kind", KIND),
        option("--level", LEVEL),
        option("--format", FORMAT),
    ),
    invocation(
        st.just(["articles"]),
        one(REGULATION),
        option("--article", st.sampled_from(["19", "0", "x"])),
        option("--as-of", DATE),
        option("--format", FORMAT),
    ),
    invocation(
        st.just(["evaluate"]),
        one(FACTS),
        option("--regulation", REGULATION),
        option("--unit", UNIT),
        option("--as-of", DATE),
        option("--param", PARAM),
        option("--calendar", st.sampled_from(["china", "weekends", "mars"])),
        option("--format", FORMAT),
    ),
    invocation(
        st.just(["explain"]),
        one(FACTS),
        option("--unit", UNIT),
        option("--article", st.sampled_from(["19", "21", "999", "x"])),
        option("--rule", st.sampled_from(["ordos.19.1", "ordos.21.2", "x.1.1"])),
        option("--regulation", REGULATION),
        option("--as-of", DATE),
        option("--format", FORMAT),
    ),
    invocation(st.just(["diff"]), one(REGULATION), one(REGULATION), option("--format", FORMAT)),
    invocation(
        st.just(["vocabulary"]),
        one(st.sampled_from(["kinds", "tags", "x"])),
        option("--format", FORMAT),
    ),
    invocation(
        st.just(["check"]),
        one(st.sampled_from(["rules/empty.yaml", "cli", "x.yaml"])),
        option("--format", FORMAT),
    ),
)


@given(NEAR_VALID)
def test_near_valid_invocations(argv: list[str]) -> None:
    check_answer(argv)
