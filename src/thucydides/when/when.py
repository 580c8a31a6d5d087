"""When: an event's date, how precise it is, and what in the text said so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Basis = Literal["text", "previous event", "story", "publication", "none"]


@dataclass(frozen=True, slots=True)
class When:
    date: date | None
    precision: int
    basis: Basis
    expression: str | None = None
    start: int | None = None
    end: int | None = None
    future: bool = False
