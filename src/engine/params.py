"""Open terms' values: typed and checked once per evaluation, before any rule runs.

An open term (较短时间, 情节严重…) is declared in the Schema with a kind (period, count,
flag) and a default; a caller may set it. ``coerce`` turns one value as given (a string from
a command line, a number, a ``Period``) into the value rules use, or raises ParameterError
saying what to give instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.errors import ParameterError, shown
from engine.names import suggest
from engine.numbers import MAX_COUNT, whole_number
from engine.periods import Period
from engine.schema import ParamSpec, Schema


def resolve_params(
    schema: Schema, overrides: Mapping[str, Any] | None = None, only_given: bool = False
) -> dict[str, Any]:
    """Defaults of every open term, overridden by the caller; values are typed and checked
    (with ``only_given``, the overrides alone)."""
    values: dict[str, Any] = {}
    overrides = dict(overrides or {})
    for name in overrides:
        if name not in schema.params:
            hint = suggest(name, schema.params)
            also = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise ParameterError(
                name, f"no such open term{also} (known: {', '.join(sorted(schema.params))})"
            )
    for name, spec in schema.params.items():
        if only_given and name not in overrides:
            continue
        values[name] = coerce(spec, overrides.get(name, spec.default))
    return values


def coerce(spec: ParamSpec, raw: Any) -> Any:
    """``raw`` as a value of the open term ``spec``: a Period, a count, True/False, or None
    (undetermined). Raises ParameterError naming the term and what to give.

    >>> coerce(ParamSpec("short", "period", None), "3 days")
    Period(amount=3, unit='days')
    >>> coerce(ParamSpec("serious", "flag", None), "unknown") is None
    True
    """
    if raw is None:
        return None
    try:
        return _typed(spec.kind, raw)
    except ValueError as exc:
        raise ParameterError(spec.name, str(exc)) from exc


def _whole(text: str, what: str) -> int:
    """``text`` as a whole number (ASCII digits, at most MAX_DIGITS of them)."""
    quoted = repr(shown(text))
    number = whole_number(text)
    if number is None and text.isascii() and text.isdigit():
        raise ValueError(f"{quoted} ({len(text)} digits) is too large; give {what}")
    if number is None:
        raise ValueError(f"{quoted} is not a whole number; give {what}")
    return number


def _typed(kind: str, raw: Any) -> Any:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() > 60:
        raise ValueError("the number is too large")  # str() of 5,000 digits fails
    if len(str(raw)) > 100:  # not echoed whole in the message
        raise ValueError(f"{shown(str(raw))!r} ({len(str(raw))} characters) is too long")
    if kind == "period":
        return raw if isinstance(raw, Period) else Period.parse(str(raw))
    if kind == "count":
        count = 0 if isinstance(raw, bool) else _whole(str(raw).strip(), "a count such as 2")
        if not 1 <= count <= MAX_COUNT:
            raise ValueError(f"{raw!r} is not a count; give a whole number from 1 to {MAX_COUNT}")
        return count
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    if text in ("undetermined", "unknown", "none"):
        return None
    raise ValueError(f"{raw!r} is not true, false or undetermined")
