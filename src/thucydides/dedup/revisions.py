"""Corrections: a newer edition of a report from the same publisher supersedes the older one.

Outlets revise stories in place ("death toll rises to 30"). A revision is a near-duplicate
(the same story) from the same URL, or from the same outlet where it still names every name
and day the older edition named: an outlet's formulaic reports of other events ("Israeli warplanes
carried out an airstrike in Kfar Dajjal", then "... in Bednayel") are near-duplicates too, but
they name other places and people. The later publication date wins, and on a tie the report
read later does. Only the newer edition's figures then count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from thucydides.dedup.articles import StoryLink


@dataclass(frozen=True, slots=True)
class Edition:
    """What says who published a report, and when."""

    article_id: str
    url: str | None
    outlet: str | None
    published: date | None
    names: frozenset[str] = field(default_factory=frozenset)


# A capitalised word that does not open a sentence: a name, in English news.
_NAME = re.compile(r"(?<![.!?\n]\s)(?<!^)\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})\b")


def names_in(text: str) -> frozenset[str]:
    """The names a report uses: capitalised words that do not open a sentence, and the days
    it names ("30 October", "Oct. 30": the same story's update tells the same day)."""
    days = {" ".join(sorted(m.group(0).lower().split())) for m in _DAY.finditer(text)}
    return frozenset(m.group(0) for m in _NAME.finditer(text)) | days


def _same_report(new: Edition, old: Edition) -> bool:
    if new.url and new.url == old.url:
        return True
    # Wires re-issue an updated story under a new URL ("UPDATE 2-..."), so the outlet counts
    # too, where the newer edition keeps the older one's names.
    if not (new.outlet and old.outlet and new.outlet.casefold() == old.outlet.casefold()):
        return False
    return bool(old.names) and old.names <= new.names


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
        if (new.published or date.min) < (old.published or date.min):
            new, old = old, new
        if not _same_report(new, old):
            continue
        superseded[old.article_id] = new.article_id
    return superseded
