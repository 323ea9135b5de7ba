"""An amended law is one regulation with several editions: the text and rules in force on
the day asked answer, and facts are judged by the edition in force when they happened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regulations
from regulations.compare import diff
from regulations.factsfile import parse_facts

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "amended_law.yaml"
LIBRARY = regulations.load(FIXTURE, builtin=False)
AMENDED = dt.date(2025, 1, 1)


def test_an_amended_law_is_one_regulation_with_an_edition_per_text() -> None:
    assert LIBRARY.refs == ("sample",)
    assert {"sample", "sample@final", "sample@2024", "sample@2025"} <= set(LIBRARY.accepted_refs())
    assert [e.regulation.label for e in LIBRARY.editions("sample")] == [
        "sample@2024",
        "sample@2025",
    ]
    first, second = (e.regulation.edition for e in LIBRARY.editions("sample"))
    assert first is not None and second is not None
    assert (first.valid_from, first.valid_until) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (second.valid_from, second.valid_until) == (AMENDED, None)


@settings(deadline=None, max_examples=60)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)))
def test_the_bare_reference_names_the_edition_in_force_that_day(day: dt.date) -> None:
    edition = LIBRARY.entry("sample", day).regulation.edition
    assert edition is not None
    if day < dt.date(2024, 1, 1):  # before the law took effect: its first text
        assert edition.name == "2024"
    else:
        assert edition.holds_on(day)


def test_articles_give_the_wording_of_the_day_and_name_the_edition() -> None:
    before = regulations.articles("sample", article=2, as_of="2024-06-01", library=LIBRARY)
    after = regulations.articles("sample", article=2, as_of="2025-06-01", library=LIBRARY)
    assert before.articles[0].text.startswith("有关部门可以")
    assert after.articles[0].text.startswith("鼓励有关部门和单位")
    assert before.to_json()["edition"] == {
        "name": "2024",
        "ref": "sample@2024",
        "from": "2024-01-01",
        "until": "2024-12-31",
    }
    assert after.to_json()["edition"]["ref"] == "sample@2025"
    # an article the amendment added is not in the earlier text
    numbers = [
        a.article
        for a in regulations.articles("sample", as_of="2024-06-01", library=LIBRARY).articles
    ]
    assert numbers == [1, 2, 3]
    # an edition named explicitly is shown whatever the day, and is not in force off its days
    named = regulations.articles("sample@2025", article=2, as_of="2024-06-01", library=LIBRARY)
    assert named.articles[0].text.startswith("鼓励") and named.in_force is False


def test_applies_reads_the_rules_of_the_edition_in_force() -> None:
    before = regulations.applies("sample", "public_security", as_of="2024-06-01", library=LIBRARY)
    after = regulations.applies("sample", "public_security", as_of="2025-06-01", library=LIBRARY)
    assert [(a.article, a.modalities) for a in before.articles] == [(2, ("may",))]
    assert [(a.article, a.modalities) for a in after.articles] == [(2, ("encouraged",))]
    school = regulations.applies("sample", "school", as_of="2024-06-01", library=LIBRARY)
    assert school.article_numbers == (1, 3)  # article 4 was not yet law


FACTS = {
    "units": [{"id": "s", "kind": "school", "region": "inner_mongolia/ordos/dongsheng"}],
    "risks": [
        {
            "unit": "s",
            "kind": "safety_hazard",
            "date": "2024-12-20",
        },  # under the first text: 30 days
        {
            "unit": "s",
            "kind": "safety_hazard",
            "date": "2025-02-03",
        },  # under the amended one: 10 days
    ],
}


def _facts() -> regulations.FactSet:
    return parse_facts(FACTS, FIXTURE, [])


def test_facts_are_judged_by_the_edition_in_force_when_they_happened() -> None:
    report = regulations.evaluate(_facts(), "sample", as_of="2025-06-30", library=LIBRARY)
    duties = [
        (o["rule"], o["edition"], o["start"], o["due"])
        for o in report.to_json()["results"][0]["obligations"]
        if o["article"] == 3
    ]
    assert sorted(duties) == [
        ("sample.3.1", "2024", "2024-12-20", "2025-01-20"),  # the 19th is a Sunday
        ("sample.3.1", "2025", "2025-02-03", "2025-02-13"),
    ]


def test_explain_shows_each_conclusion_under_its_edition() -> None:
    answer = regulations.explain(
        _facts(), "s", article=3, regulation="sample", as_of="2025-06-30", library=LIBRARY
    )
    labels = [tree.label for tree in answer.trees]
    assert len(labels) == 2
    assert any("text of 2024" in label for label in labels)
    assert any("text of 2025" in label for label in labels)


def test_a_rule_only_in_the_earlier_text_is_explained_why_not_under_it() -> None:
    answer = regulations.explain(
        _facts(), "s", rule="sample.4.1", regulation="sample", as_of="2024-06-30", library=LIBRARY
    )
    # article 4 is in the amended text only; asked on a day before it, its rule still resolves
    assert answer.trees and "sample.4.1" in answer.trees[0].label


def test_diff_of_two_editions_shows_the_reworded_articles_and_their_rule_changes() -> None:
    result = diff("sample@2024", "sample@2025", library=LIBRARY)
    assert (result.a, result.b) == ("sample@2024", "sample@2025")
    changed = {t.article: t for t in result.texts}
    assert sorted(changed) == [2, 3, 4]
    assert changed[4].a is None and changed[4].b == "学校应当开展安全教育。"
    assert ("三十", "十") in changed[3].edits or any(r == "三" for r, _ in changed[3].edits)
    assert any("modalities: may → encouraged" in c for c in changed[2].changes)
    assert any(
        "B binds more: organization other than government_department" in c
        for c in changed[2].changes
    )
    assert any("safety_education only in B" in c for c in changed[4].changes)
    doc = result.to_json()
    assert doc["editions"]["a"]["name"] == "2024" and [t["article"] for t in doc["texts"]] == [
        2,
        3,
        4,
    ]


def test_diff_of_a_law_and_another_has_no_text_changes() -> None:
    result = diff("zhejiang@draft", "zhejiang")
    assert result.texts == () and result.b == "zhejiang"


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "law.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(regulations.LoadError) as caught:
        regulations.load(path, builtin=False, fresh=True)
    return [d.message for d in caught.value.diagnostics]


HEADER = """regulation:
  id: sample
  title: 示例条例
  territory: inner_mongolia/ordos
  level: prefecture
  in_force: 2024-01-01
{amended}articles:
  - article: 1
{body}"""


def test_a_wording_must_change_on_an_amendment_date(tmp_path: Path) -> None:
    body = """    wordings:
      - {text: 旧, from: 2024-01-01, until: 2024-05-31}
      - {text: 新, from: 2024-06-01}
"""
    problems = _problems(tmp_path, HEADER.format(amended="  amended: [2025-01-01]\n", body=body))
    assert any("a wording ends on 2024-05-31" in p for p in problems)
    assert any("a wording begins on 2024-06-01" in p for p in problems)
    unamended = _problems(tmp_path, HEADER.format(amended="", body=body))
    assert any("the regulation lists no amendment" in p for p in unamended)


def test_rules_are_given_once_for_the_article_or_for_every_wording(tmp_path: Path) -> None:
    body = """    rules: ""
    wordings:
      - {text: 旧, from: 2024-01-01, until: 2024-12-31, rules: ""}
      - {text: 新, from: 2025-01-01}
"""
    problems = _problems(tmp_path, HEADER.format(amended="  amended: [2025-01-01]\n", body=body))
    assert any("not both" in p for p in problems)
