"""PLOVER's gold sentences: event type, and who did it to whom, as the extractor reads them.

322 sentences (openeventdata/PLOVER, CC BY-SA 4.0), each with one gold PLOVER event type,
source and target actor texts. thucydides extracts conflict events only, so it types a
sentence ASSAULT, PROTEST or COERCE or not at all; the gold also holds AGREE, DEMAND,
THREATEN and the other cooperative and verbal types, which the extractor rightly leaves
alone. So three figures are reported: accuracy over every sentence (no event counts as right
for the types thucydides does not extract), and precision and recall of the conflict types.
The actors are matched as text: a gold actor text inside the extractor's actor span, the
span inside it, or a content word shared (case folded), for sentences where the gold names
one and the extractor found an event; an actor the extractor only inferred (protesters
named by the trigger itself) is a miss.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from thucydides.evaluation.data import dataset
from thucydides.extract import extract
from thucydides.nlp import load_pipeline

_STOPWORDS = frozenset({"the", "a", "an", "of", "and", "in", "from", "for", "to", "on", "its"})
# PLOVER types the extractor produces, through its ACLED types.
EXTRACTED = frozenset({"ASSAULT", "PROTEST", "COERCE"})
# FIGHT is armed combat between organised forces: ACLED's battles, which the extractor types
# ASSAULT (PLOVER files both under material conflict).
SAME = {"FIGHT": "ASSAULT"}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    text: str
    event: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PloverScores:
    sentences: int
    accuracy: float
    conflict_gold: int
    conflict_predicted: int
    conflict_precision: float
    conflict_recall: float
    source_pairs: int
    source_match: float
    target_pairs: int
    target_match: float


def _actor_texts(actors: object) -> tuple[str, ...]:
    """The actor texts of a gold side: a list of {actorText, code}; "" or absent for none."""
    if not isinstance(actors, list):
        return ()
    return tuple(a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText"))


def read_plover() -> list[GoldSentence]:
    path = dataset("events", "plover-gold", "PLOVER_GSR_CAMEO.json")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        GoldSentence(
            row["text"],
            SAME.get(row["event"], row["event"]),
            _actor_texts(row.get("source")),
            _actor_texts(row.get("target")),
        )
        for row in rows
        if row.get("text")
    ]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.casefold()) if w not in _STOPWORDS}


def _matches(golds: tuple[str, ...], span: str) -> bool:
    """The same actor: one text inside the other, or a word in common other than "the", "of"
    ("students throughout Indonesia" and "university students")."""
    found = span.casefold()
    return any(
        g.casefold() in found or found in g.casefold() or _words(g) & _words(span) for g in golds
    )


def evaluate_plover(sentences: list[GoldSentence]) -> PloverScores:
    nlp = load_pipeline()
    right = predicted_conflict = true_conflict = 0
    sources: list[bool] = []
    targets: list[bool] = []
    for gold, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        mentions = [m for m in extract(doc) if m.status == "new"]
        first = mentions[0] if mentions else None
        predicted = first.plover_type if first else None
        conflict = gold.event in EXTRACTED
        right += predicted == gold.event if conflict else predicted is None
        predicted_conflict += predicted is not None
        true_conflict += conflict and predicted == gold.event
        if first is None:
            continue
        if gold.sources and first.actor1 is not None:
            sources.append(_matches(gold.sources, first.actor1.span.text))
        if gold.targets and first.actor2 is not None:
            targets.append(_matches(gold.targets, first.actor2.span.text))
    conflict_gold = sum(s.event in EXTRACTED for s in sentences)
    return PloverScores(
        sentences=len(sentences),
        accuracy=right / len(sentences),
        conflict_gold=conflict_gold,
        conflict_predicted=predicted_conflict,
        conflict_precision=true_conflict / predicted_conflict if predicted_conflict else 0.0,
        conflict_recall=true_conflict / conflict_gold if conflict_gold else 0.0,
        source_pairs=len(sources),
        source_match=sum(sources) / len(sources) if sources else 0.0,
        target_pairs=len(targets),
        target_match=sum(targets) / len(targets) if targets else 0.0,
    )
