from __future__ import annotations

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
