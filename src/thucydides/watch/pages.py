"""A feed item's page as an Article: decoded by what the server and the bytes say."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

from thucydides.ingest import Article, make_article
from thucydides.ingest.decode import DecodeError, decode_bytes
from thucydides.watch.feeds import FeedItem
from thucydides.watch.fetch import Fetched

_TEXT_TYPES = ("text/", "application/xhtml", "application/xml")


class NotAnArticle(ValueError):
    """The page is no text to read (a PDF, an image, bytes in no known encoding)."""


def outlet_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def page_text(fetched: Fetched) -> tuple[str, Literal["text", "html"], str | None]:
    """The page's text, its format, and a warning where it was not in the encoding declared."""
    media = fetched.content_type.split(";")[0].strip().lower()
    if media and not media.startswith(_TEXT_TYPES):
        raise NotAnArticle(f"not a page but {media}")
    fmt: Literal["text", "html"] = "text" if media == "text/plain" else "html"
    declared = fetched.charset
    if declared:
        try:
            return fetched.body.decode(declared), fmt, None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        decoded = decode_bytes(fetched.body)
    except DecodeError as exc:
        raise NotAnArticle(str(exc)) from None
    warning = None
    if declared and decoded.encoding.lower() != declared.lower():
        warning = f"declared {declared} but is not; decoded as {decoded.encoding}"
    return decoded.text, fmt, warning


def item_article(item: FeedItem, fetched: Fetched) -> tuple[Article, str | None]:
    """The article the item's page holds, with the feed's title and publication time."""
    text, fmt, warning = page_text(fetched)
    if not text.strip():
        raise NotAnArticle("empty page")
    published_at = item.published_at
    return (
        make_article(
            text,
            item.link,
            format=fmt,
            published=published_at.date() if published_at else None,
            url=fetched.url,
            outlet=outlet_of(fetched.url),
            title=item.title,
            published_at=published_at,
        ),
        warning,
    )
