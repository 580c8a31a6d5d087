"""Real local news of US shootings, several outlets an incident (../shared/data/events/gva-news).

Each article is read as a report; the events made from all of them are compared with the
incidents they tell: whether one incident's reports became one event (B-cubed over articles),
whether an event joins reports of different incidents, and for each incident whether its
event has the incident's dead, injured, day and town. Most incidents are crimes or accidents,
so an event of a type no shooting is (a protest, a riot, an explosion, taken territory) is
counted as spurious.

The incidents are split by state into a part read while developing and a part held out
(`held_out`), so a fix read from misses can be confirmed on states it was not read on.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from thucydides.evaluation.acled_world import stable_order
from thucydides.evaluation.data import dataset
from thucydides.event import Event
from thucydides.geo import Gazetteer
from thucydides.geo.distance import haversine_km
from thucydides.ingest.article import Article, make_article
from thucydides.pipeline import Pipeline, merged

# Event types and sub-types no shooting or accident is: their events are spurious here.
SPURIOUS_TYPES = frozenset({"Protests", "Riots", "Explosions/Remote violence"})
SPURIOUS_SUB_TYPES = frozenset(
    {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
        "Headquarters or base established",
        "Agreement",
    }
)


# A place this close to the town's point is in the town.
TOWN_KM = 15.0
COUNTY = "County"


@dataclass(frozen=True, slots=True)
class Report:
    article: Article
    incident_id: str


@dataclass(frozen=True, slots=True)
class Incident:
    incident_id: str
    day: date
    city: str
    state: str
    killed: int
    injured: int
    reports: tuple[Report, ...]

    @property
    def towns(self) -> tuple[str, ...]:
        """The names GVA gives the place: "Pittsburgh (Wilkinsburg)" is the postal city and
        the borough it happened in, either right; "Rankin (county)" is Rankin County."""
        city, _, inner = self.city.partition(" (")
        inner = inner.rstrip(")")
        if inner.casefold() == COUNTY.casefold():
            return (f"{city} {COUNTY}",)
        return (city, inner) if inner else (city,)


@dataclass(frozen=True, slots=True)
class GvaScore:
    incidents: int
    articles: int
    events: int
    b3_precision: float
    b3_recall: float
    joined: int  # events whose reports tell different incidents
    spurious: int  # events of a type no incident here is
    with_event: int  # incidents some event was made for
    killed: float  # of incidents, those whose event has the dead exactly
    injured: float
    day: float
    town: float

    @property
    def b3_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def events_per_incident(self) -> float:
        return self.events / self.incidents if self.incidents else 0.0


def held_out(state: str) -> bool:
    """The states never read while developing: a fixed half, by a hash of the name."""
    return stable_order("gva-state:" + state)[0] % 2 == 1


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def read_incidents(limit: int | None = None) -> list[Incident]:
    """The incidents in a fixed order, each with its reports as articles."""
    incidents = []
    with (dataset("events", "gva-news") / "incidents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            reports = tuple(
                Report(
                    make_article(
                        a["text"],
                        f"gva-news:{a['id']}",
                        published=_day(a.get("published_date")),
                        url=a.get("url"),
                        outlet=a.get("source"),
                        title=a.get("title"),
                    ),
                    row["incident_id"],
                )
                for a in row["articles"]
                if a.get("text", "").strip()
            )
            if reports:
                incidents.append(
                    Incident(
                        incident_id=row["incident_id"],
                        day=date.fromisoformat(row["date"]),
                        city=row["city"],
                        state=row["state"],
                        killed=int(row["killed"]),
                        injured=int(row["injured"]),
                        reports=reports,
                    )
                )
    incidents.sort(key=lambda i: stable_order("gva:" + i.incident_id))
    return incidents[:limit] if limit is not None else incidents


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("saint ", "st ").replace(".", "").split())


Points = dict[str, tuple[tuple[float, float], ...]]


def town_points(gazetteer: Gazetteer, incidents: list[Incident]) -> Points:
    """Each incident's towns as the gazetteer places them: for each name, the most populous
    US town of it in the incident's state (not the county of that name: San Diego County's
    point is 40 km from the city's); a county has no town's point."""
    points = {}
    for incident in incidents:
        found = []
        for name in incident.towns:
            if name.endswith(f" {COUNTY}"):
                continue
            towns = [
                c.entry
                for c in gazetteer.candidates(name, fuzzy=False)
                if c.entry.country_code == "US"
                and c.entry.feature not in ("country", "admin1", "admin2")
                and gazetteer.admin1_name("US", c.entry.admin1_code) == incident.state
            ]
            if towns:
                town = max(towns, key=lambda e: e.population)
                found.append((town.latitude, town.longitude))
        if found:
            points[incident.incident_id] = tuple(found)
    return points


def _town_right(event: Event, incident: Incident, points: Points) -> bool:
    """The event's place is the incident's town (`Incident.towns`): by name in the incident's
    state, or within TOWN_KM of a town's point (a neighbourhood of it, "East Flatbush" in
    Brooklyn)."""
    if (
        event.location
        and event.admin1 == incident.state
        and _fold(event.location) in {_fold(name) for name in incident.towns}
    ):
        return True
    return (
        event.latitude is not None
        and event.geo_precision == 1
        and any(
            haversine_km(lat, lon, event.latitude, event.longitude) <= TOWN_KM
            for lat, lon in points.get(incident.incident_id, ())
        )
    )


def _b3(
    article_ids: list[str], incident_of: dict[str, str], events: list[Event]
) -> tuple[float, float]:
    """B-cubed over articles: an article's cluster is the articles it shares an event with
    (itself alone where it gave none), against the articles of its incident."""
    together: dict[str, set[str]] = {a: {a} for a in article_ids}
    for event in events:
        members = [a for a in event.article_ids if a in together]
        for a in members:
            together[a].update(members)
    of_incident: dict[str, set[str]] = defaultdict(set)
    for a in article_ids:
        of_incident[incident_of[a]].add(a)
    precision = recall = 0.0
    for a in article_ids:
        gold = of_incident[incident_of[a]]
        shared = len(together[a] & gold)
        precision += shared / len(together[a])
        recall += shared / len(gold)
    n = len(article_ids) or 1
    return precision / n, recall / n


def score(
    incidents: list[Incident],
    events: Iterable[Event],
    points: Points | None = None,
) -> GvaScore:
    """`points`: each incident's town as `town_points` places it (else towns by name only)."""
    points = points or {}
    incident_of = {r.article.article_id: i.incident_id for i in incidents for r in i.reports}
    events = [e for e in events if any(a in incident_of for a in e.article_ids)]
    precision, recall = _b3(list(incident_of), incident_of, events)
    joined = sum(
        len({incident_of[a] for a in e.article_ids if a in incident_of}) > 1 for e in events
    )
    spurious = sum(
        e.event_type in SPURIOUS_TYPES or e.sub_event_type in SPURIOUS_SUB_TYPES for e in events
    )
    # Each incident's event: the one most of its reports are sources of, then the surest.
    support: dict[str, Counter[int]] = defaultdict(Counter)
    for index, event in enumerate(events):
        for a in event.article_ids:
            if a in incident_of:
                support[incident_of[a]][index] += 1
    right: Counter[str] = Counter()
    for incident in incidents:
        counts = support.get(incident.incident_id)
        if not counts:
            continue
        best = max(counts, key=lambda i: (counts[i], events[i].confidence, -i))
        event = events[best]
        right["event"] += 1
        right["killed"] += event.fatalities == incident.killed
        right["injured"] += event.injured == incident.injured
        right["day"] += event.event_date == incident.day
        right["town"] += _town_right(event, incident, points)
    n = len(incidents) or 1
    return GvaScore(
        incidents=len(incidents),
        articles=len(incident_of),
        events=len(events),
        b3_precision=precision,
        b3_recall=recall,
        joined=joined,
        spurious=spurious,
        with_event=right["event"],
        killed=right["killed"] / n,
        injured=right["injured"] / n,
        day=right["day"] / n,
        town=right["town"] / n,
    )


PARTS = ("read while developing", "held out")


def measure(
    pipeline: Pipeline, progress: Callable[[int], None] | None = None
) -> dict[str, GvaScore]:
    """Every report read once, then each part's reports joined into events and scored, and
    all of them together. `progress` is called with the number of reports done."""
    incidents = read_incidents()
    processed = pipeline.process_all([r.article for i in incidents for r in i.reports], progress)
    by_article = {p.article.article_id: p for p in processed}
    points = town_points(pipeline.gazetteer, incidents)
    scores = {}
    for name, part in (
        (PARTS[0], [i for i in incidents if not held_out(i.state)]),
        (PARTS[1], [i for i in incidents if held_out(i.state)]),
        ("all", incidents),
    ):
        read = [
            by_article[r.article.article_id]
            for i in part
            for r in i.reports
            if r.article.article_id in by_article
        ]
        scores[name] = score(part, merged(read), points)
    return scores
