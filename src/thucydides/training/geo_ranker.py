"""Learn the toponym ranker's weights on gold-toponym corpora (LGL, TR-News).

A softmax over each toponym's candidates, fitted by gradient descent with L2; the label is
the candidate with the gold GeoNames id (or, without ids, the candidate nearest the gold
point when within 161 km). Run: `python -m thucydides.training.geo_ranker` to rewrite
`geo/data/ranker.json`; `thucydides eval geo` reports the cross-validated figures.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from thucydides.geo.distance import haversine_km
from thucydides.geo.gazetteer import Gazetteer, load_gazetteer
from thucydides.geo.geoparse import geoparse
from thucydides.geo.resolve import FEATURES, Toponym, candidate_features, context_words, read_names

L2 = 1e-3


@dataclass(frozen=True, slots=True)
class Example:
    """One gold toponym: its candidates' features and which candidate is right."""

    features: np.ndarray
    label: int


def article_examples(gazetteer: Gazetteer, article, chosen=None) -> list[Example]:
    """Training examples from one GoldArticle (see thucydides.evaluation.geo_corpora).

    `chosen`: each toponym's guess from a previous round (None: the name-alone prior).
    """
    toponyms = [
        Toponym(t.start, t.end, article.text[t.start : t.end] or t.phrase) for t in article.toponyms
    ]
    names = read_names(gazetteer, toponyms, context_words(article.text), article.text)
    candidates, which = names.candidates, names.which
    if chosen is not None:
        chosen = [chosen[which.index(n)] for n in range(len(candidates))]
    rows = candidate_features(names, chosen)
    examples = []
    for gold, w in zip(article.toponyms, which, strict=True):
        cands, feats = candidates[w], rows[w]
        if len(cands) < 2:
            continue
        label = next(
            (
                i
                for i, c in enumerate(cands)
                if gold.geonameid and c.entry.geonameid == gold.geonameid
            ),
            None,
        )
        if label is None:
            dists = [
                haversine_km(gold.latitude, gold.longitude, c.entry.latitude, c.entry.longitude)
                for c in cands
            ]
            best = min(range(len(cands)), key=dists.__getitem__)
            label = best if dists[best] <= 161 else None
        if label is not None:
            examples.append(Example(np.asarray(feats, dtype=float), label))
    return examples


def fit(examples: list[Example]) -> tuple[float, ...]:
    """Softmax regression over candidate sets (L-BFGS on the mean log loss plus L2)."""
    x = np.vstack([ex.features for ex in examples])
    sizes = np.array([len(ex.features) for ex in examples])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    segment = np.repeat(np.arange(len(examples)), sizes)
    labels = starts + np.array([ex.label for ex in examples])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        scores = x @ w
        top = np.maximum.reduceat(scores, starts)
        exp = np.exp(scores - top[segment])
        norm = np.add.reduceat(exp, starts)
        probs = exp / norm[segment]
        value = np.mean(np.log(norm) + top - scores[labels]) + 0.5 * L2 * w @ w
        grad = (probs @ x - x[labels].sum(axis=0)) / len(examples) + L2 * w
        return float(value), grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B")
    return tuple(round(float(v), 4) for v in result.x)


def _predictions(gazetteer: Gazetteer, article, weights) -> list:
    spans = [(t.start, t.end) for t in article.toponyms]
    return [
        r.place.entry if r.place is not None else None
        for r in geoparse(gazetteer, article.text, spans, weights=weights)
    ]


def train(gazetteer: Gazetteer, articles: list) -> tuple[float, ...]:
    """Fit on first-round features, then refit with second-round ones (others' guesses) added."""
    first = [ex for a in articles for ex in article_examples(gazetteer, a)]
    weights = fit(first)
    second = [
        ex
        for a in articles
        for ex in article_examples(gazetteer, a, _predictions(gazetteer, a, weights))
    ]
    return fit(first + second)


def folds(items: list, k: int, seed: int = 13) -> list[list]:
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::k] for i in range(k)]


def main() -> None:
    from thucydides.evaluation.geo_corpora import read_corpus

    gazetteer = load_gazetteer()
    articles = [a for name in ("lgl", "trnews") for a in read_corpus(name)]
    weights = train(gazetteer, articles)
    path = Path(str(resources.files("thucydides.geo").joinpath("data", "ranker.json")))
    path.write_text(
        json.dumps(
            {
                "trained_on": "LGL + TR-News gold toponyms (../shared/data/geo), python -m thucydides.training.geo_ranker",
                "articles": len(articles),
                "features": list(FEATURES),
                "weights": list(weights),
            },
            indent=1,
        )
        + "\n"
    )
    print(f"trained on {len(articles)} articles -> {path}")
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:20s} {w:+.3f}")


if __name__ == "__main__":
    main()
