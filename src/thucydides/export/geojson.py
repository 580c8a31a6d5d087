"""GeoJSON (RFC 7946): a FeatureCollection of Points at [longitude, latitude]."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from thucydides.event import Event

# Bulky nested fields stay out of the map properties; /events/{id} and JSON Lines carry them.
_NESTED = {"evidence", "sources", "latitude", "longitude"}


def feature(record: dict) -> dict:
    """A Feature from an event's JSON form (Event.model_dump(mode="json"))."""
    properties = {k: v for k, v in record.items() if k not in _NESTED}
    properties["article_ids"] = [s["article_id"] for s in record.get("sources", [])]
    geometry = None
    if record.get("latitude") is not None and record.get("longitude") is not None:
        coordinates = [round(record["longitude"], 6), round(record["latitude"], 6)]
        geometry = {"type": "Point", "coordinates": coordinates}
    return {
        "type": "Feature",
        "id": record["event_id"],
        "geometry": geometry,
        "properties": properties,
    }


def feature_collection(records: Iterable[dict]) -> dict:
    return {"type": "FeatureCollection", "features": [feature(r) for r in records]}


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    collection = feature_collection(e.model_dump(mode="json") for e in events)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
