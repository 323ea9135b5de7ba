"""Facts and results as columnar tables: Arrow in memory, Parquet on disk.

A fact set is written as one Parquet table per section of a facts file (``write_facts``),
and Arrow tables already in memory are read as one (``facts_from_tables``); a facts folder is
read by ``load_facts`` (regulations.factstables turns its tables into records, validated as
a facts file is). Results are written as one row per answer (``result_rows``) or as the
documents of JSON lines (``json_lines``).

pyarrow comes with the extra ``regulations[columnar]``; without it these functions say so.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regulations.evaluation import Report, UnitReport
from regulations.facts import SECTIONS, Unit
from regulations.factsfile import FactSet, read_facts
from regulations.factstables import OPEN_TERMS, SUFFIX, arrow, tables_document

if TYPE_CHECKING:
    import pyarrow as pa


def arrow_type(annotation: Any) -> pa.DataType | None:
    """The Arrow type of a fact field's annotation: dates as date32, whole numbers as int64,
    flags as bool, codes and text as string, sets of codes as a list of strings; None for
    an annotation with no fixed column type (Arrow infers it from the values)."""
    pa = arrow()
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return arrow_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return arrow_type(inner[0]) if len(inner) == 1 else None
    if origin is typing.Literal:
        return pa.string()
    if origin in (frozenset, set, list, tuple):
        item = arrow_type(typing.get_args(annotation)[0]) if typing.get_args(annotation) else None
        return pa.list_(item) if item is not None else None
    simple = {dt.date: pa.date32(), bool: pa.bool_(), int: pa.int64(), str: pa.string()}
    return simple.get(annotation)


def _schema(model: Any) -> pa.Schema | None:
    pa = arrow()
    fields = []
    for name, info in model.model_fields.items():
        if model is Unit and name == OPEN_TERMS:
            fields.append(pa.field(name, pa.map_(pa.string(), pa.string())))
            continue
        found = arrow_type(info.annotation)
        if found is None:
            return None  # a field of a shape without a fixed type: let Arrow infer the table
        fields.append(pa.field(name, found))
    return pa.schema(fields)


def _plain(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value


def _term_text(value: str | int | bool) -> str:
    """An open term's value as the text of the ``params`` column."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def facts_tables(facts: FactSet) -> dict[str, pa.Table]:
    """A fact set as Arrow tables, one per section that has records (``units`` first)."""
    pa = arrow()
    sections: dict[str, tuple[Any, list[Any]]] = {"units": (type(facts.units[0]), [])}
    for unit in facts.units:
        sections["units"][1].append(unit)
    models = {model: name for name, model in SECTIONS.items()}
    for fact in facts.given:  # as written: an implicit link is read again, not fixed
        name = models[type(fact)]
        sections.setdefault(name, (type(fact), []))[1].append(fact)
    tables = {}
    for name, (model, items) in sections.items():
        rows = [{k: _plain(v) for k, v in item.model_dump().items()} for item in items]
        if name == "units":
            for row in rows:
                row[OPEN_TERMS] = [(k, _term_text(v)) for k, v in row[OPEN_TERMS]]
        schema = _schema(model)
        tables[name] = pa.Table.from_pylist(rows, schema=schema)
    return tables


def facts_document(facts: FactSet) -> dict[str, list[dict[str, Any]]]:
    """A fact set as the document of a JSON facts file (fields left at their defaults out)."""
    document = {"units": [u.model_dump(mode="json", exclude_defaults=True) for u in facts.units]}
    models = {model: name for name, model in SECTIONS.items()}
    for fact in facts.given:  # as written: an implicit link is read again, not fixed
        record = fact.model_dump(mode="json", exclude_defaults=True)
        document.setdefault(models[type(fact)], []).append(record)
    return document


def write_facts(facts: FactSet, folder: Path | str) -> list[Path]:
    """Write a fact set as one Parquet table per section into ``folder`` (made if missing);
    the paths written, in order."""
    arrow()
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in facts_tables(facts).items():
        path = folder / f"{name}{SUFFIX}"
        pq.write_table(table, path)
        written.append(path)
    return written


def facts_from_tables(
    tables: Mapping[str, pa.Table],
    concepts: Collection[str] | None = None,
    name: str = "<tables>",
) -> FactSet:
    """A fact set from Arrow tables by section name, validated as a facts file is."""
    return read_facts(tables_document(tables), concepts, name=name)


# results ---------------------------------------------------------------------------------


RESULT_COLUMNS = (
    "unit",
    "regulation",
    "answer",
    "rule",
    "article",
    "concept",
    "measure",
    "start",
    "due",
    "until",
    "status",
    "needs",
)


def result_rows(report: UnitReport) -> Iterator[dict[str, Any]]:
    """One unit's answers under one regulation as flat rows (``RESULT_COLUMNS``): each
    obligation, sanction and undetermined item, the way its JSON tells it."""
    data = report.to_json()
    for answer in ("obligations", "sanctions", "undetermined"):
        for item in data[answer]:
            yield {
                "unit": data["unit"],
                "regulation": data["regulation"],
                "answer": answer.removesuffix("s"),
                "rule": item.get("rule"),
                "article": None if item.get("article") is None else str(item["article"]),
                "concept": item.get("concept"),
                "measure": item.get("measure"),
                "start": item.get("start", item.get("from")),
                "due": item.get("due"),
                "until": item.get("until"),
                "status": item.get("status"),
                "needs": ", ".join(item.get("needs", ())) or None,
            }


def write_results(reports: Iterable[UnitReport], path: Path | str, batch: int = 50_000) -> int:
    """Write answers as one Parquet file of ``result_rows``, a batch of rows at a time (the
    whole set is never one document in memory); the number of rows written."""
    pa = arrow()
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(name, pa.string()) for name in RESULT_COLUMNS])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for report in reports:
            rows.extend(result_rows(report))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count


def json_lines(report: Report) -> Iterator[dict[str, Any]]:
    """The report as the documents of JSON lines: first the evaluation's date and open
    terms, then one per unit and regulation (the objects of ``results`` in the JSON
    document), each made when it is asked for, and last the questions the answers wait on
    (``{"questions": […]}``, ranked over all units as in the JSON document)."""
    head = Report(report.as_of, report.params, ()).to_json()
    del head["results"], head["questions"]
    yield head
    for result in report.results:
        yield result.to_json()
    yield {"questions": [q.to_json() for q in report.questions]}
