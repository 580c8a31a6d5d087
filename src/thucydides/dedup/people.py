"""A person's name as two reports of one event both write it: "Anna Marie Goode", "Anna
Goode" and "ANNA GOODE'S" are one person; an initial or a "Jr." tells no one apart."""

from __future__ import annotations

import re

from thucydides.event import Event

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_key(name: str) -> str | None:
    """First and last name, lower case; None for less than both."""
    words = [
        w
        for w in (w.lower().removesuffix("'s").removesuffix("\u2019s") for w in _WORD.findall(name))
        if len(w) > 1 and w not in _SUFFIXES
    ]
    return f"{words[0]} {words[-1]}" if len(words) >= 2 else None


def people_keys(event: Event) -> frozenset[str]:
    return frozenset(k for k in map(person_key, event.people) if k is not None)


def add_people(known: list[str], names: list[str]) -> list[str]:
    """`known` with the names of persons not in it yet, in order."""
    keys = {person_key(n) for n in known}
    merged = list(known)
    for name in names:
        key = person_key(name)
        if key is not None and key not in keys:
            keys.add(key)
            merged.append(name)
    return merged
