"""Weapons named in an event's sentence."""

from __future__ import annotations

import re
from functools import cache

from thucydides.extract.lexicon import load_lexicon
from thucydides.extract.mention import TextSpan, Weapon


@cache
def _pattern() -> re.Pattern:
    names = sorted(load_lexicon().weapons, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in names)
    return re.compile(rf"\b({alternatives})(?:e?s)?\b", re.IGNORECASE)


def weapons_in(text: str, offset: int) -> tuple[Weapon, ...]:
    """Each distinct weapon once, with where it was first named."""
    lexicon = load_lexicon().weapons
    seen: dict[str, Weapon] = {}
    for match in _pattern().finditer(text):
        key = re.sub(r"[\s-]+", " ", match.group(1).lower())
        key = next((k for k in lexicon if re.sub(r"[\s-]+", " ", k) == key), key)
        name = lexicon.get(key)
        if name and name not in seen:
            span = TextSpan(offset + match.start(), offset + match.end(), match.group())
            seen[name] = Weapon(name, span)
    return tuple(seen.values())
