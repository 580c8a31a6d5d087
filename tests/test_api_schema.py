"""Property-based API tests generated from the OpenAPI schema (schemathesis)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from thucydides.api import create_app  # noqa: E402
from thucydides.ingest import make_article  # noqa: E402
from thucydides.pipeline import Pipeline  # noqa: E402
from thucydides.store import Store  # noqa: E402

from .conftest import SEED  # noqa: E402


def _seed_app():
    db = Path(tempfile.mkdtemp()) / "schema.duckdb"
    batch = Pipeline().process_batch(
        [make_article(SEED.read_text(), "seed", published=date(2014, 6, 10))]
    )
    with Store(db) as store:
        store.write_batch(batch.articles, batch.events)
    return create_app(db)


schema = schemathesis.openapi.from_asgi("/openapi.json", _seed_app())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema_and_never_errors(case):
    case.call_and_validate()
