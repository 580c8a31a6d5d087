"""Throughput of the whole pipeline against spaCy's own nlp.pipe on the same texts.

    python bench/run.py [--articles 300] [--words 500]

Articles are built from the ACLED notes in ../shared/data when present (realistic conflict
reporting), otherwise from the bundled sample's paragraphs; each gets a distinct text.
Prints articles/s and words/s for both, their ratio, and peak resident memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date
from pathlib import Path

from thucydides.clean import clean
from thucydides.extract import extract
from thucydides.geo.locative import mark_places
from thucydides.ingest import make_article
from thucydides.pipeline import Pipeline

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "mosul-2014-06-10.txt"


def paragraphs() -> list[str]:
    try:
        from thucydides.evaluation.acled_notes import read_notes

        return [n.notes for n in read_notes()]
    except FileNotFoundError:
        return [p for p in SAMPLE.read_text().splitlines() if p.strip()]


def corpus(n: int, words: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = paragraphs()
    texts = []
    for _ in range(n):
        chosen, count = [], 0
        while count < words:
            paragraph = rng.choice(pool)
            chosen.append(paragraph)
            count += len(paragraph.split())
        texts.append("\n".join(chosen))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument(
        "--workers", type=int, default=2, help="also time N processes and Dask (0: skip)"
    )
    args = parser.parse_args()
    texts = corpus(args.articles, args.words)
    total_words = sum(len(t.split()) for t in texts)
    articles = [
        make_article(t, f"bench:{i}", published=date(2015, 5, 1)) for i, t in enumerate(texts)
    ]
    # Before this process loads or warms anything, as `thucydides run --workers N` does: the
    # workers of a pool forked later would inherit caches warmed on these very texts.
    parallel = timed_parallel(articles, args.workers) if args.workers > 1 else {}
    pipeline = Pipeline()
    pipeline.process_batch([make_article(texts[0], "warm-up", published=date(2015, 5, 1))])

    started = time.perf_counter()
    docs = list(pipeline.nlp.pipe(texts, batch_size=32))
    spacy_seconds = time.perf_counter() - started

    # Extraction alone, on the parses just made: what issue #4 bounds against the parse.
    started = time.perf_counter()
    for doc in docs:
        extract(mark_places(doc, pipeline.gazetteer))
    extract_seconds = time.perf_counter() - started
    del docs

    started = time.perf_counter()
    for article in articles:
        clean(article)
    clean_seconds = time.perf_counter() - started

    started = time.perf_counter()
    batch = pipeline.process_batch(articles)
    pipeline_seconds = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {total_words:,} words, one process")
    print(
        f"spaCy nlp.pipe : {len(texts) / spacy_seconds:7.1f} articles/s {total_words / spacy_seconds:9,.0f} words/s"
    )
    print(
        f"whole pipeline : {len(texts) / pipeline_seconds:7.1f} articles/s {total_words / pipeline_seconds:9,.0f} words/s"
        f"  ({len(batch.events)} events)"
    )
    print(f"pipeline / spaCy throughput: {spacy_seconds / pipeline_seconds:.2f}")
    print(f"cleaning time / spaCy parse time: {clean_seconds / spacy_seconds:.3f}")
    print(f"extraction time / spaCy parse time: {extract_seconds / spacy_seconds:.3f}")
    print(f"peak resident memory: {peak_mb:,.0f} MB (this process)")
    for name, seconds in parallel.items():
        print(
            f"{name:15s}: {len(texts) / seconds:7.1f} articles/s {total_words / seconds:9,.0f} words/s"
            " (worker start-up and model loading included)"
        )


def timed_parallel(articles, workers: int) -> dict[str, float]:
    """Seconds for the whole batch on a process pool and on a Dask LocalCluster of `workers`."""
    from thucydides.scale import local_cluster, run_dask, run_processes

    times = {}
    started = time.perf_counter()
    for _ in run_processes(articles, workers=workers, batch_size=len(articles)):
        pass
    times[f"{workers} processes"] = time.perf_counter() - started
    started = time.perf_counter()
    with local_cluster(workers) as client:
        for _ in run_dask(articles, client=client, batch_size=len(articles)):
            pass
    times[f"dask {workers} workers"] = time.perf_counter() - started
    return times


if __name__ == "__main__":
    main()
