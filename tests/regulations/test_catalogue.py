"""The concept catalogue: current, and shared across regions where the duty is the same."""

from __future__ import annotations

from pathlib import Path

import regulations
from regulations.catalogue import concept_uses, markdown

DOC = Path(__file__).parents[2] / "docs" / "concepts.md"


def test_docs_concepts_md_is_current() -> None:
    # regenerate with: regulations concepts --format markdown > docs/concepts.md
    assert DOC.read_text(encoding="utf-8") == markdown(regulations.load())


def test_every_declared_concept_is_used_and_every_used_one_declared() -> None:
    uses = concept_uses()
    assert all(use.articles for use in uses), [u.code for u in uses if not u.articles]
    declared = set(regulations.load().concepts)
    for entry in regulations.load().entries():
        for rule in entry.rules.rules:
            assert rule.node.concept is None or rule.node.concept in declared


def test_the_same_duty_has_the_same_code_across_regions() -> None:
    by_code = {u.code: u for u in concept_uses()}
    drill = by_code["emergency_drill"]
    assert "19" in drill.articles["ordos"] and "22" in drill.articles["hohhot"]
    shared = [u.code for u in concept_uses() if len(u.jurisdictions) >= 3]
    assert len(shared) >= 30
    assert {
        "grid_management",
        "publicity_education",
        "risk_screening",
        "telecom_fraud_prevention",
    } <= set(shared)
