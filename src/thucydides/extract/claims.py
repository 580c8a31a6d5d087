"""Who a report says is behind its violence, in words of their own: "IS claimed responsibility
for the attack", "the blast was attributed to Boko Haram", "authorities believe the BIFF is
behind the attack", "the device was planted by JNIM militants"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from thucydides.extract.syntax import prep_object, subject_of

# Verbs whose agent did what the report tells: "planted by", "carried out by".
DOING_LEMMAS = {"plant", "place", "lay", "carry", "perpetrate", "commit", "orchestrate"}
# Verbs that lay what was done at someone's door: "attributed to", "blamed on".
BLAMING = {"attribute": "to", "blame": "on"}


def claimant(sentence: Span) -> Token | None:
    """The noun of the one a sentence says did or claimed its violence, or None."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            continue
        subject, passive = subject_of(token)
        # "a bombing attributed to Boko Haram": a participle is passive.
        passive = passive or (token.dep_ == "acl" and token.tag_ == "VBN")
        if lemma == "claim" and not passive:
            claimed = [c for c in token.children if c.dep_ == "dobj"]
            if subject is not None and any(c.lemma_.lower() == "responsibility" for c in claimed):
                return subject
        elif lemma in BLAMING and passive:
            blamed = prep_object(token, BLAMING[lemma])
            if blamed is not None:
                return blamed
        elif lemma == "be" and subject is not None and prep_object(token, "behind") is not None:
            return subject
        elif lemma in DOING_LEMMAS and passive:
            agent = prep_object(token, "by")
            if agent is not None:
                return agent
    return None
