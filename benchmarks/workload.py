"""The shared benchmark workload, written once as data (after the peer measurements in the
project's reference notes): N units, N/2 incidents, 51 rules.

- 45 filters, one per region × kind group: Unit(region == r, kind in G, level >= L) → obligation
- 5 joins, one per region: Incident(unit = u, severity >= 3) & Unit(id = u, region == r) → interview
- 1 chained rule: interview(u) & Incident(u, severity >= 3, d1) & Incident(u, d2), 0 < d2 - d1 <= 90
  → listed_supervision

Derived facts have set semantics; every engine reports them as ('ob' | 'sanction', unit, code).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable
from dataclasses import dataclass

KINDS = tuple(f"k{i:02d}" for i in range(20))
REGIONS = ("north", "south", "east", "west", "centre")
# nine kind groups (some kinds in two groups), each with the least level it needs
GROUPS: tuple[tuple[tuple[str, ...], int], ...] = (
    (KINDS[0:3], 1),
    (KINDS[3:5], 2),
    (KINDS[5:8], 3),
    (KINDS[8:10], 1),
    (KINDS[10:13], 4),
    (KINDS[13:15], 2),
    (KINDS[15:18], 5),
    (KINDS[18:20], 3),
    ((KINDS[0], KINDS[10], KINDS[19]), 2),
)
FILTER_RULES = tuple(
    (f"{region}-g{index}", region, kinds, level)
    for region in REGIONS
    for index, (kinds, level) in enumerate(GROUPS)
)
JOIN_RULES = REGIONS
MAJOR = 3
WINDOW = 90


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    kind: str
    region: str
    level: int


@dataclass(frozen=True, slots=True)
class Incident:
    id: int
    unit: int
    kind: str
    severity: int
    date: int


def make_data(n: int, seed: int = 20261122) -> tuple[list[Unit], list[Incident]]:
    """N units and N/2 incidents; 70 % of incidents fall on a hot 10 % of units."""
    rng = random.Random(seed)
    units = [Unit(i, rng.choice(KINDS), rng.choice(REGIONS), rng.randint(1, 5)) for i in range(n)]
    hot = max(1, n // 10)
    incidents = []
    for j in range(n // 2):
        unit = rng.randrange(hot) if rng.random() < 0.7 else rng.randrange(n)
        incidents.append(
            Incident(
                j,
                unit,
                rng.choice(("crime", "fire", "accident")),
                rng.randint(1, 4),
                rng.randrange(730),
            )
        )
    return units, incidents


def signature(derived: Iterable[tuple[str, int, str]]) -> dict[str, object]:
    """Counts and a sha256 of the sorted derived set: equal signatures, equal results."""
    items = sorted(set(derived))
    digest = hashlib.sha256("\n".join(f"{a}|{b}|{c}" for a, b, c in items).encode()).hexdigest()
    return {
        "derived": len(items),
        "obligation": sum(1 for a, _, _ in items if a == "ob"),
        "interview": sum(1 for _, _, c in items if c == "interview"),
        "listed_supervision": sum(1 for _, _, c in items if c == "listed_supervision"),
        "derived_sha": digest,
    }
