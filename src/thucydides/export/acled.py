"""ACLED CSV: ACLED's 31 columns, in ACLED's order, with ACLED's names."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO

from thucydides.event import Event

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def acled_row(event: Event, timestamp: int) -> dict[str, object]:
    outlets = sorted({s.outlet or s.url or s.article_id for s in event.sources})
    return {
        "event_id_cnty": f"{event.iso3 or 'XXX'}{event.event_id[2:]}",
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.event_date.year if event.event_date else "",
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1 or "",
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2 or "",
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": event.iso if event.iso is not None else "",
        "region": event.region,
        "country": event.country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": "",
        "location": event.location,
        "latitude": event.latitude if event.latitude is not None else "",
        "longitude": event.longitude if event.longitude is not None else "",
        "geo_precision": event.geo_precision or "",
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "; ".join(event.weapons),
        "timestamp": timestamp,
    }


def write_acled(events: Iterable[Event], out: TextIO) -> int:
    timestamp = int(datetime.now(UTC).timestamp())
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event, timestamp))
        count += 1
    return count
