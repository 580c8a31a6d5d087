"""Known names found in a text word by word, not by trying every alternative at every place.

Each alias is filed under its first word, lower-cased, longest first; a text is scanned word
by word and only the aliases starting with that word are tried there. Acronyms match as
written ("AAP", "CPC", not "aap"); other names in any case. The longest alias at the
leftmost place wins, and what it covers is not read again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

# Words as aliases begin with them ("CPI(M)", "A.P.", "Jamaat-e-Islami").
_WORD = re.compile(r"[^\W_][\w.'\u2019()-]*")
_WORD_END = re.compile(r"(?:['\u2019]s|[.)'\u2019-])+$")

T = TypeVar("T")


class AliasIndex(Generic[T]):
    def __init__(self, aliases: Iterable[tuple[str, T]]) -> None:
        filed: dict[str, list[tuple[int, re.Pattern, T]]] = defaultdict(list)
        for alias, value in aliases:
            first = _WORD.match(alias)
            if first is None:
                continue
            flags = 0 if alias.isupper() else re.IGNORECASE
            pattern = re.compile(rf"{re.escape(alias)}(?![\w-])", flags)
            filed[first.group().lower()].append((len(alias), pattern, value))
        self._by_first_word = {
            word: [(pattern, value) for _, pattern, value in sorted(found, key=lambda f: -f[0])]
            for word, found in filed.items()
        }

    def find(self, text: str) -> list[tuple[T, int, int]]:
        """(value, start, end) of each alias named in `text`, in order."""
        found = []
        end = 0
        for word in _WORD.finditer(text):
            if word.start() < end or (word.start() and text[word.start() - 1] in "-\u2019'"):
                continue
            key = word.group().lower()
            candidates = self._by_first_word.get(key) or self._by_first_word.get(
                _WORD_END.sub("", key), ()
            )
            for pattern, value in candidates:
                match = pattern.match(text, word.start())
                if match:
                    end = match.end()
                    found.append((value, match.start(), end))
                    break
        return found
