"""How the relevance model judges trigger mentions it never trained on, and how many events
the whole pipeline finds in general news that is not about conflict."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from thucydides.evaluation.relevance_corpora import LabelledText
from thucydides.extract.extractor import extract
from thucydides.extract.relevance import RelevanceModel, relevance_features
from thucydides.nlp import load_pipeline


@dataclass(frozen=True, slots=True)
class Example:
    lemma: str
    features: list[str]
    conflict: bool
    source: str
    held_out: bool


def examples(texts: list[LabelledText], n_process: int = 2) -> list[Example]:
    nlp = load_pipeline()
    found = []
    docs = nlp.pipe((t.text for t in texts), batch_size=64, n_process=n_process)
    for text, doc in zip(texts, docs, strict=True):
        for mention in extract(doc, judge_relevance=False):
            if mention.status != "new":
                continue
            span = doc.char_span(mention.trigger.start, mention.trigger.end, "expand")
            if span is None:
                continue
            found.append(
                Example(
                    span.root.lemma_.lower(),
                    relevance_features(span.root),
                    text.conflict,
                    text.source,
                    text.held_out,
                )
            )
    return found


def held_out_scores(items: list[Example], model: RelevanceModel) -> dict[str, dict[str, float]]:
    """Per held-out source: mentions, and the share judged rightly (kept if conflict, dropped
    if not)."""
    tally: dict[tuple[str, bool], list[bool]] = defaultdict(list)
    for e in items:
        if e.held_out:
            kept = model.keeps(e.lemma, e.features)
            tally[(e.source, e.conflict)].append(kept == e.conflict)
    return {
        f"{source} ({'conflict: kept' if conflict else 'not conflict: dropped'})": {
            "mentions": len(right),
            "right": round(sum(right) / len(right), 3),
        }
        for (source, conflict), right in sorted(tally.items())
    }


def general_news_events() -> tuple[int, int, int]:
    """The pipeline over the article-extraction benchmark's HTML pages, none of which any
    model here learned from: (pages, events, pages with an event). Most pages are tech,
    sport, lifestyle and politics; every event found there is worth a look."""
    from datetime import date

    from thucydides.evaluation.clean_benchmark import benchmark_pages
    from thucydides.ingest import make_article
    from thucydides.pipeline import Pipeline

    pages = benchmark_pages()
    articles = [
        make_article(html, key, format="html", published=date(2019, 11, 20))
        for key, html in pages.items()
    ]
    events = Pipeline().process_batch(articles).events
    with_events = {a for e in events for a in e.article_ids}
    return len(pages), len(events), len(with_events)
