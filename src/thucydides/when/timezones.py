"""The time zone of a place, from the IANA database's own table of zones by country.

A report filed at 22:30 UTC from Kabul is dated the next day there, and "yesterday" in it
means the day the clock in Kabul calls yesterday. tzdata's zone1970.tab names, for each zone,
the countries it covers and the coordinates of its principal city; a place's zone is the
nearest of its country's zones.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from zoneinfo import ZoneInfo

_COORDINATES = re.compile(r"([+-]\d{4,6})([+-]\d{5,7})")


@dataclass(frozen=True, slots=True)
class ZoneRow:
    countries: frozenset[str]
    latitude: float
    longitude: float
    name: str


def _degrees(text: str, degree_digits: int) -> float:
    """ISO 6709 '+3431' / '-0064806' to decimal degrees."""
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    whole = int(digits[:degree_digits])
    minutes = int(digits[degree_digits : degree_digits + 2])
    seconds = int(digits[degree_digits + 2 :] or 0)
    return sign * (whole + minutes / 60 + seconds / 3600)


@cache
def zone_table() -> tuple[ZoneRow, ...]:
    rows = []
    text = files("tzdata").joinpath("zoneinfo", "zone1970.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        codes, coordinates, name, *_ = line.split("\t")
        match = _COORDINATES.fullmatch(coordinates)
        if match is None:
            continue
        rows.append(
            ZoneRow(
                frozenset(codes.split(",")),
                _degrees(match[1], 2),
                _degrees(match[2], 3),
                name,
            )
        )
    return tuple(rows)


def zone_at(latitude: float, longitude: float, country_code: str) -> ZoneInfo | None:
    """The zone of a place: its country's only zone, or the one whose city lies nearest."""
    rows = [r for r in zone_table() if country_code.upper() in r.countries]
    if not rows:
        return None
    scale = math.cos(math.radians(latitude))

    def distance(row: ZoneRow) -> float:
        return (row.latitude - latitude) ** 2 + ((row.longitude - longitude) * scale) ** 2

    return ZoneInfo(min(rows, key=distance).name)


def local_date(instant: datetime, zone: ZoneInfo | None) -> date:
    """The calendar day an aware instant falls on in a zone (in its own offset without one)."""
    return (instant.astimezone(zone) if zone is not None else instant).date()
