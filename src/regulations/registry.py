"""The concept registry and the open terms (rules/concepts*.yaml, rules/params*.yaml), and
the engine Schema built from them, the vocabulary and the fact models."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

from engine import (
    Diagnostic,
    FactType,
    FieldType,
    Hints,
    ParameterError,
    ParamSpec,
    Schema,
    coerce,
    suggest,
)
from regulations import vocabulary as v
from regulations.errors import LoadError
from regulations.fieldtypes import Ordered, Registry
from regulations.yamlsource import Located, read_yaml, span_of


@dataclass(frozen=True)
class Concept:
    """A kind of duty shared across regulations."""

    code: str
    zh: str
    en: str


def _entries(
    paths: Iterable[Path], what: str, contents: Mapping[Path, bytes] | None
) -> dict[str, tuple[Located, Path, list[str]]]:
    found: dict[str, tuple[Located, Path, list[str]]] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        data, lines = read_yaml(path, (contents or {}).get(path))
        if data is None:
            continue
        if not isinstance(data, Located):
            problems.append(
                Diagnostic(
                    "shape",
                    f"a {what} file is a mapping of code → entry",
                    span_of(path, lines, data, None),
                )
            )
            continue
        for code, entry in data.items():
            span = span_of(path, lines, data, code)
            if code in found:
                problems.append(
                    Diagnostic(
                        "duplicate",
                        f"{what} {code!r} is declared twice (also in {found[code][1].name})",
                        span,
                    )
                )
            elif not isinstance(entry, Located):
                problems.append(Diagnostic("shape", f"{what} {code!r} needs zh and en", span))
            else:
                found[code] = (entry, path, lines)
    if problems:
        raise LoadError(problems)
    return found


def load_concepts(
    paths: Iterable[Path], contents: Mapping[Path, bytes] | None = None
) -> dict[str, Concept]:
    """Read concept registries (from their bytes in ``contents`` when read already); a code
    declared twice, or without zh/en, is an error."""
    concepts: dict[str, Concept] = {}
    problems: list[Diagnostic] = []
    for code, (entry, path, lines) in _entries(paths, "concept", contents).items():
        unknown = sorted(set(entry) - {"zh", "en"})
        if unknown or not isinstance(entry.get("zh"), str) or not isinstance(entry.get("en"), str):
            problems.append(
                Diagnostic(
                    "shape",
                    f"concept {code!r} needs exactly a zh and an en description",
                    span_of(path, lines, entry, None),
                    hint=f"unexpected key(s): {', '.join(unknown)}" if unknown else "",
                )
            )
            continue
        concepts[code] = Concept(code, entry["zh"], entry["en"])
    if problems:
        raise LoadError(problems)
    return concepts


def load_params(
    paths: Iterable[Path], contents: Mapping[Path, bytes] | None = None
) -> dict[str, ParamSpec]:
    """Read open-term declarations (from their bytes in ``contents`` when read already);
    each has a type, an optional default and descriptions."""
    params: dict[str, ParamSpec] = {}
    problems: list[Diagnostic] = []
    flags = _flag_fields()
    for name, (entry, path, lines) in _entries(paths, "open term", contents).items():
        kind = entry.get("type")
        unknown = sorted(set(entry) - {"type", "default", "zh", "en", "decided_by"})
        if kind not in ("period", "count", "flag") or unknown:
            problems.append(
                Diagnostic(
                    "shape",
                    f"open term {name!r} needs a type: period, count or flag",
                    span_of(path, lines, entry, "type" if "type" in entry else None),
                    hint=f"unexpected key(s): {', '.join(unknown)}" if unknown else "",
                )
            )
            continue
        decided = entry.get("decided_by")
        named = decided if isinstance(decided, list) else [] if decided is None else [decided]
        decided_by = tuple((str(d).partition(".")[0], str(d).partition(".")[2]) for d in named)
        wrong = [d for d, pair in zip(named, decided_by, strict=True) if pair not in flags]
        if wrong or (named and kind != "flag"):
            problems.append(
                Diagnostic(
                    "shape",
                    f"open term {name!r}: decided_by names the flag fields of facts that "
                    f"settle it, as violation.serious, not {(wrong or named)[0]!r}",
                    span_of(path, lines, entry, "decided_by"),
                    value=str((wrong or named)[0]),
                    expected=tuple(f"{f}.{n}" for f, n in sorted(flags)),
                )
            )
            continue
        spec = ParamSpec(
            name,
            kind,
            entry.get("default"),
            str(entry.get("zh", "")),
            str(entry.get("en", "")),
            decided_by,
        )
        default = _default_problem(spec)
        if default:
            problems.append(
                Diagnostic(
                    "param-default",
                    f"open term {name!r}: bad default: {default}",
                    span_of(path, lines, entry, "default"),
                    value=str(spec.default),
                )
            )
            continue
        params[name] = spec
    if problems:
        raise LoadError(problems)
    return params


def open_term_problems(
    values: Mapping[str, Any], params: Mapping[str, ParamSpec]
) -> list[tuple[str, str]]:
    """(open term, what is wrong) for each value of ``values`` that names no open term of
    ``params`` or is not a value of its type (a unit's ``params``)."""
    problems = []
    for name, value in values.items():
        spec = params.get(name)
        if spec is None:
            close = suggest(name, params)
            also = f"; did you mean {', '.join(close)}?" if close else ""
            problems.append((name, f"no such open term{also}"))
            continue
        try:
            coerce(spec, value)
        except ParameterError as exc:
            problems.append((name, exc.reason))
    return problems


def _default_problem(spec: ParamSpec) -> str:
    """What is wrong with an open term's default (it must be a usable value), or ""."""
    try:
        coerce(spec, spec.default)
    except ParameterError as exc:
        return exc.reason
    return ""


def _flag_fields() -> set[tuple[str, str]]:
    """(fact type, field) of every true/false field of the facts: what can settle a flag."""
    from regulations.facts import FACT_MODELS

    return {
        (m.fact_type, name)
        for m in FACT_MODELS
        for name, ftype in fact_type_of(m).fields.items()
        if ftype.kind == "flag"
    }


def field_type(annotation: Any) -> FieldType:
    """The engine field type of a pydantic field annotation."""
    from regulations.facts import link_of

    linked = link_of(annotation)
    if linked is not None:  # a link to another fact (by id) or to a unit
        return FieldType("link", targets=linked.targets, role=linked.role)
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        found = field_type(inner[0])
        if found.kind == "flag":  # true, false, or not known
            return FieldType("flag", unknown_allowed=True)
        return found
    if origin is typing.Annotated:
        inner_type, *meta = get_args(annotation)
        found = field_type(inner_type)
        if any(isinstance(m, Ordered) for m in meta):
            return FieldType("ordered", found.choices)
        registry = next((m.name for m in meta if isinstance(m, Registry)), None)
        if registry is not None:
            return FieldType("symbol", registry=registry)
        return found
    if origin is typing.Literal:
        return FieldType("symbol", tuple(str(a) for a in get_args(annotation)))
    if annotation is bool:
        return FieldType("flag")
    if annotation in (int, float):
        return FieldType("number")
    if annotation is dt.date:
        return FieldType("date")
    return FieldType("symbol")


def declared(info: FieldInfo) -> Any:
    """A model field's annotation as written: pydantic keeps the markers of a field declared
    ``Annotated[T, ...]`` apart from its annotation (``FieldInfo.metadata``)."""
    if not info.metadata:
        return info.annotation
    return typing.Annotated[(info.annotation, *info.metadata)]


def fact_type_of(model: type[BaseModel]) -> FactType:
    """The engine fact type of a fact model: its fields, minus the unit it belongs to."""
    fields = {
        name: field_type(declared(info))
        for name, info in model.model_fields.items()
        if name != "unit"
    }
    name = str(getattr(model, "fact_type", ""))
    if name == "sanction":
        fields["year"] = FieldType("number")
    return FactType(
        name,
        fields,
        (model.__doc__ or "").strip(),
        date_field=getattr(model, "date_field", "date"),
    )


def build_schema(concepts: Mapping[str, Concept], params: Mapping[str, ParamSpec]) -> Schema:
    """Everything the rule text of the regulations may name."""
    from regulations.facts import FACT_MODELS, Unit

    unit_fields = {name: field_type(declared(info)) for name, info in Unit.model_fields.items()}
    unit_fields["level"] = FieldType("ordered", v.LEVEL_CODES)
    facts = {m.fact_type: fact_type_of(m) for m in FACT_MODELS}
    return Schema(
        kinds=v.KIND_CODES,
        lineage=v.lineage,
        levels=v.LEVEL_CODES,
        tags=v.TAG_CODES,
        concepts={c.code: c.zh for c in concepts.values()},
        measures=v.MEASURE_CODES,
        facts=facts,
        params=params,
        subject_fields=unit_fields,
        person_kinds=frozenset(k for k in v.KIND_CODES if v.is_person(k)),
        subject_key="unit",
        fulfilment_fact="performed",
        derived_fact="sanction",
        prompt_param="prompt_period",
        hints=Hints(
            declare_concept="declare it in the concept registry (rules/concepts.yaml)",
            declare_param="declare it in rules/params.yaml",
            set_param="set it with --param",
            standing_duty="a standing duty without condition or deadline; `applies` lists it",
        ),
        subject_params="params",
        fulfilment_link="discharges",
        decisions=("sanction", "supervision_order"),
        decision_ground="ground",
    )
