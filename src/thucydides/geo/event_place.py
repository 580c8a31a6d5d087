"""Where each event happened: the place the parse attaches to it, else the one the story is at."""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.extract.mention import Mention
from thucydides.geo.place import Place


@dataclass(frozen=True, slots=True)
class EventPlace:
    place: Place | None
    inherited: bool


def _focus(places: list[Place]) -> Place | None:
    """The story's own place: the first town it names, else its first province."""
    for feature in ("city", "admin2", "admin1"):
        found = next((p for p in places if p.entry.feature == feature), None)
        if found is not None:
            return found
    return None


def places_for(mentions: list[Mention], places: list[Place]) -> list[EventPlace]:
    """One place per mention, in order.

    A mention whose clause names no place ("the insurgents seized the complex") happened
    where the story last placed an event, or at the story's own place; that is marked as
    inherited so a user can tell read from inferred.
    """
    by_start = {p.start: p for p in places}
    focus = _focus(places)
    previous: Place | None = None
    result: list[EventPlace] = []
    for mention in mentions:
        own = [by_start[s.start] for s in mention.place_spans if s.start in by_start]
        own.sort(key=lambda p: (p.geo_precision, p.start))
        if own:
            previous = own[0]
            result.append(EventPlace(own[0], False))
        else:
            result.append(EventPlace(previous or focus, True))
    return result
