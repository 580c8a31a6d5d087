"""Build `dedup/data/pair_model.json`: whether two reports' events are one real event.

    python -m thucydides.training.event_pairs

Pairs of events from different reports that no rule tells apart (`dedup.parts.compatible`,
both dated and placed finer than a province) come from two sources:
- gva-news: US shootings, each told by one to eight local outlets in their own words (the
  real positives) beside other incidents of the same towns and weeks (hard negatives);
- acled-modern: distinct events of the same fortnights, each read as a report (negatives),
  some told three times (positives).
The model is trained on the states of gva-news read while developing and the earlier
fortnight, and its pair precision and recall are reported on the held-out states and the
later fortnight. Each source weighs the same in training. The threshold is the one that
maximises F0.25 on the training pairs, precision weighing four times recall: a false merge
loses an event, a missed one leaves a duplicate a reader can still see. At F0.5 (threshold
0.65) 120 events of the world sample's one batch joined reports of different real events,
at F0.25 (0.85) 67, while gva-news held-out states' B-cubed F1 went 0.857 -> 0.847
(`thucydides eval dedup`, 2026-11-30).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from thucydides.dedup.pair_model import PAIR_MODEL, PairModel, pair_features
from thucydides.dedup.parts import (
    Part,
    candidate_pairs,
    compatible,
    one_person,
    report_parts,
    shared_text,
    weighed,
    within_precisions,
)
from thucydides.evaluation.acled_world import read_world_notes
from thucydides.evaluation.gva_news import Incident, held_out, read_incidents
from thucydides.evaluation.world_merges import (
    FORTNIGHTS,
    in_fortnight,
    reports_for,
    world_sample,
)
from thucydides.ingest.article import Article
from thucydides.pipeline import Pipeline, progress_bar
from thucydides.training.logistic import fit_features

L2 = 1e-2
BETA = 0.25


@dataclass(frozen=True, slots=True)
class Pair:
    features: list[str]
    same: bool
    source: str  # "gva-news" or "acled-modern"
    by_rules: bool  # joined by the rules the model replaced: dates and places within precision


def _parts(pipeline: Pipeline, articles: list[Article], tick: Callable[[int], None]) -> list[Part]:
    processed = pipeline.process_all(articles, tick)
    return report_parts(
        [m for p in processed for m in p.located],
        {p.article.article_id: p.fingerprint for p in processed},
    )


def pairs_of(parts: list[Part], real: dict[str, str], source: str) -> list[Pair]:
    """Every weighed pair of events of different reports, but those a named person joins
    whatever the model says (`one_person`); `real` maps a report to the real event it tells."""
    pairs = []
    for i, j in candidate_pairs(parts):
        a, b = parts[i], parts[j]
        if (
            weighed(a.event, b.event)
            and compatible(a.event, b.event)
            and not one_person(a.event, b.event)
        ):
            features = pair_features(a.event, b.event, shared_text(a, b))
            same = real[a.article_id] == real[b.article_id]
            pairs.append(Pair(features, same, source, within_precisions(a.event, b.event)))
    return pairs


def gva_pairs(pipeline: Pipeline, incidents: list[Incident], tick) -> list[Pair]:
    real = {r.article.article_id: i.incident_id for i in incidents for r in i.reports}
    articles = [r.article for i in incidents for r in i.reports]
    return pairs_of(_parts(pipeline, articles, tick), real, "gva-news")


def world_pairs(pipeline: Pipeline, first: date, tick) -> list[Pair]:
    """The world sample's events of the fortnight from `first`, read as reports."""
    reports = reports_for(
        [n for n in world_sample(read_world_notes()) if in_fortnight(n.event_date, first)]
    )
    real = {r.article.article_id: r.event_id for r in reports}
    return pairs_of(_parts(pipeline, [r.article for r in reports], tick), real, "acled-modern")


def fit(pairs: list[Pair]) -> PairModel:
    per_source = defaultdict(int)
    for pair in pairs:
        per_source[pair.source] += 1
    weight = np.array([1.0 / per_source[p.source] for p in pairs])
    classes, vocabulary, w, b = fit_features(
        [p.features for p in pairs], [p.same for p in pairs], weight, min_count=1, l2=L2
    )
    yes, no = classes.index(True), classes.index(False)
    weights = {f: float(w[i, yes] - w[i, no]) for i, f in enumerate(vocabulary)}
    model = PairModel(weights, float(b[yes] - b[no]), 0.5)
    probabilities = np.array([model.probability(p.features) for p in pairs])
    truth = np.array([p.same for p in pairs])
    best, threshold = -1.0, 0.5
    for candidate in np.arange(0.3, 0.96, 0.05):
        precision, recall = _precision_recall(probabilities >= candidate, truth)
        score = (1 + BETA**2) * precision * recall / (BETA**2 * precision + recall or 1)
        if score > best:
            best, threshold = score, float(round(candidate, 2))
    return PairModel(weights, model.bias, threshold)


def _precision_recall(joined: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    right = float((joined & truth).sum())
    return right / max(joined.sum(), 1), right / max(truth.sum(), 1)


def scores(model: PairModel, pairs: list[Pair]) -> tuple[int, int, float, float, float, float]:
    """Pairs, of them one real event, the model's pair precision and recall, and those of
    the rules it replaced."""
    joined = np.array([model.same(p.features) for p in pairs], dtype=bool)
    by_rules = np.array([p.by_rules for p in pairs], dtype=bool)
    truth = np.array([p.same for p in pairs], dtype=bool)
    return (
        len(pairs),
        int(truth.sum()),
        *_precision_recall(joined, truth),
        *_precision_recall(by_rules, truth),
    )


def write(model: PairModel, path: Path = PAIR_MODEL) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "weights": {f: round(v, 4) for f, v in sorted(model.weights.items())},
        "bias": round(model.bias, 4),
        "threshold": model.threshold,
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    console = Console(stderr=True)
    pipeline = Pipeline()
    incidents = read_incidents()
    later, earlier = sorted(FORTNIGHTS, reverse=True)
    with progress_bar(console) as tick:
        parts = {
            "train": gva_pairs(pipeline, [i for i in incidents if not held_out(i.state)], tick)
            + world_pairs(pipeline, earlier, tick),
            "test": gva_pairs(pipeline, [i for i in incidents if held_out(i.state)], tick)
            + world_pairs(pipeline, later, tick),
        }
    model = fit(parts["train"])
    write(model)
    table = Table(title=f"pairs weighed (threshold {model.threshold})")
    for column in ("part", "source", "pairs", "one event", "P", "R", "rules P", "rules R"):
        table.add_column(column)
    for name, pairs in parts.items():
        for source in ("gva-news", "acled-modern"):
            n, same, *figures = scores(model, [p for p in pairs if p.source == source])
            table.add_row(name, source, str(n), str(same), *(f"{f:.3f}" for f in figures))
    Console().print(table)
    console.print(f"wrote {PAIR_MODEL}")


if __name__ == "__main__":
    main()
