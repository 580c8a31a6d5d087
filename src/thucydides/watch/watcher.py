"""Poll feeds into the database: each new item's page fetched once, read, and landed.

Crash safety follows `run`'s: an item is recorded as stored in the transaction that stores its
article, and a feed's validators (ETag, Last-Modified) are saved only once every new item it
listed is stored or recorded as failed. A poll cut short (SIGKILL, power loss) leaves items
unrecorded; the next poll reads the feed whole again and fetches exactly those.
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice, zip_longest
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from thucydides.ingest import Article
from thucydides.landing import land
from thucydides.pipeline import DEFAULT_BATCH, Batch, Pipeline, batched
from thucydides.problems import Problem
from thucydides.store import Store
from thucydides.store.feeds import MAX_ATTEMPTS, FeedState, ItemRecord
from thucydides.watch.feeds import FeedError, FeedItem, parse_feed
from thucydides.watch.fetch import Fetcher, FetchError
from thucydides.watch.pages import NotAnArticle, item_article

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as ProcessEvent

FETCH_THREADS = 8


@dataclass(slots=True)
class PollReport:
    feeds: int = 0
    unchanged: int = 0
    new_items: int = 0
    articles: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    stopped: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level == "error")

    def line(self) -> str:
        stopped = " (stopped early)" if self.stopped else ""
        return (
            f"{self.feeds} feed(s) read ({self.unchanged} unchanged), {self.new_items} new"
            f" item(s), {self.articles} article(s), {self.events} event(s),"
            f" {self.errors} error(s){stopped}"
        )


@dataclass(frozen=True, slots=True)
class _Pending:
    feed_url: str
    item: FeedItem
    attempts: int  # before this one


@dataclass(slots=True)
class _Read:
    """A feed read this poll, with its new items."""

    state: FeedState
    pending: list[_Pending]


def _now() -> datetime:
    return datetime.now(UTC)


def _round_robin(pending: list[_Pending]) -> list[_Pending]:
    """Items interleaved by host, so that one host's delay never holds up the others."""
    by_host: dict[str, list[_Pending]] = defaultdict(list)
    for p in pending:
        by_host[urlsplit(p.item.link).netloc].append(p)
    return [p for row in zip_longest(*by_host.values()) for p in row if p is not None]


def _ordered(
    executor: ThreadPoolExecutor, fn: Callable, items: Iterable, ahead: int
) -> Iterator[Future]:
    """fn over items on the executor, in order, never more than `ahead` running or waiting."""
    iterator = iter(items)
    window: deque[Future] = deque(executor.submit(fn, x) for x in islice(iterator, ahead))
    try:
        while window:
            yield window.popleft()
            nxt = next(iterator, None)
            if nxt is not None:
                window.append(executor.submit(fn, nxt))
    finally:
        for future in window:
            future.cancel()


def _failed_unless_stored(records: list[ItemRecord], batch: Batch) -> list[ItemRecord]:
    """An item whose article the pipeline did not keep failed, for the reasons it gave."""
    stored = {p.article.article_id for p in batch.articles}
    why = defaultdict(list)
    for problem in batch.problems:
        why[problem.source].append(problem.message)
    return [
        r
        if r.article_id is None or r.article_id in stored
        else replace(
            r, status="failed", article_id=None, error="; ".join(why[r.url]) or "not stored"
        )
        for r in records
    ]


class Watcher:
    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        pipeline: Pipeline | None = None,
        *,
        batch_size: int = DEFAULT_BATCH,
        threads: int = FETCH_THREADS,
        stop: threading.Event | ProcessEvent | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.pipeline = pipeline or Pipeline()
        self.batch_size = batch_size
        self.threads = threads
        self.stop = stop or threading.Event()
        # The store's connection is not shared between threads: feed reads take turns on it.
        self._store_lock = threading.Lock()

    def poll(self, feed_urls: list[str]) -> PollReport:
        """Read every feed once and land the pages of its new items."""
        report = PollReport()
        with ThreadPoolExecutor(self.threads, thread_name_prefix="fetch") as executor:
            reads: list[_Read] = []
            for outcome in executor.map(self._read_feed, feed_urls):
                report.feeds += 1
                if isinstance(outcome, Problem):
                    report.problems.append(outcome)
                elif outcome is None:
                    report.unchanged += 1
                else:
                    reads.append(outcome)
            pending = self._unique([p for read in reads for p in read.pending])
            report.new_items = len(pending)
            unsettled = self._land_items(executor, pending, report)
        # A feed's validators count only once all it listed is settled: else a 304 next time
        # would hide the items a stop or a crash left unread.
        for read in reads:
            if read.state.url not in unsettled:
                self.store.feeds.save_feed(read.state)
        return report

    def _read_feed(self, url: str) -> _Read | Problem | None:
        """The feed's new items, None where it has not changed, a Problem where it failed."""
        state = self._stored_feed(url)
        polled = _now()
        try:
            fetched = self.fetcher.get(url, etag=state.etag, last_modified=state.last_modified)
            if fetched.status == 304:
                self._save_feed(
                    replace(state, last_polled=polled, last_success=polled, last_error=None)
                )
                return None
            feed = parse_feed(fetched.body, fetched.url)
        except (FetchError, FeedError) as exc:
            message = exc.reason if isinstance(exc, FetchError) else str(exc)
            self._save_feed(replace(state, last_polled=polled, last_error=message))
            return Problem(url, message)
        state = replace(
            state,
            title=feed.title,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            last_polled=polled,
            last_success=polled,
            last_error=None,
        )
        return _Read(state, self._new(url, feed.items))

    def _stored_feed(self, url: str) -> FeedState:
        with self._store_lock:
            return self.store.feeds.feed(url) or FeedState(url)

    def _save_feed(self, state: FeedState) -> None:
        with self._store_lock:
            self.store.feeds.save_feed(state)

    def _new(self, feed_url: str, items: list[FeedItem]) -> list[_Pending]:
        """Items never settled, and those the feed says changed since they were read."""
        with self._store_lock:
            known = self.store.feeds.items(
                feed_url, [i.key for i in items], [i.link for i in items]
            )
        by_key = {r.item_key: r for r in known if r.feed_url == feed_url}
        by_url = {r.url: r for r in known if r.status == "stored"}
        pending = []
        for item in items:
            record = by_key.get(item.key) or by_url.get(item.link)
            if record is None:
                pending.append(_Pending(feed_url, item, 0))
                continue
            changed = item.updated_at and (
                record.updated_at is None or item.updated_at > record.updated_at
            )
            if changed:
                pending.append(_Pending(feed_url, item, 0))
            elif record.status == "retry" and record.feed_url == feed_url:
                pending.append(_Pending(feed_url, item, record.attempts))
        return pending

    @staticmethod
    def _unique(pending: list[_Pending]) -> list[_Pending]:
        """One fetch per page, whichever feeds list it."""
        seen: set[str] = set()
        unique = []
        for p in pending:
            if p.item.link not in seen:
                seen.add(p.item.link)
                unique.append(p)
        return unique

    def _fetch(self, pending: _Pending) -> tuple[Article | None, ItemRecord, Problem | None]:
        item = pending.item
        record = ItemRecord(
            pending.feed_url,
            item.key,
            item.link,
            item.title,
            item.summary,
            item.published_at,
            item.updated_at,
            None,
            "stored",
            None,
            pending.attempts + 1,
            _now(),
        )
        try:
            article, warning = item_article(item, self.fetcher.get(item.link))
        except FetchError as exc:
            again = exc.transient and record.attempts < MAX_ATTEMPTS
            reason = exc.reason + (" (tried again next poll)" if again else "")
            status = "retry" if again else "failed"
            return None, replace(record, status=status, error=reason), Problem(item.link, reason)
        except NotAnArticle as exc:
            return (
                None,
                replace(record, status="failed", error=str(exc)),
                Problem(item.link, str(exc)),
            )
        problem = Problem(item.link, warning, "warning") if warning else None
        return article, replace(record, article_id=article.article_id), problem

    def _land_items(
        self, executor: ThreadPoolExecutor, pending: list[_Pending], report: PollReport
    ) -> set[str]:
        """Fetch, read and land the pages; the feeds with items left unsettled."""
        unsettled = {p.feed_url for p in pending}
        left: dict[str, int] = defaultdict(int)
        for p in pending:
            left[p.feed_url] += 1
        fetched = _ordered(
            executor, self._fetch, _round_robin(pending), ahead=self.batch_size + 4 * self.threads
        )
        try:
            self._land_fetched(fetched, report, left, unsettled)
        finally:
            fetched.close()  # cancels what a stop left waiting
        return unsettled

    def _land_fetched(
        self,
        fetched: Iterator[Future],
        report: PollReport,
        left: dict[str, int],
        unsettled: set[str],
    ) -> None:
        for chunk in batched(fetched, self.batch_size):
            outcomes = [future.result() for future in chunk]
            articles = [a for a, _, _ in outcomes if a is not None]
            records = [r for _, r, _ in outcomes]
            report.problems.extend(p for _, _, p in outcomes if p is not None)
            if articles:
                batch = self.pipeline.process_articles(articles)
                report.problems.extend(batch.problems)
                records = _failed_unless_stored(records, batch)
                landed = [r for r in records if r.status == "stored"]
                report.events += len(land(batch, self.store, items=landed))
                report.articles += len(batch.articles)
            self.store.feeds.save_items(r for r in records if r.status != "stored")
            for record in records:
                left[record.feed_url] -= 1
                if left[record.feed_url] == 0:
                    unsettled.discard(record.feed_url)
            if self.stop.is_set():
                report.stopped = True
                return
