"""Whether two reports' events are one real event, as a probability learned from pairs.

Two events that no rule tells apart (same type and country, dates and places near, no two
different named perpetrators) are weighed by what they share: how near in days and
kilometres against how precisely each is known, whether the same actors and sub-type, the
same counts, and how much of the reports' wording (the MinHash estimate of their shared word
runs: names, streets, ages). The weights are learned by `training/event_pairs.py` from real
news of one incident told by many outlets and from distinct events of the same days.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from thucydides.event import Event
from thucydides.geo.distance import haversine_km

PAIR_MODEL = Path(__file__).parent / "data" / "pair_model.json"
# The widest gap a pair is weighed at: further apart, never one event.
CANDIDATE_DAYS = 7
CANDIDATE_KM = 50.0
_DAYS = (1, 2, 4)
_KM = (1.0, 5.0, 15.0)
_SHARED = (0.008, 0.016, 0.03, 0.06, 0.12, 0.25)


def _past(name: str, value: float, bounds: tuple[float, ...]) -> list[str]:
    """One feature for each bound the value reaches: each weight is what passing that bound
    adds, so the model stays monotone in a gap or a share where the data are few."""
    return [f"{name}>={bound}" for bound in bounds if value >= bound]


def pair_features(a: Event, b: Event, shared: float | None) -> list[str]:
    """What a pair of placed, dated events says about being one event; `shared` is the
    estimated share of word runs the two reports have in common (None where unknown)."""
    assert a.event_date is not None and b.event_date is not None
    assert a.latitude is not None and b.latitude is not None
    days = abs((a.event_date - b.event_date).days)
    same_place = a.geonameid is not None and a.geonameid == b.geonameid
    km = 0.0 if same_place else haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
    found = [
        *_past("days", days, _DAYS),
        *_past("km", km, _KM),
        "both dated to the day" if a.time_precision == b.time_precision == 1 else "a date vaguer",
        "both in a town" if a.geo_precision == b.geo_precision == 1 else "a place vaguer",
        "same sub-type" if a.sub_event_type == b.sub_event_type else "other sub-type",
        *(["shared unknown"] if shared is None else _past("shared", shared, _SHARED)),
    ]
    if a.fatalities and b.fatalities:
        found.append("same dead" if a.fatalities == b.fatalities else "other dead")
    if a.injured and b.injured:
        found.append("same injured" if a.injured == b.injured else "other injured")
    return found


@dataclass(frozen=True, slots=True)
class PairModel:
    weights: dict[str, float]  # log-odds of one event that each feature adds
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))

    def same(self, features: list[str]) -> bool:
        return self.probability(features) >= self.threshold


def read_pair_model(path: Path) -> PairModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    return PairModel(data["weights"], data["bias"], data["threshold"])


@cache
def load_pair_model() -> PairModel:
    if not PAIR_MODEL.exists():
        raise FileNotFoundError(
            f"{PAIR_MODEL} is missing: build it with python -m thucydides.training.event_pairs"
        )
    return read_pair_model(PAIR_MODEL)
