"""One report's mentions of the same event become one Event; reports of one event are joined.

Within a report, mentions join when nothing says they differ (an unplaced "the shooting" is
the shooting the report placed; "police arrested the gunman" that same day is part of it).
Reports are joined in `dedup/parts.py`, only on positive evidence; `combine` folds one
report's event into another's.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from thucydides.dedup.located import LocatedMention
from thucydides.dedup.people import add_people
from thucydides.event import EVENT_TYPES, PLACE_FIELDS, Event, Evidence, Source
from thucydides.extract.actor_names import event_actor_name
from thucydides.geo.distance import haversine_km
from thucydides.geo.place import Place
from thucydides.when.when import When

# ACLED's order of precedence of sub-event types within a type: the first one present names the event.
SUB_EVENT_ORDER = [
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Violent demonstration",
    "Mob violence",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]
# How ACLED's names for a perpetrator the report does not name begin ("Unidentified Armed
# Group", "Unidentified Gang"): unknown, so no conflict with a report that names one.
UNIDENTIFIED = "Unidentified "
DATE_WINDOW_DAYS = {1: 0, 2: 7, 3: 31}
DISTANCE_KM = {1: 25.0, 2: 50.0, 3: 150.0}
# A lower bound: the great circle of haversine_km gives 111.195 km a degree.
KM_PER_DEGREE = 111.19


def named(actor: str | None) -> str | None:
    """The actor's name if the report names one; None for none or an unidentified group."""
    return None if not actor or actor.startswith(UNIDENTIFIED) else actor


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.entry.latitude, a.entry.longitude, b.entry.latitude, b.entry.longitude)


@dataclass(slots=True)
class _Cluster:
    """An event being built; what the compatibility test reads is kept up to date as members
    join, not recomputed from all of them on every test."""

    members: list[LocatedMention] = field(default_factory=list)
    _actors: set[str] = field(default_factory=set)
    _own_place: Place | None = None
    _inherited_place: Place | None = None
    _dated: When | None = None
    # `_dated` as the compatibility test reads it: the day's ordinal and its precision.
    _day: int | None = None
    _day_precision: int = 0
    # Whether a member is told at another time than the story's ("earlier"): then the
    # cluster is a separate incident of its own type.
    _told_apart: bool = False

    def add(self, item: LocatedMention) -> None:
        self.members.append(item)
        mention = item.mention
        self._told_apart |= mention.date_relative_to_previous
        if (
            mention.actor1 is not None
            and mention.event_type == self.members[0].mention.event_type
            and (name := named(mention.actor1.name))
        ):
            self._actors.add(name)
        place = item.place
        # The first place of the finest precision wins, own places before inherited ones.
        if place is not None and not item.place_inherited and _finer(place, self._own_place):
            self._own_place = place
        if place is not None and _finer(place, self._inherited_place):
            self._inherited_place = place
        if item.when.date is not None and (
            self._dated is None or item.when.precision < self._dated.precision
        ):
            self._dated = item.when
            self._day, self._day_precision = item.when.date.toordinal(), item.when.precision

    def best_place(self) -> tuple[Place | None, bool]:
        if self._own_place is not None:
            return self._own_place, False
        return self._inherited_place, True

    def best_when(self) -> When:
        return self._dated if self._dated is not None else self.members[0].when


def _lent(when: When) -> bool:
    """Whether a mention's day is lent it (the day of the event told before it, of the story,
    of the report) rather than given by its own words."""
    return when.basis != "text"


def _finer(place: Place, than: Place | None) -> bool:
    return than is None or place.named_precision < than.named_precision


class _Probe:
    """What the compatibility test reads of a mention, read once for all the clusters it is
    tested against (the events of its report so far)."""

    __slots__ = ("actor", "apart", "day", "kind", "lent", "place", "precision")

    def __init__(self, item: LocatedMention) -> None:
        mention = item.mention
        self.kind = mention.event_type
        self.apart = mention.date_relative_to_previous
        self.actor = named(mention.actor1.name) if mention.actor1 is not None else None
        self.day = item.when.date.toordinal() if item.when.date is not None else None
        self.precision = item.when.precision
        self.lent = _lent(item.when)
        self.place = item.place

    def fits(self, cluster: _Cluster, *, lent_days: bool = False) -> bool:
        """Whether the mention may join the cluster: no other named actor of its type, dates
        within their precision's window, places within reach; a mention of another type only
        on the same day, neither told at a time apart from the story's (one incident told in
        many sentences: "opened fire", "died at the hospital", "police arrested").

        With `lent_days`, a day lent to the mention (`_lent`) is no evidence of another event
        of the same type: "the victim was shot in the chest" dated by a sentence before it
        that told of something else."""
        same_kind = cluster.members[0].mention.event_type == self.kind
        if not same_kind and (
            self.apart or cluster._told_apart or self.day is None or self.day != cluster._day
        ):
            return False
        # The date first: it is the cheapest test.
        if (
            self.day is not None
            and cluster._day is not None
            and not (lent_days and same_kind and self.lent)
        ):
            window = DATE_WINDOW_DAYS[max(cluster._day_precision, self.precision)]
            if abs(cluster._day - self.day) > window:
                return False
        theirs = cluster._actors
        # Actors of events of different types play different parts (the police arresting
        # the gunman are not the gunman): only within a type do two names say two events.
        if same_kind and self.actor is not None and theirs and self.actor not in theirs:
            return False
        place, _ = cluster.best_place()
        mine = self.place
        if (
            place is not None
            and mine is not None
            and (place.entry.geonameid != mine.entry.geonameid or not place.entry.geonameid)
        ):
            reach = DISTANCE_KM[max(place.geo_precision, mine.geo_precision)]
            # A degree of latitude apart is at least KM_PER_DEGREE away, whatever the longitude.
            if abs(place.entry.latitude - mine.entry.latitude) * KM_PER_DEGREE > reach:
                return False
            if _km(place, mine) > reach:
                return False
        return True


def _per_report(cluster: _Cluster, attribute: str) -> dict[str, tuple[int, Evidence | None]]:
    """Each report's figure: within one report the fullest it gives."""
    per_article: dict[str, tuple[int, Evidence | None]] = {}
    for member in cluster.members:
        count = getattr(member.mention, attribute)
        if count is None:
            continue
        evidence = member.evidence.get(attribute, (None,))[0]
        known = per_article.get(member.source.article_id)
        if known is None or count.value > known[0]:
            per_article[member.source.article_id] = (count.value, evidence)
    return per_article


def _lowest_credible(
    per_article: dict[str, tuple[int, Evidence | None]],
) -> tuple[int, list[Evidence]]:
    """Across reports the lowest figure (ACLED)."""
    if not per_article:
        return 0, []
    value, evidence = min(per_article.values(), key=lambda pair: pair[0])
    return value, [evidence] if evidence is not None else []


def _alive(source: Source, fatalities: int) -> int:
    """A report's injured: the figure it gives, or the people it says were shot less those
    it or the event's other reports say died, whichever is more ("four were shot ... one
    died": 3; "a man was shot" where another report tells that he died: 0)."""
    if source.shot is None:
        return source.injured or 0
    return max(source.injured or 0, source.shot - max(source.fatalities or 0, fatalities))


def _interaction(inter1: int, inter2: int) -> int:
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _event_id(cluster: _Cluster) -> str:
    first = min(cluster.members, key=lambda m: (m.source.article_id, m.mention.trigger.start))
    key = f"{first.source.article_id}:{first.mention.trigger.start}:{first.mention.event_type}"
    return "th" + hashlib.sha256(key.encode()).hexdigest()[:14]


def _notes(event: Event) -> str:
    """One generated sentence, ACLED-style, from the event's own fields."""
    day = event.event_date
    when = f"On {day:%-d %B %Y}, " if day else ""
    against = f" involving {event.actor2}" if event.actor2 else ""
    where = (
        f" in {event.location}, {event.country}"
        if event.location
        else f" in {event.country}"
        if event.country
        else ""
    )
    return (
        f"{when}{event.actor1 or 'Unknown actor'}: {event.sub_event_type.lower()}{against}{where}."
        f" Fatalities reported: {event.fatalities}."
    )


def _renoted(event: Event) -> Event:
    return event.model_copy(update={"notes": _notes(event)})


def _kind(members: list[LocatedMention]) -> str:
    """The type of an incident told in sentences of several types: the one its mentions are
    surest of together (an arrest told after a shooting does not make the shooting an
    arrest); ties go to ACLED's order of precedence."""
    weight: dict[str, float] = defaultdict(float)
    for member in members:
        weight[member.mention.event_type] += member.mention.confidence
    return max(weight, key=lambda kind: (weight[kind], -EVENT_TYPES.index(kind)))


# Fields read from the mentions of the event's type only; the rest from every member.
_TYPED_FIELDS = frozenset(
    {"event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2"}
)


def _build(cluster: _Cluster) -> Event:
    members = cluster.members
    kind = _kind(members)
    typed = [m for m in members if m.mention.event_type == kind]
    first = typed[0].mention
    sub_type = min((m.mention.sub_event_type for m in typed), key=SUB_EVENT_ORDER.index)
    place, _ = cluster.best_place()
    when = cluster.best_when()
    country = place.country if place else ""

    def fill(name: str) -> str:
        return event_actor_name(name, country, when.date)

    actors1 = [m.mention.actor1 for m in typed if m.mention.actor1 is not None]
    # Words that name the actor before a convention's name, a group's name before a kind's.
    actor1 = min(actors1, key=lambda a: (not a.stated, "{country}" in a.name), default=None)
    actor2 = next(
        (
            m.mention.actor2
            for m in typed
            if m.mention.actor2 is not None
            and (actor1 is None or m.mention.actor2.name != actor1.name)
        ),
        None,
    )
    fatal_reports = _per_report(cluster, "fatalities")
    injured_reports = _per_report(cluster, "injured")
    shot_reports = _per_report(cluster, "shot")
    fatalities, fatal_evidence = _lowest_credible(fatal_reports)
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    seen: set[tuple[str, str, int, int, str]] = set()
    for member in members:
        for name, items in member.evidence.items():
            if name in ("fatalities", "injured", "shot") or (
                name in _TYPED_FIELDS and member.mention.event_type != kind
            ):
                continue
            for item in items:
                # Each piece once; the fields are what Evidence's own equality compares.
                key = (name, item.article_id, item.start, item.end, item.text)
                if key not in seen:
                    seen.add(key)
                    evidence[name].append(item)
    if fatal_evidence:
        evidence["fatalities"] = fatal_evidence
    weapons: list[str] = []
    people: list[str] = []
    for member in members:
        weapons.extend(w.name for w in member.mention.weapons if w.name not in weapons)
        people = add_people(people, [" ".join(p.text.split()) for p in member.mention.people])
    sources: dict[str, Source] = {}
    for member in members:
        article_id = member.source.article_id
        if article_id not in sources:
            sources[article_id] = member.source.model_copy(
                update={
                    "fatalities": fatal_reports.get(article_id, (None,))[0],
                    "injured": injured_reports.get(article_id, (None,))[0],
                    "shot": shot_reports.get(article_id, (None,))[0],
                }
            )
    injured = injured_of(list(sources.values()), fatalities)
    told = next((s for s in sources.values() if injured and _alive(s, fatalities) == injured), None)
    if told is not None:
        given = injured_reports.get(told.article_id)
        _, said = given if given and given[0] == injured else shot_reports[told.article_id]
        if said is not None:
            evidence["injured"] = [said]
    inter1 = actor1.inter if actor1 else 0
    inter2 = actor2.inter if actor2 else 0
    actor1_name = fill(actor1.name) if actor1 else ""
    actor2_name = fill(actor2.name) if actor2 else ""
    assoc1 = next((a.associate for a in actors1 if a.associate and a.name == actor1.name), "")
    actors2 = [m.mention.actor2 for m in typed if m.mention.actor2 is not None]
    assoc2 = next(
        (a.associate for a in actors2 if a.associate and actor2 and a.name == actor2.name), ""
    )
    event = Event(
        event_id=_event_id(cluster),
        event_date=when.date,
        time_precision=when.precision,
        disorder_type=first.disorder_type,
        event_type=kind,
        sub_event_type=sub_type,
        cameo_code=next(
            m.mention.cameo_code for m in typed if m.mention.sub_event_type == sub_type
        ),
        plover_type=first.plover_type,
        actor1=actor1_name,
        assoc_actor_1=fill(assoc1),
        inter1=inter1,
        actor2=actor2_name,
        assoc_actor_2=fill(assoc2),
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        civilian_targeting=any(m.mention.civilian_targeting for m in typed),
        country=country,
        iso=place.iso_numeric if place else None,
        iso3=place.iso3 if place else "",
        region=place.region if place else "",
        admin1=place.admin1 if place else "",
        # A place the gazetteer lacks keeps the report's name, at its area's point (as
        # ACLED names the village).
        location=(place.stands_for.name if place.stands_for is not None else place.entry.name)
        if place and place.entry.feature != "country"
        else "",
        latitude=place.entry.latitude if place else None,
        longitude=place.entry.longitude if place else None,
        geo_precision=place.geo_precision if place else None,
        # 0: a computed point; a place the gazetteer lacks is not the area's entry.
        geonameid=(place.entry.geonameid or None) if place and place.stands_for is None else None,
        fatalities=fatalities,
        injured=injured,
        weapons=weapons,
        people=people,
        sources=list(sources.values()),
        source_count=len(sources),
        confidence=max(m.mention.confidence for m in typed),
        evidence=dict(evidence),
    )
    return _renoted(event)


def report_events(located: list[LocatedMention]) -> list[Event]:
    """One report's new-event mentions, in reading order, as its events: each mention joins
    the first event that nothing contradicts (`_Probe.fits`), else the first whose day only
    a lent day contradicts."""
    clusters: list[_Cluster] = []
    # A headline retells the story in a few words, without the sentences around it that the
    # type model reads ("Militants seize Mosul government headquarters" was typed a change
    # of activity): the story's own sentences found its events, the headline joins one.
    for item in sorted(located, key=lambda item: item.mention.headline):
        probe = _Probe(item)
        target = next((c for c in clusters if probe.fits(c)), None) or next(
            (c for c in clusters if probe.fits(c, lent_days=True)), None
        )
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.add(item)
    return [_build(c) for c in clusters]


def _latest_lowest(figures: list[tuple[Source, int]]) -> int:
    """A toll as the reports give it: the latest day's reports that give one, and among them
    the lowest (ACLED's lowest credible figure), since a toll grows as the dead are counted
    ("the death toll rose to 30") while reports of one day may disagree."""
    reported = [(s, value) for s, value in figures if value]
    if not reported:
        return 0
    latest = max((s.published for s, _ in reported if s.published), default=None)
    return min(value for s, value in reported if s.published == latest or not latest)


def _lowest(sources: list[Source], attribute: str) -> int:
    return _latest_lowest([(s, getattr(s, attribute) or 0) for s in sources])


def injured_of(sources: list[Source], fatalities: int) -> int:
    """The event's injured: each report's (`_alive`), read as a toll."""
    return _latest_lowest([(s, _alive(s, fatalities)) for s in sources])


def combine(stored: Event, new: Event) -> Event:
    """The stored event with a new report of it folded in; the stored id is kept.

    The more precise date and place win, of two days as precise the earlier (a later report
    dates its retelling by its own day: the death, the arrest, the hearing); fatalities as
    `_lowest` reads the reports, injured as `injured_of`; every source and its evidence are
    kept.
    """
    sources = {s.article_id: s for s in stored.sources}
    for source in new.sources:
        sources.setdefault(source.article_id, source)
    evidence = {name: list(items) for name, items in stored.evidence.items()}
    for name, items in new.evidence.items():
        known = evidence.setdefault(name, [])
        known.extend(item for item in items if item not in known)
    dated = min((stored, new), key=lambda e: (e.event_date is None, e.time_precision, e.event_date))
    placed = min((stored, new), key=lambda e: (e.geo_precision is None, e.geo_precision or 9))
    # Two reports may tell one shooting as two types (`parts.one_person`): the first stays.
    sub_type = (
        min((stored.sub_event_type, new.sub_event_type), key=SUB_EVENT_ORDER.index)
        if new.event_type == stored.event_type
        else stored.sub_event_type
    )
    merged = list(sources.values())
    fatalities = _lowest(merged, "fatalities")
    # A report that names the perpetrator wins over one that could not.
    acting = (
        new if not stored.actor1 or (named(new.actor1) and not named(stored.actor1)) else stored
    )
    combined = stored.model_copy(
        update={
            "event_date": dated.event_date,
            "time_precision": dated.time_precision,
            "sub_event_type": sub_type,
            "actor1": acting.actor1,
            "inter1": acting.inter1,
            "assoc_actor_1": next(
                (
                    e.assoc_actor_1
                    for e in (acting, stored, new)
                    if e.actor1 == acting.actor1 and e.assoc_actor_1
                ),
                "",
            ),
            "actor2": stored.actor2 or new.actor2,
            "inter2": stored.inter2 or new.inter2,
            "assoc_actor_2": stored.assoc_actor_2 or new.assoc_actor_2,
            **{name: getattr(placed, name) for name in PLACE_FIELDS},
            "fatalities": fatalities,
            "injured": injured_of(merged, fatalities),
            "weapons": stored.weapons + [w for w in new.weapons if w not in stored.weapons],
            "people": add_people(stored.people, new.people),
            "sources": merged,
            "source_count": len(merged),
            "confidence": max(stored.confidence, new.confidence),
            "evidence": evidence,
        }
    )
    return _renoted(combined)
