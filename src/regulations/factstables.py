"""Facts tables read as records: a facts folder holds one Parquet table per section of a
facts file — ``units.parquet``, ``incidents.parquet``, … (or a folder of Parquet parts by
that name, as Spark writes) — whose columns are the section's fields (docs/facts.md, "Facts
as tables"). The tables become the records of the document a facts file holds, which
``regulations.factsfile`` validates as it validates a file, so every problem is named as in
a file.

pyarrow comes with the extra ``regulations[columnar]``; without it these functions say so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regulations.errors import InvalidValueError, LoadError, shown_path
from regulations.limits import MAX_FACTS_BYTES

if TYPE_CHECKING:
    import pyarrow as pa

SUFFIX = ".parquet"


def arrow() -> Any:
    """The pyarrow module, or an error saying how to install it."""
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


OPEN_TERMS = "params"
"""The unit's column of open terms settled for it: ``map<string, string>``, each value as
text (``true``, ``3``, ``60 days``), read back as a facts file's scalar would be."""


def _term_value(text: str) -> str | int | bool:
    """The text of the ``params`` column as a facts file's scalar: true/false, a whole
    number, or the text itself (a period such as ``60 days``)."""
    if text in ("true", "false"):
        return text == "true"
    return int(text) if text.isascii() and text.isdigit() else text


def records(section: str, table: pa.Table) -> list[dict[str, Any]]:
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
    arrow()
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


def tables_document(tables: Mapping[str, pa.Table]) -> dict[str, list[dict[str, Any]]]:
    """Arrow tables by section name as the document of a facts file (not yet validated)."""
    pa = arrow()
    document = {}
    for section, table in tables.items():
        if not isinstance(table, pa.Table):
            raise InvalidValueError(
                f"facts table {section!r}", type(table).__name__, "give a pyarrow.Table"
            )
        document[section] = records(section, table)
    return document


def folder_document(
    folder: Path | str, max_bytes: int = MAX_FACTS_BYTES
) -> dict[str, list[dict[str, Any]]]:
    """A facts folder (one Parquet table per section) as the document of a facts file (not
    yet validated); a folder whose tables take more than ``max_bytes`` on disk is refused
    before it is read."""
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
    return tables_document(load_tables(folder))
