"""The remembered attribute ruler and lemmatizer give exactly what spaCy's own components give."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.attributes import NAME, RememberedAttributes, remember_attributes
from thucydides.nlp.pipeline import ModelMissingError, shipped_model

# Every kind of exception the ruler of en_core_web_sm has: contractions, "there was",
# pronoun case by dependency, auxiliaries, determiners as pronouns, space tokens.
TEXTS = [
    "There was a big fire in the city. There were two blasts, and there is no word yet.",
    "I told them it wasn't over; you ain't seen nothing, they said, and we're gonna stay.",
    "Police had arrested 12 protesters, who had gathered outside the ministry in Kabul.",
    "Did they fire? They did.  Gunmen got away.\n\nThe army gets reinforcements; that was it.",
    "Protesters staged a sit-in. Let's go, y'all said; c'mon, somethin' is wrong with 'em.",
    "Militants stormed the base, killing three soldiers and wounding five.\n \n",
]


def _stock() -> Language:
    try:
        return shipped_model()
    except ModelMissingError:
        pytest.skip("no English spaCy model installed")


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.dep_, t.lemma_, t.head.i) for t in doc]


def _remembered() -> Language:
    nlp = _stock()
    remember_attributes(nlp)
    return nlp


def test_same_annotations_as_spacy_when_learning_and_when_remembering():
    stock, remembered = _stock(), _remembered()
    expected = [_annotations(d) for d in stock.pipe(TEXTS)]
    first = [_annotations(d) for d in remembered.pipe(TEXTS)]
    # Second time round every window is known: the answers come from memory alone.
    again = [_annotations(d) for d in remembered.pipe(TEXTS)]
    assert first == expected
    assert again == expected
    component = remembered.get_pipe(NAME)
    assert isinstance(component, RememberedAttributes)
    assert component._ruled and component._lemmas


def test_memories_start_again_when_full(monkeypatch):
    monkeypatch.setattr("thucydides.nlp.attributes.MAX_REMEMBERED", 5)
    stock, remembered = _stock(), _remembered()
    expected = [_annotations(d) for d in stock.pipe(TEXTS)]
    assert [_annotations(d) for d in remembered.pipe(TEXTS)] == expected
    # Emptied before a document once past 5 entries: never more than one document's words on top.
    bound = 5 + max(len(doc) for doc in expected)
    component = remembered.get_pipe(NAME)
    memories = (component._listed_words, component._ruled, component._lemmas)
    assert all(len(m) <= bound for m in (*memories, component.lemmatizer.cache))


def test_remembered_lemmas_outlive_the_memory_zone():
    # A hash made inside a memory zone is forgotten when it closes; a remembered lemma given
    # back as that hash broke the next batch ("Can't retrieve string for hash").
    stock, remembered = _stock(), _remembered()
    text = "Rebels shelled the outskirts, and shellings continued as villagers fled."
    expected = _annotations(stock(text))
    for _ in range(3):
        with remembered.memory_zone():
            assert _annotations(remembered(text)) == expected


def test_the_project_pipeline_remembers(nlp):
    assert NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
