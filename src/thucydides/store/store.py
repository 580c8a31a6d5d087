"""Store: the only place that speaks SQL. Idempotent upserts, one transaction per batch."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

import duckdb
import numpy as np
import pyarrow as pa

from thucydides.dedup.articles import BANDS, Fingerprint, Indexed, StoryLink
from thucydides.dedup.revisions import Edition
from thucydides.event import Event
from thucydides.pipeline import Processed
from thucydides.store.query import SORTS, EventQuery
from thucydides.store.schema import MIGRATIONS

# Every Event field has its own column except the nested ones, kept whole in `record`.
# Near-duplicate candidates compared per article (bench/stories.py).
MAX_CANDIDATES = 64
# DuckDB caches up to 80% of the machine's memory by default; a store beside a pipeline
# that must stay flat over a long feed gets a fixed share (it spills to disk past it).
DB_MEMORY_LIMIT = os.environ.get("THUCYDIDES_DB_MEMORY", "1GB")
EVENT_COLUMNS = [name for name in Event.model_fields if name not in ("sources", "evidence")]


class Store:
    def __init__(self, path: str | Path = "thucydides.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path}; create one with `thucydides run`")
        config = {"memory_limit": DB_MEMORY_LIMIT}
        if read_only:
            # A reader answers small queries one after another (or one per server process):
            # splitting each over threads costs more CPU than it saves.
            config["threads"] = "1"
        self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        # Read-only, the database cannot change under this connection (DuckDB lets no
        # process write it meanwhile): how many events match a filter is worth keeping.
        self._count = lru_cache(maxsize=4096)(self._count_matching) if read_only else None
        if not read_only:
            self._migrate()
        elif (version := self._version()) < len(MIGRATIONS):
            self.con.close()
            raise RuntimeError(
                f"the database at {self.path} has schema version {version} and this thucydides"
                f" reads version {len(MIGRATIONS)}: open it once for writing (`thucydides run`"
                " with no input upgrades it)"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        current = self._version()
        for version, sql in enumerate(MIGRATIONS[current:], start=current + 1):
            self.con.execute("BEGIN")
            self.con.execute(sql)
            self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
            self.con.execute("COMMIT")

    def write_batch(
        self,
        processed: Iterable[Processed],
        events: list[Event],
        links: Iterable[StoryLink] = (),
        superseded: dict[str, str] | None = None,
    ) -> None:
        """Articles, their story links and their events in one transaction: all of it lands, or
        none of it.

        Events are keyed by a stable id, so writing the same batch twice stores nothing twice;
        events these articles gave before and no longer give are removed. Every change to a
        stored event keeps the record it replaced in `event_history`.
        """
        processed = list(processed)
        article_ids = [p.article.article_id for p in processed]
        new_ids = {e.event_id for e in events}
        self.con.execute("BEGIN")
        try:
            for p in processed:
                a, c = p.article, p.clean
                self.con.execute(
                    "INSERT OR REPLACE INTO articles (article_id, source, url, outlet, title, published,"
                    " format, raw_text, evidence_text, clean_text, language, author)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        a.article_id,
                        a.source,
                        a.url or c.url,
                        a.outlet or c.outlet,
                        a.title or c.title,
                        p.published,
                        a.format,
                        a.raw,
                        c.raw,
                        c.text,
                        c.language,
                        c.author,
                    ],
                )
            self._write_stories(processed, links, superseded or {})
            if article_ids:
                stale = self.con.execute(
                    "SELECT DISTINCT event_id FROM event_sources WHERE list_contains(?, article_id)",
                    [article_ids],
                ).fetchall()
                batch = set(article_ids)
                for (event_id,) in stale:
                    sources = {
                        r[0]
                        for r in self.con.execute(
                            "SELECT article_id FROM event_sources WHERE event_id = ?", [event_id]
                        ).fetchall()
                    }
                    # Only events these articles alone support are theirs to withdraw.
                    if event_id not in new_ids and sources <= batch:
                        self._keep_history(event_id, None)
                        self.con.execute("DELETE FROM event_sources WHERE event_id = ?", [event_id])
                        self.con.execute("DELETE FROM events WHERE event_id = ?", [event_id])
            for event in events:
                self._keep_history(event.event_id, event)
                row = event.model_dump(mode="json")
                values = [row[c] for c in EVENT_COLUMNS] + [
                    event.model_dump_json(),
                    event.model_dump_json(exclude={"evidence"}),
                ]
                placeholders = ", ".join("?" for _ in values)
                self.con.execute(
                    f"INSERT OR REPLACE INTO events ({', '.join(EVENT_COLUMNS)}, record, listing)"
                    f" VALUES ({placeholders})",
                    values,
                )
                self.con.execute("DELETE FROM event_sources WHERE event_id = ?", [event.event_id])
                for source in event.sources:
                    self.con.execute(
                        "INSERT INTO event_sources VALUES (?, ?)",
                        [event.event_id, source.article_id],
                    )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _write_stories(
        self, processed: list[Processed], links: Iterable[StoryLink], superseded: dict[str, str]
    ) -> None:
        fingerprints = {p.article.article_id: p.fingerprint for p in processed}
        links = list(links)
        known = {
            r[0]
            for r in self.con.execute(
                "SELECT article_id FROM article_stories WHERE article_id = ANY(?)",
                [[link.article_id for link in links]],
            ).fetchall()
        }
        # The same text again has the same signature and bands: indexed once.
        self.index(
            [
                (link, fingerprints[link.article_id])
                for link in links
                if link.article_id not in known
            ]
        )
        for old, new in superseded.items():
            self.con.execute(
                "UPDATE article_stories SET superseded_by = ? WHERE article_id = ?"
                " AND superseded_by IS DISTINCT FROM ?",
                [new, old, new],
            )

    def index(self, items: list[tuple[StoryLink, Fingerprint]]) -> None:
        """Add articles' story links and LSH band keys to the near-duplicate index, in bulk."""
        if not items:
            return
        stories = pa.table(
            {
                "article_id": [link.article_id for link, _ in items],
                "story_id": [link.story_id for link, _ in items],
                "copy_of": pa.array([link.copy_of for link, _ in items], pa.string()),
                "similarity": [link.similarity for link, _ in items],
                "minhash": [fingerprint.to_bytes() for _, fingerprint in items],
            }
        )
        bands = pa.table(
            {
                "band_key": np.array([k for _, f in items for k in f.band_keys], dtype=np.int64),
                "article_id": [link.article_id for link, _ in items for _ in range(BANDS)],
            }
        )
        self.con.register("new_stories", stories)
        self.con.register("new_bands", bands)
        try:
            self.con.execute(
                "INSERT INTO article_stories SELECT article_id, story_id, copy_of, similarity,"
                " NULL, minhash FROM new_stories"
            )
            self.con.execute("INSERT INTO article_bands SELECT band_key, article_id FROM new_bands")
        finally:
            self.con.unregister("new_stories")
            self.con.unregister("new_bands")

    def _keep_history(self, event_id: str, new: Event | None) -> None:
        """Keep the stored record of an event about to be replaced (or deleted, `new` None)."""
        row = self.con.execute(
            "SELECT record FROM events WHERE event_id = ?", [event_id]
        ).fetchone()
        if row is None:
            return
        before = json.loads(row[0])
        after = new.model_dump(mode="json") if new is not None else {}
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        if new is not None and not changed:
            return
        self.con.execute(
            "INSERT INTO event_history (event_id, changed, record) VALUES (?, ?, ?)",
            [event_id, changed if new is not None else ["deleted"], row[0]],
        )

    def indexed(self, band_keys: list[int]) -> list[Indexed]:
        """Stored articles sharing any of these LSH band keys, with their story links."""
        # Formulaic texts can share a band with thousands of others; the articles sharing the
        # most bands are the most similar ones, and only they can be copies.
        ids = self.con.execute(
            "SELECT article_id FROM article_bands WHERE band_key = ANY(?)"
            " GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT ?",
            [band_keys, MAX_CANDIDATES],
        ).fetchall()
        if not ids:
            return []
        rows = self.con.execute(
            "SELECT article_id, story_id, copy_of, similarity, minhash FROM article_stories"
            " WHERE article_id = ANY(?) ORDER BY article_id",
            [[r[0] for r in ids]],
        ).fetchall()
        return [
            Indexed(StoryLink(a, story, copy_of, similarity or 0.0), Fingerprint.from_bytes(blob))
            for a, story, copy_of, similarity, blob in rows
        ]

    def editions(self, article_ids: Iterable[str]) -> dict[str, Edition]:
        """Who published these stored articles, and when."""
        rows = self.con.execute(
            "SELECT article_id, url, outlet, published FROM articles WHERE article_id = ANY(?)",
            [list(article_ids)],
        ).fetchall()
        return {r[0]: Edition(*r) for r in rows}

    def superseded(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Which of these stored articles a newer edition supersedes: {old id: new id}."""
        rows = self.con.execute(
            "SELECT article_id, superseded_by FROM article_stories"
            " WHERE article_id = ANY(?) AND superseded_by IS NOT NULL",
            [list(article_ids)],
        ).fetchall()
        return dict(rows)

    def history(self, event_id: str) -> list[tuple[object, list[str], Event]]:
        """The records an event had before each change, oldest first: (when, what changed, record)."""
        rows = self.con.execute(
            "SELECT replaced_at, changed, record FROM event_history WHERE event_id = ?"
            " ORDER BY replaced_at, rowid",
            [event_id],
        ).fetchall()
        return [(at, changed, Event.model_validate_json(record)) for at, changed, record in rows]

    def candidates(self, event: Event, exclude_articles: set[str]) -> list[Event]:
        """Stored events that may report the same real event: same type, within a month and
        about two degrees. Events all of whose sources are in `exclude_articles` are left out:
        they are being recomputed from those very articles."""
        if event.event_date is None or event.latitude is None:
            return []
        rows = self.con.execute(
            "SELECT e.record, list(s.article_id) FROM events e JOIN event_sources s USING (event_id)"
            " WHERE e.event_type = ? AND e.event_date BETWEEN ? - INTERVAL 31 DAY AND ? + INTERVAL 31 DAY"
            " AND abs(e.latitude - ?) <= 2 AND abs(e.longitude - ?) <= 2"
            " GROUP BY e.event_id, e.record ORDER BY e.event_id",
            [event.event_type, event.event_date, event.event_date, event.latitude, event.longitude],
        ).fetchall()
        return [
            Event.model_validate_json(record)
            for record, sources in rows
            if not set(sources) <= exclude_articles
        ]

    def _page(
        self, query: EventQuery, column: Literal["record", "listing"] = "record"
    ) -> tuple[list[str], int]:
        """The stored JSON of one page of matching events, and how many match in all."""
        where, params = query.where()
        total = (self._count or self._count_matching)(where, tuple(params))
        # The page's ids first, then their records by key: sorting with the records in tow
        # reads every record (50 ms a page at 100,000 events, against 6 ms this way).
        ids = [
            r[0]
            for r in self.con.execute(
                f"SELECT event_id FROM events{where} ORDER BY {SORTS[query.sort]} LIMIT ? OFFSET ?",
                [*params, query.limit, query.offset],
            ).fetchall()
        ]
        if not ids:
            return [], total
        found = dict(
            self.con.execute(
                f"SELECT event_id, {column} FROM events"
                f" WHERE event_id IN ({', '.join('?' for _ in ids)})",
                ids,
            ).fetchall()
        )
        return [found[i] for i in ids], total

    def _count_matching(self, where: str, params: tuple) -> int:
        return self.con.execute(f"SELECT count(*) FROM events{where}", list(params)).fetchone()[0]

    def query_events(self, query: EventQuery) -> tuple[list[Event], int]:
        """One page of events matching the query, and how many match in all."""
        records, total = self._page(query)
        return [Event.model_validate_json(r) for r in records], total

    def query_event_json(self, query: EventQuery) -> tuple[list[str], int]:
        """A page of events as the JSON text stored for listing (Event.model_dump_json without
        evidence): what list pages serve, neither parsed nor re-encoded."""
        return self._page(query, "listing")

    def event(self, event_id: str) -> Event | None:
        row = self.con.execute(
            "SELECT record FROM events WHERE event_id = ?", [event_id]
        ).fetchone()
        return Event.model_validate_json(row[0]) if row else None

    def article(self, article_id: str) -> dict[str, object] | None:
        """A stored report, its story (the near-duplicate copies it belongs with) and whether a
        newer edition supersedes it."""
        row = self.con.execute(
            "SELECT a.article_id, a.source, a.url, a.outlet, a.title, a.author, a.published, a.format,"
            " a.evidence_text, a.clean_text, a.language, s.story_id, s.copy_of, s.similarity,"
            " s.superseded_by"
            " FROM articles a LEFT JOIN article_stories s USING (article_id)"
            " WHERE a.article_id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        keys = (
            "article_id",
            "source",
            "url",
            "outlet",
            "title",
            "author",
            "published",
            "format",
            "raw_text",
            "clean_text",
            "language",
            "story_id",
            "copy_of",
            "similarity",
            "superseded_by",
        )
        article = dict(zip(keys, row, strict=True))
        article["story"] = [
            r[0]
            for r in self.con.execute(
                "SELECT article_id FROM article_stories WHERE story_id = ? ORDER BY article_id",
                [article["story_id"]],
            ).fetchall()
        ]
        return article

    def stats(self, query: EventQuery) -> dict[str, list[dict[str, object]]]:
        """Counts and fatalities per day, per event type and per country, under the query's filters."""
        where, params = query.where()
        result = {}
        for name, column in (
            ("per_day", "event_date"),
            ("per_type", "event_type"),
            ("per_country", "country"),
        ):
            rows = self.con.execute(
                f"SELECT {column}, count(*), sum(fatalities) FROM events{where} GROUP BY 1 ORDER BY 1",
                params,
            ).fetchall()
            result[name] = [
                {"key": str(k) if k is not None else None, "events": n, "fatalities": int(f or 0)}
                for k, n, f in rows
            ]
        return result

    def events(self) -> list[Event]:
        rows = self.con.execute(
            "SELECT record FROM events ORDER BY event_date NULLS LAST, event_id"
        ).fetchall()
        return [Event.model_validate_json(r[0]) for r in rows]

    def counts_stories(self) -> int:
        """How many articles the near-duplicate index holds."""
        return self.con.execute("SELECT count(*) FROM article_stories").fetchone()[0]

    def counts(self) -> dict[str, int]:
        return {
            table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "event_sources")
        }
