"""`regulations check`: load rule files and report every problem in one run (exit 1 if any)."""

from __future__ import annotations

from pathlib import Path

from engine import Diagnostic
from regulations.cli.errors import (
    EXIT_FINDINGS,
    EXIT_OK,
    printable,
    render_diagnostics,
)
from regulations.cli.output import emit_json
from regulations.errors import LoadError, shown_path


def _position(diag: Diagnostic) -> tuple[str, int, int]:
    """Problems in file order: those without a place (a missing file) first."""
    span = diag.span
    return (span.file, span.line, span.column) if span else ("", 0, 0)


def _exists(path: str) -> bool:
    """Whether a path names something to check (a name too long or unreadable does not)."""
    try:
        return bool(path.strip()) and "\x00" not in path and Path(path).exists()
    except (OSError, RuntimeError):
        return False


def run_check(paths: list[str] | None, extra: list[str], output: str) -> int:
    from regulations.library import load

    given = [*(paths or []), *extra]
    targets = [Path(p) for p in given]
    absent = [p for p in given if not _exists(p)]
    if absent:  # nothing to check there: bad usage, not a finding
        raise LoadError.at(
            None,
            f"no rule file or folder at {shown_path(absent[0])}",
            "give .yaml rule files or folders of them (default: the shipped rules)",
            "unreadable",
        )
    try:
        # checking files of one's own: those regulations alone, with the shipped registries
        library = load(*targets, builtin=not targets, fresh=True)
    except LoadError as exc:
        found = sorted(exc.diagnostics, key=_position)
        if output == "json":
            emit_json({"ok": False, "problems": [d.to_dict() for d in found]})
        else:
            for line in render_diagnostics(tuple(found), limit=10_000):
                print(line)
            print(f"{len(found)} problem(s)")
        return EXIT_FINDINGS
    counts = {
        e.regulation.label: {"articles": len(e.regulation.articles), "rules": len(e.rules)}
        for e in library.all_entries()
    }
    if output == "json":
        emit_json({"ok": True, "regulations": counts})
    else:
        for ref, count in counts.items():
            print(printable(f"{ref}: {count['articles']} articles, {count['rules']} rules"))
        print("0 problem(s)")
    return EXIT_OK
