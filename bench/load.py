"""Load on loopback: /events pages from a thread pool against `thucydides serve`.

    python bench/load.py --db FILE [--mix hot|wide] [--requests 3000] [--concurrency 8]
                         [--workers 1] [--articles 2000]

A --db that does not exist is first filled from --articles generated articles.

--mix hot asks the same six pages over and over, as a map and its list do (the server
keeps rendered pages, so this measures that); --mix wide makes nearly every request a
different page (random offsets, types, boxes, words, sorts; seeded), which measures the
database. Bounded in count and time (it stops after --requests or --seconds); 127.0.0.1
only. Prints requests/second, latency percentiles, errors, and CPU per request.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import corpus

HOT = [
    {"limit": 100},
    {"limit": 50, "offset": 0, "sort": "fatalities"},
    {"event_type": "Battles", "limit": 100},
    {"bbox": "30,20,60,45", "limit": 100},
    {"q": "Mosul", "limit": 20},
    {"format": "geojson", "limit": 100},
]


TYPES = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
WORDS = ["Kabul", "police", "killed", "Baghdad", "protest", "Mosul", "army", "village"]
SORTS = ["date", "-date", "fatalities", "confidence", "sources"]


def wide(n: int, total: int, seed: int = 7) -> list[dict]:
    """n pages, nearly all different: what many users browsing at once ask."""
    rng = random.Random(seed)
    pages = max(total // 100, 1)
    queries = []
    for _ in range(n):
        shape = rng.randrange(5)
        query: dict = {
            "limit": 100,
            "offset": 100 * rng.randrange(pages),
            "sort": rng.choice(SORTS),
        }
        if shape == 1:
            query.update(
                event_type=rng.choice(TYPES), offset=100 * rng.randrange(max(pages // 6, 1))
            )
        elif shape == 2:
            west, south = rng.uniform(-20, 100), rng.uniform(-10, 50)
            size = rng.uniform(5, 30)
            query.update(
                bbox=f"{west:.2f},{south:.2f},{west + size:.2f},{south + size:.2f}", offset=0
            )
        elif shape == 3:
            query.update(q=rng.choice(WORDS), limit=20, offset=20 * rng.randrange(10))
        elif shape == 4:
            query["format"] = "geojson"
        queries.append(query)
    return queries


def fill(db: Path, articles: int) -> None:
    """A database of events from generated articles (bench/run.py's corpus), by `thucydides run`."""
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        with open(feed, "w", encoding="utf-8") as out:
            for i, text in enumerate(corpus(articles, 200)):
                day = f"2015-03-{1 + i % 28:02d}"
                out.write(json.dumps({"id": f"a{i}", "text": text, "published": day}) + "\n")
        subprocess.run(
            [
                *(sys.executable, "-m", "thucydides.cli", "run", str(feed), "--db", str(db)),
                *("--workers", "2", "--no-show"),
            ],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="thucydides.duckdb")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--mix", choices=["hot", "wide"], default="hot")
    parser.add_argument(
        "--articles",
        type=int,
        default=2000,
        help="where --db does not exist, fill it first from this many generated 200-word articles",
    )
    args = parser.parse_args()
    if not Path(args.db).exists():
        fill(Path(args.db), args.articles)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "thucydides.cli", "serve", "--db", args.db),
            *("--port", str(port), "--workers", str(args.workers)),
        ],
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
        if args.mix == "hot":
            queries = [HOT[i % len(HOT)] for i in range(args.requests)]
        else:
            total = httpx.get(base + "/events", params={"limit": 1}).json()["total"]
            queries = wide(args.requests, total)
        distinct = len({tuple(sorted(q.items())) for q in queries})
        deadline = time.monotonic() + args.seconds
        latencies: list[float] = []
        errors = 0

        def one(query: dict) -> tuple[float, bool] | None:
            if time.monotonic() > deadline:
                return None
            started = time.perf_counter()
            response = client.get(base + "/events", params=query)
            return time.perf_counter() - started, response.status_code == 200

        with httpx.Client(
            timeout=10, limits=httpx.Limits(max_connections=args.concurrency)
        ) as client:
            server_cpu_before = _cpu_seconds(psutil.Process(server.pid))
            client_cpu_before = time.process_time()
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                for result in pool.map(one, queries):
                    if result is not None:
                        latencies.append(result[0])
                        errors += not result[1]
            elapsed = time.perf_counter() - started
            server_cpu = _cpu_seconds(psutil.Process(server.pid)) - server_cpu_before
            client_cpu = time.process_time() - client_cpu_before
    finally:
        server.terminate()
        server.wait(10)
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100)
    print(
        f"{len(ms)} requests ({distinct} distinct pages, mix {args.mix}) in {elapsed:.1f} s:"
        f" {len(ms) / elapsed:.0f} requests/s, {errors} errors"
    )
    print(f"latency ms: p50 {q[49]:.1f}  p95 {q[94]:.1f}  p99 {q[98]:.1f}  max {ms[-1]:.1f}")
    # Client and server share this machine's cores: what each spent per request says how
    # much of the figure the client's own work holds down.
    print(
        f"CPU ms per request: server {server_cpu / len(ms) * 1000:.2f},"
        f" client {client_cpu / len(ms) * 1000:.2f}"
    )


def _cpu_seconds(process: psutil.Process) -> float:
    """User and system time of a process and its children (uvicorn's worker processes)."""
    total = 0.0
    for p in [process, *process.children(recursive=True)]:
        times = p.cpu_times()
        total += times.user + times.system
    return total


if __name__ == "__main__":
    main()
