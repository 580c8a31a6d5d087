"""Train the relevance model: is a trigger mention a conflict event or the word used otherwise?

Run `python -m thucydides.training.relevance`. Every new-event mention the extractor finds,
without a relevance model, in the corpora of `thucydides.evaluation.relevance_corpora`
becomes an example labelled by its text. Training sees only
the training parts; the held-out parts are scored at the end (and by `thucydides eval
events`). The sources are weighted (`source_weights`) so that the many short ACLED notes do
not teach the model that conflict is written in ACLED's style. The decision threshold is
the highest one that keeps RECALL_TARGET of the conflict mentions of every source, read from
out-of-fold probabilities on the training part. Only trigger words that the training part
shows used outside conflict are ever judged by it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import numpy as np

from thucydides.evaluation.relevance_corpora import WORLD_SOURCE, relevance_texts
from thucydides.evaluation.relevance_eval import Example, examples, held_out_scores
from thucydides.extract.relevance import RelevanceModel
from thucydides.training.logistic import fit_features

RECALL_TARGET = 0.95
ANCHORS, ANCHOR_SHARE = frozenset({"ACLED notes", WORLD_SOURCE}), 0.5
FOLDS = 5
MIN_COUNT = 2
L2 = 1e-3


def source_weights(items: list[Example]) -> np.ndarray:
    """Each label half the weight. Conflict: half of it for ACLED's notes (coded to the
    codebook; the 2015 ones and the world's, equally), half shared equally by the news-style
    sources; not conflict: shared equally."""
    groups = Counter((e.conflict, e.source) for e in items)
    anchors = {s for c, s in groups if c and s in ANCHORS}
    news_style = {s for c, s in groups if c and s not in ANCHORS}
    negatives = {s for c, s in groups if not c}

    def share(e: Example) -> float:
        if not e.conflict:
            return 0.5 / len(negatives)
        if e.source in ANCHORS:
            return 0.5 * ANCHOR_SHARE / len(anchors)
        return 0.5 * (1 - ANCHOR_SHARE) / len(news_style)

    return np.array([share(e) / groups[(e.conflict, e.source)] for e in items])


def train(items: list[Example]) -> RelevanceModel:
    classes, vocabulary, weights, bias = fit_features(
        [e.features for e in items],
        [e.conflict for e in items],
        source_weights(items),
        min_count=MIN_COUNT,
        l2=L2,
    )
    positive = classes.index(True)
    return RelevanceModel(
        vocabulary,
        weights[:, positive] - weights[:, 1 - positive],
        bias[positive] - bias[1 - positive],
        0.5,
    )


def choose_threshold(items: list[Example]) -> float:
    """The highest threshold keeping RECALL_TARGET of each source's conflict mentions, from
    out-of-fold probabilities."""
    fold_of = [i % FOLDS for i in range(len(items))]
    probability = np.zeros(len(items))
    for fold in range(FOLDS):
        model = train([e for e, f in zip(items, fold_of, strict=True) if f != fold])
        for i, (e, f) in enumerate(zip(items, fold_of, strict=True)):
            if f == fold:
                probability[i] = model.probability(e.features)
    by_source: dict[str, list[float]] = defaultdict(list)
    for e, p in zip(items, probability, strict=True):
        if e.conflict:
            by_source[e.source].append(p)
    return float(min(np.quantile(ps, 1 - RECALL_TARGET) for ps in by_source.values()))


def main() -> None:
    items = examples(relevance_texts())
    training = [e for e in items if not e.held_out]
    threshold = choose_threshold(training)
    final = train(training)
    ambiguous = frozenset(e.lemma for e in training if not e.conflict)
    model = RelevanceModel(list(final.index), final.weights, final.bias, threshold, ambiguous)
    scores = held_out_scores(items, model)
    folder = Path(str(resources.files("thucydides.extract").joinpath("data")))
    np.savez_compressed(
        folder / "relevance_model.npz",
        vocabulary=np.array(list(model.index)),
        weights=model.weights.astype(np.float16),
        bias=np.float32(model.bias),
        threshold=np.float32(threshold),
        ambiguous=np.array(sorted(ambiguous)),
    )
    counts = Counter((e.source, e.conflict) for e in training)
    (folder / "relevance_model.json").write_text(
        json.dumps(
            {
                "trained_on": {
                    f"{s} ({'conflict' if c else 'not conflict'})": n
                    for (s, c), n in sorted(counts.items())
                },
                "sources": {
                    "ACLED notes": "../shared/data/events/acled-2015-south-asia; ACLED terms: attribution, data not redistributed",
                    WORLD_SOURCE: "../shared/data/events/acled-modern, 300 notes a region; ACLED terms: attribution, data not redistributed",
                    "IndiaPoliceEvents": "../shared/data/events/india-police-events (slanglab/IndiaPoliceEvents @3981fbb)",
                    "ConfliBERT CAMEO": "../shared/data/events/conflibert/cameo_class (eventdata/ConfliBERT @0b63001; copyrights stay with the sources)",
                    "ECB+": "../shared/data/coref/ecb-plus (CC BY 3.0); topic labels by this project",
                },
                "threshold": round(threshold, 4),
                "ambiguous_trigger_words": sorted(ambiguous),
                "recall_target": RECALL_TARGET,
                "features": len(model.index),
                "held_out": scores,
                "script": "python -m thucydides.training.relevance",
            },
            indent=1,
        )
        + "\n"
    )
    print(
        f"{len(training)} training mentions, {len(model.index)} features, threshold {threshold:.3f}"
    )
    for name, score in scores.items():
        print(f"  held out, {name}: {score['right']:.3f} of {score['mentions']}")


if __name__ == "__main__":
    main()
