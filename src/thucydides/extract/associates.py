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

from thucydides.extract.mention import TextSpan

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s$")


def alias_key(text: str) -> str:
    """'the Aam Aadmi Party's' -> 'aam aadmi party'."""
    bare = _POSSESSIVE.sub("", _LEADING_THE.sub("", " ".join(text.split())))
    return bare.strip(" ,(").lower()


# Words as aliases begin with them ("CPI(M)", "A.P.", "Jamaat-e-Islami").
_WORD = re.compile(r"[^\W_][\w.'\u2019()-]*")
_WORD_END = re.compile(r"(?:['\u2019]s|[.)'\u2019-])+$")


@dataclass(frozen=True, slots=True)
class _Aliases:
    by_key: dict[str, str]
    # Each alias's first word, lower-cased -> the aliases starting with it, longest first, as
    # patterns: a sentence is scanned word by word, not matched against 1,800 alternatives.
    by_first_word: dict[str, list[re.Pattern]]


@cache
def _aliases() -> _Aliases:
    path = resources.files("thucydides.extract").joinpath("data", "associates.json")
    aliases: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["aliases"]
    by_key = {alias_key(a): name for a, name in aliases.items()}
    names = sorted({_LEADING_THE.sub("", a).strip(" ,(") for a in aliases}, key=len, reverse=True)
    by_first_word: dict[str, list[re.Pattern]] = {}
    for name in names:
        first = _WORD.match(name)
        if first is None:
            continue
        # Acronyms match as written ("AAP", not "aap"); names in any case.
        flags = 0 if name.isupper() else re.IGNORECASE
        by_first_word.setdefault(first.group().lower(), []).append(
            re.compile(rf"{re.escape(name)}(?![\w-])", flags)
        )
    return _Aliases(by_key, by_first_word)


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
    aliases = _aliases()
    found = []
    end = 0
    for word in _WORD.finditer(text):
        if word.start() < end or (word.start() and text[word.start() - 1] in "-\u2019'"):
            continue
        key = word.group().lower()
        patterns = aliases.by_first_word.get(key) or aliases.by_first_word.get(
            _WORD_END.sub("", key), ()
        )
        for pattern in patterns:
            match = pattern.match(text, word.start())
            if match:
                end = match.end()
                name = aliases.by_key[alias_key(match.group())]
                found.append((name, match.start() + offset, end + offset))
                break
    return found
