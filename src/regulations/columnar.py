"""``evaluate(..., engine="columnar")``: the encoded regulations through the columnar
backend (engine/columnar.py, extra ``regulations[columnar]``). Units and facts become Polars
frames; the backend answers the units it can translate and hands the others, whole, to the
reference engine — the answers are the reference engine's either way (docs/performance.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from engine import Evaluator, SubjectResult
from regulations.errors import InvalidValueError
from regulations.facts import Unit, UnitFact

ENGINES = ("python", "columnar")
_INDEX = "_index"


def check_engine(engine: object) -> str:
    """The name of an evaluation engine, checked (and its extra, for the columnar one)."""
    if engine not in ENGINES:
        raise InvalidValueError("engine", str(engine), f"give one of {', '.join(ENGINES)}")
    if engine == "columnar":
        try:
            import polars  # noqa: F401
        except ImportError:
            raise InvalidValueError(
                "engine",
                "columnar",
                'the columnar engine needs polars: pip install "regulations[columnar]"',
            ) from None
    return str(engine)


def _column(values: list[Any]) -> Any:
    """A field's values as a column: sets as sorted lists; a link some facts leave open
    among candidates (a tuple) as a list of ids in every row that names any."""
    kinds = set(map(type, values))  # the types present, read once (at C speed)
    if any(issubclass(k, tuple) for k in kinds):
        return _lists(
            [[v] if isinstance(v, str) else None if v is None else list(v) for v in values]
        )
    if any(issubclass(k, frozenset | set) for k in kinds):
        return _lists([sorted(v) if isinstance(v, frozenset | set) else v for v in values])
    return values


_SEP = "\x1f"


def _lists(values: list[Any]) -> Any:
    """A column of lists of texts (or None), made from one joined text a row: Polars reads
    a Python list of lists row by row (about 17 µs a row: a third of the columnar engine's
    time on the domain benchmark's units), a column of texts at once. Lists holding
    anything else, an empty text or the separator are given to Polars as they are."""
    import polars as pl

    if not all(v is None or type(v) is list for v in values):
        return values
    try:
        joined = [None if v is None else _SEP.join(v) for v in values]
    except TypeError:  # not texts
        return values
    column = (
        pl.Series(joined, dtype=pl.String)
        .str.split(_SEP)
        .list.eval(pl.element().filter(pl.element().str.len_bytes() > 0))
    )
    if column.list.len().to_list() != [None if v is None else len(v) for v in values]:
        return values  # an empty text, or one holding the separator
    return column


def _settings(values: list[Any]) -> Any:
    """A unit's own open terms as ``name=value`` texts (the backend asks only whether any)."""
    return _lists([[f"{name}={value}" for name, value in pairs] for pairs in values])


def evaluate_units(
    evaluator: Evaluator, units: Sequence[Unit], facts: Sequence[UnitFact]
) -> list[SubjectResult]:
    """What ``evaluator.run(units, facts).results`` gives, through the columnar backend.

    A unit no fact is seen by is answered as the reference engine answers it: once per
    profile (``Evaluator.alike``), what the backend's stand-in of its profile gives too;
    only the units with facts are made into frames."""
    seen = evaluator.index(facts, units)  # the units some fact is seen by (their own, their link's)
    places = [i for i, u in enumerate(units) if u.id in seen]
    if len(places) < len(units):
        answers = _backend(evaluator, [units[i] for i in places], facts)
        found = dict(zip(places, answers, strict=True))
        return [found[i] if i in found else evaluator.subject(u, {}) for i, u in enumerate(units)]
    return _backend(evaluator, units, facts)


def _backend(
    evaluator: Evaluator, units: Sequence[Unit], facts: Sequence[UnitFact]
) -> list[SubjectResult]:
    """``evaluate_units`` of ``units`` through the backend."""
    if not units:
        return []
    import polars as pl

    from engine import columnar  # the optional backend: it needs polars

    by_id = {u.id: u for u in units}
    names = list(Unit.model_fields)
    subjects = pl.DataFrame(
        {
            name: (_settings if name == "params" else _column)([getattr(u, name) for u in units])
            for name in names
        },
        schema_overrides={
            "tags": pl.List(pl.String),
            "level": pl.String,
            "params": pl.List(pl.String),
            "staff_of": pl.String,
        },
        strict=False,
    )
    by_type: dict[str, list[UnitFact]] = defaultdict(list)
    for fact in facts:
        by_type[fact.fact_type].append(fact)
    frames = {}
    for kind, items in by_type.items():
        fields = list(type(items[0]).model_fields)
        data = {name: _column([getattr(f, name) for f in items]) for name in fields}
        data[_INDEX] = list(range(len(items)))
        frames[kind] = pl.DataFrame(data, strict=False)

    def fact_of(kind: str) -> Any:
        items = by_type[kind]
        return lambda row: items[row[_INDEX]]

    found = columnar.evaluate(
        evaluator,
        subjects,
        frames,
        lambda row: by_id[row["id"]],
        {kind: fact_of(kind) for kind in by_type},
        cite_facts=True,  # every answer lists the facts it rests on
    )
    return found.subject_results(units, evaluator.ruleset, evaluator)
