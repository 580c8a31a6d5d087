"""World notes built for tests: each field ACLED's export has, defaults where a test does not
care."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thucydides.evaluation.acled_world import WorldNote

_BLANK = WorldNote(
    event_id="",
    event_date=date(2020, 1, 1),
    event_type="Battles",
    sub_event_type="Armed clash",
    actor1="",
    inter1=0,
    actor2="",
    country="",
    region="",
    location="",
    latitude=0.0,
    longitude=0.0,
    geo_precision=1,
    fatalities=0,
    notes="",
)


def world_note(i: int, **fields) -> WorldNote:
    return replace(_BLANK, event_id=f"N{i}", **fields)
