"""The whole pipeline on the world's notes, each region read with a type model that never saw it.

The folds are those the classifier is trained and measured on (`training.event_types`): each
region left out in turn, and the later years; state forces are named from the dated names of
the fold's training notes (`training.actor_names`). Up to PER_REGION of a fold's test notes a region
run through cleaning, parsing, toponyms and extraction as one report each (as in
`acled_eval.evaluate_notes`), with the fold's model in use; the first new event is compared
with ACLED's. Per region, and the macro mean over regions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from thucydides.evaluation.acled_eval import (
    NoteResult,
    actor_match,
    evaluate_notes,
    f1_by_label,
    weighted_f1,
)
from thucydides.evaluation.acled_world import WorldNote, read_world_notes
from thucydides.extract.actor_names import actor_names_in_use
from thucydides.extract.type_model import type_model_in_use
from thucydides.training.actor_names import learn_actor_names
from thucydides.training.event_types import LATER_YEARS, fold_model, world_folds, world_sample

PER_REGION = 100
CALIBRATION_BINS = 10


@dataclass(frozen=True, slots=True)
class RegionEvents:
    protocol: str  # "leave one region out" or LATER_YEARS
    region: str
    results: list[NoteResult]

    def share(self, hit: Callable[[NoteResult], bool | None]) -> float | None:
        """The share of the notes a measure applies to (None: it does not) that it hits;
        None where it applies to none."""
        applies = [h for h in map(hit, self.results) if h is not None]
        return sum(applies) / len(applies) if applies else None

    @property
    def sub_type_f1(self) -> float:
        return weighted_f1([(r.gold.sub_event_type, r.sub_event_type) for r in self.results])


def _gold(result: NoteResult) -> WorldNote:
    assert isinstance(result.gold, WorldNote)
    return result.gold


MEASURES: dict[str, Callable[[NoteResult], bool | None]] = {
    "event found": lambda r: r.event_type is not None,
    "type": lambda r: r.event_type == r.gold.event_type,
    "actor1 exact": lambda r: bool(r.actor1) and r.actor1 == r.gold.actor1,
    "actor1 core": lambda r: actor_match(r.actor1, r.gold.actor1),
    # Over the notes where ACLED names a second actor.
    "actor2 exact": lambda r: (r.actor2 == r.gold.actor2) if r.gold.actor2 else None,
    "actor2 core": lambda r: actor_match(r.actor2, r.gold.actor2) if r.gold.actor2 else None,
    # Over the notes whose export gives ACLED's inter1 (a tenth give none).
    "inter1": lambda r: (r.inter1 == _gold(r).inter1) if _gold(r).inter1 else None,
    "fatalities exact": lambda r: (r.fatalities or 0) == r.gold.fatalities,
    "date exact": lambda r: bool(r.date_correct),
}


def measure(progress: Callable[[], None] | None = None) -> list[RegionEvents]:
    """`progress` is called once a note."""
    rows = []
    for fold in world_folds(world_sample(read_world_notes())):
        by_region: dict[str, list[WorldNote]] = defaultdict(list)
        for note in fold.test:
            if len(by_region[note.region]) < PER_REGION:
                by_region[note.region].append(note)
        model = fold_model(fold)
        names = learn_actor_names(fold.train)
        protocol = LATER_YEARS if fold.name == LATER_YEARS else "leave one region out"
        for region, notes in sorted(by_region.items()):
            with type_model_in_use(model), actor_names_in_use(names):
                results = evaluate_notes(notes, progress).results
            rows.append(RegionEvents(protocol, region, results))
    return rows


def macro_share(rows: list[RegionEvents], hit: Callable[[NoteResult], bool | None]) -> float:
    """The mean over the regions a measure applies to."""
    shares = [s for row in rows if (s := row.share(hit)) is not None]
    return sum(shares) / len(shares)


def sub_type_f1s(rows: list[RegionEvents]) -> dict[str, tuple[int, float]]:
    """Each gold sub-type's support and F1 over all the rows' notes."""
    pairs = [(r.gold.sub_event_type, r.sub_event_type) for row in rows for r in row.results]
    support = {label: sum(g == label for g, _ in pairs) for label, _ in pairs}
    return {label: (support[label], f1) for label, f1 in sorted(f1_by_label(pairs).items())}


def calibration_error(rows: list[RegionEvents]) -> float:
    """Expected calibration error of the confidence against a right sub-type, over the found
    events, in CALIBRATION_BINS equal bins of confidence."""
    found = [r for row in rows for r in row.results if r.confidence is not None]
    bins: dict[int, list[NoteResult]] = defaultdict(list)
    for r in found:
        bins[min(int(r.confidence * CALIBRATION_BINS), CALIBRATION_BINS - 1)].append(r)
    return sum(
        abs(
            sum(r.confidence for r in members)
            - sum(r.sub_event_type == r.gold.sub_event_type for r in members)
        )
        for members in bins.values()
    ) / max(len(found), 1)
