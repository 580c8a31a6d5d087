"""A mention's confidence, calibrated against how often its label is right.

The raw score is the relevance model's probability times the type classifier's for the
label; a logistic curve on its logit (Platt scaling), fitted by
`python -m thucydides.training.confidence` and shipped in `extract/data/confidence.json`,
maps it to the share of such mentions whose sub-type ACLED gave too.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

_EDGE = 1e-4


def logit(p: float) -> float:
    p = min(max(p, _EDGE), 1 - _EDGE)
    return math.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class Calibration:
    slope: float = 1.0
    intercept: float = 0.0

    def apply(self, raw: float) -> float:
        return 1 / (1 + math.exp(-(self.slope * logit(raw) + self.intercept)))

    def then(self, later: Calibration) -> Calibration:
        """This curve followed by `later` (both act on the logit, so one curve again)."""
        return Calibration(later.slope * self.slope, later.slope * self.intercept + later.intercept)


@cache
def load_calibration() -> Calibration:
    """The shipped curve; where none has been fitted, the raw score stands."""
    path = resources.files("thucydides.extract").joinpath("data", "confidence.json")
    if not path.is_file():
        return Calibration()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Calibration(data["slope"], data["intercept"])
