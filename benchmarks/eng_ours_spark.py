"""Our engine on Spark (local[2]): the workload written as Parquet first (not timed), read
by Spark, brought together by unit (regulations.spark.by_unit) and each partition evaluated
by the reference engine (map_partitions). The JVM's start is reported apart (``jvm``)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.eng_ours import Fact, Subject, rule_text, schema
from benchmarks.workload import Incident, Unit

RESULT = pa.schema([("a", pa.string()), ("b", pa.int64()), ("c", pa.string())])


def _partition(sections: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    from engine import Evaluator, RuleSource, compile_sources
    from engine.span import Origin

    rules = compile_sources([RuleSource("bench.1", rule_text(), Origin("benchmark"))], schema())
    subjects = [Subject(u["id"], u["kind"], u["region"], u["level"]) for u in sections["units"]]
    facts = [
        Fact(i["unit"], i["kind"], i["severity"], i["date"]) for i in sections.get("incidents", ())
    ]
    evaluation = Evaluator(rules, as_of=dt.date(2026, 1, 1), pause_gc=True).run(subjects, facts)
    for result in evaluation.results:
        for c in result.conclusions:
            if c.kind == "obligation":
                code = (c.rule.node.concept or "").replace("_", "-")
                yield {"a": "ob", "b": result.subject.id, "c": code}
            else:
                yield {"a": "sanction", "b": result.subject.id, "c": c.measure}


def run(
    units: list[Unit], incidents: list[Incident], timer: Callable[[str], None]
) -> list[tuple[str, int, str]]:
    from pyspark.sql import SparkSession

    from regulations.spark import by_unit, map_partitions

    folder = Path(tempfile.mkdtemp(prefix="bench-spark-"))
    pq.write_table(
        pa.table(
            {
                "id": [u.id for u in units],
                "kind": [u.kind for u in units],
                "region": [u.region for u in units],
                "level": [u.level for u in units],
            }
        ),
        folder / "units.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "unit": [i.unit for i in incidents],
                "kind": [i.kind for i in incidents],
                "severity": [i.severity for i in incidents],
                "date": [i.date for i in incidents],
            }
        ),
        folder / "incidents.parquet",
    )
    timer("prepare")
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    timer("jvm")
    frame_units = spark.read.parquet(str(folder / "units.parquet"))
    frame_incidents = spark.read.parquet(str(folder / "incidents.parquet"))
    timer("build")
    rows = by_unit(frame_units, {"incidents": frame_incidents}, partitions=8)
    timer("load")
    derived = map_partitions(rows, _partition, RESULT).toArrow()
    timer("run")
    spark.stop()
    return list(zip(*(derived.column(n).to_pylist() for n in ("a", "b", "c")), strict=True))
