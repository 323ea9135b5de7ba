"""The bad-input corpus (tests/bad): each bad file or command line, run through the CLI as a
user would, with the output it must give recorded next to it.

    tests/bad/rules/NAME.yaml    a rule file     → regulations check rules/NAME.yaml
    tests/bad/facts/NAME.yaml    a facts file    → regulations evaluate facts/NAME.yaml …
    tests/bad/cli/NAME.args      one command line (its arguments, shell-quoted; bytes that
                                 are not UTF-8 are passed on as the shell would)

Each has NAME.expected beside it: the command, the exit status, stdout and stderr. Re-record
every one after changing a message on purpose (then read the diff):

    python tests/support/badcorpus.py --record
    python tests/support/badcorpus.py --record facts/deep.json cli/no_command.args   # some
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "bad"
FACTS_COMMAND = ["evaluate", "--regulation", "ordos", "--as-of", "2025-06-30"]


@dataclass(frozen=True)
class Case:
    """One bad input and the command line that feeds it to the CLI (paths relative to
    tests/bad, where the command runs)."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path.relative_to(CORPUS))

    @property
    def argv(self) -> list[str]:
        relative = self.name
        if self.path.parent.name == "rules":
            return ["check", relative]
        if self.path.parent.name == "facts":
            return [FACTS_COMMAND[0], relative, *FACTS_COMMAND[1:]]
        # bytes that are not UTF-8 stand for themselves, as in a file name the shell passes on
        text = self.path.read_bytes().decode("utf-8", errors="surrogateescape")
        return shlex.split(text, comments=True)

    @property
    def expected_file(self) -> Path:
        return self.path.with_suffix(".expected")


@dataclass(frozen=True)
class Outcome:
    """What the CLI did: exit status, stdout, stderr."""

    status: int
    stdout: str
    stderr: str

    def render(self, argv: list[str]) -> str:
        command = shlex.join(argv).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        return (
            f"$ regulations {command}\n"
            f"exit: {self.status}\n"
            f"--- stdout\n{self.stdout}"
            f"--- stderr\n{self.stderr}"
        )


def cases() -> list[Case]:
    """Every case in the corpus, sorted by path."""
    found = [
        *CORPUS.glob("rules/*.yaml"),
        *CORPUS.glob("facts/*.yaml"),
        *CORPUS.glob("facts/*.json"),
        *CORPUS.glob("cli/*.args"),
    ]
    return [Case(p) for p in sorted(found)]


def run(argv: list[str]) -> Outcome:
    """Run the CLI in this process, in the corpus folder, and capture what it prints."""
    from regulations.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(CORPUS)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(here)
    return Outcome(status, out.getvalue(), err.getvalue())


def record(names: list[str]) -> int:
    """Write the .expected file of each case named (``facts/deep.json``; all when none is)
    from what the CLI prints now."""
    chosen = [c for c in cases() if not names or c.name in names]
    unknown = sorted(set(names) - {c.name for c in chosen})
    if unknown:
        print(f"no such case: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for case in chosen:
        case.expected_file.write_text(run(case.argv).render(case.argv), encoding="utf-8")
        print(f"recorded {case.expected_file.relative_to(CORPUS)}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["--record"]:
        print(__doc__)
        raise SystemExit(2)
    raise SystemExit(record(sys.argv[2:]))
