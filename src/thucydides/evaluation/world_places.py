"""The event's point against ACLED's, on current notes from every region (acled-modern).

Up to PER_REGION notes a region from 2023 on that ACLED places at geo_precision 1 or 2, in a
fixed order; each note runs through the pipeline as one report published on its event's day,
and the first event's point is compared with ACLED's. A note that gives no placed event counts
as a miss. Per region and the macro mean over regions, with how many notes name their place
by a name the gazetteer lacks and are placed at the area named after it (`stood_in`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from thucydides.evaluation.acled_world import WorldNote, read_world_notes, stable_order
from thucydides.geo.distance import haversine_km
from thucydides.ingest import make_article
from thucydides.pipeline import Pipeline, batched

PER_REGION = 60
SINCE = date(2023, 1, 1)


@dataclass(frozen=True, slots=True)
class RegionPlaces:
    region: str
    notes: int
    placed: int
    within_50: int
    within_161: int
    stood_in: int


def world_place_sample(notes: list[WorldNote]) -> list[WorldNote]:
    by_region: dict[str, list[WorldNote]] = defaultdict(list)
    for note in notes:
        if note.event_date >= SINCE and note.geo_precision in (1, 2):
            by_region[note.region].append(note)
    return [
        note
        for region in sorted(by_region)
        for note in sorted(by_region[region], key=lambda n: stable_order(n.event_id))[:PER_REGION]
    ]


def measure(progress=None) -> list[RegionPlaces]:
    sample = world_place_sample(read_world_notes())
    pipeline = Pipeline()
    km: dict[str, float | None] = {}
    stood_in: set[str] = set()
    for chunk in batched(sample, 100):
        articles = [
            make_article(n.notes, n.event_id, published=n.event_date, article_id=n.event_id)
            for n in chunk
        ]
        for processed in pipeline.process_articles(articles).articles:
            placed = [m.place for m in processed.located if m.place is not None]
            note = next(n for n in chunk if n.event_id == processed.article.article_id)
            if placed and placed[0].stands_for is not None:
                stood_in.add(note.event_id)
            km[note.event_id] = (
                haversine_km(
                    placed[0].entry.latitude,
                    placed[0].entry.longitude,
                    note.latitude,
                    note.longitude,
                )
                if placed
                else None
            )
        if progress:
            progress(len(chunk))
    by_region: dict[str, list[WorldNote]] = defaultdict(list)
    for note in sample:
        by_region[note.region].append(note)
    rows = []
    for region, notes in sorted(by_region.items()):
        errors = [km.get(n.event_id) for n in notes]
        rows.append(
            RegionPlaces(
                region,
                len(errors),
                sum(e is not None for e in errors),
                sum(e is not None and e <= 50 for e in errors),
                sum(e is not None and e <= 161 for e in errors),
                sum(n.event_id in stood_in for n in notes),
            )
        )
    return rows
