"""Store: the only place that speaks SQL. Idempotent upserts, one transaction per batch."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from thucydides.dedup.articles import Fingerprint, Indexed, StoryLink
from thucydides.dedup.events import KM_PER_DEGREE
from thucydides.dedup.parts import HARM_TYPES, WIDEST_DAYS, WIDEST_KM, Part
from thucydides.dedup.people import people_keys
from thucydides.dedup.revisions import Edition, names_in
from thucydides.event import Event
from thucydides.ingest import Article
from thucydides.pipeline import Processed
from thucydides.store.feeds import FeedLedger, ItemRecord
from thucydides.store.query import SORTS, EventQuery
from thucydides.store.schema import MIGRATIONS

# Every Event field has its own column except the nested ones, kept whole in `record`.
# Near-duplicate candidates compared per article (bench/stories.py).
MAX_CANDIDATES = 64
# DuckDB caches up to 80% of the machine's memory by default; a store beside a pipeline
# that must stay flat over a long feed gets a fixed share (it spills to disk past it).
DB_MEMORY_LIMIT = os.environ.get("THUCYDIDES_DB_MEMORY", "1GB")
EVENT_COLUMNS = [name for name in Event.model_fields if name not in ("sources", "evidence")]
ARTICLE_COLUMNS = [
    "article_id",
    "source",
    "url",
    "outlet",
    "title",
    "published",
    "format",
    "raw_text",
    "evidence_text",
    "clean_text",
    "language",
    "author",
    "offset_runs",
]


def _degrees_of_longitude(km: float, latitude: float) -> float:
    """How many degrees of longitude `km` may span at this latitude (all of them near a pole)."""
    across = KM_PER_DEGREE * math.cos(math.radians(min(abs(latitude), 89.0)))
    return min(180.0, km / across)


class Store:
    def __init__(self, path: str | Path = "thucydides.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path}; create one with `thucydides run`")
        self.con = duckdb.connect(
            self.path, read_only=read_only, config={"memory_limit": DB_MEMORY_LIMIT}
        )
        # Read-only, the database cannot change under this connection (DuckDB lets no
        # process write it meanwhile): how many events match a filter is worth keeping.
        self._count = lru_cache(maxsize=4096)(self._count_matching) if read_only else None
        self.feeds = FeedLedger(self.con)
        self._registered: set[str] = set()
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
        parts: Iterable[tuple[Part, str]] = (),
        replaced: Iterable[str] = (),
        items: Iterable[ItemRecord] = (),
    ) -> None:
        """Articles, their story links, and the events they touch, in one transaction: all of
        it lands, or none of it; with them, the feed items the articles were read from.

        `events` are the regrouped events with `parts` (part, event id) their parts, all of
        them; `replaced` the stored events they were regrouped from: those not among `events`
        are gone (joined to another, or no report gives them any more). Events are keyed by a
        stable id, so writing the same batch twice stores nothing twice. Every change to a
        stored event keeps the record it replaced in `event_history`.
        """
        processed = list({p.article.article_id: p for p in processed}.values())
        events = list({e.event_id: e for e in events}.values())
        new_ids = {e.event_id for e in events}
        gone = sorted(set(replaced) - new_ids)
        parts = list({part.part_id: (part, event_id) for part, event_id in parts}.values())
        gone_articles = [p.article.article_id for p in processed] + list(superseded or {})
        self.con.execute("BEGIN")
        try:
            self._insert(
                "articles",
                ARTICLE_COLUMNS,
                [
                    [
                        p.article.article_id,
                        p.article.source,
                        p.article.url or p.clean.url,
                        p.article.outlet or p.clean.outlet,
                        p.article.title or p.clean.title,
                        p.published,
                        p.article.format,
                        p.article.raw,
                        # Evidence offsets point into the raw text now for every format; the
                        # column holds another text only in databases written before.
                        p.clean.raw if p.clean.raw != p.article.raw else None,
                        p.clean.text,
                        p.clean.language,
                        p.clean.author,
                        [list(run) for run in p.clean.offset_runs()]
                        if p.article.format == "html"
                        else None,
                    ]
                    for p in processed
                ],
                replace=True,
            )
            self._write_stories(processed, links, superseded or {})
            self._keep_history({event_id: None for event_id in gone})
            self._keep_history({e.event_id: e for e in events})
            for table in ("events", "event_sources"):
                self.con.execute(f"DELETE FROM {table} WHERE event_id = ANY(?)", [gone])
            self.con.execute(
                "DELETE FROM event_parts WHERE event_id = ANY(?) OR article_id = ANY(?)",
                [sorted(set(replaced) | new_ids), gone_articles],
            )
            self._insert(
                "event_parts",
                [
                    "part_id",
                    "event_id",
                    "article_id",
                    "event_type",
                    "event_date",
                    "latitude",
                    "longitude",
                    "record",
                    "people",
                ],
                [
                    [
                        part.part_id,
                        event_id,
                        part.article_id,
                        part.event.event_type,
                        part.event.event_date,
                        part.event.latitude,
                        part.event.longitude,
                        part.event.model_dump_json(),
                        sorted(people_keys(part.event)),
                    ]
                    for part, event_id in parts
                ],
            )
            rows = []
            for event in events:
                row = event.model_dump()
                rows.append(
                    [row[c] for c in EVENT_COLUMNS]
                    + [event.model_dump_json(), event.model_dump_json(exclude={"evidence"})]
                )
            self._insert("events", [*EVENT_COLUMNS, "record", "listing"], rows, replace=True)
            self.con.execute(
                "DELETE FROM event_sources WHERE event_id = ANY(?)", [[e.event_id for e in events]]
            )
            pairs = {(e.event_id, s.article_id) for e in events for s in e.sources}
            self._insert("event_sources", ["event_id", "article_id"], sorted(pairs))
            self.feeds.save_items(items)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            while self._registered:
                self.con.unregister(self._registered.pop())
            raise

    def _insert(
        self, table: str, columns: list[str], rows: list[list], *, replace: bool = False
    ) -> None:
        """Rows into a table in one statement (a statement a row costs a millisecond each)."""
        if not rows:
            return
        data = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(columns)})
        name = f"new_{table}"
        self.con.register(name, data)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        names = ", ".join(columns)
        try:
            self.con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM {name}")
        except BaseException:
            # An aborted transaction refuses even to unregister, and would answer with its own
            # error in place of this one: the view goes after the ROLLBACK.
            self._registered.add(name)
            raise
        self.con.unregister(name)

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
        self._insert(
            "article_stories",
            ["article_id", "story_id", "copy_of", "similarity", "minhash"],
            [
                [link.article_id, link.story_id, link.copy_of, link.similarity, f.to_bytes()]
                for link, f in items
            ],
        )
        self._insert(
            "article_bands",
            ["band_key", "article_id"],
            [[key, link.article_id] for link, f in items for key in f.band_keys],
        )

    def _keep_history(self, replacing: dict[str, Event | None]) -> None:
        """Keep the stored records of events about to be replaced (or deleted: None)."""
        stored = self.con.execute(
            "SELECT event_id, record FROM events WHERE event_id = ANY(?)", [list(replacing)]
        ).fetchall()
        rows = []
        for event_id, record in stored:
            new = replacing[event_id]
            before = json.loads(record)
            after = new.model_dump(mode="json") if new is not None else {}
            changed = sorted(
                k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
            )
            if new is None or changed:
                rows.append([event_id, changed if new is not None else ["deleted"], record])
        self._insert("event_history", ["event_id", "changed", "record"], rows)

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
        """Who published these stored articles, and when, and the names they use."""
        rows = self.con.execute(
            "SELECT article_id, url, outlet, published, clean_text FROM articles"
            " WHERE article_id = ANY(?)",
            [list(article_ids)],
        ).fetchall()
        return {r[0]: Edition(*r[:4], names_in(r[4] or "")) for r in rows}

    def superseded(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Which of these stored articles a newer edition supersedes: {old id: new id}."""
        rows = self.con.execute(
            "SELECT article_id, superseded_by FROM article_stories"
            " WHERE article_id = ANY(?) AND superseded_by IS NOT NULL",
            [list(article_ids)],
        ).fetchall()
        return dict(rows)

    def superseded_all(self) -> dict[str, str]:
        """Every stored article a newer edition supersedes: {old id: new id}."""
        return dict(
            self.con.execute(
                "SELECT article_id, superseded_by FROM article_stories"
                " WHERE superseded_by IS NOT NULL"
            ).fetchall()
        )

    def events_of_articles(self) -> dict[str, set[str]]:
        """For every article that supports a stored event, the events it supports."""
        found: dict[str, set[str]] = {}
        for event_id, article_id in self.con.execute(
            "SELECT event_id, article_id FROM event_sources"
        ).fetchall():
            found.setdefault(article_id, set()).add(event_id)
        return found

    def needs_regrouping(self) -> bool:
        """Whether events are stored without the parts they were joined from (a database
        written before parts were kept): `thucydides dedup --rebuild` mends it."""
        return self.con.execute(
            "SELECT EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM event_parts)"
        ).fetchone()[0]

    def event_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT event_id FROM events").fetchall()}

    def articles_stored(self) -> Iterator[Article]:
        """Every stored report as it was read, in the order it was stored, a page at a time."""
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT article_id, source, raw_text, format, published, url, outlet, title"
            " FROM articles ORDER BY ingested_at, article_id"
        )
        while rows := cursor.fetchmany(500):
            for article_id, source, raw, fmt, published, url, outlet, title in rows:
                yield Article(article_id, source, raw, fmt, published, url, outlet, title)

    def history(self, event_id: str) -> list[tuple[object, list[str], Event]]:
        """The records an event had before each change, oldest first: (when, what changed, record)."""
        rows = self.con.execute(
            "SELECT replaced_at, changed, record FROM event_history WHERE event_id = ?"
            " ORDER BY replaced_at, rowid",
            [event_id],
        ).fetchall()
        return [(at, changed, Event.model_validate_json(record)) for at, changed, record in rows]

    def parts_of_events(self, event_ids: Iterable[str]) -> list[tuple[Part, str]]:
        """Every stored part of these events, with its report's signature: (part, event id)."""
        rows = self.con.execute(
            "SELECT p.record, p.event_id, s.minhash FROM event_parts p"
            " LEFT JOIN article_stories s USING (article_id)"
            " WHERE p.event_id = ANY(?) ORDER BY p.part_id",
            [list(event_ids)],
        ).fetchall()
        return [
            (
                Part(
                    Event.model_validate_json(record),
                    Fingerprint.from_bytes(blob) if blob is not None else None,
                ),
                event_id,
            )
            for record, event_id, blob in rows
        ]

    def events_touching(
        self, parts: list[Part], articles: Iterable[str], stories: Iterable[str]
    ) -> set[str]:
        """The stored events that a batch may change: those these articles gave (read again or
        superseded), those with a part that may report the same event as one of `parts` (same
        type, within the widest window and reach), and those told by a report of these stories
        (near-duplicate copies, which may join without a place or a date), and those with a
        part naming a person one of `parts` names (`one_person`, whatever the dates)."""
        people = sorted(
            {k for p in parts if p.event.event_type in HARM_TYPES for k in people_keys(p.event)}
        )
        # The stories' copies, then the parts of those reports by key, each its own statement:
        # one joining the parts to the stories under an OR read both tables whole (EXPLAIN
        # ANALYZE, a batch of 100 on 2,300 stored reports: 2,973 parts and 2,300 stories; so,
        # about the 100 asked for). The persons are still a scan of the parts' lists.
        copies = [
            r[0]
            for r in self.con.execute(
                "SELECT article_id FROM article_stories WHERE story_id = ANY(?)", [list(stories)]
            ).fetchall()
        ]
        found = {
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT event_id FROM event_parts WHERE article_id = ANY(?)",
                [sorted({*articles, *copies})],
            ).fetchall()
        }
        if people:
            found.update(
                r[0]
                for r in self.con.execute(
                    "SELECT DISTINCT event_id FROM event_parts"
                    " WHERE list_has_any(people, ?::VARCHAR[])",
                    [people],
                ).fetchall()
            )
        known = [
            p.event
            for p in parts
            if p.event.event_date is not None and p.event.latitude is not None
        ]
        if not known:
            return found
        probes = pa.table(
            {
                "event_type": pa.array([e.event_type for e in known]),
                "event_date": pa.array([e.event_date for e in known]),
                "lat": pa.array([e.latitude for e in known]),
                "lon": pa.array([e.longitude for e in known]),
                "dlon": pa.array([_degrees_of_longitude(WIDEST_KM, e.latitude) for e in known]),
            }
        )
        self.con.register("probes", probes)
        try:
            found.update(
                r[0]
                for r in self.con.execute(
                    "SELECT DISTINCT e.event_id FROM probes p JOIN event_parts e"
                    " ON e.event_type = p.event_type"
                    f" AND e.event_date BETWEEN p.event_date - INTERVAL {WIDEST_DAYS} DAY"
                    f" AND p.event_date + INTERVAL {WIDEST_DAYS} DAY"
                    " AND abs(e.latitude - p.lat) <= ?"
                    " AND (abs(e.longitude - p.lon) <= p.dlon"
                    " OR abs(e.longitude - p.lon) >= 360 - p.dlon)",
                    [WIDEST_KM / KM_PER_DEGREE],
                ).fetchall()
            )
        finally:
            self.con.unregister("probes")
        return found

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
            " coalesce(a.evidence_text, a.raw_text), a.clean_text, a.language, a.offset_runs, s.story_id, s.copy_of,"
            " s.similarity, s.superseded_by"
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
            "offset_runs",
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
        """Counts and fatalities per day, per event type, per country and per day and type (what
        the page's timeline stacks), under the query's filters."""
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
        rows = self.con.execute(
            "SELECT event_date, event_type, count(*), sum(fatalities) FROM events"
            f"{where} GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        ).fetchall()
        result["per_day_type"] = [
            {"key": str(d), "event_type": t, "events": n, "fatalities": int(f or 0)}
            for d, t, n, f in rows
            if d is not None
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

    def last_updated(self) -> datetime | None:
        """When the last article was stored (UTC), or None for an empty database."""
        # ingested_at holds the local time of the database's session: read back in UTC.
        latest = self.con.execute(
            "SELECT timezone('UTC', max(ingested_at)::TIMESTAMPTZ) FROM articles"
        ).fetchone()[0]
        return latest.replace(tzinfo=UTC) if latest else None

    def counts(self) -> dict[str, int]:
        return {
            table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "events", "event_sources")
        }
