"""GeoJSON (RFC 7946): a FeatureCollection of Points at [longitude, latitude]."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from thucydides.event import Event

# Bulky nested fields stay out of the map properties; /events/{id} and JSON Lines carry them.
_NESTED = {"evidence", "sources", "latitude", "longitude"}


def feature(event: Event) -> dict:
    properties = event.model_dump(mode="json", exclude=_NESTED)
    properties["article_ids"] = event.article_ids
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(event.longitude, 6), round(event.latitude, 6)],
        }
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties}


def feature_collection(events: Iterable[Event]) -> dict:
    return {"type": "FeatureCollection", "features": [feature(e) for e in events]}


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    collection = feature_collection(events)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
