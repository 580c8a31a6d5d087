"""A country's representative point from its outline: the centre of area of its largest part.

countryinfo's own `latlng` is the CIA Factbook's whole-degree point (the United States at
38 N 97 W, 235 km from the centre of the contiguous states); the centre of area of the main
landmass is what GeoNames and Wikipedia give for most countries. Where that centre falls
outside the outline (a crescent-shaped country), the caller keeps the Factbook point.
"""

from __future__ import annotations

import math
from itertools import pairwise

Ring = list[tuple[float, float]]


def _area_and_centre(ring: Ring) -> tuple[float, float, float] | None:
    """Area and centre of area of a (lon, lat) ring, in Lambert's cylindrical equal-area
    projection (x = longitude, y = sin latitude), where the plane's shoelace formulas hold for
    the sphere: in plain degrees the high-latitude part of a country weighs too much (Russia's
    centre came out at 61.7 N, 193 km north of GeoNames' and the Factbook's 60 N 100 E)."""
    area = cx = cy = 0.0
    projected = [(lon, math.sin(math.radians(lat))) for lon, lat in ring]
    for (x1, y1), (x2, y2) in pairwise([*projected, projected[0]]):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        return None
    area /= 2
    sin_lat = min(1.0, max(-1.0, cy / (6 * area)))
    return abs(area), math.degrees(math.asin(sin_lat)), cx / (6 * area)


def _inside(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in pairwise([*ring, ring[0]]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def outline_centre(geojson: dict) -> tuple[float, float] | None:
    """(lat, lon) of the centre of the largest polygon's outer ring, if it lies inside it."""
    best: tuple[float, float, float, Ring] | None = None
    for feature in geojson.get("features", ()):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            continue
        for polygon in polygons:
            ring = [(float(p[0]), float(p[1])) for p in polygon[0]]
            if len(ring) < 3:
                continue
            found = _area_and_centre(ring)
            if found is not None and (best is None or found[0] > best[0]):
                best = (*found, ring)
    if best is None:
        return None
    _, lat, lon, ring = best
    return (round(lat, 5), round(lon, 5)) if _inside(lon, lat, ring) else None
