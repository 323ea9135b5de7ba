"""Golden tables (tests/cli/golden): what each command prints for a person, at 60, 80, 120
and 200 columns (in English) and at 80 in Chinese, on a small fixed law (golden/rules.yaml)
and facts (golden/facts.yaml), so that a change to the shipped law does not move them.

    tests/cli/golden/NAME.WIDTH.txt       --lang en --width WIDTH
    tests/cli/golden/NAME.zh.80.txt       --lang zh --width 80

Each file starts with the command that made it. The engine's stages have golden files too
(tests/fixtures/stages, stages.py): the same command records both. Re-record them all after
changing a table or a stage's output on purpose (then read the diff):

    python tests/support/goldens.py --record
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

FOLDER = Path(__file__).resolve().parents[1] / "cli" / "golden"
DAY = ["--as-of", "2025-06-30"]
COMMANDS: dict[str, list[str]] = {
    "applies-school": ["applies", "golden", "--kind", "school", *DAY],
    "applies-government": ["applies", "golden", "--kind", "people_government", *DAY],
    "articles": ["articles", "golden", *DAY],
    "evaluate": ["evaluate", "facts.yaml", "--regulation", "golden", *DAY],
    "explain": ["explain", "facts.yaml", "--unit", "dongsheng-gov", "--rule", "golden.3.1", *DAY],
    "diff": ["diff", "golden@draft", "golden"],
    "compare": ["compare", "golden@draft", "golden", "--kind", "people_government", "--level",
                "county", *DAY],
    "vocabulary": ["vocabulary", "levels"],
    "vocabulary-kinds": ["vocabulary", "kinds"],
}  # fmt: skip
WIDTHS = (60, 80, 120, 200)


@dataclass(frozen=True)
class Golden:
    """One command at one width and language, and the file holding what it prints."""

    name: str
    width: int
    lang: str

    @property
    def argv(self) -> list[str]:
        where = ["--width", str(self.width), "--lang", self.lang]
        return ["--rules", "rules.yaml", *COMMANDS[self.name], *where]

    @property
    def file(self) -> Path:
        middle = "" if self.lang == "en" else f"{self.lang}."
        return FOLDER / f"{self.name}.{middle}{self.width}.txt"

    def render(self) -> str:
        """The command line, then what it prints (it must answer, exit 0, nothing on stderr)."""
        from regulations.cli.main import main

        out, err = io.StringIO(), io.StringIO()
        here = Path.cwd()
        os.chdir(FOLDER)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(self.argv)
        finally:
            os.chdir(here)
        if status != 0 or err.getvalue():
            raise AssertionError(f"{shlex.join(self.argv)}: exit {status}\n{err.getvalue()}")
        return f"$ regulations {shlex.join(self.argv)}\n{out.getvalue()}"


def goldens() -> list[Golden]:
    return [
        *(Golden(name, width, "en") for name in COMMANDS for width in WIDTHS),
        *(Golden(name, 80, "zh") for name in COMMANDS),
    ]


class Recorded(Protocol):
    """A golden file and what makes it."""

    @property
    def file(self) -> Path: ...

    def render(self) -> str: ...


def everything() -> list[Recorded]:
    """Every golden file of the project: the CLI's tables and the engine's stages."""
    from stages import stage_goldens

    return [*goldens(), *stage_goldens()]


def record() -> int:
    root = FOLDER.parents[1]
    for golden in everything():
        golden.file.write_text(golden.render(), encoding="utf-8")
        print(f"recorded {golden.file.relative_to(root)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # stages.py, toyschema.py
    if sys.argv[1:] != ["--record"]:
        print(__doc__)
        raise SystemExit(2)
    raise SystemExit(record())
