"""Source and target actor spans on ConfliBERT's cameo_ner test set (BIO tags S and T).

Exact span match, F1 per label and their macro average (ConfliBERT reports 74.35). The
product's spans are each mention's actor1 (source) and actor2 (target); beside them, a
generic parse baseline: the subject and object of each sentence's root verb. The set covers
all CAMEO events (statements, meetings, agreements), most of them outside the conflict
events thucydides extracts, so its recall is bounded by that.
"""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.evaluation.data import dataset
from thucydides.extract import extract
from thucydides.extract.syntax import child, content_head, noun_phrase, prep_object, subject_of
from thucydides.nlp import load_pipeline

PUBLISHED_MACRO_F1 = 74.35


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    tokens: tuple[str, ...]
    spans: frozenset[tuple[str, int, int]]  # (label, first token, last token)


def read_cameo_ner(split: str = "test") -> list[TaggedSentence]:
    path = dataset("events", "conflibert", "cameo_ner", f"{split}.txt")
    sentences, tokens, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if len(parts) >= 2:
            tokens.append(parts[0])
            tags.append(parts[-1])
            continue
        if tokens:
            sentences.append(TaggedSentence(tuple(tokens), frozenset(_spans(tags))))
        tokens, tags = [], []
    return sentences


def _spans(tags: list[str]) -> list[tuple[str, int, int]]:
    spans, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((label, start, i - 1))
            start, label = None, None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def _token_span(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, (s, e) in enumerate(offsets) if s < end and start < e]
    return (inside[0], inside[-1]) if inside else None


def evaluate_spans(sentences: list[TaggedSentence]) -> dict[str, dict[str, float]]:
    nlp = load_pipeline()
    texts, offsets = [], []
    for sentence in sentences:
        at, spans = 0, []
        for token in sentence.tokens:
            spans.append((at, at + len(token)))
            at += len(token) + 1
        texts.append(" ".join(sentence.tokens))
        offsets.append(spans)
    predicted: dict[str, list[set]] = {"thucydides": [], "root-verb baseline": []}
    for doc, token_offsets in zip(nlp.pipe(texts), offsets, strict=True):
        ours = set()
        for mention in extract(doc):
            for label, actor in (("S", mention.actor1), ("T", mention.actor2)):
                # An actor the text does not name (ACLED's default for a protest, or the
                # unidentified armed group) has the trigger for its evidence: no actor span.
                if actor is None or actor.span == mention.trigger:
                    continue
                if span := _token_span(token_offsets, actor.span.start, actor.span.end):
                    ours.add((label, *span))
        baseline = set()
        for sent in doc.sents:
            root = sent.root
            subject, _ = subject_of(root)
            obj = child(root, "dobj") or prep_object(root, "on", "against", "with", "to")
            for label, token in (("S", subject), ("T", obj)):
                if token is not None:
                    phrase = noun_phrase(content_head(token))
                    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
                    if span := _token_span(token_offsets, start, end):
                        baseline.add((label, *span))
        predicted["thucydides"].append(ours)
        predicted["root-verb baseline"].append(baseline)
    results = {}
    for system, guesses in predicted.items():
        scores = {}
        for label in ("S", "T"):
            gold = [{s for s in sent.spans if s[0] == label} for sent in sentences]
            guess = [{s for s in g if s[0] == label} for g in guesses]
            tp = sum(len(g & p) for g, p in zip(gold, guess, strict=True))
            p = tp / max(1, sum(map(len, guess)))
            r = tp / max(1, sum(map(len, gold)))
            scores[label] = 2 * p * r / (p + r) if p + r else 0.0
        scores["macro"] = (scores["S"] + scores["T"]) / 2
        results[system] = scores
    return results
