"""Entry point of the `regulations` command (spec/cli.md): read the command line, run the
command, and turn every error into its message and exit status — here, once.

An error is written on stderr as lines for a person (the first names the bad value), or,
when the command line asks for ``--format json``, as one JSON object (`error_document`).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO, cast

from engine import Error
from regulations.cli.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    OutputError,
    describe,
    error_document,
    one_line,
    printable,
)
from regulations.cli.output import GuardedOutput, complain, json_text, quiet


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit 0 answered, 1 findings, 2 bad input (or stdout not writable),
    3 internal error. A reader closing the pipe early (`| head`) is exit 0, quietly."""
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = wants_json(argv)
    stdout = sys.stdout
    sys.stdout = cast(TextIO, GuardedOutput(stdout))
    try:
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _warnings(as_json)
                return _run(argv)
        finally:  # still guarded: what is left in the buffer is written (or fails) here
            sys.stdout.flush()
    except BrokenPipeError:  # `regulations … | head`: the reader has what it wanted
        quiet(stdout)
        return EXIT_OK
    except OutputError as exc:
        quiet(stdout)
        report(exc, EXIT_USAGE, as_json)
    except Error as exc:  # bad input, or a limit reached: the one root of our errors
        report(exc, EXIT_USAGE, as_json)
    except Exception as exc:
        if os.environ.get("REGULATIONS_DEBUG"):
            raise
        report(exc, EXIT_INTERNAL, as_json)
    finally:
        sys.stdout = stdout


def _run(argv: list[str]) -> int:
    from regulations.cli.commands import COMMANDS
    from regulations.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    args.rules = [*args.rules, *getattr(args, "more_rules", [])]
    return COMMANDS[args.command](args)


def _warnings(as_json: bool) -> Callable[..., None]:
    """How a warning is shown (the compiled-rule cache refused): once, as one line on stderr
    (a JSON object when the command line asks for JSON), not Python's file:line form. The
    answer on stdout is unaffected."""
    shown: set[str] = set()

    def show(message: Warning | str, *_: object, **__: object) -> None:
        text = str(message)
        if text not in shown:
            shown.add(text)
            document = {"warning": text}
            complain(
                [
                    json_text(document, sys.stderr, indent=None)
                    if as_json
                    else one_line(f"warning: {text}")
                ]
            )

    return show


def report(exc: BaseException, status: int, as_json: bool) -> NoReturn:
    """Write the error on stderr — one JSON object, or lines whose first stays one line —
    and exit with ``status``."""
    if as_json:
        complain([json_text(error_document(exc, status), sys.stderr, indent=None)])
    else:
        first, detail = describe(exc)
        complain([one_line(first), *(printable(line) for line in detail)])
    raise SystemExit(status)


def wants_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for ``--format json`` (the last ``--format`` given; also
    abbreviated, ``--form json``, or ``--format=json``): read before parsing, so that a
    command line argparse refuses is answered in JSON too."""
    given = ""
    for index, word in enumerate(argv):
        name, equals, value = word.partition("=")
        if len(name) >= 3 and "--format".startswith(name):
            given = value if equals else (argv[index + 1] if index + 1 < len(argv) else "")
    return given in ("json", "jsonl")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
