"""Evaluation on Spark, for facts that outgrow one machine (extra ``regulations[spark]``).

Every condition of every rule is about one unit's facts — its own, and those naming it in a
role (an appeal's receiving ``body``) — so the work partitions by unit: the units and the
facts of every section are brought together by unit (one shuffle), units joined by such a
fact into one group (its unit and the units it names, ``groups``), and each partition is
evaluated by the reference engine itself, in the worker, through ``regulations.evaluate``.
Each record goes to one partition, each unit is evaluated once, with what the whole facts
set would give it: the answers are the reference engine's by construction; Spark only moves
the data. A section names its unit in the column ``unit`` and its roles in the columns of
docs/facts.md.

    from regulations.spark import evaluate
    answers = evaluate(spark, spark.read.parquet("facts/units.parquet"),
                       {"incidents": spark.read.parquet("facts/incidents.parquet")},
                       as_of="2025-06-30")
    answers.write.parquet("answers.parquet")

The answers are one row per obligation, sanction and undetermined item, with the columns of
``regulations.parquet.RESULT_COLUMNS`` (all strings).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from regulations import links
from regulations import vocabulary as v
from regulations.errors import InvalidValueError
from regulations.parquet import RESULT_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

UNIT, SECTION, RECORD = "_unit", "_section", "_record"

Partition = Callable[[dict[str, list[dict[str, Any]]]], Iterable[dict[str, Any]]]
"""What runs in a worker: a partition's records by section → the rows of its answers."""


def _spark() -> Any:
    try:
        from pyspark.sql import functions
    except ImportError:
        raise InvalidValueError(
            "engine", "spark", 'evaluation on Spark needs pyspark: pip install "regulations[spark]"'
        ) from None
    return functions


def role_columns(section: str) -> tuple[str, ...]:
    """The columns of a facts section that name a unit the fact concerns in a role (an
    appeal's ``body``): that unit sees the fact too (docs/facts.md)."""
    from regulations.facts import SECTIONS

    model = SECTIONS.get(section)
    if model is None:
        return ()
    return tuple(name for name, meta in model.links().items() if meta.role)


def unit_links() -> tuple[str, ...]:
    """The columns of ``units`` naming another unit whose facts the unit reads (a staff
    member's ``staff_of``): the two are evaluated in one partition."""
    from regulations.facts import Unit, link_of

    return tuple(n for n, i in Unit.model_fields.items() if link_of(i.annotation) is not None)


def groups(units: DataFrame, facts: Mapping[str, DataFrame]) -> DataFrame | None:
    """Units that must be evaluated together: those joined by facts naming another unit in
    a role (a unit sees the facts naming it, and a fact stays with its own unit), and a
    staff member with the unit it names (``staff_of``: it reads that unit's facts), as
    ``(node, group)`` with the smallest unit id of the group; None when no fact names
    another unit. Labels spread along the links until none changes (as many rounds as the
    longest chain of links)."""
    f = _spark()
    ends = [
        frame.select(f.col("unit").cast("string").alias("a"), f.col(c).cast("string").alias("b"))
        for section, frame in facts.items()
        for c in role_columns(section)
        if c in frame.columns and "unit" in frame.columns
    ]
    ends += _police_of_the_place(units, facts)
    for column in unit_links():  # a staff member reads its unit's facts (``staff_of``)
        if column in units.columns and "id" in units.columns:
            ends.append(
                units.select(
                    f.col("id").cast("string").alias("a"), f.col(column).cast("string").alias("b")
                )
            )
    if not ends:
        return None
    one_way = functools.reduce(lambda x, y: x.unionByName(y), ends).where(
        f.col("b").isNotNull() & (f.col("a") != f.col("b"))
    )
    edges = one_way.unionByName(one_way.select(f.col("b").alias("a"), f.col("a").alias("b")))
    edges = edges.distinct().localCheckpoint()
    if edges.isEmpty():
        return None
    labels = edges.select(f.col("a").alias("node"), f.col("a").alias("group")).distinct()
    while True:
        spread = labels.join(edges.withColumnRenamed("a", "node"), "node").select(
            f.col("b").alias("node"), "group"
        )
        new = (
            labels.unionByName(spread).groupBy("node").agg(f.min("group").alias("group"))
        ).localCheckpoint()
        changed = (
            new.join(labels.withColumnRenamed("group", "was"), "node")
            .where(f.col("group") != f.col("was"))
            .count()
        )
        labels = new
        if not changed:
            return labels


def _police_of_the_place(units: DataFrame, facts: Mapping[str, DataFrame]) -> list[DataFrame]:
    """The links a large event naming no approving body leaves to the police of the place
    where it is held (``regulations.links``: the police units whose region contains the
    venue's region, the organizer's without a venue), as ``(a, b)`` pairs from the event's
    unit to each such police unit: the event's partition then holds every candidate, and
    the reference engine there finds the same ones as on the whole facts set."""
    f = _spark()
    events = facts.get("large_events")
    if (
        events is None
        or "unit" not in events.columns
        or not {"kind", "region"} <= set(units.columns)
    ):
        return []
    if "approved_by" in events.columns:
        events = events.where(f.col("approved_by").isNull())
    venue = f.col("venue") if "venue" in events.columns else f.lit(None)
    places = events.select(
        f.col("unit").cast("string").alias("a"),
        f.coalesce(venue.cast("string"), f.col("unit").cast("string")).alias("place"),
    )
    regions = units.select(f.col("id").cast("string").alias("place"), f.col("region").alias("r"))
    kinds = sorted(k.code for k in v.KINDS if links.POLICE in v.lineage(k.code))
    police = units.where(f.col("kind").isin(kinds) & f.col("region").isNotNull()).select(
        f.col("id").cast("string").alias("b"), f.col("region").alias("pr")
    )
    held = places.join(regions, "place").where(f.col("r").isNotNull())
    inside = (f.col("r") == f.col("pr")) | f.col("r").startswith(f.concat(f.col("pr"), f.lit("/")))
    return [held.join(f.broadcast(police), inside).select("a", "b")]


def by_unit(
    units: DataFrame,
    facts: Mapping[str, DataFrame],
    partitions: int | None = None,
) -> DataFrame:
    """One row per record — (group, section, the record as JSON) — partitioned by group,
    so that a unit, all its facts and the facts naming it in a role share a partition. The
    group is the unit's id, or, for units joined by such facts, the smallest id among them
    (``groups``)."""
    f = _spark()
    if "id" not in units.columns:
        raise InvalidValueError("units", ", ".join(units.columns), "the units need an id column")
    for section, frame in facts.items():
        if "unit" not in frame.columns:
            raise InvalidValueError(
                f"facts section {section!r}",
                "unit",
                f"no such column (it has {', '.join(frame.columns)})",
            )
    labels = groups(units, facts)

    def keyed(frame: DataFrame, column: str, section: str) -> DataFrame:
        record = f.to_json(f.struct(*frame.columns)).alias(RECORD)
        own = frame.select(f.col(column).cast("string").alias(UNIT), record)
        if labels is not None:
            own = own.join(labels.withColumnRenamed("node", UNIT), UNIT, "left").select(
                f.coalesce(f.col("group"), f.col(UNIT)).alias(UNIT), RECORD
            )
        return own.select(UNIT, f.lit(section).alias(SECTION), RECORD)

    parts = [keyed(units, "id", "units")]
    parts += [keyed(frame, "unit", section) for section, frame in facts.items()]
    rows = functools.reduce(lambda a, b: a.unionByName(b), parts).where(f.col(UNIT).isNotNull())
    count = partitions or rows.sparkSession.sparkContext.defaultParallelism
    return rows.repartition(count, UNIT)


def map_partitions(rows: DataFrame, run: Partition, schema: pa.Schema) -> DataFrame:
    """Each partition of ``by_unit``'s rows through ``run`` (in the worker), as a DataFrame
    of ``schema``."""
    from pyspark.sql.pandas.types import from_arrow_schema

    def each(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow

        sections: dict[str, list[dict[str, Any]]] = {}
        for batch in batches:
            columns = batch.to_pydict()
            for section, record in zip(columns[SECTION], columns[RECORD], strict=True):
                sections.setdefault(section, []).append(json.loads(record))
        if sections:
            out = list(run(sections))
            for start in range(0, len(out), 50_000):
                yield pyarrow.RecordBatch.from_pylist(out[start : start + 50_000], schema=schema)

    return rows.mapInArrow(each, from_arrow_schema(schema))


def _answers_of(
    options: dict[str, Any],
) -> Partition:
    def run(sections: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
        import regulations
        from regulations.factsfile import read_facts
        from regulations.library import shipped
        from regulations.parquet import result_rows

        # the shipped rules once per worker process; a caller's rule files read per partition
        library = regulations.load(*options["rules"]) if options["rules"] else shipped()
        if "units" not in sections:  # facts whose unit is not among the units
            stray = next(iter(sections.values()))[0]
            raise InvalidValueError(
                "facts", str(stray.get("unit")), "a fact names no unit of the units given"
            )
        facts = read_facts(sections, library.concepts, name="partition", max_bytes=2**62)
        with regulations.collector_paused():  # a worker's batch, as the CLI runs one
            report = regulations.evaluate(
                facts,
                options["regulation"],
                options["as_of"],
                options["params"],
                options["calendar"],
                library=library,
            )
        for result in report.results:
            yield from result_rows(result)

    return run


def _check(
    regulation: str | None,
    day: dt.date,
    params: Mapping[str, Any] | None,
    calendar: str,
    rules: Sequence[str],
) -> None:
    """The options as ``regulations.evaluate`` checks them, here, before any work is sent to
    the workers (where a bad one would surface as a failed task)."""
    import regulations
    from regulations.factsfile import FactSet

    library = regulations.load(*rules)
    if regulation is not None:
        library.editions(regulation)
    regulations.evaluate(FactSet((), ()), regulation, day, params, calendar, library=library)


def evaluate(
    spark: SparkSession,
    units: DataFrame,
    facts: Mapping[str, DataFrame],
    regulation: str | None = None,
    as_of: dt.date | str | None = None,
    params: Mapping[str, Any] | None = None,
    calendar: str = "china",
    rules: Sequence[str] = (),
    partitions: int | None = None,
) -> DataFrame:
    """The answers for every unit, as ``regulations.evaluate`` gives them, one row per
    obligation, sanction and undetermined item (``RESULT_COLUMNS``). ``facts`` maps each
    section name (``incidents``, ``violations``, …) to its DataFrame; ``rules`` are rule
    files or folders loaded beside the shipped ones, read in each worker."""
    import pyarrow as pa

    from regulations.views import as_date

    day = as_date(as_of)  # checked here, before any work is sent out
    if calendar not in ("china", "weekends"):
        raise InvalidValueError("calendar", str(calendar), "give 'china' or 'weekends'")
    _check(regulation, day, params, calendar, rules)
    options = {
        "regulation": regulation,
        "as_of": day,
        "params": dict(params or {}),
        "calendar": calendar,
        "rules": tuple(str(r) for r in rules),
    }
    schema = pa.schema([pa.field(name, pa.string()) for name in RESULT_COLUMNS])
    rows = by_unit(units, facts, partitions)
    return map_partitions(rows, _answers_of(options), schema)
