"""CleanText: the text later stages read, and the map from each of its characters back to raw."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of the raw text left out of the clean text, and why."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class CleanText:
    """Clean text of one article.

    `raw` is the text evidence offsets point into: the article as read for text input, the
    extracted main text for HTML (markup is not something a reader can open and check).
    `raw_starts[i]`/`raw_ends[i]` give the raw range the clean character i came from.
    """

    article_id: str
    text: str
    raw: str
    raw_starts: array
    raw_ends: array
    removed: tuple[Removed, ...] = ()
    title: str | None = None
    published: date | None = None
    published_at: datetime | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw range covering clean characters [start, end)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside clean text of {len(self.text)}")
        return self.raw_starts[start], self.raw_ends[end - 1]
