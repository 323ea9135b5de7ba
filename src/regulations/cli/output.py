"""Standard output and error for the length of a command: JSON documents and lines of text
that every encoding can take, and a stdout whose failure (a full disk, a closed stdout) is
an `OutputError`, not a traceback.

A stream's encoding may not hold every character we write: a Chinese Windows console
redirected to a file writes GBK, which has no ✓ or •; a file name that is not UTF-8 holds
bytes no encoding has. Our own marks are then ASCII (`Marks`: ✓ → +, • → *), any other
character the encoding has no place for is escaped (``\\u2713``), never a
UnicodeEncodeError; JSON is written with ``\\u`` escapes, which every JSON reader takes.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

from regulations.cli.errors import OutputError, printable


@dataclass(frozen=True)
class Marks:
    """Our own marks — of an explanation's steps, of a list, of a table's rules — in the
    characters the output's encoding holds: ✓ ✗ • ─ │ where it can, ASCII where it cannot
    (GBK has the rules but no ✓)."""

    holds: str = "✓"
    fails: str = "✗"
    bullet: str = "•"
    dash: str = "—"
    horizontal: str = "─"
    vertical: str = "│"
    cross: str = "┼"
    differs: str = "≠"

    @classmethod
    def for_stream(cls, stream: object) -> Marks:
        encoding = encoding_of(stream)
        best, plain = cls(), cls("+", "x", "*", "-", "-", "|", "+", "*")
        return cls(
            *(
                getattr(best, name)
                if _holds(getattr(best, name), encoding)
                else getattr(plain, name)
                for name in cls.__dataclass_fields__
            )
        )


_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_ASCII = re.compile("[^\x00-\x7f]")


def encoding_of(stream: object) -> str:
    """The encoding a stream writes (UTF-8 where it does not say: a test's StringIO)."""
    name = getattr(stream, "encoding", None)
    try:
        return codecs.lookup(name).name if isinstance(name, str) else "utf-8"
    except LookupError:
        return "utf-8"


def fit(text: str, encoding: str) -> str:
    """``text`` as ``encoding`` can write it: unchanged when it can, else every character
    it has no place for escaped (``\\u2713``), never lost and never a UnicodeEncodeError."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    return text


def _holds(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


class GuardedOutput:
    """stdout for the length of a command: a write that fails is an `OutputError`, whoever
    writes (print, json); text the encoding cannot hold is written as `fit` makes it. A
    reader closing the pipe stays a BrokenPipeError."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:  # started with stdout closed (`regulations … >&-`)
            raise OutputError("it is closed")
        try:
            try:
                return self._stream.write(text)
            except UnicodeEncodeError:  # raised before anything is written
                return self._stream.write(fit(text, encoding_of(self._stream)))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding… of the stream
        return getattr(self._stream, name)


def quiet(stream: TextIO | None) -> None:
    """After a closed pipe or a failed write, point stdout at /dev/null so that the
    interpreter's last flush of what is still buffered is quiet (no 'Exception ignored')."""
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing is flushed
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def json_text(document: Any, stream: object, indent: int | None = 2) -> str:
    """A JSON document as ``stream`` can write it. A name that is not UTF-8 is shown escaped
    (the byte 0xff as the text ``\\xff``), as in tables; characters the stream's encoding has
    no place for are ``\\u`` escapes."""
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    if _SURROGATE.search(text):  # only ever inside strings: the escape is JSON text
        text = _SURROGATE.sub(lambda m: printable(m.group()).replace("\\", "\\\\"), text)
    encoding = encoding_of(stream)
    if encoding != "utf-8" and not _holds(text, encoding):
        text = _NOT_ASCII.sub(lambda m: json.dumps(m.group())[1:-1], text)
    return text


def emit_json(document: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json_text(document, sys.stdout) + "\n")


def echo(line: str) -> None:
    """One line of text for a person on stdout, control characters escaped."""
    print(printable(line))


def complain(lines: list[str]) -> None:
    """Lines on stderr as its encoding can write them (an error never fails on a name)."""
    encoding = encoding_of(sys.stderr)
    for line in lines:
        sys.stderr.write(fit(line, encoding) + "\n")


def emit_lines(documents: Iterator[Any]) -> None:
    """JSON lines on stdout, one document a line, written as they come (no document holds
    them all)."""
    for document in documents:
        sys.stdout.write(json_text(document, sys.stdout, indent=None) + "\n")


@contextmanager
def progress_bar(what: str, at_least: int = 10_000) -> Iterator[Callable[[int, int], None]]:
    """A callback ``(done, total)`` that draws a progress bar on stderr for long runs (a
    terminal, and ``at_least`` items to do); elsewhere it does nothing."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = None

        def advance(done: int, total: int) -> None:
            nonlocal task
            if total < at_least:
                return
            if task is None:
                task = bar.add_task(what, total=total)
            bar.update(task, completed=done)

        yield advance
