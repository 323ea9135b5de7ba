"""The bad-input corpus (tests/bad): every bad rule file, facts file and command line gives
the recorded message, on the right stream, with the right exit status — never a traceback.

Re-record after changing a message on purpose: python tests/support/badcorpus.py --record
"""

from __future__ import annotations

import json
import re

import pytest
from badcorpus import Case, cases, run

CASES = cases()
RECORD = "python tests/support/badcorpus.py --record"


def test_the_corpus_covers_every_kind_of_input() -> None:
    kinds = {case.path.parent.name for case in CASES}
    assert kinds == {"rules", "facts", "cli"}
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input_gives_the_recorded_answer(case: Case) -> None:
    assert case.expected_file.exists(), f"no {case.expected_file.name}; run {RECORD}"
    outcome = run(case.argv)
    expected = case.expected_file.read_text(encoding="utf-8")
    assert outcome.render(case.argv) == expected, f"output changed; if on purpose, run {RECORD}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_bad_input_follows_the_cli_conventions(case: Case) -> None:
    """Independently of what was recorded: exit 1 for findings of `check`, 2 for bad input,
    never 3; errors on stderr, stdout empty; the first line names the problem."""
    outcome = run(case.argv)
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert "internal error" not in outcome.stderr
    if case.argv[:1] == ["check"] and outcome.status == 1:
        assert outcome.stderr == ""
        if "--format" not in case.argv:
            assert outcome.stdout.splitlines()[0].startswith("error: ")
            assert re.search(r"\d+ problem\(s\)\n$", outcome.stdout)
        return
    assert outcome.status == 2
    assert outcome.stdout == ""
    if "json" in case.argv:  # one JSON object, its first line as a person would read it
        assert json.loads(outcome.stderr)["error"].startswith("error: ")
    else:
        assert outcome.stderr.startswith("error: ")
        assert "\n" not in outcome.stderr.splitlines()[0]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_bad_input_is_one_json_object_with_format_json(case: Case) -> None:
    """With --format json an error is one JSON object on stderr (its diagnostic fields), the
    exit status as in the text form; findings of `check` are the JSON document on stdout."""
    asked = (
        "json" in case.argv[case.argv.index("--format") + 1 :][:1]
        if "--format" in case.argv
        else False
    )
    argv = case.argv if asked else [*case.argv, "--format", "json"]
    outcome = run(argv)
    assert outcome.status == run(case.argv).status
    if outcome.status == 1:
        assert outcome.stderr == "" and json.loads(outcome.stdout)["ok"] is False
        return
    assert outcome.stdout == ""
    error = json.loads(outcome.stderr)
    assert error["exit"] == outcome.status == 2
    assert error["error"].startswith("error: ") and error["message"]
    assert set(error) >= {"code", "value", "expected", "hint", "suggestions", "file", "line"}


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.path.parent.name == "rules"], ids=lambda case: case.name
)
def test_check_names_file_line_and_column_of_each_problem(case: Case) -> None:
    outcome = run(["check", "--format", "json", case.name])
    assert outcome.status == 1 and outcome.stderr == ""
    document = json.loads(outcome.stdout)
    assert document["ok"] is False and document["problems"]
    for problem in document["problems"]:
        assert problem["file"] == case.name
        assert problem["line"] >= 1 and problem["column"] >= 1
        assert problem["message"] and problem["code"]


def test_rule_text_problems_carry_their_article_and_key_path() -> None:
    document = json.loads(run(["check", "--format", "json", "rules/unknown_names.yaml"]).stdout)
    by_value = {p["value"]: p for p in document["problems"]}
    assert set(by_value) >= {"emergency_dril", "schol", "crowded_plac", "contry"}
    for problem in by_value.values():
        assert problem["article"] == "1"
        assert problem["key_path"] == "articles[0].rules"
    assert "school" in by_value["schol"]["suggestions"]
    assert "school" in by_value["schol"]["expected"]


def test_check_on_the_shipped_rules_finds_nothing() -> None:
    outcome = run(["check"])
    assert outcome.status == 0, outcome.stdout
    assert outcome.stdout.endswith("0 problem(s)\n")
