"""False merges on the world: distinct ACLED events of the same fortnights, read as reports.

Every note is a report of a different real event, except the retold ones: a sample of notes is
told three times by three outlets (sentences in another order, a page's furniture around them).
An event whose sources are reports of different real events is a false merge; a retold event
should become one event with all three reports as sources.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from thucydides.evaluation.acled_world import WorldNote, read_world_notes, stable_order
from thucydides.event import Event
from thucydides.ingest.article import Article, make_article
from thucydides.landing import land
from thucydides.pipeline import Batch, Pipeline, batched, merged
from thucydides.store import Store

# The fortnights (first day) with the most regions at once in acled-modern.
FORTNIGHTS = (date(2024, 10, 27), date(2022, 2, 20))
PER_REGION = 180
RETOLD = 200
OUTLETS = ("wire.example", "daily.example", "radio.example")
_FURNITURE = (
    ("", "\n\nShare this article"),
    ("Breaking news\n\n", "\n\nAlso Read: weather warning for the weekend"),
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Report:
    article: Article
    event_id: str  # the real event it tells
    country: str


@dataclass(frozen=True, slots=True)
class MergeScore:
    reports: int
    real_events: int
    events: int
    false_merges: int  # events whose sources tell different real events
    across_countries: int  # of those, events joining reports from different countries
    retold: int
    retold_as_one: int  # retold events that became one event with all three reports


def in_fortnight(day: date, first: date) -> bool:
    return first <= day < first + timedelta(days=14)


def world_sample(notes: Iterable[WorldNote]) -> list[WorldNote]:
    """Up to PER_REGION events of each region in each of FORTNIGHTS, in a fixed order."""
    by_cell: dict[tuple[date, str], list[WorldNote]] = defaultdict(list)
    for note in notes:
        for first in FORTNIGHTS:
            if in_fortnight(note.event_date, first):
                by_cell[(first, note.region)].append(note)
    chosen = []
    for cell in sorted(by_cell):
        ranked = sorted(by_cell[cell], key=lambda n: stable_order(n.event_id))
        chosen.extend(ranked[:PER_REGION])
    return sorted(chosen, key=lambda n: stable_order("order" + n.event_id))


def _retelling(note: WorldNote, k: int) -> str:
    """The k-th outlet's telling: the first tells it as written, the others reorder the
    sentences after the first and wrap it in page furniture."""
    if k == 0:
        return note.notes
    sentences = _SENTENCE.split(note.notes)
    body = " ".join([sentences[0], *reversed(sentences[1:])])
    before, after = _FURNITURE[k - 1]
    return f"{before}{body}{after}"


def reports_for(sample: list[WorldNote]) -> list[Report]:
    """One report per event, three for the first RETOLD, published the day after the event."""
    reports = []
    for i, note in enumerate(sample):
        for k in range(3 if i < RETOLD else 1):
            text = _retelling(note, k)
            article = make_article(
                text,
                f"acled-modern:{note.event_id}:{k}",
                published=note.event_date + timedelta(days=1),
                url=f"https://{OUTLETS[k]}/{note.event_id}",
                outlet=OUTLETS[k],
            )
            reports.append(Report(article, note.event_id, note.country))
    return reports


def score(reports: list[Report], events: list[Event]) -> MergeScore:
    """The events that tell any of `reports`, scored against them."""
    told = {r.article.article_id: r for r in reports}
    events = [e for e in events if any(a in told for a in e.article_ids)]
    retold = Counter(r.event_id for r in reports)
    retold_ids = {e for e, n in retold.items() if n > 1}
    false_merges = across = 0
    as_one: set[str] = set()
    for event in events:
        tellers = [told[a] for a in event.article_ids if a in told]
        real = {r.event_id for r in tellers}
        if len(real) > 1:
            false_merges += 1
            across += len({r.country for r in tellers}) > 1
        elif len(tellers) == 3 and real <= retold_ids:
            as_one |= real
    return MergeScore(
        reports=len(reports),
        real_events=len(retold),
        events=len(events),
        false_merges=false_merges,
        across_countries=across,
        retold=len(retold_ids),
        retold_as_one=len(as_one),
    )


def measure(pipeline: Pipeline, workdir: Path, batch_size: int = 200) -> dict[str, MergeScore]:
    """The world sample read once, then joined two ways: all reports in one batch, and
    through the store in batches of `batch_size` (a database in `workdir`)."""
    sample = world_sample(read_world_notes())
    reports = reports_for(sample)
    processed = pipeline.process_all([r.article for r in reports])
    one_batch = merged(processed)
    with Store(workdir / "world.duckdb") as store:
        for chunk in batched(processed, batch_size):
            land(Batch(articles=chunk), store)
        stored = store.events()
    scores = {
        "one batch": score(reports, one_batch),
        f"store, batches of {batch_size}": score(reports, stored),
    }
    # The pair model (training/event_pairs.py) learned from the earlier fortnight's events.
    day = {n.event_id: n.event_date for n in sample}
    for first in sorted(FORTNIGHTS):
        told = [r for r in reports if in_fortnight(day[r.event_id], first)]
        scores[f"one batch, {first} fortnight"] = score(told, one_batch)
    return scores
