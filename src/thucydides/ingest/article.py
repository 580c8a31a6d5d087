"""The unit that enters the pipeline: one report, decoded, with what is known about it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    source: str
    raw: str
    format: Literal["text", "html"] = "text"
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    # The moment of publication where the input gives a time and its UTC offset: with the
    # zone of the report's dateline it gives the day "yesterday" counts from.
    published_at: datetime | None = None


def article_id_for(raw: str, url: str | None) -> str:
    """Stable id: the same text from the same URL is the same article, however often it is read.

    Without a URL, identical texts share an id, so a file ingested twice never counts twice.
    """
    normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", raw)).strip().lower()
    digest = hashlib.sha256(f"{url or ''}\n{normalised}".encode()).hexdigest()
    return digest[:16]


def make_article(
    raw: str,
    source: str,
    *,
    format: Literal["text", "html"] = "text",
    published: date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    article_id: str | None = None,
    published_at: datetime | None = None,
) -> Article:
    return Article(
        article_id=article_id or article_id_for(raw, url),
        source=source,
        raw=raw,
        format=format,
        published=published,
        url=url,
        outlet=outlet,
        title=title,
        published_at=published_at,
    )
