"""Feeds: the list of them a user gives (URLs, OPML, text files), and the items in one."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser

from thucydides.problems import Problem

# An XML document that declares entities may expand them a billion-fold, or pull in files:
# neither a feed nor an OPML list needs them, so such documents are refused unread.
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


class FeedError(ValueError):
    """A feed or list of feeds that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str  # the item's id (guid), else its link
    link: str
    title: str | None = None
    summary: str | None = None
    published_at: datetime | None = None
    # When the feed says the item last changed: a later one means its page is read again.
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def _is_url(value: str) -> bool:
    return urlsplit(value).scheme.lower() in ("http", "https")


def _refuse_entities(data: bytes, what: str) -> None:
    if _ENTITY_DECLARATION.search(data[:65536]):
        raise FeedError(f"{what} declares XML entities (an entity-expansion attack?); refused")


def _opml_feeds(path: Path, data: bytes) -> list[str]:
    _refuse_entities(data, "OPML file")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedError(f"not valid OPML: {exc}") from None
    return [
        url
        for outline in root.iter("outline")
        if (url := (outline.get("xmlUrl") or "").strip()) and _is_url(url)
    ]


def feed_urls(sources: list[str]) -> tuple[list[str], list[Problem]]:
    """Every feed URL the sources name, each once, in order: a SOURCE is a feed URL, an OPML
    file, or a text file of feed URLs (one per line; blank lines and # comments skipped)."""
    urls: dict[str, None] = {}
    problems: list[Problem] = []
    for source in sources:
        if _is_url(source):
            urls[source] = None
            continue
        path = Path(source)
        if "://" in source:
            problems.append(Problem(source, "only http and https feeds are read"))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(source, f"cannot read: {exc.strerror or exc}"))
            continue
        if data.lstrip()[:5] == b"<?xml" or b"<opml" in data[:1024].lower():
            try:
                found = _opml_feeds(path, data)
            except FeedError as exc:
                problems.append(Problem(source, str(exc)))
                continue
        else:
            lines = data.decode("utf-8", errors="replace").splitlines()
            found = []
            for number, line in enumerate(lines, start=1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if _is_url(line):
                    found.append(line)
                else:
                    problems.append(Problem(source, "not an http(s) URL; skipped", line=number))
        if not found:
            problems.append(Problem(source, "names no feed", "warning"))
        urls.update(dict.fromkeys(found))
    return list(urls), problems


def _moment(entry: dict, key: str) -> datetime | None:
    # Read past feedparser's mapping, which would give the published time as the updated one.
    parsed = dict.get(entry, f"{key}_parsed")
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def parse_feed(data: bytes, url: str) -> Feed:
    """The items of an RSS or Atom document; FeedError if it is none, or a hostile one."""
    _refuse_entities(data, "feed")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not an RSS or Atom feed ({reason or 'unreadable'})")
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        link = feedparser.urls.make_safe_absolute_uri(url, link) or link
        if not _is_url(link):
            continue
        published = _moment(entry, "published") or _moment(entry, "updated")
        items.append(
            FeedItem(
                key=(entry.get("id") or "").strip() or link,
                link=link,
                title=entry.get("title") or None,
                summary=entry.get("summary") or None,
                published_at=published,
                updated_at=_moment(entry, "updated"),
            )
        )
    return Feed(parsed.feed.get("title") or None, items)
