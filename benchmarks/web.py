"""The server under load: `python -m benchmarks.web [--seconds 10] [--clients 32]`.

Starts `regulations serve` on a free port of 127.0.0.1 (its own process), then drives it
with concurrent keep-alive clients for a bounded time per case: requests per second and
p50/p99 latency for `/v1/applicable` and `/v1/evaluate` (one unit, a few facts), with one
client and with many, every answer checked (status 200); then the server's memory (RSS)
before and after 10,000 more requests. Nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

APPLICABLE = {"regulation": "ordos", "kind": "school", "as_of": "2025-06-30"}
EVALUATE = {
    "as_of": "2025-06-30",
    "facts": {
        "units": [
            {
                "id": "dongsheng-bank",
                "kind": "financial_institution",
                "region": "inner_mongolia/ordos/dongsheng",
            }
        ],
        "incidents": [
            {
                "unit": "dongsheng-bank",
                "kind": "criminal_case",
                "severity": "major",
                "date": "2025-02-10",
            },
            {
                "unit": "dongsheng-bank",
                "kind": "criminal_case",
                "severity": "major",
                "date": "2025-03-20",
            },
        ],
        "assessments": [
            {"unit": "dongsheng-bank", "year": 2024, "result": "passed", "date": "2025-01-15"}
        ],
    },
}
CASES = (("/v1/applicable", APPLICABLE), ("/v1/evaluate", EVALUATE))
MAX_REQUESTS = 50_000  # per case, whatever the time
MEMORY_REQUESTS = 10_000


@dataclass
class Run:
    latencies: list[float]
    errors: int
    seconds: float

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "regulations", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/readyz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not become ready within 120 s")


def drive(port: int, path: str, body: bytes, clients: int, seconds: float, total: int) -> Run:
    """``clients`` threads, each on its own keep-alive connection, until ``seconds`` pass or
    ``total`` requests are sent."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    sent = [0]
    stop = time.monotonic() + seconds
    headers = {"Content-Type": "application/json"}

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop:
            with lock:
                if sent[0] >= total:
                    break
                sent[0] += 1
            began = time.perf_counter()
            try:
                connection.request("POST", path, body, headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - began)
            failed += not ok
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Run(latencies, errors[0], time.perf_counter() - began)


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.web", description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="per case (default 10)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (32)")
    args = parser.parse_args()
    port = free_port()
    server = start(port)
    try:
        print(f"regulations serve on 127.0.0.1:{port}, pid {server.pid}, {os.cpu_count()} cores")
        print("| route | clients | requests | errors | req/s | p50 ms | p99 ms |")
        print("|---|---|---|---|---|---|---|")
        for path, payload in CASES:
            body = json.dumps(payload).encode()
            drive(port, path, body, 4, 1.0, 200)  # warm up
            for clients in (1, args.clients):
                run = drive(port, path, body, clients, args.seconds, MAX_REQUESTS)
                print(
                    f"| `{path}` | {clients} | {len(run.latencies)} | {run.errors} | "
                    f"{run.rate:.0f} | {run.percentile(0.5):.1f} | {run.percentile(0.99):.1f} |"
                )
        before = rss_kb(server.pid)
        mixed = [json.dumps(p).encode() for _, p in CASES]
        count = 0
        for index in range(2):
            run = drive(
                port, CASES[index][0], mixed[index], args.clients, 600.0, MEMORY_REQUESTS // 2
            )
            count += len(run.latencies)
            if run.errors:
                print(f"{run.errors} errors during the memory run")
        after = rss_kb(server.pid)
        print(
            f"\nmemory: RSS {before / 1024:.1f} MB before, {after / 1024:.1f} MB after "
            f"{count} more requests ({(after - before) / 1024:+.1f} MB)"
        )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
