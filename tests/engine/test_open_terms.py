"""Open terms settled per case: a flag on a fact settles a term for the conclusions resting on
that fact or on a fact linked to it, never for another case of the same subject."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from toyschema import SCHEMA, Subject

from engine import (
    Evaluator,
    FactType,
    FieldType,
    ParamSpec,
    RuleSource,
    WeekendCalendar,
    compile_sources,
)
from engine.span import Origin

D = dt.date
BANK = Subject("b1", "bank", "county")
JUNE = D(2024, 6, 1)
FLAG = FieldType("flag", unknown_allowed=True)

# the toy schema with a flag that settles ``serious`` for a case: on the incident, and on a
# decision (``order``) that names the incident it rests on (``ground``)
_FACTS = dict(SCHEMA.facts)
_FACTS["incident"] = dataclasses.replace(
    SCHEMA.facts["incident"],
    fields={**SCHEMA.facts["incident"].fields, "grave": FLAG, "order": FieldType("link", targets=("order",))},
)  # fmt: skip
_FACTS["order"] = FactType(
    "order",
    {"date": FieldType("date"), "ground": FieldType("link", targets=("incident",)), "grave": FLAG},
)
CASE_SCHEMA = dataclasses.replace(
    SCHEMA,
    facts=_FACTS,
    subject_params="params",
    params={
        **SCHEMA.params,
        "serious": ParamSpec("serious", "flag", None, decided_by=(("incident", "grave"), ("order", "grave"))),
    },
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Incident:
    unit: str
    kind: str
    severity: str
    date: dt.date
    grave: bool | None = None
    id: str | None = None
    order: str | tuple[str, ...] | None = None
    hidden: bool | None = False
    fact_type: str = "incident"

    @property
    def label(self) -> str:
        return self.id or f"incident {self.date}"


@dataclasses.dataclass(frozen=True)
class Order:
    unit: str
    date: dt.date
    ground: str | tuple[str, ...] | None = None
    grave: bool | None = None
    id: str | None = None
    fact_type: str = "order"


ESCALATING = """sanction interview "x"
  who org
  when incident(severity >= major)
  escalate when param serious to discipline"""


def run(text: str, facts: list[Any], subject: Any = BANK, **params: object):  # type: ignore[no-untyped-def]
    rules = compile_sources(
        [RuleSource("t.1", text, Origin("toy.yaml", 1, 1, "toy"), {"article": 1})], CASE_SCHEMA
    )
    evaluator = Evaluator(rules, as_of=JUNE, params=params, calendar=WeekendCalendar())
    return evaluator.run([subject], facts).results[0]


def escalated(result: Any) -> list[tuple[str, ...]]:
    """The facts each escalated measure rests on (by label)."""
    return sorted(
        tuple(getattr(f, "id", None) or str(f.date) for f in c.support)
        for c in result.of_kind("sanction")
        if c.escalated
    )


def open_on(result: Any) -> list[tuple[str, ...]]:
    """The facts each escalation left open rests on."""
    return sorted(
        tuple(getattr(f, "id", None) or str(f.date) for f in u.support)
        for u in result.undetermined
        if u.escalation
    )


def test_a_flag_settles_the_case_of_the_fact_it_is_on_only() -> None:
    flagged = Incident("b1", "crime", "major", D(2024, 3, 1), grave=True, id="i1")
    other = Incident("b1", "crime", "major", D(2024, 4, 1), id="i2")
    result = run(ESCALATING, [flagged, other])
    assert escalated(result) == [("i1",)]
    assert open_on(result) == [("i2",)]
    (conclusion,) = (c for c in result.of_kind("sanction") if c.escalated)
    assert conclusion.terms == (("serious", True, "case", (flagged,)),)


def test_a_decision_naming_the_case_as_its_ground_settles_it() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    order = Order("b1", D(2024, 3, 5), ground="i1", grave=True, id="o1")
    result = run(ESCALATING, [incident, order])
    assert escalated(result) == [("i1",)]
    (conclusion,) = (c for c in result.of_kind("sanction") if c.escalated)
    assert conclusion.terms == (("serious", True, "link", (order,)),)


def test_a_decision_the_case_names_settles_it() -> None:
    """The other direction: the case's fact names the decision (a rectification its order)."""
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1", order="o1")
    order = Order("b1", D(2024, 3, 5), grave=True, id="o1")
    result = run(ESCALATING, [incident, order])
    (conclusion,) = (c for c in result.of_kind("sanction") if c.escalated)
    assert conclusion.terms == (("serious", True, "link", (order,)),)


def test_a_decision_found_not_serious_outweighs_the_unit_and_the_run() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    order = Order("b1", D(2024, 3, 5), ground="i1", grave=False, id="o1")
    own = Subject("b1", "bank", "county", params=(("serious", True),))
    for subject in (BANK, own):
        result = run(ESCALATING, [incident, order], subject, serious=True)
        assert escalated(result) == [] and open_on(result) == []
        (conclusion,) = result.of_kind("sanction")
        assert conclusion.terms == (("serious", False, "link", (order,)),)
    # without the decision, the unit's own setting decides, over the run's
    (conclusion, _) = sorted(
        run(ESCALATING, [incident], own, serious=False).of_kind("sanction"),
        key=lambda c: c.escalated,
        reverse=True,
    )
    assert conclusion.escalated and conclusion.terms == (("serious", True, "subject", ()),)


def test_the_case_s_own_flag_comes_before_a_linked_one() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), grave=False, id="i1")
    order = Order("b1", D(2024, 3, 5), ground="i1", grave=True, id="o1")
    assert escalated(run(ESCALATING, [incident, order])) == []


def test_an_unrelated_or_open_link_settles_nothing() -> None:
    """A decision on another case, on no case, or among candidates (a link the facts leave
    open) does not settle this case: the run's value does, else it stays open."""
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    decisions = [
        Order("b1", D(2024, 3, 5), ground="i9", grave=True, id="o1"),
        Order("b1", D(2024, 3, 5), grave=True, id="o2"),
        Order("b1", D(2024, 3, 5), ground=("i1", "i9"), grave=True, id="o3"),
        Incident("b1", "fire", "minor", D(2024, 2, 1), grave=True, id="i9"),
    ]
    result = run(ESCALATING, [incident, *decisions])
    assert escalated(result) == [] and open_on(result) == [("i1",)]
    settled = run(ESCALATING, [incident, *decisions], serious=False)
    assert escalated(settled) == [] and open_on(settled) == []
    (conclusion,) = settled.of_kind("sanction")
    assert conclusion.terms == (("serious", False, "run", ()),)


def test_a_conclusion_with_no_case_of_its_own_reads_the_subject_s_flags() -> None:
    """Its only ground is an open term: no fact is its case, so a flag the deciding body
    set on any of the subject's facts is what the facts say (after the unit's own setting)."""
    text = 'sanction discipline "x"\n  who org\n  when param serious\n'
    flagged = Incident("b1", "fire", "minor", D(2024, 2, 1), grave=True, id="i9")
    result = run(text, [flagged])
    (conclusion,) = result.of_kind("sanction")
    assert conclusion.terms == (("serious", True, "facts", (flagged,)),)


@st.composite
def incidents(draw: st.DrawFn, prefix: str, n: int, first: int = 0) -> list[Incident]:
    """``n`` incidents on days apart (a sanction is one per measure and day: two cases of
    one day would give one conclusion, whichever came first)."""
    days = draw(st.lists(st.integers(first, first + 120), min_size=n, max_size=n, unique=True))
    return [
        Incident(
            "b1",
            draw(st.sampled_from(("crime", "fire"))),
            draw(st.sampled_from(("minor", "major", "huge"))),
            D(2024, 1, 1) + dt.timedelta(days=day),
            grave=draw(st.sampled_from((None, True, False))),
            id=f"{prefix}{i}",
        )
        for i, day in enumerate(days)
    ]


def _shown(result: Any, extra: Any) -> set[tuple[Any, ...]]:
    """What a result says of the cases that do not rest on ``extra``: each conclusion and
    each open item, by its facts, measure and the open terms' values."""
    kept = set()
    for c in result.conclusions:
        if extra not in c.support:
            kept.add((c.kind, c.measure, c.escalated, tuple(map(id, c.support)), c.terms))
    for u in result.undetermined:
        if extra not in u.support:
            kept.add(("?", u.needs, u.escalation, tuple(map(id, u.support))))
    return kept


@given(
    st.integers(1, 4).flatmap(lambda n: incidents("i", n)),
    incidents("x", 1, first=200),
    st.sampled_from(({}, {"serious": True}, {"serious": False})),
)
def test_a_flagged_fact_of_another_case_changes_no_conclusion(
    case: list[Incident], extra: list[Incident], params: dict[str, bool]
) -> None:
    """Adding a fact that carries the flag, linked to nothing, changes nothing that rests on
    the other facts: every conclusion and open item of theirs stays as it was."""
    (added,) = extra
    before = run(ESCALATING, case, **params)
    after = run(ESCALATING, [*case, added], **params)
    assert _shown(after, added) == _shown(before, added)


# A sanction the rules derive keeps its case: a rule reading it (受到挂牌督办的…情节严重的) is
# settled by a flag on the facts the sanction was derived from, as if it rested on them.
FOLLOWS = """sanction veto "x"
  who org
  when incident(severity >= major)
sanction no_honours "y"
  who org
  when sanction(measure = veto) and param serious"""


def _honours(result: Any) -> list[Any]:
    return [c for c in result.conclusions if c.measure == "no_honours"]


def test_a_derived_sanction_keeps_the_facts_it_rests_on() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    result = run(FOLLOWS, [incident])
    (veto,) = result.derived
    assert veto.measure == "veto" and veto.support == (incident,)
    # what it rests on is not what it is: the same sanction resting elsewhere is equal
    assert veto == veto._replace(support=()) and hash(veto) == hash(veto._replace(support=()))
    assert not veto != veto._replace(support=())  # noqa: SIM202 (tuple's own != compares all)


def test_a_flag_on_the_derived_sanction_s_case_settles_what_follows_from_it() -> None:
    flagged = Incident("b1", "crime", "major", D(2024, 3, 1), grave=True, id="i1")
    result = run(FOLLOWS, [flagged])
    (honours,) = _honours(result)
    (veto,) = (d for d in result.derived if d.measure == "veto")
    assert honours.support == (veto,)
    assert honours.terms == (("serious", True, "case", (flagged,)),)
    assert result.undetermined == ()


def test_the_case_found_not_serious_settles_it_against_over_the_run() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), grave=False, id="i1")
    for params in ({}, {"serious": True}):
        result = run(FOLLOWS, [incident], **params)
        assert _honours(result) == [] and result.undetermined == ()


def test_with_no_flag_on_the_case_it_stays_open_as_before() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    result = run(FOLLOWS, [incident])
    assert _honours(result) == []
    assert [(u.rule.id, u.needs) for u in result.undetermined] == [("t.1.2", ("serious",))]


def test_a_flag_on_another_case_does_not_settle_the_derived_sanction_s() -> None:
    """The minor fire is no ground of the veto: its flag is another case's."""
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    other = Incident("b1", "fire", "minor", D(2024, 2, 1), grave=True, id="i9")
    result = run(FOLLOWS, [incident, other])
    assert _honours(result) == []
    assert [(u.rule.id, u.needs) for u in result.undetermined] == [("t.1.2", ("serious",))]


def test_a_decision_linked_to_the_derived_sanction_s_case_settles_it() -> None:
    incident = Incident("b1", "crime", "major", D(2024, 3, 1), id="i1")
    order = Order("b1", D(2024, 3, 5), ground="i1", grave=True, id="o1")
    (honours,) = _honours(run(FOLLOWS, [incident, order]))
    assert honours.terms == (("serious", True, "link", (order,)),)


def test_the_case_is_followed_through_a_chain_of_derived_sanctions() -> None:
    text = """sanction veto "x"
  who org
  when incident(severity >= major)
sanction interview "z"
  who org
  when sanction(measure = veto)
sanction no_honours "y"
  who org
  when sanction(measure = interview) and param serious"""
    flagged = Incident("b1", "crime", "major", D(2024, 3, 1), grave=True, id="i1")
    result = run(text, [flagged])
    (honours,) = _honours(result)
    (interview,) = honours.support
    assert interview.measure == "interview" and interview.support[0].measure == "veto"
    assert honours.terms == (("serious", True, "case", (flagged,)),)
    assert _honours(run(text, [dataclasses.replace(flagged, grave=False)])) == []


@given(incidents("i", 1), incidents("x", 1, first=200))
def test_what_follows_from_a_derived_sanction_reads_its_case_as_if_it_rested_on_it(
    case: list[Incident], extra: list[Incident]
) -> None:
    """The rule over the derived sanction says what the same rule over the sanction's own
    facts says, whatever the flags; a flagged fact of no ground of the sanction (a minor
    incident) changes nothing."""
    direct = """sanction no_honours "y"
  who org
  when incident(severity >= major) and param serious"""
    (incident,) = case
    (added,) = extra
    added = dataclasses.replace(added, severity="minor")
    through = run(FOLLOWS, [incident, added])
    straight = run(direct, [incident])
    assert [c.terms[0][:2] for c in _honours(through)] == [
        c.terms[0][:2] for c in _honours(straight)
    ]
    assert [u.needs for u in through.undetermined] == [u.needs for u in straight.undetermined]


@given(incidents("i", 2), st.sampled_from(({}, {"serious": True}, {"serious": False})))
def test_the_columnar_backend_answers_a_derived_sanction_s_case_alike(
    case: list[Incident], params: dict[str, bool]
) -> None:
    """A unit whose facts flag an open term is the reference engine's (``_settled_apart``);
    the others are answered set at a time: the same conclusions and open items either way."""
    pl = pytest.importorskip("polars", reason="the columnar backend needs regulations[columnar]")
    from engine.columnar import evaluate

    plain = Subject("b2", "bank", "county")
    facts = [*case, *(dataclasses.replace(i, unit="b2", grave=None) for i in case)]
    rules = compile_sources(
        [RuleSource("t.1", FOLLOWS, Origin("toy.yaml", 1, 1, "toy"), {"article": 1})], CASE_SCHEMA
    )
    evaluator = Evaluator(rules, as_of=JUNE, params=params, calendar=WeekendCalendar())
    subjects = [BANK, plain]
    want = evaluator.run(subjects, facts).results
    rows = [
        {k: v for k, v in dataclasses.asdict(f).items() if k not in ("order", "id")} for f in facts
    ]
    units = pl.DataFrame(
        [{**dataclasses.asdict(s), "tags": sorted(s.tags)} for s in subjects],
        schema_overrides={"tags": pl.List(pl.String)},
    )
    frames = {"incident": pl.DataFrame(rows).with_row_index("_index").cast({"_index": pl.Int64})}
    by_id = {s.id: s for s in subjects}
    for cite in (False, True):
        found = evaluate(
            evaluator,
            units,
            frames,
            lambda row: by_id[row["id"]],
            {"incident": lambda row: facts[row["_index"]]},
            cite_facts=cite,
        )
        got = found.subject_results(subjects, rules, evaluator)
        for mine, theirs in zip(got, want, strict=True):
            assert [(c.rule.id, c.measure, c.start, c.terms[:1] and c.terms[0][:3]) for c in mine.conclusions] == [
                (c.rule.id, c.measure, c.start, c.terms[:1] and c.terms[0][:3]) for c in theirs.conclusions
            ]  # fmt: skip
            assert [(u.rule.id, u.needs) for u in mine.undetermined] == [
                (u.rule.id, u.needs) for u in theirs.undetermined
            ]
