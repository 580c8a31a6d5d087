"""Train the event sub-type classifier (ACLED's 25, and so the six types) on the world's notes.

Run `python -m thucydides.training.event_types`. It reads ACLED's current notes of 180
countries (`events/acled-modern/`, ACLED's coding remarks taken out), keeps at most
CAP_PER_COUNTRY notes a country so that Yemen's war does not teach what every region looks
like, and measures before it ships:

- leave one region out: for each region, a model trained on every other region, scored on
  up to TEST_PER_REGION of that region's notes; the macro mean over regions;
- later years: a model trained on events up to EARLIER_TO, scored per region on events from
  LATER_FROM on.

Each fold's model is kept under the machine's cache (`fold_model`) so that `thucydides eval
events` runs the whole pipeline with the model that never saw the region it scores. The
shipped model (`extract/data/type_model.npz`) is then trained on the whole sample. ACLED's
terms of use apply: only weights derived from the notes are shipped, never the notes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import numpy as np

from thucydides.evaluation.acled_eval import weighted_f1
from thucydides.evaluation.acled_world import WorldNote, read_world_notes, stable_order
from thucydides.extract.type_model import TypeModel, features, read_type_model, words
from thucydides.geo.build import cache_root
from thucydides.training.logistic import fit_features

CAP_PER_COUNTRY = 3000
TEST_PER_REGION = 600
# A region with fewer notes is scored within the others' folds, never alone (Oceania has 60).
MIN_REGION = 150
EARLIER_TO = date(2021, 12, 31)
LATER_FROM = date(2023, 1, 1)
LATER_YEARS = "later years"
# Chosen on three leave-one-region-out folds (Eastern Africa, Western Africa, South America)
# among 2e-4, 5e-5, 1e-5 and 2e-6, with and without stems (README, "Models the project trains").
L2 = 5e-5
MIN_COUNT = 3
# Features whose every weight is this close to zero are not shipped: 130,593 features become
# about 25,000 (6.7 MB -> under 2 MB); leaving each region out, type accuracy 0.861 -> 0.860
# and sub-type weighted F1 0.823 -> 0.822 on notes (0.08 gave 0.859/0.822).
PRUNE = 0.1
# Part of the fold models' cache key (with the training notes themselves): a change to the
# features or the fit invalidates them.
MODEL_VERSION = 2


@dataclass(frozen=True, slots=True)
class Fold:
    name: str  # the region left out, or LATER_YEARS
    train: list[WorldNote]
    test: list[WorldNote]


@dataclass(frozen=True, slots=True)
class FoldScores:
    name: str
    region: str
    notes: int
    type_accuracy: float
    sub_type_f1: float  # weighted by the gold sub-types' frequency


def world_sample(notes: list[WorldNote]) -> list[WorldNote]:
    """At most CAP_PER_COUNTRY notes a country, in a fixed order."""
    kept: Counter[str] = Counter()
    sample = []
    for note in sorted(notes, key=lambda n: stable_order(n.event_id)):
        if kept[note.country] < CAP_PER_COUNTRY:
            kept[note.country] += 1
            sample.append(note)
    return sample


def scored_regions(sample: list[WorldNote]) -> list[str]:
    counts = Counter(n.region for n in sample)
    return sorted(r for r, n in counts.items() if n >= MIN_REGION)


def world_folds(sample: list[WorldNote]) -> list[Fold]:
    folds = [
        Fold(
            region,
            [n for n in sample if n.region != region],
            [n for n in sample if n.region == region][:TEST_PER_REGION],
        )
        for region in scored_regions(sample)
    ]
    later: dict[str, list[WorldNote]] = defaultdict(list)
    for note in sample:
        if note.event_date >= LATER_FROM and len(later[note.region]) < TEST_PER_REGION:
            later[note.region].append(note)
    folds.append(
        Fold(
            LATER_YEARS,
            [n for n in sample if n.event_date <= EARLIER_TO],
            [n for region in sorted(later) for n in later[region]],
        )
    )
    return folds


def fit(notes: list[WorldNote]) -> TypeModel:
    labels, vocabulary, weights, bias = fit_features(
        [features(n.notes) for n in notes],
        [n.sub_event_type for n in notes],
        min_count=MIN_COUNT,
        l2=L2,
    )
    type_of = {n.sub_event_type: n.event_type for n in notes}
    return TypeModel(labels, [type_of[s] for s in labels], vocabulary, weights, bias)


def save(model: TypeModel, path: Path) -> None:
    """The model without the features whose every weight is within PRUNE of zero."""
    path.parent.mkdir(parents=True, exist_ok=True)
    vocabulary = np.array(sorted(model.index, key=model.index.__getitem__))
    kept = np.abs(model.weights).max(axis=1) > PRUNE
    with path.open("wb") as fh:
        np.savez_compressed(
            fh,
            labels=np.array(model.labels),
            types=np.array(model.types),
            vocabulary=vocabulary[kept],
            weights=model.weights[kept].astype(np.float16),
            bias=model.bias,
        )


def _fold_path(fold: Fold) -> Path:
    digest = hashlib.sha256(f"{MODEL_VERSION} {L2} {MIN_COUNT} {fold.name}".encode())
    for note in sorted(fold.train, key=lambda n: n.event_id):
        digest.update(f"\n{note.event_id}\t{note.sub_event_type}\t{note.notes}".encode())
    key = digest.hexdigest()[:16]
    return cache_root() / "type-folds" / f"{key}.npz"


def fold_model(fold: Fold) -> TypeModel:
    """The model trained on the fold's training notes, from the cache or trained and kept."""
    path = _fold_path(fold)
    if not path.is_file():
        model = fit(fold.train)
        save(model, path.with_suffix(".tmp.npz"))
        path.with_suffix(".tmp.npz").replace(path)
    return read_type_model(path)


def predict(model: TypeModel, text: str) -> str:
    probabilities = model.sub_type_probabilities(words(text))
    return max(probabilities, key=probabilities.__getitem__)


def score_fold(fold: Fold) -> list[FoldScores]:
    """The fold's model on its test notes, per region (one region for a region's fold)."""
    model = fold_model(fold)
    type_of = dict(zip(model.labels, model.types, strict=True))
    by_region: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for note in fold.test:
        by_region[note.region].append((note.sub_event_type, predict(model, note.notes)))
    return [
        FoldScores(
            fold.name,
            region,
            len(pairs),
            sum(type_of.get(g) == type_of[p] for g, p in pairs) / len(pairs),
            weighted_f1(pairs),
        )
        for region, pairs in sorted(by_region.items())
    ]


def world_protocol(
    sample: list[WorldNote], workers: int = 2, done: Callable[[str], None] | None = None
) -> list[FoldScores]:
    folds = world_folds(sample)
    scores = []
    with ProcessPoolExecutor(workers) as pool:
        for fold, fold_scores in zip(folds, pool.map(score_fold, folds), strict=True):
            scores.extend(fold_scores)
            if done:
                done(fold.name)
    return scores


def macro(scores: list[FoldScores]) -> tuple[float, float]:
    return (
        sum(s.type_accuracy for s in scores) / len(scores),
        sum(s.sub_type_f1 for s in scores) / len(scores),
    )


def main() -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    sample = world_sample(read_world_notes())
    console.print(f"{len(sample)} notes of {len({n.country for n in sample})} countries")
    model = fit(sample)
    folder = Path(str(resources.files("thucydides.extract").joinpath("data")))
    save(model, folder / "type_model.npz")
    console.print(f"{len(model.index)} features -> {folder / 'type_model.npz'}; now the folds")
    scores = world_protocol(sample, done=lambda name: console.print(f"fold done: {name}"))
    figures = {}
    for protocol, rows in (
        ("leave one region out", [s for s in scores if s.name != LATER_YEARS]),
        (
            f"later years (trained to {EARLIER_TO.year}, scored from {LATER_FROM.year})",
            [s for s in scores if s.name == LATER_YEARS],
        ),
    ):
        table = Table(title=f"Sub-type classifier on notes: {protocol}")
        for column in ("region", "notes", "type accuracy", "sub-type weighted F1"):
            table.add_column(column, justify="left" if column == "region" else "right")
        for s in rows:
            table.add_row(s.region, str(s.notes), f"{s.type_accuracy:.3f}", f"{s.sub_type_f1:.3f}")
        type_macro, sub_macro = macro(rows)
        table.add_row("[bold]macro mean[/bold]", "", f"{type_macro:.3f}", f"{sub_macro:.3f}")
        console.print(table)
        figures[protocol] = {
            "type_accuracy": round(type_macro, 3),
            "sub_type_f1": round(sub_macro, 3),
        }
    (folder / "type_model.json").write_text(
        json.dumps(
            {
                "trained_on": f"ACLED's current notes of the world, at most {CAP_PER_COUNTRY} a country",
                "source": "../shared/data/events/acled-modern (26 public repositories, listed in its README)",
                "licence": "ACLED terms of use: attribution; the data is not redistributed, only weights derived from it",
                "notes": len(sample),
                "countries": len({n.country for n in sample}),
                "features": len(model.index),
                "labels": model.labels,
                "types": model.types,
                "macro_means": figures,
                "script": "python -m thucydides.training.event_types",
            },
            indent=1,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
