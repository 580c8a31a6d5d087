"""Fatalities and injuries as numbers, by ACLED's counting rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from thucydides.extract.mention import Count, TextSpan
from thucydides.extract.syntax import child, nobody, span_of
from thucydides.numbers import WORD_NUMBERS

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
FATAL = {"kill", "die", "dead", "slay", "death", "murder", "behead", "execute", "massacre", "lynch"}
INJURED = {"injure", "wound", "hurt", "injury", "maim", "hospitalize", "hospitalise"}
# "fatally shot", "mortally wounded"
DEADLY_ADVERBS = {"fatally", "mortally"}
# One person each: "he was shot", "killing himself".
SINGLE_PRONOUNS = {"he", "she", "him", "her", "himself", "herself"}
SINGLE_DETERMINERS = {"a", "an", "another", "the", "this", "that", "one"}
# Entities a victim phrase names that are not a person.
NOT_PEOPLE = {"GPE", "ORG", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"}
MAX_CREDIBLE = 100_000
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
    """The number a token states: '12', 'twelve', '1,200', 'dozens'."""
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
    nummod = child(noun, "nummod")
    if nummod is not None:
        return nummod
    # "both men", but not "both Smith and Jones" (each counted as named)
    both = next((c for c in noun.children if c.dep_ == "det" and c.lower_ == "both"), None)
    if both is not None and not any(c.dep_ == "conj" for c in noun.children):
        return both
    head = noun.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun:
        return noun.head.head
    return None


def _own_victims(token: Token) -> list[Token]:
    # "pronounced dead": the state, not a victim
    found = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ != "dead"]
    if token.lemma_.lower() in ("die", "dead") or token.pos_ == "ADJ":
        found += [c for c in token.children if c.dep_ == "nsubj"]
    return found


def _victims(token: Token) -> list[Token]:
    found = _own_victims(token)
    head = token.head
    if token.dep_ in ("amod", "acl") and head.pos_ in ("NOUN", "NUM", "PROPN"):
        found.append(head)
    elif not found and head is not token and head.pos_ in ("VERB", "AUX"):
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "oprd", "dobj", "ccomp"):
            # "a toddler is dead", "two people were shot dead", "pronounced dead"
            found = _victims(head) or [c for c in head.children if c.dep_ == "nsubj"]
        elif token.dep_ == "conj":
            # "a man was shot and killed", "he was shot and died": the first verb's victims
            found = [c for c in _victims(head) if c.dep_ == "nsubjpass"] or (
                [c for c in head.children if c.dep_ == "nsubj"]
                if token.lemma_.lower() == "die"
                else []
            )
    expanded = []
    for victim in found:
        expanded.append(victim)
        expanded.extend(c for c in victim.children if c.dep_ == "conj")
    return expanded


def _how_many(victim: Token) -> tuple[int | None, Token | None]:
    """How many people a victim phrase counts, and the numeral that says so: a number
    ('5 people', 'dozens'), or one for a single person ('a teen', 'a 17-year-old', 'his wife',
    'Kendra Hill', 'he'). A plural with no number ('civilians were killed') gives none."""
    # "no one was hurt", "none were killed": no count of anyone.
    if victim.lower_ in SHARES or nobody(victim):
        return None, None
    numeral = _numeral_of(victim)
    if numeral is not None:
        return (None if absurd(numeral) else number(numeral)), numeral
    if victim.lower_ in SINGLE_PRONOUNS:
        return 1, None
    # "A 14-year-old was shot", parsed with the article as the victim and the age its modifier.
    if victim.lower_ in SINGLE_DETERMINERS and any(c.dep_ == "amod" for c in victim.children):
        return 1, None
    if victim.pos_ == "PROPN":
        return (1, None) if victim.ent_type_ == "PERSON" else (None, None)
    determined = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in SINGLE_DETERMINERS)
        for c in victim.children
    )
    singular = victim.pos_ == "ADJ" or "Sing" in victim.morph.get("Number")
    if determined and singular and victim.ent_type_ not in NOT_PEOPLE:
        return 1, None
    return None, None


def _kind(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    deadly = any(c.lower_ in DEADLY_ADVERBS for c in token.children if c.dep_ == "advmod")
    if lemma in FATAL or (deadly and (lemma in INJURED or lemma == "shoot")):
        return "fatal"
    if lemma in INJURED:
        return "injured"
    if lemma == "shoot" and token.pos_ == "VERB":
        # Shot and not said to have died here ("shot dead", "shot and killed" are settled in
        # `casualties`).
        return "shot"
    return None


def casualties(sentence: Span) -> Casualties:
    """Fatalities and injured stated in a sentence, the lowest figure where several are
    given; and the people shot whom it does not say died."""
    results: dict[str, list[tuple[Count, set[int]]]] = {"fatal": [], "injured": [], "shot": []}
    rejected: list[TextSpan] = []
    for token in sentence:
        kind = _kind(token)
        if kind is None or token.lemma_.lower() == "toll":
            continue
        total, spans = 0, []
        for victim in _victims(token):
            value, numeral = _how_many(victim)
            if numeral is not None and absurd(numeral):
                rejected.append(span_of(numeral))
            if value is not None:
                total += value
                spans.append(victim)
        if spans:
            first = min([*spans, token], key=lambda t: t.i)
            last = max([*spans, token], key=lambda t: t.i)
            count = Count(total, span_of(sentence.doc[first.i : last.i + 1]))
            results[kind].append((count, {t.i for t in spans}))
    dead = set().union(*(victims for _, victims in results["fatal"]))
    return Casualties(
        fatalities=min((c for c, _ in results["fatal"]), key=lambda c: c.value, default=None),
        injured=min((c for c, _ in results["injured"]), key=lambda c: c.value, default=None),
        rejected=tuple(rejected),
        shot=max(
            (c for c, v in results["shot"] if not v & dead), key=lambda c: c.value, default=None
        ),
    )
