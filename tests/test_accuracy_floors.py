"""Accuracy floors on the development sets; skipped, saying why, where ../shared/data is absent."""

from __future__ import annotations

import pytest

from thucydides.evaluation.data import shared_data

pytestmark = pytest.mark.skipif(
    not shared_data().exists(), reason=f"development data not found at {shared_data()}"
)


def test_main_text_extraction_beats_trafilatura_2_0_and_its_offsets_quote_the_page():
    from thucydides.evaluation.clean_benchmark import evaluate_clean

    scores, offsets = evaluate_clean()
    assert {s.system: s for s in scores}["thucydides"].f1 >= 0.958
    assert offsets.exact >= 0.999 * offsets.characters


def test_geoparsing_with_gold_toponyms_never_regresses():
    from thucydides.evaluation.geo_corpora import read_corpus
    from thucydides.evaluation.geo_eval import score_articles
    from thucydides.geo import load_gazetteer

    # GeoVirus is never trained on, so its score with the shipped ranker is a held-out figure.
    score = score_articles("geovirus", load_gazetteer(), read_corpus("geovirus"))
    assert score.acc161 >= 0.81


def test_geoparsing_cross_validated_on_lgl_and_tr_news_never_regresses():
    from thucydides.evaluation.geo_corpora import read_corpus
    from thucydides.evaluation.geo_eval import cross_validated
    from thucydides.geo import load_gazetteer

    corpora = {name: read_corpus(name) for name in ("lgl", "trnews")}
    lgl, trnews = cross_validated(load_gazetteer(), corpora)
    assert lgl.acc161 >= 0.86 and lgl.exact_id >= 0.83
    assert trnews.acc161 >= 0.89 and trnews.exact_id >= 0.86


@pytest.fixture(scope="module")
def acled_held_out():
    from thucydides.evaluation.acled_eval import evaluate_notes
    from thucydides.evaluation.acled_notes import read_notes

    return evaluate_notes([n for n in read_notes() if n.held_out]).results


def test_acled_event_typing_actors_and_fatalities_never_regress(acled_held_out):
    from thucydides.evaluation.acled_eval import actor_match, macro_f1

    results = acled_held_out
    n = len(results)
    # Since the type classifier learns from the world's notes (issue 20), no longer from this
    # set's training part, these are reported figures, not targets (0.854, 0.762, 0.750 before).
    assert sum(r.event_type == r.gold.event_type for r in results) / n >= 0.77
    assert macro_f1([(r.gold.event_type, r.event_type) for r in results])[0] >= 0.61
    assert sum(actor_match(r.actor1, r.gold.actor1) for r in results) / n >= 0.70
    with_assoc = [r for r in results if r.gold.assoc_actor_1]
    without = [r for r in results if not r.gold.assoc_actor_1]
    assoc = sum(actor_match(r.assoc_actor_1, r.gold.assoc_actor_1) for r in with_assoc)
    assert assoc / len(with_assoc) >= 0.45
    assert sum(not r.assoc_actor_1 for r in without) / len(without) >= 0.82
    assert sum((r.fatalities or 0) == r.gold.fatalities for r in results) / n >= 0.89


def test_acled_event_places_never_regress(acled_held_out):
    placed = [r for r in acled_held_out if r.km_error is not None]
    assert len(placed) >= 980  # of 2,088 notes; many notes name no place ACLED coded
    assert sum(r.km_error <= 50 for r in placed) / len(placed) >= 0.68


def test_event_locations_linked_never_regress():
    from thucydides.evaluation.event_location import evaluate_locations, read_relabel

    accuracy = evaluate_locations(read_relabel()).accuracy
    assert accuracy["thucydides: event place"] >= 0.61
    assert accuracy["thucydides: clause's toponym"] >= 0.64


def test_acled_dates_never_regress(acled_held_out):
    to_the_day = [r for r in acled_held_out if r.date_precision == 1]
    assert len(to_the_day) >= 500
    assert sum(bool(r.date_correct) for r in to_the_day) / len(to_the_day) >= 0.88
    vague = [r for r in acled_held_out if r.date_precision is not None and r.date_precision > 1]
    assert sum(bool(r.date_within) for r in vague) / len(vague) >= 0.8


def test_same_event_clustering_on_held_out_ecb_topics():
    from thucydides.evaluation.ecb_eval import evaluate, read_ecb

    score = evaluate([d for d in read_ecb() if d.topic % 2 == 0])
    assert score.b3_f1 >= 0.80 and score.b3_precision >= 0.85


def test_relevance_model_on_held_out_mentions_and_general_news():
    from thucydides.evaluation.relevance_corpora import relevance_texts
    from thucydides.evaluation.relevance_eval import (
        examples,
        general_news_events,
        held_out_scores,
    )
    from thucydides.extract.relevance import load_relevance_model

    items = examples([t for t in relevance_texts() if t.held_out], n_process=1)
    scores = held_out_scores(items, load_relevance_model())
    assert scores["ACLED notes (conflict: kept)"]["right"] >= 0.98
    # The 7 regions of the world's notes the model never learned from (0.969; 0.934 with the
    # model of the 2015 notes alone).
    assert scores["ACLED world notes (conflict: kept)"]["right"] >= 0.96
    assert scores["ECB+ (conflict: kept)"]["right"] >= 0.93
    # 0.701 of 154 mentions before a month stopped being a protest march: the 14 months, all
    # dropped, are no mention now, and the same 46 are kept (0.671 of 140; 0.679 now).
    assert scores["ECB+ (not conflict: dropped)"]["right"] >= 0.66
    # 117 events before the relevance model; most of what is left is real (protests, arrests).
    # 53 with the type classifier of the 2015 notes, 65 with the world's, 46 once one story's
    # mentions of other types on its day and place join one event (issue 21); 48 once the
    # model learned the world's notes too (a game, "Attack on Titan", and a pilot "shot down"
    # in 1967 among the new).
    _, events, _ = general_news_events()
    assert events <= 48


def test_plover_gold_typing_and_sources_never_regress():
    from thucydides.evaluation.plover import evaluate_plover, read_plover

    score = evaluate_plover(read_plover())
    assert score.accuracy >= 0.83
    assert score.conflict_recall >= 0.58
    assert score.source_match >= 0.32
