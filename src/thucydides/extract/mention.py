"""Mention: one report of an event inside one article, with every field's evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# off_topic: a trigger word used outside conflict ("Russia beat Croatia"), by the relevance model.
Status = Literal[
    "new",
    "background",
    "generic",
    "reference",
    "negated",
    "hypothetical",
    "future",
    "history",
    "off_topic",
]


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of an article's clean text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as the text names it and as ACLED would name it.

    `name` may hold "{country}" for actors named by kind ("Police Forces of {country}"),
    filled in once the event's country is known.
    """

    name: str
    inter: int
    span: TextSpan
    named_at: TextSpan | None = None
    # ACLED's associated actor: the organisation a crowd acts for or belongs to ("BJP
    # supporters", "activists of the BNP"), or the group that organised a protest.
    associate: str = ""
    associate_span: TextSpan | None = None
    # False where no words name the actor and ACLED's convention gives it ("a bomb exploded":
    # an unidentified armed group); `span` is then the trigger's.
    stated: bool = True
    # The nationality or country the words give a state force ("Pakistani forces", "troops
    # from Chad"), as written: its country, not the event's, fills `name`.
    nationality: str = ""


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    span: TextSpan


@dataclass(frozen=True, slots=True)
class Weapon:
    name: str
    span: TextSpan


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str
    anonymous: bool
    span: TextSpan


@dataclass(frozen=True, slots=True)
class Mention:
    trigger: TextSpan
    sentence: TextSpan
    disorder_type: str
    event_type: str
    sub_event_type: str
    cameo_code: str
    plover_type: str
    actor1: ActorRef | None
    actor2: ActorRef | None
    weapons: tuple[Weapon, ...]
    fatalities: Count | None
    injured: Count | None
    place_spans: tuple[TextSpan, ...]
    date_span: TextSpan | None
    date_relative_to_previous: bool
    attribution: Attribution | None
    status: Status
    confidence: float
    civilian_targeting: bool
    # Figures given as counts that no report can mean ("1e308 killed"): kept out, reported.
    rejected_counts: tuple[TextSpan, ...] = ()
    # People shot, dead or alive as the report goes on to say (`Casualties.shot`).
    shot: Count | None = None
    # The days from the day `date_span` names to the event's ("arrested Thursday, a day after
    # he shot his friend": -1; `extract/days_apart`).
    days_from_date: int = 0
    # The persons named as taking part (`extract/people.participants`).
    people: tuple[TextSpan, ...] = ()
    # Told in the report's headline (`extract/syntax.is_headline`), not its story.
    headline: bool = False
