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
    joined_to = -1  # the last word of a hyphenated trigger, no trigger of its own ("gun-fight")
    for token in sentence:
        if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.i == joined_to:
            continue
        if token.ent_type_ in ("PERSON", "WORK_OF_ART", "DATE"):
            continue  # Jane Lynch, "Kill Bill", "on 6 March 2020"
        found = _match(token, lexicon)
        if found is None:
            continue
        joined_to = trigger_words(token, lexicon).end - 1
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


def _hyphenated(token: Token) -> Span | None:
    """The word a hyphen makes of the token and the next ("shoot-out", "fire-fights"), where
    the tokenizer split it."""
    doc = token.doc
    if token.i + 2 >= len(doc) or token.whitespace_ or doc[token.i + 1].tag_ != "HYPH":
        return None
    return None if doc[token.i + 1].whitespace_ else doc[token.i : token.i + 3]


def _joined(token: Token) -> str | None:
    """A hyphenated word as the lexicon writes it whole ("shoot-outs": "shootout")."""
    word = _hyphenated(token)
    return None if word is None else token.lower_ + _lemma(word[-1])


def trigger_words(token: Token, lexicon: Lexicon) -> Span:
    """What a trigger found at a token covers: the token, or the hyphenated word it begins
    where the lexicon knows that word whole."""
    word = _hyphenated(token)
    if word is not None and _joined(token) in lexicon.single:
        return word
    return token.doc[token.i : token.i + 1]


def _match(token: Token, lexicon: Lexicon) -> TriggerDef | None:
    lemma = _lemma(token)
    joined = _joined(token)
    if joined is not None and joined in lexicon.single:
        return lexicon.single[joined]
    for other in _pair_words(token) if lemma in lexicon.paired else ():
        pair = (lemma, _lemma(other)) if other.i > token.i else (_lemma(other), lemma)
        if pair in lexicon.double:
            return lexicon.double[pair]
    return lexicon.single.get(lemma) or lexicon.single.get(token.lower_)
