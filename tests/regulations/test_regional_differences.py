"""Documented differences between the regions (docs/comparisons.md), each checked for every
generated unit of the kind concerned."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

import regulations
from regulations.testing import find_disagreement, unit_profiles
from regulations.views import UnitProfile

AS_OF = dt.date(2026, 11, 22)
ALL = ("ordos", "hohhot", "xinjiang", "zhejiang", "zhejiang@draft")
LIBRARY = regulations.load()


def concept_rules(ref: str, profile: UnitProfile, concept: str) -> list[regulations.RuleView]:
    answer = regulations.applies(ref, profile.kind, profile.level, profile.tags, AS_OF, LIBRARY)
    return [r for a in answer.articles for r in a.rules if r.concept == concept]


@given(unit_profiles(kinds=["logistics_delivery"]))
def test_four_regions_make_logistics_firms_check_and_refuse_unchecked_parcels(
    profile,
) -> None:
    # Ordos 30, Hohhot 27, Xinjiang 22: 实名收寄、收寄验视 (must) and 不得收寄/不予提供寄递服务 (must_not);
    # the final Zhejiang law 33: 落实安全查验制度 (must), 拒绝安全查验的物品…不得提供运输、寄递服务 (must_not)
    for ref, article in (("ordos", "30"), ("hohhot", "27"), ("xinjiang", "22"), ("zhejiang", "33")):
        rules = concept_rules(ref, profile, "real_name_security_check")
        assert {r.modality for r in rules} == {"must", "must_not"}, ref
        assert {r.id.split(".")[1] for r in rules} == {article}
    # the Zhejiang draft does not put this duty on the firm itself
    assert concept_rules("zhejiang@draft", profile, "real_name_security_check") == []


@given(unit_profiles(kinds=["school", "hospital", "kindergarten"]))
def test_drills_are_regular_in_ordos_but_at_least_yearly_in_hohhot(profile) -> None:
    # 配备安防人员和设施设备,制定突发事件应急预案 has no recurrence: only the drill does (Ordos 19)
    (ordos,) = [r for r in concept_rules("ordos", profile, "emergency_drill") if r.due]
    hohhot = concept_rules("hohhot", profile, "emergency_drill")
    assert (
        ordos.id == "ordos.19.1" and ordos.due == "every param regular_interval"
    )  # 定期组织应急演练
    if profile.kind != "kindergarten":  # Hohhot 22 names 学校、医院 but not 幼儿园
        # 每年至少组织一次 is the drill's; 制定突发事件应急预案 has no deadline
        assert sorted(r.due or "" for r in hohhot) == ["", "every year at_least 1"]
    assert concept_rules("xinjiang", profile, "emergency_drill") == []


@given(unit_profiles(kinds=["enterprise", "school", "people_government", "government_department"]))
def test_only_xinjiang_has_a_one_vote_veto(profile) -> None:
    for ref in ALL:
        answer = regulations.applies(ref, profile.kind, profile.level, profile.tags, AS_OF, LIBRARY)
        vetoes = [r for a in answer.articles for r in a.rules if "one_vote_veto" in r.measures]
        if ref == "xinjiang":
            assert [r.id.split(".")[1] for r in vetoes] == ["52"]
        else:
            assert vetoes == [], ref


def test_a_counterexample_is_found_and_minimised() -> None:
    found = find_disagreement(
        "ordos", "xinjiang", "emergency_drill", max_examples=200, library=LIBRARY
    )
    assert found is not None
    assert found.outcomes["ordos"] != found.outcomes["xinjiang"]
    assert found.outcomes["ordos"][0] == ("must",) and found.outcomes["xinjiang"][0] == ()
    assert found.facts == ()  # the difference needs no facts: it is who is bound


def test_no_counterexample_where_the_regions_agree() -> None:
    agreed = find_disagreement(
        "ordos",
        "hohhot",
        "real_name_security_check",
        kinds=["logistics_delivery"],
        max_examples=60,
        library=LIBRARY,
    )
    assert agreed is None
