"""The learned event sub-type (ACLED's 25), and with it the event type, of an event's text.

Multinomial logistic regression on lowercase word unigrams, bigrams and five-letter stems,
trained on ACLED's current notes of the world by `python -m thucydides.training.event_types`
and shipped as `extract/data/type_model.npz` (provenance and measured figures in
`extract/data/type_model.json`). Loaded once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

import numpy as np

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")
# A stem: the first letters of a longer word, so that "shelled", "shelling" and "shells" or
# "abducted" and "abduction" teach one feature, whichever form a region's reports prefer.
STEM = 5


def words(text: str) -> list[str]:
    """The words the model reads; those of "a b" are those of "a" then those of "b"."""
    return _WORD.findall(text.lower())


def features(text: str) -> list[str]:
    return features_of(words(text))


def features_of(found: list[str]) -> list[str]:
    return [
        *found,
        *(f"{a} {b}" for a, b in pairwise(found)),
        *(f"~{w[:STEM]}" for w in found if len(w) > STEM),
    ]


class TypeModel:
    """Probabilities of the sub-types (`labels`), each of them of one event type (`types`)."""

    def __init__(
        self,
        labels: list[str],
        types: list[str],
        vocabulary: list[str],
        weights: np.ndarray,
        bias: np.ndarray,
    ) -> None:
        self.labels = labels
        self.types = types
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)

    def sub_type_probabilities(self, found: list[str]) -> dict[str, float]:
        """Each sub-type's probability, from the text's `words`."""
        index = self.index
        rows = [i for f in set(features_of(found)) if (i := index.get(f)) is not None]
        scores = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return dict(zip(self.labels, scores.tolist(), strict=True))

    def type_probabilities(self, sub_types: dict[str, float]) -> dict[str, float]:
        """Each event type's probability: the sum of its sub-types'."""
        totals: dict[str, float] = dict.fromkeys(self.types, 0.0)
        for label, event_type in zip(self.labels, self.types, strict=True):
            totals[event_type] += sub_types[label]
        return totals

    def probabilities(self, text: str) -> dict[str, float]:
        return self.type_probabilities(self.sub_type_probabilities(words(text)))


def read_type_model(source: Path | BinaryIO) -> TypeModel:
    data = np.load(source, allow_pickle=False)
    return TypeModel(
        data["labels"].tolist(),
        data["types"].tolist(),
        data["vocabulary"].tolist(),
        data["weights"],
        data["bias"],
    )


@cache
def load_type_model() -> TypeModel | None:
    """The shipped model, or None where it has not been trained (rules decide alone then)."""
    path = resources.files("thucydides.extract").joinpath("data", "type_model.npz")
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return read_type_model(fh)


_in_use: ContextVar[TypeModel | None] = ContextVar("type_model_in_use", default=None)


def current_type_model() -> TypeModel | None:
    """The model extraction uses: the shipped one, unless `type_model_in_use` says otherwise."""
    return _in_use.get() or load_type_model()


@contextmanager
def type_model_in_use(model: TypeModel) -> Iterator[None]:
    """Extract with another model within the block: evaluation scores each region with the
    model that never saw it."""
    token = _in_use.set(model)
    try:
        yield
    finally:
        _in_use.reset(token)
