"""dedup: the same real event, reported many times, becomes one Event with many sources."""

from thucydides.dedup.events import merge_events
from thucydides.dedup.located import LocatedMention

__all__ = ["LocatedMention", "merge_events"]
