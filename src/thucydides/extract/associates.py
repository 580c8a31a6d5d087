"""ACLED's names for the organisations behind crowds ("BNP: Bangladesh Nationalist Party"),
from what a report calls them ("BNP", "the Bangladesh Nationalist Party").

The aliases are learned by `python -m thucydides.training.associates`; a name they do
not know is kept as the report writes it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from thucydides.extract.aliases import AliasIndex
from thucydides.extract.mention import TextSpan

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s$")


def alias_key(text: str) -> str:
    """'the Aam Aadmi Party's' -> 'aam aadmi party'."""
    bare = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(text.split())))
    return bare.strip(" ,(").lower()


@dataclass(frozen=True, slots=True)
class _Aliases:
    by_key: dict[str, str]
    index: AliasIndex[str]


@cache
def _aliases() -> _Aliases:
    path = resources.files("thucydides.extract").joinpath("data", "associates.json")
    aliases: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["aliases"]
    by_key = {alias_key(a): name for a, name in aliases.items()}
    names = {_LEADING_THE.sub("", a).strip(" ,(") for a in aliases}
    return _Aliases(by_key, AliasIndex((name, by_key[alias_key(name)]) for name in names))


def joined(named: list[tuple[str, int, int]], text: str, offset: int = 0) -> tuple[str, TextSpan]:
    """ACLED's form for several associated actors ("BNP: ...; JeI: ..."), and the span of
    `text` (which starts at `offset`) that names them all."""
    start, end = min(s for _, s, _ in named), max(e for _, _, e in named)
    names = "; ".join(dict.fromkeys(name for name, _, _ in named))
    return names, TextSpan(start, end, text[start - offset : end - offset])


def acled_name(text: str) -> str:
    """The ACLED name of an organisation as a report names it, or the report's own name."""
    return _aliases().by_key.get(alias_key(text)) or _LEADING_THE.sub("", text.strip())


def known_in(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(ACLED name, start, end) of each known organisation named in `text`, in order."""
    return [
        (name, start + offset, end + offset) for name, start, end in _aliases().index.find(text)
    ]
