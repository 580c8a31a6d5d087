"""A small text classifier for ACLED event type, to weigh against what the trigger says.

Multinomial logistic regression on lowercase word unigrams and bigrams, trained by
`python -m thucydides.extract.train_types` and shipped as `extract/data/type_model.npz`
(provenance in `extract/data/type_model.json`). Loaded once per process.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from itertools import pairwise

import numpy as np

_WORD = re.compile(r"[a-z][a-z'-]+|\d+")


def words(text: str) -> list[str]:
    """The words the model reads; those of "a b" are those of "a" then those of "b"."""
    return _WORD.findall(text.lower())


def features(text: str) -> list[str]:
    return features_of(words(text))


def features_of(found: list[str]) -> list[str]:
    return found + [f"{a} {b}" for a, b in pairwise(found)]


class TypeModel:
    def __init__(
        self, labels: list[str], vocabulary: list[str], weights: np.ndarray, bias: np.ndarray
    ) -> None:
        self.labels = labels
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)

    def probabilities(self, text: str) -> dict[str, float]:
        return self.probabilities_of(words(text))

    def probabilities_of(self, found: list[str]) -> dict[str, float]:
        """As `probabilities`, from the text's `words`."""
        index = self.index
        rows = [i for f in set(features_of(found)) if (i := index.get(f)) is not None]
        scores = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return dict(zip(self.labels, scores.tolist(), strict=True))


@cache
def load_type_model() -> TypeModel | None:
    """The shipped model, or None where it has not been trained (rules decide alone then)."""
    path = resources.files("thucydides.extract").joinpath("data", "type_model.npz")
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        data = np.load(fh, allow_pickle=False)
        return TypeModel(
            list(data["labels"]), list(data["vocabulary"]), data["weights"], data["bias"]
        )
