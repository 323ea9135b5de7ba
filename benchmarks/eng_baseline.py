"""Hand-written Python with dict indexes: the floor every engine is measured against."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from benchmarks.workload import FILTER_RULES, MAJOR, WINDOW, Incident, Unit


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    timer("build")
    by_unit: dict[int, list[Incident]] = defaultdict(list)
    for incident in incidents:
        by_unit[incident.unit].append(incident)
    timer("load")
    derived: set[tuple[str, int, str]] = set()
    filters: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for code, region, kinds, level in FILTER_RULES:
        for kind in kinds:
            filters[(region, kind)].append((code, level))
    for unit in units:
        for code, level in filters.get((unit.region, unit.kind), ()):
            if unit.level >= level:
                derived.add(("ob", unit.id, code))
        own = by_unit.get(unit.id)
        if not own:
            continue
        if any(i.severity >= MAJOR for i in own):
            derived.add(("sanction", unit.id, "interview"))
            majors = [i.date for i in own if i.severity >= MAJOR]
            dates = [i.date for i in own]
            if any(0 < d2 - d1 <= WINDOW for d1 in majors for d2 in dates):
                derived.add(("sanction", unit.id, "listed_supervision"))
    timer("run")
    return list(derived)
