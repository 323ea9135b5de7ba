"""Evaluation on Spark (local mode, two cores): the answers are the reference engine's, row
for row, from facts read as Parquet. One Spark session serves the whole module (its JVM takes
seconds to start)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pyspark", reason="Spark needs the extra regulations[spark]")
if shutil.which("java") is None:
    pytest.skip("Spark needs a Java runtime (java is not on PATH)", allow_module_level=True)

import regulations
from regulations import testing
from regulations.errors import InvalidValueError
from regulations.factsfile import load_facts
from regulations.parquet import RESULT_COLUMNS, result_rows, write_facts

EXAMPLE = Path(__file__).parents[2] / "examples" / "facts.yaml"
DAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("regulations-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("facts")
    write_facts(load_facts(EXAMPLE), folder)
    return folder


def frames(spark: object, folder: Path) -> tuple[object, dict[str, object]]:
    read = spark.read  # type: ignore[attr-defined]
    units = read.parquet(str(folder / "units.parquet"))
    facts = {
        p.name.removesuffix(".parquet"): read.parquet(str(p))
        for p in sorted(folder.glob("*.parquet"))
        if p.name != "units.parquet"
    }
    return units, facts


def on_spark_and_reference(
    spark: object, folder: Path, text: str, regulation: str, as_of: dt.date, partitions: int
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """The rows Spark gives for the facts file ``text`` (written to Parquet in ``folder``)
    in ``partitions`` partitions, and the rows the reference engine gives, each sorted."""
    from regulations.spark import evaluate

    source = folder / "facts.yaml"
    source.write_text(text, encoding="utf-8")
    write_facts(load_facts(source), folder / "tables")
    units, facts = frames(spark, folder / "tables")
    answers = evaluate(
        spark, units, facts, regulation=regulation, as_of=as_of, partitions=partitions
    )  # type: ignore[arg-type]
    rows = sorted(tuple(r[c] for c in RESULT_COLUMNS) for r in answers.collect())
    report = regulations.evaluate(load_facts(source), regulation=regulation, as_of=as_of)
    expected = sorted(
        tuple(row[c] for c in RESULT_COLUMNS) for r in report.results for row in result_rows(r)
    )
    return rows, expected


def reference(**options: object) -> list[tuple[object, ...]]:
    report = regulations.evaluate(load_facts(EXAMPLE), as_of=DAY, **options)  # type: ignore[arg-type]
    return sorted(
        tuple(row[c] for c in RESULT_COLUMNS) for r in report.results for row in result_rows(r)
    )


# in 5 partitions the appeal's unit and its receiving body would hash apart
@pytest.mark.parametrize(("params", "partitions"), [({}, 5), ({"short_of_veto": "false"}, 3)])
def test_answers_on_spark_are_the_reference_engines(
    spark: object, tables: Path, params: dict[str, str], partitions: int
) -> None:
    from regulations.spark import evaluate

    units, facts = frames(spark, tables)
    answers = evaluate(spark, units, facts, as_of=DAY, params=params, partitions=partitions)  # type: ignore[arg-type]
    rows = sorted(tuple(r[c] for c in RESULT_COLUMNS) for r in answers.collect())
    assert rows == reference(params=params)
    assert rows  # the example has answers


def test_a_fact_naming_a_unit_in_a_role_shares_its_partition(spark: object, tables: Path) -> None:
    """The appeal names the prefecture's office as its receiving body: the appeal, its own
    unit and the office are one group, in one partition, though in 5 partitions their ids
    alone would put the two units apart; every record is sent once."""
    from pyspark.sql import functions as f

    from regulations.spark import RECORD, SECTION, by_unit

    units, facts = frames(spark, tables)
    rows = by_unit(units, facts, partitions=5).withColumn("p", f.spark_partition_id())
    placed = [(r[SECTION], json.loads(r[RECORD]), r["p"]) for r in rows.collect()]  # type: ignore[attr-defined]
    where = {(s, r.get("id")): p for s, r, p in placed}
    appeal = where[("appeals", "appeal-1")]
    assert where[("units", "tianshan-gov")] == appeal
    assert where[("units", "urumqi-pingan-office")] == appeal
    sent = sorted((s, json.dumps(r, sort_keys=True)) for s, r, _ in placed)
    assert (
        len(sent)
        == len(set(sent))
        == sum(pq.read_metadata(t).num_rows for t in tables.glob("*.parquet"))
    )


def test_bad_options_are_refused_before_any_work_is_sent(spark: object, tables: Path) -> None:
    from regulations.spark import evaluate

    units, facts = frames(spark, tables)
    with pytest.raises(InvalidValueError, match="open term"):
        evaluate(spark, units, facts, as_of=DAY, params={"no_such_term": "1"})  # type: ignore[arg-type]
    with pytest.raises(regulations.Error):
        evaluate(spark, units, facts, regulation="atlantis", as_of=DAY)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="column"):
        evaluate(spark, units, {"incidents": units}, as_of=DAY)  # type: ignore[arg-type]


@settings(max_examples=max(3, settings.default.max_examples // 20), deadline=None)
@given(testing.fact_sets(max_units=5), st.dates(dt.date(2024, 1, 1), dt.date(2026, 6, 30)))
def test_any_facts_answer_alike_on_spark(
    spark: object, facts: regulations.FactSet, day: dt.date
) -> None:
    """Drawn facts, through Arrow tables into Spark: the reference engine's answers, row for
    row. Each example is a Spark job: 3 in the ci profile, more in the slower dev profile
    (HYPOTHESIS_PROFILE=dev: 10)."""
    from regulations.parquet import facts_tables
    from regulations.spark import evaluate

    make = spark.createDataFrame  # type: ignore[attr-defined]
    tables = {name: make(table) for name, table in facts_tables(facts).items()}
    units = tables.pop("units")
    rows = sorted(
        tuple(r[c] for c in RESULT_COLUMNS)
        for r in evaluate(spark, units, tables, as_of=day).collect()  # type: ignore[arg-type]
    )
    report = regulations.evaluate(facts, as_of=day)
    assert rows == sorted(
        tuple(row[c] for c in RESULT_COLUMNS) for r in report.results for row in result_rows(r)
    )


EVENT = """
units:
  - {id: organizer, kind: large_event_organizer, region: inner_mongolia/hohhot/huimin}
  - {id: stadium, kind: venue_operator, region: inner_mongolia/hohhot/xincheng}
  - {id: xincheng-police, kind: public_security, level: county, region: inner_mongolia/hohhot/xincheng}
  - {id: city-police, kind: public_security, level: prefecture, region: inner_mongolia/hohhot}
  - {id: huimin-police, kind: public_security, level: county, region: inner_mongolia/hohhot/huimin}
  - {id: ordos-police, kind: public_security, level: prefecture, region: inner_mongolia/ordos}
large_events: [{unit: organizer, venue: stadium, date: 2025-06-20}]
"""


@pytest.mark.parametrize("partitions", [3, 5, 7])
def test_a_large_event_naming_no_approving_body_meets_the_police_of_its_place(
    spark: object, tmp_path: Path, partitions: int
) -> None:
    """The police of the place where an event naming no approving body is held (Hohhot 23)
    are found among all units: on Spark each is in the event's partition, so each sees the
    event's police duty left open between the district's and the city's police, as the
    reference engine says, whichever partitions the ids hash to."""
    rows, expected = on_spark_and_reference(
        spark, tmp_path, EVENT, "hohhot", dt.date(2025, 6, 1), partitions
    )
    assert rows == expected
    open_for = {
        row[0] for row in rows if row[2] == "undetermined" and "city-police" in str(row[-1])
    }
    assert open_for == {"city-police", "xincheng-police"}


AT_EVENTS = """
units:
  - {id: organizer, kind: large_event_organizer, region: xinjiang/urumqi/tianshan}
  - {id: fairs, kind: large_event_organizer, region: xinjiang/urumqi/xinshi}
  - {id: stadium, kind: venue_operator, region: xinjiang/urumqi/tianshan}
  - {id: tianshan-police, kind: public_security, level: county, region: xinjiang/urumqi/tianshan}
  - {id: xinshi-police, kind: public_security, level: county, region: xinjiang/urumqi/xinshi}
  - {id: culture, kind: government_department, level: county, region: xinjiang/urumqi/tianshan}
large_events:
  - {id: concert, unit: organizer, date: 2025-05-01, venue: stadium, approved_by: tianshan-police}
  - {unit: fairs, date: 2025-05-03}
  - {unit: organizer, date: 2025-05-03, approved_by: culture}
incidents:
  - {id: crush, unit: tianshan-police, kind: public_security_event, date: 2025-05-01, event: concert}
  - {id: fight, unit: fairs, kind: criminal_case, date: 2025-05-03}
  - {id: theft, unit: organizer, kind: criminal_case, date: 2025-05-03}
"""


@pytest.mark.parametrize("partitions", [3, 5, 7])
def test_an_incident_at_a_large_event_binds_each_unit_of_the_event_on_spark(
    spark: object, tmp_path: Path, partitions: int
) -> None:
    """One incident at a large event, recorded under any unit the event concerns, is seen by
    the organizer and the body that approved it (Xinjiang 20: 发生突发事件时,及时采取应急处置
    措施), in whichever partitions the ids hash to: the reference engine's answers."""
    rows, expected = on_spark_and_reference(spark, tmp_path, AT_EVENTS, "xinjiang", DAY, partitions)
    assert rows == expected
    responding = {row[0] for row in rows if row[5] == "emergency_response"}
    assert responding == {"organizer", "fairs", "tianshan-police", "xinshi-police", "culture"}


STAFF = """
units:
  - {id: tianshan-gov, kind: people_government, level: county, region: xinjiang/urumqi/tianshan}
  - {id: head, kind: staff_member, region: xinjiang/urumqi/tianshan, staff_of: tianshan-gov}
  - {id: deputy, kind: staff_member, region: xinjiang/urumqi/tianshan, staff_of: tianshan-gov}
  - {id: zhao, kind: staff_member, region: xinjiang/urumqi/shuimogou}
assessments:
  - {unit: tianshan-gov, year: 2024, result: failed, date: 2025-01-15}
sanctions:
  - {id: veto-2025, unit: tianshan-gov, measure: one_vote_veto, date: 2025-03-20}
appeals:
  - {unit: tianshan-gov, sanction: veto-2025, measure: one_vote_veto, received: 2025-04-10, status: under_review}
"""


@pytest.mark.parametrize("partitions", [3, 5, 7])
def test_a_staff_member_reads_its_units_facts_on_spark(
    spark: object, tmp_path: Path, partitions: int
) -> None:
    """A staff member and the unit it names (staff_of) share a partition, whichever the ids
    hash to: the county's failed assessment and suspended veto reach its staff (Xinjiang 49,
    54), as the reference engine answers."""
    rows, expected = on_spark_and_reference(spark, tmp_path, STAFF, "xinjiang", DAY, partitions)
    assert rows == expected
    barred = {row[0] for row in rows if row[6] == "no_commendation"}
    assert barred == {"head", "deputy"}
