"""Which language a text is in (py3langid: offline, about 0.5 ms a text)."""

from __future__ import annotations

import re

import py3langid

# The classifier's time grows with the sample (1.25 ms for 3,000 characters, 0.46 for 1,000);
# on the 181 pages of the article-extraction benchmark (eight languages) 1,000 characters
# give the same language as 3,000 for every page.
SAMPLE_CHARS = 1000
# Short English reports dense with names ("One Rank One Pension OROP continued in
# Yamunanagar") can read as English creoles to the classifier; function words settle it.
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "is",
        "was",
        "were",
        "are",
        "has",
        "have",
        "had",
        "been",
        "that",
        "this",
        "which",
        "who",
        "after",
        "before",
        "during",
        "against",
        "over",
        "into",
        "it",
        "its",
        "their",
        "his",
        "her",
    ]
)
MIN_FUNCTION_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language; None for text too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    code, _score = py3langid.classify(sample)
    if code != "en":
        words = [w.lower() for w in _WORD.findall(sample)]
        if (
            words
            and sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words) >= MIN_FUNCTION_SHARE
        ):
            return "en"
    return code
