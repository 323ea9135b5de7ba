"""Standard output for the length of a command: JSON documents and lines of text, and a
stream whose failure (a full disk, a closed stdout) is an `OutputError`, not a traceback."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from regulations.cli.errors import printable


class OutputError(Exception):
    """Standard output cannot be written: a full disk, a closed stdout. Not a bug of ours and
    not bad input either, but the answer did not get out: exit 2 (docs/errors.md)."""


class GuardedOutput:
    """stdout for the length of a command: a write that fails is an `OutputError`, whoever
    writes (print, json, rich). A reader closing the pipe stays a BrokenPipeError."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:  # started with stdout closed (`regulations … >&-`)
            raise OutputError("it is closed")
        try:
            return self._stream.write(text)
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


def emit_json(document: Any) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def echo(line: str) -> None:
    """One line of text for a person on stdout, control characters escaped."""
    print(printable(line))
