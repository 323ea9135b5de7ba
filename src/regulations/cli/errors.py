"""Rendering errors for a person, once, at the edge: first line names the bad value."""

from __future__ import annotations

import sys
from typing import NoReturn

from engine.errors import Diagnostic

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
WIDTH = 100  # longest source line shown whole under an error


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
    prefix = "".join("\u3000" if ord(ch) > 0x2E80 else " " for ch in line[:column])
    return [f"    {line}", f"    {prefix}^"]


def render_diagnostics(diagnostics: tuple[Diagnostic, ...], limit: int = 20) -> list[str]:
    lines: list[str] = []
    for diag in diagnostics[:limit]:
        lines.append(f"error: {diag}")
        lines.extend(caret(diag))
    if len(diagnostics) > limit:
        lines.append(
            f"... and {len(diagnostics) - limit} more problem(s); `regulations check` lists them all"
        )
    return lines


def fail(message: str, detail: list[str] | None = None, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``message`` (and detail lines) on stderr and exit."""
    print(message, file=sys.stderr)
    for line in detail or []:
        print(line, file=sys.stderr)
    raise SystemExit(code)


def describe(exc: BaseException) -> tuple[str, list[str]]:
    """First line and detail lines for a known error."""
    diagnostics: tuple[Diagnostic, ...] = getattr(exc, "diagnostics", ())
    if diagnostics:
        rendered = render_diagnostics(diagnostics)
        return rendered[0], rendered[1:]
    return f"error: {exc}", []
