"""Score thucydides on the ACLED notes: event type, actor1, fatalities, location, dates.

Each note is read as one report and the pipeline's first new event is compared with the gold
event. Dates: the notes carry no publication date, so each relative expression is resolved
against the date a report using it would carry: the event day itself for "today", "this
morning" or "tonight", the day after for every other relative expression ("yesterday", "on
Thursday", "last night"); absolute dates ("on 5 May") are resolved against the day after.
Expressions read to the day are scored exactly; vague ones ("recently", "last week", "in
January") by whether the gold date lies inside the week or month they name. ACLED codes an
event lasting several days as one row per day with the same note, so a note is also scored
once, right if its date is any of its rows' dates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from thucydides.clean import clean_text
from thucydides.evaluation.acled_notes import TYPES, GoldNote
from thucydides.evaluation.acled_world import WorldNote
from thucydides.extract import extract
from thucydides.extract.actor_names import event_actor_name
from thucydides.geo import load_gazetteer, resolve
from thucydides.geo.distance import haversine_km
from thucydides.geo.event_place import named_towns, offset_places, places_for
from thucydides.geo.locative import mark_places
from thucydides.nlp import load_pipeline
from thucydides.pipeline import with_nationalities
from thucydides.when.aftermath import aftermath_days
from thucydides.when.event_date import report_dates
from thucydides.when.when import When

SAME_DAY = re.compile(r"\b(today|tonight|this (morning|afternoon|evening))\b", re.IGNORECASE)
ABSOLUTE = re.compile(
    r"\d{4}-\d\d-\d\d|\b\d{1,2}(st|nd|rd|th)?\s+(of\s+)?[A-Z][a-z]+|\b[A-Z][a-z]+\.?\s+\d{1,2}\b"
)
_PAREN = re.compile(r"\s*\([^)]*\)")


@dataclass(slots=True)
class NoteResult:
    gold: GoldNote | WorldNote
    event_type: str | None
    actor1: str
    fatalities: int | None
    date_expression: str | None
    date_kind: str
    date_precision: int | None
    date_correct: bool | None
    date_within: bool | None
    km_error: float | None
    assoc_actor_1: str = ""
    sub_event_type: str | None = None
    inter1: int | None = None
    confidence: float | None = None
    actor2: str = ""


@dataclass(slots=True)
class AcledScores:
    results: list[NoteResult] = field(default_factory=list)

    def subset(self, held_out: bool | None) -> list[NoteResult]:
        return [r for r in self.results if held_out is None or r.gold.held_out == held_out]


def normalise_actor(name: str) -> str:
    """'Police Forces of India (2014-)' -> 'police forces of india'."""
    return _PAREN.sub("", name).strip().lower()


def actor_match(predicted: str, gold: str) -> bool:
    p, g = normalise_actor(predicted), normalise_actor(gold)
    return bool(p) and (p == g or (len(p) > 3 and (p in g or g in p)))


def macro_f1(pairs: list[tuple[str, str | None]]) -> tuple[float, dict[str, float]]:
    per: dict[str, float] = {}
    for label in TYPES:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        per[label] = 2 * tp / (2 * tp + fp + fn)
    return sum(per.values()) / len(per), per


def f1_by_label(pairs: list[tuple[str, str | None]]) -> dict[str, float]:
    """F1 of each gold label."""
    gold = Counter(g for g, _ in pairs)
    predicted = Counter(p for _, p in pairs)
    right = Counter(g for g, p in pairs if g == p)
    return {
        label: 2 * right[label] / (support + predicted[label]) for label, support in gold.items()
    }


def weighted_f1(pairs: list[tuple[str, str | None]]) -> float:
    """F1 per gold label, weighted by the label's frequency (the CASE 2021 measure)."""
    gold = Counter(g for g, _ in pairs)
    return sum(gold[label] * f1 for label, f1 in f1_by_label(pairs).items()) / len(pairs)


def evaluate_notes(
    notes: list[GoldNote] | list[WorldNote], progress=None, n_process: int = 1
) -> AcledScores:
    nlp = load_pipeline()
    gazetteer = load_gazetteer()
    scores = AcledScores()
    texts = [clean_text(n.notes).text for n in notes]
    for note, doc in zip(notes, nlp.pipe(texts, batch_size=64, n_process=n_process), strict=True):
        mentions = [m for m in extract(mark_places(doc, gazetteer)) if m.status == "new"]
        first = mentions[0] if mentions else None
        expression = first.date_span.text if first and first.date_span else None
        precision = correct = within = None
        day = note.event_date  # the report's day where the event's own is not told
        kind = "none"
        if first is not None:
            kind = (
                "story"
                if expression is None
                else "same-day"
                if SAME_DAY.search(expression)
                else "absolute"
                if ABSOLUTE.search(expression)
                else "relative"
            )
            published = (
                note.event_date if kind == "same-day" else note.event_date + timedelta(days=1)
            )
            # As the pipeline dates it: a mention without a date of its own takes the day the
            # story names elsewhere ("07 March (or around). Two journalists were kidnapped").
            when = report_dates([first], doc.text, published, aftermath_days(doc))[0]
            if expression is None and when.basis != "story":
                kind = "none"
            else:
                precision = when.precision
                day = when.date or day
                correct = when.date == note.event_date
                within = when.date is not None and _inside(when, note.event_date)
        km_error = None
        if first is not None:
            toponyms = named_towns(gazetteer, resolve(gazetteer, doc))
            offsets = offset_places(gazetteer, doc, toponyms)
            place = places_for([first], toponyms, offsets, doc.text)[0].place
            if place is not None and note.latitude:
                km_error = haversine_km(
                    note.latitude, note.longitude, place.entry.latitude, place.entry.longitude
                )
        actor1 = assoc1 = actor2 = ""
        inter1 = None
        if first is not None:
            actors = with_nationalities(first, gazetteer, note.country)
            if actors.actor1 is not None:
                actor1 = event_actor_name(actors.actor1.name, note.country, day)
                assoc1 = event_actor_name(actors.actor1.associate, note.country, day)
                inter1 = actors.actor1.inter
            if actors.actor2 is not None:
                actor2 = event_actor_name(actors.actor2.name, note.country, day)
        scores.results.append(
            NoteResult(
                gold=note,
                event_type=first.event_type if first else None,
                actor1=actor1,
                fatalities=first.fatalities.value
                if first and first.fatalities
                else (0 if first else None),
                date_expression=expression,
                date_kind=kind,
                date_precision=precision,
                date_correct=correct,
                date_within=within,
                km_error=km_error,
                assoc_actor_1=assoc1,
                sub_event_type=first.sub_event_type if first else None,
                inter1=inter1,
                confidence=first.confidence if first else None,
                actor2=actor2,
            )
        )
        if progress:
            progress()
    return scores


def _inside(when: When, gold: date) -> bool:
    """Whether the gold date lies in the day, week or month that the resolved date stands for."""
    assert when.date is not None
    if when.precision == 1:
        return when.date == gold
    if when.precision == 2:
        return abs((when.date - gold).days) <= 7
    return (when.date.year, when.date.month) == (gold.year, gold.month)


@dataclass(frozen=True, slots=True)
class DateRow:
    label: str
    count: int
    score: float


def date_rows(results: list[NoteResult]) -> list[DateRow]:
    """Exact-day accuracy by kind of expression read to the day, then the vague ones' window."""
    day = [r for r in results if r.date_precision == 1]
    rows = []
    kinds = {
        "relative": "relative (yesterday, on Thursday night)",
        "same-day": "same day (today, this morning)",
        "absolute": "absolute (on 5 May)",
        "story": "the story's day, none in the event's clause (07 March. Protesters ...)",
    }
    for kind, label in kinds.items():
        subset = [r for r in day if r.date_kind == kind]
        if subset:
            rows.append(DateRow(label, len(subset), _share(r.date_correct for r in subset)))
    if day:
        rows.append(
            DateRow("read to the day: exact day", len(day), _share(r.date_correct for r in day))
        )
        by_note: dict[str, bool] = {}
        for r in day:
            by_note[r.gold.notes] = by_note.get(r.gold.notes, False) or bool(r.date_correct)
        rows.append(
            DateRow(
                "read to the day, each note once: exact day", len(by_note), _share(by_note.values())
            )
        )
    vague = [r for r in results if r.date_precision is not None and r.date_precision > 1]
    if vague:
        rows.append(
            DateRow(
                "vague (recently, last week, in May): inside its week or month",
                len(vague),
                _share(r.date_within for r in vague),
            )
        )
    return rows


def _share(flags: Iterable[bool | None]) -> float:
    values = [bool(f) for f in flags]
    return sum(values) / len(values)


def type_confusion(results: list[NoteResult]) -> Counter:
    return Counter((r.gold.event_type, r.event_type) for r in results)
