"""A page's own timestamps date the page, never an event: "Posted: Tuesday, April 15, 2014
10:21 PM EDT", "(Published Monday, Oct. 31, 2016)", "Updated: Nov 9, 2016 - 5:36 PM",
"April 11, 2013 4:39 PM" heading the story."""

from __future__ import annotations

import re

_SAID_BEFORE = re.compile(
    r"\b(?:published|posted|updated|last\s+updated|created|modified|uploaded)\s*(?:on|at)?"
    r"\s*[:(]?\s*$",
    re.IGNORECASE,
)
# A clock time right after a date with its year, no "at" between: a stamp, not a telling
# ("on Feb. 23, 2015 at 11 p.m." tells when).
_CLOCK_AFTER = re.compile(r"^\s*[,\u2013\u2014-]?\s*\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def is_timestamp(text: str, start: int, end: int) -> bool:
    """Whether the date expression at text[start:end] is the page's timestamp."""
    if _SAID_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    return bool(_YEAR.search(text[start:end]) and _CLOCK_AFTER.match(text[end : end + 16]))
