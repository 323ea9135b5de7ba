"""Hand-written DuckDB SQL for the shared workload: units and incidents as tables (from
Arrow), the 45 filters as one join against the rules as a table, the chained rule as a range
self-join."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa

from benchmarks.workload import FILTER_RULES, JOIN_RULES, MAJOR, WINDOW, Incident, Unit

QUERY = f"""
WITH obligations AS (
  SELECT 'ob' AS a, u.id AS b, r.code AS c
  FROM units u JOIN rules r ON u.region = r.region AND u.kind = r.kind
  WHERE u.level >= r.least
), interview AS (
  SELECT DISTINCT i.unit FROM incidents i JOIN units u ON u.id = i.unit
  WHERE i.severity >= {MAJOR} AND u.region IN ({", ".join(f"'{r}'" for r in JOIN_RULES)})
), listed AS (
  SELECT DISTINCT a.unit FROM incidents a JOIN incidents b
    ON a.unit = b.unit AND b.date > a.date AND b.date <= a.date + {WINDOW}
  WHERE a.severity >= {MAJOR} AND a.unit IN (SELECT unit FROM interview)
)
SELECT a, b, c FROM obligations
UNION ALL SELECT 'sanction', unit, 'interview' FROM interview
UNION ALL SELECT 'sanction', unit, 'listed_supervision' FROM listed
"""


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    con = duckdb.connect()
    rows = [
        (region, kind, code, level) for code, region, kinds, level in FILTER_RULES for kind in kinds
    ]
    rules = pa.table(
        {name: [r[i] for r in rows] for i, name in enumerate(("region", "kind", "code", "least"))}
    )
    con.register("rules", rules)
    timer("build")
    con.register(
        "units",
        pa.table(
            {
                "id": [x.id for x in units],
                "kind": [x.kind for x in units],
                "region": [x.region for x in units],
                "level": [x.level for x in units],
            }
        ),
    )
    con.register(
        "incidents",
        pa.table(
            {
                "unit": [x.unit for x in incidents],
                "severity": [x.severity for x in incidents],
                "date": [x.date for x in incidents],
            }
        ),
    )
    timer("load")
    derived = con.sql(QUERY).to_arrow_table()
    timer("run")
    return list(zip(*(derived.column(n).to_pylist() for n in ("a", "b", "c")), strict=True))
