"""Repeated paragraphs: scrapers often paste a story's paragraphs twice, sometimes edited."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

NEAR_DUPLICATE_RATIO = 90.0
MIN_WORDS_FOR_NEAR = 6
_WORD = re.compile(r"\w+")


def fingerprint(paragraph: str) -> str:
    return " ".join(_WORD.findall(paragraph.lower()))


class ParagraphSeen:
    """Remembers kept paragraphs and says whether a new one repeats one of them."""

    def __init__(self) -> None:
        self._exact: set[str] = set()
        self._long: list[str] = []

    def repeats(self, paragraph: str) -> bool:
        key = fingerprint(paragraph)
        if not key:
            return False
        if key in self._exact:
            return True
        if key.count(" ") + 1 >= MIN_WORDS_FOR_NEAR:
            for seen in self._long:
                if fuzz.ratio(key, seen, score_cutoff=NEAR_DUPLICATE_RATIO):
                    return True
            self._long.append(key)
        self._exact.add(key)
        return False
