"""Where in the HTML source each character of the extracted main text was written.

trafilatura returns the main text without positions. The page's text nodes are read again
here with their source offsets (character references decoded, each decoded character mapped
to the whole reference, "&amp;" to five characters), and the extracted text is found in them:
a line at a time in reading order, a word at a time where a line was rewritten.
"""

from __future__ import annotations

import bisect
import html
import re
from array import array

import numpy

# Markup, comments and elements whose text is never shown (so nothing extracted can come from
# them), skipped possessively up to the next run of page text, which is the one group: the
# regex engine, not Python, walks the hundreds of tags of a page. The skipped bodies are
# "unrolled" (a run of characters that cannot start the end, then one that can but does not)
# rather than lazy: a lazy body tries the end at every character of a long inline script,
# 2.4 against 0.9 ms a page on the article-extraction benchmark, with the same matches.
_SKIPPED = "(?:script|style|noscript|template|textarea)"
_TEXT_RUN = re.compile(
    rf"""(?:<!--[^-]*+(?:-(?!->)[^-]*+)*+(?:-->)?
         | <{_SKIPPED}\b[^<]*+(?:<(?!/{_SKIPPED}\s*>)[^<]*+)*+(?:</{_SKIPPED}\s*>)?
         | <!\[CDATA\[[^\]]*+(?:\](?!\]>)[^\]]*+)*+(?:\]\]>)?
         | <[A-Za-z/!?](?:"[^"]*"|'[^']*'|[^'">])*+(?:>|\Z)
         | \s
       )*+
       ([^<\s](?:[^<]|<(?![A-Za-z/!?]))*+|\Z)""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});?")
_WORD = re.compile(r"\S+")
_HAS_WORD = re.compile(r"[^\W_]")
_SPACES = re.compile(r"\s+")  # \s is str.isspace(), character for character


class _Run:
    """One run of page text: its visible characters, whitespace left out, each with the
    source range it was written in."""

    def __init__(self, page: str, start: int, end: int) -> None:
        self.pieces: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        at = start
        for reference in _REFERENCE.finditer(page, start, end):
            self._plain(page, at, reference.start())
            decoded = html.unescape(reference.group())
            if decoded == reference.group():  # not a reference after all: its own characters
                self._plain(page, reference.start(), reference.end())
            else:
                for char in decoded:
                    if not char.isspace():
                        self.pieces.append(char)
                        self.starts.append(reference.start())
                        self.ends.append(reference.end())
            at = reference.end()
        self._plain(page, at, end)

    def _plain(self, page: str, start: int, end: int) -> None:
        for word in _WORD.finditer(page, start, end):
            self.pieces.append(word.group())
            self.starts.extend(range(word.start(), word.end()))
            self.ends.extend(range(word.start() + 1, word.end() + 1))


class _SourceText:
    """The page's visible characters, whitespace left out (`text`), and where each was written.

    A page has far more text than its article, so a run's source ranges are worked out only
    when a character of it is asked for.
    """

    def __init__(self, page: str) -> None:
        self.page = page
        self.bounds: list[tuple[int, int]] = []
        self.run_at: list[int] = []
        self.runs: dict[int, _Run] = {}
        pieces: list[str] = []
        length = 0
        for match in _TEXT_RUN.finditer(page):  # the last run is empty, at the page's end
            run = match.group(1)
            if not run:
                continue
            if "&" in run:
                self.runs[len(self.bounds)] = parsed = _Run(page, *match.span(1))
                visible = "".join(parsed.pieces)
            else:
                visible = "".join(run.split())
            self.bounds.append(match.span(1))
            self.run_at.append(length)
            pieces.append(visible)
            length += len(visible)
        self.text = "".join(pieces)

    def spans(self, i: int, n: int) -> tuple[array, array]:
        """The source starts and ends of visible characters [i, i + n)."""
        starts, ends = array("q"), array("q")
        k = bisect.bisect_right(self.run_at, i) - 1
        while len(starts) < n:
            run = self.runs.get(k)
            if run is None:
                run = self.runs[k] = _Run(self.page, *self.bounds[k])
            j = i + len(starts) - self.run_at[k]
            take = min(n - len(starts), len(run.starts) - j)
            starts.extend(run.starts[j : j + take])
            ends.extend(run.ends[j : j + take])
            k += 1
        return starts, ends


def _find(haystack: str, needle: str, cursor: int) -> int:
    """Where needle is, preferring the first place at or after cursor."""
    found = haystack.find(needle, cursor)
    return found if found >= 0 else haystack.find(needle)


def source_offsets(extracted: str, page: str) -> tuple[array, array, float]:
    """For each character of `extracted`, the [start, end) in `page` it was written at, and
    the share of the characters of its lines with words that were found there.

    A character not found (a bullet trafilatura added, a line it rewrote beyond its words)
    and whitespace get the source range between the found characters around them, so every
    span still covers the place in the page it came from.
    """
    source = _SourceText(page)
    visible = _visible(extracted)
    wanted = "".join(extracted.split())
    starts = numpy.full(len(extracted), -1, dtype=numpy.int64)
    ends = numpy.full(len(extracted), -1, dtype=numpy.int64)
    cursor = found = 0

    def place(first: int, last: int) -> bool:
        """Find visible characters [first, last) of the extracted text in the page's."""
        nonlocal cursor, found
        at = _find(source.text, wanted[first:last], cursor)
        if at < 0:
            return False
        page_starts, page_ends = source.spans(at, last - first)
        starts[visible[first:last]] = numpy.frombuffer(page_starts, dtype=numpy.int64)
        ends[visible[first:last]] = numpy.frombuffer(page_ends, dtype=numpy.int64)
        found += last - first
        cursor = at + last - first
        return True

    def bounds(start: int, end: int) -> tuple[int, int]:
        first, last = numpy.searchsorted(visible, (start, end))
        return int(first), int(last)

    # A line or word with no letter or digit is trafilatura's own (table rules, bullets):
    # whatever "|" or "-" the page has elsewhere is not where it came from.
    sought = 0
    for line in re.finditer(r"[^\n]+", extracted):
        if not _HAS_WORD.search(line.group()):
            continue
        first, last = bounds(*line.span())
        sought += last - first
        if not place(first, last):
            for word in _WORD.finditer(extracted, *line.span()):
                if _HAS_WORD.search(word.group()):
                    place(*bounds(*word.span()))
    _fill_gaps(starts, ends, len(page))
    return (
        array("q", starts.tobytes()),
        array("q", ends.tobytes()),
        (found / sought if sought else 1.0),
    )


def _visible(text: str) -> numpy.ndarray:
    """The indices of the text's characters that are not whitespace."""
    runs = numpy.array([m.span() for m in _SPACES.finditer(text)], dtype=numpy.int64)
    edges = numpy.zeros(len(text) + 1, dtype=numpy.int64)
    if len(runs):
        numpy.add.at(edges, runs[:, 0], 1)
        numpy.add.at(edges, runs[:, 1], -1)
    return numpy.flatnonzero(numpy.cumsum(edges[:-1]) == 0)


def _fill_gaps(starts: numpy.ndarray, ends: numpy.ndarray, length: int) -> None:
    """Give each unplaced character the source range between its placed neighbours."""
    placed = numpy.flatnonzero(starts >= 0)
    gaps = numpy.flatnonzero(starts < 0)
    if not len(gaps):
        return
    # The placed characters right after and right before each gap character.
    next_at = numpy.searchsorted(placed, gaps, side="right")
    after = numpy.append(starts[placed], length)[next_at]
    before = numpy.concatenate(([0], ends[placed]))[next_at]
    start, end = numpy.minimum(before, after), numpy.maximum(before, after)
    # Neighbours that touch (the next placed character is the page's first) leave no room
    # between them: the character still covers one of the page's.
    touching = start == end
    inside = touching & (end < length)
    at_end = touching & ~inside
    end = numpy.where(inside, start + 1, end)
    start = numpy.where(at_end, numpy.maximum(0, start - 1), start)
    starts[gaps], ends[gaps] = start, end
