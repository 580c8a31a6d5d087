"""dedup: the same real event, reported many times, becomes one Event with many sources."""

from thucydides.dedup.events import combine
from thucydides.dedup.located import LocatedMention
from thucydides.dedup.parts import Part, assemble, groups, merge_events, report_parts, same_event

__all__ = [
    "LocatedMention",
    "Part",
    "assemble",
    "combine",
    "groups",
    "merge_events",
    "report_parts",
    "same_event",
]
