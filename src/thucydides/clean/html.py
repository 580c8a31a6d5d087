"""Main text and metadata from an HTML page, by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None


def extract_page(html: str) -> PageText:
    # Chosen on the article-extraction benchmark (see `thucydides eval clean`): tables hold
    # article text often enough, and favouring precision keeps related-link lists out.
    text = (
        trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
        or ""
    )
    meta = trafilatura.extract_metadata(html)
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return PageText(
        text=text,
        title=meta.title if meta else None,
        published=published,
        url=meta.url if meta else None,
        outlet=meta.sitename if meta else None,
    )
