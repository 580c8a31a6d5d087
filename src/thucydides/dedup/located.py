"""A new-event mention placed, dated, and tied to its source, ready to merge into events."""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.event import Evidence, Source
from thucydides.extract.mention import Mention
from thucydides.geo.place import Place
from thucydides.when.when import When


@dataclass(frozen=True, slots=True)
class LocatedMention:
    mention: Mention
    source: Source
    place: Place | None
    place_inherited: bool
    when: When
    evidence: dict[str, tuple[Evidence, ...]]
