"""Main-text extraction on scrapinghub's article-extraction-benchmark, with its own metric.

The metric (the benchmark's evaluate.py): word 4-gram shingle multisets per page, true
positives / false positives / false negatives, precision and recall per page, macro-averaged,
F1 = 2PR/(P+R). The systems' outputs that ship with the benchmark are scored the same way,
so the figures sit side by side.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from thucydides.clean import clean
from thucydides.evaluation.data import dataset
from thucydides.ingest import make_article

_TOKEN = re.compile(r"\w+", re.UNICODE)
NGRAM = 4


@dataclass(frozen=True, slots=True)
class OffsetCheck:
    """How many letters and digits of the clean text map to a place in the page source that
    shows exactly that character (a reference such as "&eacute;" decoded)."""

    characters: int
    exact: int


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    system: str
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < NGRAM:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + NGRAM]) for i in range(len(tokens) - NGRAM + 1))


def page_scores(truth: str, predicted: str) -> tuple[float, float, bool]:
    t, p = shingles(truth), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    exact = _TOKEN.findall(truth or "") == _TOKEN.findall(predicted or "")
    return precision, recall, exact


def score(system: str, truth: dict[str, str], predicted: dict[str, str]) -> ExtractionScore:
    results = [page_scores(truth[k], predicted.get(k, "")) for k in truth]
    precision = sum(r[0] for r in results) / len(results)
    recall = sum(r[1] for r in results) / len(results)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(r[2] for r in results) / len(results)
    return ExtractionScore(system, precision, recall, f1, accuracy, len(results))


def _bodies(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text())
    if isinstance(data.get("output"), dict):  # some outputs are wrapped with their version
        data = data["output"]
    items = data.items()
    return {k: (v.get("articleBody") or "") if isinstance(v, dict) else (v or "") for k, v in items}


def benchmark_pages() -> dict[str, str]:
    """The benchmark's 181 HTML pages (general news, tech, lifestyle), by key."""
    root = dataset("clean", "article-extraction-benchmark")
    return {
        key: gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        for key in _bodies(root / "ground-truth.json")
    }


def evaluate_clean(progress=None) -> tuple[list[ExtractionScore], OffsetCheck]:
    """thucydides' clean() on every page, then the shipped systems' outputs, best first; and
    the check of thucydides' offsets into the page sources."""
    root = dataset("clean", "article-extraction-benchmark")
    truth = _bodies(root / "ground-truth.json")
    ours: dict[str, str] = {}
    characters = exact = 0
    for key, page in benchmark_pages().items():
        cleaned = clean(make_article(page, key, format="html"))
        ours[key] = cleaned.text
        for i, char in enumerate(cleaned.text):
            if char.isalnum():
                characters += 1
                shown = html.unescape(page[cleaned.raw_starts[i] : cleaned.raw_ends[i]])
                exact += unicodedata.normalize("NFC", shown) == char
        if progress:
            progress()
    scores = [score("thucydides", truth, ours)]
    for output in sorted((root / "output").glob("*.json")):
        scores.append(score(output.stem, truth, _bodies(output)))
    return sorted(scores, key=lambda s: s.f1, reverse=True), OffsetCheck(characters, exact)
