"""Same-event document clustering on ECB+: B-cubed and pairwise precision, recall, F1.

Each ECB+ topic holds reports of two different real events of one kind (its `ecb` and
`ecbplus` halves); the gold clusters are those halves (86 in 43 topics).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from thucydides.dedup.articles import assign_stories, fingerprints
from thucydides.dedup.stories import cluster_stories
from thucydides.evaluation.data import dataset


@dataclass(frozen=True, slots=True)
class EcbDocument:
    name: str
    topic: int
    event: str
    text: str


@dataclass(frozen=True, slots=True)
class ClusterScore:
    documents: int
    gold_clusters: int
    predicted_clusters: int
    b3_precision: float
    b3_recall: float
    b3_f1: float
    pair_precision: float
    pair_recall: float
    pair_f1: float


def read_ecb() -> list[EcbDocument]:
    root = dataset("coref", "ecb-plus", "ECB+")
    documents = []
    for path in sorted(root.glob("*/*.xml")):
        tree = ET.parse(path).getroot()
        text = " ".join(t.text or "" for t in tree.iter("token"))
        topic = int(path.parent.name)
        half = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
        documents.append(EcbDocument(path.name, topic, f"{topic}_{half}", text))
    return documents


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clusters(gold: list[str], predicted: list[int]) -> ClusterScore:
    n = len(gold)
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    both = Counter(zip(gold, predicted, strict=True))
    b3_p = sum(both[(g, p)] / pred_size[p] for g, p in zip(gold, predicted, strict=True)) / n
    b3_r = sum(both[(g, p)] / gold_size[g] for g, p in zip(gold, predicted, strict=True)) / n
    same_pred = sum(c * (c - 1) // 2 for c in pred_size.values())
    same_gold = sum(c * (c - 1) // 2 for c in gold_size.values())
    same_both = sum(c * (c - 1) // 2 for c in both.values())
    pair_p = same_both / same_pred if same_pred else 1.0
    pair_r = same_both / same_gold if same_gold else 1.0
    return ClusterScore(
        n,
        len(gold_size),
        len(pred_size),
        b3_p,
        b3_r,
        _f1(b3_p, b3_r),
        pair_p,
        pair_r,
        _f1(pair_p, pair_r),
    )


def evaluate(documents: list[EcbDocument], threshold: float | None = None) -> ClusterScore:
    kwargs = {} if threshold is None else {"threshold": threshold}
    labels = cluster_stories([d.text for d in documents], **kwargs)
    return score_clusters([d.event for d in documents], labels)


def near_duplicate_links(documents: list[EcbDocument]) -> tuple[int, int]:
    """The story index run over the documents in order: how many it links as copies of an
    earlier one, and how many of those links join reports of the same event. ECB+ holds
    separately written reports, so links should be few and all right."""
    prints = fingerprints(d.text for d in documents)
    links = assign_stories(
        [(d.name, f) for d, f in zip(documents, prints, strict=True)], lambda keys: []
    )
    event = {d.name: d.event for d in documents}
    copies = [link for link in links if link.copy_of is not None]
    return len(copies), sum(event[link.article_id] == event[link.copy_of] for link in copies)
