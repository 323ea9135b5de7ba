"""Source positions: every node derived from rule text keeps where it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """Where a piece of rule text sits: a file, the line its first character is on, the
    column it is indented by, and what it belongs to (e.g. "ordos article 19")."""

    file: str
    line: int = 1
    column: int = 1
    context: str = ""
    key_path: str = ""
    article: str = ""


@dataclass(frozen=True)
class Span:
    """A position in a rule or facts file: 1-based line and column, the owning context
    ("ordos article 19"), the YAML key path (``articles[18].rules``), the article's key,
    and the source line for a caret."""

    file: str
    line: int
    column: int
    context: str = ""
    source_line: str = ""
    key_path: str = ""
    article: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where} ({self.context})" if self.context else where


class SourceLines:
    """Rule text split once into its lines as they stand in the file (indented by the
    origin's column): the spans of all nodes of one text share these line strings."""

    def __init__(self, origin: Origin, text: str) -> None:
        self.origin = origin
        indent = " " * (origin.column - 1)
        self.lines = [indent + line for line in text.splitlines()]

    def span(self, line: int, column: int) -> Span:
        """The span of (line, column) inside the text."""
        origin = self.origin
        return Span(
            file=origin.file,
            line=origin.line + line - 1,
            column=origin.column + column - 1,
            context=origin.context,
            source_line=self.lines[line - 1] if 0 < line <= len(self.lines) else "",
            key_path=origin.key_path,
            article=origin.article,
        )


def locate(origin: Origin, text: str, line: int, column: int) -> Span:
    """Map a (line, column) inside ``text`` to a span in the file ``origin`` describes."""
    return SourceLines(origin, text).span(line, column)


def key_path(parts: tuple[object, ...] | list[object]) -> str:
    """A YAML key path as a reader writes it: ``versions[1].articles[18].rules``."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
