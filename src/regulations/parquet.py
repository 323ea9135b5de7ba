"""Facts and results as columnar tables: Arrow in memory, Parquet on disk.

A facts folder holds one Parquet table per section of a facts file — ``units.parquet``,
``incidents.parquet``, … (or a folder of Parquet parts by that name, as Spark writes) —
whose columns are the section's fields (docs/facts.md, "Facts as tables"). Tables are read
into the same records a facts file holds and validated as a facts file is, so every
problem is named as in a file. Results are written as one row per answer (``result_rows``).

pyarrow comes with the extra ``regulations[columnar]``; without it these functions say so.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regulations.errors import InvalidValueError, LoadError, shown_path
from regulations.limits import MAX_FACTS_BYTES

if TYPE_CHECKING:
    import pyarrow as pa

    from regulations.evaluation import Report, UnitReport
    from regulations.factsfile import FactSet

SUFFIX = ".parquet"


def _arrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise InvalidValueError(
            "facts tables",
            "Parquet",
            'reading and writing Parquet needs pyarrow: pip install "regulations[columnar]"',
        ) from None
    return pyarrow


def arrow_type(annotation: Any) -> pa.DataType | None:
    """The Arrow type of a fact field's annotation: dates as date32, whole numbers as int64,
    flags as bool, codes and text as string, sets of codes as a list of strings; None for
    an annotation with no fixed column type (Arrow infers it from the values)."""
    pa = _arrow()
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


OPEN_TERMS = "params"
"""The unit's column of open terms settled for it: ``map<string, string>``, each value as
text (``true``, ``3``, ``60 days``), read back as a facts file's scalar would be."""


def _schema(model: Any) -> pa.Schema | None:
    from regulations.facts import Unit

    pa = _arrow()
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


def _term_value(text: str) -> str | int | bool:
    """The text of the ``params`` column as a facts file's scalar: true/false, a whole
    number, or the text itself (a period such as ``60 days``)."""
    if text in ("true", "false"):
        return text == "true"
    return int(text) if text.isascii() and text.isdigit() else text


def facts_tables(facts: FactSet) -> dict[str, pa.Table]:
    """A fact set as Arrow tables, one per section that has records (``units`` first)."""
    from regulations.factsfile import SECTIONS

    pa = _arrow()
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
    from regulations.factsfile import SECTIONS

    document = {"units": [u.model_dump(mode="json", exclude_defaults=True) for u in facts.units]}
    models = {model: name for name, model in SECTIONS.items()}
    for fact in facts.given:  # as written: an implicit link is read again, not fixed
        record = fact.model_dump(mode="json", exclude_defaults=True)
        document.setdefault(models[type(fact)], []).append(record)
    return document


def write_facts(facts: FactSet, folder: Path | str) -> list[Path]:
    """Write a fact set as one Parquet table per section into ``folder`` (made if missing);
    the paths written, in order."""
    _arrow()
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in facts_tables(facts).items():
        path = folder / f"{name}{SUFFIX}"
        pq.write_table(table, path)
        written.append(path)
    return written


def _records(section: str, table: pa.Table) -> list[dict[str, Any]]:
    """A table's rows as records, a null standing for a field left out; a unit's open terms
    (a map, or a list of key/value pairs) as the mapping a facts file gives."""
    rows = [{k: v for k, v in row.items() if v is not None} for row in table.to_pylist()]
    if section == "units":
        for row in rows:
            terms = row.get(OPEN_TERMS)
            if isinstance(terms, list) and all(
                isinstance(p, tuple | dict) and len(p) == 2 for p in terms
            ):
                pairs = [tuple(p.values()) if isinstance(p, dict) else p for p in terms]
                row[OPEN_TERMS] = {k: _term_value(v) if isinstance(v, str) else v for k, v in pairs}
    return rows


def facts_from_tables(
    tables: Mapping[str, pa.Table],
    concepts: Collection[str] | None = None,
    name: str = "<tables>",
) -> FactSet:
    """A fact set from Arrow tables by section name, validated as a facts file is."""
    from regulations.factsfile import read_facts

    pa = _arrow()
    document: dict[str, Any] = {}
    for section, table in tables.items():
        if not isinstance(table, pa.Table):
            raise InvalidValueError(
                f"facts table {section!r}", type(table).__name__, "give a pyarrow.Table"
            )
        document[section] = _records(section, table)
    return read_facts(document, concepts, name=name)


def _sections(folder: Path) -> Iterator[tuple[str, Path]]:
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue  # hidden files, and the _SUCCESS markers of writers such as Spark
        if entry.is_dir():
            yield entry.name, entry
        elif entry.name.endswith(SUFFIX):
            yield entry.name.removesuffix(SUFFIX), entry
        else:
            raise InvalidValueError(
                "facts folder",
                str(entry),
                f"{entry.name} is not a Parquet table: a facts folder holds one per section "
                f"(units{SUFFIX}, incidents{SUFFIX}, …); move other files out",
            )


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def load_tables(folder: Path | str) -> dict[str, pa.Table]:
    """The Parquet tables of a facts folder by section name, as Arrow tables."""
    _arrow()
    import pyarrow.parquet as pq

    folder = Path(folder)
    tables = {}
    for section, path in _sections(folder):
        try:
            tables[section] = pq.read_table(path)
        except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
            raise InvalidValueError(
                f"facts table {section!r}", str(path), f"not a readable Parquet table: {exc}"
            ) from exc
    if "units" not in tables:
        raise InvalidValueError(
            "facts folder", str(folder), f"it has no units{SUFFIX}: every fact names a unit"
        )
    return tables


def load_folder(
    folder: Path | str,
    concepts: Collection[str] | None = None,
    max_bytes: int = MAX_FACTS_BYTES,
) -> FactSet:
    """A facts folder (one Parquet table per section) read and validated as a facts file;
    a folder whose tables take more than ``max_bytes`` on disk is refused before it is read."""
    folder = Path(folder)
    if not any(e.name.endswith(SUFFIX) or e.is_dir() for e in folder.iterdir()):
        raise LoadError.at(
            None,
            f"cannot read {shown_path(folder)}: a folder with no Parquet tables",
            hint="give a .yaml or .json facts file, or a folder of one Parquet table per "
            f"section (units{SUFFIX}, incidents{SUFFIX}, …)",
            code="unreadable",
        )
    size = sum(_size(path) for _, path in _sections(folder))
    if size > max_bytes:
        raise InvalidValueError(
            "facts folder",
            str(folder),
            f"its tables take {size / 2**20:.1f} MB, more than the limit of "
            f"{max_bytes / 2**20:.0f} MB; raise it (--max-facts-mb) or evaluate with "
            "--engine columnar, which reads the tables without building every fact",
        )
    return facts_from_tables(load_tables(folder), concepts, name=str(folder))


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
    pa = _arrow()
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
    from regulations.evaluation import Report

    head = Report(report.as_of, report.params, ()).to_json()
    del head["results"], head["questions"]
    yield head
    for result in report.results:
        yield result.to_json()
    yield {"questions": [q.to_json() for q in report.questions]}
