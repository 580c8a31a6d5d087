"""Parquet: one row per event, nested sources and evidence as JSON text columns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from thucydides.event import Event


def write_parquet(events: Iterable[Event], path: str | Path) -> int:
    rows = []
    for event in events:
        row = event.model_dump(mode="json")
        row["sources"] = json.dumps(row["sources"], ensure_ascii=False)
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
        rows.append(row)
    table = (
        pa.Table.from_pylist(rows) if rows else pa.table({"event_id": pa.array([], pa.string())})
    )
    pq.write_table(table, path)
    return len(rows)
