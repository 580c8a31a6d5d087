"""Land a processed batch in the store: story links, corrections, merging with stored events.

The one place where what a batch found meets what the database already holds: each article
joins the story of its near-duplicate copies, a newer edition of a report supersedes the older
one, and each event either folds into the stored event it reports or is new. One transaction.
"""

from __future__ import annotations

from thucydides.dedup import merge_events, reconcile
from thucydides.dedup.articles import assign_stories
from thucydides.dedup.revisions import Edition, revisions
from thucydides.event import Event
from thucydides.pipeline import Batch, Processed
from thucydides.store import Store


def _edition(processed: Processed) -> Edition:
    article, clean = processed.article, processed.clean
    return Edition(
        article.article_id,
        article.url or clean.url,
        article.outlet or clean.outlet,
        processed.published,
    )


def land(batch: Batch, store: Store) -> list[Event]:
    """Write the batch and return its events as stored (new, or folded into stored ones)."""
    processed = batch.articles
    ids = [p.article.article_id for p in processed]
    links = assign_stories(
        [(p.article.article_id, p.fingerprint) for p in processed], store.indexed
    )
    editions = store.editions({link.copy_of for link in links if link.copy_of} - set(ids))
    editions.update((p.article.article_id, _edition(p)) for p in processed)
    superseded = store.superseded(ids) | revisions(links, editions)
    events = batch.events
    if superseded.keys() & set(ids):
        # A report superseded by a newer edition no longer speaks for any event.
        events = merge_events(
            [m for p in processed if p.article.article_id not in superseded for m in p.located]
        )
    in_batch = set(ids)
    events = reconcile(events, store.candidates(events, in_batch), superseded)
    store.write_batch(processed, events, links, superseded)
    return events
