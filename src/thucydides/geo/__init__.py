"""geo: an offline GeoNames gazetteer, toponym resolution in context, event places."""

from thucydides.geo.gazetteer import Gazetteer, build_gazetteer_index, load_gazetteer
from thucydides.geo.place import GEO_PRECISION, GazetteerEntry, Place
from thucydides.geo.resolve import Toponym, resolve, resolve_toponyms, toponyms_in

__all__ = [
    "GEO_PRECISION",
    "Gazetteer",
    "GazetteerEntry",
    "Place",
    "Toponym",
    "build_gazetteer_index",
    "load_gazetteer",
    "resolve",
    "resolve_toponyms",
    "toponyms_in",
]
