"""The date of each event mention, from its own expression, the event told before it, or the report."""

from __future__ import annotations

from datetime import date, timedelta

from thucydides.extract.mention import Mention
from thucydides.when.expressions import find_date_expressions
from thucydides.when.resolve import fallback, resolve_expression
from thucydides.when.when import When

# Older than this before publication, an event is history, not news.
HISTORY_DAYS = 60


def dates_for(mentions: list[Mention], published: date | None) -> list[When]:
    """One When per mention, in order.

    "Earlier" dates an event against the one told just before it, to the week. A mention with
    no expression takes the date of the event told before it; the first one, the report's
    date at week precision, never claimed to the day.
    """
    result: list[When] = []
    previous: When | None = None
    for mention in mentions:
        span = mention.date_span
        if span is None and previous is not None:
            # The story goes on about the same time until it says otherwise.
            when = When(previous.date, previous.precision, "previous event")
        elif span is None or published is None:
            when = fallback(published)
        elif mention.date_relative_to_previous:
            anchor = previous.date if previous and previous.date else published
            when = When(anchor, 2, "previous event", span.text, span.start, span.end)
        else:
            expression = find_date_expressions(span.text)
            when = fallback(published)
            if expression:
                e = expression[0]
                shifted = type(e)(span.start + e.start, span.start + e.end, e.text, e.precision)
                resolved = resolve_expression(shifted, published)
                if resolved.date is not None:
                    when = resolved
        if when.basis == "text":
            previous = when
        result.append(when)
    return result


def is_history(when: When, published: date | None) -> bool:
    return (
        when.basis == "text"
        and when.date is not None
        and published is not None
        and when.date < published - timedelta(days=HISTORY_DAYS)
    )
