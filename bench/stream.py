"""Memory over a long run: `thucydides run` on a growing JSON Lines feed, resident memory sampled.

    python bench/stream.py [--articles 5000] [--words 120] [--batch-size 200] [--in-process [--no-store]]

Writes a feed of distinct articles (built as bench/run.py builds them) to a temporary folder,
runs `thucydides run FEED --db ... --no-show` in a child process, and samples the resident
memory of that process (and any workers it starts) twice a second. Prints the peak in each
tenth of the run. With --in-process it runs the pipeline here instead and prints resident
memory after each batch, landing the batches in a store unless --no-store: which of the two
grows tells the pipeline's memory from the database's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import corpus


def resident_mb(process: psutil.Process) -> float:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def in_process(texts: list[str], batch_size: int, store: bool) -> None:
    from contextlib import nullcontext
    from datetime import date

    from thucydides.ingest import make_article
    from thucydides.landing import land
    from thucydides.pipeline import run_pipeline
    from thucydides.store import Store

    articles = (make_article(t, f"s{i}", published=date(2015, 5, 1)) for i, t in enumerate(texts))
    me = psutil.Process()
    with (
        tempfile.TemporaryDirectory() as folder,
        Store(Path(folder) / "stream.duckdb") if store else nullcontext() as db,
    ):
        for i, batch in enumerate(run_pipeline(articles, batch_size=batch_size)):
            if db is not None:
                land(batch, db)
            print(f"batch {i + 1:3d}: {me.memory_info().rss / 2**20:,.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--in-process", action="store_true")
    parser.add_argument("--no-store", action="store_true")
    args = parser.parse_args()
    if args.in_process:
        in_process(corpus(args.articles, args.words, seed=11), args.batch_size, not args.no_store)
        return
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        with feed.open("w") as fh:
            for i, text in enumerate(corpus(args.articles, args.words, seed=11)):
                fh.write(json.dumps({"id": f"s{i}", "text": text, "published": "2015-05-01"}))
                fh.write("\n")
        command = [
            str(Path(sys.executable).parent / "thucydides"),
            "run",
            str(feed),
            "--db",
            str(Path(folder) / "stream.duckdb"),
            "--batch-size",
            str(args.batch_size),
            "--no-show",
        ]
        started = time.perf_counter()
        child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        watched = psutil.Process(child.pid)
        samples: list[tuple[float, float]] = []
        while child.poll() is None:
            samples.append((time.perf_counter() - started, resident_mb(watched)))
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        summary = child.stderr.read().strip().splitlines()[-1:] if child.stderr else []
    print(f"{args.articles} articles of about {args.words} words in {seconds:.0f} s")
    print(*summary)
    print("tenth of the run : peak resident MB")
    for tenth in range(10):
        window = [mb for t, mb in samples if tenth * seconds / 10 <= t < (tenth + 1) * seconds / 10]
        if window:
            print(f"{tenth + 1:16d} : {max(window):,.0f}")


if __name__ == "__main__":
    main()
