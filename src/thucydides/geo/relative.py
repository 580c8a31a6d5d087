"""Places given by distance and direction from another: "360 kilometres northwest of Baghdad".

The phrase gives a point: the anchor's coordinates moved that far along that bearing. A town
named beside the phrase ("Tal Afar, 50 km west of Mosul") is resolved to its namesake near
the point; an event told only by the phrase ("a bomb went off 30 km south of Kabul") is at
the point itself, as precise as the report's round figures allow.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

from thucydides.geo.distance import destination
from thucydides.geo.place import Place
from thucydides.nlp.text import lowered
from thucydides.numbers import WORD_NUMBERS


class Located(Protocol):
    """A name in the text: a toponym, or a place resolved from one."""

    start: int
    end: int
    text: str


MILE_KM = 1.609344
# Compass words give the bearing to within a point (22.5 degrees either way) and distances
# are rounded and often by road: a namesake this far from the point (as a share of the
# distance, or a floor) is still the town meant.
SNAP_SHARE = 0.5
SNAP_FLOOR_KM = 30.0
# How far after "of" the anchor's name may start ("of the northern provincial capital, ").
ANCHOR_REACH = 45
BESIDE_REACH = 40
_WORDS = "|".join(w for w in WORD_NUMBERS if len(w) > 2)
_OFFSET_PATTERN = rf"""\b(?P<number>\d{{1,5}}(?:[.,]\d+)?|{_WORDS})
        \s*-?\s*(?P<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)\b
        (?:\s*\([^()]{{1,40}}\))?
        \s+(?:to\s+the\s+)?
        (?P<direction>(?:north|south|east|west)(?:[- ]?(?:north|south|east|west)){{0,2}})(?:ward)?
        \s+of\s+"""
# Run on the lowercased text where that finds the same (`lowered`), case-insensitively else.
_OFFSET = re.compile(_OFFSET_PATTERN, re.VERBOSE)
_OFFSET_CASELESS = re.compile(_OFFSET_PATTERN, re.IGNORECASE | re.VERBOSE)
_BEARING = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
# Between a town's name and the phrase placing it: "Tal Afar, about 50 km", "Tal Afar (50 km".
_BESIDE = re.compile(
    r"\s*(?:,|\(|\bis\b|\blies\b|\blocated\b|\bsituated\b|\bwhich\b|\babout\b|\bsome\b"
    r"|\baround\b|\bnearly\b|\broughly\b|\balmost\b|\bapproximately\b|\bjust\b|\bonly\b|\s)*\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Offset:
    """'360 kilometres northwest of ': where it is written, the distance and the bearing."""

    start: int
    end: int
    km: float
    bearing: float


def bearing_of(direction: str) -> float:
    """Degrees clockwise from north: 'northwest' 315, 'north-northeast' 22.5."""
    words = re.findall(r"north|south|east|west", direction.lower())
    if len(words) == 3:  # north-north-east: halfway between north and north-east
        return _mean_bearing([bearing_of(words[0]), bearing_of("".join(words[1:]))])
    return _mean_bearing([_BEARING[w] for w in words])


def _mean_bearing(bearings: list[float]) -> float:
    x = sum(math.sin(math.radians(b)) for b in bearings)
    y = sum(math.cos(math.radians(b)) for b in bearings)
    return round(math.degrees(math.atan2(x, y)), 6) % 360.0


def offsets_in(text: str) -> list[Offset]:
    found = []
    folded = lowered(text)
    pattern, searched = (_OFFSET_CASELESS, text) if folded is None else (_OFFSET, folded)
    for match in pattern.finditer(searched):
        number = match.group("number").lower().replace(",", ".")
        try:
            value = float(WORD_NUMBERS[number]) if number in WORD_NUMBERS else float(number)
        except ValueError:  # a look-alike letter that only matches case-insensitively: "ſix"
            continue
        if value <= 0:
            continue
        km = value * (MILE_KM if match.group("unit").lower().startswith("mi") else 1.0)
        found.append(Offset(match.start(), match.end(), km, bearing_of(match.group("direction"))))
    return found


def anchor_of(offset: Offset, places: list[Place | None], text: str) -> Place | None:
    """The resolved place the offset is measured from: the first named soon after 'of'."""
    after = [
        p
        for p in places
        if p is not None
        and offset.end <= p.start <= offset.end + ANCHOR_REACH
        and not re.search(r"[.;]", text[offset.end : p.start])
    ]
    return min(after, key=lambda p: p.start, default=None)


def snap_points(
    text: str, toponyms: list[Located], places: list[Place | None]
) -> list[tuple[int, float, float, float]]:
    """(toponym index, latitude, longitude, reach in km) for each town named beside an offset
    phrase whose anchor is resolved: the town meant is its namesake within reach of that point."""
    found = []
    for offset in offsets_in(text):
        anchor = anchor_of(offset, places, text)
        named = beside(offset, toponyms, text)
        if anchor is not None and named is not None:
            lat, lon = destination(
                anchor.entry.latitude, anchor.entry.longitude, offset.km, offset.bearing
            )
            reach = max(SNAP_FLOOR_KM, SNAP_SHARE * offset.km)
            found.append((toponyms.index(named), lat, lon, reach))
    return found


def beside(offset: Offset, places: list[Located], text: str) -> Located | None:
    """The place named just before the phrase, which the phrase places ('Tal Afar, 50 km')."""
    return next((p for p in places if _beside_text(text, p.end, offset)), None)


def _beside_text(text: str, end: int, offset: Offset) -> bool:
    """Whether a name ending at `end` is the one the offset places."""
    return 0 <= offset.start - end <= BESIDE_REACH and bool(_BESIDE.match(text[end : offset.start]))
