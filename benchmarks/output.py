"""What a person waits for after the answer: `python -m benchmarks.output [--units 5000]`.

`regulations evaluate` on a facts file of N units (the example file's units and what
happened to them, copied N/6 times under new ids), once with ``--format json`` and once
with the table (``--width 120``), each run in this process with stdout to memory: the whole
command, and the rendering alone (the report's JSON document written out, or its tables laid
out) on one evaluated report. The table should take at most twice the time of the JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "facts.yaml"
AS_OF = "2025-06-30"
REFERENCES = ("unit", "body")  # the fields of a fact that name a unit


def facts_for(units: int) -> dict[str, Any]:
    """The example facts file copied until it holds ``units`` units, each copy's ids (of
    units and of facts) suffixed with its number."""
    example = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    per_copy = len(example["units"])
    document: dict[str, list[dict[str, Any]]] = {section: [] for section in example}
    for copy in range((units + per_copy - 1) // per_copy):
        for section, entries in example.items():
            for entry in entries:
                moved = dict(entry)
                for field in ("id", *REFERENCES):
                    if field in moved:
                        moved[field] = f"{moved[field]}-{copy}"
                document[section].append(moved)
    document["units"] = document["units"][:units]
    kept = {u["id"] for u in document["units"]}
    for section, entries in document.items():
        if section != "units":
            document[section] = [e for e in entries if e["unit"] in kept]
    return document


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The least wall time of ``runs`` runs of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def command(argv: list[str]) -> Callable[[], int]:
    from regulations.cli.main import main

    def run() -> int:
        with contextlib.redirect_stdout(io.StringIO()):
            return main(argv)

    return run


def renderings(path: Path) -> tuple[Callable[[], object], Callable[[], object]]:
    """Writing one evaluated report out: as the JSON document, and as the tables."""
    import regulations
    from regulations.cli.output import json_text
    from regulations.cli.tables import Page, evaluation_tables

    report = regulations.evaluate(regulations.load_facts(path), as_of=dt.date(2025, 6, 30))

    def as_json() -> object:
        out = io.StringIO()
        out.write(json_text(report.to_json(), out) + "\n")
        return out

    def as_table() -> object:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            evaluation_tables(report, Page.for_output(width=120, lang="en"))
        return out

    return as_json, as_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.output", description=__doc__)
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.json"
        path.write_text(json.dumps(facts_for(args.units), default=str), encoding="utf-8")
        base = ["evaluate", str(path), "--as-of", AS_OF]
        as_json, as_table = renderings(path)
        figures = {
            "units": args.units,
            "command_json_s": best_of(args.runs, command([*base, "--format", "json"])),
            "command_table_s": best_of(
                args.runs, command([*base, "--width", "120", "--lang", "en"])
            ),
            "render_json_s": best_of(args.runs, as_json),
            "render_table_s": best_of(args.runs, as_table),
        }
    figures["command_ratio"] = figures["command_table_s"] / figures["command_json_s"]
    figures["render_ratio"] = figures["render_table_s"] / figures["render_json_s"]
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"regulations evaluate, {args.units} units (best of {args.runs}):")
    print(
        f"  whole command   json {figures['command_json_s']:7.2f} s"
        f"   table {figures['command_table_s']:7.2f} s   table/json {figures['command_ratio']:.2f}"
    )
    print(
        f"  rendering only  json {figures['render_json_s']:7.2f} s"
        f"   table {figures['render_table_s']:7.2f} s   table/json {figures['render_ratio']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
