"""Land a processed batch in the store: story links, corrections, events regrouped with stored ones.

The one place where what a batch found meets what the database already holds: each article
joins the story of its near-duplicate copies, a newer edition of a report supersedes the older
one, and the batch's reports' events are grouped with the stored parts they may join, so that
the stored events end as if every report had come in one batch. One transaction.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from rich.console import Console

from thucydides.dedup import Part, assemble, groups, report_parts
from thucydides.dedup.articles import assign_stories
from thucydides.dedup.revisions import Edition, names_in, revisions
from thucydides.event import Event
from thucydides.pipeline import (
    DEFAULT_BATCH,
    Batch,
    Pipeline,
    Processed,
    batched,
    progress_bar,
)
from thucydides.store import Store
from thucydides.store.feeds import ItemRecord


def _edition(processed: Processed) -> Edition:
    article, clean = processed.article, processed.clean
    return Edition(
        article.article_id,
        article.url or clean.url,
        article.outlet or clean.outlet,
        processed.published,
        names_in(clean.text),
    )


def name_groups(
    grouped: list[list[Part]], before: Callable[[Part], Iterable[str]]
) -> list[tuple[str, list[Part]]]:
    """An id for each group: the smallest id among the stored events its parts were in
    (`before`) that no earlier group took, else its first part's id."""
    taken: set[str] = set()
    named = []
    for group in grouped:
        free = sorted({e for p in group for e in before(p)} - taken)
        event_id = free[0] if free else group[0].part_id
        if event_id in taken:  # a stored event's first part regrouped apart from it
            joined = ":".join(p.part_id for p in group)
            event_id = "th" + hashlib.sha256(joined.encode()).hexdigest()[:14]
        taken.add(event_id)
        named.append((event_id, group))
    return named


def land(batch: Batch, store: Store, items: Iterable[ItemRecord] = ()) -> list[Event]:
    """Write the batch and return the events it made or changed, as stored; `items` are the
    feed items its articles were read from, recorded in the same transaction."""
    processed = batch.articles
    ids = [p.article.article_id for p in processed]
    links = assign_stories(
        [(p.article.article_id, p.fingerprint) for p in processed], store.indexed
    )
    editions = store.editions({link.copy_of for link in links if link.copy_of} - set(ids))
    editions.update((p.article.article_id, _edition(p)) for p in processed)
    superseded = store.superseded(ids) | revisions(links, editions)
    # A report superseded by a newer edition no longer speaks for any event.
    new_parts = report_parts(
        [m for p in processed if p.article.article_id not in superseded for m in p.located],
        {p.article.article_id: p.fingerprint for p in processed},
    )
    leaving = set(ids) | superseded.keys()
    touched = store.events_touching(new_parts, leaving, {link.story_id for link in links})
    stored = store.parts_of_events(touched)
    was = {part.part_id: event_id for part, event_id in stored}
    inherits: dict[str, set[str]] = defaultdict(set)
    for part, event_id in stored:
        if part.article_id in superseded:
            inherits[superseded[part.article_id]].add(event_id)
    kept = [part for part, _ in stored if part.article_id not in leaving]
    named = name_groups(
        groups(kept + new_parts),
        lambda p: {was[p.part_id]} if p.part_id in was else inherits.get(p.article_id, ()),
    )
    events = [assemble(group, event_id) for event_id, group in named]
    store.write_batch(
        processed,
        events,
        links,
        superseded,
        parts=[(part, event_id) for event_id, group in named for part in group],
        replaced=touched,
        items=items,
    )
    return events


def rebuild(
    store: Store, console: Console | None = None, pipeline: Pipeline | None = None
) -> tuple[int, int]:
    """Every stored report read again and its events regrouped as `land` groups them now,
    in one transaction: a database whose events were joined by an older rule is mended, and
    left as it was if this is stopped half-way. Each new event keeps the id of a stored event
    that one of its reports supported, where one is free, and every changed or removed event
    keeps its record in the history. Returns the events (before, after)."""
    pipeline = pipeline or Pipeline()
    superseded = store.superseded_all()
    supported = store.events_of_articles()
    parts: list[Part] = []
    with progress_bar(console or Console(stderr=True)) as advance:
        for chunk in batched(store.articles_stored(), DEFAULT_BATCH):
            batch = pipeline.process_articles(chunk)
            parts += report_parts(
                [
                    m
                    for p in batch.articles
                    if p.article.article_id not in superseded
                    for m in p.located
                ],
                {p.article.article_id: p.fingerprint for p in batch.articles},
            )
            advance(len(chunk))
    named = name_groups(groups(parts), lambda p: supported.get(p.article_id, ()))
    events = [assemble(group, event_id) for event_id, group in named]
    stored = store.event_ids()
    store.write_batch(
        [],
        events,
        parts=[(part, event_id) for event_id, group in named for part in group],
        replaced=stored,
    )
    return len(stored), len(events)
