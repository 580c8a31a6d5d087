"""geoparse(): toponyms in a text (found by spaCy, or given as spans) resolved to GeoNames."""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.geo.gazetteer import Gazetteer
from thucydides.geo.locative import mark_places
from thucydides.geo.place import Place
from thucydides.geo.resolve import Toponym, context_words, resolve_toponyms, toponyms_in


@dataclass(frozen=True, slots=True)
class ResolvedToponym:
    start: int
    end: int
    text: str
    place: Place | None

    def as_record(self) -> dict:
        """The `thucydides geoparse` output fields (DESIGN.md's command-line contract)."""
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "geonameid": p.entry.geonameid if p else None,
            "name": p.entry.name if p else None,
            "latitude": p.entry.latitude if p else None,
            "longitude": p.entry.longitude if p else None,
            "country": p.country if p else None,
            "admin1": p.admin1 if p else None,
            "feature": p.entry.feature if p else None,
        }


def geoparse(
    gazetteer: Gazetteer,
    text: str,
    spans: list[tuple[int, int]] | None = None,
    nlp=None,
    weights: tuple[float, ...] | None = None,
) -> list[ResolvedToponym]:
    """Resolve the given spans, or, without them, the toponyms spaCy finds (`nlp` needed).

    `weights` replaces the shipped ranker's (cross-validation trains its own).
    """
    if spans is None:
        if nlp is None:
            raise ValueError(
                "without given toponyms, geoparse needs the spaCy pipeline to find them"
            )
        ents = mark_places(nlp(text), gazetteer).ents
        toponyms = toponyms_in(ents)
        context = [e.text for e in ents if e.label_ == "NORP"]
    else:
        toponyms = [Toponym(s, e, text[s:e]) for s, e in spans]
        context = context_words(text)
    places = resolve_toponyms(gazetteer, toponyms, context, weights, text=text)
    return [
        ResolvedToponym(t.start, t.end, text[t.start : t.end], p)
        for t, p in zip(toponyms, places, strict=True)
    ]
