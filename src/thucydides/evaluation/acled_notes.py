"""The ACLED 2015 South/South-East Asia notes: gold events in ACLED's pre-2019 taxonomy.

Old EVENT_TYPE to the current six types: every "Battle-*" is Battles; "Remote violence" is
Explosions/Remote violence; "Violence against civilians" stays; "Strategic development",
"Headquarters or base established" and "Non-violent transfer of territory" are Strategic
developments; "Riots/Protests" is Riots where either actor is rioters (inter code 5) and
Protests otherwise (protesters, inter 6), as ACLED's own 2019 migration did.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from thucydides.evaluation.data import dataset
from thucydides.event import EVENT_TYPES

TYPES = EVENT_TYPES
HELD_OUT_PERCENT = 20


@dataclass(frozen=True, slots=True)
class GoldNote:
    event_id: str
    event_date: date
    time_precision: int
    event_type: str
    actor1: str
    actor2: str
    country: str
    admin1: str
    location: str
    latitude: float
    longitude: float
    fatalities: int
    notes: str
    assoc_actor_1: str = ""

    @property
    def held_out(self) -> bool:
        """A fixed 20% test split by event id, for anything trained on the rest."""
        digest = hashlib.sha256(self.event_id.encode()).digest()
        return digest[0] * 100 // 256 < HELD_OUT_PERCENT


def current_type(old: str, inter1: str, inter2: str) -> str:
    old = old.strip().lower()
    if old.startswith("battle"):
        return "Battles"
    if old == "remote violence":
        return "Explosions/Remote violence"
    if old == "violence against civilians":
        return "Violence against civilians"
    if old == "riots/protests":
        return "Riots" if "5" in (inter1.strip(), inter2.strip()) else "Protests"
    return "Strategic developments"


def read_notes() -> list[GoldNote]:
    path = dataset("events", "acled-2015-south-asia", "acled.csv")
    notes = []
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            if not row["NOTES"].strip():
                continue
            notes.append(
                GoldNote(
                    event_id=row["EVENT_ID_CNTY"],
                    event_date=datetime.strptime(row["EVENT_DATE"], "%d-%B-%Y").date(),
                    time_precision=int(row["TIME_PRECISION"] or 1),
                    event_type=current_type(row["EVENT_TYPE"], row["INTER1"], row["INTER2"]),
                    actor1=row["ACTOR1"],
                    actor2=row["ACTOR2"],
                    country=row["COUNTRY"],
                    admin1=row["ADMIN1"],
                    location=row["LOCATION"],
                    latitude=float(row["LATITUDE"] or 0),
                    longitude=float(row["LONGITUDE"] or 0),
                    fatalities=int(row["FATALITIES"] or 0),
                    notes=row["NOTES"],
                    assoc_actor_1=row["ALLY_ACTOR_1"],
                )
            )
    return notes
