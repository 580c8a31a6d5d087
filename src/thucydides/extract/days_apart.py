"""An event dated by the days between it and another dated event: "arrested Thursday, a day
after he shot his friend" (the shooting was on Wednesday), "charged Friday, five days after
Emma Wallace was shot" (the Sunday before)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from thucydides.numbers import WORD_NUMBERS
from thucydides.when.expressions import DateExpression

_APART = re.compile(
    r"\b(?P<count>the|\d{1,2}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
    r"\s+(?P<unit>days?|weeks?)\s+(?P<way>after|before)\b",
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
        count = found["count"].lower()
        days = 1 if count == "the" else int(count) if count.isdigit() else WORD_NUMBERS[count]
        if found["unit"].lower().startswith("week"):
            days *= 7
        return before[-1], -days if found["way"].lower() == "after" else days
    return None
