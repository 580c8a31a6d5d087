"""Load on loopback: /events pages from a thread pool against `thucydides serve`.

    python bench/load.py --db thucydides.duckdb [--requests 3000] [--concurrency 8]

Bounded in count and time (it stops after --requests or --seconds); 127.0.0.1 only.
Prints requests/second, latency percentiles and errors.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

QUERIES = [
    {"limit": 100},
    {"limit": 50, "offset": 0, "sort": "fatalities"},
    {"event_type": "Battles", "limit": 100},
    {"bbox": "30,20,60,45", "limit": 100},
    {"q": "Mosul", "limit": 20},
    {"format": "geojson", "limit": 100},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="thucydides.duckdb")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "thucydides.cli", "serve", "--db", args.db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/stats", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        deadline = time.monotonic() + args.seconds
        latencies: list[float] = []
        errors = 0

        def one(i: int) -> tuple[float, bool]:
            if time.monotonic() > deadline:
                return 0.0, True
            started = time.perf_counter()
            response = client.get(base + "/events", params=QUERIES[i % len(QUERIES)])
            return time.perf_counter() - started, response.status_code == 200

        with httpx.Client(
            timeout=10, limits=httpx.Limits(max_connections=args.concurrency)
        ) as client:
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                for latency, ok in pool.map(one, range(args.requests)):
                    latencies.append(latency)
                    errors += not ok
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(10)
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{len(ms)} requests in {elapsed:.1f} s: {len(ms) / elapsed:.0f} requests/s, {errors} errors"
    )
    print(f"latency ms: p50 {q[49]:.1f}  p95 {q[94]:.1f}  p99 {q[98]:.1f}  max {ms[-1]:.1f}")


if __name__ == "__main__":
    main()
