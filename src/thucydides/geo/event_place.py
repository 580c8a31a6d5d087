"""Where each event happened: the place the parse attaches to it, else the one the story is at."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from thucydides.extract.mention import Mention, TextSpan
from thucydides.geo.distance import destination
from thucydides.geo.gazetteer import Candidate, Gazetteer
from thucydides.geo.names import split_type
from thucydides.geo.place import GazetteerEntry, Place
from thucydides.geo.relative import anchor_of, beside, offsets_in
from thucydides.geo.resolve import Toponym, lies_in, place_of, toponyms_in
from thucydides.nlp.text import text_of

# A point further out than this from the place measured from is no better than the province
# it falls in (ACLED precision 3, not 2).
POINT_KM = 50.0
# The town whose province and country a point takes, if one is this near.
PROVINCE_TOWN_KM = 100.0


@dataclass(frozen=True, slots=True)
class EventPlace:
    place: Place | None
    inherited: bool


def story_place(places: list[Place], text: str | None = None) -> Place | None:
    """The story's own place: the first town it names (or village the gazetteer lacks), else
    its first district, else its first province; with the `text`, never a place that only
    says where another lies (`unqualified`)."""
    if text is not None:
        places = unqualified(places, text)
    for fits in (_town, _district, _province):
        found = next((p for p in places if fits(p)), None)
        if found is not None:
            return found
    return None


def _town(place: Place) -> bool:
    return place.named_precision == 1


def _district(place: Place) -> bool:
    return place.entry.feature == "admin2"


def _province(place: Place) -> bool:
    return place.entry.feature == "admin1"


def named_towns(gazetteer: Gazetteer, places: list[Place]) -> list[Place]:
    """The places as events are placed: a province or district named bare ("In Sylhet, a
    bus was torched") is the town of that very name in it, as ACLED codes it; "Sylhet
    division" and an area standing for a village the gazetteer lacks stay the area.
    (General geoparsing keeps the area: in LGL's local news a bare "New York" is more often
    the state.)"""
    return [_town_named(gazetteer, p) for p in places]


def _town_named(gazetteer: Gazetteer, place: Place) -> Place:
    entry = place.entry
    if (
        entry.feature not in ("admin1", "admin2")
        or split_type(place.text)[1] is not None
        or place.stands_for is not None
    ):
        return place
    towns = [
        c
        for c in gazetteer.candidates(place.text, fuzzy=False)
        if c.match in ("primary", "alias") and c.entry.feature == "city" and lies_in(c.entry, entry)
    ]
    if not towns:
        return place
    town = max(towns, key=lambda c: c.entry.population)
    return place_of(gazetteer, town, Toponym(place.start, place.end, place.text), place.score)


def offset_places(gazetteer: Gazetteer, doc: Doc, places: list[Place]) -> dict[int, Place]:
    """For each place measured from, and each name placed only by the measure (both by where
    the name starts), the place an event told as "X km DIR of it" is at.

    That is the town named beside the phrase where the gazetteer knows it; else the phrase's
    point, under the name given beside it ("Sintgaing, 30 km south of Mandalay", a village
    the gazetteer lacks) or under the phrase itself, in the province and country of the town
    nearest the point.
    """
    found: dict[int, Place] = {}
    text = text_of(doc)
    for offset in offsets_in(text):
        anchor = anchor_of(offset, places, text)
        if anchor is None:
            continue
        named = beside(offset, places, text)
        if named is not None:
            found[anchor.start] = named
            continue
        lat, lon = destination(
            anchor.entry.latitude, anchor.entry.longitude, offset.km, offset.bearing
        )
        town = gazetteer.nearest_town(lat, lon, PROVINCE_TOWN_KM) or anchor.entry
        unknown = beside(offset, toponyms_in(doc.ents), text)
        where = unknown or Toponym(
            offset.start, anchor.end, " ".join(text[offset.start : anchor.end].split())
        )
        point = GazetteerEntry(
            geonameid=0,
            name=where.text,
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            country_code=town.country_code,
            admin1_code=town.admin1_code,
            feature="point" if unknown is not None or offset.km <= POINT_KM else "region",
            population=0,
            admin2=town.admin2,
        )
        found[anchor.start] = found[where.start] = place_of(
            gazetteer, Candidate(point, "primary", None), where, 0.0
        )
    return found


def places_for(
    mentions: list[Mention],
    places: list[Place],
    offsets: dict[int, Place] | None = None,
    text: str | None = None,
) -> list[EventPlace]:
    """One place per mention, in order.

    A clause that names only a district or province the story's own town lies in happened
    at that town. A mention whose clause names no place ("the insurgents seized the
    complex") happened where the story last placed an event, or at the story's own place;
    that is marked as inherited so a user can tell read from inferred. A place the clause
    names only to measure from ("30 km south of Kabul") stands for the place measured
    (`offsets`, by the start of the name measured from). With the `text`, a place written
    after another of the clause's with a comma or in brackets is where that one lies, not
    the event's place (see `clause_place`).
    """
    by_start = {p.start: p for p in places} | (offsets or {})
    focus = story_place(places, text)
    previous: Place | None = None
    result: list[EventPlace] = []
    for mention in mentions:
        own = clause_place(mention.place_spans, by_start, text)
        if own is not None and _within_area(focus, own):
            # "killed by an accidental shooting in Mesa County", filed from Clifton in it.
            own = focus
        if own is not None:
            previous = own
            result.append(EventPlace(own, False))
        else:
            result.append(EventPlace(previous or focus, True))
    return result


def _within_area(town: Place | None, area: Place) -> bool:
    """Whether the story's town lies in the district or province a clause names: the town is
    the finer place of the event the clause places only to the area."""
    return (
        town is not None
        and town.entry.feature == "city"
        and area.entry.feature in ("admin1", "admin2")
        and lies_in(town.entry, area.entry)
    )


def clause_place(
    spans: Sequence[TextSpan], by_start: dict[int, Place], text: str | None = None
) -> Place | None:
    """The most precise place a clause names (`spans`, placed by where each starts); a place
    guessed from inside a longer name ("Hanuman Garhi Temple in Phagwara") only where no
    other is named. With the `text`, not a place that qualifies another of them: "in Poas,
    San Jose" happened in Poas, a district, not in the city of San Jose, however finely the
    gazetteer reads the name of the province Poas lies in."""
    own = [by_start[s.start] for s in spans if s.start in by_start]
    if text is not None:
        own = unqualified(own, text)
    return min(own, key=lambda p: (p.inside_name, p.named_precision, p.start), default=None)


def unqualified(places: list[Place], text: str) -> list[Place]:
    """The places less those written right after another of them with a comma or in
    brackets, which say where that one lies ("Poas, San Jose"), unless they stand for a place
    the gazetteer lacks (`Place.stands_for`: "Dagon Township (Yangon-west District, Yangon
    Region)") and the gazetteer did not place it after all ("Kishm district, Badakhshan");
    all of them if none is left."""
    ends = sorted({p.end for p in places})
    starts = {p.start for p in places}
    kept = []
    for place in places:
        # The end of the place written last before it.
        before = bisect_right(ends, place.start) - 1
        if (
            before < 0
            or (place.stands_for is not None and place.stands_for.name_start not in starts)
            or text[ends[before] : place.start].strip() not in (",", "(")
        ):
            kept.append(place)
    return kept or places
