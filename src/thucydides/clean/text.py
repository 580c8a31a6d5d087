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

    `raw` is the article as read, which evidence offsets point into: for HTML, the page's
    source. `raw_starts[i]`/`raw_ends[i]` give the raw range the clean character i came from
    (a character reference such as "&amp;" is one clean character from five raw ones).
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
        # Paragraphs of an HTML page may be found out of order in its source: a span across
        # two of them covers both.
        first, last = self.raw_starts[start], self.raw_ends[end - 1]
        return min(first, self.raw_starts[end - 1]), max(last, self.raw_ends[start])

    def offset_runs(self) -> list[tuple[int, int, int]]:
        """The clean-to-raw map compressed: (clean start, raw start, length) for each run of
        clean characters whose raw starts follow one another."""
        runs: list[tuple[int, int, int]] = []
        for i, raw in enumerate(self.raw_starts):
            if runs and (last := runs[-1])[1] + last[2] == raw:
                runs[-1] = (last[0], last[1], last[2] + 1)
            else:
                runs.append((i, raw, 1))
        return runs
