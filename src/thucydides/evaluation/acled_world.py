"""The current ACLED notes of 180 countries (`events/acled-modern/`) as short reports.

ACLED's notes carry the coder's own remarks, which no news report has ("[size=no report]",
"fatalities coded as 3", "(as reported)"); they are taken out before a note is read as a report.
Some exports shifted their columns: a row whose type, date or point does not parse is left out.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date

from thucydides.evaluation.acled_notes import TYPES
from thucydides.evaluation.data import dataset

# A coder's remark: a tag before the note, anything in square brackets ("[size=no report]",
# "[Russian MoD reported 12 fatalities. Coded as 0 fatalities]"), a parenthesis that says how it was coded or that it is
# "as reported", and any sentence that says what was coded.
_REMARKS = [
    # The coder's tag before the note ("Movement of forces: On 8 January...", "Defusal:",
    # "Other:", "From report:"): it names the sub-type, which no news report does.
    re.compile(r"^[A-Z][A-Za-z/&-]*(?: [A-Za-z/&-]+){0,3}: (?=[A-Z])"),
    re.compile(r"\s*\[[^\]]*\]"),
    re.compile(r"\s*\([^()]*\b(?:coded|as reported|VoJ reported)\b[^()]*\)", re.IGNORECASE),
]
# A sentence (or clause up to a semicolon) with its delimiter; matched chunk by chunk, since a
# search for "coded" with the clause around it rescans each clause from every position.
_CLAUSE = re.compile(r"[^.;]+[.;]?")
_CODED = re.compile(r"\bcoded\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WorldNote:
    event_id: str
    event_date: date
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int  # ACLED's code, 0 where the export had none
    actor2: str
    country: str
    region: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int
    fatalities: int
    notes: str


# Two names one export or another gave the same region.
_REGION_NAMES = {"Southern Asia": "South Asia"}


# The inter codes some exports wrote as words.
_INTER_WORDS = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}


def _inter(value: str) -> int:
    value = value.strip()
    return int(value) if value.isdigit() else _INTER_WORDS.get(value, 0)


def strip_remarks(notes: str) -> str:
    """The note without ACLED's coding remarks, which never occur in news."""
    text = notes.strip().strip("'\"")
    for pattern in _REMARKS:
        text = pattern.sub("", text)
    text = _CLAUSE.sub(lambda m: "" if _CODED.search(m.group()) else m.group(), text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _note(row: dict) -> WorldNote | None:
    try:
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
        day = date.fromisoformat(row["event_date"])
        precision = int(row["geo_precision"] or 0)
        fatalities = int(row["fatalities"] or 0)
    except ValueError:
        return None
    country = row["country"].strip()
    notes = strip_remarks(row["notes"])
    if row["event_type"] not in TYPES or not country.replace(" ", "").isalpha() or not notes:
        return None
    return WorldNote(
        event_id=row["event_id_cnty"] or hashlib.sha256(row["notes"].encode()).hexdigest()[:12],
        event_date=day,
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        inter1=_inter(row["inter1"]),
        actor2=row["actor2"],
        country=country,
        region=_REGION_NAMES.get(row["region"].strip(), row["region"].strip()),
        location=row["location"],
        latitude=latitude,
        longitude=longitude,
        geo_precision=precision,
        fatalities=fatalities,
        notes=notes,
    )


def read_world_notes() -> list[WorldNote]:
    path = dataset("events", "acled-modern", "events.jsonl")
    notes = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            note = _note(json.loads(line))
            if note is not None:
                notes.append(note)
    return notes


def stable_order(key: str) -> bytes:
    """A fixed pseudo-random order that no code change can shift."""
    return hashlib.sha256(key.encode()).digest()
