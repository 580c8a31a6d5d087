"""An event dated by the days between it and another dated event: "arrested Thursday, a day
after he shot his friend" (the shooting was on Wednesday), "charged Friday, five days after
Emma Wallace was shot" (the Sunday before)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from thucydides.when.expressions import NUMBER, DateExpression
from thucydides.when.resolve import days_in

# "the day after" is a day after; "a few days after" says no day.
VAGUE = {"a few", "several"}
_APART = re.compile(
    rf"\b(?P<count>the|{NUMBER})\s+(?P<unit>days?|weeks?)\s+(?P<way>after|before)\b",
    re.IGNORECASE,
)


def days_apart(
    trigger: Token, sentence: Span, expressions: list[DateExpression]
) -> tuple[DateExpression, int] | None:
    """The date expression of the other event and the days from it to the trigger's, where the
    sentence tells the other event, dated, and then how long after or before it the
    trigger's came ("<date> ..., N days after <trigger>"): the trigger after those words, the
    date before them, and no other date between them and the trigger."""
    origin = sentence.start_char
    for found in _APART.finditer(sentence.text[: trigger.idx - origin]):
        start, end = origin + found.start(), origin + found.end()
        if any(end <= e.start < trigger.idx for e in expressions):
            continue
        before = [e for e in expressions if e.end <= start]
        if not before:
            continue
        count = " ".join(found["count"].lower().split())
        if count in VAGUE:
            continue
        count = "a" if count == "the" else count
        days = days_in(count, found["unit"])
        return before[-1], -days if found["way"].lower() == "after" else days
    return None
