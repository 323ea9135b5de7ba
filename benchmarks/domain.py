"""Domain benchmark: N units across the territories of the five regulations, with incidents
and events, through the real encoded rules (`applies` and `evaluate`)."""

from __future__ import annotations

import cProfile
import datetime as dt
import importlib.util
import io
import pstats
import random
import time
from typing import Any
from unittest import mock

import regulations
from regulations.facts import (
    Appeal,
    Assessment,
    Incident,
    Performed,
    SupervisionOrder,
    Unit,
    Violation,
)
from regulations.factsfile import FactSet

TERRITORIES = {
    "inner_mongolia/ordos": "ordos",
    "inner_mongolia/hohhot": "hohhot",
    "xinjiang": "xinjiang",
    "zhejiang": "zhejiang",
}
PROFILES: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("school", None, ()),
    ("hospital", None, ("crowded_place",)),
    ("enterprise", None, ()),
    ("financial_institution", None, ()),
    ("logistics_delivery", None, ()),
    ("large_commercial_center", None, ("crowded_place", "key_site")),
    ("people_government", "county", ()),
    ("people_government", "township", ()),
    ("public_security", "county", ("member_unit",)),
    ("villagers_committee", None, ()),
    ("residents_committee", None, ()),
    ("citizen", None, ()),
    ("pingan_coordinating_body", "prefecture", ()),
    ("government_department", "county", ("member_unit",)),
)
AS_OF = dt.date(2025, 6, 30)


def make_population(n: int, seed: int = 7) -> FactSet:
    rng = random.Random(seed)
    units = []
    for i in range(n):
        kind, level, tags = rng.choice(PROFILES)
        territory = rng.choice(list(TERRITORIES))
        units.append(
            Unit(
                id=f"u{i}",
                kind=kind,
                level=level,
                tags=frozenset(tags),  # type: ignore[arg-type]
                region=f"{territory}/r{rng.randrange(20)}",
            )
        )
    facts: list[Any] = []

    def day() -> dt.date:
        return dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(540))

    for _ in range(n // 2):
        unit = units[rng.randrange(n // 10) if rng.random() < 0.7 else rng.randrange(n)]
        facts.append(
            Incident(
                unit=unit.id,
                kind=rng.choice(("criminal_case", "mass_incident", "production_safety_accident")),
                severity=rng.choice(("ordinary", "larger", "major", "especially_major")),
                date=day(),
                measures_not_taken=rng.random() < 0.1,
            )
        )
    for _ in range(n // 10):
        unit = rng.choice(units)
        facts.append(
            Assessment(unit=unit.id, year=2024, result=rng.choice(("passed", "failed")), date=day())
        )
        facts.append(
            Violation(unit=rng.choice(units).id, concept="pingan_responsibility", date=day())
        )
        facts.append(Performed(unit=rng.choice(units).id, concept="emergency_drill", date=day()))
    for _ in range(n // 50):
        unit = rng.choice(units)
        facts.append(
            SupervisionOrder(
                unit=unit.id,
                measure="listed_supervision",
                issued=day(),
                deadline=dt.date(2025, 9, 30),
            )
        )
        facts.append(Appeal(unit=rng.choice(units).id, measure="one_vote_veto", received=day()))
    return FactSet(tuple(units), tuple(facts))


def columnar_coverage(facts: FactSet, library: Any) -> tuple[int, int]:
    """(unit-regulation pairs evaluated through the columnar backend, those of them it
    handed to the reference engine): each call of the backend counted as it returns."""
    from engine import columnar

    counted = [0, 0]
    backend = columnar.evaluate

    def counting(evaluator: Any, subjects: Any, *args: Any, **kwargs: Any) -> Any:
        found = backend(evaluator, subjects, *args, **kwargs)
        counted[0] += subjects.height
        counted[1] += len(found.reference)
        return found

    with mock.patch.object(columnar, "evaluate", counting), regulations.collector_paused():
        regulations.evaluate(facts, as_of=AS_OF, library=library, engine="columnar")
    return counted[0], counted[1]


def run_domain(n: int) -> dict[str, Any]:
    """Units per second for `applies` and `evaluate`, with evaluate's top functions."""
    library = regulations.load()
    facts = make_population(n)
    start = time.perf_counter()
    for unit in facts.units:
        assert unit.region is not None
        ref = TERRITORIES[unit.region.rsplit("/", 1)[0]]
        regulations.applies(ref, unit.kind, unit.level, tuple(unit.tags), AS_OF, library)
    applies_s = time.perf_counter() - start
    with regulations.collector_paused():  # a batch, as `regulations evaluate` runs it
        start = time.perf_counter()
        report = regulations.evaluate(facts, as_of=AS_OF, library=library)
        evaluate_s = time.perf_counter() - start
        start = time.perf_counter()  # every unit named: as fast as none named (was a scan per unit)
        regulations.evaluate(facts, as_of=AS_OF, units=[u.id for u in facts.units], library=library)
        named_s = time.perf_counter() - start
    profiler = cProfile.Profile()  # a second, profiled run: the profiler slows it down
    profiler.enable()
    regulations.evaluate(facts, as_of=AS_OF, library=library)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(6)
    top = [" ".join(line.split()) for line in out.getvalue().splitlines() if ".py:" in line][:6]
    derived = sum(len(r.obligations) + len(r.sanctions) for r in report.results)
    columnar: dict[str, Any] = {}
    if importlib.util.find_spec("polars") is not None:
        start = time.perf_counter()
        with regulations.collector_paused():
            other = regulations.evaluate(facts, as_of=AS_OF, library=library, engine="columnar")
        columnar_s = time.perf_counter() - start
        pairs, handed = columnar_coverage(facts, library)
        columnar = {
            "evaluate_columnar_units_per_s": round(n / columnar_s),
            "evaluate_columnar_s": round(columnar_s, 3),
            "columnar_identical": other.to_json() == report.to_json(),
            "columnar_pairs": pairs,
            "columnar_handed_to_reference": handed,
        }
    return {
        "units": n,
        "facts": len(facts.facts),
        "applies_units_per_s": round(n / applies_s),
        "evaluate_units_per_s": round(n / evaluate_s),
        "evaluate_s": round(evaluate_s, 3),
        "evaluate_every_unit_named_s": round(named_s, 3),
        "derived": derived,
        "undetermined": sum(len(r.undetermined) for r in report.results),
        **columnar,
        "profile_top": top,
    }


if __name__ == "__main__":
    import json
    import sys

    print(
        json.dumps(
            run_domain(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000),
            indent=2,
            ensure_ascii=False,
        )
    )
