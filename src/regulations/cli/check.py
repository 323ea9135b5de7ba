"""`regulations check`: load rule files and report every problem in one run (exit 1 if any)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from regulations.cli.errors import EXIT_FINDINGS, EXIT_OK, render_diagnostics
from regulations.errors import LoadError


def run_check(paths: list[str] | None, extra: list[str], output: str) -> int:
    from regulations.library import load

    targets = [Path(p) for p in (paths or [])] + [Path(p) for p in extra]
    try:
        # checking files of one's own: those regulations alone, with the shipped registries
        library = load(*targets, builtin=not targets, fresh=True)
    except LoadError as exc:
        if output == "json":
            sys.stdout.write(
                json.dumps(
                    {
                        "ok": False,
                        "problems": [
                            {
                                "code": d.code,
                                "message": d.message,
                                "file": d.span.file if d.span else None,
                                "line": d.span.line if d.span else None,
                                "column": d.span.column if d.span else None,
                                "context": d.span.context if d.span else None,
                                "hint": d.hint,
                                "suggestions": list(d.suggestions),
                            }
                            for d in exc.diagnostics
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        else:
            for line in render_diagnostics(exc.diagnostics, limit=10_000):
                print(line)
            print(f"{len(exc.diagnostics)} problem(s)")
        return EXIT_FINDINGS
    counts = {
        e.regulation.ref: (len(e.regulation.articles), len(e.rules)) for e in library.entries()
    }
    if output == "json":
        sys.stdout.write(
            json.dumps(
                {
                    "ok": True,
                    "regulations": {
                        ref: {"articles": a, "rules": r} for ref, (a, r) in counts.items()
                    },
                },
                indent=2,
            )
            + "\n"
        )
    else:
        for ref, (a, r) in counts.items():
            print(f"{ref}: {a} articles, {r} rules")
        print("0 problem(s)")
    return EXIT_OK
