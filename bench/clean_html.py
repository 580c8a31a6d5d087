"""Cost of cleaning HTML pages against spaCy's parse of the text they give.

    python bench/clean_html.py [--repeat 2]

On the article-extraction benchmark's 181 pages (../shared/data): seconds for clean()
(trafilatura's main text and metadata, the map of each clean character into the page
source, Unicode repair, furniture and repeats) split by step, against nlp.pipe over the
clean texts, the same pages, in the same run, as spaCy ships the model and as the project loads
it (see bench/run.py). The best of --repeat runs is kept.
"""

from __future__ import annotations

import argparse
import time

from thucydides.clean import clean
from thucydides.clean.html import extract_page
from thucydides.clean.html_offsets import source_offsets
from thucydides.evaluation.clean_benchmark import benchmark_pages
from thucydides.ingest import make_article
from thucydides.nlp import load_pipeline
from thucydides.nlp.pipeline import shipped_model


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    pages = list(benchmark_pages().values())
    articles = [make_article(p, f"page:{i}", format="html") for i, p in enumerate(pages)]
    extracted = [extract_page(p).text for p in pages]
    texts = [clean(a).text for a in articles]
    nlp, shipped = load_pipeline(), shipped_model()
    nlp(texts[0])
    shipped(texts[0])

    seconds = {
        "clean() whole": best_of(args.repeat, lambda: [clean(a) for a in articles]),
        "  trafilatura": best_of(args.repeat, lambda: [extract_page(p) for p in pages]),
        "  offsets into source": best_of(
            args.repeat,
            lambda: [source_offsets(t, p) for t, p in zip(extracted, pages, strict=True)],
        ),
        "spaCy as shipped": best_of(args.repeat, lambda: list(shipped.pipe(texts, batch_size=32))),
        "spaCy as loaded": best_of(args.repeat, lambda: list(nlp.pipe(texts, batch_size=32))),
    }
    words = sum(len(t.split()) for t in texts)
    print(f"{len(pages)} pages, {words:,} words of clean text")
    for name, value in seconds.items():
        shipped_share = value / seconds["spaCy as shipped"]
        loaded_share = value / seconds["spaCy as loaded"]
        print(
            f"{name:22s} {value:7.2f} s  {1000 * value / len(pages):6.1f} ms/page"
            f"  {shipped_share:.3f} of the shipped parse, {loaded_share:.3f} of the loaded"
        )


if __name__ == "__main__":
    main()
