"""Hand-written Polars (lazy frames) for the shared workload: the columnar floor the columnar
backend is held to. The 45 filters are one join against the rules as a table."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from benchmarks.workload import FILTER_RULES, JOIN_RULES, MAJOR, WINDOW, Incident, Unit


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    rules = pl.DataFrame(
        [
            (region, kind, code, level)
            for code, region, kinds, level in FILTER_RULES
            for kind in kinds
        ],
        schema={"region": pl.String, "kind": pl.String, "code": pl.String, "least": pl.Int64},
        orient="row",
    ).lazy()
    timer("build")
    u = pl.DataFrame(
        {
            "id": [x.id for x in units],
            "kind": [x.kind for x in units],
            "region": [x.region for x in units],
            "level": [x.level for x in units],
        }
    ).lazy()
    i = pl.DataFrame(
        {
            "unit": [x.unit for x in incidents],
            "severity": [x.severity for x in incidents],
            "date": [x.date for x in incidents],
        }
    ).lazy()
    timer("load")
    obligations = (
        u.join(rules, on=["region", "kind"])
        .filter(pl.col("level") >= pl.col("least"))
        .select(pl.lit("ob").alias("a"), pl.col("id").alias("b"), pl.col("code").alias("c"))
    )
    majors = i.filter(pl.col("severity") >= MAJOR)
    interview = (
        majors.select("unit")
        .unique()
        .join(u.filter(pl.col("region").is_in(JOIN_RULES)), left_on="unit", right_on="id")
        .select("unit")
    )
    later = i.select("unit", pl.col("date").alias("d2"))
    listed = (
        majors.select("unit", pl.col("date").alias("d1"))
        .join(interview, on="unit", how="semi")
        .join(later, on="unit")
        .filter((pl.col("d2") > pl.col("d1")) & (pl.col("d2") - pl.col("d1") <= WINDOW))
        .select("unit")
        .unique()
    )
    sanctions = pl.concat(
        [
            interview.select(pl.col("unit").alias("b"), pl.lit("interview").alias("c")),
            listed.select(pl.col("unit").alias("b"), pl.lit("listed_supervision").alias("c")),
        ]
    ).select(pl.lit("sanction").alias("a"), "b", "c")
    derived = pl.concat([obligations, sanctions]).collect()
    timer("run")
    return list(derived.iter_rows())
