"""Find date expressions in text and say how precise each is (ACLED time_precision).

spaCy's DATE entities run on ("late yesterday following days"), so expressions are found
by patterns that cover how news reports give dates; the parse then decides which event
each expression belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from thucydides.nlp.text import lowered

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_QUAL = r"(?:(?:early|late|earlier|later)\s+(?:on\s+)?)"
# How many, in words or digits ("three days ago", "a few weeks earlier").
NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|\u2013|to)\s*"
_YEAR = r"(?:,?\s+\d{4})?"

_DISTANT_AGO = rf"{NUMBER}\s+(?:months?|years?)\s+(?:ago|earlier|before)"
# A year told alone ("in 2011", "during early 1994").
YEAR_TOLD = r"(?:in|during)\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d"
_DISTANT_YEAR = rf"last\s+year|{YEAR_TOLD}"
_DISTANT = re.compile(rf"^(?:{_DISTANT_AGO}|{_DISTANT_YEAR})$", re.IGNORECASE)

_DIGIT = r"\d"
# Every weekday, "today" and "yesterday" hold "day".
_DAY_WORD = "day"

# (pattern, precision, what any match holds, each): 1 day, 2 week, 3 month. Longer, more specific
# patterns come first. What a match must hold is tested first, in one quick search, since
# most sentences hold no date and each full pattern tries its branches at every word.
_PATTERNS: list[tuple[str, int, tuple[str, ...]]] = [
    (r"\d{4}-\d{2}-\d{2}", 1, (_DIGIT,)),
    # Ranges of days ("11-13 August", "31 Jan - 6 Feb", "March 18th-21st"): an event over
    # several days is dated by its first.
    (
        rf"(?:on\s+|from\s+)?{_DAY}(?:\s+(?:{MONTHS})\.?)?{_TO}{_DAY}\s+(?:of\s+)?(?:{MONTHS})\.?{_YEAR}",
        1,
        (_DIGIT, MONTHS),
    ),
    (
        rf"(?:on\s+|from\s+)?(?:{MONTHS})\.?\s+{_DAY}{_TO}(?:(?:{MONTHS})\.?\s+)?{_DAY}{_YEAR}",
        1,
        (_DIGIT, MONTHS),
    ),
    (
        rf"(?:on\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?",
        1,
        (_DIGIT, MONTHS),
    ),
    (
        rf"(?:on\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?(?:,?\s+\d{{4}})?",
        1,
        (_DIGIT, MONTHS),
    ),
    (
        rf"{_QUAL}?(?:yesterday|today|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening)){_PART}?",
        1,
        (rf"{_DAY_WORD}|night|this",),
    ),
    (rf"{_QUAL}?(?:on\s+)?(?:{WEEKDAYS}){_PART}?", 1, (_DAY_WORD,)),
    (r"(?:a\s+few|several)\s+days\s+(?:ago|earlier|before)", 2, (_DAY_WORD,)),
    (rf"{NUMBER}\s+days?\s+(?:ago|earlier|before)", 1, (_DAY_WORD,)),
    (
        r"(?:earlier|later)\s+(?:this|last)\s+week|(?:last|this|past|previous)\s+(?:week|weekend)",
        2,
        ("week",),
    ),
    (rf"{NUMBER}\s+weeks?\s+(?:ago|earlier|before)", 2, ("week",)),
    (
        rf"(?:earlier|later)\s+this\s+month|(?:last|this|past|previous)\s+month|(?:early|mid|late)-?\s*(?:{MONTHS})",
        3,
        (rf"month|{MONTHS}",),
    ),
    # Background told by its distance in months or years ("six months earlier", "25 years
    # ago"), or its year ("last year", "in 2011"): history, unless the year is the report's.
    (_DISTANT_AGO, 3, ("month|year",)),
    (r"tomorrow|next\s+week", 1, ("tomorrow|week",)),
    (r"recently|earlier", 2, ("recently|earlier",)),
    (rf"(?:in\s+)?(?:{MONTHS})\.?(?:\s+\d{{4}})", 3, (_DIGIT, MONTHS)),
    (rf"(?:in\s+)(?:{MONTHS})\b", 3, (MONTHS,)),
    (_DISTANT_YEAR, 3, ("year|19|20",)),
]


# A day of a month without a year that names a place ("September 26 Street", "the 22 May
# stadium", "6th of October City") is no date of an event, nor any part of it.
_YEARLESS_DAY = re.compile(r"^(?!.*\d{4})\D*\d")
_NAMES_A_PLACE = re.compile(
    r"\s+(?:Street|St\.|Road|Avenue|Square|Stadium|Bridge|City|Camp|Market|Park|Hospital"
    r"|School|University|Airport|Mosque|Roundabout|Highway|Boulevard)\b",
    re.IGNORECASE,
)


def _compiled(flags: int) -> list[tuple[re.Pattern, int, tuple[re.Pattern, ...]]]:
    return [
        (
            re.compile(rf"\b(?:{p})\b", flags),
            precision,
            tuple(re.compile(part, flags) for part in holds),
        )
        for p, precision, holds in _PATTERNS
    ]


_ON_LOWERED = _compiled(0)
_CASELESS = _compiled(re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateExpression:
    start: int
    end: int
    text: str
    precision: int

    @property
    def relative_to_event(self) -> bool:
        """'Earlier' alone dates an event against the one told before it, not the report."""
        return self.text.lower() in ("earlier", "recently")

    @property
    def distant(self) -> bool:
        """A year or months away ("in 2007", "last year", "three months ago"): what a report
        tells in passing of the past, which dates only what it is told of directly."""
        return _DISTANT.match(self.text) is not None


def _holds(part: re.Pattern, text: str, held: dict[re.Pattern, bool]) -> bool:
    if part not in held:
        held[part] = part.search(text) is not None
    return held[part]


def find_date_expressions(text: str) -> list[DateExpression]:
    """Non-overlapping date expressions, earliest first; on overlap the first pattern wins."""
    folded = lowered(text)
    if folded is None:
        return _found(text, text, _CASELESS)
    return _found(text, folded, _ON_LOWERED)


def _found(
    text: str, searched: str, patterns: list[tuple[re.Pattern, int, tuple[re.Pattern, ...]]]
) -> list[DateExpression]:
    taken: list[tuple[int, int]] = []
    found: list[DateExpression] = []
    held: dict[re.Pattern, bool] = {}
    for pattern, precision, holds in patterns:
        if not all(_holds(part, searched, held) for part in holds):
            continue
        for match in pattern.finditer(searched):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if _YEARLESS_DAY.match(text[start:end]) and _NAMES_A_PLACE.match(text, end):
                continue
            found.append(DateExpression(start, end, text[start:end], precision))
    return sorted(found, key=lambda d: d.start)
