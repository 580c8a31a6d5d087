"""Areas that stand for places the gazetteer lacks: in "in Menda Nkwe village, Bamenda 1
subdivision (Mezam, Nord-Ouest)" the village is unknown, so the event is placed in Mezam, at
the precision of an area, never at its namesake town.

`locative.mark_places` writes which areas stand in and for what; resolution reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

_KEY = "thucydides.stand_ins"


@dataclass(frozen=True, slots=True)
class StandIn:
    name: str  # the name the gazetteer lacks
    name_start: int  # where the name starts in the text
    # The area's name is of one country: it says where the name is ("Mandera"; "Northern"
    # is a province of many).
    conclusive: bool
    # A part of the town that stands for it ("the Englewood neighborhood" of Chicago): the
    # event is in the town, at ACLED's precision 1.
    in_town: bool = False


def stand_in(area: Span, name: Span, conclusive: bool) -> None:
    """Record that `area` stands for `name`, a place the gazetteer lacks."""
    standing = area.doc.user_data.setdefault(_KEY, {})
    standing[area.start_char] = StandIn(name.text, name.start_char, conclusive)


def stood_for(doc: Doc) -> dict[int, StandIn]:
    """What each standing area stands for, by where the area starts in the text."""
    return doc.user_data.get(_KEY, {})
