"""Fatalities and injuries as numbers, by ACLED's counting rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from thucydides.extract.lexicon import load_lexicon
from thucydides.extract.mention import Count, TextSpan
from thucydides.extract.people import a_road
from thucydides.extract.syntax import (
    child,
    infinitive,
    nobody,
    prep_object,
    shares_subject,
    span_of,
)
from thucydides.numbers import MULTIPLIERS, ORDINAL_NUMBERS, WORD_NUMBERS

# ACLED's fixed numbers for vague words.
VAGUE = {
    "several": 10,
    "many": 10,
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "numerous": 10,
    "some": 10,
}
FATAL = {
    "kill", "die", "dead", "deceased", "slay", "death", "murder", "behead",
    "execute", "massacre", "lynch",
}  # fmt: skip
INJURED = {"injure", "wound", "hurt", "injury", "maim", "hospitalize", "hospitalise"}
# Words of dying whose subject is the one who died: "he died", "a toddler is dead", "she
# succumbed to her wounds".
DYING = {"die", "dead", "deceased", "succumb"}
# Nouns of a killing whose victims follow "of": "the killing of two farmers".
NOMINAL_KILLINGS = {"killing", "slaying", "murder", "death", "homicide"}
# What strikes a person who is shot: "struck by a stray bullet", "hit by gunfire".
SHOTS = {"bullet", "gunfire", "round", "shot", "gunshot", "fire", "shrapnel", "pellet"}
# Where a person is hit: "hit in the leg", "struck in the shoulder".
BODY_PARTS = {
    "head", "face", "eye", "jaw", "neck", "shoulder", "arm", "elbow", "wrist", "hand",
    "finger", "chest", "back", "side", "stomach", "abdomen", "torso", "hip", "groin",
    "buttock", "leg", "thigh", "knee", "ankle", "foot",
}  # fmt: skip
# Verbs of firing that an "-ing" clause of striking completes: "fired ..., hitting four".
FIRING = {"fire", "shoot", "spray", "open"}
# "suffered a gunshot wound", "sustained fatal injuries"
SUFFER = {"suffer", "sustain", "receive"}
WOUND_NOUNS = {"wound", "injury"}
FATAL_ADJECTIVES = {"fatal", "deadly", "mortal", "life-ending"}
REFLEXIVES = {"himself", "herself", "themselves"}
# "in critical condition": the state of someone hurt.
CONDITIONS = {"critical", "stable", "serious", "fair", "grave", "guarded"}
# Participles a headline writes after a number: "5 hurt", "3 dead".
PARTICIPLES = {
    "killed": "fatal", "dead": "fatal", "hurt": "injured", "injured": "injured",
    "wounded": "injured",
}  # fmt: skip
CONTENT_POS = {"VERB", "NOUN", "ADJ", "PROPN"}
# Who is sent, rushed, taken or carried "to the hospital" was hurt.
HOSPITAL_VERBS = {"send", "rush", "take", "transport", "airlift"}
# The lemmas of the words `_kind` reads, besides a verb done "to death".
HARM_LEMMAS = (
    FATAL
    | INJURED
    | DYING
    | SUFFER
    | HOSPITAL_VERBS
    | {"shoot", "hit", "strike", "treat", "commit", "turn"}
)
# A relative pronoun stands for the noun its clause hangs on: "four people who were shot".
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# "was not seriously hurt" says someone was hurt; "was not hurt" that no one was.
DEGREE_ADVERBS = {"seriously", "critically", "badly", "severely", "gravely", "fatally"}
# What gunfire hits besides people: "two cars were hit by gunfire".
STRUCK_THINGS = {
    "car",
    "vehicle",
    "truck",
    "van",
    "bus",
    "house",
    "home",
    "residence",
    "apartment",
    "building",
    "window",
    "wall",
    "door",
    "business",
    "store",
}
# "fatally shot", "mortally wounded"
DEADLY_ADVERBS = {"fatally", "mortally"}
# One person each: "he was shot", "killing himself".
SINGLE_PRONOUNS = {"he", "she", "him", "her", "himself", "herself"}
SINGLE_DETERMINERS = {"a", "an", "another", "the", "this", "that", "one"}
# Entities a victim phrase names that are not a person.
NOT_PEOPLE = {"GPE", "ORG", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"}
MAX_CREDIBLE = 100_000
# What an age is written in after its number: "a 17 y/o boy", "a 3 yr old".
AGE_UNITS = {"y", "yr", "yrs", "yo", "y/o", "year", "years"}
# "killing up to 60 percent of the population": a share, not a count of people.
SHARES = {"percent", "%", "cent", "percentage"}
# Figures a count cannot honestly be: more than MAX_CREDIBLE, or written in scientific notation.
_NUMERAL = re.compile(r"\d[\d,]*(\.\d+)?(e[+-]?\d+)?")


@dataclass(frozen=True, slots=True)
class Casualties:
    """A sentence's counts, and the figures it gives that are not credible as counts."""

    fatalities: Count | None
    injured: Count | None
    rejected: tuple[TextSpan, ...] = ()
    # People shot whom the sentence does not say died: the injured, unless the report says
    # elsewhere that some of them died ("four people were shot ... one died").
    shot: Count | None = None


def absurd(token: Token) -> bool:
    """'1e308', '99999999999999999999999': a numeral no report of casualties can mean."""
    text = token.lower_.replace(",", "")
    if not _NUMERAL.fullmatch(text):
        return False
    return "e" in text or float(text) > MAX_CREDIBLE


def number(token: Token) -> int | None:
    """The number a token states: '12', 'twelve', '1,200', 'dozens'; none in a time or a
    date ("the child died about 7 a.m.Saturday", its "a.m." run into the day), but a number of
    people the tagger took into an age ("Two 17-year-old boys")."""
    if token.ent_type_ in ("TIME", "DATE") and not (
        token.dep_ == "nummod" and token.head.ent_type_ not in ("TIME", "DATE")
    ):
        return None
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return None if absurd(token) else int(text)
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    if text == "both":
        return 2
    return VAGUE.get(text)


def _numeral_of(noun: Token) -> Token | None:
    """The token that says how many a noun phrase counts: '5 people', 'dozens of people',
    'both men'."""
    if absurd(noun) or (
        number(noun) is not None
        and (noun.like_num or noun.lower_ in VAGUE or noun.lower_ == "both")
    ):
        return noun
    # The number nearest the noun: "tells 13 News two people were shot", parsed with both
    # numbers on "people".
    nummod = max((c for c in noun.children if c.dep_ == "nummod"), key=lambda c: c.i, default=None)
    # "Larry Watkins Jr. 26": a person's name takes an age, not a count; so does "the 17
    # y/o boy"
    if (
        nummod is not None
        and not (noun.tag_ == "NNP" and noun.ent_type_ == "PERSON")
        and not (nummod.i + 1 < len(noun.doc) and noun.doc[nummod.i + 1].lower_ in AGE_UNITS)
    ):
        return nummod
    if noun.lower_ == "total" and (counted := prep_object(noun, "of")) is not None:
        # "a total of six people"
        return _numeral_of(counted)
    # "both men", but not "both Smith and Jones" (each counted as named)
    both = next((c for c in noun.children if c.dep_ == "det" and c.lower_ == "both"), None)
    if both is not None and not any(c.dep_ == "conj" for c in noun.children):
        return both
    head = noun.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        return None
    # "two of the injured", not "the family of the boy"
    if _partitive(noun) and number(noun.head.head) is not None:
        return noun.head.head
    return None


def _antecedent(victim: Token) -> Token:
    """'four people who were shot': the people, not 'who'."""
    if victim.lower_ in RELATIVE_PRONOUNS and victim.head.dep_ == "relcl":
        return victim.head.head
    return victim


def _subjects(token: Token) -> list[Token]:
    """Who suffered or did a thing: its subject, else the noun its participle qualifies ('a
    man suffering from a gunshot wound'), else the subject of the clause it completes."""
    found = [c for c in token.children if c.dep_ == "nsubj"]
    if found:
        return found
    head = token.head
    if token.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return [head]
    if token.dep_ in ("advcl", "xcomp", "conj") and head is not token:
        return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def _own_victims(token: Token) -> list[Token]:
    lemma = token.lemma_.lower()
    if _counted_participle(token) is not None:
        return [token]
    if (times := _multiplied(token)) is not None:
        return [times]
    if _fatally(token):
        return [token]
    if (killed := _nominal_killing(token)) is not None:
        return [killed]
    if _hurt_state(token):
        # "found two women with gunshot wounds", "a man with a gunshot wound", "the victim
        # remains in critical condition"
        holder = token.head.head
        if holder.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return [_antecedent(holder)]
        victims = [c for c in holder.children if c.dep_ in ("nsubjpass", "dobj")]
        return [_antecedent(v) for v in victims or _subjects(holder)]
    if lemma == "turn":
        # "turned the gun on himself"
        target = prep_object(token, "on")
        return [target] if target is not None and target.lower_ in REFLEXIVES else []
    if lemma in SUFFER or lemma == "commit":
        return [_antecedent(v) for v in _subjects(token)]
    # "pronounced dead": the state, not a victim
    found = [
        c
        for c in token.children
        if c.dep_ in ("nsubjpass", "dobj") and c.lower_ not in ("dead", "deceased")
    ]
    if _dying(token) or token.pos_ == "ADJ":
        found += [c for c in token.children if c.dep_ == "nsubj"]
    elif not found:
        # "2 killed and 4 wounded", "one man was killed, three others injured": a number
        # that did nothing, or the subject of a participle left without its "were", is
        # the count of the victims.
        elided = not any(c.dep_ in ("aux", "auxpass") for c in token.children) and (
            token.tag_ == "VBN"
            # "left a man dead and three other teenagers wounded", tagged as a past tense
            # that has no object
            or (token.tag_ == "VBD" and child(token, "dobj") is None and lemma in HARM_LEMMAS)
        )
        found = [
            c
            for c in token.children
            if (
                (
                    c.dep_ == "nsubj"
                    # "found one man dead and another wounded"
                    and (
                        c.pos_ == "NUM"
                        or (elided and (_numeral_of(c) is not None or c.lower_ == "another"))
                    )
                )
                # "left one person dead and six injured"
                or (c.dep_ == "npadvmod" and c.pos_ == "NUM" and elided)
            )
            # "4 killed, 5 hurt", parsed with both numbers the subjects of "hurt": the 4 are
            # counted by their own participle
            and not any(
                d.dep_ in ("acl", "amod") and d.lemma_.lower() in HARM_LEMMAS for d in c.children
            )
        ]
    return [_antecedent(v) for v in found]


def _victims(token: Token) -> list[Token]:
    found = _own_victims(token)
    head = token.head
    left = None if found else _left_in_state(token)
    if left is not None and left.i != head.i:
        # "a shooting which left six others injured", the participle hung on "shooting"
        found = [left]
    elif token.dep_ in ("amod", "acl") and head.pos_ in ("NOUN", "NUM", "PROPN"):
        # "the injured man", "a man shot by police": the noun described; not where the
        # participle has victims of its own ("One dead, four others wounded") or is what
        # someone means to do ("a right to kill my son")
        if not found and not infinitive(token) and not _partitive(head):
            # A description after its noun is of that noun alone ("left one dead and two
            # others in critical condition"); one before it, of the nouns joined to it that
            # are not counted or determined apart ("the injured man and woman", not "one
            # deceased male and a second male")
            return [head] + (
                []
                if token.i > head.i
                else [
                    c
                    for c in head.children
                    if c.dep_ == "conj" and not any(d.dep_ in ("det", "nummod") for d in c.children)
                ]
            )
    elif left is not None:
        found = [left]
    elif not found and head is not token and head.pos_ in ("VERB", "AUX"):
        if token.dep_ == "oprd" or (
            token.pos_ == "ADJ" and token.dep_ in ("acomp", "dobj", "ccomp")
        ):
            # "a toddler is dead", "two people were shot dead", "pronounced dead", "left two
            # injured", and "the boy suffered a wound and was dead", whose "was" shares the
            # subject of the verb it is joined to
            found = _victims(head) or [c for c in head.children if c.dep_ == "nsubj"]
            if not found and shares_subject(head):
                found = [c for c in head.head.children if c.dep_ == "nsubj"]
        elif token.dep_ == "conj":
            # "a man was shot and killed", "he was shot and died", "a woman who was shot
            # and killed": the first verb's victims
            passive = {_antecedent(c) for c in head.children if c.dep_ == "nsubjpass"}
            found = [c for c in _victims(head) if c in passive] or (
                [c for c in head.children if c.dep_ == "nsubj"] if _dying(token) else []
            )
    expanded: list[Token] = []
    for victim in found:
        numeral = _numeral_of(victim)
        counted = numeral is not None and (number(numeral) or 0) > 1
        # "Two of those men, Todd Thompson and Vincent Dipina, died": the names are the two.
        listed = _listed_names(victim)
        others = listed + [
            c
            for person in (victim, *listed)
            for c in person.children
            if c.dep_ == "conj" and not (counted and c.pos_ == "PROPN")
        ]
        for person in (victim, *others):
            # the victims of "found" in "a man and his daughter were found dead" come
            # already with the daughter
            if person not in expanded:
                expanded.append(person)
    return expanded


def _left_in_state(token: Token) -> Token | None:
    """'a shooting that left four men wounded', whose participle the parser may hang on any
    verb of the sentence: the people just before it, left or found in that state."""
    if token.tag_ not in ("VBN", "JJ") or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.dep_ == "dobj" and before.head.lemma_.lower() in ("leave", "find"):
        return before
    return None


def _passed_away(token: Token) -> bool:
    """'the child passed away': died."""
    return token.lemma_.lower() == "pass" and any(
        c.lower_ == "away" and c.dep_ in ("prt", "advmod") for c in token.children
    )


def _dying(token: Token) -> bool:
    """A word of dying whose subject died: 'he died', 'a toddler is dead', 'passed away'."""
    return token.lemma_.lower() in DYING or _passed_away(token)


def _listed_names(victim: Token) -> list[Token]:
    """'David Jones, 19, Leonard Andrews, 21, and Jamari Brooks, 17, were wounded', parsed
    with the second name set beside the first: a name beside a name is another person."""
    if victim.ent_type_ != "PERSON" or victim.pos_ != "PROPN":
        return []
    return [
        c
        for c in victim.children
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
    ]


def _partitive(noun: Token) -> bool:
    """'Two of the injured skateboarders': some of people counted elsewhere, not a count."""
    # ("the killing of two farmers" is no part of them)
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head != noun
        and noun.head.head.lemma_.lower() not in NOMINAL_KILLINGS
    )


def _some_of(victim: Token) -> bool:
    """'two of them', 'three of the victims': a part of people counted as a whole."""
    return _partitive(victim) or prep_object(victim, "of") is not None


def _nth(victim: Token) -> int | None:
    """'A fourth victim has died': so four are dead."""
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in victim.children):
        return None
    return next(
        (ORDINAL_NUMBERS[c.lower_] for c in victim.children if c.lower_ in ORDINAL_NUMBERS), None
    )


def _how_many(victim: Token) -> tuple[int | None, Token | None]:
    """How many people a victim phrase counts, and the numeral that says so: a number
    ('5 people', 'dozens'), or one for a single person ('a teen', 'a 17-year-old', 'his wife',
    'Kendra Hill', 'he'). A plural with no number ('civilians were killed') gives none."""
    # "no one was hurt", "none were killed": no count of anyone.
    # ...nor a killing shot ("the shooting death of ...").
    if (
        victim.lower_ in SHARES
        or nobody(victim)
        or victim.lemma_.lower() in STRUCK_THINGS | NOMINAL_KILLINGS
    ):
        return None, None
    numeral = _numeral_of(victim)
    if numeral is not None:
        return (None if absurd(numeral) else number(numeral)), numeral
    if victim.lower_ in SINGLE_PRONOUNS or (victim.lower_ == "another" and victim.pos_ == "PRON"):
        return 1, None
    if victim.lower_ in MULTIPLIERS:
        # "a quadruple shooting", parsed with the number as the noun the shooting qualifies
        return MULTIPLIERS[victim.lower_], victim
    # "An 18-year-old girl and 3-year-old were injured": an age standing for a person
    if victim.lower_ == "old" and any(c.lower_ == "year" for c in victim.children):
        return 1, None
    # "A 14-year-old was shot", parsed with the article as the victim and the age its modifier.
    if victim.lower_ in SINGLE_DETERMINERS and any(c.dep_ == "amod" for c in victim.children):
        return 1, None
    if victim.pos_ == "PROPN":
        if a_road(victim):
            # "shot about 4150 W. Madison St.", the address taken for a person
            return None, None
        # "Marcus Hill, 24,": a name with an age is a person's, whatever the tagger took it for
        aged = any(c.dep_ == "appos" and c.like_num for c in victim.children)
        return (1, None) if victim.ent_type_ == "PERSON" or aged else (None, None)
    # "the imam", and "the Markounda city imam", whose article the parser hangs on "city"
    words = [victim, *(c for c in victim.children if c.dep_ == "compound")]
    determined = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in SINGLE_DETERMINERS)
        for word in words
        for c in word.children
    )
    singular = victim.pos_ == "ADJ" or "Sing" in victim.morph.get("Number")
    if determined and singular and victim.ent_type_ not in NOT_PEOPLE:
        # "a couple were shot and killed": two people
        return (2 if victim.lower_ == "couple" else 1), None
    return None, None


def _suffered_wound(token: Token) -> Token | None:
    """'suffered a gunshot wound', 'suffering from fatal injuries': the wound."""
    wound = child(token, "dobj")
    if wound is None or wound.lemma_.lower() not in WOUND_NOUNS:
        wound = prep_object(token, "from")
    return wound if wound is not None and wound.lemma_.lower() in WOUND_NOUNS else None


def _fatal(wound: Token) -> bool:
    """'fatal injuries', not 'non-fatal injuries'."""
    return any(
        c.lower_ in FATAL_ADJECTIVES and not (c.i and c.doc[c.i - 1].text == "-")
        for c in wound.children
        if c.dep_ == "amod"
    )


def _took_own_life(token: Token) -> bool:
    """'committed suicide', 'turned the gun on himself'."""
    if token.lemma_.lower() == "commit":
        return any(c.dep_ == "dobj" and c.lemma_.lower() == "suicide" for c in token.children)
    if token.lemma_.lower() == "turn":
        weapon = child(token, "dobj")
        return weapon is not None and weapon.lemma_.lower() in ("gun", "weapon", "rifle", "pistol")
    return False


def _struck_by_shots(token: Token) -> bool:
    """'struck by a stray bullet', 'a bullet hit him', 'fired into the crowd, hitting four',
    'the child was hit in the leg'."""
    if token.lemma_.lower() not in ("hit", "strike") or token.pos_ != "VERB":
        return False
    by = prep_object(token, "by")
    subject = child(token, "nsubj")
    part = prep_object(token, "in")
    return (
        any(t is not None and t.lemma_.lower() in SHOTS for t in (by, subject))
        or (token.dep_ in ("advcl", "conj") and token.head.lemma_.lower() in FIRING)
        or (part is not None and part.lemma_.lower() in BODY_PARTS)
        or _people_hit(token)
    )


def _people_hit(verb: Token) -> bool:
    """'four men were hit', 'the girl was struck': people hit, and nothing said to have hit
    them but shots (not 'struck by a minivan', 'hit with a bat'; not 'the house was hit')."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    hitting = (prep_object(verb, "by"), prep_object(verb, "with"))
    if any(t is not None and t.lemma_.lower() not in SHOTS for t in hitting):
        return False
    hit = child(verb, "nsubjpass")
    return hit is not None and (
        hit.lower_ in SINGLE_PRONOUNS | {"they"}
        or hit.ent_type_ == "PERSON"
        or hit.lemma_.lower() in _people_words()
        or _age(hit) is not None
    )


@cache
def _people_words() -> frozenset[str]:
    """The lexicon's nouns for people, and those who were hurt."""
    civilians = load_lexicon().generic_nouns
    return frozenset(n for n, d in civilians.items() if d.kind == "civilians") | {"victim"}


def sent_to_hospital(token: Token) -> bool:
    """'sent four people to the hospital', 'were taken to area hospitals'."""
    if token.lemma_.lower() not in HOSPITAL_VERBS:
        return False
    place = prep_object(token, "to")
    return place is not None and place.lemma_.lower() == "hospital"


def _hurt_state(token: Token) -> bool:
    """A phrase that says someone was hurt, alive or not yet dead: 'with a gunshot wound',
    'treated for injuries', 'in critical condition'."""
    if token.dep_ != "pobj":
        return False
    lemma, preposition = token.lemma_.lower(), token.head.lower_
    if lemma in WOUND_NOUNS:
        return preposition in ("with", "for")
    return (
        lemma == "condition"
        and preposition == "in"
        and any(c.lower_ in CONDITIONS for c in token.children if c.dep_ == "amod")
    )


def _counted_participle(token: Token) -> str | None:
    """'5 hurt as wounded patron fires back': a headline's participle the parser took for a
    noun with a number, which counts the people."""
    if token.pos_ not in ("NOUN", "ADJ") or child(token, "nummod") is None:
        return None
    return PARTICIPLES.get(token.lower_)


def _multiplied(token: Token) -> Token | None:
    """'a double shooting': the word that says how many were shot."""
    if token.pos_ != "NOUN" or token.lemma_.lower() != "shooting":
        return None
    return next(
        (c for c in token.children if c.dep_ in ("amod", "compound") and c.lower_ in MULTIPLIERS),
        None,
    )


def _nominal_killing(token: Token) -> Token | None:
    """'the shooting death of 16-year-old Javon Reilly', 'the killing of two farmers': the
    person or people killed, where the words say they are people (a name, a number, an
    age)."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in NOMINAL_KILLINGS:
        return None
    killed = prep_object(token, "of")
    if killed is None:
        return None
    # A name, an age, or a number of people: not a year ("the first homicide of 2017"), a
    # thing, or a number in an age written after its noun ("the death of 3 yr old").
    age = _age(killed)
    person = (
        (killed.ent_type_ == "PERSON" and killed.pos_ == "PROPN")
        or (age is None and killed.pos_ == "NOUN" and _numeral_of(killed) is not None)
        or (age is not None and age.i < killed.i)
    )
    return killed if person else None


def _age(noun: Token) -> Token | None:
    """'a 14-year-old boy': the "old" of the age a noun is written with."""
    return next((c for c in noun.children if c.dep_ == "amod" and c.lower_ == "old"), None)


def _fatally(token: Token) -> bool:
    """'four people were shot, one fatally', 'two of them fatally': a number of the dead."""
    return token.pos_ == "NUM" and any(
        c.dep_ == "advmod" and c.lower_ in DEADLY_ADVERBS for c in token.children
    )


def _denied(token: Token) -> bool:
    """'He was not injured', but not 'he was not seriously injured'."""
    return any(c.dep_ == "neg" for c in token.children) and not any(
        c.dep_ == "advmod" and c.lower_ in DEGREE_ADVERBS for c in token.children
    )


def _kind(token: Token) -> str | None:
    if _fatally(token):
        return "fatal"
    # Only a content word tells of harm; most of a sentence's words are passed at once.
    if token.pos_ not in CONTENT_POS or _denied(token):
        return None
    if token.dep_ == "pobj" and _hurt_state(token):
        return "fatal" if _fatal(token) else "shot"
    if token.lower_ in PARTICIPLES and (participle := _counted_participle(token)) is not None:
        return participle
    if _multiplied(token) is not None:
        return "shot"
    lemma = token.lemma_.lower()
    if _nominal_killing(token) is not None:
        return "fatal"
    # "succumbed to his injuries" (not to an illness), "shot to death", "beaten to death"
    to = prep_object(token, "to") if token.pos_ == "VERB" else None
    if _passed_away(token):
        return "fatal"
    if lemma not in HARM_LEMMAS:
        return "fatal" if to is not None and to.lower_ == "death" else None
    if lemma == "succumb":
        return "fatal" if to is not None and to.lemma_.lower() in WOUND_NOUNS else None
    deadly = any(c.lower_ in DEADLY_ADVERBS for c in token.children if c.dep_ == "advmod")
    if (
        lemma in FATAL
        or (deadly and (lemma in INJURED or lemma == "shoot"))
        or (to is not None and to.lower_ == "death")
        or _took_own_life(token)
    ):
        return "fatal"
    if lemma in SUFFER and (wound := _suffered_wound(token)) is not None:
        return "fatal" if _fatal(wound) else "shot"
    if lemma in INJURED:
        return "injured"
    if (lemma == "shoot" and token.pos_ == "VERB") or _struck_by_shots(token):
        # Shot and not said to have died here ("shot dead", "shot and killed" are settled in
        # `casualties`).
        return "shot"
    if sent_to_hospital(token) and child(token, "dobj", "nsubjpass") is not None:
        return "shot"
    if lemma == "treat" and any(c.dep_ == "conj" and c.lemma_ == "release" for c in token.children):
        # "treated and released"
        return "shot"
    return None


def _with_own_death(
    counts: list[tuple[Count, set[int]]], sentence: Span
) -> list[tuple[Count, set[int]]]:
    """A doer who also took his own life ('shot and killed a girl before turning the gun on
    himself') is one dead besides the others: a count of himself alone adds to each."""
    doc = sentence.doc
    own = [(c, v) for c, v in counts if all(doc[i].lower_ in REFLEXIVES for i in v)]
    others = [(c, v) for c, v in counts if (c, v) not in own]
    if not own or not others:
        return counts
    himself = own[0][0]
    joined = []
    for count, victims in others:
        start = min(count.span.start, himself.span.start)
        end = max(count.span.end, himself.span.end)
        first = doc.char_span(start, end, alignment_mode="expand")
        span = span_of(first) if first is not None else count.span
        joined.append((Count(count.value + himself.value, span), victims | own[0][1]))
    return joined


def casualties(sentence: Span) -> Casualties:
    """Fatalities and injured stated in a sentence, the lowest figure where several are
    given; and the people shot whom it does not say died."""
    results: dict[str, list[tuple[Count, set[int]]]] = {"fatal": [], "injured": [], "shot": []}
    rejected: list[TextSpan] = []
    partial: dict[str, list[Count]] = {kind: [] for kind in results}
    for token in sentence:
        kind = _kind(token)
        if kind is None or token.lemma_.lower() == "toll":
            continue
        total, spans = 0, []
        for victim in _victims(token):
            value, numeral = _how_many(victim)
            nth = _nth(victim) if kind == "fatal" and value == 1 else None
            if numeral is not None and absurd(numeral):
                rejected.append(span_of(numeral))
            if value is not None:
                total += nth or value
                spans.append(victim)
        if spans:
            first = min([*spans, token], key=lambda t: t.i)
            last = max([*spans, token], key=lambda t: t.i)
            count = Count(total, span_of(sentence.doc[first.i : last.i + 1]))
            results[kind].append((count, {t.i for t in spans}))
            if all(_some_of(t) for t in spans):
                partial[kind].append(count)
    for kind, counts in results.items():
        # "left four people injured, two of them seriously hurt": the two are among the four
        whole = [(c, v) for c, v in counts if c not in partial[kind]]
        if whole:
            results[kind] = whole
    results["fatal"] = _with_own_death(results["fatal"], sentence)
    dead = set().union(*(victims for _, victims in results["fatal"]))
    return Casualties(
        fatalities=min((c for c, _ in results["fatal"]), key=lambda c: c.value, default=None),
        injured=min((c for c, _ in results["injured"]), key=lambda c: c.value, default=None),
        rejected=tuple(rejected),
        shot=max(
            (c for c, v in results["shot"] if not v & dead), key=lambda c: c.value, default=None
        ),
    )
