from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "mosul-2014-06-10.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    from thucydides.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def gazetteer():
    from thucydides.geo import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def pipeline(nlp, gazetteer):
    from thucydides.pipeline import Pipeline

    return Pipeline(gazetteer)


@pytest.fixture(scope="session")
def seed_raw() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, pipeline, seed_raw) -> Path:
    """A real DuckDB file holding the seed's events, for the API and the browser."""
    from datetime import date

    from thucydides.ingest import make_article
    from thucydides.store import Store

    db = tmp_path_factory.mktemp("seed-db") / "seed.duckdb"
    article = make_article(seed_raw, "seed", published=date(2014, 6, 10), outlet="wire")
    batch = pipeline.process_batch([article])
    with Store(db) as store:
        store.write_batch(batch.articles, batch.events)
    return db


def pytest_terminal_summary(terminalreporter) -> None:
    """Name the screenshots the browser tests wrote, one line each."""
    taken = getattr(sys.modules.get("tests.test_web_browser"), "TAKEN", [])
    if taken:
        terminalreporter.section(f"{len(taken)} screenshots of the web page")
        for path in taken:
            terminalreporter.write_line(str(path))
