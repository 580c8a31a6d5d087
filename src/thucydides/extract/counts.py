"""Fatalities and injuries as numbers, by ACLED's counting rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from thucydides.extract.mention import Count, TextSpan
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
    return VAGUE.get(text)


def _numeral_of(noun: Token) -> Token | None:
    """The token that says how many a noun phrase counts: '5 people', 'dozens of people'."""
    if absurd(noun) or (number(noun) is not None and (noun.like_num or noun.lower_ in VAGUE)):
        return noun
    nummod = child(noun, "nummod")
    if nummod is not None:
        return nummod
    head = noun.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != noun:
        return noun.head.head
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


def casualties(sentence: Span) -> Casualties:
    """Fatalities and injured stated in a sentence; the lowest figure where several are given."""
    results: dict[str, list[Count]] = {"fatal": [], "injured": []}
    rejected: list[TextSpan] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        kind = "fatal" if lemma in FATAL else "injured" if lemma in INJURED else None
        if kind is None:
            continue
        total, spans = 0, []
        for victim in _victims(token):
            if victim.lower_ in SHARES:
                continue
            numeral = _numeral_of(victim)
            if numeral is not None and absurd(numeral):
                rejected.append(span_of(numeral))
                continue
            value = number(numeral) if numeral is not None else None
            if value is not None:
                total += value
                spans.append(victim)
        if token.lemma_.lower() == "toll":
            continue
        if spans:
            first = min([*spans, token], key=lambda t: t.i)
            last = max([*spans, token], key=lambda t: t.i)
            results[kind].append(Count(total, span_of(sentence.doc[first.i : last.i + 1])))
    return Casualties(
        fatalities=min(results["fatal"], key=lambda c: c.value, default=None),
        injured=min(results["injured"], key=lambda c: c.value, default=None),
        rejected=tuple(rejected),
    )
