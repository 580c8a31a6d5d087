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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from thucydides.dedup.articles import Fingerprint
from thucydides.dedup.events import (
    DATE_WINDOW_DAYS,
    DISTANCE_KM,
    KM_PER_DEGREE,
    combine,
    named,
    report_events,
)
from thucydides.dedup.located import LocatedMention
from thucydides.dedup.pair_model import (
    CANDIDATE_DAYS,
    CANDIDATE_KM,
    load_pair_model,
    pair_features,
)
from thucydides.dedup.people import people_keys
from thucydides.event import Event
from thucydides.extract.actor_names import undated
from thucydides.geo.distance import haversine_km

# The widest reach and window any pair is allowed: what the store must look through.
WIDEST_KM = max(DISTANCE_KM.values())
WIDEST_DAYS = max(DATE_WINDOW_DAYS.values())
# The share of word runs two reports' texts have in common for them to be copies of one
# text, which join where their event is not both placed and dated. Half makes a copy of an
# article (`dedup.articles`), but the notes of different events written from one template
# ("... observed a total of 3 explosions near X") share 0.5 to 0.8 of their runs (8 pairs
# in the 2022 fortnight of `thucydides eval dedup`'s world sample), and each retelling of one
# note there 0.8 or more.
COPY_SHARE = 0.8
# Events that harm people, which a person named in both joins (`one_person`).
HARM_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Types two reports of one shooting give it as they tell it: a man shot dead by police who
# "exchanged gunfire" with them (an armed clash) or who was "shot" by them (an attack).
TOLD_EITHER_WAY = frozenset({"Battles", "Violence against civilians"})


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


def shared_text(a: Part, b: Part) -> float | None:
    """The estimated share of word runs the two reports have in common (None where a
    report's signature is unknown)."""
    if a.fingerprint is None or b.fingerprint is None:
        return None
    return a.fingerprint.similarity(b.fingerprint)


def _dates_fit(a: Event, b: Event, wide: bool) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    window = DATE_WINDOW_DAYS[max(a.time_precision, b.time_precision)]
    if wide:
        window = max(window, CANDIDATE_DAYS)
    return abs((a.event_date - b.event_date).days) <= window


def _places_fit(a: Event, b: Event, wide: bool) -> bool:
    if a.iso3 != b.iso3:
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if _part_of(a, b) or _part_of(b, a):
        return True
    if (a.geonameid is None or b.geonameid is None) and a.location != b.location:
        # A place no GeoNames entry is (a village the gazetteer lacks, placed at the area it
        # lies in; a point measured from a town) and a place of another name.
        return False
    if max(a.geo_precision or 3, b.geo_precision or 3) == 3 and a.location != b.location:
        # One placed only to its province or country (a village the gazetteer lacks among
        # them), the other named elsewhere: nothing says they are one place.
        return False
    reach = DISTANCE_KM[max(a.geo_precision or 3, b.geo_precision or 3)]
    if wide:
        reach = max(reach, CANDIDATE_KM)
    if abs(a.latitude - b.latitude) * KM_PER_DEGREE > reach:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= reach


def _part_of(part: Event, town: Event) -> bool:
    """A part of a town the gazetteer lacks, placed at the town to ACLED's precision 1 ("the
    Englewood neighborhood"), and that town: one place; two such parts are two."""
    return (
        part.geonameid is None
        and part.geo_precision == 1
        and town.geonameid is not None
        and town.geo_precision == 1
        and (part.latitude, part.longitude) == (town.latitude, town.longitude)
    )


def _associates_differ(a: str, b: str) -> bool:
    """Both name the groups behind the actor and none is the same: other crowds, another
    event (ACLED: one event per same actors)."""
    return bool(a and b) and not {n.strip() for n in a.split(";")} & {
        n.strip() for n in b.split(";")
    }


def _located(a: Event, b: Event) -> bool:
    """Both placed, one of them finer than a province or a country (where many events of a
    day happen: no evidence of one)."""
    return (
        a.latitude is not None
        and b.latitude is not None
        and min(a.geo_precision or 3, b.geo_precision or 3) < 3
    )


def one_person(a: Event, b: Event) -> bool:
    """Both `_located` events of one type that harms people (or of the types a shooting is
    told as, `TOLD_EITHER_WAY`), naming the same person, one of them telling of a death: a
    person is killed once, so a report of the hearing weeks later, dated by the hearing, is a
    report of the killing ("convicted Wednesday of killing Nicholas Lindsay")."""
    return (
        bool(a.people and b.people)
        and (a.fatalities > 0 or b.fatalities > 0)
        and (a.event_type == b.event_type or {a.event_type, b.event_type} <= TOLD_EITHER_WAY)
        and a.event_type in HARM_TYPES
        and _located(a, b)
        and not people_keys(a).isdisjoint(people_keys(b))
    )


def weighed(a: Event, b: Event) -> bool:
    """Both dated and `_located`: then the pair model weighs them."""
    return a.event_date is not None and b.event_date is not None and _located(a, b)


def compatible(a: Event, b: Event) -> bool:
    """Nothing tells the two apart: same type (or one person named in both, `one_person`),
    no two different named perpetrators nor crowds behind them, dates and places as near as
    the pair model weighs (where both are known), or within their precisions (where one is
    not); any dates for `one_person`."""
    if a.event_type != b.event_type and not one_person(a, b):
        return False
    # Two reports a government apart still name one force ("... (2013-2022)", "(2022-)").
    if named(a.actor1) and named(b.actor1) and undated(a.actor1) != undated(b.actor1):
        return False
    if _associates_differ(a.assoc_actor_1, b.assoc_actor_1):
        return False
    wide = weighed(a, b)
    if (
        a.event_date is not None
        and b.event_date is not None
        and not _dates_fit(a, b, wide)
        and not one_person(a, b)
    ):
        return False
    return a.latitude is None or b.latitude is None or _places_fit(a, b, wide)


def within_precisions(a: Event, b: Event) -> bool:
    """Dates and places within what their precisions allow (the rule before the pair
    model: the same day at day precision, 25 km at town precision)."""
    return _dates_fit(a, b, wide=False) and _places_fit(a, b, wide=False)


def _decided(a: Event, b: Event, shared: float | None) -> bool:
    if one_person(a, b):
        return True
    if weighed(a, b):
        return load_pair_model().same(pair_features(a, b, shared))
    return shared is not None and shared >= COPY_SHARE


def same_event(a: Event, b: Event, shared: float | None = None) -> bool:
    """Two reports' events are one real event (ACLED: same type, actors, place and day).

    Only on positive evidence: nothing tells them apart (`compatible`), and they name the
    same person shot or shooting (`one_person`) or, both dated and placed finer than a
    province, the pair model finds them one event (`pair_model`);
    a report that cannot place or date its event so joins another only where the two
    reports are copies of one text (`shared`, the share of word runs in common, at least
    COPY_SHARE).
    """
    return compatible(a, b) and _decided(a, b, shared)


def candidate_pairs(parts: list[Part]) -> Iterator[tuple[int, int]]:
    """The pairs of parts (indices into `parts`) worth weighing: of one type and of different
    reports; dated ones only within the widest date window, undated ones with all, and those
    naming one person (`one_person`) whatever their dates."""
    by_type: dict[str, list[int]] = defaultdict(list)
    by_person: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, part in enumerate(parts):
        by_type[part.event.event_type].append(i)
        if part.event.event_type in HARM_TYPES:
            told = part.event.event_type
            kind = "either" if told in TOLD_EITHER_WAY else told
            for key in people_keys(part.event):
                by_person[kind, key].append(i)
    found: dict[tuple[int, int], None] = {}
    for members in by_type.values():
        day = {i: parts[i].event.event_date for i in members}
        dated = sorted((i for i in members if day[i] is not None), key=lambda i: (day[i], i))
        undated = [i for i in members if day[i] is None]
        for x, i in enumerate(dated):
            for j in dated[x + 1 :]:
                if (day[j] - day[i]).days > WIDEST_DAYS:
                    break
                found[i, j] = None
        found.update(
            ((i, j), None) for x, i in enumerate(undated) for j in dated + undated[x + 1 :]
        )
    for members in by_person.values():
        found.update(((i, j), None) for x, i in enumerate(members) for j in members[x + 1 :])
    yield from ((i, j) for i, j in found if parts[i].article_id != parts[j].article_id)


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

    for i, j in candidate_pairs(ordered):
        a, b = ordered[i], ordered[j]
        if root(i) == root(j):
            continue
        # The cheap tests before the texts are compared.
        if compatible(a.event, b.event) and _decided(a.event, b.event, shared_text(a, b)):
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
