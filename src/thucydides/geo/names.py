"""Name normalisation shared by the gazetteer index and the lookups against it."""

from __future__ import annotations

import re

from unidecode import unidecode

_APOSTROPHES = re.compile(r"[ʿʾʻ’'`´‘]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(al|el|ad|ar|as|at|an|az|ash|ath)\s+")
# Words that say what kind of place a name is; removed from the name, kept as a hint.
TYPE_WORDS = {
    "province": "admin1",
    "governorate": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
    "prefecture": "admin1",
    "district": "admin2",
    "county": "admin2",
    "municipality": "admin2",
    "city": "city",
    "town": "city",
    "village": "city",
}
# Words of direction: a name made of them alone ("Northern", "South East") is no place
# on its own inside a longer name or before a kind of place.
COMPASS = frozenset(
    ["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
     "northeast", "northwest", "southeast", "southwest", "upper", "lower"]
)  # fmt: skip
# US states' postal codes, as local news writes them after a town ("CONWAY, SC"): alone they
# are words too ("IN", "OK", "ME"), so they stand for a state only after a town and a comma.
US_POSTAL_CODES = frozenset(
    ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
     "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
     "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
     "VT", "VA", "WA", "WV", "WI", "WY"]
)  # fmt: skip
# A name's first word written short or in full: GeoNames has "Mount Pleasant, Iowa" but not
# "Mt. Pleasant", and "Mt Pleasant" (Vancouver) but not "Mount Pleasant" for it.
_SHORT_AND_FULL = (("mt", "mount"), ("ft", "fort"), ("st", "saint"), ("ste", "sainte"))
_OTHER_FORM = {a: b for pair in _SHORT_AND_FULL for a, b in (pair, pair[::-1])}
_TYPE_SUFFIX = re.compile(r"\s+(" + "|".join(TYPE_WORDS) + r")$")
_TYPE_PREFIX = re.compile(r"^(" + "|".join(TYPE_WORDS) + r")\s+of\s+")


def normalise(name: str) -> str:
    """Lowercase ASCII words: 'Al-Mawṣil' -> 'al mawsil', 'Nīnawá' -> 'ninawa'."""
    folded = unidecode(_APOSTROPHES.sub("", name)).lower()
    return _NON_WORD.sub(" ", folded).strip()


def variants(name: str) -> list[str]:
    """Index keys for a name: itself and without a leading Arabic article."""
    key = normalise(name)
    if not key:
        return []
    keys = [key]
    bare = _ARTICLE.sub("", key)
    if bare != key and len(bare) >= 3:
        keys.append(bare)
    return keys


def spellings(key: str) -> list[str]:
    """A normalised name and, where its first word has a short form or a full one, the name
    with the other ('mt pleasant' -> ['mt pleasant', 'mount pleasant'])."""
    first, _, rest = key.partition(" ")
    other = _OTHER_FORM.get(first)
    return [key, f"{other} {rest}"] if other and rest else [key]


def split_type(name: str) -> tuple[str, str | None]:
    """'Ninevah province' -> ('ninevah', 'admin1'); 'city of Mosul' -> ('mosul', 'city')."""
    key = normalise(name)
    hint = None
    match = _TYPE_SUFFIX.search(key)
    if match and match.start() > 0:
        hint = TYPE_WORDS[match.group(1)]
        key = key[: match.start()]
    match = _TYPE_PREFIX.match(key)
    if match:
        hint = TYPE_WORDS[match.group(1)]
        key = key[match.end() :]
    return _ARTICLE.sub("", key) if _ARTICLE.sub("", key) else key, hint
