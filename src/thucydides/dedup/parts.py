"""Reports of one real event joined into one Event, whatever order or batches they come in.

Each report gives its own events (`report_events`): these are the parts. Two parts from
different reports are the same real event only on positive evidence (`same_event`); an event
is a connected group of parts, assembled by folding them in the order of their ids. A group
of parts and the pairs between them do not depend on which parts came first, so one input
gives the same events in one batch or many, on one worker or several; the store keeps the
parts so a later batch regroups exactly the events it touches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from thucydides.dedup.articles import THRESHOLD, Fingerprint
from thucydides.dedup.events import (
    DATE_WINDOW_DAYS,
    DISTANCE_KM,
    KM_PER_DEGREE,
    combine,
    named,
    report_events,
)
from thucydides.dedup.located import LocatedMention
from thucydides.event import Event
from thucydides.geo.distance import haversine_km

# The widest reach and window any pair is allowed: what the store must look through.
WIDEST_KM = max(DISTANCE_KM.values())
WIDEST_DAYS = max(DATE_WINDOW_DAYS.values())


@dataclass(frozen=True, slots=True)
class Part:
    """One report's event (a single source), with the signature of the report's text."""

    event: Event
    fingerprint: Fingerprint | None = None

    @property
    def part_id(self) -> str:
        return self.event.event_id

    @property
    def article_id(self) -> str:
        return self.event.sources[0].article_id


def copies(a: Part, b: Part) -> bool:
    """Whether the two reports are near-duplicate copies of one text (wire copies, reposts)."""
    if a.fingerprint is None or b.fingerprint is None:
        return False
    return a.fingerprint.similarity(b.fingerprint) >= THRESHOLD


def _dates_fit(a: Event, b: Event) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    window = DATE_WINDOW_DAYS[max(a.time_precision, b.time_precision)]
    return abs((a.event_date - b.event_date).days) <= window


def _places_fit(a: Event, b: Event) -> bool:
    if a.iso3 != b.iso3:
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    reach = DISTANCE_KM[max(a.geo_precision or 3, b.geo_precision or 3)]
    if abs(a.latitude - b.latitude) * KM_PER_DEGREE > reach:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= reach


def _known(a: Event, b: Event) -> bool:
    """Both placed and dated: then `same_event` needs no word on copies."""
    return None not in (a.event_date, b.event_date, a.latitude, b.latitude)


def same_event(a: Event, b: Event, *, copied: bool = False) -> bool:
    """Two reports' events are one real event (ACLED: same type, actors, place and day).

    Only on positive evidence: both dated within their precisions' window and both placed
    within reach in the same country; no two different named perpetrators. A report that
    cannot place or date its event joins another only where the two reports are copies of
    one text (`copied`), and then nothing they do say may disagree.
    """
    if a.event_type != b.event_type:
        return False
    if named(a.actor1) and named(b.actor1) and a.actor1 != b.actor1:
        return False
    dated = a.event_date is not None and b.event_date is not None
    if dated and not _dates_fit(a, b):
        return False
    placed = a.latitude is not None and b.latitude is not None
    if placed and not _places_fit(a, b):
        return False
    return copied or (dated and placed)


def groups(parts: list[Part]) -> list[list[Part]]:
    """The parts joined into events: connected groups under `same_event`, each in part id
    order, the groups in the order of their first part id."""
    ordered = sorted({p.part_id: p for p in parts}.values(), key=lambda p: p.part_id)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = defaultdict(list)
    for i, part in enumerate(ordered):
        by_type[part.event.event_type].append(i)
    for members in by_type.values():
        for x, i in enumerate(members):
            a = ordered[i]
            for j in members[x + 1 :]:
                b = ordered[j]
                if a.article_id == b.article_id or root(i) == root(j):
                    continue
                if same_event(a.event, b.event) or (
                    not _known(a.event, b.event)
                    and copies(a, b)
                    and same_event(a.event, b.event, copied=True)
                ):
                    parent[root(j)] = root(i)
    grouped: dict[int, list[Part]] = defaultdict(list)
    for i, part in enumerate(ordered):
        grouped[root(i)].append(part)
    return sorted(grouped.values(), key=lambda g: g[0].part_id)


def assemble(group: list[Part], event_id: str | None = None) -> Event:
    """The event of a group of parts, folded in part id order; its id is `event_id` if
    given (a stored event's), else its first part's."""
    ordered = sorted(group, key=lambda p: p.part_id)
    event = ordered[0].event
    for part in ordered[1:]:
        event = combine(event, part.event)
    return event if event_id is None else event.model_copy(update={"event_id": event_id})


def report_parts(
    located: list[LocatedMention], fingerprints: Mapping[str, Fingerprint] | None = None
) -> list[Part]:
    """Each report's events as parts, the reports in the order given."""
    by_article: dict[str, list[LocatedMention]] = defaultdict(list)
    for item in located:
        by_article[item.source.article_id].append(item)
    fingerprints = fingerprints or {}
    return [
        Part(event, fingerprints.get(article_id))
        for article_id, items in by_article.items()
        for event in report_events(items)
    ]


def merge_events(
    located: list[LocatedMention], fingerprints: Mapping[str, Fingerprint] | None = None
) -> list[Event]:
    """The events of a batch's mentions: each report's events, joined across reports.
    `fingerprints` (article id -> signature) lets copies of one text join where they
    cannot place or date the event."""
    return [assemble(g) for g in groups(report_parts(located, fingerprints))]
