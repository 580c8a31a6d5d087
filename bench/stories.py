"""Checking one article against the near-duplicate index of a large store.

    python bench/stories.py [--indexed 1000000] [--words 300] [--probes 1000] [--db FILE]

Fills a DuckDB store's story index with `--indexed` realistic articles (ACLED notes combined
as in bench/run.py, so many share paragraphs) and then checks `--probes` articles against it,
one at a time, as `thucydides run` does: MinHash signature, LSH band lookup in the database,
similarity check (after 200 unmeasured checks, as in a running ingest). Half the probes are edited copies of indexed articles (new headline, last
paragraph trimmed, boilerplate added), half are new. Prints the per-article check time
(mean and percentiles), how many copies were found and how many new articles were wrongly
linked, the index build time, the database size and peak memory. With `--db`, the index is
kept in that file and reused by later runs that ask for the same size.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rich.progress import Progress

from run import corpus
from thucydides.dedup.articles import THRESHOLD, StoryLink, assign_stories, fingerprints, shingles
from thucydides.store import Store

CHUNK = 20_000
WARM_UP = 200


def _chunk_fingerprints(args: tuple[int, int, int]):
    chunk, size, words = args
    texts = corpus(size, words, seed=10_000 + chunk)
    return chunk, fingerprints(texts)


def _copy(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n")
    kept = paragraphs[:-1] if len(paragraphs) > 2 else paragraphs
    return "\n".join(
        [f"Breaking news {rng.randint(1, 999)}", *kept, "Share this article", "Advertisement"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indexed", type=int, default=1_000_000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--probes", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, help="keep the index in this file and reuse it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "stories.duckdb"
        jobs = [
            (i, min(CHUNK, args.indexed - i * CHUNK), args.words)
            for i in range(-(-args.indexed // CHUNK))
        ]
        store = Store(db)
        build_seconds = None
        if store.counts_stories() != args.indexed:
            store.close()
            db.unlink()
            store = Store(db)
            started = time.perf_counter()
            with ProcessPoolExecutor(args.workers) as pool, Progress() as progress:
                task = progress.add_task("indexing", total=args.indexed)
                for chunk, prints in pool.map(_chunk_fingerprints, jobs):
                    ids = [f"a{chunk}-{i}" for i in range(len(prints))]
                    store.index([(StoryLink(a, a), f) for a, f in zip(ids, prints, strict=True)])
                    progress.advance(task, len(prints))
            build_seconds = time.perf_counter() - started
        store.close()
        store = Store(db)  # a fresh connection, as a new run would have

        rng = random.Random(3)
        originals = corpus(jobs[0][1], args.words, seed=10_000)
        n_copies = args.probes // 2
        picked = rng.sample(range(len(originals)), n_copies)
        probes = [(f"copy-{i}", _copy(originals[i], rng), f"a0-{i}") for i in picked]
        fresh = corpus(args.probes - n_copies, args.words, seed=99)
        probes += [(f"new-{i}", text, None) for i, text in enumerate(fresh)]

        # A running ingest has the index's pages in memory: warm up on other articles first.
        for i, text in enumerate(corpus(WARM_UP, args.words, seed=98)):
            assign_stories([(f"warm-{i}", fingerprints([text])[0])], store.indexed)
        timings, found, linked = [], 0, []
        for article_id, text, original in probes:
            started = time.perf_counter()
            (fingerprint,) = fingerprints([text])
            (link,) = assign_stories([(article_id, fingerprint)], store.indexed)
            timings.append((time.perf_counter() - started) * 1000)
            if original is not None:
                found += link.story_id == original
            elif link.copy_of is not None:
                linked.append((text, link.copy_of))
        size_mb = db.stat().st_size / 1e6
        store.close()

    timings.sort()
    pct = statistics.quantiles(timings, n=100)
    built = f"built in {build_seconds:.0f} s" if build_seconds is not None else f"reused {db}"
    print(f"index: {args.indexed:,} articles of ~{args.words} words, {built}")
    print(f"database: {size_mb:,.0f} MB; peak memory {_peak_mb():,.0f} MB")
    print(
        f"check one article ({len(timings)} probes): mean {statistics.mean(timings):.2f} ms,"
        f" p50 {pct[49]:.2f}, p95 {pct[94]:.2f}, p99 {pct[98]:.2f}, max {timings[-1]:.2f}"
    )
    print(f"edited copies found: {found}/{n_copies}")
    # The generator reuses notes, so a "new" article can truly share most of its text with an
    # indexed one: each link is checked against the exact Jaccard similarity of the two texts.
    exact = [_jaccard(text, _indexed_text(copy_of, args.words)) for text, copy_of in linked]
    wrong = sum(j < THRESHOLD for j in exact)
    print(
        f"new articles linked to an indexed one: {len(linked)}/{args.probes - n_copies}"
        f" (exact Jaccard {', '.join(f'{j:.2f}' for j in exact) or '-'});"
        f" below the {THRESHOLD} threshold, so wrong: {wrong}"
    )


def _indexed_text(article_id: str, words: int) -> str:
    chunk, i = article_id[1:].split("-")
    return corpus(CHUNK, words, seed=10_000 + int(chunk))[int(i)]


def _jaccard(a: str, b: str) -> float:
    x, y = set(shingles(a)), set(shingles(b))
    return len(x & y) / len(x | y)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
