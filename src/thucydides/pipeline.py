"""Run the stages in order over a stream of articles, in bounded batches."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from thucydides.clean import CleanText, clean
from thucydides.dedup import LocatedMention, merge_events
from thucydides.dedup.articles import Fingerprint, fingerprints
from thucydides.event import Event, Evidence, Source
from thucydides.extract import ActorRef, Mention, TextSpan, extract
from thucydides.geo import Gazetteer, Place, load_gazetteer, resolve
from thucydides.geo.event_place import named_towns, offset_places, places_for
from thucydides.geo.locative import mark_places
from thucydides.ingest import Article
from thucydides.nlp import load_pipeline
from thucydides.problems import Problem
from thucydides.when.aftermath import aftermath_days
from thucydides.when.dateline import read_dateline
from thucydides.when.event_date import is_history, report_dates
from thucydides.when.timezones import local_date, zone_at

DEFAULT_BATCH = 200
EXTERNAL_FORCES = 8  # ACLED's inter code for a state's forces abroad, among others


@dataclass(slots=True)
class Processed:
    """What one article gave: its clean text, its publication day, its new-event mentions,
    placed and dated, and the signature that finds its near-duplicate copies."""

    article: Article
    clean: CleanText
    published: date | None
    located: list[LocatedMention]
    fingerprint: Fingerprint | None = None


@dataclass(slots=True)
class Batch:
    articles: list[Processed] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _evidence(clean: CleanText, span: TextSpan) -> Evidence:
    start, end = clean.raw_span(span.start, span.end)
    return Evidence(article_id=clean.article_id, start=start, end=end, text=clean.raw[start:end])


def _evidence_for(
    mention: Mention, clean: CleanText, located_place, when
) -> dict[str, tuple[Evidence, ...]]:
    spans: dict[str, list[TextSpan]] = {
        "event_type": [mention.trigger],
        "sub_event_type": [mention.trigger],
    }
    if mention.actor1 is not None:
        spans["actor1"] = [mention.actor1.span] + (
            [mention.actor1.named_at] if mention.actor1.named_at else []
        )
    for name, actor in (("assoc_actor_1", mention.actor1), ("assoc_actor_2", mention.actor2)):
        if actor is not None and actor.associate_span is not None:
            spans[name] = [actor.associate_span]
    if mention.actor2 is not None:
        spans["actor2"] = [mention.actor2.span] + (
            [mention.actor2.named_at] if mention.actor2.named_at else []
        )
    if located_place is not None:
        spans["location"] = [TextSpan(located_place.start, located_place.end, located_place.text)]
        if (lacking := located_place.stands_for) is not None:
            # The name the report gives, before the area whose point the event takes.
            end = lacking.name_start + len(lacking.name)
            spans["location"].insert(0, TextSpan(lacking.name_start, end, lacking.name))
    if when.start is not None and when.end is not None:
        spans["event_date"] = [TextSpan(when.start, when.end, when.expression or "")]
    if mention.fatalities is not None:
        spans["fatalities"] = [mention.fatalities.span]
    if mention.injured is not None:
        spans["injured"] = [mention.injured.span]
    if mention.shot is not None:
        spans["shot"] = [mention.shot.span]
    if mention.weapons:
        spans["weapons"] = [w.span for w in mention.weapons]
    if mention.people:
        spans["people"] = list(mention.people)
    if mention.attribution is not None:
        spans["attribution"] = [mention.attribution.span]
    return {name: tuple(_evidence(clean, s) for s in items) for name, items in spans.items()}


def publication_date(
    article: Article, clean_text: CleanText, filed_in: ZoneInfo | None = None
) -> date | None:
    """The input's date, else the HTML page's, else a dateline's that gives the year.

    Where the input or the page gives the moment of publication with its UTC offset, the day
    is the one it fell on where the report was filed (`filed_in`), else in that offset."""
    if article.published:
        day, instant = article.published, article.published_at
    elif clean_text.published:
        day, instant = clean_text.published, clean_text.published_at
    else:
        dateline = read_dateline(clean_text.text)
        return dateline.date if dateline else None
    return local_date(instant, filed_in) if instant is not None else day


def filing_zone(gazetteer: Gazetteer, text: str, places: list[Place]) -> ZoneInfo | None:
    """The time zone of the place a report's dateline names ("KABUL, Afghanistan (AP) -"):
    the place resolved there in context, else the most populous gazetteer entry of the name."""
    dateline = read_dateline(text)
    if dateline is None:
        return None
    place = next((p.entry for p in places if p.start < dateline.place_end), None)
    if place is None:
        name = dateline.place.split(",")[0]
        exact = [c.entry for c in gazetteer.candidates(name) if c.match != "fuzzy"]
        place = max(exact, key=lambda e: e.population, default=None)
    if place is None:
        return None
    return zone_at(place.latitude, place.longitude, place.country_code)


def with_nationalities(mention: Mention, gazetteer: Gazetteer, country: str | None) -> Mention:
    """State forces the words give a nationality ("Pakistani forces" in an Afghan village)
    named after that country rather than the event's (`country`); outside their own country
    ACLED codes them external forces (inter 8: 5,876 of 6,027 such actors in acled-modern)."""

    def named(actor: ActorRef | None) -> ActorRef | None:
        if actor is None or not actor.nationality or "{country}" not in actor.name:
            return actor
        own = gazetteer.country_named(actor.nationality)
        if own is None:
            return actor
        inter = EXTERNAL_FORCES if country and own != country and actor.inter == 1 else actor.inter
        return replace(actor, name=actor.name.replace("{country}", own), inter=inter)

    return replace(mention, actor1=named(mention.actor1), actor2=named(mention.actor2))


_WARM_UP = Article(
    "warm-up",
    "<warm-up>",
    "KABUL, June 9 (Reuters) - Taliban gunmen killed three police officers and wounded two"
    " civilians at a checkpoint in Kandahar province on Monday, officials said. Hundreds of"
    " protesters marched through Mazar-i-Sharif the next day.",
    published=date(2014, 6, 10),
)


def _freeze() -> None:
    gc.collect()
    gc.freeze()


class Pipeline:
    """The stages with their models loaded once; reuse one Pipeline per process."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.nlp = load_pipeline()
        self.gazetteer = gazetteer or load_gazetteer()
        self._batches = 0

    def _freeze_what_lasts(self) -> None:
        """Once the first batch has built what loads lazily (the models' caches, the
        gazetteer's fuzzy buckets), what is alive lasts as long as the process: half a million
        objects (272,583 gazetteer entries) that each full collection walked, 0.28 s a pass,
        about one pass per 150 articles. Frozen (`gc.freeze`), they are left out: a pass
        then walks only the batch's own objects (about 0.01 s)."""
        self._batches += 1
        if self._batches == 2:
            _freeze()

    def warm(self) -> None:
        """Build what loads lazily by reading and merging one short report, then freeze it
        (see `_freeze_what_lasts`): processes forked after this (a watch's polls) share it all
        instead of each building it again."""
        merged(self.process_articles([_WARM_UP]).articles)
        _freeze()
        self._batches = 2

    def locate(
        self,
        article: Article,
        clean_text: CleanText,
        mentions: list[Mention],
        toponyms: list[Place],
        published: date | None,
        offsets: dict[int, Place],
        aftermath: frozenset[int] = frozenset(),
    ) -> list[LocatedMention]:
        """The new-event mentions of one article, placed and dated with their evidence
        (`offsets`: places told by distance and direction, see `offset_places`; `aftermath`:
        where the days of what followed an event begin, see `report_dates`)."""
        mentions = [m for m in mentions if m.status == "new"]
        text = clean_text.text
        places = places_for(mentions, toponyms, offsets, text)
        dates = report_dates(mentions, text, published, aftermath)
        source = Source(
            article_id=article.article_id,
            url=article.url or clean_text.url,
            outlet=article.outlet or clean_text.outlet,
            published=published,
        )
        located = []
        for mention, place, when in zip(mentions, places, dates, strict=True):
            if when.future or is_history(when, published):
                continue
            located.append(
                LocatedMention(
                    mention=with_nationalities(
                        mention, self.gazetteer, place.place.country if place.place else None
                    ),
                    source=source,
                    place=place.place,
                    place_inherited=place.inherited,
                    when=when,
                    evidence=_evidence_for(mention, clean_text, place.place, when),
                )
            )
        return located

    def process_articles(self, articles: list[Article]) -> Batch:
        """Every stage up to placed, dated mentions; no merging (a worker's share of a batch)."""
        self._freeze_what_lasts()
        batch = Batch()
        cleaned: list[tuple[Article, CleanText]] = []
        articles, batch.problems = unique_articles(articles)
        for article in articles:
            try:
                clean_text = clean(article)
            except Exception as exc:  # one article's failure must not stop the batch
                batch.problems.append(Problem(article.source, f"cleaning failed: {exc}"))
                continue
            batch.problems.extend(
                Problem(article.source, w, "warning") for w in clean_text.warnings
            )
            if clean_text.language not in (None, "en"):
                # Kept in the database with its language, but the English models would only
                # invent events from it.
                batch.problems.append(
                    Problem(
                        article.source,
                        f"not English ({clean_text.language}): stored, no events extracted",
                        "warning",
                    )
                )
                batch.articles.append(
                    Processed(article, clean_text, publication_date(article, clean_text), [])
                )
                continue
            if not clean_text.text.strip():
                batch.problems.append(
                    Problem(article.source, "no text left after cleaning", "warning")
                )
                continue
            if len(clean_text.text) > self.nlp.max_length:
                batch.problems.append(
                    Problem(
                        article.source,
                        f"{len(clean_text.text):,} characters after cleaning, over the parser's"
                        f" limit of {self.nlp.max_length:,}: stored, no events extracted",
                    )
                )
                batch.articles.append(
                    Processed(article, clean_text, publication_date(article, clean_text), [])
                )
                continue
            if publication_date(article, clean_text) is None:
                dateline = read_dateline(clean_text.text)
                said = (
                    f" (its dateline says {dateline.month_day!r} but not the year)"
                    if dateline and dateline.month_day
                    else ""
                )
                batch.problems.append(
                    Problem(
                        article.source,
                        f"no publication date{said}: event dates cannot be resolved (pass --published)",
                        "warning",
                    )
                )
            cleaned.append((article, clean_text))
        # The strings a batch adds to spaCy's vocabulary (names, numbers) are freed after it,
        # so a long feed does not grow the process; nothing spaCy made outlives the zone.
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((c.text for _, c in cleaned), batch_size=32)
            for (article, clean_text), doc in zip(cleaned, docs, strict=True):
                try:
                    mentions = extract(mark_places(doc, self.gazetteer))
                    batch.problems.extend(rejected_counts(article, clean_text, mentions))
                    toponyms = named_towns(self.gazetteer, resolve(self.gazetteer, doc))
                    timed = article.published_at or clean_text.published_at
                    zone = filing_zone(self.gazetteer, clean_text.text, toponyms) if timed else None
                    published = publication_date(article, clean_text, zone)
                    offsets = offset_places(self.gazetteer, doc, toponyms)
                    located = self.locate(
                        article,
                        clean_text,
                        mentions,
                        toponyms,
                        published,
                        offsets,
                        aftermath_days(doc),
                    )
                except Exception as exc:  # report and go on: the rest of the batch still counts
                    batch.problems.append(
                        Problem(article.source, f"extraction failed: {type(exc).__name__}: {exc}")
                    )
                    continue
                batch.articles.append(Processed(article, clean_text, published, located))
        for processed, fingerprint in zip(
            batch.articles, fingerprints(p.clean.text for p in batch.articles), strict=True
        ):
            processed.fingerprint = fingerprint
        return batch

    def process_batch(self, articles: list[Article]) -> Batch:
        """All stages over one batch: mentions of the same event merged across its articles."""
        batch = self.process_articles(articles)
        batch.events = merged(batch.articles)
        return batch

    def process_all(
        self, articles: list[Article], progress: Callable[[int], None] | None = None
    ) -> list[Processed]:
        """`process_articles` over many articles, DEFAULT_BATCH at a time; `progress` is
        called with each batch's size."""
        processed = []
        for chunk in batched(articles, DEFAULT_BATCH):
            processed.extend(self.process_articles(chunk).articles)
            if progress:
                progress(len(chunk))
        return processed


def merged(processed: list[Processed]) -> list[Event]:
    """The events of processed articles: each report's events, joined across reports."""
    return merge_events(
        [m for p in processed for m in p.located],
        {p.article.article_id: p.fingerprint for p in processed},
    )


def rejected_counts(
    article: Article, clean_text: CleanText, mentions: list[Mention]
) -> list[Problem]:
    """A warning for each figure given as a count that no report can mean, with its line in the
    input as read, so a user can find it."""
    spans = sorted({span for m in mentions for span in m.rejected_counts}, key=lambda s: s.start)
    problems = []
    for span in spans:
        start, _ = clean_text.raw_span(span.start, span.end)
        line = clean_text.raw.count("\n", 0, start) + 1
        problems.append(
            Problem(
                article.source,
                f"{span.text!r} is no credible count of casualties (line {line} of its text):"
                " no figure kept",
                "warning",
            )
        )
    return problems


def unique_articles(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """Each article once: a repeat within a batch is reported and skipped."""
    seen: set[str] = set()
    unique, problems = [], []
    for article in articles:
        if article.article_id in seen:
            problems.append(
                Problem(
                    article.source, "same article as one earlier in this batch; skipped", "warning"
                )
            )
        else:
            seen.add(article.article_id)
            unique.append(article)
    return unique, problems


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@contextmanager
def progress_bar(console: Console) -> Iterator[Callable[[int], None]]:
    """A transient progress bar on stderr; yields a function that advances it."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with progress:
        task = progress.add_task("articles", total=None)
        yield lambda n: progress.advance(task, n)


def run_pipeline(
    stream: Iterable[Article | Problem],
    *,
    batch_size: int = DEFAULT_BATCH,
    console: Console | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Batch]:
    """Process a stream of articles (and Problems from reading them) batch by batch."""
    pipeline = pipeline or Pipeline()
    with progress_bar(console or Console(stderr=True)) as advance:
        for chunk in batched(stream, batch_size):
            articles = [a for a in chunk if isinstance(a, Article)]
            problems = [p for p in chunk if isinstance(p, Problem)]
            batch = pipeline.process_batch(articles) if articles else Batch()
            batch.problems[:0] = problems
            advance(len(chunk))
            yield batch
