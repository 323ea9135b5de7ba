"""The `regulations` command per spec/cli.md: JSON shape, exit codes, errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run


def test_applies_json_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "applies", "ordos", "--kind", "school", "--as-of", "2026-11-22", "--format", "json"
    )
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert {
        k: doc[k] for k in ("regulation", "version", "title", "as_of", "in_force", "complete")
    } == {
        "regulation": "ordos",
        "version": "final",
        "title": "鄂尔多斯市平安建设条例",
        "as_of": "2026-11-22",
        "in_force": True,
        "complete": True,
    }
    assert doc["unit"] == {"kind": "school", "level": None, "tags": []}
    by_number = {a["article"]: a for a in doc["articles"]}
    assert [a["article"] for a in doc["articles"]] == sorted(by_number)
    for number in (19, 21):
        assert "must" in by_number[number]["modalities"]
    drill = by_number[19]["rules"][0]
    assert drill["id"] == "ordos.19.1" and drill["kind"] == "obligation"
    assert drill["modality"] == "must" and drill["concept"] == "emergency_drill"
    for article in doc["articles"]:
        assert set(article) >= {"article", "chapter", "modalities", "rules"}
        assert set(article["modalities"]) == {r["modality"] for r in article["rules"]}
        for rule in article["rules"]:
            assert rule["id"].startswith(f"ordos.{article['article']}.")


def test_not_in_force_is_still_answered(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "applies", "ordos", "--kind", "school", "--as-of", "2024-11-30", "--format", "json"
    )
    assert code == 0 and json.loads(out)["in_force"] is False
    code, out, _ = run(capsys, "applies", "zhejiang@draft", "--kind", "school", "--format", "json")
    doc = json.loads(out)
    assert (doc["regulation"], doc["version"], doc["in_force"]) == ("zhejiang", "draft", False)


def test_articles_json_lists_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "articles", "ordos", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and len(doc["articles"]) == 48
    assert [a["article"] for a in doc["articles"]] == list(range(1, 49))
    assert all(a["text_source"] == "source" and a["text"] for a in doc["articles"])
    code, out, _ = run(capsys, "articles", "ordos", "--article", "19", "--format", "json")
    assert [a["article"] for a in json.loads(out)["articles"]] == [19]


@pytest.mark.parametrize(
    ("argv", "first_line_has"),
    [
        (["applies", "ordoss", "--kind", "school"], ["'ordoss'", "ordos", "hohhot"]),
        (["applies", "ordos", "--kind", "shcool"], ["'shcool'", "school"]),
        (["applies", "ordos", "--kind", "school", "--level", "city"], ["'city'", "prefecture"]),
        (["applies", "ordos", "--kind", "school", "--tag", "vip"], ["'vip'", "key_site"]),
        (["applies", "ordos", "--kind", "citizen", "--level", "county"], ["'county'", "person"]),
        (
            ["applies", "ordos", "--kind", "school", "--as-of", "2024-13-01"],
            ["'2024-13-01'", "YYYY-MM-DD"],
        ),
        (["applies", "ordos", "--kind", "school", "--format", "xml"], ["'xml'", "json"]),
        (["applies", "ordos"], ["--kind"]),
        (["articles", "ordos", "--article", "99"], ["'99'", "1–48"]),
        (["articles", "ordos", "--article", "x"], ["'x'"]),
        (
            ["--rules", "/nonexistent/rules", "applies", "ordos", "--kind", "school"],
            ["/nonexistent/rules"],
        ),
    ],
)
def test_bad_input_exits_2_naming_the_value(
    capsys: pytest.CaptureFixture[str], argv: list[str], first_line_has: list[str]
) -> None:
    code, out, err = (
        run(capsys, *argv, "--format", "json")
        if "--format" not in argv and argv[0] != "--rules"
        else run(capsys, *argv)
    )
    assert code == 2
    assert out == ""
    first = err.splitlines()[0]
    for fragment in first_line_has:
        assert fragment in first
    assert "Traceback" not in err


def test_the_installed_command_never_shows_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "regulations", "applies", "nowhere", "--kind", "school"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and "'nowhere'" in done.stderr.splitlines()[0]


def test_table_output_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "applies", "ordos", "--kind", "school")
    assert code == 0 and "ordos.19.1" in out and "emergency_drill" in out


def test_check_reports_problems_with_exit_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "regulation:\n  id: bad\n  title: 测试\n  territory: zhejiang\n  level: province\n"
        'articles:\n  - article: 1\n    text: 测试\n    rules: |\n      must nothing_such "x"\n        who schol\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 1
    assert f"{bad}:10:7" in out and "unknown concept 'nothing_such'" in out
    assert f"{bad}:11:13" in out and "did you mean 'school'" in out


def article_json(capsys: pytest.CaptureFixture[str], ref: str, number: str, as_of: str) -> dict:
    code, out, err = run(
        capsys, "articles", ref, "--article", number, "--as-of", as_of, "--format", "json"
    )
    assert code == 0, err
    return dict(json.loads(out))


def test_amended_article_wording_follows_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    # the 浦江经验 clause of the final Zhejiang article 3 held until the 2025-03-28 amendment
    before = article_json(capsys, "zhejiang", "3", "2024-01-01")
    after = article_json(capsys, "zhejiang", "3", "2025-03-28")
    assert (
        "浦江经验" in before["articles"][0]["text"]
        and "浦江经验" not in after["articles"][0]["text"]
    )
    assert before["articles"][0]["text_source"] == "source"
    assert len(before["articles"][0]["wordings"]) == 2
    assert (before["edition"]["name"], after["edition"]["name"]) == ("2023", "2025")
    assert after["edition"]["from"] == "2025-03-28" and before["edition"]["until"] == "2025-03-27"
    code, out, _ = run(capsys, "articles", "zhejiang", "--article", "48", "--as-of", "2024-06-01")
    assert code == 0 and "zhejiang@2023" in out and "示范创建活动" in out


def test_the_final_zhejiang_law_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(run(capsys, "articles", "zhejiang", "--format", "json")[1])
    assert doc["complete"] is True and (doc["regulation"], doc["version"]) == ("zhejiang", "final")
    assert [a["article"] for a in doc["articles"]] == list(range(1, 67))
    assert all(a["text_source"] == "source" for a in doc["articles"])
    # a provision that stood for the law while only a summary was known is now an article
    code, out, _ = run(
        capsys, "articles", "zhejiang", "--provision", "culture_week", "--format", "json"
    )
    culture = json.loads(out)
    assert code == 0 and [a["article"] for a in culture["articles"]] == [56]
    assert culture["retired"]["rules"] == {"zhejiang.p.culture_week.1": "zhejiang.56.5"}
    code, out, _ = run(capsys, "articles", "zhejiang", "--provision", "culture_week")
    assert code == 0 and "Provision culture_week is retired" in out


def test_provisions_without_a_number_sort_after_the_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text(
        "regulation:\n  id: partial\n  title: 测试条例\n  territory: zhejiang\n  level: province\n"
        "  in_force: 2024-01-01\n  complete: false\narticles:\n"
        "  - provision: drills\n    text_source: summary\n    text: 学校应当组织演练。\n"
        '    rules: |\n      must emergency_drill "组织演练"\n        who school\n'
        "  - article: 3\n    text: 学校应当开展安全教育。\n"
        '    rules: |\n      must safety_education "开展安全教育"\n        who school\n',
        encoding="utf-8",
    )
    applies = json.loads(
        run(
            capsys,
            "applies",
            "partial",
            "--kind",
            "school",
            "--rules",
            str(partial),
            "--format",
            "json",
        )[1]
    )
    assert applies["complete"] is False
    assert [(a["article"], a.get("provision")) for a in applies["articles"]] == [
        (3, None),
        (None, "drills"),
    ]


def test_rules_of_ones_own_are_loaded_before_or_after_the_command(tmp_path, capsys) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "regulation:\n  id: mine\n  title: 测试条例\n  territory: zhejiang\n  level: province\n"
        "  in_force: 2024-01-01\narticles:\n  - article: 1\n    chapter: 1\n    text: 学校应当定期组织应急演练。\n"
        '    rules: |\n      must emergency_drill "定期组织应急演练"\n        who school\n',
        encoding="utf-8",
    )
    for argv in (
        ["--rules", str(mine), "applies", "mine", "--kind", "school", "--format", "json"],
        ["applies", "mine", "--kind", "school", "--format", "json", "--rules", str(mine)],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        assert [a["article"] for a in json.loads(out)["articles"]] == [1]


def test_a_regulation_defined_twice_is_an_error(tmp_path, capsys) -> None:
    mine = tmp_path / "ordos.yaml"
    mine.write_text(
        "regulation:\n  id: ordos\n  title: 另一个\n  territory: inner_mongolia/ordos\n  level: prefecture\n"
        "articles:\n  - article: 1\n    text: 测试\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--rules", str(mine), "articles", "ordos", "--format", "json")
    assert code == 2 and out == ""
    assert "regulation 'ordos' is defined twice" in err.splitlines()[0]
    code, out, _ = run(capsys, "check", str(mine))  # checked alone, with the shipped registries
    assert code == 0 and "ordos: 1 articles" in out
