"""diff and compare, from Python and from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import regulations
from regulations.cli.main import main
from regulations.compare import compare, diff


@pytest.mark.parametrize(
    "call",
    [
        lambda: diff("ordos", "ordos"),
        lambda: diff("zhejiang", "zhejiang@final"),
        lambda: compare(["ordos", "ordos"], kind="school"),
        lambda: compare(["zhejiang@final", "zhejiang"], kind="school"),
    ],
)
def test_diff_and_compare_refuse_one_text_named_twice(call: Callable[[], object]) -> None:
    with pytest.raises(regulations.InvalidValueError, match="name each regulation once"):
        call()


def test_diff_draft_and_final_zhejiang() -> None:
    result = diff("zhejiang@draft", "zhejiang")
    assert (result.a, result.b) == ("zhejiang@draft", "zhejiang")
    statuses = {c.status for c in result.concepts}
    assert {"only_a", "changed"} <= statuses
    for change in result.of_status("changed"):
        assert change.a is not None and change.b is not None and change.changes
        assert change.a.articles and change.b.articles
    for only in result.of_status("only_a"):
        assert only.b is None and only.a is not None and only.a.articles


def test_diff_reports_subject_and_deadline_changes() -> None:
    result = diff("ordos", "hohhot")
    drill = next(c for c in result.concepts if c.concept == "emergency_drill")
    assert drill.status == "changed"
    assert any(line.startswith("deadlines:") for line in drill.changes)
    assert any(
        line.startswith("only A binds:") and "kindergarten" in line for line in drill.changes
    )
    assert drill.differs == ("deadlines", "subjects")
    assert drill.subjects is not None and drill.subjects.relation == "different"
    assert "kindergarten" in drill.subjects.only_a and "school" not in drill.subjects.only_a


def test_diff_compares_subjects_by_meaning() -> None:
    """A rule binding every kind below government_department binds no more than one
    binding government_department; each people's government level named is every level."""
    result = diff("zhejiang@draft", "zhejiang")
    response = next(c for c in result.concepts if c.concept == "emergency_response")
    assert response.a is not None and "public_security" in response.a.subjects
    assert response.subjects is not None and response.subjects.relation == "same"
    assert "subjects" not in response.differs
    assessment = next(c for c in result.concepts if c.concept == "assessment")
    assert assessment.changes == ("B binds more: people_government(province)",)
    doc = result.to_json()
    entry = next(c for c in doc["concepts"] if c["concept"] == "assessment")
    assert entry["subjects"] == {
        "relation": "b_binds_more",
        "only_a": [],
        "only_b": ["people_government(province)"],
    }
    assert entry["a"]["articles"] == [8, 55] and entry["b"]["articles"] == [7, 62, 63]


def test_compare_marks_rows_that_differ() -> None:
    table = compare(["ordos", "hohhot", "xinjiang"], kind="logistics_delivery")
    assert table.regulations == ("ordos", "hohhot", "xinjiang")
    check = table.row("real_name_security_check")
    assert check is not None and not check.differs
    assert [cell.articles for cell in check.cells if cell] == [(30,), (27,), (22,)]
    veto = table.row("sanction:one_vote_veto")
    assert veto is not None and veto.differs and veto.cells[:2] == (None, None)


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "zhejiang@draft", "zhejiang", "--format", "json"],
        [
            "compare",
            "ordos",
            "hohhot",
            "xinjiang",
            "--kind",
            "logistics_delivery",
            "--format",
            "json",
        ],
        ["concepts", "--format", "json"],
    ],
)
def test_reports_exit_0_with_one_json_document(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert main(argv) == 0
    json.loads(capsys.readouterr().out)


def test_compare_rejects_an_unknown_regulation(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["compare", "ordos", "hohot", "--kind", "school"])
    assert caught.value.code == 2 and "'hohot'" in capsys.readouterr().err.splitlines()[0]


def test_testing_module_says_which_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import regulations.testing\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert 'pip install "regulations[testing]"' in out


def test_every_answer_is_immutable() -> None:
    answer = regulations.applies("ordos", "school")
    with pytest.raises(AttributeError):
        answer.regulation = "x"  # type: ignore[misc]


def test_compiled_rules_are_shared_safely_across_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    profiles = [
        ("school", None),
        ("people_government", "county"),
        ("citizen", None),
        ("hospital", None),
    ] * 10
    expected = {p: regulations.applies("ordos", *p).article_numbers for p in set(profiles)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(
            pool.map(lambda p: (p, regulations.applies("ordos", *p).article_numbers), profiles)
        )
    assert all(numbers == expected[p] for p, numbers in answers)


def test_bad_arguments_are_typed_errors() -> None:
    from regulations.testing import find_disagreement, regions, units

    facts = regulations.load_facts("examples/facts.yaml")
    for call in (
        lambda: regulations.applies(None, "school"),  # type: ignore[arg-type]
        lambda: regulations.applies("ordos", "school", level=3),  # type: ignore[arg-type]
        lambda: regulations.articles("zhejiang", provision=3),  # type: ignore[arg-type]
        lambda: regulations.articles("ordos", article=True),
        lambda: regulations.evaluate(None),  # type: ignore[arg-type]
        lambda: regulations.evaluate(facts, params={"nope": "1"}),
        lambda: regulations.evaluate(facts, calendar="mars"),  # type: ignore[arg-type]
        lambda: regulations.explain(facts, "dongsheng-school", rule=5),  # type: ignore[arg-type]
        lambda: find_disagreement("ordos", "hohhot", "no_such_duty"),
        lambda: units(kinds=["bogus"]),
        lambda: regions(territory="beijing"),
    ):
        with pytest.raises(regulations.RegulationsError):
            call()
    # one string where a sequence is expected is one code, not its letters
    assert regulations.applies("ordos", "school", tags="key_site").unit.tags == ("key_site",)
    assert compare("ordos", kind="school").regulations == ("ordos",)


@pytest.mark.parametrize(
    "names", [["zhejiang", "zhejiang@final", "zhejiang@draft"], ["ordos", "ordos"]]
)
def test_compare_refuses_a_regulation_named_twice(names: list[str]) -> None:
    with pytest.raises(regulations.InvalidValueError) as caught:
        compare(names, "school")
    assert caught.value.value == names[1]


@pytest.mark.parametrize("names", [[], (), None])
def test_compare_needs_a_regulation(names: object) -> None:
    with pytest.raises(regulations.InvalidValueError):
        compare(names, "school")  # type: ignore[arg-type]


def test_compare_says_on_which_day_each_regulation_is_in_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = compare(["ordos", "zhejiang", "zhejiang@draft"], "school", as_of="2024-01-01")  # type: ignore[arg-type]
    assert table.in_force == (False, True, False) and table.complete == (True, True, True)
    partial = tmp_path / "partial.yaml"  # a law of one's own known only in part
    partial.write_text(PARTIAL, encoding="utf-8")
    argv = ["compare", "ordos", "partial", "--kind", "school", "--as-of", "2024-01-01"]
    argv += ["--rules", str(partial)]
    assert main([*argv, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["as_of"] == "2024-01-01"
    assert doc["in_force"] == {"ordos": False, "partial": True}
    assert doc["complete"] == {"ordos": True, "partial": False}
    assert all(set(row["cells"]) == set(doc["regulations"]) for row in doc["rows"])
    assert main(argv) == 0
    shown = capsys.readouterr().out
    assert "As of 2024-01-01" in shown and "not in force" in shown and "known in part" in shown


PARTIAL = """regulation:
  id: partial
  title: 示例条例
  territory: zhejiang
  level: province
  in_force: 2023-07-01
  complete: false
articles:
  - provision: schools
    text: 学校应当开展安全教育。
    text_source: summary
    rules: |
      must safety_education "开展安全教育"
        who school
"""
