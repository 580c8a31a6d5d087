"""A resolved place: a gazetteer entry, how precisely it locates an event, and the text it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from thucydides.geo.stand_ins import StandIn

# "point" and "region": where a report puts an event by distance and direction from a named
# place ("30 km south of Kabul"), near enough to stand for a part of a district, or too far.
# "water": an ocean, sea, gulf, bay or strait.
Feature = Literal["city", "admin1", "admin2", "country", "continent", "point", "region", "water"]
# ACLED geo_precision by the kind of place named: 1 a town, 2 a district, 3 a province or wider.
GEO_PRECISION: dict[str, int] = {
    "city": 1, "admin2": 2, "point": 2, "admin1": 3, "region": 3, "country": 3, "continent": 3,
    "water": 3,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    admin1_code: str
    feature: Feature
    population: int
    admin2: str = ""
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    entry: GazetteerEntry
    country: str
    iso3: str
    iso_numeric: int | None
    region: str
    admin1: str
    start: int
    end: int
    text: str
    score: float
    # Named inside a longer name the gazetteer lacks ("Hanuman Garhi Temple"): a guess.
    inside_name: bool = False
    # A place the gazetteer lacks that this place stands for ("Menda Nkwe" for Mezam,
    # "Mukaiga" for the town Afgooye): the event is in or near it.
    stands_for: StandIn | None = None

    @property
    def geo_precision(self) -> int:
        # In or near a town, not the town itself: ACLED's precision 2 at the finest; a part
        # of the town is in it.
        own = GEO_PRECISION[self.entry.feature]
        return own if self.stands_for is None or self.stands_for.in_town else max(own, 2)

    @property
    def named_precision(self) -> int:
        """How finely the text names the place: a village the gazetteer lacks is named as
        finely as a town, whatever area's point stands for it."""
        return GEO_PRECISION["city"] if self.stands_for is not None else self.geo_precision
