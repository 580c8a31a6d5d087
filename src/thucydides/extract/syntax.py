"""Dependency-parse helpers: what a phrase is about, who the subject is, what stays in a clause."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from thucydides.clean.cleaner import PARAGRAPH_BREAK
from thucydides.extract.mention import TextSpan

QUANTIFIER_HEADS = {
    "dozen",
    "dozens",
    "several",
    "many",
    "some",
    "hundred",
    "hundreds",
    "score",
    "scores",
    "group",
    "number",
    "band",
    "bunch",
    "few",
    "thousand",
    "thousands",
    "handful",
    "all",
    "most",
    "none",
    "each",
    "one",
    "two",
    "three",
    "four",
    "five",
    "couple",
    "unit",
    "team",
}
# Dependencies that stay inside the clause of a trigger; clauses and subjects are left out.
LOCAL_DEPS = {
    "prep",
    "pobj",
    "dobj",
    "npadvmod",
    "compound",
    "amod",
    "appos",
    "nmod",
    "nummod",
    "det",
    "advmod",
    "pcomp",
    "attr",
    "oprd",
    "dative",
    "agent",
    "nsubjpass",
    "case",
    "quantmod",
    "acomp",
    "prt",
}
CLIMB_DEPS = {"xcomp", "conj", "acomp", "ccomp", "advcl"}


def span_of(tokens: Span | list[Token] | Token) -> TextSpan:
    if isinstance(tokens, Token):
        return TextSpan(tokens.idx, tokens.idx + len(tokens), tokens.text)
    if not len(tokens):
        raise ValueError("no tokens to span")
    if isinstance(tokens, Span):
        # A sentence is read from its ends inward, not turned into a list of its tokens.
        doc, first_i, last_i = tokens.doc, tokens.start, tokens.end - 1
        while last_i > first_i and doc[last_i].is_punct:
            last_i -= 1
        while last_i > first_i and doc[first_i].is_punct:
            first_i += 1
        first, last = doc[first_i], doc[last_i]
    else:
        while len(tokens) > 1 and tokens[-1].is_punct:
            tokens = tokens[:-1]
        while len(tokens) > 1 and tokens[0].is_punct:
            tokens = tokens[1:]
        first, last = tokens[0], tokens[-1]
        doc = first.doc
    start, end = first.idx, last.idx + len(last)
    # Doc.text rebuilds the whole document's text on every access; the span's own is cheap.
    return TextSpan(start, end, doc[first.i : last.i + 1].text)


def content_head(token: Token) -> Token:
    """'Dozens of militants' -> militants; 'several of the city's police stations' -> stations."""
    for _ in range(3):
        if token.lower_ not in QUANTIFIER_HEADS and not token.like_num:
            break
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is None:
            break
        token = pobj
    return token


def noun_phrase(token: Token) -> list[Token]:
    """The head noun with its left modifiers (determiners, adjectives, compounds)."""
    left = [t for t in token.subtree if t.i < token.i and t.dep_ not in ("punct", "cc")]
    start = min((t.i for t in left), default=token.i)
    return list(token.doc[start : token.i + 1])


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb, climbing through 'were able to X', 'managed to X', 'X and Y'.

    Returns (subject, passive).
    """
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, False
            if child.dep_ == "nsubjpass":
                # "was shot and killed by a stranger": the second participle is passive too.
                return child, token == verb or verb.tag_ == "VBN"
        if token.dep_ not in CLIMB_DEPS or token.head == token:
            break
        token = token.head
    return None, False


def clause_verb(token: Token) -> Token:
    """The verb of the clause a word is in: itself if a verb, else the first verb above it."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


def local_tokens(trigger: Token) -> Iterator[Token]:
    """Tokens in the trigger's own clause: its objects, prepositional phrases and modifiers."""
    stack = [trigger]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ in LOCAL_DEPS)


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_object(token: Token, *preps: str) -> Token | None:
    # The parser marks the "by" of a passive as its agent: "killed by Taliban snipers".
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            pobj = child(prep, "pobj")
            if pobj is not None:
                return pobj
    return None


def infinitive(verb: Token) -> bool:
    """'to call for', 'a right to kill': a verb of what someone means to do."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def nobody(token: Token) -> bool:
    """Whether a noun phrase's head names no one at all: "no one", "nobody", "none", "no
    civilians"."""
    return token.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    )


def is_headline(sentence: Span) -> bool:
    """The report's first line, one sentence with no closing stop: its headline."""
    doc = sentence.doc
    first = next((t for t in doc if not t.is_space), None)
    words = [t for t in sentence if not t.is_space]
    if first is None or not words or words[0].i != first.i or words[-1].is_punct:
        return False
    # The line's break is the sentence's last token, or the one after it.
    rest = doc[words[-1].i + 1 : words[-1].i + 2]
    return not rest or (rest[0].is_space and PARAGRAPH_BREAK in rest[0].text)


def shares_subject(verb: Token) -> bool:
    """ "burst into a house and beat a student": one subject for both verbs."""
    return verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children)
