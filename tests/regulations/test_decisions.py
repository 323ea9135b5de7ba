"""One decision, recorded and derived: a sanction the rules derive and the decision recorded
for it are one sanction (the veto of Xinjiang 52 and the veto decided; 54: 受到一票否决处理的
地方、部门、单位,取消其本年度评选综合性荣誉称号的资格 follows once, from the decision)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import regulations
from regulations.factsfile import read_facts

LIBRARY = regulations.load()
UNIT = {"id": "gov", "kind": "people_government", "level": "county",
        "region": "xinjiang/urumqi/tianshan"}  # fmt: skip


def _facts(incident: dt.date, decision: dt.date, grounded: bool) -> regulations.FactSet:
    veto: dict[str, object] = {
        "id": "veto", "unit": "gov", "measure": "one_vote_veto", "date": decision,
        "short_of_veto": False,
    }  # fmt: skip
    if grounded:
        veto["ground"] = "attack"
    return read_facts(
        {
            "units": [UNIT],
            "incidents": [
                {
                    "id": "attack",
                    "unit": "gov",
                    "kind": "terrorist_incident",
                    "severity": "major",
                    "date": incident,
                    "measures_not_taken": True,
                }
            ],
            "sanctions": [veto],
        },
        LIBRARY.concepts,
    )


def _sanctions(facts: regulations.FactSet, engine: str = "python") -> list[dict[str, object]]:
    report = regulations.evaluate(  # a veto, not short of one, for every case (Xinjiang 52)
        facts,
        as_of=dt.date(2026, 6, 30),
        regulation="xinjiang",
        params={"short_of_veto": "false"},
        library=LIBRARY,
        engine=engine,
    )
    (result,) = report.to_json()["results"]
    return list(result["sanctions"])


@given(
    st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31)),
    st.integers(0, 364),
    st.booleans(),
)
def test_a_veto_decided_for_its_grounds_is_counted_once(
    incident: dt.date, later: int, grounded: bool
) -> None:
    """Whatever the days, a veto recorded on the incident (or, naming none, later the same
    year) is the veto 52 derives: one veto, one bar, both from the decision's day."""
    decision = min(incident + dt.timedelta(days=later), dt.date(incident.year, 12, 31))
    found = _sanctions(_facts(incident, decision, grounded))
    vetoes = [s for s in found if s["measure"] == "one_vote_veto"]
    bars = [s for s in found if s["measure"] == "honor_disqualification"]
    assert [(s["from"], s.get("decision")) for s in vetoes] == [(decision.isoformat(), "veto")]
    assert [(s["from"], s["until"], s["facts"]) for s in bars] == [
        (decision.isoformat(), f"{decision.year}-12-31", ["veto"])
    ]


def test_a_decision_before_its_grounds_is_another_decision() -> None:
    """A veto decided before the incident cannot rest on it: two vetoes, the decided one's
    bar for its year, the other's undetermined until its decision is dated (本年度)."""
    found = _sanctions(_facts(dt.date(2025, 3, 2), dt.date(2025, 2, 1), grounded=False))
    vetoes = sorted(s["from"] for s in found if s["measure"] == "one_vote_veto")
    bars = sorted(s["from"] for s in found if s["measure"] == "honor_disqualification")
    assert vetoes == ["2025-03-02"] and bars == ["2025-02-01"]
    assert not any("decision" in s for s in found)


def test_the_columnar_backend_hands_a_unit_with_a_decision_to_the_reference_engine() -> None:
    facts = _facts(dt.date(2025, 3, 2), dt.date(2025, 4, 15), grounded=True)
    assert _sanctions(facts, "columnar") == _sanctions(facts)


def test_explain_says_the_derived_veto_is_the_decision_recorded() -> None:
    facts = _facts(dt.date(2025, 3, 2), dt.date(2025, 4, 15), grounded=True)
    bar = regulations.explain(
        facts, "gov", rule="xinjiang.54.1", as_of=dt.date(2025, 6, 30), library=LIBRARY
    ).lines()
    assert bar[0].startswith("✓ sanction honor_disqualification under xinjiang.54.1")
    assert "from 2025-04-15, until 2025-12-31" in bar[0]
    text = "\n".join(bar)
    assert "the decision given; it is the one_vote_veto xinjiang.52.3 derives" in text
    veto = "\n".join(
        regulations.explain(
            facts, "gov", rule="xinjiang.52.3", as_of=dt.date(2025, 6, 30), library=LIBRARY
        ).lines()
    )
    assert "is the decision given as sanction(id = veto" in veto


def _report(facts: regulations.FactSet, engine: str = "python") -> dict[str, object]:
    """The answer with short_of_veto left to the facts (no run value)."""
    report = regulations.evaluate(
        facts, as_of=dt.date(2026, 6, 30), regulation="xinjiang", library=LIBRARY, engine=engine
    )
    (result,) = report.to_json()["results"]
    return dict(result)


def _ungrounded(incident: dt.date, decision: dt.date) -> regulations.FactSet:
    """A veto recorded with neither its ground nor a finding on short_of_veto."""
    facts = _facts(incident, decision, grounded=False)
    veto = facts.facts[-1]
    assert veto.fact_type == "sanction"
    return regulations.FactSet(
        facts.units, (*facts.facts[:-1], veto.model_copy(update={"short_of_veto": None}))
    )


@given(st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31)), st.integers(-400, 364))
def test_a_veto_recorded_without_its_ground_decides_the_one_case_before_it_that_year(
    incident: dt.date, later: int
) -> None:
    """受到一票否决处理: the veto recorded is the body's finding that the case calling for it
    was not short of a veto (Xinjiang 52). For the one incident before it in its year, 52
    is decided by it — the veto from the decision's day, short_of_veto false set by the
    decision — and neither the veto nor the listed supervision stays undetermined beside
    its bar. A veto dated before the incident, or in another year, rests on no case: the
    incident's case stays open."""
    decision = incident + dt.timedelta(days=later)
    result = _report(_ungrounded(incident, decision))
    sanctions = result["sanctions"]
    open_items = result["undetermined"]
    assert isinstance(sanctions, list) and isinstance(open_items, list)
    vetoes = [s for s in sanctions if s["rule"] == "xinjiang.52.3"]
    on_attack = [u["rule"] for u in open_items if u["facts"] == ["attack"]]
    if decision.year == incident.year and decision >= incident:
        (veto,) = vetoes
        assert (veto["from"], veto["decision"]) == (decision.isoformat(), "veto")
        (term,) = [t for t in veto["terms"] if t["term"] == "short_of_veto"]
        assert (term["value"], term["set_by"], term["facts"]) == (False, "decision", ["veto"])
        assert on_attack == []
    else:
        assert vetoes == []
        assert on_attack == ["xinjiang.52.3", "xinjiang.52.4"]


def test_a_veto_recorded_without_its_ground_answers_alike_in_the_columnar_backend() -> None:
    for decision in (dt.date(2025, 4, 10), dt.date(2025, 2, 1)):
        facts = _ungrounded(dt.date(2025, 3, 2), decision)
        assert _report(facts, "columnar") == _report(facts)
