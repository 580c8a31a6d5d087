"""Train the event-type classifier on the ACLED 2015 notes' training split (80%, by event id).

Run `python -m thucydides.extract.train_types`. The held-out 20% is never seen here;
`thucydides eval events` scores on it. The weights are a statistical model derived from
ACLED's notes (ACLED terms: attribution required, no redistribution of the data); the data
itself is not in the repository.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from thucydides.extract.type_model import features

MIN_COUNT = 3
L2 = 2e-4


def fit(texts: list[str], labels: list[str]) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    return fit_features([features(t) for t in texts], labels)


def fit_features(
    examples: list[list[str]],
    labels: list,
    sample_weight: np.ndarray | None = None,
    min_count: int = MIN_COUNT,
    l2: float = L2,
) -> tuple[list, list[str], np.ndarray, np.ndarray]:
    """Multinomial logistic regression over sets of string features, L2-regularised,
    optionally weighting each example: (classes, vocabulary, weights, bias)."""
    classes = sorted(set(labels))
    counts = Counter(f for found in examples for f in set(found))
    vocabulary = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows, cols = [], []
    for r, found in enumerate(examples):
        for f in set(found):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocabulary))
    )
    y = np.array([classes.index(label) for label in labels])
    n, k, v = len(examples), len(classes), len(vocabulary)
    weight = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    weight = weight / weight.mean()

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w = params[: v * k].reshape(v, k)
        b = params[v * k :]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        value = (weight * -np.log(probs[np.arange(n), y] + 1e-12)).mean()
        value += 0.5 * l2 * (w * w).sum()
        probs[np.arange(n), y] -= 1
        probs *= weight[:, None]
        grad_w = x.T @ probs / n + l2 * w
        grad_b = probs.mean(axis=0)
        return float(value), np.concatenate([np.asarray(grad_w).ravel(), grad_b])

    result = minimize(
        loss, np.zeros(v * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 300}
    )
    return classes, vocabulary, result.x[: v * k].reshape(v, k), result.x[v * k :]


def main() -> None:
    from thucydides.evaluation.acled_notes import read_notes

    train = [n for n in read_notes() if not n.held_out]
    classes, vocabulary, weights, bias = fit(
        [n.notes for n in train], [n.event_type for n in train]
    )
    folder = Path(str(resources.files("thucydides.extract").joinpath("data")))
    np.savez_compressed(
        folder / "type_model.npz",
        labels=np.array(classes),
        vocabulary=np.array(vocabulary),
        weights=weights.astype(np.float16),
        bias=bias.astype(np.float32),
    )
    (folder / "type_model.json").write_text(
        json.dumps(
            {
                "trained_on": "ACLED 2015 South/South-East Asia notes, training split (80% by event id hash)",
                "source": "../shared/data/events/acled-2015-south-asia (katehara/ACLED---Data-Mining @6167f4f)",
                "licence": "ACLED terms of use: attribution; the data is not redistributed, only weights derived from it",
                "notes": len(train),
                "features": len(vocabulary),
                "labels": classes,
                "script": "python -m thucydides.extract.train_types",
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{len(train)} notes, {len(vocabulary)} features -> {folder / 'type_model.npz'}")


if __name__ == "__main__":
    main()
