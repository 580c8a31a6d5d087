"""Problems met on the way: reported to the user, never fatal to the batch."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad input or failed step, named precisely enough to find and fix it."""

    source: str
    message: str
    level: Literal["error", "warning"] = "error"
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{self.level}: {where}: {self.message}"
