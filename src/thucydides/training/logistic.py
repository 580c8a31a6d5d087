"""Multinomial logistic regression over sets of string features, fitted with L-BFGS.

The one fitting routine every model the project trains shares (event types, relevance).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

MIN_COUNT = 3
L2 = 2e-4


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
