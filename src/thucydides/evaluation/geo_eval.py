"""Toponym resolution with gold toponyms given: Acc@161km, exact GeoNames id, mean error, AUC.

AUC is the area under the curve of log(1 + error km) over toponyms sorted by error,
normalised by log(20039 km) (half the Earth's circumference), as in Gritta et al.; lower
is better.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from thucydides.evaluation.geo_corpora import GoldArticle
from thucydides.geo import Gazetteer
from thucydides.geo.distance import haversine_km
from thucydides.geo.geoparse import geoparse

MAX_KM = 20039.0
# Published figures with gold toponyms (Acc@161km, exact id), from ../shared/data/README.md.
PUBLISHED = {
    "lgl": [
        ("Mordecai 3 (2023)", 0.827, 0.794),
        ("CamCoder (2018)", 0.76, None),
        ("population baseline", 0.70, None),
    ],
    "trnews": [("Mordecai 3 (2023)", 0.873, 0.843)],
    "geovirus": [("CamCoder (2018)", 0.82, None)],
}


@dataclass(frozen=True, slots=True)
class GeoScore:
    corpus: str
    toponyms: int
    resolved: int
    acc161: float
    exact_id: float | None
    mean_km: float
    median_km: float
    auc: float


def resolve_article(gazetteer: Gazetteer, article: GoldArticle, weights=None):
    """The places of an article's gold toponyms, as `thucydides geoparse` resolves given spans."""
    spans = [(t.start, t.end) for t in article.toponyms]
    return [r.place for r in geoparse(gazetteer, article.text, spans, weights=weights)]


def score_articles(
    corpus: str, gazetteer: Gazetteer, articles: list[GoldArticle], weights=None, weights_for=None
) -> GeoScore:
    """Score resolution of the gold toponyms; `weights_for(article)` gives per-article weights (CV)."""
    errors: list[float] = []
    exact: list[bool] = []
    resolved = 0
    for article in articles:
        places = resolve_article(
            gazetteer, article, weights_for(article) if weights_for else weights
        )
        for gold, place in zip(article.toponyms, places, strict=True):
            if place is None:
                errors.append(MAX_KM)
                if gold.geonameid is not None:
                    exact.append(False)
                continue
            resolved += 1
            errors.append(
                haversine_km(
                    gold.latitude, gold.longitude, place.entry.latitude, place.entry.longitude
                )
            )
            if gold.geonameid is not None:
                exact.append(place.entry.geonameid == gold.geonameid)
    ordered = sorted(errors)
    logs = [math.log(1 + e) / math.log(MAX_KM) for e in ordered]
    auc = (sum(logs) - (logs[0] + logs[-1]) / 2) / (len(logs) - 1) if len(logs) > 1 else logs[0]
    return GeoScore(
        corpus=corpus,
        toponyms=len(errors),
        resolved=resolved,
        acc161=sum(e <= 161 for e in errors) / len(errors),
        exact_id=sum(exact) / len(exact) if exact else None,
        mean_km=sum(errors) / len(errors),
        median_km=ordered[len(ordered) // 2],
        auc=auc,
    )


def cross_validated(
    gazetteer: Gazetteer, corpora: dict[str, list[GoldArticle]], k: int = 5
) -> list[GeoScore]:
    """k-fold by article over the pooled training corpora; each article scored by a ranker
    that never saw it."""
    from thucydides.training.geo_ranker import folds, train

    pooled = [a for articles in corpora.values() for a in articles]
    weights_by_article: dict[int, tuple[float, ...]] = {}
    for fold in folds(pooled, k):
        held = {id(a) for a in fold}
        weights = train(gazetteer, [a for a in pooled if id(a) not in held])
        weights_by_article.update({id(a): weights for a in fold})
    return [
        score_articles(name, gazetteer, articles, weights_for=lambda a: weights_by_article[id(a)])
        for name, articles in corpora.items()
    ]


@dataclass(frozen=True, slots=True)
class RecognitionScore:
    gold: int
    found: int
    precision: float
    recall: float
    acc161_of_matched: float


def end_to_end(gazetteer: Gazetteer, articles: list[GoldArticle]) -> RecognitionScore:
    """Without gold toponyms: spaCy's toponyms against the gold spans (any overlap counts),
    and Acc@161km of the resolved places that match a gold toponym."""
    from thucydides.geo import resolve
    from thucydides.geo.locative import mark_places
    from thucydides.nlp import load_pipeline

    nlp = load_pipeline()
    gold_total = found_total = found_right = gold_found = close = matched = 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        places = resolve(gazetteer, mark_places(doc, gazetteer))
        spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
        gold = article.toponyms
        gold_total += len(gold)
        found_total += len(spans)
        found_right += sum(any(s < g.end and g.start < e for g in gold) for s, e in spans)
        gold_found += sum(any(s < g.end and g.start < e for s, e in spans) for g in gold)
        for place in places:
            hit = next((g for g in gold if place.start < g.end and g.start < place.end), None)
            if hit is not None:
                matched += 1
                distance = haversine_km(
                    hit.latitude, hit.longitude, place.entry.latitude, place.entry.longitude
                )
                close += distance <= 161
    return RecognitionScore(
        gold=gold_total,
        found=found_total,
        precision=found_right / found_total if found_total else 0.0,
        recall=gold_found / gold_total if gold_total else 0.0,
        acc161_of_matched=close / matched if matched else 0.0,
    )
