"""An open term the deciding body settles case by case (情节严重, 尚不够实施一票否决): a
finding on one fact settles it for the conclusions resting on that fact or on a fact linked
to it, and the answer says where it came from."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regulations

AS_OF = dt.date(2025, 6, 30)
SCHOOL = {"id": "school", "kind": "school", "region": "inner_mongolia/ordos/dongsheng"}
FAILED = {"id": "assessment-2024", "unit": "school", "year": 2024, "result": "failed", "date": "2025-01-15"}  # fmt: skip


def order(**fields: Any) -> dict[str, Any]:
    return {"id": "order-1", "unit": "school", "measure": "listed_supervision",
            "issued": "2025-02-10", "deadline": "2025-08-31", **fields}  # fmt: skip


def facts(**sections: list[dict[str, Any]]) -> regulations.FactSet:
    return regulations.read_facts({"units": [SCHOOL], "assessments": [FAILED], **sections})


def test_explain_names_the_linked_fact_that_settled_the_term() -> None:
    given_facts = facts(supervision_orders=[order(ground="assessment-2024", serious=True)])
    answer = regulations.explain(given_facts, "school", rule="ordos.44.5", as_of=AS_OF)
    lines = answer.lines()
    assert any(
        "serious_circumstances = True" in line and "a fact linked to the case (order-1)" in line
        for line in lines
    ), lines


def test_the_question_says_which_linked_fact_would_settle_the_case() -> None:
    report = regulations.evaluate(facts(), as_of=AS_OF)
    (question,) = (q for q in report.questions if q.term == "serious_circumstances")
    assert question.kind == "escalation"
    assert "serious: true or false on a supervision_order whose ground names assessment-2024" in (
        question.how
    )
    # the unit's other facts are no way to settle it: no "the unit's violation decision"
    assert not any("the unit's" in how for how in question.how)


def _outcome(report: regulations.Report, added: str) -> set[str]:
    """What the report says of the cases that do not rest on the fact ``added``."""
    kept = set()
    for result in report.to_json()["results"]:
        for section in ("sanctions", "obligations", "undetermined"):
            for item in result[section]:
                if added not in item.get("facts", ()):
                    kept.add(repr(sorted(item.items())))
    return kept


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(("violations", "incidents")),
    st.booleans(),
    st.sampled_from(({}, {"serious_circumstances": True}, {"serious_circumstances": False})),
)
def test_a_flagged_fact_of_another_case_changes_no_answer_on_the_assessment(
    section: str, serious: bool, params: dict[str, bool]
) -> None:
    """A violation or an incident found serious or not, that names no fact, changes nothing
    the law says of the failed assessment (Ordos 44 (四)): that case is its own. (An order
    would: the rectification's term runs to its deadline, ``until supervision_order.deadline``.)"""
    extra = {
        "violations": {"concept": "official_misconduct", "date": "2025-03-01"},
        "incidents": {"kind": "fire_accident", "severity": "ordinary", "date": "2025-03-01"},
    }[section]
    added = {**extra, "id": "other-case", "unit": "school", "serious": serious}
    before = regulations.evaluate(facts(), as_of=AS_OF, params=params)
    after = regulations.evaluate(facts(**{section: [added]}), as_of=AS_OF, params=params)
    on_the_assessment = [
        {o for o in _outcome(r, "other-case") if "assessment-2024" in o} for r in (before, after)
    ]
    assert on_the_assessment[0] and on_the_assessment[0] == on_the_assessment[1]


def test_a_unit_cannot_settle_an_open_term_no_law_reaching_it_reads() -> None:
    # 出现反弹 (Ordos 44 (五)) set on a Xinjiang county, 本单位工作人员中违法犯罪情况比较严重
    # (Xinjiang 52 (八)) on an Ordos school: each would settle nothing there, silently
    county = {"id": "county", "kind": "people_government", "level": "county",
              "region": "xinjiang/urumqi/tianshan", "params": {"problem_rebound": True}}  # fmt: skip
    school = {**SCHOOL, "params": {"serious_staff_offending": True}}
    for unit, term, law in ((county, "problem_rebound", "ordos"), (school, "serious_staff_offending", "xinjiang")):  # fmt: skip
        with pytest.raises(regulations.InvalidValueError) as caught:
            regulations.evaluate(regulations.read_facts({"units": [unit]}), as_of=AS_OF)
        assert term in str(caught.value) and f"an open term of {law}" in str(caught.value)
    # a term a law reaching the unit reads is taken (其他需要督促整改的情形, Ordos 44 (六))
    school = {**SCHOOL, "params": {"other_rectification_circumstances": True}}
    regulations.evaluate(regulations.read_facts({"units": [school]}), as_of=AS_OF)


# 受到挂牌督办的……情节严重的 over a listed supervision the rules derive: no shipped article
# derives the supervision another article's 情节严重 reads (Zhejiang 65 leaves the choice
# among 约谈、通报、挂牌督办 to the body), so a law of one's own shows it.
MINE = """regulation:
  id: mine
  title: 测试条例
  territory: zhejiang/hangzhou
  level: prefecture
  in_force: 2024-01-01
articles:
  - article: 1
    chapter: 1
    text: 发生重大事故的,挂牌督办。受到挂牌督办的,情节严重的,取消评选综合性荣誉称号的资格。
    rules: |
      sanction listed_supervision "发生重大事故的,挂牌督办"
        who people_government
        when incident(severity >= major)
      sanction honor_disqualification "受到挂牌督办的,情节严重的,取消评选综合性荣誉称号的资格"
        who people_government
        when sanction(measure = listed_supervision) and param serious_circumstances
"""
GOV = {"id": "gov", "kind": "people_government", "level": "county", "region": "zhejiang/hangzhou/xihu"}  # fmt: skip
FIRE = {"id": "fire", "unit": "gov", "kind": "fire_accident", "severity": "major", "date": "2025-03-05"}  # fmt: skip


def _mine(tmp_path: Any, **fire: Any) -> tuple[regulations.FactSet, regulations.Library]:
    (tmp_path / "mine.yaml").write_text(MINE, encoding="utf-8")
    library = regulations.load(tmp_path / "mine.yaml", builtin=False)
    given_facts = regulations.read_facts({"units": [GOV], "incidents": [{**FIRE, **fire}]})
    return given_facts, library


def test_the_case_of_a_derived_sanction_settles_what_follows_from_it(tmp_path: Any) -> None:
    given_facts, library = _mine(tmp_path, serious=True)
    report = regulations.evaluate(given_facts, as_of=AS_OF, library=library)
    (result,) = report.results
    (honours,) = (s for s in result.sanctions if s.measure == "honor_disqualification")
    assert honours.to_json()["terms"] == [
        {"term": "serious_circumstances", "value": True, "set_by": "case", "facts": ["fire"]}
    ]
    answer = regulations.explain(given_facts, "gov", rule="mine.1.2", as_of=AS_OF, library=library)
    assert any(
        "serious_circumstances = True" in line
        and "the case of the derived sanction listed_supervision of mine.1.1 (fire)" in line
        for line in answer.lines()
    ), answer.lines()


def test_the_question_over_a_derived_sanction_names_the_fact_of_its_case(tmp_path: Any) -> None:
    given_facts, library = _mine(tmp_path)
    report = regulations.evaluate(given_facts, as_of=AS_OF, library=library)
    (question,) = report.questions
    assert question.term == "serious_circumstances"
    assert question.how[0] == "serious: true or false on fire"
    settled = regulations.evaluate(_mine(tmp_path, serious=False)[0], as_of=AS_OF, library=library)
    assert [s.measure for s in settled.results[0].sanctions] == ["listed_supervision"]
    assert settled.questions == ()
