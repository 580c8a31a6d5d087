"""Who said it: the reporting verb above an event, or 'according to'."""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.extract.mention import Attribution
from thucydides.extract.syntax import child, prep_object, span_of

SAY = {
    "say",
    "tell",
    "report",
    "claim",
    "confirm",
    "add",
    "state",
    "announce",
    "allege",
    "quote",
    "disclose",
    "inform",
}


def attribution_of(trigger: Token, last_speaker: Attribution | None) -> Attribution | None:
    for ancestor in [trigger, *trigger.ancestors]:
        speaker = None
        if ancestor.lemma_.lower() in SAY and ancestor != trigger:
            speaker = child(ancestor, "nsubj")
        if speaker is None:
            according = next(
                (c for c in ancestor.children if c.dep_ == "prep" and c.lower_ == "according"), None
            )
            if according is not None:
                speaker = prep_object(according, "to") or child(according, "pobj")
                if speaker is None:
                    to = child(according, "prep")
                    speaker = child(to, "pobj") if to is not None else None
        if speaker is None:
            continue
        if speaker.pos_ == "PRON" and last_speaker is not None:
            return Attribution(last_speaker.speaker, last_speaker.anonymous, span_of(speaker))
        tokens = sorted(speaker.subtree, key=lambda t: t.i)
        text_span = span_of(tokens)
        anonymous = not any(t.pos_ == "PROPN" for t in tokens)
        return Attribution(text_span.text, anonymous, text_span)
    return None
