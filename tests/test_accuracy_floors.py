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
