"""The persons a report names in telling an event: who fired, who was shot, who was arrested.

A person is shot or killed once; a report weeks later (a hearing, a trial, a funeral) names
them again, though the day it gives is its own ("Jimerson was convicted Wednesday of
killing Nicholas Lindsay"). The persons named in full in the event's sentence count, but not
who tells of it (the subject of "said", who it is "according to"), anyone named with an
office ("Sheriff Chuck Wright", "Mayor Sly James": officials speak of many events), nor the
perpetrator the event's actor names ("forces loyal to Khalifa Haftar" fight many battles).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from thucydides.extract.attribution import SAY
from thucydides.extract.mention import TextSpan
from thucydides.extract.syntax import span_of
from thucydides.geo.gazetteer import FACILITY_WORDS, ROUTE_WORDS

# Offices a name is given with, as English writes them before it.
OFFICES = frozenset(
    {
        "agent", "attorney", "capt", "captain", "chief", "commissioner", "coroner", "cpl",
        "corporal", "councilman", "councilwoman", "deputy", "det", "detective", "director",
        "dr", "gov", "governor", "judge", "justice", "lieutenant", "lt", "mayor", "minister",
        "officer", "ofc", "pastor", "president", "professor", "prosecutor", "rep",
        "representative", "rev", "reverend", "secretary", "sen", "senator", "sergeant",
        "sgt", "sheriff", "spokesman", "spokesperson", "spokeswoman", "superintendent",
        "supt", "trooper",
    }
)  # fmt: skip
# Words that stay lower case inside a person's name.
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "el", "ibn", "la", "le", "van", "von"}
)
# Words for roads and buildings, and street types the gazetteer's road words lack ("Russett
# Place"): no part of a person's name.
_NOT_IN_NAMES = (
    ROUTE_WORDS
    | FACILITY_WORDS
    | {"alley", "circle", "court", "crescent", "place", "plaza", "terrace", "trail", "way"}
)
# The last word of an address ("4150 W. Madison St.", "Chester Ave."): the road words that
# are no surnames ("Lane", "Line"), and their abbreviations.
_ROAD_HEADS = (ROUTE_WORDS - {"lane", "line", "route", "corridor", "canal", "railway"}) | {
    "st",
    "ave",
    "rd",
    "dr",
    "hwy",
    "pkwy",
}


def a_road(noun: Token) -> bool:
    """Whether a proper noun ends the name of a road, an address the tagger may take for a
    person ("shot about 4150 W. Madison St.")."""
    return noun.lower_.rstrip(".") in _ROAD_HEADS


# Before or after a name, a credit for words or pictures, not a person in the story.
_CREDITS = frozenset({"by", "photo", "photos", "credit", "caption", "image", "video", "/"})
# A line with more of its words outside names capitalised than this is written in title case
# (a headline, of this story or another's), where the tagger takes any capitalised pair for a
# name ("Deadly Weekend").
_TITLE_CASE_SHARE = 0.6


def named_people(sentence: Span) -> list[Span]:
    """The persons named in full (first and last name at least) in a sentence, neither
    telling of its events nor named with an office nor credited; none in a line in title
    case."""
    if _in_title_case(sentence):
        return []
    return [
        ent
        for ent in sentence.ents
        if ent.label_ == "PERSON"
        and _full(ent)
        and not _credited(ent)
        and not _telling(ent)
        and not _in_office(ent)
    ]


def participants(trigger: Token, actor: TextSpan | None, named: list[Span]) -> tuple[TextSpan, ...]:
    """The persons `named` in the trigger's sentence (`named_people`), but those within
    `actor` (the span naming the event's perpetrator, and the words under it)."""
    acting = _perpetrator(trigger, actor)
    return tuple(span_of(_without_possessive(e)) for e in named if e.root.i not in acting)


def _perpetrator(trigger: Token, actor: TextSpan | None) -> set[int]:
    """The tokens of the phrase naming the perpetrator ("fighters led by Abubakar Shekau");
    none where the actor is the trigger's own word (no one named)."""
    span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand") if actor else None
    if span is None or trigger in span:
        return set()
    return {t.i for t in span.root.subtree}


def _full(ent: Span) -> bool:
    """A first and a last name at least, written as names are, no word for a road, a
    building or an office in it ("Russett Lane", "Ryder Trauma Center", "Horry County
    Coroner")."""
    words = [t for t in ent if t.is_alpha]
    return (
        sum(len(t) > 1 for t in words) >= 2
        and all(t.is_title or t.is_upper or t.lower_ in _PARTICLES for t in words)
        and not any(t.lower_ in _NOT_IN_NAMES or t.lower_ in OFFICES for t in words)
    )


def _in_title_case(sentence: Span) -> bool:
    words = [t for t in sentence if t.is_alpha and len(t) > 3 and not t.ent_type_]
    capitalised = sum(t.is_title or t.is_upper for t in words)
    return len(words) >= 3 and capitalised > _TITLE_CASE_SHARE * len(words)


def _credited(ent: Span) -> bool:
    """ "By Katherine Jarvis", "Photo: Brian A. Pounds", "(Eric Youngman/FOX5)"."""
    doc = ent.doc
    near = [doc[i] for i in (ent.start - 2, ent.start - 1, ent.end) if 0 <= i < len(doc)]
    return any(t.lower_ in _CREDITS for t in near) or "/" in ent.text


def _telling(ent: Span) -> bool:
    root = ent.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in SAY:
        return True
    return root.dep_ == "pobj" and any(a.lower_ == "according" for a in root.ancestors)


def _in_office(ent: Span) -> bool:
    before = ent.doc[ent.start - 1] if ent.start else None
    titles = [c for c in ent.root.children if c.dep_ == "compound" and c.i < ent.start]
    if before is not None:
        titles.append(before)
    return any(t.lower_.rstrip(".") in OFFICES for t in titles)


def _without_possessive(ent: Span) -> Span:
    return ent[:-1] if len(ent) > 1 and ent[-1].tag_ == "POS" else ent
