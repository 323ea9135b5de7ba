"""Facts files (YAML or JSON): units and what happened to them, validated with positions.

```yaml
units:
  - {id: school-1, kind: school, region: inner_mongolia/ordos/dongsheng}
incidents:
  - {unit: school-1, kind: criminal_case, severity: major, date: 2025-03-01}
```

Every section is a list of facts of one type (docs/facts.md); an unknown section, field or
unit id is an error naming file, line and field. Nothing is dropped silently.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine import Diagnostic, ParamSpec, Span, repeated, shown, suggest
from regulations.errors import InvalidValueError, LoadError, shown_path
from regulations.facts import SECTIONS, Unit, UnitFact
from regulations.factstables import folder_document
from regulations.limits import MAX_FACTS_BYTES, MAX_SUGGESTED
from regulations.links import by_id, concerned, resolve, staff_of, unit_links, with_staff
from regulations.registry import open_term_problems
from regulations.yamlsource import as_path, parse_yaml, read_text, read_yaml, span_of

TermOutside = Callable[[str, str | None], str]
"""Why an open term set on a unit of a region settles nothing there, or "" (Library.term_outside)."""


@dataclass(frozen=True)
class FactSet:
    """Units and their facts, validated: units of distinct ids, facts each naming one of
    them (a FactSet built by hand is held to what a facts file is)."""

    units: tuple[Unit, ...]
    facts: tuple[UnitFact, ...]
    # the facts as written, before their links were made explicit (what a conversion writes)
    given: tuple[UnitFact, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, kind in (("units", Unit), ("facts", UnitFact)):
            items = getattr(self, name)
            if not isinstance(items, tuple | list) or not all(isinstance(i, kind) for i in items):
                raise InvalidValueError(
                    f"FactSet {name}", shown(repr(items), 80), f"give a tuple of {kind.__name__}"
                )
        twice = repeated(u.id for u in self.units)
        if twice:
            raise InvalidValueError("FactSet units", twice[0], "a unit id appears twice")
        ids = {u.id for u in self.units}
        stray = next((f for f in self.facts if f.unit not in ids), None)
        if stray is not None:
            raise InvalidValueError(
                "FactSet facts", stray.unit, f"a {stray.fact_type} names no unit of the set"
            )
        for found in unit_links(self.units):
            raise InvalidValueError(
                f"FactSet units[{found.index}].{found.field}", found.value, found.message
            )
        resolved, problems = resolve(self.units, self.facts)
        if problems:
            first = problems[0]
            raise InvalidValueError(
                f"FactSet facts[{first.index}].{first.field}", first.value, first.message
            )
        object.__setattr__(self, "given", tuple(self.facts))
        object.__setattr__(self, "facts", resolved)  # the links made explicit

    @cached_property
    def _units(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def _facts(self) -> dict[str, tuple[UnitFact, ...]]:
        by_unit: dict[str, list[UnitFact]] = {}
        linked = by_id(self.facts)
        staff = staff_of(self.units)
        for fact in self.facts:
            # its own unit, those it names in a role, those the fact it links to concerns,
            # and the staff members of each (``of unit.staff_of``)
            for unit in sorted(with_staff(concerned(fact, linked), staff)):
                by_unit.setdefault(unit, []).append(fact)
        return {unit: tuple(facts) for unit, facts in by_unit.items()}

    def unit(self, unit_id: str) -> Unit | None:
        """The unit of this id (indexed once: a lookup per unit stays linear in all)."""
        return self._units.get(unit_id) if isinstance(unit_id, str) else None

    def of(self, unit_id: str) -> tuple[UnitFact, ...]:
        """The facts about one unit, in the order given: its own, and those that name it in
        a role (the appeals it received as the reviewing body); of a staff member, those of
        the unit it is staff of too (``Unit.staff_of``)."""
        return self._facts.get(unit_id, ())


def load_facts(
    path: Path | str,
    concepts: Collection[str] | None = None,
    max_bytes: int = MAX_FACTS_BYTES,
    open_terms: Mapping[str, ParamSpec] | None = None,
    term_outside: TermOutside | None = None,
) -> FactSet:
    """Read and validate a facts file (concept codes against ``concepts`` when given), or a
    folder of Parquet tables, one per section (regulations.factstables); raise LoadError
    listing every problem. A file, or a folder's tables, larger than ``max_bytes`` is refused
    before it is read (it would be held in memory whole)."""
    path = as_path(path, "facts file")
    _check_concepts(concepts)
    if _check_size(path, max_bytes) == "folder":  # one Parquet table per section
        return read_facts(folder_document(path, max_bytes), concepts, name=str(path))
    if path.suffix == ".json":
        return _load_json(path, concepts, open_terms, term_outside)
    data, lines = read_yaml(path)
    return parse_facts(data, path, lines, concepts, open_terms, term_outside)


def read_facts(
    source: str | Mapping[str, Any],
    concepts: Collection[str] | None = None,
    name: str = "<facts>",
    max_bytes: int = MAX_FACTS_BYTES,
) -> FactSet:
    """A facts document given as text (YAML or JSON) or as data already parsed (a mapping,
    as from a JSON request), validated as a facts file is; nothing is read from disk.
    ``name`` stands for the file in the places of problems (line and column in text, the
    key path in data). Text longer than ``max_bytes`` is refused before it is parsed."""
    if not isinstance(name, str):
        raise InvalidValueError("name", repr(name), "give the text that names the document")
    _check_concepts(concepts)
    if isinstance(source, Mapping):
        return parse_facts(dict(source), Path(name), [], concepts)
    if not isinstance(source, str):
        raise InvalidValueError(
            "facts", shown(repr(source)), "give the document's text or a mapping of sections"
        )
    _check_limit(name, len(source.encode("utf-8", errors="surrogatepass")), max_bytes)
    data, lines = parse_yaml(source, Path(name))
    return parse_facts(data, Path(name), lines, concepts)


def _check_concepts(concepts: object) -> None:
    if concepts is not None and not (
        isinstance(concepts, Collection) and all(isinstance(c, str) for c in concepts)
    ):
        raise InvalidValueError("concepts", repr(concepts), "give a collection of concept codes")


def _load_json(
    path: Path,
    concepts: Collection[str] | None,
    open_terms: Mapping[str, ParamSpec] | None,
    term_outside: TermOutside | None = None,
) -> FactSet:
    """JSON is read by the json module (ten times faster than YAML, and strict: no trailing
    commas, no comments); only when the records are wrong is the file read again as YAML,
    which keeps positions, to say where."""
    data, lines = _read_json(path)
    try:
        return parse_facts(data, path, lines, concepts, open_terms, term_outside)
    except LoadError as unlocated:
        try:
            located, lines = read_yaml(path)
        except LoadError as seen:  # YAML reads no further (a limit), or not at all (tabs)
            placed = _placed(path, unlocated, seen)
            raise placed from (unlocated if placed is not unlocated else seen)
        # the same problems, located
        parse_facts(located, path, lines, concepts, open_terms, term_outside)
        raise


def _size(count: float) -> str:
    return f"{count / 2**20:.1f} MB" if count >= 2**20 else f"{count:.0f} bytes"


def _check_size(path: Path, max_bytes: int) -> str:
    """ "file" for a file within the size limit, "folder" for a folder (of Parquet tables,
    its size checked when its tables are listed); anything else is refused."""
    _check_limit(str(path), 0, max_bytes)
    try:
        status = path.stat()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        reason = getattr(exc, "strerror", None) or exc
        raise LoadError.at(
            None, f"cannot read {shown_path(path)}: {reason}", code="unreadable"
        ) from exc
    if stat.S_ISDIR(status.st_mode):
        return "folder"
    if not stat.S_ISREG(status.st_mode):  # a device, a pipe: no size to check
        raise LoadError.at(
            None, f"cannot read {shown_path(path)}: not a regular file",
            hint="give a .yaml or .json facts file", code="unreadable",
        )  # fmt: skip
    _check_limit(str(path), status.st_size, max_bytes)
    return "file"


def _check_limit(name: str, size: int, max_bytes: int) -> None:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidValueError("max_bytes", str(max_bytes), "give a whole number of bytes ≥ 1")
    if size > max_bytes:
        raise LoadError.at(
            None,
            f"facts file {name} is {_size(size)}, over the limit of {_size(max_bytes)}",
            hint="split it into several files, or raise the limit "
            "(--max-facts-mb on the command line, max_bytes in load_facts)",
            code="limit",
        )


def _read_json(path: Path) -> tuple[Any, list[str]]:
    text = read_text(path)

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        twice = repeated(k for k, _ in pairs)
        if twice:
            raise LoadError.at(
                None, f"{path}: key {twice[0]!r} appears twice in one object", code="json"
            )
        return dict(pairs)

    try:
        return json.loads(text, object_pairs_hook=no_duplicates), text.splitlines()
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        line = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        raise LoadError.at(
            Span(str(path), exc.lineno, exc.colno, "", line),
            f"not valid JSON: {exc.msg}",
            code="json",
        ) from exc
    except LoadError as exc:  # a key twice: YAML's reader can say where
        placed = _placed(path, exc)
        if placed is exc:
            raise
        raise placed from exc
    except RecursionError as exc:
        problem = f"{path}: the document is nested too deeply"
        raise _placed(path, LoadError.at(None, problem, code="limit")) from exc
    except ValueError as exc:  # an integer of thousands of digits
        problem = f"{path}: not usable JSON: {exc}"
        raise _placed(path, LoadError.at(None, problem, code="json")) from exc


def _placed(path: Path, unlocated: LoadError, seen: LoadError | None = None) -> LoadError:
    """A problem of a JSON file as YAML's located reader reports it when it sees one too (a
    key twice, nesting, a huge number); else the problem as the json module found it."""
    if seen is None:  # what YAML says of the file, unless the caller has read it already
        try:
            read_yaml(path)
        except LoadError as exc:
            seen = exc
    if seen is not None:
        first = seen.diagnostics[0]
        if first.span is not None and not first.message.startswith("not valid YAML"):
            return seen
    return unlocated


def parse_facts(
    data: Any,
    path: Path,
    lines: list[str],
    concepts: Collection[str] | None = None,
    open_terms: Mapping[str, ParamSpec] | None = None,
    term_outside: TermOutside | None = None,
) -> FactSet:
    """Validate parsed facts data (a mapping of section → list of records); with
    ``concepts``, concept codes in the facts are checked against them too; with
    ``open_terms``, a unit's ``params`` against them, and with ``term_outside``
    (Library.term_outside) each against the laws reaching the unit's region."""
    problems: list[Diagnostic] = []
    if not isinstance(data, dict):
        raise LoadError.at(
            span_of(path, lines, data, None),
            "a facts file is a mapping: units, incidents, violations, … each a list",
        )
    allowed = ["units", *SECTIONS]
    units: list[Unit] = []
    facts: list[UnitFact] = []
    placed: list[tuple[str, int, Any]] = []  # where each fact is written
    for section, records in data.items():
        if section not in allowed:
            problems.append(
                Diagnostic(
                    "unknown-section",
                    f"unknown section {section!r}",
                    span_of(path, lines, data, section, at_key=True),
                    hint=f"sections are {', '.join(allowed)}",
                    suggestions=suggest(section, allowed),
                )
            )
            continue
        if records is None:
            continue
        if not isinstance(records, list):
            problems.append(
                Diagnostic(
                    "shape", f"{section} must be a list", span_of(path, lines, data, section)
                )
            )
            continue
        model = Unit if section == "units" else SECTIONS[section]
        for index, record in enumerate(records):
            where = f"{section}[{index}]"
            if not isinstance(record, dict):
                problems.append(
                    Diagnostic(
                        "shape",
                        f"{where} must be a mapping of field: value",
                        span_of(path, lines, data, section),
                    )
                )
                continue
            try:
                item = model.model_validate(record)
            except ValidationError as exc:
                for error in exc.errors():
                    loc = [str(p) for p in error["loc"]]
                    key = loc[0] if loc and loc[0] in record else None
                    message = error["msg"].removeprefix("Value error, ")
                    if error["type"] == "extra_forbidden":
                        message = (
                            f"unexpected field {loc[-1]!r}; {model.__name__} has "
                            + ", ".join(n for n in model.model_fields)
                        )
                    elif error["type"] == "missing":
                        message = f"missing field {loc[-1]!r}"
                    field = ".".join([where, *loc]) if loc else where
                    problems.append(
                        Diagnostic(
                            "fact",
                            f"{field}: {message}",
                            span_of(path, lines, record, key, at=(section, index)),
                            value=shown(str(error["input"]), 80) if key is not None else "",
                        )
                    )
                continue
            if isinstance(item, Unit):
                units.append(item)
                if open_terms is not None and item.params:
                    unsettled = open_term_problems(item.open_terms, open_terms)
                    if term_outside is not None:
                        bad = {n for n, _ in unsettled}
                        unsettled += [
                            (name, reason)
                            for name in item.open_terms
                            if name not in bad and (reason := term_outside(name, item.region))
                        ]
                    for name, reason in unsettled:
                        problems.append(
                            Diagnostic(
                                "unit-param",
                                f"{section}[{index}].params.{name}: {reason}",
                                span_of(path, lines, record, "params", at=(section, index)),
                                value=shown(name, 80),
                            )
                        )
            else:
                facts.append(item)
                placed.append((section, index, record))
    ids = [u.id for u in units]
    for dup in repeated(ids):
        problems.append(
            Diagnostic(
                "duplicate",
                f"unit id {dup!r} appears more than once",
                span_of(path, lines, data, "units"),
            )
        )
    # a unit that failed validation still names an id: its facts are not "unknown unit"
    declared = data.get("units")
    known = set(ids) | {
        str(r["id"])
        for r in (declared if isinstance(declared, list) else [])
        if isinstance(r, dict) and "id" in r
    }
    unknown_units = 0
    for section, records in data.items():
        if section == "units" or section not in SECTIONS or not isinstance(records, list):
            continue
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            # a reference that is not text was reported by validation above
            code = record.get("concept")
            if concepts is not None and isinstance(code, str) and code not in concepts:
                problems.append(
                    Diagnostic(
                        "unknown-concept",
                        f"{section}[{index}].concept: unknown concept {code!r}",
                        span_of(path, lines, record, "concept", at=(section, index)),
                        hint="`regulations concepts` lists them",
                        value=str(code),
                        suggestions=suggest(str(code), concepts),
                    )
                )
            if isinstance(record.get("unit"), str) and record["unit"] not in known:
                problems.append(
                    Diagnostic(
                        "unknown-unit",
                        f"{section}[{index}].unit: no unit with id {record['unit']!r}",
                        span_of(path, lines, record, "unit", at=(section, index)),
                        hint="declare it under units",
                        value=str(record["unit"]),
                        # a did-you-mean compares with every unit: the first few only
                        suggestions=suggest(str(record["unit"]), known)
                        if unknown_units < MAX_SUGGESTED
                        else (),
                    )
                )
                unknown_units += 1
    if not problems:
        records = data.get("units") or []
        for found in unit_links(units):
            record = records[found.index]
            problems.append(
                Diagnostic(
                    found.code,
                    f"units[{found.index}].{found.field}: {found.message}",
                    span_of(path, lines, record, found.field, at=("units", found.index)),
                    hint=found.advice,
                    value=shown(found.value, 80),
                    expected=found.expected,
                    suggestions=found.suggestions,
                )
            )
        for found in resolve(units, facts)[1]:
            section, index, record = placed[found.index]
            problems.append(
                Diagnostic(
                    found.code,
                    f"{section}[{index}].{found.field}: {found.message}",
                    span_of(path, lines, record, found.field, at=(section, index)),
                    hint=found.advice,
                    value=shown(found.value, 80),
                    expected=found.expected,
                    suggestions=found.suggestions,
                )
            )
    if problems:
        raise LoadError(problems)
    return FactSet(tuple(units), tuple(facts))
