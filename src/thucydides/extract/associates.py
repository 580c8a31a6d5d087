"""ACLED's names for the organisations behind crowds ("BNP: Bangladesh Nationalist Party"),
from what a report calls them ("BNP", "the Bangladesh Nationalist Party").

The aliases are learned by `python -m thucydides.extract.train_associates`; a name they do
not know is kept as the report writes it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s$")


def alias_key(text: str) -> str:
    """'the Aam Aadmi Party's' -> 'aam aadmi party'."""
    bare = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(text.split())))
    return bare.strip(" ,(").lower()


@cache
def _aliases() -> tuple[dict[str, str], re.Pattern | None, re.Pattern | None]:
    path = resources.files("thucydides.extract").joinpath("data", "associates.json")
    aliases: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["aliases"]
    by_key = {alias_key(a): name for a, name in aliases.items()}
    names = sorted({_LEADING_THE.sub("", a).strip(" ,(") for a in aliases}, key=len, reverse=True)
    # Acronyms match as written ("AAP", not "aap"); names in any case.
    upper = [re.escape(a) for a in names if a.isupper()]
    other = [re.escape(a) for a in names if not a.isupper()]

    def pattern(parts: list[str], flags: int) -> re.Pattern | None:
        return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", flags) if parts else None

    return by_key, pattern(upper, 0), pattern(other, re.IGNORECASE)


def acled_name(text: str) -> str:
    """The ACLED name of an organisation as a report names it, or the report's own name."""
    by_key, _, _ = _aliases()
    return by_key.get(alias_key(text)) or _LEADING_THE.sub("", text.strip())


def known_in(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(ACLED name, start, end) of each known organisation named in `text`, in order."""
    by_key, upper, other = _aliases()
    found = []
    taken: list[tuple[int, int]] = []
    for pattern in (p for p in (other, upper) if p is not None):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((by_key[alias_key(match.group())], start + offset, end + offset))
    return sorted(found, key=lambda item: item[1])
