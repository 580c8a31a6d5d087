"""Days that date what followed an event, not the event."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from thucydides.when.expressions import find_date_expressions

# What follows a killing in law, in mourning and in the telling: a day told with these ("On
# Wednesday, he was charged with murder", "testified Thursday about the shooting", "pleaded
# guilty Tuesday to a July shooting", "a warrant was issued Monday", "bail was denied", "the
# judge ruled Friday", "July 26: this article was updated") is theirs, not the event's.
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
        "update",
    }
)


# A state of the people or the inquiry that went on after an event: "remained in critical
# condition Friday", "an investigation was underway Thursday", "police were still on the
# scene Sunday"; not of a place or of the event itself ("Janakpur remained tense on Tuesday",
# "the hartal is underway").
STATE_VERBS = frozenset({"remain"})
STATE_WORDS = frozenset({"still", "underway"})
STATE_HOLDERS = frozenset(
    {
        "victim", "man", "woman", "boy", "girl", "teen", "teenager", "child", "person",
        "people", "officer", "police", "investigation", "investigator", "detective",
        "suspect", "gunman", "shooter", "family",
    }
)  # fmt: skip


def dates_what_followed(root: Token) -> bool:
    """Whether the date expression whose root this is dates a verb of what followed an event
    ("charged Wednesday", "On Wednesday, he was charged"), or a state that went on after it
    ("remained in critical condition Friday", "no arrests as of Thursday"). A subordinate
    clause the parser made the sentence's root ("On 17 June 2022, ... protested ... after
    one perpetrator was released") is not trusted with the sentence's opening date."""
    if root.head.lower_ == "of" and root.head.head.lower_ == "as":
        return True
    verb = root.head.head if root.head.pos_ == "ADP" else root.head
    misparsed = verb.dep_ == "ROOT" and any(c.dep_ == "mark" for c in verb.children)
    if misparsed:
        return False
    if verb.lemma_.lower() in AFTERMATH_VERBS:
        return True
    # the verb, and the one whose clause it completes ("were still on the scene, collecting")
    verbs = (verb, verb.head) if verb.dep_ in ("advcl", "xcomp") else (verb,)
    return any(
        (v.lemma_.lower() in STATE_VERBS or any(c.lower_ in STATE_WORDS for c in v.children))
        and any(_holds_state(c) for c in v.children if c.dep_ in ("nsubj", "nsubjpass"))
        for v in verbs
    )


def _holds_state(subject: Token) -> bool:
    """People or the inquiry, whose state after an event is no event."""
    return (
        subject.pos_ == "PRON"
        or subject.ent_type_ == "PERSON"
        or subject.lemma_.lower() in STATE_HOLDERS
        or any(c.lower_ == "old" for c in subject.children)
    )


def aftermath_days(doc: Doc) -> frozenset[int]:
    """Where the date expressions of the text that date what followed an event begin."""
    found = set()
    for expression in find_date_expressions(doc.text):
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is not None and dates_what_followed(span.root):
            found.add(expression.start)
    return frozenset(found)
