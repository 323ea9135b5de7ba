"""Hypothesis strategies for property tests of the law, and a counterexample search.

>>> from regulations.testing import unit_profiles, fact_sets, find_disagreement

Everything generated is valid by construction (codes from the vocabulary, levels only on
organizations, facts that name an existing unit) and shrinks towards small, readable
examples: the first kind, no level, no tags, few facts, early dates.

Needs the ``testing`` extra: ``pip install "regulations[testing]"``. The first example of a
test loads and compiles the law (a fraction of a second without the cache): give such tests
``@settings(deadline=None)`` or load the library (``regulations.load()``) beforehand. Bad
arguments (an unknown kind, territory or concept, a count that is not a whole number in its
range) raise typed errors (``regulations.Error``) when the strategy is built, not while it
draws. Regions are drawn from the territories of the shipped regulations, or of the
``library=`` given (``regulations.load(folder)`` with regulations of one's own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

try:
    from hypothesis import HealthCheck, find, settings
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "regulations.testing needs hypothesis: install the extra with "
        'pip install "regulations[testing]"'
    ) from exc

from engine import WeekendCalendar
from regulations import vocabulary as v
from regulations.errors import Choice, InvalidValueError, UnknownCodeError, flag
from regulations.evaluation import evaluate
from regulations.facts import (
    STAFF,
    Appeal,
    Assessment,
    Drill,
    Incident,
    LargeEvent,
    MajorDecision,
    MediationAgreement,
    Performed,
    Rectification,
    Risk,
    SanctionFact,
    SupervisionOrder,
    Unit,
    UnitFact,
    Violation,
    region_contains,
)
from regulations.factsfile import FactSet
from regulations.library import Library, using
from regulations.limits import MAX_GENERATED_UNITS
from regulations.queries import applies, codes, unit_profile
from regulations.views import UnitProfile, as_date

__all__ = [
    "Disagreement",
    "fact_sets",
    "facts_for",
    "find_disagreement",
    "incidents",
    "regions",
    "territories",
    "unit_profiles",
    "units",
]

# codes the generated violations and performed duties use: duties the texts sanction or time
VIOLATED = (
    "pingan_responsibility",
    "target_responsibility",
    "no_false_reporting",
    "official_misconduct",
)
PERFORMED = ("emergency_drill", "appeal_review", "risk_screening", "pingan_culture")
_SLUGS = st.sampled_from(("a", "b", "dongsheng", "xincheng", "tianshan", "xihu", "east", "west"))
_DAYS = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2026, 6, 30))


def _refused(what: str, value: object, wanted: str, right_type: bool) -> InvalidValueError:
    """The error for an argument that is not what is ``wanted`` (its type named if wrong)."""
    note = "" if right_type else f" (got {type(value).__name__})"
    huge = isinstance(value, int) and abs(value) >= 10**18  # not echoed whole (nor in error)
    shown = "a number of more than 18 digits" if huge else str(value)
    return InvalidValueError(what, shown, f"give {wanted}{note}")


def _whole(what: str, value: object, low: int, high: int | None = None) -> int:
    """A whole-number argument (an int, not a bool) from ``low`` to ``high``, checked now."""
    wanted = f"a whole number {f'from {low} to {high}' if high is not None else f'≥ {low}'}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refused(what, value, wanted, False)
    if value < low or (high is not None and value > high):
        raise _refused(what, value, wanted, True)
    return value


def _text(what: str, value: object) -> str:
    """A code argument (a unit id, a concept): non-empty text, checked now."""
    if not isinstance(value, str) or not value:
        raise _refused(what, value, "a non-empty string", isinstance(value, str))
    return value


def _kinds(kinds: Sequence[str] | None) -> st.SearchStrategy[str]:
    """The kinds to draw from, checked now (one string is one kind)."""
    pool = list(codes(kinds)) if kinds is not None else sorted(v.KIND_CODES)
    for kind in pool:
        unit_profile(kind)  # an unknown kind is an UnknownCodeError when the strategy is built
    if not pool:
        raise InvalidValueError("kinds", "[]", "give at least one unit kind")
    return st.sampled_from(pool)


def territories(library: Library | None = None) -> tuple[str, ...]:
    """The territories the loaded regulations govern (``inner_mongolia/ordos``, …), sorted."""
    library = using(library)
    return tuple(sorted({e.regulation.meta.territory for e in library.entries()}))


def _bases(territory: str | None, library: Library | None) -> tuple[str, ...]:
    """The territory asked for, checked now, or every one the library's regulations govern."""
    known = territories(library)
    if territory is None:
        return known
    if territory not in known:
        raise UnknownCodeError("territory", str(territory), Choice(known))
    return (territory,)


def unit_profiles(
    kinds: Sequence[str] | None = None, levels: bool = True, tags: bool = True
) -> st.SearchStrategy[UnitProfile]:
    """A unit profile: a kind, a level (one the kind can have, `vocabulary.levels_of`) and
    tags (organizations only)."""
    return _unit_profiles(_kinds(kinds), flag("levels", levels), flag("tags", tags))


@st.composite
def _unit_profiles(
    draw: Any, kinds: st.SearchStrategy[str], levels: bool, tags: bool
) -> UnitProfile:
    kind = draw(kinds)
    person = v.is_person(kind)
    possible = v.levels_of(kind)  # a level the kind can have (a school has none)
    level = (
        None
        if person or not levels or not possible
        else draw(st.none() | st.sampled_from(possible))
    )
    chosen: tuple[str, ...] = ()
    if tags and not person:
        chosen = tuple(sorted(draw(st.sets(st.sampled_from(sorted(v.TAG_CODES)), max_size=3))))
    return UnitProfile(kind, level, chosen)


def regions(
    territory: str | None = None, depth: int | None = None, library: Library | None = None
) -> st.SearchStrategy[str]:
    """A region code inside a territory (or any one the library's regulations govern; the
    shipped ones by default), ``depth`` levels (0 to 3) below it."""
    if depth is not None:
        _whole("depth", depth, 0, 3)
    return _regions(_bases(territory, library), depth)


@st.composite
def _regions(draw: Any, bases: tuple[str, ...], depth: int | None) -> str:
    base = draw(st.sampled_from(bases))
    extra = depth if depth is not None else draw(st.integers(0, 2))
    parts = [draw(_SLUGS) for _ in range(extra)]
    return "/".join([base, *parts])


def units(
    id: str | None = None,
    kinds: Sequence[str] | None = None,
    territory: str | None = None,
    library: Library | None = None,
) -> st.SearchStrategy[Unit]:
    """A Unit fact with a region in ``territory`` (by default any one the library's
    regulations govern; the shipped ones unless ``library`` is given)."""
    if id is not None:
        _text("id", id)
    return _units(id, unit_profiles(kinds), regions(territory, library=library))


@st.composite
def _units(
    draw: Any,
    id: str | None,
    profiles: st.SearchStrategy[UnitProfile],
    places: st.SearchStrategy[str],
) -> Unit:
    profile = draw(profiles)
    region = draw(places)
    unit_id = id or draw(st.from_regex(r"u[0-9]{1,3}", fullmatch=True))
    return Unit(
        id=unit_id,
        kind=profile.kind,
        level=profile.level,
        tags=frozenset(profile.tags),
        region=region,
    )


def incidents(unit: str) -> st.SearchStrategy[Incident]:
    """Incidents of a unit: any kind and severity, with the flags the texts condition on."""
    return st.builds(
        Incident,
        unit=st.just(_text("unit", unit)),
        kind=st.sampled_from(v.INCIDENT_CODES),
        severity=st.sampled_from(v.SEVERITY_CODES),
        date=_DAYS,
        concealed=st.booleans(),
        falsely_reported=st.booleans(),
        measures_not_taken=st.booleans(),
        casualties=st.integers(0, 50),
    )


def _events(unit: str) -> st.SearchStrategy[UnitFact]:
    measures = st.sampled_from(sorted(v.MEASURE_CODES))
    return st.one_of(
        st.builds(
            Assessment,
            unit=st.just(unit),
            year=st.integers(2023, 2025),
            result=st.sampled_from(("excellent", "passed", "basically_passed", "failed")),
            date=_DAYS,
        ),
        st.builds(
            Violation,
            unit=st.just(unit),
            concept=st.sampled_from(VIOLATED),
            date=_DAYS,
            serious=st.none() | st.booleans(),
        ),
        st.builds(Risk, unit=st.just(unit), date=_DAYS),
        st.builds(Drill, unit=st.just(unit), date=_DAYS),
        st.builds(MajorDecision, unit=st.just(unit), date=_DAYS),
        st.builds(
            LargeEvent, unit=st.just(unit), date=_DAYS, attendance=st.none() | st.integers(0, 10**5)
        ),
        st.builds(MediationAgreement, unit=st.just(unit), date=_DAYS),
        st.builds(Rectification, unit=st.just(unit), measure=st.none() | measures, date=_DAYS),
        st.builds(
            SupervisionOrder,
            unit=st.just(unit),
            measure=st.just("listed_supervision"),
            issued=_DAYS,
            deadline=st.dates(min_value=dt.date(2026, 7, 1), max_value=dt.date(2026, 12, 31)),
        ),
        st.builds(SanctionFact, unit=st.just(unit), measure=measures, date=_DAYS),
        st.builds(
            Appeal,
            unit=st.just(unit),
            measure=st.just("one_vote_veto"),
            received=_DAYS,
            status=st.sampled_from(("under_review", "upheld", "revoked")),
        ),
        st.builds(Performed, unit=st.just(unit), concept=st.sampled_from(PERFORMED), date=_DAYS),
    )


def facts_for(unit: str, max_facts: int = 4) -> st.SearchStrategy[list[UnitFact]]:
    """A short history of incidents and events for one unit: up to ``max_facts`` (≥ 0)."""
    _whole("max_facts", max_facts, 0)
    return st.lists(st.one_of(incidents(unit), _events(unit)), max_size=max_facts)


def fact_sets(
    max_units: int = 3,
    kinds: Sequence[str] | None = None,
    territory: str | None = None,
    max_facts: int = 4,
    library: Library | None = None,
) -> st.SearchStrategy[FactSet]:
    """A whole facts file: 1 to ``max_units`` units (at most ``MAX_GENERATED_UNITS``), each
    with up to ``max_facts`` facts, in ``territory`` (any governed by the library's
    regulations by default)."""
    _whole("max_units", max_units, 1, MAX_GENERATED_UNITS)
    _whole("max_facts", max_facts, 0)
    profiles = unit_profiles(kinds)
    places = regions(territory, library=library)
    return _fact_sets(max_units, profiles, places, max_facts)


@st.composite
def _fact_sets(
    draw: Any,
    max_units: int,
    profiles: st.SearchStrategy[UnitProfile],
    places: st.SearchStrategy[str],
    max_facts: int,
) -> FactSet:
    count = draw(st.integers(1, max_units))
    members = [draw(_units(f"u{i}", profiles, places)) for i in range(count)]
    organizations = [m.id for m in members if not v.is_person(m.kind)]
    for at, member in enumerate(members):  # a staff member may name its unit (staff_of)
        if organizations and STAFF in v.lineage(member.kind):
            unit = draw(st.none() | st.sampled_from(organizations))
            members[at] = member.model_copy(update={"staff_of": unit})
    history: list[UnitFact] = []
    for member in members:
        history.extend(draw(facts_for(member.id, max_facts)))
    return FactSet(tuple(members), tuple(history))


@dataclass(frozen=True)
class Disagreement:
    """A unit and history on which two regulations treat a concept differently."""

    concept: str
    unit: Unit
    facts: tuple[UnitFact, ...]
    outcomes: Mapping[str, Any]


def _outcome(
    reg: str,
    unit: Unit,
    facts: tuple[UnitFact, ...],
    concept: str,
    as_of: dt.date,
    library: Library,
) -> tuple[Any, ...]:
    """What ``reg`` says of the unit and its facts about ``concept``: the modalities binding
    it and what is derived. The unit is placed inside ``reg``'s territory (the texts are
    compared, not how far each reaches: outside it, a law derives nothing)."""
    territory = library.entry(reg).regulation.meta.territory
    if unit.region is not None and not region_contains(territory, unit.region):
        unit = unit.model_copy(update={"region": territory})
    answer = applies(reg, unit.kind, unit.level, tuple(sorted(unit.tags)), as_of, library)
    bound = tuple(
        sorted(
            {
                r.modality
                for a in answer.articles
                for r in a.rules
                if r.concept == concept
                or (concept.startswith("sanction:") and concept[9:] in r.measures)
            }
        )
    )
    report = evaluate(
        FactSet((unit,), facts),
        regulation=reg,
        as_of=as_of,
        calendar=WeekendCalendar(),
        library=library,
    )
    derived: set[Any] = set()
    for result in report.results:
        derived |= {("obligation", c.status) for c in result.obligations if c.concept == concept}
        derived |= {
            ("sanction", c.measure, c.suspended)
            for c in result.sanctions
            if concept.startswith("sanction:") and c.measure == concept[9:]
        }
    return bound, tuple(sorted(derived, key=str))


def find_disagreement(
    a: str,
    b: str,
    concept: str,
    kinds: Sequence[str] | None = None,
    as_of: dt.date = dt.date(2026, 7, 1),
    max_examples: int = 300,
    library: Library | None = None,
) -> Disagreement | None:
    """Search for a unit and fact history on which regulations ``a`` and ``b`` disagree about
    ``concept`` (a concept code, or ``sanction:<measure>``): whether and how it binds the
    unit, or what follows from the facts. Units are drawn in the territories of ``a`` and
    ``b`` and each regulation judges the unit as inside its own territory (the texts are
    compared, not their reach). Returns the minimised example, or None."""
    library = using(library)
    # an unknown regulation is an UnknownCodeError
    governed = sorted({library.entry(ref).regulation.meta.territory for ref in (a, b)})
    _text("concept", concept)
    _whole("max_examples", max_examples, 1)
    as_of = as_date(as_of)
    if concept.startswith("sanction:"):
        if concept[9:] not in v.MEASURE_CODES:
            raise UnknownCodeError("measure", concept[9:], Choice(tuple(sorted(v.MEASURE_CODES))))
    elif concept not in library.concepts:
        from engine import suggest

        raise UnknownCodeError(
            "concept",
            concept,
            Choice(pointer="`regulations concepts` lists them; or sanction:<measure>"),
            suggest(concept, library.concepts),
        )
    drawn = _units("u0", unit_profiles(kinds), _regions(tuple(governed), None))
    strategy = st.builds(lambda u, f: (u, tuple(f)), drawn, facts_for("u0", 3))

    def disagree(case: tuple[Unit, tuple[UnitFact, ...]]) -> bool:
        unit, facts = case
        return _outcome(a, unit, facts, concept, as_of, library) != _outcome(
            b, unit, facts, concept, as_of, library
        )

    try:
        unit, facts = find(
            strategy,
            disagree,
            settings=settings(
                max_examples=max_examples,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            ),
        )
    except Exception as exc:  # hypothesis.errors.NoSuchExample
        if type(exc).__name__ == "NoSuchExample":
            return None
        raise
    outcomes = {ref: _outcome(ref, unit, facts, concept, as_of, library) for ref in (a, b)}
    return Disagreement(concept, unit, facts, MappingProxyType(outcomes))
