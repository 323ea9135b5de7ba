"""A staff member linked to its unit (``units[].staff_of``): the rules that speak of its
unit's assessment, veto or supervision (其单位经考核不合格, 受到一票否决处理的……其主要负责人)
read the unit's facts, entered once; every other rule reads the person's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regulations
from engine import ast
from regulations.facts import Assessment, Unit, Violation
from regulations.factsfile import FactSet
from regulations.library import shipped
from regulations.testing import facts_for

AS_OF = dt.date(2026, 6, 30)
PLACES = (
    ("xinjiang/urumqi/tianshan", None),
    ("inner_mongolia/hohhot/xincheng", None),
    ("inner_mongolia/ordos/dongsheng", None),
    ("zhejiang/hangzhou/xihu", None),
    ("zhejiang/hangzhou/xihu", "zhejiang@draft"),
)


def _through_rules() -> frozenset[str]:
    """The shipped rules with a condition read through ``of unit.staff_of``."""
    return frozenset(
        rule.id
        for entry in shipped().all_entries()
        for rule in entry.rules.rules
        if any(
            isinstance(n, ast.Exists | ast.Count) and n.through is not None
            for n in ast.walk(rule.node)
        )
    )


def _answers(report: Any, unit: str, rules: frozenset[str]) -> set[tuple[Any, ...]]:
    """A unit's answers from the rules ``rules``: sanctions with their dates and status,
    undetermined items with their needs."""
    found: set[tuple[Any, ...]] = set()
    for result in report.results:
        if result.unit.id != unit:
            continue
        for s in result.sanctions:
            if s.rule_id in rules:
                found.add(("sanction", s.rule_id, s.measure, s.start, s.until, s.status))
        for u in result.undetermined:
            if u.rule_id in rules:
                found.add(("undetermined", u.rule_id, tuple(u.needs)))
    return found


def test_the_shipped_rules_read_through_the_link_where_the_text_says_its_units() -> None:
    rules = _through_rules()
    # 其单位经考核不合格 (Xinjiang 49, Hohhot 58); 受到一票否决处理的……其主要负责人 (Xinjiang 54);
    # 直接负责的主管人员 (Zhejiang draft 57, 58; Ordos 47; Hohhot 61); 受到挂牌督办的 (Zhejiang 65)
    for rule in (
        "xinjiang.49.4",
        "xinjiang.54.2",
        "xinjiang.54.3",
        "hohhot.58.7",
        "hohhot.61.1",
        "ordos.47.1",
        "zhejiang@draft.57.3",
        "zhejiang@draft.58.1",
        "zhejiang@draft.58.2",
        "zhejiang.65.4",
        "zhejiang.65.5",
    ):
        assert rule in rules, rule
    # a person's own conduct (Xinjiang 56 第二款) and every unit's own duty read its own facts
    assert "xinjiang.56.4" not in rules and "xinjiang.56.5" not in rules
    for entry in shipped().all_entries():
        for rule in entry.rules.rules:
            if rule.id in rules:
                assert {s.kind for s in rule.node.who} == {"staff_member"}, rule.id


def _people(region: str) -> tuple[Unit, Unit]:
    gov = Unit(id="gov", kind="people_government", level="county", region=region)
    head = Unit(id="head", kind="staff_member", region=region, staff_of="gov")
    return gov, head


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), history=facts_for("gov", max_facts=6))
def test_the_units_facts_under_the_unit_or_under_the_person_answer_alike_for_the_person(
    place: tuple[str, str | None], history: list[Any]
) -> None:
    """One entry under the unit, seen by its linked staff member, gives the person what the
    same facts recorded under the person (the form before links) give it."""
    region, regulation = place
    rules = _through_rules()
    gov, head = _people(region)
    linked = regulations.evaluate(
        FactSet((gov, head), tuple(history)), regulation=regulation, as_of=AS_OF
    )
    alone = head.model_copy(update={"staff_of": None})
    moved = tuple(f.model_copy(update={"unit": "head"}) for f in history)
    before = regulations.evaluate(FactSet((alone,), moved), regulation=regulation, as_of=AS_OF)
    assert _answers(linked, "head", rules) == _answers(before, "head", rules)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(place=st.sampled_from(PLACES), history=facts_for("gov", max_facts=6))
def test_the_link_adds_nothing_to_the_unit_and_nothing_else_to_the_person(
    place: tuple[str, str | None], history: list[Any]
) -> None:
    """The unit's answers do not change because a staff member names it, and the person
    gets nothing from its unit's facts but the answers of the rules read through the link
    (a violation of the unit does not make each of its staff a violator)."""
    region, regulation = place
    rules = _through_rules()
    gov, head = _people(region)
    with_staff = regulations.evaluate(
        FactSet((gov, head), tuple(history)), regulation=regulation, as_of=AS_OF
    )
    unlinked = head.model_copy(update={"staff_of": None})
    without = regulations.evaluate(
        FactSet((gov, unlinked), tuple(history)), regulation=regulation, as_of=AS_OF
    )
    everything = frozenset(r.id for e in shipped().all_entries() for r in e.rules.rules)
    assert _answers(with_staff, "gov", everything) == _answers(without, "gov", everything)
    others = everything - rules
    assert _answers(with_staff, "head", others) == _answers(without, "head", others)
    assert not _answers(without, "head", rules)


def test_a_violation_of_the_unit_is_not_the_staff_members_own() -> None:
    gov, head = _people("xinjiang/urumqi/tianshan")
    facts = FactSet(
        (gov, head),
        (
            Violation(unit="gov", concept="pingan_responsibility", date=dt.date(2025, 3, 1)),
            Violation(unit="gov", concept="official_misconduct", date=dt.date(2025, 3, 2)),
        ),
    )
    report = regulations.evaluate(facts, as_of=dt.date(2025, 6, 30))
    (person,) = [r for r in report.results if r.unit.id == "head"]
    # 工作人员拒不履行…或者玩忽职守… (Xinjiang 56 第二款) is the person's own conduct
    assert not [s for s in person.sanctions if s.article == 56]
    assert not [u for u in person.undetermined if u.article == 56]


def test_explain_names_the_units_fact_the_persons_bar_rests_on() -> None:
    gov, head = _people("xinjiang/urumqi/tianshan")
    facts = FactSet(
        (gov, head),
        (Assessment(unit="gov", year=2025, result="failed", date=dt.date(2026, 1, 15)),),
    )
    found = regulations.explain(facts, "head", rule="xinjiang.49.4", as_of=dt.date(2026, 3, 1))
    text = "\n".join(found.lines())
    assert "of unit.staff_of" in text
    assert "until 2026-12-31" in text
    assert "a fact of unit gov, its staff_of" in text
    data = found.to_json()["explanations"][0]
    facts_cited = [
        c["fact"] for n in data["children"] for c in n.get("children", []) if "fact" in c
    ]
    assert facts_cited == [
        {
            "type": "assessment",
            "unit": "gov",
            "year": 2025,
            "result": "failed",
            "date": "2026-01-15",
        }
    ]


def test_explain_says_why_not_when_the_unit_names_no_failure() -> None:
    gov, head = _people("xinjiang/urumqi/tianshan")
    facts = FactSet(
        (gov, head),
        (Assessment(unit="gov", year=2025, result="passed", date=dt.date(2026, 1, 15)),),
    )
    found = regulations.explain(facts, "head", rule="xinjiang.49.4", as_of=dt.date(2026, 3, 1))
    text = "\n".join(found.lines())
    assert "did not fire" in text
    assert "1 assessment fact(s), none matches" in text


@pytest.mark.parametrize(
    ("units", "message"),
    [
        (
            (Unit(id="li", kind="staff_member", staff_of="nowhere"),),
            "no unit with id 'nowhere'",
        ),
        (
            (
                Unit(id="head", kind="staff_member"),
                Unit(id="li", kind="staff_member", staff_of="head"),
            ),
            "names 'head', a staff_member",
        ),
    ],
)
def test_a_bad_staff_link_built_by_hand_is_refused(units: tuple[Unit, ...], message: str) -> None:
    with pytest.raises(regulations.InvalidValueError, match=message):
        FactSet(units, ())


def test_only_a_staff_member_names_a_unit() -> None:
    with pytest.raises(ValueError, match="staff_of names the unit a staff member"):
        Unit(id="c", kind="citizen", staff_of="gov")
