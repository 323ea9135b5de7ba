"""Entry point of the `regulations` command (spec/cli.md): read the command line, run the
command, and turn every error into its message and exit status — here, once."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO, cast

from regulations.cli.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, describe, fail
from regulations.cli.output import GuardedOutput, OutputError, quiet


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; exit 0 answered, 1 findings, 2 bad input (or stdout not writable),
    3 internal error. A reader closing the pipe early (`| head`) is exit 0, quietly."""
    stdout = sys.stdout
    sys.stdout = cast(TextIO, GuardedOutput(stdout))
    try:
        try:
            return _run(argv)
        finally:  # still guarded: what is left in the buffer is written (or fails) here
            sys.stdout.flush()
    except BrokenPipeError:  # `regulations … | head`: the reader has what it wanted
        quiet(stdout)
        return EXIT_OK
    except OutputError as exc:
        quiet(stdout)
        fail(f"error: cannot write to standard output: {exc}", code=EXIT_USAGE)
    finally:
        sys.stdout = stdout


def _run(argv: Sequence[str] | None) -> int:
    from engine.errors import Error
    from regulations.cli.commands import COMMANDS
    from regulations.cli.parser import build_parser

    try:
        args = build_parser().parse_args(argv)
        args.rules = [*args.rules, *getattr(args, "more_rules", [])]
        return COMMANDS[args.command](args)
    except Error as exc:  # bad input, or a limit reached: the one root of our errors
        first, detail = describe(exc)
        fail(first, detail, EXIT_USAGE)
    except (BrokenPipeError, OutputError):
        raise
    except Exception as exc:
        if os.environ.get("REGULATIONS_DEBUG"):
            raise
        fail(
            f"internal error: {type(exc).__name__}: {exc}",
            ["this is a bug in regulations; set REGULATIONS_DEBUG=1 for the traceback"],
            EXIT_INTERNAL,
        )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
