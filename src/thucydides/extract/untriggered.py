"""The event of a report that tells it in words the trigger lexicon lacks.

"Members of a union held a press conference with banners", "soldiers had an encounter with
rebels": in the world's notes that no trigger word finds (0.11 of them, leaving one region
out), the event is told by the main verb of a sentence whose subject is an actor. Where a
report has no trigger word at all, the sentence whose main verb the relevance model is
surest tells of conflict, at least UNTRIGGERED_RELEVANCE and with an actor as its subject,
is taken as the event's; its type is the type model's to choose. A verb of saying tells of
the report, and one of an act under way ("police are investigating", "are looking for a
man") of what follows the event: neither is an event's. `thucydides eval events` reports
what it finds in the world's notes and in general news.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from thucydides.extract.attribution import SAY
from thucydides.extract.mention import ActorRef
from thucydides.extract.relevance import load_relevance_model, relevance_features
from thucydides.extract.syntax import subject_of

UNTRIGGERED_RELEVANCE = 0.9


def untriggered_event(
    sentences: Sequence[Span],
    contexts: Sequence[list[str]],
    ents: Sequence[Span],
    actor_of: Callable[[Token], ActorRef | None],
) -> tuple[int, Token] | None:
    """The sentence (its index) and main verb telling the report's event, or None where no
    sentence's verb is sure enough, with an actor as its subject. `contexts` are the
    sentences' `relevance.sentence_features`, `ents` the document's entities."""
    model = load_relevance_model()
    if model is None:
        return None
    best: tuple[float, int, Token] | None = None
    for i, (sentence, context) in enumerate(zip(sentences, contexts, strict=True)):
        verb = sentence.root
        if verb.pos_ != "VERB" or verb.tag_ == "VBG" or verb.lemma_.lower() in SAY:
            continue
        probability = model.probability(relevance_features(verb, ents, context))
        if probability < UNTRIGGERED_RELEVANCE or (best is not None and probability <= best[0]):
            continue
        subject, passive = subject_of(verb)
        if subject is not None and not passive and actor_of(subject) is not None:
            best = (probability, i, verb)
    return (best[1], best[2]) if best is not None else None
