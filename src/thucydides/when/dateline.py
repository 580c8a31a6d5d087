"""Datelines: "BAGHDAD, June 10, 2014 (Reuters) -" gives a report's place and date; local news
writes them as "CONWAY, SC (WBTW) –", "SAN DIEGO (CBS 8) -" or "YORK, Pa. —"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"""^\s*(?P<place>[A-Z](?:[A-Z.' ]|-(?!\s)){{1,40}}(?:,\s*[A-Z](?:[A-Za-z.' ]|-(?!\s)){{1,30}})?)
        \s*,?\s*
        (?P<date>(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,\s*(?P<year>\d{{4}}))?)?\s*
        (?:\((?P<agency>[A-Za-z0-9 .&/-]{{2,30}})\)\s*)?[-\u2013\u2014]""",
    re.VERBOSE | re.MULTILINE,
)
# A page may put a photo's caption or a list of names before the dateline's paragraph.
DATELINE_WITHIN = 1_000

# Any date heading a report before an agency or a dash ("Mymensingh, Feb 8 (UNB)-",
# "ISLAMABAD, Feb. 17 --"): the filing date, never an event's.
_DATED_HEAD = re.compile(
    rf"""^\s*(?:[A-Z][A-Za-z.' -]{{1,40}}(?:,\s*[A-Z][A-Za-z.' -]{{1,30}})?\s*,\s*)?
        {_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?\s*
        (?:\([A-Za-z .]{{2,30}}\)\s*[-\u2013\u2014]*|[-\u2013\u2014]{{1,2}})""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    date: date | None
    month_day: str | None
    agency: str
    place_end: int = 0
    place_start: int = 0
    end: int = 0  # where the story after the dateline's dash begins


def read_dateline(text: str) -> Dateline | None:
    """The dateline heading a report's first paragraphs, if it has one; `date` only when it
    gives the year."""
    match = _DATELINE.search(text[:DATELINE_WITHIN])
    if match is None:
        return None
    found = None
    if match["year"]:
        month = match["month"].rstrip(".")[:3]
        try:
            found = datetime.strptime(f"{month} {match['day']} {match['year']}", "%b %d %Y").date()
        except ValueError:
            found = None
    place = match["place"].rstrip()
    start = match.start("place")
    return Dateline(
        place,
        found,
        match["date"],
        (match["agency"] or "").strip(),
        start + len(place),
        start,
        match.end(),
    )


def dateline_end(text: str) -> int:
    """Where a dated dateline heading the text ends; 0 where there is none."""
    match = _DATED_HEAD.match(text[:200])
    return match.end() if match else 0
