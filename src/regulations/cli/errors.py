"""Rendering errors for a person, once, at the edge: first line names the bad value."""

from __future__ import annotations

import re

from engine import Diagnostic, Error, shown
from regulations.errors import Choice
from regulations.errors import diagnostics_of as data_of

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
WIDTH = 100  # longest source line shown whole under an error

# what a terminal would act on rather than show: C0 controls but tab and newline, DEL, C1
# controls, and the bidirectional overrides and isolates (text that reads other than it is)
# controls, and the bidirectional overrides and isolates (text that reads other than it is);
# and lone surrogates: the bytes of a file name that is not UTF-8 (no encoding can write them)
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` safe to show on a terminal: control characters (an ESC that would start an
    escape sequence, a carriage return that would overwrite the line) written out as
    ``\\x1b``, ``\\x0d``; newlines and tabs kept; the bytes of a file name that is not UTF-8
    as ``\\xff``. Every message and table cell shown to a person passes here (data from files
    and arguments may hold anything)."""
    return _UNPRINTABLE.sub(_escaped, text)


def one_line(text: str) -> str:
    """``text`` printable and on one line: the first line of an error stays one line even
    when a value in it (a path) holds a newline."""
    return printable(text).replace("\n", "\\n")


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


class OutputError(Exception):
    """Standard output cannot be written: a full disk, a closed stdout. Not a bug of ours and
    not bad input either, but the answer did not get out: exit 2 (docs/errors.md)."""


def describe(exc: BaseException) -> tuple[str, list[str]]:
    """The first line and the detail lines of an error as a person reads them: bad input
    and limits (``Error``), bad usage, an unwritable stdout, or a bug of ours."""
    if isinstance(exc, UsageError):
        return f"error: {exc.message}", [exc.usage]
    if isinstance(exc, OutputError):
        return f"error: cannot write to standard output: {exc}", []
    if not isinstance(exc, Error):
        return f"internal error: {type(exc).__name__}: {exc}", [
            "this is a bug in regulations; set REGULATIONS_DEBUG=1 for the traceback"
        ]
    diagnostics: tuple[Diagnostic, ...] = getattr(exc, "diagnostics", ())
    if diagnostics:
        rendered = render_diagnostics(diagnostics)
        return rendered[0], rendered[1:]
    return f"error: {exc}", []


def diagnostics_of(exc: BaseException) -> tuple[Diagnostic, ...]:
    """An error as diagnostic records (the fields of ``Diagnostic.to_dict``): ours as
    `regulations.errors.diagnostics_of` gives them, bad usage, an unwritable stdout, a bug."""
    if isinstance(exc, UsageError):
        return (Diagnostic("usage", exc.message, hint=exc.usage),)
    if isinstance(exc, OutputError):
        return (Diagnostic("output", f"cannot write to standard output: {exc}"),)
    if isinstance(exc, Error):
        return data_of(exc)
    return (Diagnostic("internal", f"{type(exc).__name__}: {exc}"),)


def error_document(exc: BaseException, status: int) -> dict[str, object]:
    """An error for a program reading ``--format json``: the first line a person would read
    (``error``), the exit status, the fields of its first diagnostic, the detail lines, and
    every diagnostic where there are several (``problems``)."""
    first, detail = describe(exc)
    problems = [_fields(d) for d in diagnostics_of(exc)]
    document: dict[str, object] = {
        "error": one_line(first),
        "exit": status,
        **problems[0],
        "detail": detail,
    }
    if len(problems) > 1:
        document["problems"] = problems
    return document


def _fields(diagnostic: Diagnostic) -> dict[str, object]:
    """A diagnostic's fields, its value cut as values are in messages (a path of 100,000
    characters is not echoed whole) and at most `Choice.LISTED` valid values."""
    fields = diagnostic.to_dict()
    fields["value"] = shown(diagnostic.value, 80)
    fields["expected"] = list(diagnostic.expected[: Choice.LISTED])
    return fields
