"""Parallel runs, on processes or a Dask LocalCluster, give exactly the single-process events."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.ingest import make_article
from thucydides.pipeline import run_pipeline
from thucydides.scale import local_cluster, run_dask, run_processes

from .test_syndication import outlets

REPORTS = [
    "Gunmen killed three villagers in Kandahar province on Tuesday, a police official said.",
    "Police arrested five protesters in Lahore on Monday after a rally turned violent.",
    "Rebels attacked soldiers near Goma on Sunday; four soldiers were killed, the army said.",
    "Students staged a protest in Dhaka on Wednesday demanding lower fees.",
]


@pytest.fixture(scope="module")
def articles(seed_raw):
    items = [
        make_article(text, url, published=date(2014, 6, 10), url=url)
        for text, url in outlets(seed_raw)
    ]
    items += [
        make_article(text, f"r{i}", published=date(2015, 5, 6)) for i, text in enumerate(REPORTS)
    ]
    return items


def _events(batches):
    return sorted(
        (e.model_dump(mode="json") for b in batches for e in b.events), key=lambda e: e["event_id"]
    )


@pytest.fixture(scope="module")
def single(articles, pipeline):
    return _events(run_pipeline(articles, batch_size=50, pipeline=pipeline))


def test_process_pool_gives_the_single_process_events(articles, single):
    assert _events(run_processes(articles, workers=2, batch_size=50)) == single


def test_dask_local_cluster_gives_the_single_process_events(articles, single):
    with local_cluster(2) as client:
        assert _events(run_dask(articles, client=client, batch_size=50)) == single
    assert len(single) >= 5


def test_what_lasts_is_frozen_after_the_first_batch(articles, pipeline):
    import gc

    pipeline.process_batch(articles[:1])
    pipeline.process_batch(articles[1:2])
    # The gazetteer's entries alone are a quarter of a million objects.
    assert gc.get_freeze_count() > 250_000
