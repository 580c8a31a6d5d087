"""A document's text, read once."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "thucydides.text"


def text_of(doc: Doc) -> str:
    """`doc.text`, kept with the document: spaCy joins every token afresh on each read (a few
    milliseconds for a news article), and several stages read it."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
