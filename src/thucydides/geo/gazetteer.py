"""The gazetteer: candidates for a place name, exact, by alias, or by fuzzy spelling."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process
from rich.console import Console
from rich.progress import Progress
from unidecode import unidecode

from thucydides.geo.build import (
    CountryFacts,
    GazetteerData,
    build_index,
    cache_path,
    read_index,
    write_index,
)
from thucydides.geo.distance import great_circle_km
from thucydides.geo.names import COMPASS, normalise, spellings, split_type
from thucydides.geo.place import GazetteerEntry

FUZZY_CUTOFF = 85.0
FUZZY_MIN_LENGTH = 5
FUZZY_LIMIT = 5
# Misspellings answered, kept: an unknown name recurs across a feed ("Tirah Valley" in 20 of
# 300 generated articles) and each search costs ~0.4 ms. Emptied past this many (a few MB).
FUZZY_REMEMBERED = 50_000
# A town named inside a longer name counts from this size (as the locative cues' towns).
PART_MIN_POPULATION = 5_000
# A name with one of these words is a road or line between places, not in the one it names.
ROUTE_WORDS = frozenset(
    ["road", "highway", "street", "avenue", "lane", "route", "expressway", "motorway",
     "bypass", "railway", "line", "corridor", "canal", "drive", "boulevard", "blvd",
     "parkway", "freeway", "turnpike", "interstate"]
)  # fmt: skip
# Words for buildings and grounds: never the place inside a name ("University", Florida).
FACILITY_WORDS = frozenset(
    ["university", "college", "school", "academy", "institute", "hospital", "clinic", "park",
     "airport", "airfield", "port", "harbour", "harbor", "station", "church", "cathedral",
     "mosque", "temple", "shrine", "museum", "gallery", "library", "stadium", "arena",
     "square", "bridge", "tunnel", "centre", "center", "hall", "house", "palace", "hotel",
     "market", "mall", "tower", "building", "prison", "jail", "camp", "base", "international",
     "national", "memorial", "garden", "gardens", "beach", "lake", "river", "valley", "island",
     "mountain", "hill", "forest", "zoo"]
)  # fmt: skip
Match = Literal["primary", "alias", "fuzzy", "demonym", "part", "district", "neighbourhood"]


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: GazetteerEntry
    match: Match
    type_hint: str | None


class Gazetteer:
    def __init__(self, data: GazetteerData) -> None:
        self._data = data
        self._buckets: dict[str, dict[int, tuple[list[str], list[int]]]] | None = None
        self._towns: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._fuzzy_found: dict[str, tuple[str, ...]] = {}

    @property
    def stats(self) -> dict[str, int]:
        return self._data.stats

    def country(self, code: str) -> CountryFacts | None:
        return self._data.countries.get(code)

    def admin1_name(self, country_code: str, admin1_code: str) -> str:
        name = self._data.admin1_names.get((country_code, admin1_code), "")
        return unidecode(name)

    def us_state(self, code: str) -> list[Candidate]:
        """The US state of a postal code ("SC"): GeoNames codes US states by them."""
        return [
            c
            for c in self.candidates(self.admin1_name("US", code), fuzzy=False)
            if c.entry.feature == "admin1"
            and (c.entry.country_code, c.entry.admin1_code) == ("US", code)
        ]

    def demonym_country(self, word: str) -> str | None:
        """'Iraqi' -> 'IQ'; plural and possessive forms too ('Afghans')."""
        key = normalise(word)
        return self._data.demonyms.get(key) or self._data.demonyms.get(key.rstrip("s"))

    def country_named(self, words: str) -> str | None:
        """The country a nationality or a country's name stands for ("Pakistani", "Chad")."""
        for candidate in self.candidates(words, fuzzy=False):
            facts = self.country(candidate.entry.country_code)
            if candidate.entry.feature == "country" and facts is not None:
                return facts.name
        return None

    def nearest_town(
        self, latitude: float, longitude: float, within_km: float
    ) -> GazetteerEntry | None:
        """The town nearest a point, if one lies within `within_km`."""
        if self._towns is None:
            index = np.array(
                [i for i, e in enumerate(self._data.entries) if e.feature == "city"], dtype=np.int64
            )
            coordinates = np.radians(
                np.array(
                    [(e.latitude, e.longitude) for e in map(self._data.entries.__getitem__, index)]
                )
            )
            self._towns = (index, coordinates[:, 0], coordinates[:, 1])
        index, lats, lons = self._towns
        km = great_circle_km(np.radians(latitude), np.radians(longitude), lats, lons)
        best = int(np.argmin(km))
        return self._data.entries[index[best]] if km[best] <= within_km else None

    def _fuzzy_keys(self, key: str) -> tuple[str, ...]:
        """The closest names sharing the key's first two letters, best first (ties in index
        order), as `process.extract` over them all would give."""
        found = self._fuzzy_found.get(key)
        if found is None:
            if len(self._fuzzy_found) >= FUZZY_REMEMBERED:
                self._fuzzy_found.clear()
            found = self._fuzzy_found[key] = self._search_fuzzy(key)
        return found

    def _search_fuzzy(self, key: str) -> tuple[str, ...]:
        if self._buckets is None:
            buckets: dict[str, dict[int, tuple[list[str], list[int]]]] = defaultdict(dict)
            seen: dict[str, int] = defaultdict(int)
            for name in self._data.names:
                names, places = buckets[name[:2]].setdefault(len(name), ([], []))
                names.append(name)
                places.append(seen[name[:2]])
                seen[name[:2]] += 1
            self._buckets = dict(buckets)
        found: list[tuple[float, int, str]] = []
        for length, (names, places) in self._buckets.get(key[:2], {}).items():
            # Names whose length alone keeps them under the cutoff are not scored: the
            # ratio is at most 1 - |difference of lengths| / (sum of lengths).
            if 100 * (1 - abs(len(key) - length) / (len(key) + length)) < FUZZY_CUTOFF - 1e-9:
                continue
            for name, score, i in process.extract(
                key, names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
            ):
                found.append((-score, places[i], name))
        return tuple(name for _, _, name in sorted(found)[:FUZZY_LIMIT])

    def candidates(self, text: str, fuzzy: bool = True) -> list[Candidate]:
        """Every entry the name may refer to; misspellings (unless `fuzzy` is False) only
        where nothing matches exactly."""
        key, hint = split_type(text)
        if not key:
            return []
        # A type word may be part of the name ("Kansas City", "Henry County"): the whole
        # name, where the gazetteer has it, is read before the name without the word.
        found = self._lookup(normalise(text), hint) if hint is not None else []
        if not found:
            found = self._lookup(key, hint)
        if not found and " - " in text:
            # ACLED's "city - district" ("Port-au-Prince - Tabarre", "Seoul City - Jongno"):
            # a district of the city named whole before the dash; the gazetteer lacks most.
            found = [
                replace(c, match="district")
                for c in self.candidates(text.split(" - ", 1)[0], fuzzy=False)
                if c.match in ("primary", "alias")
            ]
        code = self.demonym_country(text)
        if code is not None and code in self._data.country_entries:
            idx = self._data.country_entries[code]
            if all(c.entry is not self._data.entries[idx] for c in found):
                found.append(Candidate(self._data.entries[idx], "demonym", hint))
        if not found:
            found = self._within_name(text, hint)
        # A road the gazetteer lacks is no misspelt town ("Independence Road", "East Avenue").
        if fuzzy and not found and len(key) >= FUZZY_MIN_LENGTH and not _route(text):
            seen: set[int] = set()
            for fuzzy_key in self._fuzzy_keys(key):
                for idx in self._data.names.get(fuzzy_key, ()):
                    if idx not in seen:
                        seen.add(idx)
                        found.append(Candidate(self._data.entries[idx], "fuzzy", hint))
        return found

    def _within_name(self, text: str, hint: str | None) -> list[Candidate]:
        """For a name the gazetteer lacks, the places named inside it by their own names,
        the most populous part first: "Vancouver Art Gallery" is in Vancouver, "Stade de
        France" in France (not Stade, Lower Saxony), "Greater Toronto Area" around Toronto.
        The resolver takes such a place only where the article's other places agree."""
        # Split at spaces only: "Rangpur-Bogra" is the road between two towns, and so is any
        # name with a word for a road in it ("Galle Road" runs through Colombo).
        words = text.split()
        if _route(text):
            return []
        best: tuple[int, list[Candidate]] = (0, [])
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = words[start : start + size]
                if not any(w[:1].isupper() for w in part) or all(
                    w.lower() in COMPASS or w.lower() in FACILITY_WORDS for w in part
                ):
                    continue
                found = [
                    c
                    for c in self._lookup(normalise(" ".join(part)), hint)
                    if c.match == "primary"
                    and (
                        c.entry.feature in ("country", "admin1", "admin2")
                        or c.entry.population >= PART_MIN_POPULATION
                    )
                ]
                weight = max((c.entry.population for c in found), default=0)
                if found and weight > best[0]:
                    best = (weight, found)
        return [replace(c, match="part") for c in best[1]]

    def _lookup(self, key: str, hint: str | None) -> list[Candidate]:
        primary, found = self._data.primary, {}
        for spelling in spellings(key):
            for idx in self._data.names.get(spelling, ()):
                if idx not in found or (spelling, idx) in primary:
                    found[idx] = "primary" if (spelling, idx) in primary else "alias"
        return [Candidate(self._data.entries[idx], match, hint) for idx, match in found.items()]


def _route(name: str) -> bool:
    """Whether a name has a word for a road in it ("Galle Road", "Sunset Boulevard")."""
    return any(w.lower().rstrip(".") in ROUTE_WORDS for w in name.split())


def build_gazetteer_index(
    path: Path | None = None, console: Console | None = None
) -> GazetteerData:
    """Build the index from the packaged data with a progress bar, and write it to the cache."""
    path = path or cache_path()
    console = console or Console(stderr=True)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Building gazetteer from GeoNames data", total=234_908)
        data = build_index(progress=lambda: progress.advance(task))
    write_index(data, path)
    console.print(
        f"gazetteer: {data.stats['entries']:,} places, {data.stats['names']:,} names -> {path}"
    )
    return data


@cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use if the install step did not build it."""
    path = cache_path()
    data = read_index(path) or build_gazetteer_index(path)
    return Gazetteer(data)
