"""Group reports of the same real event into story clusters.

Reports of one event share its particulars: names, places, numbers, the rarer words.
Documents become TF-IDF vectors (capitalised words and numbers, the particulars, weigh
double) and are grouped by average-linkage clustering under a cosine-distance threshold.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from thucydides.clean.language import ENGLISH_FUNCTION_WORDS

# Chosen on ECB+'s odd-numbered topics; `thucydides eval dedup` reports the even ones.
DEFAULT_THRESHOLD = 0.8
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
# Function words say nothing about which event a report is of; nor do these common words.
_STOP = ENGLISH_FUNCTION_WORDS | frozenset(
    [
        "a",
        "about",
        "also",
        "an",
        "as",
        "be",
        "could",
        "he",
        "i",
        "may",
        "more",
        "most",
        "new",
        "no",
        "not",
        "one",
        "out",
        "said",
        "say",
        "says",
        "she",
        "than",
        "them",
        "then",
        "these",
        "they",
        "those",
        "two",
        "up",
        "we",
        "will",
        "would",
        "you",
    ]
)


def _terms(text: str) -> Counter:
    counts: Counter = Counter()
    for token in _TOKEN.findall(text):
        lower = token.lower()
        if lower in _STOP or len(lower) < 2:
            continue
        particular = token[0].isupper() or token[0].isdigit()
        counts[lower] += 2 if particular else 1
    return counts


def tfidf(texts: list[str]) -> sparse.csr_matrix:
    bags = [_terms(t) for t in texts]
    df = Counter(term for bag in bags for term in bag)
    vocabulary = {term: i for i, term in enumerate(sorted(df))}
    n = len(texts)
    rows, cols, values = [], [], []
    for r, bag in enumerate(bags):
        for term, tf in bag.items():
            rows.append(r)
            cols.append(vocabulary[term])
            values.append((1 + math.log(tf)) * math.log((1 + n) / (1 + df[term])))
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1.0
    return sparse.diags(1 / norms) @ matrix


def cluster_stories(texts: list[str], threshold: float = DEFAULT_THRESHOLD) -> list[int]:
    """A story-cluster label per text; texts with the same label report the same event."""
    if len(texts) < 2:
        return [0] * len(texts)
    vectors = tfidf(texts)
    similarity = (vectors @ vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(label) - 1 for label in fcluster(tree, t=threshold, criterion="distance")]
