"""JSON Lines: one full Event per line, with its sources and evidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from thucydides.event import Event


def event_json(event: Event) -> str:
    record = event.model_dump(mode="json")
    record["article_ids"] = event.article_ids
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    count = 0
    for event in events:
        out.write(event_json(event) + "\n")
        count += 1
    return count
