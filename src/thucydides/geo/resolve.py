"""Resolve an article's toponyms to gazetteer entries, each re-ranked by the article's context.

Two passes, as a reader does it: first each name alone (population, exact or fuzzy match,
type words such as "province"); then each candidate again, in the light of the places the
other names most likely are: the same country or province, how close, demonyms ("Iraqi").
The second pass is a linear ranker whose weights are learned on LGL and TR-News by
`thucydides.training.geo_ranker` and shipped in `geo/data/ranker.json`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from itertools import pairwise

import numpy as np
from spacy.tokens import Doc, Span

from thucydides.geo.distance import great_circle_km, haversine_km
from thucydides.geo.gazetteer import Candidate, Gazetteer
from thucydides.geo.names import US_POSTAL_CODES, normalise
from thucydides.geo.place import GazetteerEntry, Place
from thucydides.geo.relative import snap_points
from thucydides.geo.stand_ins import StandIn, stood_for
from thucydides.nlp.text import text_of
from thucydides.when.dateline import read_dateline

TOPONYM_LABELS = {"GPE", "LOC", "FAC"}
FEATURES = (
    "log_population",
    "population_rank",
    "primary_name",
    "fuzzy",
    "is_country",
    "is_admin1",
    "is_admin2",
    "is_continent",
    "type_hint_match",
    "type_hint_mismatch",
    "country_support",
    "admin1_support",
    "demonym_country",
    "proximity",
    "country_named",
    "country_votes",
    "admin1_votes",
    "demonym_match",
    "capital",
    "qualified",
    "county_named",
    "neighbour_names",
)
MAX_KM = 20039.0
GUESSES = ("fuzzy", "part")
# Chosen by cross-validation on LGL and TR-News among 25, 50 and 100 km (share of the names
# within) and 100 and 200 km (this closeness): all within 0.003 of each other.
NEIGHBOUR_KM = 200.0
# Rounds of re-reading: the later ones let corrected choices inform each other.
CONTEXT_ROUNDS = 3
# News names a country's capital or a big city before its namesake state or county
# ("Washington" is D.C., "New York" the city) unless the text says it means the area.
BIG_CITY = 1_000_000
_AREA_AFTER = re.compile(
    r"^(?:['’]s)?[\s-]{0,2}(?:state|province|county|governorate|oblast|governor|gov\."
    r"|border|legislature|attorney general)(?![a-z])",
    re.IGNORECASE,
)
_AREA_BEFORE = re.compile(r"\b(upstate|state of|province of|county of)\s*$", re.IGNORECASE)
# A place the article names this far from the city, inside the area, shows the area is meant.
AREA_KM = 50.0
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
# "the Mechanicsville neighborhood": a part of a town, whichever it is of.
_PART_AFTER = re.compile(r"\s+(?:neighbou?rhood|section)\b", re.IGNORECASE)
# "the Bushwick neighborhood of Brooklyn", "the Karrada district of Baghdad": a part of a town.
_PART_OF = re.compile(
    r"\s+(?:neighbou?rhood|section|suburb|quarter|district)\s+(?:of|in)\s+", re.IGNORECASE
)
# A part of a town lies this near the town's point.
NEIGHBOURHOOD_KM = 30.0
# A town smaller than this, named once and far from all the article's other places in other
# provinces, is no place (`_lone_small_town`).
LONE_TOWN_POPULATION = 20_000
LONE_TOWN_KM = 300.0
# A place the text names beside a town, and which lies no further from it than this, may be
# a part of it or a village near it.
NEAR_TOWN_KM = 50.0
# US news writes a town of another state than its dateline's with the state ("Lumberton,
# N.C."), all but cities known on their own (AP style): a town smaller than this of another
# state named bare is a namesake of a part of the dateline's town ("Liberty City" in a
# "MIAMI" story is Miami's neighbourhood, not Liberty City, Texas).
# Chosen on gva-news' read states between 100,000 and 500,000 (0.7248 and 0.7234 of towns).
STANDALONE_CITY = 100_000


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str


def toponyms_in(ents: tuple[Span, ...]) -> list[Toponym]:
    """The place names among a document's entities (spaCy builds `doc.ents` anew on each
    read: callers read it once)."""
    return [
        Toponym(e.start_char, e.end_char, _strip_article(e))
        for e in ents
        if e.label_ in TOPONYM_LABELS
    ]


def _strip_article(ent: Span) -> str:
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    return "".join(t.text_with_ws for t in tokens).strip() if tokens else ent.text


def distinct_names(texts: list[str]) -> tuple[list[str], list[int]]:
    """Each name once, and which of them each text is.

    A name said twice is one place told twice: it is resolved once, and it is one voice, not
    many, in the context of the others (twelve "Dublin"s must not vote Dublin into Ireland).
    """
    names: list[str] = []
    index: dict[str, int] = {}
    which = []
    for text in texts:
        key = _key(text)
        if key not in index:
            index[key] = len(names)
            names.append(text)
        which.append(index[key])
    return names, which


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def context_words(text: str) -> list[str]:
    """Capitalised words, where demonyms ("Iraqi") hide, for text without a parse."""
    return _CAPITALISED.findall(text)


def demonym_countries(gazetteer: Gazetteer, words: list[str]) -> set[str]:
    """The countries the words name by their people ("Iraqi" -> IQ)."""
    return {code for w in set(words) if (code := gazetteer.demonym_country(w))}


@cache
def default_weights() -> tuple[float, ...]:
    data = json.loads(resources.files("thucydides.geo").joinpath("data", "ranker.json").read_text())
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError("geo/data/ranker.json was trained on other features; retrain it")
    return tuple(data["weights"])


def _prior(candidate: Candidate) -> float:
    """First pass: the name alone."""
    score = math.log10(candidate.entry.population + 10)
    if candidate.match == "primary":
        score += 1.5
    elif candidate.match == "fuzzy":
        score -= 3.0
    if candidate.type_hint is not None:
        score += 3.0 if candidate.type_hint == candidate.entry.feature else -3.0
    elif candidate.entry.feature in ("admin1", "admin2"):
        score -= 1.0
    return score


def _votes(candidates: list[list[Candidate]]) -> tuple[list[dict], list[dict]]:
    """Each toponym's soft vote for countries and provinces: its candidates share one vote."""
    countries, admin1s = [], []
    for cands in candidates:
        codes = {c.entry.country_code for c in cands}
        areas = {(c.entry.country_code, c.entry.admin1_code) for c in cands if c.entry.admin1_code}
        countries.append({code: 1.0 / len(codes) for code in codes})
        admin1s.append({area: 1.0 / len(areas) for area in areas})
    return countries, admin1s


def qualifiers(text: str, toponyms: list[Toponym], which: list[int]) -> list[set[int]]:
    """For each name, the names written right after it with a comma or in brackets ("Paris,
    Texas", "Betanzos (Potosi)"); a name written after itself qualifies itself: "in San Jose,
    San Jose" and "(Leon, Leon)" name a town in a province of its name (San José, Costa
    Rica; León, Nicaragua), not a namesake elsewhere."""
    found: list[set[int]] = [set() for _ in range(max(which, default=-1) + 1)]
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    for a, b in pairwise(order):
        between = text[toponyms[a].end : toponyms[b].start].strip()
        if between in (",", "("):
            found[which[a]].add(which[b])
    return found


def neighbourhoods(text: str, toponyms: list[Toponym], which: list[int]) -> list[set[int]]:
    """For each name, the names of the towns the text says it is a part of ("the Mount Hope
    neighborhood of San Diego", "the Karrada district of Baghdad")."""
    found: list[set[int]] = [set() for _ in range(max(which, default=-1) + 1)]
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].start)
    for a, b in pairwise(order):
        between = text[toponyms[a].end : toponyms[b].start]
        if _PART_OF.fullmatch(between) and which[a] != which[b]:
            found[which[a]].add(which[b])
    return found


def _within(entry: GazetteerEntry, area: GazetteerEntry) -> bool:
    if area.feature == "country":
        return entry.feature != "country" and entry.country_code == area.country_code
    return (
        area.feature == "admin1"
        and entry.feature in ("city", "admin2")
        and (entry.country_code, entry.admin1_code) == (area.country_code, area.admin1_code)
    )


def lies_in(town: GazetteerEntry, area: GazetteerEntry) -> bool:
    """Whether a town lies in a province or district."""
    if area.feature == "admin2":
        return _district_of(town) == _district_of(area)
    return _within(town, area)


def _district_of(entry: GazetteerEntry) -> tuple[str, str, str]:
    """The district an entry is or lies in, as (country, province, normalised name)."""
    name = entry.name if entry.feature == "admin2" else entry.admin2
    return entry.country_code, entry.admin1_code, normalise(name) if name else ""


def _districts(cands: list[Candidate]) -> set[tuple[str, str, str]]:
    """The districts one toponym's town candidates lie in."""
    return {
        _district_of(c.entry)
        for c in cands
        if c.match != "fuzzy" and c.entry.feature == "city" and c.entry.admin2
    }


def _named_districts(name: str, cands: list[Candidate]) -> set[tuple[str, str, str]]:
    """The districts a name may be, read as the district itself ("Butler" for Butler County)
    in each province where it has a candidate."""
    key = normalise(name)
    return {
        (c.entry.country_code, c.entry.admin1_code, district)
        for c in cands
        if c.match != "fuzzy"
        for district in (key, f"{key} county")
    }


@dataclass(frozen=True, slots=True)
class ArticleNames:
    """One article's place names as the ranker reads them."""

    names: list[str]  # each distinct name once
    which: list[int]  # for each toponym, the index of its name
    candidates: list[list[Candidate]]  # for each name
    demonyms: set[str]  # the countries whose peoples the article names
    qualified_by: list[set[int]] | None  # for each name, those written after it ("Paris, Texas")
    neighbours: list[list[float]]  # for each candidate of each name, see _neighbour_names
    part_of: list[set[int]] | None = None  # for each name, the towns it is a part of


def read_names(
    gazetteer: Gazetteer, toponyms: list[Toponym], context_words: list[str], text: str | None
) -> ArticleNames:
    names, which = distinct_names([t.text for t in toponyms])
    qualified_by = qualifiers(text, toponyms, which) if text else None
    qualifying = {j for found in qualified_by or () for j in found}
    candidates = [
        gazetteer.us_state(name)
        if i in qualifying and name in US_POSTAL_CODES
        else gazetteer.candidates(name)
        for i, name in enumerate(names)
    ]
    return ArticleNames(
        names=names,
        which=which,
        candidates=candidates,
        demonyms=demonym_countries(gazetteer, context_words),
        qualified_by=qualified_by,
        part_of=neighbourhoods(text, toponyms, which) if text else None,
        neighbours=_neighbour_names(candidates, sum(bool(cands) for cands in candidates) - 1),
    )


def candidate_features(
    article: ArticleNames, chosen: list[GazetteerEntry | None] | None = None
) -> list[list[tuple[float, ...]]]:
    """Feature vectors (in FEATURES order) for every candidate of every name of one article.

    `chosen` are the other names' current best guesses; without them, the name-alone prior.
    """
    names, candidates = article.names, article.candidates
    peoples, qualified_by = article.demonyms, article.qualified_by
    priors = chosen or [max(cands, key=_prior).entry if cands else None for cands in candidates]
    country_votes, admin1_votes = _votes(candidates)
    # A town and its county named in one article stand by each other ("Paris" and "Henry
    # County"); two towns of one county do not (a common name has a namesake in every state).
    counties = [_named_districts(n, cands) for n, cands in zip(names, candidates, strict=True)]
    towns = [_districts(cands) for cands in candidates]
    # Each feature reads "the other names": the whole article's tally less the name's own.
    country_total, admin1_total = Counter(), Counter()
    for votes in country_votes:
        country_total.update(votes)
    for votes in admin1_votes:
        admin1_total.update(votes)
    neighbours = article.neighbours
    county_count = Counter(d for found in counties for d in found)
    town_count = Counter(d for found in towns for d in found)
    placed = [p for p in priors if p is not None]
    prior_countries = Counter(p.country_code for p in placed)
    prior_areas = Counter((p.country_code, p.admin1_code) for p in placed if p.admin1_code)
    named = sum(bool(cands) for cands in candidates)
    names_countries = {
        c.entry.country_code
        for cands in candidates
        for c in cands
        if c.entry.feature == "country" and c.match != "fuzzy"
    }
    result = []
    for i, cands in enumerate(candidates):
        own = priors[i]
        others = [p for j, p in enumerate(priors) if j != i and p is not None]
        voters = named - 1
        top = max((math.log10(c.entry.population + 10) for c in cands), default=0.0)
        holders = [
            q.entry
            for j in (qualified_by[i] if qualified_by else ())
            for q in candidates[j]
            if q.match != "fuzzy"
        ]
        nearest = _nearest_km([c.entry for c in cands], others)
        rows = []
        for c, near, neighbour in zip(cands, nearest, neighbours[i], strict=True):
            e = c.entry
            log_pop = math.log10(e.population + 10)
            area = (e.country_code, e.admin1_code)
            same_country = prior_countries[e.country_code] - (
                own is not None and own.country_code == e.country_code
            )
            same_admin1 = (
                prior_areas[area]
                - (own is not None and (own.country_code, own.admin1_code) == area)
                if e.admin1_code
                else 0
            )
            district = _district_of(e)
            pool, mine = (
                (county_count, counties[i]) if e.feature == "city" else (town_count, towns[i])
            )
            rows.append(
                (
                    log_pop / 7.0,
                    log_pop - top,
                    float(c.match == "primary"),
                    float(c.match == "fuzzy"),
                    float(e.feature == "country"),
                    float(e.feature == "admin1"),
                    float(e.feature == "admin2"),
                    float(e.feature == "continent"),
                    float(c.type_hint is not None and c.type_hint == e.feature),
                    float(c.type_hint is not None and c.type_hint != e.feature),
                    same_country / len(others) if others else 0.0,
                    same_admin1 / len(others) if others else 0.0,
                    float(e.country_code in peoples),
                    1.0 - math.log1p(near) / math.log1p(MAX_KM),
                    float(e.country_code in names_countries and e.feature != "country"),
                    (country_total[e.country_code] - country_votes[i].get(e.country_code, 0.0))
                    / voters
                    if voters
                    else 0.0,
                    (admin1_total[area] - admin1_votes[i].get(area, 0.0)) / voters
                    if voters
                    else 0.0,
                    float(c.match == "demonym"),
                    float(e.capital),
                    float(any(_within(e, holder) for holder in holders)),
                    float(pool[district] - (district in mine) > 0),
                    neighbour,
                )
            )
        result.append(rows)
    return result


def _neighbour_names(candidates: list[list[Candidate]], voters: int) -> list[list[float]]:
    """For each candidate, how close the other names' towns and districts come to it: for
    each other name, 1 - (km to its nearest town or district) / NEIGHBOUR_KM, at least 0,
    averaged. Small places named together lie together ("New London", "Winfield" and
    "Mt. Pleasant" are three towns of one Iowa county), whatever their populations; unlike
    `proximity` this reads all the others' candidates, not only their current best guesses."""
    local = [
        (i, k, c.entry)
        for i, cands in enumerate(candidates)
        for k, c in enumerate(cands)
        if c.match not in GUESSES and c.entry.feature in ("city", "admin2")
    ]
    shares = [[0.0] * len(cands) for cands in candidates]
    if voters < 1 or len(local) < 2:
        return shares
    points = np.radians([(e.latitude, e.longitude) for _, _, e in local])
    km = great_circle_km(points[:, :1], points[:, 1:], points[:, 0], points[:, 1])
    # `local` runs name by name: each name's columns are one block.
    names = np.array([i for i, _, _ in local])
    firsts = np.flatnonzero(np.r_[True, names[1:] != names[:-1]])
    closeness = np.clip(1.0 - np.minimum.reduceat(km, firsts, axis=1) / NEIGHBOUR_KM, 0.0, None)
    own = np.searchsorted(names[firsts], names)
    others = closeness.sum(axis=1) - closeness[np.arange(len(local)), own]
    for row, (i, k, _) in enumerate(local):
        shares[i][k] = float(others[row]) / voters
    return shares


def _nearest_km(entries: list[GazetteerEntry], others: list[GazetteerEntry]) -> list[float]:
    """Each entry's distance to the nearest of the others' places; another name for this very
    place ("Mexico" beside "Mexico City") is no neighbour."""
    if not entries or not others:
        return [MAX_KM] * len(entries)
    mine = np.radians([(e.latitude, e.longitude) for e in entries])
    theirs = np.radians([(o.latitude, o.longitude) for o in others])
    km = great_circle_km(mine[:, :1], mine[:, 1:], theirs[:, 0], theirs[:, 1])
    km[np.array([[o is e for o in others] for e in entries])] = np.inf
    return [min(float(d), MAX_KM) for d in km.min(axis=1)]


def place_of(gazetteer: Gazetteer, candidate: Candidate, toponym: Toponym, score: float) -> Place:
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
        inside_name=candidate.match == "part",
        # A district or a neighbourhood the gazetteer lacks stands at its city, under its own
        # name: two districts of one city are two places.
        stands_for=StandIn(
            toponym.text,
            toponym.start,
            conclusive=True,
            in_town=candidate.match == "neighbourhood",
        )
        if candidate.match in ("district", "neighbourhood")
        else None,
    )


def resolve_toponyms(
    gazetteer: Gazetteer,
    toponyms: list[Toponym],
    context_words: list[str] = (),
    weights: tuple[float, ...] | None = None,
    text: str | None = None,
) -> list[Place | None]:
    """One Place (or None where nothing fits) per toponym, in the same order.

    With the `text`, a town named beside a distance and direction from a resolved place
    ("Tal Afar, 50 km west of Mosul") is its namesake near the point they give, and a part of
    a town ("the Mount Hope neighborhood of San Diego") its namesake near the town, else the
    town under the part's own name (the gazetteer lacks most neighbourhoods; Mount Hope, West
    Virginia is not one of San Diego's); so is a part of a town named without it, of the
    story's town (`_with_parts`).
    """
    weights = weights or default_weights()
    parts = _unanchored_parts(toponyms, text) if text else []
    if parts:
        return _with_parts(gazetteer, toponyms, parts, context_words, weights, text)
    return _resolved(gazetteer, toponyms, context_words, weights, text)


def _resolved(
    gazetteer: Gazetteer,
    toponyms: list[Toponym],
    context_words: list[str],
    weights: tuple[float, ...],
    text: str | None,
) -> list[Place | None]:
    article = read_names(gazetteer, toponyms, context_words, text)
    by_name, which = article.candidates, article.which
    chosen = None
    for _ in range(CONTEXT_ROUNDS):
        best_by_name = choose(by_name, candidate_features(article, chosen), weights)
        chosen = _entries(by_name, best_by_name)
    best_by_name = cities_before_areas(article, best_by_name, toponyms, text)
    holders = _holders_instead(article, best_by_name)
    for i, town in _parts_of_towns(article, best_by_name):
        near = _nearest_within(by_name[i], town.entry, NEIGHBOURHOOD_KM)
        if near is not None:
            best_by_name[i] = near
        else:
            holders[i] = replace(town, match="neighbourhood")
    # The places of the names placed without a guess, and their provinces and countries.
    chosen = _entries(by_name, best_by_name)
    elsewhere = _of_another_state(article, chosen, toponyms, text) if text else set()
    sure = [
        c[b].entry if b is not None and c[b].match not in GUESSES and w not in elsewhere else None
        for w, (c, b) in enumerate(zip(by_name, best_by_name, strict=True))
    ]
    provinces = {(e.country_code, e.admin1_code) for e in sure if e is not None}
    supported = article.demonyms | {country for country, _ in provinces}
    named = Counter(which)
    candidates = [by_name[w] for w in which]
    places: list[Place | None] = []
    for toponym, w in zip(toponyms, which, strict=True):
        cands, b = by_name[w], best_by_name[w]
        # A name the text puts in a province or a town it lacks stands there. A near-spelling
        # is a guess ("Karrada" is not Carrara, Italy), and so is a place named inside a
        # longer name ("Golden Temple" is not in Golden, Colorado): it stands only where the
        # article's other places or peoples put it in the same country; a town inside a
        # longer name, where they are in provinces, only in one of them ("Hickory Hill" in a
        # Memphis story is not Hickory, North Carolina). A small town named once, on its own,
        # away from all the article's other places is no place either (`_lone_small_town`).
        if (held := holders.get(w)) is not None:
            places.append(place_of(gazetteer, held, toponym, 0.0))
        elif (
            b is None
            or (cands[b].match in GUESSES and cands[b].entry.country_code not in supported)
            or (
                cands[b].match == "part"
                and cands[b].entry.feature == "city"
                and provinces
                and (cands[b].entry.country_code, cands[b].entry.admin1_code) not in provinces
            )
            or (named[w] == 1 and _lone_small_town(article, sure, w))
            or w in elsewhere
        ):
            places.append(None)
        else:
            places.append(place_of(gazetteer, cands[b], toponym, 0.0))
    for i, lat, lon, reach in snap_points(text, toponyms, places) if text else ():
        near = [
            (haversine_km(lat, lon, c.entry.latitude, c.entry.longitude), c)
            for c in candidates[i]
            if c.entry.feature == "city"
        ]
        near = [pair for pair in near if pair[0] <= reach]
        if near:
            places[i] = place_of(
                gazetteer, min(near, key=lambda pair: pair[0])[1], toponyms[i], 0.0
            )
    return places


def _unanchored_parts(toponyms: list[Toponym], text: str) -> list[int]:
    """The names the text calls a part of a town without naming the town ("the Mechanicsville
    neighborhood", "the Kensington section"), wherever it names them: the story's own town's."""
    parts = {
        _key(t.text)
        for t in toponyms
        if _PART_AFTER.match(text[t.end : t.end + 40])
        and not _PART_OF.match(text[t.end : t.end + 40])
    }
    return [i for i, t in enumerate(toponyms) if _key(t.text) in parts]


def _with_parts(
    gazetteer: Gazetteer,
    toponyms: list[Toponym],
    parts: list[int],
    context_words: list[str],
    weights: tuple[float, ...],
    text: str,
) -> list[Place | None]:
    """The names resolved together, unless without the parts of towns the story's town (the
    most populous the article names) is a more populous namesake: a neighbourhood may not
    pull its town to a smaller one (Mechanicsville, Pennsylvania pulled Knoxville there;
    Sobrante Park keeps Oakland in California). Where that town is a city known on its own
    (STANDALONE_CITY), each part not placed in it is placed at its namesake within
    NEIGHBOURHOOD_KM of it, else at the town under its own name."""
    together = _resolved(gazetteer, toponyms, context_words, weights, text)
    rest = [i for i in range(len(toponyms)) if i not in parts]
    apart: list[Place | None] = [None] * len(toponyms)
    for i, place in zip(
        rest,
        _resolved(gazetteer, [toponyms[i] for i in rest], context_words, weights, text),
        strict=True,
    ):
        apart[i] = place
    town_apart, town_together = _story_town(apart, parts), _story_town(together, parts)
    places, town = (
        (apart, town_apart)
        if town_apart is not None
        and (town_together is None or town_apart.entry.population > town_together.entry.population)
        else (together, town_together)
    )
    if town is None or town.entry.population < STANDALONE_CITY:
        return places
    for i in parts:
        if (part := places[i]) is not None and _inside(part, town):
            continue
        cands = gazetteer.candidates(toponyms[i].text)
        near = _nearest_within(cands, town.entry, NEIGHBOURHOOD_KM)
        held = cands[near] if near is not None else Candidate(town.entry, "neighbourhood", None)
        places[i] = place_of(gazetteer, held, toponyms[i], 0.0)
    return places


def _story_town(places: list[Place | None], parts: list[int]) -> Place | None:
    """The most populous town placed, parts of towns aside."""
    towns = [
        p
        for i, p in enumerate(places)
        if p is not None and p.entry.feature == "city" and i not in parts
    ]
    return max(towns, key=lambda p: p.entry.population, default=None)


def _lone_small_town(article: ArticleNames, sure: list[GazetteerEntry | None], i: int) -> bool:
    """Whether name i is placed at a small town that nothing in the article supports: not
    written with its province or country, in a province none of the article's other places
    is in, in a country none of them is, and over LONE_TOWN_KM from all of them. Such a
    town is more often a word the model took for a place ("Boomer" beside Boca Raton, a club
    called "Mansion") or a namesake than the place meant; a town a story is about is named
    more than once, and one far from the story's places is written with its province."""
    town = sure[i]
    if town is None or town.feature != "city" or town.population >= LONE_TOWN_POPULATION:
        return False
    if article.qualified_by and article.qualified_by[i]:
        return False
    others = [e for j, e in enumerate(sure) if e is not None and j != i]
    return (
        bool(others)
        and all(
            (e.country_code, e.admin1_code) != (town.country_code, town.admin1_code)
            and not (e.feature == "country" and e.country_code == town.country_code)
            for e in others
        )
        and min(_nearest_km([town], others)) > LONE_TOWN_KM
    )


def _of_another_state(
    article: ArticleNames, chosen: list[GazetteerEntry | None], toponyms: list[Toponym], text: str
) -> set[int]:
    """The names placed at a town of another US state than the dateline's and than any state
    or county the article names, written without their state and smaller than a city known
    on its own (see STANDALONE_CITY). The dateline says its state where it names it
    ("MEMPHIS, Tenn.") or is a city known on its own ("PHILADELPHIA"); a town or county alone
    ("PLYMOUTH CO.") may be any state's."""
    dateline = read_dateline(text)
    if dateline is None:
        return set()
    heading = [
        e
        for t, w in zip(toponyms, article.which, strict=True)
        if dateline.place_start <= t.start < dateline.place_end
        and (e := chosen[w]) is not None
        and e.country_code == "US"
    ]
    states = {
        e.admin1_code
        for e in heading
        if e.feature == "admin1" or (e.feature == "city" and e.population >= STANDALONE_CITY)
    }
    if len(states) != 1 or len({e.admin1_code for e in heading}) != 1:
        return set()
    # A state the article names, or one of its counties ("in Prince George's County" in a
    # WASHINGTON story), is the article's too.
    states |= {
        e.admin1_code
        for e in chosen
        if e is not None and e.country_code == "US" and e.feature in ("admin1", "admin2")
    }
    return {
        w
        for w, e in enumerate(chosen)
        if e is not None
        and e.country_code == "US"
        and e.feature == "city"
        and e.admin1_code not in states
        and e.population < STANDALONE_CITY
        and not (article.qualified_by and article.qualified_by[w])
    }


def _holders_instead(article: ArticleNames, best: list[int | None]) -> dict[int, Candidate]:
    """A town the text puts in a province ("Fountain, Fla.") that has no namesake there the
    gazetteer knows is placed at that province rather than at a namesake in another province
    of the country (Fountain, Colorado), as ACLED places a village it cannot find: for each
    such name, the province to place it at. A province of another country than the town
    chosen is no evidence ("Bogota, D.C." is not Washington's)."""
    found: dict[int, Candidate] = {}
    for i, (cands, b) in enumerate(zip(article.candidates, best, strict=True)):
        if b is None or cands[b].entry.feature != "city" or not article.qualified_by:
            continue
        areas = [
            area
            for j in article.qualified_by[i]
            if best[j] is not None
            and (area := article.candidates[j][best[j]]).entry.feature == "admin1"
            and area.entry.country_code == cands[b].entry.country_code
        ]
        if areas and not any(lies_in(c.entry, area.entry) for c in cands for area in areas):
            found[i] = areas[0]
    return found


def _parts_of_towns(
    article: ArticleNames, best: list[int | None]
) -> Iterator[tuple[int, Candidate]]:
    """Each name the text makes a part of a town, with that town as chosen."""
    for i, towns in enumerate(article.part_of or ()):
        for j in towns:
            if best[j] is not None and article.candidates[j][best[j]].entry.feature == "city":
                yield i, article.candidates[j][best[j]]
                break


def _nearest_within(cands: list[Candidate], town: GazetteerEntry, km: float) -> int | None:
    """The candidate nearest the town within `km` of it (a near-spelling never)."""
    near = [
        (haversine_km(c.entry.latitude, c.entry.longitude, town.latitude, town.longitude), k)
        for k, c in enumerate(cands)
        if c.match not in GUESSES and c.entry is not town
    ]
    near = [pair for pair in near if pair[0] <= km]
    return min(near)[1] if near else None


def cities_before_areas(
    article: ArticleNames, best: list[int | None], toponyms: list[Toponym], text: str | None
) -> list[int | None]:
    """Each name chosen as a state, province or county, given instead to the country's
    capital or a city of a million people of that name in the same country, unless the
    article shows it means the area: a type word or an office of the area ("Washington
    state", "upstate New York", "New York Gov.", "the New York border"),
    the area qualifying another place ("Spokane, Washington"), or another place named in
    the area away from the city."""
    chosen = _entries(article.candidates, best)
    qualifying = {j for found in article.qualified_by or () for j in found}
    result = list(best)
    for i, (cands, b) in enumerate(zip(article.candidates, best, strict=True)):
        if b is None or cands[b].entry.feature not in ("admin1", "admin2"):
            continue
        area = cands[b]
        cities = [
            k
            for k, c in enumerate(cands)
            if c.entry.feature == "city"
            and c.match not in GUESSES
            and c.entry.country_code == area.entry.country_code
            and (c.entry.capital or c.entry.population >= BIG_CITY)
        ]
        if area.type_hint is not None or not cities or i in qualifying:
            continue
        k = max(cities, key=lambda k: cands[k].entry.population)
        city = cands[k].entry
        said = text is not None and any(
            _AREA_AFTER.match(text[t.end : t.end + 24])
            or _AREA_BEFORE.search(text[max(0, t.start - 16) : t.start])
            for t, w in zip(toponyms, article.which, strict=True)
            if w == i
        )
        if said or any(
            j != i
            and other is not None
            and lies_in(other, area.entry)
            and haversine_km(other.latitude, other.longitude, city.latitude, city.longitude)
            > AREA_KM
            for j, other in enumerate(chosen)
        ):
            continue
        result[i] = k
    return result


def _entries(
    candidates: list[list[Candidate]], best: list[int | None]
) -> list[GazetteerEntry | None]:
    """The entry chosen for each name (None where none is)."""
    return [c[b].entry if b is not None else None for c, b in zip(candidates, best, strict=True)]


def choose(candidates, features, weights) -> list[int | None]:
    """The index of the best-scoring candidate of each toponym (None where there are none)."""
    best: list[int | None] = []
    for cands, rows in zip(candidates, features, strict=True):
        if not cands:
            best.append(None)
            continue
        scores = [sum(w * f for w, f in zip(weights, row, strict=True)) for row in rows]
        best.append(max(range(len(cands)), key=scores.__getitem__))
    return best


def resolve(gazetteer: Gazetteer, doc: Doc) -> list[Place]:
    """Every toponym spaCy finds in the document that the gazetteer can place."""
    ents = doc.ents
    toponyms = toponyms_in(ents)
    context_words = [e.text for e in ents if e.label_ == "NORP"]
    places = [
        p
        for p in resolve_toponyms(gazetteer, toponyms, context_words, text=text_of(doc))
        if p is not None
    ]
    standing = stood_for(doc)
    if not standing:
        return places
    areas = {
        p.start: _standing_area(gazetteer, p, standing[p.start])
        for p in places
        if p.start in standing
    }
    around: dict[int, list[Place]] = {}
    for start, what in standing.items():
        if start in areas:
            around.setdefault(what.name_start, []).append(areas[start])
    # The areas after a name say where it is, where one of them is of one country: a
    # reading of the name (a near-spelling, a namesake) outside them all is another place
    # ("Jinshui district (Zhengzhou, Henan)" is not Jishui, 200 km off).
    conclusive = {what.name_start for what in standing.values() if what.conclusive}
    around = {start: found for start, found in around.items() if start in conclusive}
    return [
        areas.get(p.start, p)
        for p in places
        if p.start not in around or any(_inside(p, a) for a in around[p.start])
    ]


def _inside(place: Place, area: Place) -> bool:
    entry, where = place.entry, area.entry
    if where.feature == "city":
        km = haversine_km(entry.latitude, entry.longitude, where.latitude, where.longitude)
        return km <= NEAR_TOWN_KM
    if where.feature == "country":
        return entry.country_code == where.country_code
    return lies_in(entry, where)


def _standing_area(gazetteer: Gazetteer, place: Place, stands_for: StandIn) -> Place:
    """An area standing for a place the gazetteer lacks, as the area: "(Cochabamba)" after
    a village is the department, not its capital; the district before the province where
    both bear the name."""
    entry = place.entry
    if entry.feature == "city":
        areas = [
            c
            for c in gazetteer.candidates(place.text, fuzzy=False)
            if c.match in ("primary", "alias")
            and c.entry.feature in ("admin2", "admin1")
            and lies_in(entry, c.entry)
        ]
        if areas:
            area = min(areas, key=lambda c: c.entry.feature != "admin2")
            toponym = Toponym(place.start, place.end, place.text)
            place = place_of(gazetteer, area, toponym, place.score)
    return replace(place, stands_for=stands_for)
