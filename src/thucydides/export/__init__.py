"""export: ACLED CSV, GeoJSON, JSON Lines and Parquet."""

from thucydides.export.acled import ACLED_COLUMNS, write_acled
from thucydides.export.geojson import feature_collection, write_geojson
from thucydides.export.jsonl import event_json, write_jsonl
from thucydides.export.parquet import write_parquet

__all__ = [
    "ACLED_COLUMNS",
    "event_json",
    "feature_collection",
    "write_acled",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
