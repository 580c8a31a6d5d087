"""The date of each event mention, from its own expression, the event told before it, or the report."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from thucydides.extract.mention import Mention
from thucydides.when.dateline import dateline_end
from thucydides.when.expressions import find_date_expressions
from thucydides.when.resolve import fallback, resolve_expression
from thucydides.when.stamps import is_timestamp
from thucydides.when.when import When

# Older than this before publication, an event is history, not news.
HISTORY_DAYS = 60
# A day named this close before publication, in a sentence of no event, dates the story.
STORY_DAYS = 7
# "a provincial official said today": the day of the telling, not of the event.
_TELLING = re.compile(
    r"\b(?:said|says|told|tells|announced|reported|added|stated|confirmed)\b[^.!?]{0,25}$",
    re.IGNORECASE,
)


def story_date(
    text: str, published: date | None, start: int = 0, aftermath: frozenset[int] = frozenset()
) -> When | None:
    """The first day the report names from `start` on (after its dateline) within STORY_DAYS
    before publication: "It happened around 11:30 a.m. Tuesday" dates the killing told
    before it without a date of its own; but not a day of what followed it ("he was charged
    Wednesday"; `aftermath`: where such days begin, `when.aftermath.aftermath_days`)."""
    if published is None:
        return None
    for expression in find_date_expressions(text[start:]):
        before = text[max(start, start + expression.start - 40) : start + expression.start]
        if (
            expression.precision != 1
            or _TELLING.search(before)
            or is_timestamp(text, start + expression.start, start + expression.end)
            or start + expression.start in aftermath
        ):
            continue
        when = resolve_expression(expression, published)
        if when.date is not None and 0 <= (published - when.date).days <= STORY_DAYS:
            return When(
                when.date,
                1,
                "story",
                expression.text,
                start + expression.start,
                start + expression.end,
            )
    return None


def dates_for(
    mentions: list[Mention], published: date | None, story: When | None = None
) -> list[When]:
    """One When per mention, in order.

    "Earlier" dates an event against the one told just before it, to the week. A mention with
    no expression takes the date of the event told before it; the first one, the day the
    story names (`story_date`), else the report's date at week precision, never claimed to
    the day.
    """
    result: list[When] = []
    previous: When | None = None
    for mention in mentions:
        span = mention.date_span
        if span is None and previous is not None:
            # The story goes on about the same time until it says otherwise.
            when = When(previous.date, previous.precision, "previous event")
        elif span is None and story is not None:
            when = story
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
                    when = replace(
                        resolved, date=resolved.date + timedelta(days=mention.days_from_date)
                    )
        if when.basis == "text" and not (when.precision == 3 and is_history(when, published)):
            # A day long past still dates what the story goes on to tell of it (a report of
            # the trial: "Smith was shot on March 13, 2013. The shooting ..."), but a month or
            # a year told in passing ("In 1994 he was convicted") is no time the story is in.
            previous = when
        result.append(when)
    return result


def report_dates(
    mentions: list[Mention],
    text: str,
    published: date | None,
    aftermath: frozenset[int] = frozenset(),
) -> list[When]:
    """A report's mentions dated as the pipeline dates them: by their own expressions, else
    the event told before, else the day the story names after its dateline (of an event, not
    of what followed it: `aftermath`, see `story_date`)."""
    story = story_date(text, published, dateline_end(text), aftermath)
    return dates_for(mentions, published, story)


def is_history(when: When, published: date | None) -> bool:
    return (
        when.basis == "text"
        and when.date is not None
        and published is not None
        and when.date < published - timedelta(days=HISTORY_DAYS)
    )
