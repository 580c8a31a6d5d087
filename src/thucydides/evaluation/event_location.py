"""Which place an event happened at: the adjudicated (RELABEL) records of Halterman's
event_location set. Each links an event verb to the span of its location, or to none.

Two readings of thucydides: the place the pipeline gives the event (the most precise place
the verb's clause names that the gazetteer can place, else the story's own place: its first
town, district or province), and the linking alone (the toponym the parse attaches to the
clause, else the sentence's first, passing over those that only say whose forces they were,
"U.S. troops"). Two baselines sit beside them: the sentence's first toponym, and the toponym
nearest the verb.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass

from thucydides.evaluation.data import dataset
from thucydides.extract.extractor import TOPONYM_LABELS, names_whose, place_spans
from thucydides.geo import load_gazetteer, resolve
from thucydides.geo.event_place import clause_place, named_towns, offset_places, story_place
from thucydides.geo.locative import mark_places
from thucydides.nlp import load_pipeline

SYSTEMS = (
    "thucydides: event place",
    "thucydides: clause's toponym",
    "first toponym",
    "nearest toponym",
)


@dataclass(frozen=True, slots=True)
class LocationRecord:
    text: str
    verb: tuple[int, int]
    location: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class LocationScore:
    records: int
    with_location: int
    accuracy: dict[str, float]


def read_relabel() -> list[LocationRecord]:
    path = dataset("events", "event-location", "labeled_text.jsonl.zip")
    with zipfile.ZipFile(path) as archive:
        rows = json.loads(archive.read(archive.namelist()[0]))
    records = []
    for row in rows:
        if row.get("source") != "RELABEL":
            continue
        spans = row.get("spans") or []
        verbs = [s for s in spans if s["label"] == "VERB"]
        places = [s for s in spans if s["label"] == "LOCATION"]
        if len(verbs) != 1:
            continue
        tokens = row.get("tokens") or []
        location = _chars(places[0], tokens) if places else None
        records.append(LocationRecord(row["text"], _chars(verbs[0], tokens), location))
    return records


def _chars(span: dict, tokens: list[dict]) -> tuple[int, int]:
    """Character offsets from the span's token indices: the relabelled records' own
    character offsets are often off, their token indices are not."""
    if tokens and "token_start" in span:
        return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]
    return span["start"], span["end"]


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a[0] < b[1] and b[0] < a[1]


def evaluate_locations(records: list[LocationRecord]) -> LocationScore:
    nlp = load_pipeline()
    gazetteer = load_gazetteer()
    hits = {name: 0 for name in SYSTEMS}
    for record, doc in zip(records, nlp.pipe(r.text for r in records), strict=True):
        mark_places(doc, gazetteer)  # as the pipeline reads it
        toponyms = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in TOPONYM_LABELS]
        verb = doc.char_span(*record.verb, alignment_mode="expand")
        spans = place_spans(verb.root, doc) if verb is not None else ()
        # The linking alone: the clause's first toponym, else the sentence's first that does
        # not say whose forces they were ("U.S. troops").
        unlinked = [
            (e.start_char, e.end_char)
            for e in doc.ents
            if e.label_ in TOPONYM_LABELS and (verb is None or not names_whose(e.root, verb.root))
        ]
        linked = (spans[0].start, spans[0].end) if spans else (unlinked[0] if unlinked else None)
        # As the pipeline places an event: the most precise place its clause names that the
        # gazetteer can place, else the story's own place (here the sentence is the story).
        places = named_towns(gazetteer, resolve(gazetteer, doc))
        by_start = {p.start: p for p in places} | offset_places(gazetteer, doc, places)
        place = clause_place(spans, by_start, doc.text) or story_place(places, doc.text)
        first = toponyms[0] if toponyms else None
        nearest = min(toponyms, key=lambda t: abs(t[0] - record.verb[0]), default=None)
        for name, guess in zip(
            SYSTEMS,
            (
                (place.start, place.end) if place is not None else None,
                linked,
                first,
                nearest,
            ),
            strict=True,
        ):
            hits[name] += _overlaps(guess, record.location)
    n = len(records)
    return LocationScore(
        n, sum(r.location is not None for r in records), {k: v / n for k, v in hits.items()}
    )
