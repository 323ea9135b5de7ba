"""Run one engine at one size in this process; print one JSON line.

python -m benchmarks.run_one ENGINE N
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time

from benchmarks.workload import make_data, signature

# phases an engine may mark that are not engine time: writing its input files before the
# clock starts, a JVM's start (reported apart)
APART = ("prepare", "jvm")


def main(engine: str, n: int) -> dict[str, object]:
    units, incidents = make_data(n)
    module = importlib.import_module(f"benchmarks.eng_{engine.replace(':', '_')}")
    marks: list[tuple[str, float]] = [("start", time.perf_counter())]

    def timer(phase: str) -> None:
        marks.append((phase, time.perf_counter()))

    derived = module.run(units, incidents, timer)
    phases = {name: round(t - marks[i][1], 4) for i, (name, t) in enumerate(marks[1:])}
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "engine": engine,
        "n": n,
        "engine_s": round(sum(t for name, t in phases.items() if name not in APART), 4),
        "phases": phases,
        "peak_rss_mb": round(rss_kb / 1024, 1),
        **signature(derived),
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
