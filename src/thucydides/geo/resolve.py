"""Resolve an article's toponyms to gazetteer entries, each re-ranked by the article's context.

Context is what a reader uses: countries named or implied by demonyms ("the northern Iraqi
city"), provinces named, and the places already resolved unambiguously. The weights are set
by hand for now; they are meant to be learned on LGL and TR-News.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from thucydides.geo.gazetteer import Candidate, Gazetteer
from thucydides.geo.place import Place

TOPONYM_LABELS = {"GPE", "LOC", "FAC"}
COUNTRY_PRIOR = 7.0
PRIMARY_NAME_BONUS = 1.5
FUZZY_PENALTY = 3.0
CONTEXT_COUNTRY_BONUS = 3.0
CONTEXT_ADMIN1_BONUS = 2.0
TYPE_HINT_BONUS = 3.0
# A bare "Baghdad" means the city; the province shares the name but needs saying so.
UNHINTED_ADMIN_PENALTY = 1.0


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class _Context:
    countries: Counter
    admin1s: Counter


def toponyms_in(doc: Doc) -> list[Toponym]:
    return [
        Toponym(e.start_char, e.end_char, _strip_article(e))
        for e in doc.ents
        if e.label_ in TOPONYM_LABELS
    ]


def _strip_article(ent: Span) -> str:
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    return "".join(t.text_with_ws for t in tokens).strip() if tokens else ent.text


def _score(candidate: Candidate, context: _Context) -> float:
    entry = candidate.entry
    score = COUNTRY_PRIOR if entry.feature == "country" else math.log10(entry.population + 10)
    if candidate.match == "primary":
        score += PRIMARY_NAME_BONUS
    elif candidate.match == "fuzzy":
        score -= FUZZY_PENALTY
    if context.countries[entry.country_code]:
        score += CONTEXT_COUNTRY_BONUS
    if context.admin1s[(entry.country_code, entry.admin1_code)] and entry.feature != "country":
        score += CONTEXT_ADMIN1_BONUS
    if candidate.type_hint is not None:
        score += TYPE_HINT_BONUS if candidate.type_hint == entry.feature else -TYPE_HINT_BONUS
    elif entry.feature in ("admin1", "admin2"):
        score -= UNHINTED_ADMIN_PENALTY
    return score


def _place(gazetteer: Gazetteer, candidate: Candidate, toponym: Toponym, score: float) -> Place:
    entry = candidate.entry
    facts = gazetteer.country(entry.country_code)
    return Place(
        entry=entry,
        country=facts.name if facts else entry.country_code,
        iso3=facts.iso3 if facts else "",
        iso_numeric=facts.numeric if facts else None,
        region=facts.region if facts else "",
        admin1=gazetteer.admin1_name(entry.country_code, entry.admin1_code)
        if entry.admin1_code
        else "",
        start=toponym.start,
        end=toponym.end,
        text=toponym.text,
        score=score,
    )


def resolve_toponyms(
    gazetteer: Gazetteer, toponyms: list[Toponym], context_words: list[str] = ()
) -> list[Place | None]:
    """One Place (or None where nothing fits) per toponym, in the same order."""
    candidates = [gazetteer.candidates(t.text) for t in toponyms]
    context = _Context(Counter(), Counter())
    for word in context_words:
        code = gazetteer.demonym_country(word)
        if code:
            context.countries[code] += 1
    for cands in candidates:
        # A first pass without context: unambiguous names and countries anchor the article.
        if len({c.entry.geonameid for c in cands}) == 1 or any(
            c.entry.feature == "country" and c.match == "primary" for c in cands
        ):
            best = max(cands, key=lambda c: _score(c, context))
            context.countries[best.entry.country_code] += 1
            if best.entry.feature in ("admin1", "city"):
                context.admin1s[(best.entry.country_code, best.entry.admin1_code)] += 1
    places: list[Place | None] = []
    for toponym, cands in zip(toponyms, candidates, strict=True):
        if not cands:
            places.append(None)
            continue
        scored = max(((c, _score(c, context)) for c in cands), key=lambda pair: pair[1])
        places.append(_place(gazetteer, scored[0], toponym, scored[1]))
    return places


def resolve(gazetteer: Gazetteer, doc: Doc) -> list[Place]:
    """Every toponym spaCy finds in the document that the gazetteer can place."""
    toponyms = toponyms_in(doc)
    context_words = [e.text for e in doc.ents if e.label_ == "NORP"]
    return [p for p in resolve_toponyms(gazetteer, toponyms, context_words) if p is not None]
