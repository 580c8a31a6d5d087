"""Days that date what followed an event, not the event."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from thucydides.when.expressions import find_date_expressions

# What follows a killing in law and in mourning: a day told with these ("On Wednesday, he was
# charged with murder", "testified Thursday about the shooting", "pleaded guilty Tuesday to a
# July shooting", "a warrant was issued Monday", "bail was denied", "the judge ruled Friday")
# is theirs, not the event's.
AFTERMATH_VERBS = frozenset(
    {
        "arrest",
        "charge",
        "arraign",
        "indict",
        "convict",
        "sentence",
        "plead",
        "testify",
        "acquit",
        "extradite",
        "jail",
        "book",
        "detain",
        "identify",
        "name",
        "reveal",
        "recall",
        "remember",
        "mourn",
        "bury",
        "honor",
        "honour",
        "release",
        "question",
        "file",
        "waive",
        "appear",
        "confess",
        "connect",
        "link",
        "issue",
        "schedule",
        "postpone",
        "deny",
        "rule",
        "dismiss",
        "deliberate",
    }
)


def dates_what_followed(root: Token) -> bool:
    """Whether the date expression whose root this is dates a verb of what followed an event
    ("charged Wednesday", "On Wednesday, he was charged"). A subordinate clause the parser
    made the sentence's root ("On 17 June 2022, ... protested ... after one perpetrator was
    released") is not trusted with the sentence's opening date."""
    verb = root.head.head if root.head.pos_ == "ADP" else root.head
    misparsed = verb.dep_ == "ROOT" and any(c.dep_ == "mark" for c in verb.children)
    return verb.lemma_.lower() in AFTERMATH_VERBS and not misparsed


def aftermath_days(doc: Doc) -> frozenset[int]:
    """Where the date expressions of the text that date what followed an event begin."""
    found = set()
    for expression in find_date_expressions(doc.text):
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is not None and dates_what_followed(span.root):
            found.add(expression.start)
    return frozenset(found)
