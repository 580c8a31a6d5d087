"""Main text and metadata from an HTML page, by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser

import trafilatura
from htmldate import find_date

from thucydides.clean.page_metadata import page_metadata

# libxml2, under trafilatura, stops reading a page nested deeper than this: the text inside
# is lost. Such a page is read by a flat parser instead, with a warning.
LIBXML_MAX_DEPTH = 255
_BLOCKS = frozenset([
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "article", "section", "blockquote", "pre", "table", "ul", "ol",
])  # fmt: skip
_SKIPPED = frozenset(["script", "style", "noscript", "template", "head"])


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    author: str | None = None
    warnings: tuple[str, ...] = field(default=())
    published_at: datetime | None = None


class _FlatText(HTMLParser):
    """All text of a page, a paragraph per block element, however deep the nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = self.max_depth = self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        self.skipping += tag in _SKIPPED
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)
        self.skipping = max(0, self.skipping - (tag in _SKIPPED))
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def flat_text(html: str) -> tuple[str, int]:
    """The page's text with a line per block, and how deep its tags nest."""
    parser = _FlatText()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:
        # The standard library's parser asserts on some malformed declarations ("<![/"):
        # keep what it read up to there.
        pass
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), parser.max_depth


def extract_page(html: str) -> PageText:
    # Parsed once for the text, the metadata and the publication time (each would parse the
    # page again: a tenth of the cleaning time on the benchmark's pages, same results).
    page = trafilatura.load_html(html)
    meta = page_metadata(page) if page is not None else None
    if page is None:
        page = html
    # Chosen on the article-extraction benchmark (see `thucydides eval clean`): tables hold
    # article text often enough, and favouring precision keeps related-link lists out.
    text = (
        trafilatura.extract(page, include_comments=False, include_tables=True, favor_precision=True)
        or ""
    )
    warnings: tuple[str, ...] = ()
    if not text:
        flat, depth = flat_text(html)
        if depth > LIBXML_MAX_DEPTH and flat:
            text = flat
            warnings = (f"tags nested {depth} deep: read as plain text, page furniture may remain",)
    published, published_at = None, None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    if published is not None:
        published_at = _instant_on(page, published)
    return PageText(
        text=text,
        title=meta.title if meta else None,
        published=published,
        url=meta.url if meta else None,
        outlet=meta.sitename if meta else None,
        author=meta.author if meta else None,
        warnings=warnings,
        published_at=published_at,
    )


def _instant_on(page, day: date) -> datetime | None:
    """The page's publication time with its UTC offset, where its metadata give one for the day
    trafilatura found (htmldate reads the same markup with the time kept)."""
    # Markup only: the time sits in metadata, and the text search would run dateparser over
    # the page (over a second on some pages) for a day trafilatura already has.
    found = find_date(
        page, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True, extensive_search=False
    )
    if not found:
        return None
    try:
        instant = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:  # no offset given: the zone is unknown
        return None
    return instant if instant.date() == day else None
