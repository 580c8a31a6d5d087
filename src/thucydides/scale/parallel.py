"""Run the pipeline over many processes or a Dask cluster, with the events of a single process.

Each batch is split into one share per worker; workers clean, parse, extract, place and date
their share with models loaded once per worker process; the parent merges the mentions of
the whole batch in input order, exactly as a single process does, so the events are the
same. Batches are bounded, so memory stays flat whatever the input size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from rich.console import Console
from threadpoolctl import threadpool_limits

from thucydides.dedup import merge_events
from thucydides.ingest import Article
from thucydides.pipeline import (
    DEFAULT_BATCH,
    Batch,
    Pipeline,
    batched,
    progress_bar,
    unique_articles,
)
from thucydides.problems import Problem

_WORKER_PIPELINE: Pipeline | None = None


def _worker_pipeline() -> Pipeline:
    """The worker process's own pipeline: spaCy and the gazetteer load once per process."""
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        # A worker is one core's share: BLAS threads of its own would contend with the other
        # workers (a forked worker keeps the thread count its parent read at start-up).
        threadpool_limits(1, user_api="blas")
        _WORKER_PIPELINE = Pipeline()
    return _WORKER_PIPELINE


def process_share(articles: list[Article]) -> Batch:
    return _worker_pipeline().process_articles(articles)


def _shares(articles: list[Article], n: int) -> list[list[Article]]:
    size = max(1, -(-len(articles) // n))
    return [articles[i : i + size] for i in range(0, len(articles), size)]


# Waits for the workers' shares of one batch.
Pending = Callable[[], list[Batch]]


def _merged(problems: list[Problem], pending: Pending) -> Batch:
    merged = Batch(problems=problems)
    for share in pending():
        merged.articles.extend(share.articles)
        merged.problems.extend(share.problems)
    merged.events = merge_events(
        [m for p in merged.articles for m in p.located],
        {p.article.article_id: p.fingerprint for p in merged.articles},
    )
    return merged


def _run(
    stream: Iterable[Article | Problem],
    submit: Callable[[list[list[Article]]], Pending],
    workers: int,
    batch_size: int,
    console: Console | None,
) -> Iterator[Batch]:
    """Batches in input order. The next batch is handed to the workers before this one is
    yielded, so they parse while the caller writes (two batches in flight at most)."""
    with progress_bar(console or Console(stderr=True)) as advance:
        waiting: tuple[list, list[Problem], Pending] | None = None
        for chunk in batched(stream, batch_size):
            articles = [a for a in chunk if isinstance(a, Article)]
            unique, repeats = unique_articles(articles)
            problems = [p for p in chunk if isinstance(p, Problem)] + repeats
            pending = submit(_shares(unique, workers)) if unique else list
            if waiting is not None:
                yield _merged(waiting[1], waiting[2])
                advance(len(waiting[0]))
            waiting = (chunk, problems, pending)
        if waiting is not None:
            yield _merged(waiting[1], waiting[2])
            advance(len(waiting[0]))


def run_processes(
    stream: Iterable[Article | Problem],
    *,
    workers: int,
    batch_size: int = DEFAULT_BATCH,
    console: Console | None = None,
) -> Iterator[Batch]:
    """The pipeline on `workers` local processes."""
    with ProcessPoolExecutor(max_workers=workers) as pool:

        def submit(shares: list[list[Article]]) -> Pending:
            futures = [pool.submit(process_share, share) for share in shares]
            return lambda: [f.result() for f in futures]

        yield from _run(stream, submit, workers, batch_size, console)


def run_dask(
    stream: Iterable[Article | Problem],
    *,
    client,
    batch_size: int = DEFAULT_BATCH,
    console: Console | None = None,
) -> Iterator[Batch]:
    """The pipeline on a Dask cluster (a `distributed.Client`); one share per worker."""
    workers = max(1, len(client.scheduler_info()["workers"]))

    def submit(shares: list[list[Article]]) -> Pending:
        futures = client.map(process_share, shares, pure=False)
        return lambda: client.gather(futures)

    yield from _run(stream, submit, workers, batch_size, console)


# Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which turns off glibc's
# adaptive mmap threshold: every large allocation is then mapped and unmapped afresh, and
# the parse's arrays cost each worker three times the system time (measured: 2.3 s against
# 0.8 s of system time per 100 articles). The thread limits stay.
_WORKER_ENVIRON = {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1}


@contextmanager
def local_cluster(workers: int) -> Iterator:
    """A `distributed.Client` on a LocalCluster of `workers` single-threaded processes."""
    import dask
    from distributed import Client, LocalCluster

    with (
        dask.config.set({"distributed.nanny.pre-spawn-environ": _WORKER_ENVIRON}),
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        yield client
