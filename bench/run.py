"""Throughput of the whole pipeline against spaCy's own nlp.pipe on the same texts.

    python bench/run.py [--articles 300] [--words 500] [--workers 2] [--batch 50]

Articles are built from the ACLED notes in ../shared/data when present (realistic conflict
reporting), otherwise from the bundled sample's paragraphs; each gets a distinct text.
Prints articles/s and words/s for both, their ratio, and peak resident memory. spaCy is
timed twice: as the project loads it (`load_pipeline`: the attribute ruler and lemmatizer
remembered, `thucydides/nlp/attributes.py`, matrix products on numpy's BLAS,
`thucydides/nlp/blas.py`) and as spaCy ships it (`spacy.load`). BLAS runs on one thread, so
one process is one core. The whole pipeline runs in batches of `--batch`, as `thucydides run`
does (each batch's events merged). The process pool and Dask are timed from a cold start (workers
loading their models) and, for a feed that runs on, from the first batch's delivery on.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date
from pathlib import Path

from threadpoolctl import threadpool_limits

from thucydides.clean import clean
from thucydides.extract import extract
from thucydides.geo.locative import mark_places
from thucydides.ingest import make_article
from thucydides.nlp.pipeline import shipped_model
from thucydides.pipeline import Pipeline, run_pipeline

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
    parser.add_argument(
        "--batch",
        type=int,
        default=50,
        help="articles per batch, for one process and the pool and Dask",
    )
    args = parser.parse_args()
    # One process is one core here: numpy's BLAS would otherwise spread the parse's matrix
    # products over every core (the pool's workers limit themselves the same way).
    threadpool_limits(1, user_api="blas")
    texts = corpus(args.articles, args.words)
    total_words = sum(len(t.split()) for t in texts)
    articles = [
        make_article(t, f"bench:{i}", published=date(2015, 5, 1)) for i, t in enumerate(texts)
    ]
    # Before this process loads or warms anything, as `thucydides run --workers N` does: the
    # workers of a pool forked later would inherit caches warmed on these very texts.
    parallel = timed_parallel(articles, args.workers, args.batch) if args.workers > 1 else {}
    pipeline = Pipeline()
    pipeline.process_batch([make_article(texts[0], "warm-up", published=date(2015, 5, 1))])

    shipped = shipped_model()
    list(shipped.pipe(texts[:2]))
    started = time.perf_counter()
    list(shipped.pipe(texts, batch_size=32))
    shipped_seconds = time.perf_counter() - started
    del shipped

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

    # As `thucydides run` goes through a feed: batch by batch, each batch's events merged.
    started = time.perf_counter()
    events = sum(
        len(b.events) for b in run_pipeline(articles, batch_size=args.batch, pipeline=pipeline)
    )
    pipeline_seconds = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(texts)} articles, {total_words:,} words, one process")
    for name, seconds in (
        ("spaCy as shipped", shipped_seconds),
        ("spaCy as loaded", spacy_seconds),
        ("whole pipeline", pipeline_seconds),
    ):
        print(
            f"{name:16s}: {len(texts) / seconds:7.1f} articles/s {total_words / seconds:9,.0f} words/s"
        )
    print(f"({events} events in batches of {args.batch})")
    print(f"pipeline / spaCy as shipped throughput: {shipped_seconds / pipeline_seconds:.2f}")
    print(f"pipeline / spaCy as loaded throughput: {spacy_seconds / pipeline_seconds:.2f}")
    print(f"cleaning time / spaCy parse time: {clean_seconds / spacy_seconds:.3f}")
    print(f"extraction time / spaCy parse time: {extract_seconds / spacy_seconds:.3f}")
    print(f"peak resident memory: {peak_mb:,.0f} MB (this process)")
    words_per_article = total_words / len(texts)
    for name, (cold, after_first, later) in parallel.items():
        print(
            f"{name:16s}: {len(texts) / cold:7.1f} articles/s {total_words / cold:9,.0f} words/s"
            " (worker start-up and model loading included)"
        )
        if later:
            rate = later / after_first
            print(
                f"{'':16s}  {rate:7.1f} articles/s {rate * words_per_article:9,.0f} words/s"
                f" (the {later} articles after the first batch)"
            )


def timed_parallel(articles, workers: int, batch: int) -> dict[str, tuple[float, float, int]]:
    """On a process pool and a Dask LocalCluster of `workers`: seconds for all the articles,
    seconds from the first batch's delivery to the last, and the articles in between."""
    from thucydides.scale import local_cluster, run_dask, run_processes

    def timed(batches, started: float) -> tuple[float, float, int]:
        first_at, first_size = None, 0
        for delivered in batches:
            if first_at is None:
                first_at = time.perf_counter()
                first_size = len(delivered.articles) + len(delivered.problems)
        finished = time.perf_counter()
        return finished - started, finished - first_at, len(articles) - first_size

    started = time.perf_counter()
    times = {
        f"{workers} processes": timed(
            run_processes(articles, workers=workers, batch_size=batch), started
        )
    }
    started = time.perf_counter()
    with local_cluster(workers) as client:
        times[f"dask {workers} workers"] = timed(
            run_dask(articles, client=client, batch_size=batch), started
        )
    return times


if __name__ == "__main__":
    main()
