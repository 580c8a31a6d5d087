"""dedup: the same real event, reported many times, becomes one Event with many sources."""

from thucydides.dedup.events import combine, merge_events, reconcile, same_event
from thucydides.dedup.located import LocatedMention

__all__ = ["LocatedMention", "combine", "merge_events", "reconcile", "same_event"]
