"""Properties of the law and the engine that hold for every generated unit and history."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

import regulations
from engine import ast
from engine.periods import WeekendCalendar
from regulations import vocabulary as v
from regulations.facts import Unit, region_contains
from regulations.factsfile import FactSet
from regulations.testing import fact_sets, incidents, regions, territories, unit_profiles

AS_OF = dt.date(2026, 7, 1)
REFS = ("ordos", "hohhot", "xinjiang", "zhejiang", "zhejiang@draft")
LIBRARY = regulations.load()


def run(facts: FactSet, regulation: str | None = None) -> dict:
    report = regulations.evaluate(
        facts, regulation=regulation, as_of=AS_OF, calendar=WeekendCalendar(), library=LIBRARY
    )
    return report.to_json()


@given(fact_sets(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_fact_order(facts: FactSet, random: st.SearchStrategy) -> None:
    shuffled_units, shuffled_facts = list(facts.units), list(facts.facts)
    random.shuffle(shuffled_units)  # type: ignore[attr-defined]
    random.shuffle(shuffled_facts)  # type: ignore[attr-defined]
    reordered = FactSet(tuple(shuffled_units), tuple(shuffled_facts))
    assert json.dumps(run(facts)) == json.dumps(run(reordered))  # the lists in the same order


@given(fact_sets())
def test_every_derived_item_cites_an_article_or_provision(facts: FactSet) -> None:
    for result in run(facts)["results"]:
        for section in ("obligations", "deadlines", "sanctions", "undetermined"):
            for item in result[section]:
                assert item["rule"]
                assert item["article"] is not None or item.get("provision"), item


def _has_exception(rule_id: str) -> bool:
    for entry in LIBRARY.entries():
        rule = entry.rules.get(rule_id)
        if rule is not None:
            node = rule.node
            return node.unless is not None or any(isinstance(c, ast.Not) for c in ast.walk(node))
    raise AssertionError(rule_id)


@given(fact_sets(max_units=1), st.data())
def test_an_incident_never_removes_a_sanction_except_through_a_declared_exception(
    facts: FactSet, data
) -> None:
    extra = data.draw(incidents(facts.units[0].id))
    before = {(s["rule"], s["measure"]) for r in run(facts)["results"] for s in r["sanctions"]}
    after_facts = FactSet(facts.units, (*facts.facts, extra))
    after = {(s["rule"], s["measure"]) for r in run(after_facts)["results"] for s in r["sanctions"]}
    for rule_id, _measure in before - after:
        assert _has_exception(rule_id), f"{rule_id} lost a sanction without a declared exception"


def _bound(ref: str, kind: str, level: str | None, tags: tuple[str, ...]) -> set[str]:
    answer = regulations.applies(ref, kind, level, tags, AS_OF, LIBRARY)
    return {r.id for a in answer.articles for r in a.rules}


@given(unit_profiles(), st.sampled_from(REFS))
def test_a_kind_is_bound_by_everything_that_binds_its_ancestors(profile, ref: str) -> None:
    own = _bound(ref, profile.kind, profile.level, profile.tags)
    for ancestor in v.lineage(profile.kind) - {profile.kind}:
        assert _bound(ref, ancestor, profile.level, profile.tags) <= own


@given(
    unit_profiles(tags=False),
    st.sets(st.sampled_from(sorted(v.TAG_CODES)), min_size=1),
    st.sampled_from(REFS),
)
def test_tags_only_add_duties(profile, tags: set[str], ref: str) -> None:
    if v.is_person(profile.kind):
        return
    plain = _bound(ref, profile.kind, profile.level, ())
    assert plain <= _bound(ref, profile.kind, profile.level, tuple(sorted(tags)))


@given(regions())
def test_drawn_regions_lie_in_a_territory_some_regulation_governs(region: str) -> None:
    governed = {e.regulation.meta.territory for e in LIBRARY.entries()}
    assert any(region_contains(t, region) for t in governed)
    assert set(territories()) == governed


@settings(max_examples=20)
@given(fact_sets(), st.sampled_from([None, *REFS]))
def test_a_unit_in_a_batch_is_answered_as_it_is_alone(
    facts: FactSet, regulation: str | None
) -> None:
    """Units no fact concerns share one answer per profile in a batch (``Evaluator.alike``,
    the report named for each unit): each is still answered, questions too, as when it is
    evaluated alone. Each unit is given a twin without facts, alike but for its id."""
    twins = tuple(u.model_copy(update={"id": f"{u.id}t"}) for u in facts.units)
    batch = FactSet(facts.units + twins, facts.facts)
    whole = regulations.evaluate(
        batch, regulation=regulation, as_of=AS_OF, calendar=WeekendCalendar(), library=LIBRARY
    ).to_json()
    for unit in batch.units:
        alone = regulations.evaluate(
            batch,
            regulation=regulation,
            as_of=AS_OF,
            calendar=WeekendCalendar(),
            library=LIBRARY,
            units=[unit.id],
        ).to_json()
        assert alone["results"] == [r for r in whole["results"] if r["unit"] == unit.id]
        assert alone["questions"] == [q for q in whole["questions"] if q["unit"] == unit.id]


def test_units_alike_without_facts_are_each_asked_by_name() -> None:
    """Xinjiang 23 and Ordos 30 ask an open term of a bank and of a courier without any
    fact (identity_unverified, check_refused): units alike share one answer in a batch,
    but each question names its own unit, as when the unit is evaluated alone."""
    units = tuple(
        Unit(id=f"{kind}{i}", kind=kind, region=region)
        for kind, region in (
            ("financial_institution", "xinjiang/r1"),
            ("logistics_delivery", "inner_mongolia/ordos/r2"),
        )
        for i in range(3)
    )
    batch = FactSet(units, ())
    whole = regulations.evaluate(batch, as_of=AS_OF, library=LIBRARY).to_json()
    assert {q["unit"] for q in whole["questions"]} == {u.id for u in units}
    for unit in units:
        alone = regulations.evaluate(batch, as_of=AS_OF, library=LIBRARY, units=[unit.id])
        mine = [q for q in whole["questions"] if q["unit"] == unit.id]
        assert alone.to_json()["questions"] == mine
        assert all(f"unit {unit.id}," in q["summary"] for q in mine)


@given(st.lists(st.tuples(unit_profiles(), st.sampled_from(REFS)), min_size=1, max_size=6))
def test_what_binds_a_profile_is_kept_for_it_alone(asked) -> None:
    """``applies`` keeps what binds each profile with the regulation's entry: an answer is
    the one worked out afresh, whatever was asked before it (other profiles, other laws,
    the same profile without its level, or with a concept asked)."""
    from regulations import queries

    for profile, ref in asked:
        kind, level, tags = profile.kind, profile.level, profile.tags
        for lv in (level, None):
            answer = regulations.applies(ref, kind, lv, tags, AS_OF, LIBRARY)
            entry = LIBRARY.entry(ref, AS_OF)
            articles, left_out = queries._articles(
                entry, queries._everything, kind, lv, tuple(dict.fromkeys(tags))
            )
            assert (answer.articles, answer.level_restricted) == (articles, left_out)
            drills = regulations.applies(
                ref, kind, lv, tags, AS_OF, LIBRARY, concepts=["emergency_drill"]
            )
            assert {r.id for a in drills.articles for r in a.rules} <= {
                r.id for a in answer.articles for r in a.rules if r.concept == "emergency_drill"
            }
