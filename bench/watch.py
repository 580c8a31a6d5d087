"""`thucydides watch --once` against `thucydides run` on the same articles, and memory over polls.

    python bench/watch.py [--articles 1000] [--words 300] [--hosts 50] [--delay 1.0] [--polls 10]

Serves the articles (built as bench/run.py builds them, as HTML pages) from --hosts servers on
127.0.0.1, each with an RSS feed of its share, and times in child processes, models loaded in
each: `watch --once --allow-private` over the feeds with the default politeness (--delay
seconds between two requests to one host), and `run` over the same pages written as files.
Prints articles/s for both and their ratio (watch / run).

Then memory: one `watch --interval 1` process over the same hosts for --polls polls, each poll
finding --per-poll new items (the feeds keep their latest 50, as outlets' feeds do); after
each poll's status line, the resident memory of the watcher, and the most that one process
(the watcher, or the process `watch` forks for each poll) held during the poll, sampled
every 0.1 s. With --in-process the
polls run here instead, and each line also gives DuckDB's own memory (`duckdb_memory()`, at the
poll's end, before the database is closed as `watch` closes it after each poll) and
the Python heap's growth since the first poll (tracemalloc, unless --no-trace), to tell which
one grows; with --duckdb-tags, DuckDB's memory by what holds it (indexes, tables, strings);
with --census, the kinds of objects Python tracks that grew since the third poll; with
--remember N, the memories of nlp/attributes.py bounded at N answers each; with --sites N,
the N places (call stacks of --frames) where the heap grew most from the second poll to the
last; with --trim, glibc's malloc_trim after each poll, to tell memory freed but kept by the
allocator from memory in use; with --upto clean or extract, the work cut after that stage.
"""

from __future__ import annotations

import argparse
import ctypes
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import corpus

THUCYDIDES = [sys.executable, "-m", "thucydides.cli"]
FEED_LENGTH = 50


def html(n: int, text: str, published: date = date(2015, 5, 1)) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<html><head><title>Report {n}</title>"
        f'<meta property="article:published_time" content="{published}T08:00:00Z"></head>'
        f"<body><article><h1>Report {n}</h1>{paragraphs}</article></body></html>"
    ).encode()


class Host:
    """One news site: its pages, and a feed of the latest of those `visible`."""

    def __init__(self, pages: list[tuple[int, bytes]]) -> None:
        self.pages = dict(pages)
        self.order = [n for n, _ in pages]
        self.visible = len(pages)
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                if self.path == "/feed.xml":
                    body, kind = host.feed(), "application/rss+xml"
                elif self.path.startswith("/a/") and int(self.path[3:]) in host.pages:
                    body, kind = host.pages[int(self.path[3:])], "text/html; charset=utf-8"
                else:
                    body, kind = b"", "text/plain"
                    self.send_response(404)
                if body:
                    self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"

    def feed(self) -> bytes:
        shown = self.order[: self.visible][-FEED_LENGTH:]
        base = self.url.removesuffix("/feed.xml")
        items = "".join(
            f"<item><guid>{base}/a/{n}</guid><link>{base}/a/{n}</link><title>Report {n}</title>"
            "<pubDate>Fri, 01 May 2015 08:00:00 GMT</pubDate></item>"
            for n in reversed(shown)
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Bench news</title>'
            f"{items}</channel></rss>"
        ).encode()


def hosts_for(
    texts: list[str], n_hosts: int, first: int = 0, days: list[date] | None = None
) -> list[Host]:
    shares: list[list[tuple[int, bytes]]] = [[] for _ in range(n_hosts)]
    for i, text in enumerate(texts):
        day = days[i] if days else date(2015, 5, 1)
        shares[i % n_hosts].append((first + i, html(first + i, text, day)))
    return [Host(share) for share in shares]


def news_stream(total: int, words: int) -> tuple[list[str], list[date]]:
    """Distinct reports in the order they were published, as a feed reader meets them.

    The real local news of ../shared/data/events/gva-news (several outlets an incident, so
    merging works as on a real stream) where present; else bench/run.py's built articles,
    whose notes recur (every event then gathers ever more sources, which a stream does not).
    """
    try:
        from thucydides.evaluation.gva_news import read_incidents

        reports = [r.article for i in read_incidents() for r in i.reports if r.article.published]
    except FileNotFoundError:
        return corpus(total, words, seed=11), [date(2015, 5, 1)] * total
    reports.sort(key=lambda a: (a.published, a.article_id))
    if len(reports) < total:
        sys.exit(f"gva-news has {len(reports)} dated reports, fewer than the {total} asked for")
    chosen = reports[:total]
    return [a.raw for a in chosen], [a.published for a in chosen]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def throughput(args, folder: Path) -> None:
    texts = corpus(args.articles, args.words)
    hosts = hosts_for(texts, args.hosts)
    feeds = folder / "feeds.txt"
    feeds.write_text("\n".join(h.url for h in hosts) + "\n")
    pages = folder / "pages"
    pages.mkdir()
    for host in hosts:
        for n, body in host.pages.items():
            (pages / f"{n:05d}.html").write_bytes(body)
    run_s = timed([*THUCYDIDES, "run", str(pages), "--db", str(folder / "run.duckdb"), "--no-show"])
    watch_s = timed(
        [
            *THUCYDIDES,
            "watch",
            str(feeds),
            "--db",
            str(folder / "watch.duckdb"),
            "--once",
            "--allow-private",
            "--delay",
            str(args.delay),
        ]
    )
    n = len(texts)
    print(f"{n} articles of about {args.words} words from {args.hosts} hosts on loopback")
    print(f"run   (files):          {n / run_s:6.1f} articles/s ({run_s:.1f} s, models loaded)")
    print(
        f"watch --once (feeds):   {n / watch_s:6.1f} articles/s ({watch_s:.1f} s,"
        f" {args.delay} s between two requests to a host)"
    )
    print(f"watch / run throughput: {run_s / watch_s:.2f}")


def stream_hosts(args) -> tuple[list[Host], int]:
    """The hosts serving the memory run's stream, each showing its first `per_host` items:
    each poll shows `per_host` more of every host."""
    texts, days = news_stream(args.per_poll * args.polls, args.words)
    hosts = hosts_for(texts, args.hosts, first=100_000, days=days)
    per_host = -(-args.per_poll // args.hosts)
    for host in hosts:
        host.visible = per_host
    return hosts, per_host


class TreeMemory:
    """Samples a process and its children (a poll's process) every `every` seconds: the peak
    resident memory of any one of them since the last reading."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self.lock = threading.Lock()
        self.every = every
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            try:
                tree = [self.process, *self.process.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in tree:
                try:
                    rss = process.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                with self.lock:
                    self.peak = max(self.peak, rss)
            time.sleep(self.every)

    def reading(self) -> tuple[float, float]:
        """MB: the process's resident memory now, and the peak of any process since asked."""
        with self.lock:
            peak, self.peak = self.peak, 0
        return self.process.memory_info().rss / 2**20, peak / 2**20


def memory(args, folder: Path) -> None:
    hosts, per_host = stream_hosts(args)
    feeds = folder / "feeds-memory.txt"
    feeds.write_text("\n".join(h.url for h in hosts) + "\n")
    command = [
        *THUCYDIDES,
        "watch",
        str(feeds),
        "--db",
        str(folder / "memory.duckdb"),
        "--interval",
        "1",
        "--allow-private",
        "--delay",
        str(args.delay),
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    tree = TreeMemory(process.pid)
    sizes, peaks = [], []
    for line in process.stderr:
        if not line.startswith("poll "):
            continue
        time.sleep(0.3)  # the poll's process ends after its status line
        watcher_mb, peak_mb = tree.reading()
        sizes.append(watcher_mb)
        peaks.append(peak_mb)
        print(
            f"  {line.strip()[:100]} | watcher {watcher_mb:,.0f} MB,"
            f" at most {peak_mb:,.0f} MB in one process during the poll"
        )
        if len(sizes) == args.polls:
            break
        for host in hosts:
            host.visible += per_host
    process.terminate()
    process.wait(timeout=120)
    print(
        f"resident memory over {args.polls} polls of about {args.per_poll} new items:"
        f" the watcher after poll 2 {sizes[1]:,.0f} MB, after poll {len(sizes)}"
        f" {sizes[-1]:,.0f} MB; the most any process held during poll 2 {peaks[1]:,.0f} MB,"
        f" during poll {len(peaks)} {peaks[-1]:,.0f} MB, in all {max(peaks):,.0f} MB"
    )


def memory_in_process(args, folder: Path) -> None:
    import gc
    import tracemalloc

    import pyarrow

    from thucydides.nlp import attributes
    from thucydides.pipeline import Pipeline
    from thucydides.store import Store
    from thucydides.watch import AddressPolicy, Fetcher, Limits, Watcher

    if args.remember:
        attributes.MAX_REMEMBERED = args.remember
    hosts, per_host = stream_hosts(args)
    me = psutil.Process()
    policy, limits = AddressPolicy(allow_private=True), Limits(delay=args.delay)
    pipeline = _stopping_at(Pipeline(), args.upto)
    census_at_3: Counter[str] = Counter()
    with Fetcher(policy, limits) as fetcher:
        for poll in range(1, args.polls + 1):
            # As `thucydides watch` polls: the database open for the poll only.
            with Store(folder / "in-process.duckdb") as store:
                report = Watcher(store, fetcher, pipeline).poll([h.url for h in hosts])
                duckdb_mb = store.con.execute(
                    "SELECT sum(memory_usage_bytes) FROM duckdb_memory()"
                ).fetchone()[0]
                if args.duckdb_tags:
                    tags = store.con.execute(
                        "SELECT tag, memory_usage_bytes FROM duckdb_memory()"
                        " WHERE memory_usage_bytes > 0 ORDER BY 2 DESC"
                    ).fetchall()
                    print(
                        "    DuckDB by tag: "
                        + ", ".join(f"{t} {b / 2**20:.1f} MB" for t, b in tags)
                    )
            gc.collect()
            if args.trim:
                ctypes.CDLL("libc.so.6").malloc_trim(0)
            python_mb = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0
            arrow = pyarrow.default_memory_pool()
            print(
                f"  poll {poll}: {report.articles} articles | resident"
                f" {me.memory_info().rss / 2**20:,.0f} MB, DuckDB {duckdb_mb / 2**20:,.0f} MB,"
                f" Python heap since poll 1 +{python_mb / 2**20:.1f} MB, Arrow"
                f" ({arrow.backend_name}) {arrow.bytes_allocated() / 2**20:.0f} MB held,"
                f" {arrow.max_memory() / 2**20:.0f} MB at most",
                flush=True,
            )
            if args.census and poll == 3:
                census_at_3 = _census()
            if args.census and poll > 3 and (poll % 10 == 0 or poll == args.polls):
                grown = (_census() - census_at_3).most_common(5)
                print(f"    objects Python tracks, grown since poll 3: {grown}")
            if poll == 1 and not args.no_trace:
                tracemalloc.start(args.frames)
            elif poll == 2 and tracemalloc.is_tracing():
                early = tracemalloc.take_snapshot()
            for host in hosts:
                host.visible += per_host
        if args.polls > 2 and args.sites and not args.no_trace:
            print(
                f"the Python heap's growth from poll 2 to poll {args.polls}, by where it was allocated:"
            )
            grown = tracemalloc.take_snapshot().compare_to(early, "traceback")
            for stat in grown[: args.sites]:
                where = " < ".join(
                    f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback[: args.frames]
                )
                print(f"  {stat.size_diff / 2**20:+.2f} MB in {stat.count_diff:+,} blocks: {where}")


def _stopping_at(pipeline, upto: str):
    """The pipeline, its work cut after a stage: "clean" (pages cleaned and stored, nothing
    parsed), "extract" (every stage, but no event landed), or "all"."""
    from thucydides.clean import clean
    from thucydides.dedup.articles import fingerprints
    from thucydides.pipeline import Batch, Processed, publication_date

    whole = pipeline.process_articles

    def cleaned_only(articles):
        batch = Batch()
        for article in articles:
            text = clean(article)
            batch.articles.append(Processed(article, text, publication_date(article, text), []))
        signatures = fingerprints(p.clean.text for p in batch.articles)
        for processed, fingerprint in zip(batch.articles, signatures, strict=True):
            processed.fingerprint = fingerprint
        return batch

    def without_events(articles):
        batch = whole(articles)
        for processed in batch.articles:
            processed.located = []
        return batch

    if upto == "clean":
        pipeline.process_articles = cleaned_only
    elif upto == "extract":
        pipeline.process_articles = without_events
    return pipeline


def _census() -> Counter[str]:
    import gc

    return Counter(type(o).__name__ for o in gc.get_objects())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--polls", type=int, default=10)
    parser.add_argument("--per-poll", type=int, default=100)
    parser.add_argument(
        "--memory-only", action="store_true", help="only the polls of one watch process"
    )
    parser.add_argument(
        "--in-process", action="store_true", help="only the polls, run here, memory broken down"
    )
    parser.add_argument(
        "--sites", type=int, default=0, help="with --in-process: the N places the heap grew most"
    )
    parser.add_argument("--frames", type=int, default=6, help="frames kept for each place")
    parser.add_argument(
        "--trim",
        action="store_true",
        help="with --in-process: glibc's malloc_trim after each poll (what is freed but kept)",
    )
    parser.add_argument(
        "--remember",
        type=int,
        default=0,
        help="with --in-process: bound nlp/attributes.py's memories at N answers each",
    )
    parser.add_argument(
        "--census",
        action="store_true",
        help="with --in-process: which kinds of objects Python tracks grew since poll 3",
    )
    parser.add_argument(
        "--no-trace", action="store_true", help="with --in-process: no tracemalloc (faster)"
    )
    parser.add_argument(
        "--duckdb-tags",
        action="store_true",
        help="with --in-process: DuckDB's memory at each poll's end by what holds it",
    )
    parser.add_argument(
        "--upto",
        choices=("clean", "extract", "all"),
        default="all",
        help="with --in-process: stop after cleaning (nothing parsed), or after extraction"
        " (no event landed), to tell which stage's memory grows",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.in_process:
            memory_in_process(args, Path(tmp))
            return
        if not args.memory_only:
            throughput(args, Path(tmp))
        if args.polls:
            memory(args, Path(tmp))


if __name__ == "__main__":
    main()
