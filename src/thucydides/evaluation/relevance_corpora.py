"""Texts labelled conflict or not, for the relevance model: is a trigger word an event of
political violence, protest or their strategic developments, or a word used otherwise
("Russia beat Croatia", "the fight against addiction", "stocks rallied")?

Each source gives whole texts whose every trigger mention shares one label, and a fixed
held-out part that training never sees:
- ACLED 2015 notes: conflict; held out as in `thucydides eval events` (20% by event id).
- ACLED's current notes of the world (acled-modern): conflict, in every region's words (the
  2015 notes alone taught the model that an abduction in Haiti or a shooting in Nicaragua is
  no conflict), never a note the world protocol of `thucydides eval events` scores; held
  out: every other region of those the type model scores, in their
  alphabetical order (Caucasus and Central Asia, East Asia, Europe, Middle East, Northern
  Africa, South Asia, Southern Africa).
- IndiaPoliceEvents sentences labelled KILL, FORCE or ARREST: conflict, in news style;
  held out: documents whose id is divisible by 5.
- ConfliBERT cameo_class sentences: class 4 (material conflict) is conflict, classes 0-2
  (cooperation, verbal and material) are not; class 3 (verbal conflict: threats, strikes,
  rejections) is left out as neither; held out: its test split.
- ECB+ documents, by topic: the topics below are labelled by this project from their
  contents (celebrities, sport, business, technology, earthquakes, elections: not conflict;
  riots, war, bombings: conflict; ordinary crime is left out as neither); held out: the
  even-numbered topics, as in `thucydides eval dedup`.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass

from thucydides.evaluation.acled_notes import read_notes
from thucydides.evaluation.data import dataset
from thucydides.evaluation.ecb_eval import read_ecb

ECB_NOT_CONFLICT = frozenset(
    [1, 2, 4, 5, 6, 7, 9, 10, 11, 20, 23, 25, 27, 28, 29, 30, 31, 34, 37, 38, 39, 40, 42, 43, 44]
)
ECB_CONFLICT = frozenset([8, 19, 41])
INDIA_CONFLICT_LABELS = frozenset(["KILL", "FORCE", "ARREST"])
CAMEO_CONFLICT, CAMEO_NOT_CONFLICT = "4", frozenset("012")
WORLD_SOURCE = "ACLED world notes"
WORLD_PER_REGION = 300


@dataclass(frozen=True, slots=True)
class LabelledText:
    source: str
    text: str
    conflict: bool
    held_out: bool


def acled_texts() -> list[LabelledText]:
    return [LabelledText("ACLED notes", n.notes, True, n.held_out) for n in read_notes()]


def world_texts() -> list[LabelledText]:
    """WORLD_PER_REGION of the world's current notes a region (at most 3,000 a country, as
    the type model reads them), none of them a note the world protocol scores; every other
    region of the scored ones held out."""
    from thucydides.evaluation.acled_world import read_world_notes
    from thucydides.training.event_types import scored_regions, world_folds, world_sample

    sample = world_sample(read_world_notes())
    regions = scored_regions(sample)
    scored = {n.event_id for fold in world_folds(sample) for n in fold.test}
    kept: Counter[str] = Counter()
    texts = []
    for note in sample:
        if note.event_id in scored:
            continue
        if note.region in regions and kept[note.region] < WORLD_PER_REGION:
            kept[note.region] += 1
            held_out = regions.index(note.region) % 2 == 1
            texts.append(LabelledText(WORLD_SOURCE, note.notes, True, held_out))
    return texts


def india_texts() -> list[LabelledText]:
    path = dataset("events", "india-police-events", "data", "final", "sents.jsonl")
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if INDIA_CONFLICT_LABELS & set(row["sent_labels"]):
            held_out = row["doc_id"] % 5 == 0
            texts.append(LabelledText("IndiaPoliceEvents", row["sent_text"], True, held_out))
    return texts


def cameo_texts() -> list[LabelledText]:
    texts = []
    for split in ("train", "test"):
        path = dataset("events", "conflibert", "cameo_class", f"{split}.tsv")
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                if len(row) < 2:
                    continue
                label = row[-1].strip()
                if label == CAMEO_CONFLICT or label in CAMEO_NOT_CONFLICT:
                    conflict = label == CAMEO_CONFLICT
                    texts.append(
                        LabelledText("ConfliBERT CAMEO", row[0], conflict, split == "test")
                    )
    return texts


def ecb_texts() -> list[LabelledText]:
    texts = []
    for document in read_ecb():
        if document.topic in ECB_NOT_CONFLICT or document.topic in ECB_CONFLICT:
            conflict = document.topic in ECB_CONFLICT
            held_out = document.topic % 2 == 0
            texts.append(LabelledText("ECB+", document.text, conflict, held_out))
    return texts


def relevance_texts() -> list[LabelledText]:
    return acled_texts() + world_texts() + india_texts() + cameo_texts() + ecb_texts()
