"""Accuracy floors on the development sets; skipped, saying why, where ../shared/data is absent."""

from __future__ import annotations

import pytest

from thucydides.evaluation.data import shared_data

pytestmark = pytest.mark.skipif(
    not shared_data().exists(), reason=f"development data not found at {shared_data()}"
)


def test_main_text_extraction_beats_trafilatura_2_0():
    from thucydides.evaluation.clean_benchmark import evaluate_clean

    scores = {s.system: s for s in evaluate_clean()}
    assert scores["thucydides"].f1 >= 0.958


def test_geoparsing_with_gold_toponyms_never_regresses():
    from thucydides.evaluation.geo_corpora import read_corpus
    from thucydides.evaluation.geo_eval import score_articles
    from thucydides.geo import load_gazetteer

    # GeoVirus is never trained on, so its score with the shipped ranker is a held-out figure.
    score = score_articles("geovirus", load_gazetteer(), read_corpus("geovirus"))
    assert score.acc161 >= 0.70
