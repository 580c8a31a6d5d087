"""The thucydides command line: run, extract, export, gazetteer."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from thucydides.event import Event
from thucydides.export import write_acled, write_geojson, write_jsonl, write_parquet
from thucydides.export.jsonl import event_json
from thucydides.ingest import parse_published, read_jsonl, read_sources
from thucydides.problems import Problem

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as ProcessEvent

    from thucydides.pipeline import Pipeline
    from thucydides.watch import Fetcher

app = typer.Typer(
    help="Turn raw news reports into conflict-event records (ACLED-style), with evidence for every field.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(
    help="The offline gazetteer built from packaged GeoNames data.", no_args_is_help=True
)
app.add_typer(gazetteer_app, name="gazetteer")
eval_app = typer.Typer(
    help="The project's own scores on the development sets in ../shared/data (or $THUCYDIDES_DATA).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")
err = Console(stderr=True, soft_wrap=True)
DB_HELP = "DuckDB database file."


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        style = "red" if problem.level == "error" else "yellow"
        err.print(f"[{style}]{problem}[/{style}]", highlight=False, soft_wrap=True)
    return sum(1 for p in problems if p.level == "error")


SHOWN_MAX = 200


def events_table(events: list[Event], total: int | None = None) -> Table:
    shown = (
        f"{len(events)}" if total in (None, len(events)) else f"the first {len(events)} of {total}"
    )
    table = Table(title=f"{shown} event(s)", show_lines=True)
    for column in (
        "date (prec.)",
        "type / sub-type",
        "actor 1",
        "actor 2",
        "where",
        "fatal.",
        "weapons",
        "sources",
    ):
        table.add_column(column)
    for e in events:
        where = ", ".join(x for x in (e.location, e.admin1, e.country) if x)
        if e.latitude is not None:
            where += f"\n{e.latitude:.2f}, {e.longitude:.2f} (geo prec. {e.geo_precision})"
        table.add_row(
            f"{e.event_date or '?'} ({e.time_precision})",
            f"{e.event_type}\n{e.sub_event_type}",
            e.actor1,
            e.actor2,
            where,
            str(e.fatalities),
            ", ".join(e.weapons),
            str(e.source_count),
        )
    return table


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@contextmanager
def _batches(stream, batch_size: int, workers: int, engine: Engine, scheduler: str | None):
    """The batches of a run, from one process, a process pool, or a Dask cluster."""
    from thucydides.pipeline import run_pipeline
    from thucydides.scale import local_cluster, run_dask, run_processes

    if engine is Engine.dask:
        from distributed import Client

        with Client(scheduler) if scheduler else local_cluster(workers) as client:
            yield run_dask(stream, client=client, batch_size=batch_size, console=err)
    elif workers > 1:
        yield run_processes(stream, workers=workers, batch_size=batch_size, console=err)
    else:
        yield run_pipeline(stream, batch_size=batch_size, console=err)


@app.command()
def run(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (.txt, .html, .jsonl); '-' reads JSON Lines on stdin."
        ),
    ],
    db: Annotated[Path, typer.Option(help=DB_HELP)] = Path("thucydides.duckdb"),
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    max_mb: Annotated[
        float, typer.Option(help="Skip any single report larger than this many MB.")
    ] = 10.0,
    batch_size: Annotated[
        int, typer.Option(help="Articles per batch (and per database transaction).", min=1)
    ] = 200,
    show: Annotated[bool, typer.Option(help="Print the events of this run as a table.")] = True,
    workers: Annotated[
        int,
        typer.Option(help="Processes to run the stages on (models load once per process).", min=1),
    ] = 1,
    engine: Annotated[
        Engine, typer.Option(help="local: this machine's processes; dask: a Dask cluster.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786); without it, a local Dask cluster of --workers processes."
        ),
    ] = None,
) -> None:
    """Ingest reports into the database and print a summary of the events found.

    Re-running on the same input stores nothing twice. A bad file is reported and skipped;
    the rest of the batch still runs. Exit status 1 if any input had an error.
    """
    from thucydides.landing import land
    from thucydides.store import Store

    stream = read_sources(
        paths, published=_published(published), max_bytes=int(max_mb * 1024 * 1024)
    )
    errors = 0
    shown: list[Event] = []  # bounded: a run over a long feed never holds all its events
    n_found = n_articles = 0
    with Store(db) as store, _batches(stream, batch_size, workers, engine, scheduler) as batches:
        if store.needs_regrouping():
            err.print(
                f"[yellow]warning[/]: the events in {db} were joined by an earlier thucydides;"
                f" new reports join them only after `thucydides dedup --rebuild --db {db}`"
            )
        for batch in batches:
            errors += _report(batch.problems)
            events = land(batch, store)
            shown.extend(events[: SHOWN_MAX - len(shown)])
            n_found += len(events)
            n_articles += len(batch.articles)
        totals = store.counts()
    if show and shown:
        # Piped or logged output keeps the table readable instead of folding it to 80 columns.
        Console(width=None if sys.stdout.isatty() else 150).print(events_table(shown, n_found))
    err.print(
        f"{n_articles} article(s) read, {n_found} event(s) found; "
        f"{db} now holds {totals['events']} event(s) from {totals['articles']} article(s)."
    )
    raise typer.Exit(1 if errors else 0)


@app.command()
def watch(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="RSS or Atom feed URLs, OPML files of feeds, or text files of feed URLs (one per line)."
        ),
    ],
    db: Annotated[Path, typer.Option(help=DB_HELP)] = Path("thucydides.duckdb"),
    interval: Annotated[
        float, typer.Option(help="Seconds between two polls of every feed.", min=1)
    ] = 900.0,
    once: Annotated[
        bool, typer.Option("--once", help="Read every feed once and exit (for cron).")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Also fetch from loopback, private and link-local addresses (a local news server).",
        ),
    ] = False,
    delay: Annotated[
        float, typer.Option(help="Seconds between two requests to the same host.", min=0)
    ] = 1.0,
    timeout: Annotated[
        float, typer.Option(help="Seconds to wait for a server to connect or send.", min=0.1)
    ] = 20.0,
    max_mb: Annotated[
        float, typer.Option(help="Skip any feed or page larger than this many MB.")
    ] = 10.0,
    batch_size: Annotated[
        int, typer.Option(help="Pages per batch (and per database transaction).", min=1)
    ] = 200,
) -> None:
    """Follow feeds into the database: each new item's page is fetched once, read and stored.

    Polls every --interval seconds until stopped (Ctrl-C or SIGTERM stop it after the batch in
    hand); a restart resumes where it stopped. Feeds are fetched politely (robots.txt, one
    request at a time per host, conditional GET) and only from public addresses.
    """
    import signal

    from thucydides.watch import AddressPolicy, Fetcher, Limits

    stop = threading.Event()

    def _stop(signum, frame) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        err.print("stopping after the batch in hand (again to stop at once)")
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    limits = Limits(
        max_bytes=int(max_mb * 1024 * 1024), timeout=timeout, deadline=3 * timeout, delay=delay
    )
    try:
        fetcher = Fetcher(AddressPolicy(allow_private), limits)
        _watch(sources, db, interval, once, stop, fetcher, batch_size)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _watch(
    sources: list[str],
    db: Path,
    interval: float,
    once: bool,
    stop: threading.Event,
    fetcher: Fetcher,
    batch_size: int,
) -> None:
    from thucydides.pipeline import Pipeline
    from thucydides.watch import feed_urls
    from thucydides.watch.isolated import PollFailed, can_isolate, poll_in_own_process

    pipeline = Pipeline()  # the models load once, for every poll
    # A long watch polls in a process of its own, so that it never grows; forked once all
    # that loads lazily is loaded.
    isolate = not once and can_isolate()
    if isolate:
        pipeline.warm()
    poll = 0
    with fetcher:
        while not stop.is_set():
            urls, problems = feed_urls(sources)
            if not urls:
                _report(problems)
                err.print("[red]error: no feed to read[/red]")
                raise typer.Exit(2)
            poll += 1
            one_poll = partial(_poll, db, poll, urls, problems, fetcher, pipeline, batch_size)
            if not isolate:
                code = one_poll(stop)
            else:
                try:
                    code = poll_in_own_process(one_poll, fetcher, stop)
                except PollFailed as exc:
                    err.print(f"[red]poll {poll} failed: {exc}[/red]", highlight=False)
                    code = 0
            if once:
                if code:
                    raise typer.Exit(code)
                break
            stop.wait(interval)


def _poll(
    db: Path,
    poll: int,
    urls: list[str],
    problems: list[Problem],
    fetcher: Fetcher,
    pipeline: Pipeline,
    batch_size: int,
    stop: threading.Event | ProcessEvent,
) -> int:
    """One poll of every feed into the database: 0, or 1 where another process held it."""
    import duckdb

    from thucydides.store import Store
    from thucydides.watch import Watcher

    # The database is open only while a poll writes it: DuckDB keeps what a connection has
    # read and written in memory (up to its memory limit), and between polls other processes
    # can open it.
    try:
        store = Store(db)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        err.print(
            f"[yellow]poll {poll} skipped: {db} is open in another process[/yellow]",
            highlight=False,
        )
        return 1
    with store:
        watcher = Watcher(store, fetcher, pipeline, batch_size=batch_size, stop=stop)
        report = watcher.poll(urls)
        totals = store.counts()
    _report(problems + report.problems)
    err.print(
        f"poll {poll} at {datetime.now():%Y-%m-%d %H:%M:%S}: {report.line()};"
        f" {db} holds {totals['events']} event(s) from {totals['articles']} article(s)",
        highlight=False,
    )
    return 0


@app.command()
def extract(
    published: Annotated[
        str | None, typer.Option(help="Publication date for lines that carry none.")
    ] = None,
) -> None:
    """JSON Lines in on stdin (id, text or html, optional published, url, source), one Event per line out.

    No database is touched. Each Event carries `article_ids`, the ids of the input lines it came from.
    """
    from dataclasses import replace

    from thucydides.pipeline import run_pipeline

    default = _published(published)
    stream = (
        replace(a, published=a.published or default) if not isinstance(a, Problem) else a
        for a in read_jsonl(sys.stdin, "<stdin>")
    )
    errors = 0
    for batch in run_pipeline(stream, console=err):
        errors += _report(batch.problems)
        for event in batch.events:
            sys.stdout.write(event_json(event) + "\n")
    sys.stdout.flush()
    raise typer.Exit(1 if errors else 0)


@app.command()
def geoparse() -> None:
    """JSON Lines in on stdin (id, text, optional toponyms: [{start, end}] to resolve given spans),
    JSON Lines out: the id and each toponym with start, end, text, geonameid, name, latitude,
    longitude, country, admin1, feature (null where nothing in the gazetteer fits)."""
    import json

    from thucydides.geo import load_gazetteer
    from thucydides.geo.geoparse import geoparse as resolve_text
    from thucydides.nlp import load_pipeline

    gazetteer = load_gazetteer()
    nlp = None
    errors = 0
    for lineno, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            text = obj["text"]
            given = obj.get("toponyms")
            spans = None
            if given is not None:
                spans = [(int(t["start"]), int(t["end"])) for t in given]
                if any(not 0 <= s < e <= len(text) for s, e in spans):
                    raise ValueError("a toponym span lies outside the text")
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            errors += _report([Problem("<stdin>", f"skipped: {exc}", line=lineno)])
            continue
        if spans is None and nlp is None:
            nlp = load_pipeline()
        found = resolve_text(gazetteer, text, spans, nlp)
        record = {"id": obj.get("id"), "toponyms": [t.as_record() for t in found]}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    raise typer.Exit(1 if errors else 0)


class ExportFormat(StrEnum):
    acled = "acled"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="acled: ACLED's 31-column CSV; jsonl: full events with evidence."
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    db: Annotated[Path, typer.Option(help=DB_HELP)] = Path("thucydides.duckdb"),
) -> None:
    """Write every event in the database in an analyst's format."""
    from thucydides.store import Store

    try:
        with Store(db, read_only=True) as store:
            events = store.events()
    except FileNotFoundError as exc:
        err.print(f"[red]error: {exc}[/red]")
        raise typer.Exit(2) from None
    if format is ExportFormat.parquet:
        if output is None:
            err.print("[red]error: parquet is binary; give a file with -o events.parquet[/red]")
            raise typer.Exit(2)
        write_parquet(events, output)
        err.print(f"{len(events)} event(s) written to {output}")
        return
    writer = {
        ExportFormat.acled: write_acled,
        ExportFormat.geojson: write_geojson,
        ExportFormat.jsonl: write_jsonl,
    }[format]
    if output is None:
        writer(events, sys.stdout)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            writer(events, fh)
        err.print(f"{len(events)} event(s) written to {output}")


@app.command()
def serve(
    db: Annotated[Path, typer.Option(help=DB_HELP)] = Path("thucydides.duckdb"),
    host: Annotated[
        str, typer.Option(help="Address to bind; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[
        int, typer.Option(help="Server processes, each with its own read-only connection.", min=1)
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the web map and timeline at http://HOST:PORT/.

    Read-only: the database is opened for reading, nothing over HTTP writes to it.
    """
    import os

    import uvicorn

    from thucydides.api import create_app
    from thucydides.api.app import DB_VARIABLE

    if not db.exists():
        err.print(f"[red]error: no database at {db}; create one with `thucydides run`[/red]")
        raise typer.Exit(2)
    err.print(f"thucydides: serving {db} at http://{host}:{port}/ (API docs at /docs)")
    if workers == 1:
        uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
        return
    # Worker processes import the app by name; they find the database in the environment.
    os.environ[DB_VARIABLE] = str(db.resolve())
    uvicorn.run(
        "thucydides.api.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


@app.command()
def dedup(
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Read every stored report again and regroup all events (one transaction).",
        ),
    ] = False,
    db: Annotated[Path, typer.Option(help=DB_HELP)] = Path("thucydides.duckdb"),
) -> None:
    """Mend a database whose events were joined by an earlier thucydides.

    With --rebuild, every stored report is read again and its events regrouped as `run` groups
    them now: events that joined different real events come apart, events of one real event
    join. Events keep their ids where they can and every changed record stays in the history;
    stopped half-way, the database is left as it was.
    """
    from thucydides.landing import rebuild as regroup
    from thucydides.store import Store

    if not db.exists():
        err.print(f"no database at {db}")
        raise typer.Exit(1)
    if not rebuild:
        err.print("nothing to do: say --rebuild to regroup the stored events")
        raise typer.Exit(2)
    with Store(db) as store:
        before, after = regroup(store, err)
    err.print(f"{db}: {before} event(s) regrouped into {after}")


@gazetteer_app.command("build")
def gazetteer_build(
    force: Annotated[bool, typer.Option(help="Rebuild even if a current index exists.")] = False,
) -> None:
    """Build the gazetteer index from the installed GeoNames packages (run once at install)."""
    from thucydides.geo.build import cache_path, read_index
    from thucydides.geo.gazetteer import build_gazetteer_index

    path = cache_path()
    if not force and read_index(path) is not None:
        err.print(f"gazetteer index is current: {path}")
        return
    build_gazetteer_index(path, err)


def _dev_data(load):
    """Run `load`; a missing development data set ends the command with one line and status 2."""
    from thucydides.evaluation.data import DataMissingError

    try:
        return load()
    except DataMissingError as exc:
        err.print(f"[red]error: {exc}[/red]")
        raise typer.Exit(2) from None


def _progress_bar(description: str, total: int | None):
    from rich.progress import Progress

    progress = Progress(console=err, transient=True)
    task = progress.add_task(description, total=total)
    return progress, lambda: progress.advance(task)


@eval_app.command("clean")
def eval_clean() -> None:
    """Main-text extraction on the article-extraction benchmark (word 4-gram P/R/F1, macro over pages)."""
    from thucydides.evaluation.clean_benchmark import evaluate_clean

    progress, tick = _progress_bar("extracting pages", 181)
    with progress:
        scores, offsets = _dev_data(lambda: evaluate_clean(tick))
    table = Table(title="article-extraction-benchmark (181 pages)")
    for column in ("system", "precision", "recall", "F1", "exact"):
        table.add_column(column, justify="right" if column != "system" else "left")
    for s in scores:
        name = f"[bold]{s.system}[/bold]" if s.system == "thucydides" else s.system
        table.add_row(
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.accuracy:.3f}"
        )
    Console().print(table)
    Console().print(
        f"offsets into the page source: {offsets.exact:,} of {offsets.characters:,} letters and"
        f" digits of the clean text ({offsets.exact / max(offsets.characters, 1):.5f}) point at"
        " exactly that character"
    )


@eval_app.command("geo")
def eval_geo(
    folds: Annotated[
        int, typer.Option(help="Cross-validation folds over LGL + TR-News articles.", min=2)
    ] = 5,
) -> None:
    """Toponym resolution with gold toponyms: Acc@161km, exact GeoNames id, AUC, beside published figures.

    LGL and TR-News (which the ranker learns on) are scored by k-fold cross-validation by
    article; GeoVirus, never trained on, with the shipped ranker.
    """
    import time

    from thucydides.evaluation.geo_corpora import read_corpus
    from thucydides.evaluation.geo_eval import (
        PUBLISHED,
        cross_validated,
        end_to_end,
        score_articles,
    )
    from thucydides.geo import load_gazetteer

    corpora = _dev_data(lambda: {name: read_corpus(name) for name in ("lgl", "trnews", "geovirus")})
    gazetteer = load_gazetteer()
    with err.status(f"{folds}-fold cross-validation on LGL + TR-News"):
        scores = cross_validated(gazetteer, {k: corpora[k] for k in ("lgl", "trnews")}, folds)
    started = time.perf_counter()
    scores.append(score_articles("geovirus", gazetteer, corpora["geovirus"]))
    rate = scores[-1].toponyms / (time.perf_counter() - started)
    table = Table(title="Toponym resolution, gold toponyms given")
    for column in ("corpus", "system", "toponyms", "Acc@161km", "exact id", "AUC", "median km"):
        table.add_column(column, justify="left" if column in ("corpus", "system") else "right")
    labels = {"lgl": "LGL (CV)", "trnews": "TR-News (CV)", "geovirus": "GeoVirus (unseen)"}
    for s in scores:
        exact = f"{s.exact_id:.3f}" if s.exact_id is not None else "-"
        table.add_row(
            labels[s.corpus],
            "[bold]thucydides[/bold]",
            str(s.toponyms),
            f"{s.acc161:.3f}",
            exact,
            f"{s.auc:.3f}",
            f"{s.median_km:.1f}",
        )
        for system, acc, ident in PUBLISHED[s.corpus]:
            table.add_row("", system, "", f"{acc:.3f}", f"{ident:.3f}" if ident else "-", "", "")
    Console().print(table)
    err.print(f"{rate:,.0f} toponyms resolved per second (GeoVirus, one core, index loaded)")
    with err.status("LGL end to end: spaCy finds the toponyms"):
        e2e = end_to_end(gazetteer, corpora["lgl"])
    err.print(
        f"LGL end to end (no gold toponyms): toponym precision {e2e.precision:.3f}, recall "
        f"{e2e.recall:.3f} ({e2e.found} found, {e2e.gold} gold); Acc@161km of matched {e2e.acc161_of_matched:.3f}"
    )


def _acled_results(held_out_only: bool):
    from thucydides.evaluation.acled_eval import evaluate_notes
    from thucydides.evaluation.acled_notes import read_notes

    notes = _dev_data(read_notes)
    if held_out_only:
        notes = [n for n in notes if n.held_out]
    progress, tick = _progress_bar("reading ACLED notes", len(notes))
    with progress:
        return evaluate_notes(notes, tick).results


@eval_app.command("events")
def eval_events() -> None:
    """Event type, sub-type, actors, inter1, fatalities and dates on the world's current notes
    (each region read with a type model that never saw it, and later years), then on the
    held-out 20% of the ACLED 2015 notes, then the relevance model.

    Old ACLED types are mapped to the current six (see thucydides/evaluation/acled_notes.py).
    The pipeline's first new event in each note is compared with the note's gold event.
    """
    _eval_world_events()
    from thucydides.evaluation.acled_eval import actor_match, macro_f1

    results = _acled_results(held_out_only=True)
    n = len(results)
    accuracy = sum(r.event_type == r.gold.event_type for r in results) / n
    f1, per_type = macro_f1([(r.gold.event_type, r.event_type) for r in results])
    actor1 = sum(actor_match(r.actor1, r.gold.actor1) for r in results) / n
    fatalities = sum((r.fatalities or 0) == r.gold.fatalities for r in results) / n
    found = sum(r.event_type is not None for r in results) / n
    table = Table(title=f"ACLED 2015 notes, held-out split ({n} notes)")
    for column in ("measure", "thucydides", "target / anchor"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    table.add_row("event found in note", f"{found:.3f}", "")
    table.add_row("event_type accuracy", f"{accuracy:.3f}", "0.85")
    table.add_row("event_type macro-F1", f"{f1:.3f}", "0.75")
    for label, value in per_type.items():
        table.add_row(f"  F1 {label}", f"{value:.3f}", "")
    table.add_row("actor1 matched (normalised)", f"{actor1:.3f}", "0.75 (GDELT manual check 0.79)")
    table.add_row("fatalities exact", f"{fatalities:.3f}", "0.85")
    with_assoc = [r for r in results if r.gold.assoc_actor_1]
    without = [r for r in results if not r.gold.assoc_actor_1]
    table.add_row(
        f"assoc_actor_1 matched where ACLED gives one ({len(with_assoc)})",
        f"{sum(actor_match(r.assoc_actor_1, r.gold.assoc_actor_1) for r in with_assoc) / max(len(with_assoc), 1):.3f}",
        "",
    )
    table.add_row(
        f"assoc_actor_1 left empty where ACLED gives none ({len(without)})",
        f"{sum(not r.assoc_actor_1 for r in without) / max(len(without), 1):.3f}",
        "",
    )
    placed = [r for r in results if r.km_error is not None]
    for km in (10, 50):
        within = sum(r.km_error <= km for r in placed) / max(len(placed), 1)
        table.add_row(
            f"event place within {km} km of ACLED's ({len(placed)} placed)", f"{within:.3f}", ""
        )
    Console().print(table)
    _eval_relevance()


def _figure(share: float | None) -> str:
    return "-" if share is None else f"{share:.3f}"


def _eval_world_events() -> None:
    from thucydides.evaluation.world_events import (
        MEASURES,
        PER_REGION,
        calibration_error,
        macro_share,
        measure,
        sub_type_f1s,
    )

    err.print(
        "acled-modern: a fold's type model is trained where the cache lacks it"
        " (python -m thucydides.training.event_types trains them all, 2 at a time)"
    )
    progress, tick = _progress_bar("reading the world's notes, fold by fold", None)
    with progress:
        rows = _dev_data(lambda: measure(tick))
    for protocol in ("leave one region out", "later years"):
        chosen = [r for r in rows if r.protocol == protocol]
        table = Table(
            title=f"The pipeline on acled-modern notes, {protocol} (up to {PER_REGION} notes a region)"
        )
        columns = ["region", "notes", *MEASURES, "sub-type wF1"]
        for column in columns:
            table.add_column(column, justify="left" if column == "region" else "right")
        for row in chosen:
            table.add_row(
                row.region,
                str(len(row.results)),
                *(_figure(row.share(hit)) for hit in MEASURES.values()),
                f"{row.sub_type_f1:.3f}",
            )
        n = len(chosen)
        table.add_row(
            "[bold]macro mean[/bold]",
            str(sum(len(r.results) for r in chosen)),
            *(f"{macro_share(chosen, hit):.3f}" for hit in MEASURES.values()),
            f"{sum(r.sub_type_f1 for r in chosen) / n:.3f}",
        )
        Console().print(table)
    left_out = [r for r in rows if r.protocol == "leave one region out"]
    table = Table(title="Sub-types, leave one region out (all regions' notes together)")
    for column in ("sub-type", "notes", "F1"):
        table.add_column(column, justify="left" if column == "sub-type" else "right")
    for label, (support, f1) in sub_type_f1s(left_out).items():
        table.add_row(label, str(support), f"{f1:.3f}")
    Console().print(table)
    Console().print(
        f"confidence against a right sub-type, leave one region out: expected calibration"
        f" error {calibration_error(left_out):.3f}"
    )


def _eval_relevance() -> None:
    """The relevance model on held-out mentions, and the pipeline on general news."""
    from thucydides.evaluation.relevance_corpora import relevance_texts
    from thucydides.evaluation.relevance_eval import examples, general_news_events, held_out_scores
    from thucydides.extract.relevance import load_relevance_model

    model = load_relevance_model()
    if model is None:
        err.print("no relevance model: train it with python -m thucydides.training.relevance")
        return
    items = examples([t for t in _dev_data(relevance_texts) if t.held_out])
    table = Table(
        title=f"Relevance model (threshold {model.threshold:.2f}), held-out trigger mentions"
    )
    for column in ("source", "mentions", "judged rightly"):
        table.add_column(column, justify="left" if column == "source" else "right")
    for name, score in held_out_scores(items, model).items():
        table.add_row(name, str(score["mentions"]), f"{score['right']:.3f}")
    Console().print(table)
    pages, events, with_events = general_news_events()
    Console().print(
        f"General news never trained on (article-extraction benchmark, {pages} HTML pages of"
        f" tech, sport, lifestyle and politics): {events} events on {with_events} pages"
    )


@eval_app.command("dates")
def eval_dates() -> None:
    """Event dates on all ACLED 2015 notes, by kind of date expression; vague ones by window;
    beside them the held-out 20% (the rules are not learned, but were written reading notes).

    The notes carry no publication date: a report saying "today" is taken as published on
    the event day, any other as published the day after (see thucydides/evaluation/acled_eval.py).
    """
    from thucydides.evaluation.acled_eval import date_rows

    results = _acled_results(held_out_only=False)
    held_out = {row.label: row for row in date_rows([r for r in results if r.gold.held_out])}
    table = Table(title=f"ACLED 2015 notes ({len(results)}): event dates")
    for column in ("expression attached to the event", "notes", "right", "held-out", "right"):
        table.add_column(column, justify="left" if column.startswith("expression") else "right")
    for row in date_rows(results):
        held = held_out.get(row.label)
        table.add_row(
            row.label,
            str(row.count),
            f"{row.score:.3f}",
            str(held.count) if held else "-",
            f"{held.score:.3f}" if held else "-",
        )
    table.add_row(
        "no expression attached", str(sum(r.date_kind == "none" for r in results)), "-", "", ""
    )
    Console().print(table)


@eval_app.command("location")
def eval_location() -> None:
    """Which place each event happened at, on the adjudicated (RELABEL) event_location records."""
    from thucydides.evaluation.event_location import evaluate_locations, read_relabel

    records = _dev_data(read_relabel)
    score = evaluate_locations(records)
    table = Table(
        title=f"Event location linking ({score.records} adjudicated records, "
        f"{score.with_location} with a location in the text)"
    )
    table.add_column("system")
    table.add_column("accuracy", justify="right")
    for name, value in score.accuracy.items():
        table.add_row(
            f"[bold]{name}[/bold]" if name.startswith("thucydides") else name, f"{value:.3f}"
        )
    Console().print(table)
    _eval_world_places()


def _eval_world_places() -> None:
    from thucydides.evaluation.world_places import PER_REGION, SINCE, measure

    rows = _dev_data(measure)
    table = Table(
        title=f"The event's point against ACLED's: acled-modern from {SINCE.year}, up to"
        f" {PER_REGION} notes a region at ACLED geo_precision 1-2"
    )
    columns = ("region", "notes", "placed", "within 50 km", "within 161 km", "place lacking")
    for column in columns:
        table.add_column(column, justify="left" if column == "region" else "right")
    for r in rows:
        table.add_row(
            r.region,
            str(r.notes),
            f"{r.placed / r.notes:.3f}",
            f"{r.within_50 / r.notes:.3f}",
            f"{r.within_161 / r.notes:.3f}",
            f"{r.stood_in / r.notes:.3f}",
        )
    n = len(rows)
    table.add_row(
        "[bold]macro mean[/bold]",
        str(sum(r.notes for r in rows)),
        f"{sum(r.placed / r.notes for r in rows) / n:.3f}",
        f"{sum(r.within_50 / r.notes for r in rows) / n:.3f}",
        f"{sum(r.within_161 / r.notes for r in rows) / n:.3f}",
        f"{sum(r.stood_in / r.notes for r in rows) / n:.3f}",
    )
    Console().print(table)
    Console().print(
        "place lacking: the note's place is a name the gazetteer lacks, placed at the area"
        " named after it (ACLED precision 2 at the finest)"
    )


@eval_app.command("actors")
def eval_actors() -> None:
    """Source/target actor spans on ConfliBERT's cameo_ner test set (exact-span F1, macro over S and T)."""
    from thucydides.evaluation.conflibert import PUBLISHED_MACRO_F1, evaluate_spans, read_cameo_ner

    sentences = _dev_data(read_cameo_ner)
    table = Table(title=f"ConfliBERT cameo_ner test ({len(sentences)} sentences): actor span F1")
    for column in ("system", "source", "target", "macro"):
        table.add_column(column, justify="left" if column == "system" else "right")
    for system, scores in evaluate_spans(sentences).items():
        table.add_row(system, *(f"{100 * scores[k]:.1f}" for k in ("S", "T", "macro")))
    table.add_row("ConfliBERT (published)", "", "", f"{PUBLISHED_MACRO_F1:.2f}")
    Console().print(table)


@eval_app.command("plover")
def eval_plover() -> None:
    """PLOVER's 322 gold sentences: event type, and source/target actor text."""
    from thucydides.evaluation.plover import evaluate_plover, read_plover

    score = evaluate_plover(_dev_data(read_plover))
    table = Table(title=f"PLOVER gold ({score.sentences} sentences)")
    table.add_column("measure")
    table.add_column("thucydides", justify="right")
    table.add_column("over", justify="right")
    rows = [
        ("event type (no event right for types not extracted)", score.accuracy, score.sentences),
        ("ASSAULT/PROTEST/COERCE precision", score.conflict_precision, score.conflict_predicted),
        ("ASSAULT/PROTEST/COERCE recall", score.conflict_recall, score.conflict_gold),
        ("source actor text matched", score.source_match, score.source_pairs),
        ("target actor text matched", score.target_match, score.target_pairs),
    ]
    for label, value, count in rows:
        table.add_row(label, f"{value:.3f}", str(count))
    Console().print(table)


@eval_app.command("dedup")
def eval_dedup() -> None:
    """Same-event document clustering on ECB+ (B-cubed and pairwise P/R/F1).

    The clustering threshold was chosen on the odd-numbered topics; the even-numbered ones
    are held out.
    """
    from thucydides.evaluation.ecb_eval import evaluate, near_duplicate_links, read_ecb

    documents = _dev_data(read_ecb)
    table = Table(title="ECB+: reports of the same event clustered together")
    for column in (
        "topics",
        "docs",
        "clusters (gold)",
        "B3 P",
        "B3 R",
        "B3 F1",
        "pair P",
        "pair R",
        "pair F1",
    ):
        table.add_column(column, justify="left" if column == "topics" else "right")
    subsets = {
        "odd (threshold chosen here)": [d for d in documents if d.topic % 2 == 1],
        "even (held out)": [d for d in documents if d.topic % 2 == 0],
    }
    for name, subset in subsets.items():
        s = evaluate(subset)
        table.add_row(
            name,
            str(s.documents),
            f"{s.predicted_clusters} ({s.gold_clusters})",
            f"{s.b3_precision:.3f}",
            f"{s.b3_recall:.3f}",
            f"{s.b3_f1:.3f}",
            f"{s.pair_precision:.3f}",
            f"{s.pair_recall:.3f}",
            f"{s.pair_f1:.3f}",
        )
    Console().print(table)
    links, right = near_duplicate_links(documents)
    Console().print(
        f"MinHash story index over all {len(documents)} documents: {links} linked as near-duplicate"
        f" copies, {right} of them reports of the same event"
    )
    err.print("target: B-cubed F1 >= 0.80 with precision >= 0.85")
    _eval_world_merges()
    _eval_gva_news()


def _eval_world_merges() -> None:
    import tempfile

    from thucydides.evaluation.world_merges import measure
    from thucydides.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as workdir:
        scores = _dev_data(lambda: measure(Pipeline(), Path(workdir)))
    table = Table(title="acled-modern: distinct events of two fortnights read as reports")
    for column in (
        "joined",
        "reports",
        "real events",
        "events",
        "false merges",
        "across countries",
        "retold as one",
    ):
        table.add_column(column, justify="left" if column == "joined" else "right")
    for name, s in scores.items():
        table.add_row(
            name,
            f"{s.reports:,}",
            f"{s.real_events:,}",
            f"{s.events:,}",
            f"{s.false_merges} ({s.false_merges / s.events:.1%})",
            str(s.across_countries),
            f"{s.retold_as_one} of {s.retold} ({s.retold_as_one / s.retold:.0%})",
        )
    Console().print(table)
    err.print(
        "the pair model that joins reports learned from the earlier fortnight's events"
        " (training/event_pairs.py): the later one is held out"
    )
    err.print("targets: false merges 0 (at most 0.1% of events); retold as one >= 95%")


def _eval_gva_news() -> None:
    from rich.progress import Progress

    from thucydides.evaluation.gva_news import measure
    from thucydides.pipeline import Pipeline

    progress = Progress(console=err, transient=True)
    task = progress.add_task("gva-news reports", total=None)
    with progress:
        scores = _dev_data(lambda: measure(Pipeline(), lambda n: progress.advance(task, n)))
    joined = Table(title="gva-news: US shootings told by local news, 1-8 reports an incident")
    for column in (
        "states",
        "incidents",
        "reports",
        "events",
        "per incident",
        "B3 P",
        "B3 R",
        "B3 F1",
    ):
        joined.add_column(column, justify="left" if column == "states" else "right")
    fields = Table(title="gva-news: each incident's event")
    for column in (
        "states",
        "joining incidents",
        "spurious / 100",
        "killed",
        "injured",
        "date",
        "town",
    ):
        fields.add_column(column, justify="left" if column == "states" else "right")
    for name, s in scores.items():
        joined.add_row(
            name,
            f"{s.incidents:,}",
            f"{s.articles:,}",
            f"{s.events:,}",
            f"{s.events_per_incident:.2f}",
            f"{s.b3_precision:.3f}",
            f"{s.b3_recall:.3f}",
            f"{s.b3_f1:.3f}",
        )
        fields.add_row(
            name,
            f"{s.joined} ({s.joined / max(s.events, 1):.1%})",
            f"{100 * s.spurious / max(s.articles, 1):.1f}",
            f"{s.killed:.3f}",
            f"{s.injured:.3f}",
            f"{s.day:.3f}",
            f"{s.town:.3f}",
        )
    Console().print(joined)
    Console().print(fields)
    err.print(
        "killed, injured, date, town: of all incidents, exact on the event most of its reports"
        " joined (an incident with no event counts as wrong); spurious: protests, riots,"
        " explosions, territory, agreements"
    )
    err.print(
        "targets: B-cubed F1 >= 0.90, events per incident <= 1.2, joining incidents <= 0.5%,"
        " killed and injured >= 0.85, date >= 0.90, town >= 0.85"
    )


if __name__ == "__main__":
    app()
