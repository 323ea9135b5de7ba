"""The plan (engine/plan.py): what of a rule set runs for one subject profile, decided from
the rule set and the open terms alone, as every backend reads it."""

from __future__ import annotations

import ast as pyast
import datetime as dt
from pathlib import Path

from toyschema import Subject, build

from engine import Evaluator
from engine.plan import for_profile

TEXT = """
must drill "standing"
  who org
must report "on the subject's own fields"
  who org
  when unit.region = north
sanction veto "on facts"
  who org
  when incident(severity >= major)
sanction no_honours "on what is derived"
  who org
  when sanction(measure = veto)
must review "schools only"
  who school
"""
ENGINE = Path(__file__).resolve().parents[2] / "src" / "engine"


def test_a_profile_plan_sorts_the_binding_rules_into_static_and_strata() -> None:
    rules = build(TEXT)
    north = for_profile(rules, Subject("b1", "bank", region="north"), {})
    assert [r.id for r in north.static] == ["t.1.2"]  # the standing duty computes nothing
    assert [[r.id for r in stratum] for stratum, _ in north.strata] == [["t.1.3"], ["t.1.4"]]
    assert north.needs_facts
    south = for_profile(rules, Subject("b2", "bank", region="south"), {})
    assert south.static == () and south.strata == north.strata
    school = for_profile(rules, Subject("s1", "school", region="north"), {})
    assert [r.id for r in school.static] == ["t.1.2"]  # the school's review is standing too


def test_in_applies_mode_every_binding_rule_is_static_in_the_rule_sets_order() -> None:
    rules = build(TEXT)
    plan = for_profile(rules, Subject("s1", "school"), {}, mode="applies")
    assert [r.id for r in plan.static] == ["t.1.1", "t.1.2", "t.1.3", "t.1.4", "t.1.5"]
    assert plan.strata == ()


def test_the_runtime_runs_the_plans_profile() -> None:
    rules = build(TEXT)
    subject = Subject("b1", "bank", region="north")
    evaluator = Evaluator(rules, as_of=dt.date(2024, 6, 1))
    assert evaluator.plan_for(subject) == for_profile(rules, subject, evaluator.params)
    assert rules.place == {r.id: n for n, r in enumerate(rules.rules)}


def test_the_columnar_backend_reads_the_plan_not_the_runtimes_state() -> None:
    """From the runtime it takes the evaluator only, to hand subjects to it."""
    tree = pyast.parse((ENGINE / "columnar.py").read_text(encoding="utf-8"))
    taken = {
        alias.name
        for node in pyast.walk(tree)
        if isinstance(node, pyast.ImportFrom) and node.module == "engine.runtime"
        for alias in node.names
    }
    assert taken == {"Evaluator"}
