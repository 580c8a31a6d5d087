"""A document's text, read once; text lowercased for fast searches."""

from __future__ import annotations

import re

from spacy.tokens import Doc

_KEY = "thucydides.text"
# Letters that only a case-insensitive match equates with an ASCII one: dotless i, long s.
_CASELESS_ONLY = re.compile("[\u0131\u017f]")


def text_of(doc: Doc) -> str:
    """`doc.text`, kept with the document: spaCy joins every token afresh on each read (a few
    milliseconds for a news article), and several stages read it."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def lowered(text: str) -> str | None:
    """`text.lower()`, where a case-sensitive search of it with lowercase patterns finds at
    the same offsets what a case-insensitive search of `text` finds; None where lowercasing
    moves offsets ("\u0130") or `text` holds a letter only a case-insensitive match equates
    with an ASCII one. Python's case-insensitive matching of long alternations is two to
    four times slower."""
    folded = text.lower()
    if len(folded) != len(text) or _CASELESS_ONLY.search(text):
        return None
    return folded
