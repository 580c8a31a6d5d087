"""Read LGL, TR-News and GeoVirus (the Pragmatic Guide to Geoparsing Evaluation's XML)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from thucydides.evaluation.data import dataset

CORPORA = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    latitude: float
    longitude: float
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node, tag: str) -> float | None:
    child = node.find(tag)
    try:
        return float(child.text) if child is not None and child.text else None
    except ValueError:
        return None


def _toponyms(article) -> list[GoldToponym]:
    found = []
    for node in article.iter("toponym"):
        gaz = node.find("gaztag")
        if gaz is None:
            continue
        lat, lon = _float(gaz, "lat"), _float(gaz, "lon")
        if lat is None or lon is None:
            continue
        geonameid = gaz.get("geonameid")
        found.append(
            GoldToponym(
                int(node.findtext("start")),
                int(node.findtext("end")),
                node.findtext("phrase") or "",
                lat,
                lon,
                int(geonameid) if geonameid and geonameid.isdigit() else None,
            )
        )
    for node in article.iter("location"):
        lat, lon = _float(node, "lat"), _float(node, "lon")
        if lat is None or lon is None:
            continue
        found.append(
            GoldToponym(
                int(node.findtext("start")),
                int(node.findtext("end")),
                node.findtext("name") or "",
                lat,
                lon,
                None,
            )
        )
    return found


def _anchored(text: str, toponym: GoldToponym) -> GoldToponym:
    """GeoVirus offsets are shifted by a character or two: re-anchor the phrase nearby."""
    if not toponym.phrase or text[toponym.start : toponym.end] == toponym.phrase:
        return toponym
    window = text[max(0, toponym.start - 5) : toponym.end + 5]
    at = window.find(toponym.phrase)
    if at < 0:
        return toponym
    start = max(0, toponym.start - 5) + at
    return GoldToponym(
        start,
        start + len(toponym.phrase),
        toponym.phrase,
        toponym.latitude,
        toponym.longitude,
        toponym.geonameid,
    )


def read_corpus(name: str, path: Path | None = None) -> list[GoldArticle]:
    path = path or dataset("geo", CORPORA[name])
    root = ET.parse(path).getroot()
    articles = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        articles.append(GoldArticle(text, tuple(_anchored(text, t) for t in _toponyms(article))))
    return articles
