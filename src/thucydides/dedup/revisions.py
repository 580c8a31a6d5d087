"""Corrections: a newer edition of a report from the same publisher supersedes the older one.

Outlets revise stories in place ("death toll rises to 30"). A revision is a near-duplicate
(the same story) from the same URL or the same outlet; the later publication date wins, and
on a tie the report read later does. Only the newer edition's figures then count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thucydides.dedup.articles import StoryLink


@dataclass(frozen=True, slots=True)
class Edition:
    """What says who published a report, and when."""

    article_id: str
    url: str | None
    outlet: str | None
    published: date | None


def _same_publisher(a: Edition, b: Edition) -> bool:
    # Wires re-issue an updated story under a new URL ("UPDATE 2-..."), so the outlet counts too.
    if a.url and a.url == b.url:
        return True
    return bool(a.outlet and b.outlet and a.outlet.casefold() == b.outlet.casefold())


def revisions(links: list[StoryLink], editions: dict[str, Edition]) -> dict[str, str]:
    """Which report each superseded report gives way to: {older article id: newer article id}.

    `links` are this batch's story links in reading order; `editions` must hold every article
    they name, stored or new.
    """
    superseded: dict[str, str] = {}
    for link in links:
        if link.copy_of is None:
            continue
        new, old = editions[link.article_id], editions[link.copy_of]
        if not _same_publisher(new, old):
            continue
        if (new.published or date.min) < (old.published or date.min):
            new, old = old, new
        superseded[old.article_id] = new.article_id
    return superseded
