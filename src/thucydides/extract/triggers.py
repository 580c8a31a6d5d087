"""Find event triggers in a sentence and the lexicon entry each one matches."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from thucydides.extract.lexicon import Lexicon, TriggerDef

ATTACK_VERBS = {
    "fire",
    "launch",
    "lob",
    "hurl",
    "throw",
    "hit",
    "land",
    "fall",
    "strike",
    "explode",
    "rain",
    "pound",
    "target",
}
PAIR_DEPS = {"prt", "dobj", "compound", "prep", "amod", "advmod"}


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def find_triggers(sentence: Span, lexicon: Lexicon) -> Iterator[tuple[Token, TriggerDef]]:
    for token in sentence:
        if token.pos_ not in ("VERB", "NOUN", "PROPN"):
            continue
        if token.ent_type_ in ("PERSON", "WORK_OF_ART", "DATE"):
            continue  # Jane Lynch, "Kill Bill", "on 6 March 2020"
        found = _match(token, lexicon)
        if found is None:
            continue
        if token.tag_ in ("VBN", "VBD") and any(c.dep_ == "det" for c in token.children):
            continue  # a participle standing for people: "parents of the disappeared"
        # A "noun" with a subject or an object is a verb the tagger misread ("shot Yadav dead").
        verbal = token.pos_ == "VERB" or any(c.dep_ in ("nsubj", "dobj") for c in token.children)
        pos = "VERB" if verbal else "NOUN"
        if pos not in found.pos:
            continue
        if pos == "NOUN" and found.nominal_needs_attack_verb:
            head = token.head
            if _lemma(head) not in ATTACK_VERBS and not any(
                _lemma(c) in ATTACK_VERBS for c in token.children
            ):
                continue
        yield token, found


def _pair_words(token: Token) -> Iterator[Token]:
    """Words that may complete the trigger's phrase, the object of its preposition too
    ("set on fire", "took to the streets"), also where the parser hangs the preposition on
    the trigger's object ("set a motorbike on fire")."""
    for other in token.children:
        if other.dep_ in PAIR_DEPS:
            yield other
            if other.dep_ == "prep":
                yield from (c for c in other.children if c.dep_ == "pobj")
            if other.dep_ == "dobj":
                for prep in (c for c in other.children if c.dep_ == "prep"):
                    yield from (c for c in prep.children if c.dep_ == "pobj")


def _match(token: Token, lexicon: Lexicon) -> TriggerDef | None:
    lemma = _lemma(token)
    for other in _pair_words(token) if lemma in lexicon.paired else ():
        pair = (lemma, _lemma(other)) if other.i > token.i else (_lemma(other), lemma)
        if pair in lexicon.double:
            return lexicon.double[pair]
    return lexicon.single.get(lemma) or lexicon.single.get(token.lower_)
