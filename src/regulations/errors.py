"""Errors of the regulations package: typed subclasses of the one root, ``Error`` (shared
with the engine), rendered once at the CLI."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from engine import Diagnostic, EngineError, Error, Span, shown

_BYTE = re.compile(r"(?<!\\)\\udc([89a-f][0-9a-f])")


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a message names it: quoted and cut like any value (`shown`, 80 characters),
    a newline or a control character escaped, and a byte of a name that is not UTF-8 shown
    as the byte (``'\\xff.yaml'``), never used as text."""
    return _BYTE.sub(r"\\x\1", repr(shown(os.fspath(path), 80)))


class RegulationsError(Error):
    """Root of the errors the domain raises for bad input (``Error`` catches engine
    errors too)."""


@dataclass(frozen=True)
class Choice:
    """What a bad value should have been: the valid options, or where to find them."""

    options: tuple[str, ...] = ()
    pointer: str = ""

    LISTED = 100  # options named in a message (a facts file may have 100,000 unit ids)

    def __str__(self) -> str:
        if not self.options:
            return self.pointer
        listed = ", ".join(self.options[: self.LISTED])
        more = len(self.options) - self.LISTED
        return listed + (f", … and {more} more" if more > 0 else "")


class UnknownCodeError(RegulationsError, LookupError):
    """A code (regulation, kind, level, tag, article…) that does not exist."""

    def __init__(
        self, what: str, value: str, choice: Choice, suggestions: tuple[str, ...] = ()
    ) -> None:
        self.what = what
        self.value = value
        self.choice = choice
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} {shown(value)!r}{hint} (valid: {choice})")


class InvalidValueError(RegulationsError, ValueError):
    """A value of the right kind but unusable (a bad date, a level on a person)."""

    def __init__(self, what: str, value: str, reason: str) -> None:
        self.what = what
        self.value = value
        self.reason = reason
        super().__init__(f"bad {what} {shown(value)!r}: {reason}")


class ServeError(RegulationsError):
    """The app cannot be served where asked: a host name not known, an address not of this
    machine, a port taken or not allowed."""

    def __init__(self, host: str, port: int, reason: str) -> None:
        self.host = host
        self.port = port
        self.reason = reason
        super().__init__(f"cannot serve on {shown(host)}:{port}: {reason}")


def flag(what: str, value: object) -> bool:
    """A true/false argument of the Python API, checked where it is taken: ``True`` or
    ``False`` only, not a string or a number that would read as one (``"false"`` is true)."""
    if not isinstance(value, bool):
        raise InvalidValueError(
            what, str(value), f"give True or False (got {type(value).__name__})"
        )
    return value


class LoadError(RegulationsError):
    """A rule, registry or facts file that cannot be read: every problem, each located."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(f"{diagnostics[0]}{more}" if diagnostics else "load error")

    @classmethod
    def at(cls, span: Span | None, message: str, hint: str = "", code: str = "load") -> LoadError:
        return cls([Diagnostic(code, message, span, hint=hint)])


def diagnostics_of(exc: Error) -> tuple[Diagnostic, ...]:
    """Any error of ours as diagnostic records, for an edge that shows errors as data (JSON
    on the command line, an HTTP error body): a file's problems each with its place; an
    unknown code with the valid ones (``expected``) and the close ones (``suggestions``); a
    bad value with why."""
    found: tuple[Diagnostic, ...] = getattr(exc, "diagnostics", ())
    if found:
        return found
    if isinstance(exc, UnknownCodeError):
        return (
            Diagnostic(
                "unknown-code",
                str(exc),
                hint=exc.choice.pointer,
                suggestions=exc.suggestions,
                value=exc.value,
                expected=exc.choice.options,
            ),
        )
    if isinstance(exc, InvalidValueError):
        return (Diagnostic("invalid-value", str(exc), hint=exc.reason, value=exc.value),)
    return (Diagnostic(_code_of(exc), str(exc)),)


def _code_of(exc: Error) -> str:
    """``EvaluationLimitError`` → ``evaluation-limit``."""
    name = type(exc).__name__.removesuffix("Error") or "error"
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


__all__ = [
    "Choice",
    "EngineError",
    "Error",
    "InvalidValueError",
    "LoadError",
    "RegulationsError",
    "ServeError",
    "UnknownCodeError",
    "diagnostics_of",
    "shown_path",
]
