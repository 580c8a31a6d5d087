"""Is a mention a new, specific event, or background, a generality, a threat, a denial?"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.extract.counts import INJURED, sent_to_hospital
from thucydides.extract.mention import Status
from thucydides.extract.syntax import nobody
from thucydides.numbers import MULTIPLIERS

TEMPORAL_PREPS = {
    "after",
    "following",
    "since",
    "amid",
    "before",
    "despite",
    "ahead",
    "like",
}
GENERIC_MODIFIERS = {
    "frequent",
    "repeated",
    "regular",
    "ongoing",
    "occasional",
    "sporadic",
    "daily",
    "constant",
    "continued",
    "continuing",
    "periodic",
    "routine",
    "numerous",
    "countless",
    "recurring",
    "past",
    "previous",
    "future",
    "possible",
    "further",
    "more",
    "such",
    "similar",
    "any",
}
MODALS = {"will", "would", "could", "may", "might", "should", "shall", "can", "must"}
INTENT_HEADS = {
    "threaten",
    "plan",
    "vow",
    "warn",
    "intend",
    "prepare",
    "plot",
    "want",
    "seek",
    "urge",
    "call",
    "demand",
    "fear",
}
DENIAL_HEADS = {"deny", "refute", "reject"}
# Killed, died, or any way of hurt the counts read ("injured", "hospitalized").
CASUALTY_VERBS = {"kill", "die"} | INJURED
# What people are left in: "are dead after a shooting", "confirmed dead".
CASUALTY_STATES = {"dead", "injured", "wounded", "hurt", "hospitalized", "hospitalised"}
# What the police or the medics do about an event just told: "deputies are investigating
# following a shooting", "officers responded after a shooting".
ANSWERING_VERBS = {"investigate", "respond"}
# Verbs that make a bare plural a happening ("held protests", "clashes erupted"), not a habit.
PARTICIPATING_VERBS = {"take", "participate", "join", "engage"}
ANCHORING_VERBS = {
    "hold",
    "stage",
    "organise",
    "organize",
    "carry",
    "conduct",
    "erupt",
    "break",
    "occur",
    "take",
    "hurl",
    "throw",
    "fire",
    "detonate",
    "explode",
    "lob",
    "plant",
    "trigger",
    "spark",
    "witness",
    "see",
    "rock",
    "hit",
    "leave",
    "kill",
    "injure",
    "continue",
    "start",
    "begin",
    "launch",
    "resume",
    "observe",
    "call",
    "join",
    "mount",
    "intensify",
    "spread",
    "report",
    "record",
    "register",
    "attend",
    "employ",
    "deploy",
    "use",
}


def _modal(aux: Token) -> bool:
    """'may', 'could'; not the month the parser may take for one ('missing since 7 May
    blocked the highway')."""
    return aux.lower_ in MODALS and not (aux.text == "May" and not aux.is_sent_start)


def status_of(trigger: Token, has_own_date: bool) -> Status:
    if any(c.dep_ == "neg" for c in trigger.children) or _none_of_it(trigger):
        return "negated"
    chain = [trigger]
    token = trigger
    while (
        token.dep_ in ("xcomp", "ccomp", "conj", "acomp") and token.head != token and len(chain) < 4
    ):
        token = token.head
        chain.append(token)
    for token in chain:
        lemma = token.lemma_.lower()
        if token != trigger and lemma in INTENT_HEADS:
            return "hypothetical"
        if token != trigger and lemma in DENIAL_HEADS:
            return "negated"
        if any(c.dep_ == "aux" and _modal(c) for c in token.children):
            return "hypothetical"
        if token != trigger and lemma in {"able", "manage"}:
            break
    # "a man facing shooting charges"; but "a late night shooting" and "a quadruple shooting"
    # are the parser taking the time or the number for the noun the shooting qualifies, or
    # hanging the shooting on a noun before the time ("women wounded in a late night shooting")
    if (
        trigger.tag_ == "VBG"
        and trigger.dep_ in ("acl", "amod", "relcl")
        and trigger.head.ent_type_ not in ("TIME", "DATE")
        and (trigger.i == 0 or trigger.nbor(-1).ent_type_ not in ("TIME", "DATE"))
        and trigger.head.lower_ not in MULTIPLIERS
    ):
        return "generic"
    if (
        trigger.dep_ == "pcomp"
        and trigger.head.lower_ in TEMPORAL_PREPS
        and not _told_as_news(trigger)
    ):
        return "background"
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _nominal_status(trigger, has_own_date)
    return "new"


def _none_of_it(trigger: Token) -> bool:
    """Said not to have happened by "no" or "no one": "no arrest had been made", "police
    made no arrests", "no one was hurt", "nobody has been arrested"."""
    for child in trigger.children:
        if child.dep_ == "det" and child.lower_ == "no":
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and nobody(child):
            return True
    return False


# The words that tell an event after what it left or what answered it.
AFTER = ("after", "following")


def what_they_died_of(trigger: Token) -> bool:
    """The event its casualties died or were hurt of, told after them: "Harger died at the
    scene after being shot", "a 16-year-old has died after a shooting" (not "protests
    resumed after the bombing", an earlier event)."""
    preposition = trigger.head
    return preposition.lower_ in AFTER and _tells_casualties(preposition.head)


def _told_as_news(trigger: Token) -> bool:
    """An event told after what it left (`what_they_died_of`), after what the police or the
    medics do about it ("the Sheriff's Office is investigating following a shooting at Club
    Brandy"), or as what a doer did next (`_then`): the news, not what went before it."""
    answered = trigger.head.lower_ in AFTER and trigger.head.head.lemma_.lower() in ANSWERING_VERBS
    return answered or what_they_died_of(trigger) or _then(trigger)


def _then(trigger: Token) -> bool:
    """What a doer did next, told after "before" a past deed of his ("left seven dead and one
    wounded before killing himself"): the same story, not what went before it."""
    preposition = trigger.head
    return (
        trigger.tag_ == "VBG"
        and preposition.lower_ == "before"
        and preposition.head.tag_ in ("VBD", "VBN")
    )


def _tells_casualties(word: Token) -> bool:
    """Whether a clause's verb tells people killed or hurt: "died", "were wounded", "are
    (confirmed) dead", "was hospitalized", "is in critical condition", "was taken to a
    hospital"."""
    if word.lemma_.lower() in CASUALTY_VERBS or sent_to_hospital(word):
        return True
    for child in word.children:
        if child.dep_ in ("acomp", "oprd") and child.lower_ in CASUALTY_STATES:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "in"
            and any(c.lemma_.lower() == "condition" for c in child.children)
        ):
            return True
    return False


def casualties_of(trigger: Token) -> bool:
    """People killed or hurt in it make a bare plural happen: "injured in twin explosions"."""
    preposition = trigger.head
    return (
        trigger.dep_ == "pobj"
        and preposition.lower_ in ("in", "during")
        and preposition.head.lemma_.lower() in CASUALTY_VERBS
    )


def _taken_part_in(trigger: Token) -> bool:
    """People took part in it, so it happened: "thousands took part in peace rallies"."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "in":
        return False
    head = trigger.head.head
    if head.lemma_.lower() == "part":
        head = head.head
    return head.lemma_.lower() in PARTICIPATING_VERBS


def _there_were(trigger: Token) -> bool:
    """Said to have happened, once: "there were armed clashes in the area" (not "there have
    been clashes", a state of affairs)."""
    head = trigger.head
    return (
        trigger.dep_ in ("attr", "nsubj")
        and head.lemma_.lower() == "be"
        and head.tag_ == "VBD"
        and any(c.dep_ == "expl" for c in head.children)
    )


def _nominal_status(trigger: Token, has_own_date: bool) -> Status:
    modifiers = {
        c.lemma_.lower() for c in trigger.children if c.dep_ in ("amod", "compound", "det")
    }
    if modifiers & GENERIC_MODIFIERS:
        return "generic"
    counted = any(c.dep_ == "nummod" for c in trigger.children)
    anchored = (
        (
            trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "ROOT")
            and (trigger.dep_ == "ROOT" or trigger.head.lemma_.lower() in ANCHORING_VERBS)
        )
        or casualties_of(trigger)
        or _taken_part_in(trigger)
        or _there_were(trigger)
    )
    if trigger.tag_ in ("NNS", "NNPS") and not counted and not anchored:
        return "generic"
    token = trigger
    while token.head != token and token.pos_ not in ("VERB", "AUX"):
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in TEMPORAL_PREPS
            and not _told_as_news(token)
        ):
            return "background"
        token = token.head
    det = next((c for c in trigger.children if c.dep_ in ("det", "poss")), None)
    if (
        det is not None
        and det.lower_ in ("the", "this", "that", "its", "their")
        and not has_own_date
    ):
        return "reference"
    return "new"
