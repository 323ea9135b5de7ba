"""Errors as HTTP answers: one JSON body for every refusal (the diagnostic fields of the
command line's errors), with the status that fits. Rendered here, once, at the edge."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from engine import Diagnostic
from regulations import Error, InvalidValueError, LoadError, UnknownCodeError
from regulations.errors import diagnostics_of

BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, TOO_LARGE, UNPROCESSABLE = 400, 401, 404, 413, 422


class Refusal(Exception):
    """A request refused: a status and the problems that say why."""

    def __init__(self, status: int, problems: Sequence[dict[str, Any]], what: str = "") -> None:
        super().__init__(problems[0]["message"] if problems else "refused")
        self.status = status
        self.problems = tuple(problems)
        self.what = what


def problem(
    code: str,
    message: str,
    place: str | None = None,
    value: str = "",
    expected: Sequence[str] = (),
    suggestions: Sequence[str] = (),
    hint: str = "",
) -> dict[str, Any]:
    """One problem as the API shows it: the fields of a diagnostic."""
    return {
        "code": code,
        "message": message,
        "place": place,
        "value": value,
        "expected": list(expected),
        "suggestions": list(suggestions),
        "hint": hint,
    }


def _of(diag: Diagnostic, what: str) -> dict[str, Any]:
    span = diag.span
    if span is None:
        place: str | None = what or None
    elif span.line <= 1 and span.column <= 1 and span.key_path:  # parsed data: no lines
        place = f"{span.file}.{span.key_path}"
    else:
        place = f"{span.file}:{span.line}:{span.column}"
    found = problem(
        diag.code, diag.message, place, diag.value, diag.expected, diag.suggestions, diag.hint
    )
    if span is not None and span.key_path:
        found["key_path"] = span.key_path
    return found


def status_of(exc: Error) -> int:
    """413 for a limit reached, 422 for everything else a request can get wrong (an unknown
    code, a bad value, a facts document with problems)."""
    if isinstance(exc, LoadError) and any(d.code == "limit" for d in exc.diagnostics):
        return TOO_LARGE
    return UNPROCESSABLE


def refusal(exc: Error, status: int | None = None) -> Refusal:
    what = getattr(exc, "what", "") if isinstance(exc, UnknownCodeError | InvalidValueError) else ""
    problems = [_of(d, what) for d in diagnostics_of(exc)]
    return Refusal(status or status_of(exc), problems, what)


@contextmanager
def resource() -> Iterator[None]:
    """Around the lookup of what a URL path names: an unknown or malformed one is 404."""
    try:
        yield
    except (UnknownCodeError, InvalidValueError) as exc:
        raise refusal(exc, NOT_FOUND) from exc


def body(refused: Refusal) -> dict[str, Any]:
    """The JSON error body: the first problem as ``error``, all of them as ``errors``."""
    return {
        "status": refused.status,
        "error": refused.problems[0],
        "errors": list(refused.problems),
    }


def request_problems(errors: Sequence[Any]) -> Refusal:
    """pydantic's validation errors of a request as our problems: 400 when the body is not
    JSON at all, 422 when a field is missing, unknown or of the wrong type."""
    problems = []
    status = UNPROCESSABLE
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        place = ".".join(loc) or None
        kind = error.get("type", "")
        if kind == "json_invalid":
            status = BAD_REQUEST
            context = error.get("ctx", {}).get("error", "")
            at = f" (at character {loc[1]})" if len(loc) > 1 else ""
            problems.append(
                problem(
                    "json",
                    f"the request body is not valid JSON: {context}{at}",
                    "body",
                    hint="send one JSON object, Content-Type: application/json",
                )
            )
            continue
        message = error.get("msg", "invalid").removeprefix("Value error, ")
        if kind == "extra_forbidden":
            message = f"unexpected field {loc[-1]!r}"
        elif kind == "missing":
            message = f"missing field {loc[-1]!r}"
        value = error.get("input")
        shown = "" if kind == "missing" or isinstance(value, dict | list) else str(value)[:80]
        problems.append(problem("request", f"{place}: {message}", place, shown))
    return Refusal(status, problems or [problem("request", "the request cannot be read")])
