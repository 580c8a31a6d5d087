"""Weapons named in an event's sentence."""

from __future__ import annotations

import re
from functools import cache

from thucydides.extract.lexicon import load_lexicon
from thucydides.extract.mention import TextSpan, Weapon
from thucydides.nlp.text import lowered


@cache
def _pattern(flags: int) -> re.Pattern:
    """The lexicon's weapons (lowercase) in one pattern."""
    names = sorted(load_lexicon().weapons, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in names)
    return re.compile(rf"\b({alternatives})(?:e?s)?\b", flags)


def weapons_in(text: str, offset: int) -> tuple[Weapon, ...]:
    """Each distinct weapon once, with where it was first named."""
    lexicon = load_lexicon().weapons
    seen: dict[str, Weapon] = {}
    folded = lowered(text)
    caseless = folded is None
    pattern, searched = (_pattern(re.IGNORECASE), text) if caseless else (_pattern(0), folded)
    for match in pattern.finditer(searched):
        key = re.sub(r"[\s-]+", " ", match.group(1).lower())
        key = next((k for k in lexicon if re.sub(r"[\s-]+", " ", k) == key), key)
        name = lexicon.get(key)
        if name and name not in seen:
            span = TextSpan(
                offset + match.start(), offset + match.end(), text[match.start() : match.end()]
            )
            seen[name] = Weapon(name, span)
    return tuple(seen.values())
