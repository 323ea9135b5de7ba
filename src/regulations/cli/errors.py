"""Rendering errors for a person, once, at the edge: first line names the bad value."""

from __future__ import annotations

import re
import sys
from typing import NoReturn

from engine.errors import Diagnostic, Error

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
WIDTH = 100  # longest source line shown whole under an error

# what a terminal would act on rather than show: C0 controls but tab and newline, DEL, C1
# controls, and the bidirectional overrides and isolates (text that reads other than it is)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to show on a terminal: control characters (an ESC that would start an
    escape sequence, a carriage return that would overwrite the line) written out as
    ``\\x1b``, ``\\x0d``; newlines and tabs kept. Every message and table cell shown to a
    person passes here (data from files and arguments may hold anything)."""
    return _UNPRINTABLE.sub(_escaped, text)


def caret(diag: Diagnostic) -> list[str]:
    """The source line of a diagnostic with a caret under the column."""
    span = diag.span
    if span is None or not span.source_line:
        return []
    line = span.source_line.rstrip("\n")
    # the caret sits under the character the span points at (columns count characters;
    # a wide character before it takes a wide space)
    column = min(max(span.column - 1, 0), len(line))
    if len(line) > WIDTH:  # a window around the column, marked as cut
        start = max(0, min(column - WIDTH // 2, len(line) - WIDTH))
        head = "…" if start else ""
        tail = "…" if start + WIDTH < len(line) else ""
        line, column = head + line[start : start + WIDTH] + tail, column - start + len(head)
    # control characters are shown escaped, several columns wide
    prefix = "".join(
        "\u3000" if ord(ch) > 0x2E80 else " " * len(printable(ch)) for ch in line[:column]
    )
    return [f"    {printable(line)}", f"    {prefix}^"]


def render_diagnostics(diagnostics: tuple[Diagnostic, ...], limit: int = 20) -> list[str]:
    lines: list[str] = []
    for diag in diagnostics[:limit]:
        lines.append(printable(f"error: {diag}"))
        lines.extend(caret(diag))
    if len(diagnostics) > limit:
        lines.append(
            f"... and {len(diagnostics) - limit} more problem(s); `regulations check` lists them all"
        )
    return lines


class UsageError(Error):
    """A command line argparse cannot read: an unknown option, a missing or bad argument."""

    def __init__(self, message: str, usage: str) -> None:
        self.message = message
        self.usage = usage
        super().__init__(message)


def fail(message: str, detail: list[str] | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``message`` (and detail lines) on stderr, control characters escaped, and exit."""
    for line in [message, *(detail or [])]:
        print(printable(line), file=sys.stderr)
    raise SystemExit(code)


def describe(exc: BaseException) -> tuple[str, list[str]]:
    """First line and detail lines for a known error."""
    if isinstance(exc, UsageError):
        return f"error: {exc.message}", [exc.usage]
    diagnostics: tuple[Diagnostic, ...] = getattr(exc, "diagnostics", ())
    if diagnostics:
        rendered = render_diagnostics(diagnostics)
        return rendered[0], rendered[1:]
    return f"error: {exc}", []
