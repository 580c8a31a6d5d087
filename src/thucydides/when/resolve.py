"""Resolve a date expression against the publication date, as a reader of the report would."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from thucydides.numbers import WORD_NUMBERS
from thucydides.when.expressions import (
    MONTHS,
    NUMBER,
    YEAR_TOLD,
    DateExpression,
    find_date_expressions,
)
from thucydides.when.when import When

# dateparser reads "yesterday" and "Thursday" but not "late yesterday night": keep the day.
_QUALIFIERS = re.compile(
    r"\b(?:early|late|earlier|later|on|the|of|morning|afternoon|evening|night)\b", re.IGNORECASE
)
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
# Vague counts of days or weeks are read at their lowest plausible value.
_WORD_NUMBERS = {**WORD_NUMBERS, "a few": 3, "several": 3}
_AGO = re.compile(
    rf"^({NUMBER})\s+(day|week|month|year)s?\s+(?:ago|earlier|before)$", re.IGNORECASE
)
_DAYS_IN = {"day": 1, "week": 7, "month": 30, "year": 365}
_YEAR = re.compile(rf"^{YEAR_TOLD}$", re.IGNORECASE)
_MONTH_REL = re.compile(
    r"(earlier|later)\s+this\s+month|(last|this|past|previous)\s+month", re.IGNORECASE
)
_WEEK_REL = re.compile(
    r"(earlier|later)\s+(this|last)\s+week|(last|this|past|previous)\s+(week|weekend)",
    re.IGNORECASE,
)
# A range of days read as its first day: "11-13 August" as "11 August", "March 18-21, 2015"
# as "March 18, 2015" (ordinals already gone).
_DAY_RANGE = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:\s+(?P<month>{MONTHS})\.?)?\s*(?:-|\u2013|to)\s*\d{{1,2}}\s+"
    rf"(?P<end_month>{MONTHS})\.?(?P<year>,?\s+\d{{4}})?$"
    rf"|^(?P<month2>{MONTHS})\.?\s+(?P<day2>\d{{1,2}})\s*(?:-|\u2013|to)\s*"
    rf"(?:(?:{MONTHS})\.?\s+)?\d{{1,2}}(?P<year2>,?\s+\d{{4}})?$",
    re.IGNORECASE,
)
MAX_YEAR = 9999
_WEEKDAY_INDEX = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


def _normalise(text: str) -> str:
    lowered = re.sub(r"^(?:early|late)\s+", "", text.lower().strip())
    # "Overnight" is the night that ended as the report came out, and what it tells mostly
    # happened after midnight; "last night" is the evening before.
    if lowered in ("tonight", "overnight", "last night"):
        return "yesterday" if lowered == "last night" else "today"
    if lowered.startswith("this "):
        return "today"
    cleaned = re.sub(r"\s+", " ", _QUALIFIERS.sub(" ", _ORDINAL.sub(r"\1", text))).strip(" ,")
    cleaned = re.sub(r"^from\s+", "", cleaned, flags=re.IGNORECASE)
    return _range_start(cleaned)


def _range_start(text: str) -> str:
    match = _DAY_RANGE.match(text)
    if match is None:
        return text
    if match["day"]:
        return f"{match['day']} {match['month'] or match['end_month']}{match['year'] or ''}"
    return f"{match['month2']} {match['day2']}{match['year2'] or ''}"


@lru_cache(maxsize=65536)
def _parse(normalised: str, base: datetime) -> datetime | None:
    """dateparser costs about a millisecond a call; news repeats the same few phrases."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateparser.parse(
            normalised, languages=["en"], settings={**_SETTINGS, "RELATIVE_BASE": base}
        )


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[" ".join(word.lower().split())]


def days_in(count: str, unit: str) -> int:
    """The days of "three days", "a week", "two months" (`NUMBER` and a unit of time)."""
    return _count(count) * _DAYS_IN[unit.lower().removesuffix("s")]


def _year(text: str, published: date) -> date | None:
    """A year told alone: the middle of it, or the report's day in the report's own year."""
    if text.lower().split() == ["last", "year"]:
        year = published.year - 1
    elif _YEAR.match(text):
        year = int(text[-4:])
    else:
        return None
    return published if year == published.year else date(year, 7, 1)


def _relative(text: str, published: date) -> date | None:
    match = _AGO.match(text.strip())
    if match:
        days = days_in(match.group(1), match.group(2))
        return published - timedelta(days=days) if days < 36500 else None
    year = _year(text.strip(), published)
    if year is not None:
        return year
    if _MONTH_REL.fullmatch(text.strip()):
        if text.lower().split()[0] in ("last", "previous"):
            return (published.replace(day=1) - timedelta(days=1)).replace(day=15)
        return published.replace(day=1)
    if text.strip().lower() == "tomorrow":
        return published + timedelta(days=1)
    if text.strip().lower() == "next week":
        return published + timedelta(days=7)
    if _WEEK_REL.fullmatch(text.strip()):
        back = 7 if text.lower().split()[0] in ("last", "previous", "past") else 3
        return published - timedelta(days=back)
    return None


def resolve_expression(expression: DateExpression, published: date) -> When:
    """The date an expression names, read against the publication date.

    A weekday is the most recent one on or before the publication day: wire copy says "on
    Monday" of the day it is filed. A date after publication marks the
    mention as not yet happened (`future`), unless it is a year-less date that reads as last year.
    """
    text = expression.text
    found = _relative(text, published)
    if found is None:
        if text.lower().startswith(("today", "tonight", "this")):
            found = published
        else:
            base = datetime(published.year, published.month, published.day, 12, 0)
            normalised = _normalise(text)
            if normalised.lower() in ("", "earlier", "recently"):
                return When(
                    None, expression.precision, "none", text, expression.start, expression.end
                )
            weekday = _WEEKDAY_INDEX.get(normalised.lower())
            if weekday is not None:
                found = published - timedelta(days=(published.weekday() - weekday) % 7)
            else:
                parsed = _parse(normalised, base)
                if parsed is None:
                    return When(
                        None, expression.precision, "none", text, expression.start, expression.end
                    )
                found = parsed.date()
    return When(
        found,
        expression.precision,
        "text",
        text,
        expression.start,
        expression.end,
        future=found > published,
    )


def fallback(published: date | None) -> When:
    """No date in the text: the publication date, but never claimed to the day."""
    if published is None:
        return When(None, 3, "none")
    return When(published, 2, "publication")


def resolve_date(text: str, published: date) -> When:
    """Resolve a free date phrase ("late yesterday", "on Thursday night") against a date."""
    found = find_date_expressions(text)
    if not found:
        return When(None, 3, "none", text)
    return resolve_expression(found[0], published)
