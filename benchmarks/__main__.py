"""Side-by-side benchmark: our engine, hand-written references and peer engines, one run.

python -m benchmarks [--quick] [--json] [--sizes 10000,100000,1000000] [--engines ours,...]
                     [--huge] [--domain N]

Each engine runs in its own process per size (benchmarks/run_one.py); every result carries
a sha256 of its derived set, and a result whose set differs from the baseline's is marked.
Engine time = build + load + run (a JVM's start is reported apart, as ``jvm``); peak RSS of
the process. Peers and the columnar references are optional (`pip install -e ".[bench]"`);
an engine that is not installed is skipped.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from typing import Any

ENGINES = (
    "ours",
    "ours:columnar",
    "ours:spark",
    "baseline",
    "polars",
    "duckdb",
    "clingo",
    "clips",
    "experta",
)
# the module each engine needs, when it is not part of the project's own dependencies
NEEDS = {
    "clips": "clips",
    "clingo": "clingo",
    "experta": "expert_ceylon",
    "polars": "polars",
    "duckdb": "duckdb",
    "ours:columnar": "polars",
    "ours:spark": "pyspark",
}
# the largest size each engine runs at (experta grows as N²: 90 s at 10k; CLIPS' and
# clingo's fact loading dominate past 100k)
CAPS = {"experta": 10_000, "clips": 100_000, "clingo": 100_000}
QUICK_CAPS = {"experta": 1_000, "clips": 10_000, "clingo": 10_000, "ours:spark": 10_000}
# the engines run at 10,000,000 units with --huge: the columnar ones and the baseline
HUGE = ("ours:columnar", "baseline", "polars", "duckdb")
TIMEOUT_S = 600


def available(engine: str) -> bool:
    module = NEEDS.get(engine)
    return module is None or importlib.util.find_spec(module) is not None


def run_one(engine: str, n: int) -> dict[str, Any]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.run_one", engine, str(n)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"engine": engine, "n": n, "error": f"timed out after {TIMEOUT_S} s"}
    if done.returncode != 0:
        return {"engine": engine, "n": n, "error": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def matrix(engines: list[str], sizes: list[int], caps: dict[str, int]) -> list[dict[str, Any]]:
    results = []
    for n in sizes:
        for engine in engines:
            if n > caps.get(engine, n) or not available(engine):
                continue
            result = run_one(engine, n)
            results.append(result)
            print(
                f"  {engine:9s} n={n:>9,}  {result.get('engine_s', result.get('error'))}",
                file=sys.stderr,
            )
    baseline = {r["n"]: r.get("derived_sha") for r in results if r["engine"] == "baseline"}
    for r in results:
        if r["n"] in baseline and "derived_sha" in r:
            r["identical"] = r["derived_sha"] == baseline[r["n"]]
    return results


def table(results: list[dict[str, Any]]) -> str:
    def by(engine: str) -> dict[int, float]:
        return {r["n"]: r["engine_s"] for r in results if r["engine"] == engine and "engine_s" in r}

    ours, baseline = by("ours"), by("baseline")
    lines = [
        "| engine | N | engine s | build / load / run s | ÷ baseline | ÷ ours | peak RSS MB "
        "| derived | same set |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(results, key=lambda r: (r["n"], r.get("engine_s", 1e9))):
        if "error" in r:
            lines.append(f"| {r['engine']} | {r['n']:,} | {r['error']} | | | | | | |")
            continue
        p = r["phases"]
        ratios = [
            f"{r['engine_s'] / other[r['n']]:.3g}×" if r["n"] in other else "–"
            for other in (baseline, ours)
        ]
        same = {True: "yes", False: "**NO**"}.get(r.get("identical"), "–")
        jvm = f" (+ JVM {p['jvm']:.1f})" if "jvm" in p else ""
        lines.append(
            f"| {r['engine']} | {r['n']:,} | {r['engine_s']:.3f}{jvm} | {p.get('build', 0):.3f} / "
            f"{p.get('load', 0):.3f} / {p.get('run', 0):.3f} | {ratios[0]} | {ratios[1]} | "
            f"{r['peak_rss_mb']:.0f} | {r['derived']:,} | {same} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="cap the slow peers lower (a few minutes)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON document instead of a table"
    )
    parser.add_argument("--sizes", default=None, help="default 10000,100000,1000000")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument(
        "--million", action="store_true", help="also 1,000,000 units (now among the default sizes)"
    )
    parser.add_argument(
        "--huge", action="store_true", help=f"also 10,000,000 units ({', '.join(HUGE)})"
    )
    parser.add_argument(
        "--domain",
        type=int,
        default=0,
        metavar="N",
        help="also the domain benchmark: N units through the real encoded rules",
    )
    args = parser.parse_args(argv)
    default = "1000,10000,100000" if args.quick else "10000,100000,1000000"
    sizes = [int(s) for s in (args.sizes or default).split(",")]
    if args.million and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    engines = args.engines.split(",")
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine {unknown[0]!r}; choose from {', '.join(ENGINES)}")
    results = matrix(engines, sizes, QUICK_CAPS if args.quick else CAPS)
    if args.huge:
        results += matrix([e for e in engines if e in HUGE], [10_000_000], {})
    document: dict[str, Any] = {"results": results}
    if args.domain:
        from benchmarks.domain import run_domain

        document["domain"] = run_domain(args.domain)
    if args.json:
        print(json.dumps(document, indent=2))
    else:
        print(table(results))
        if args.domain:
            print()
            print(json.dumps(document["domain"], indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
