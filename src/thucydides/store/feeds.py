"""What `watch` keeps of feeds and their items: validators, last success and error, each item's fate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from typing import Literal

import duckdb

# Attempts at an item whose page failed for a reason that may pass (a timeout, a 503).
MAX_ATTEMPTS = 3

# stored: its article is in the database; failed: it cannot be (404, robots.txt, too large,
# or MAX_ATTEMPTS tries that failed for a passing reason); retry: tried again next poll.
ItemStatus = Literal["stored", "failed", "retry"]


@dataclass(frozen=True, slots=True)
class FeedState:
    """Times are in UTC, with their zone."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class ItemRecord:
    feed_url: str
    item_key: str
    url: str
    title: str | None
    summary: str | None
    published_at: datetime | None
    updated_at: datetime | None
    article_id: str | None
    status: ItemStatus
    error: str | None
    attempts: int
    fetched_at: datetime | None


_FEED_COLUMNS = [f.name for f in fields(FeedState)]
_ITEM_COLUMNS = [f.name for f in fields(ItemRecord)]


def _row(record: FeedState | ItemRecord) -> list:
    """The record's values, times as UTC without their zone, as the TIMESTAMP columns hold them."""
    return [
        v.astimezone(UTC).replace(tzinfo=None) if isinstance(v, datetime) and v.tzinfo else v
        for v in astuple(record)
    ]


def _read(row: tuple) -> list:
    """A row's values, its times given back their zone (UTC)."""
    return [v.replace(tzinfo=UTC) if isinstance(v, datetime) else v for v in row]


class FeedLedger:
    """Feed and item state on the store's connection; the caller owns the transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def feed(self, url: str) -> FeedState | None:
        row = self.con.execute(
            f"SELECT {', '.join(_FEED_COLUMNS)} FROM feeds WHERE url = ?", [url]
        ).fetchone()
        return FeedState(*_read(row)) if row else None

    def save_feed(self, state: FeedState) -> None:
        marks = ", ".join("?" * len(_FEED_COLUMNS))
        self.con.execute(
            f"INSERT OR REPLACE INTO feeds ({', '.join(_FEED_COLUMNS)}) VALUES ({marks})",
            _row(state),
        )

    def feeds(self) -> list[tuple[FeedState, dict[str, int]]]:
        """Every feed with how many of its items are stored, failed, or waiting to be retried."""
        states = [
            FeedState(*_read(row))
            for row in self.con.execute(
                f"SELECT {', '.join(_FEED_COLUMNS)} FROM feeds ORDER BY url"
            ).fetchall()
        ]
        counts: dict[str, dict[str, int]] = {}
        for feed_url, status, n in self.con.execute(
            "SELECT feed_url, status, count(*) FROM feed_items GROUP BY 1, 2"
        ).fetchall():
            counts.setdefault(feed_url, {})[status] = n
        return [(state, counts.get(state.url, {})) for state in states]

    def items(self, feed_url: str, keys: Iterable[str], urls: Iterable[str]) -> list[ItemRecord]:
        """What is known of these items of this feed, and of any item of any feed whose page
        is one of these URLs (an outlet's story is often in several of its feeds)."""
        # Two lookups by key: one statement under an OR read every item of every feed for
        # each feed of each poll (EXPLAIN ANALYZE, 20,000 items: all of them; by key, 50).
        columns = ", ".join(_ITEM_COLUMNS)
        found: dict[tuple[str, str], tuple] = {}
        for where, params in (
            ("feed_url = ? AND item_key = ANY(?)", [feed_url, list(keys)]),
            ("url = ANY(?)", [list(urls)]),
        ):
            for row in self.con.execute(
                f"SELECT {columns} FROM feed_items WHERE {where}", params
            ).fetchall():
                found[row[0], row[1]] = row
        return [ItemRecord(*_read(row)) for row in found.values()]

    def save_items(self, records: Iterable[ItemRecord]) -> None:
        rows = [_row(record) for record in records]
        if not rows:
            return
        marks = ", ".join("?" * len(_ITEM_COLUMNS))
        self.con.executemany(
            f"INSERT OR REPLACE INTO feed_items ({', '.join(_ITEM_COLUMNS)}) VALUES ({marks})",
            rows,
        )
