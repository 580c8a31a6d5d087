"""JSON Lines: one full Event per line, with its sources and evidence.

`export --format jsonl` writes PLOVER's field names where PLOVER has the field (id, date,
event, eventText, source, target, eventLoc, dead, injured) and the Event's own names for
the rest; `extract` writes the Event as it is, as DESIGN.md's contract says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from thucydides.event import Event

_RENAMED = {"event_id", "event_date", "plover_type", "actor1", "actor2", "fatalities", "injured"}


def event_json(event: Event) -> str:
    record = event.model_dump(mode="json")
    record["article_ids"] = event.article_ids
    return json.dumps(record, ensure_ascii=False)


def plover_record(event: Event) -> dict:
    record = event.model_dump(mode="json")
    trigger = event.evidence.get("event_type") or []
    plover = {
        "id": event.event_id,
        "date": record["event_date"],
        "event": event.plover_type,
        "eventText": trigger[0].text if trigger else "",
        "source": [{"actorText": event.actor1}] if event.actor1 else [],
        "target": [{"actorText": event.actor2}] if event.actor2 else [],
        "eventLoc": {
            "name": event.location,
            "country": event.country,
            "lat": event.latitude,
            "lon": event.longitude,
        },
        "dead": event.fatalities,
        "injured": event.injured,
        "language": "en",
    }
    plover.update({k: v for k, v in record.items() if k not in _RENAMED})
    plover["article_ids"] = event.article_ids
    return plover


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count
