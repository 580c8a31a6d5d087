"""Fatalities and injuries as numbers, by ACLED's counting rules."""

from __future__ import annotations

from spacy.tokens import Span, Token

from thucydides.extract.mention import Count
from thucydides.extract.syntax import child, span_of
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
INJURED = {"injure", "wound", "hurt", "injury", "maim"}
MAX_CREDIBLE = 100_000


def number(token: Token) -> int | None:
    """The number a token states: '12', 'twelve', '1,200', 'dozens'."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        value = int(text)
        return value if value <= MAX_CREDIBLE else None
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    return VAGUE.get(text)


def _count_of(noun: Token) -> int | None:
    """How many a noun phrase counts: '5 people', 'dozens of people', 'at least 12'."""
    own = number(noun)
    if own is not None and (noun.like_num or noun.lower_ in VAGUE):
        return own
    nummod = child(noun, "nummod")
    if nummod is not None:
        return number(nummod)
    head = noun.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun:
        return number(noun.head.head)
    return None


def _victims(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if token.lemma_.lower() in ("die", "dead") or token.pos_ == "ADJ":
        found += [c for c in token.children if c.dep_ == "nsubj"]
    if token.dep_ in ("amod", "acl") and token.head.pos_ in ("NOUN", "NUM", "PROPN"):
        found.append(token.head)
    expanded = []
    for victim in found:
        expanded.append(victim)
        expanded.extend(c for c in victim.children if c.dep_ == "conj")
    return expanded


def casualties(sentence: Span) -> tuple[Count | None, Count | None]:
    """(fatalities, injured) stated in a sentence; the lowest figure where several are given."""
    results: dict[str, list[Count]] = {"fatal": [], "injured": []}
    for token in sentence:
        lemma = token.lemma_.lower()
        kind = "fatal" if lemma in FATAL else "injured" if lemma in INJURED else None
        if kind is None:
            continue
        total, spans = 0, []
        for victim in _victims(token):
            value = _count_of(victim)
            if value is not None:
                total += value
                spans.append(victim)
        if token.lemma_.lower() == "toll":
            continue
        if spans:
            first = min([*spans, token], key=lambda t: t.i)
            last = max([*spans, token], key=lambda t: t.i)
            results[kind].append(Count(total, span_of(sentence.doc[first.i : last.i + 1])))
    fatal = min(results["fatal"], key=lambda c: c.value, default=None)
    injured = min(results["injured"], key=lambda c: c.value, default=None)
    return fatal, injured
