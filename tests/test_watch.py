"""`thucydides watch` end to end, against feeds and pages served on 127.0.0.1."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.feed_server import (
    Server,
    atom,
    huge,
    page,
    redirect,
    rss,
    status,
)
from thucydides.api import create_app
from thucydides.cli import app
from thucydides.store import Store
from thucydides.watch import AddressPolicy, Fetcher, Limits
from thucydides.watch.isolated import PollFailed, poll_in_own_process

runner = CliRunner()
STORIES = [
    "Taliban gunmen killed three police officers at a checkpoint in Kandahar on Monday.",
    "A roadside bomb killed two soldiers in Helmand province on Monday.",
    "Hundreds of protesters marched through Kabul on Monday demanding jobs.",
    "Militants attacked an army post in Kunduz on Monday, killing four soldiers.",
]


def story(n: int, body: str) -> str:
    return (
        f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
        f"<p>KABUL, June 9 (Reuters) - {body}</p>"
        "<p>Officials said the attack happened on Monday night.</p></article></body></html>"
    )


def watch(*args: str):
    return runner.invoke(app, ["watch", *args, "--once", "--allow-private", "--delay", "0"])


@pytest.fixture
def site():
    with Server() as running:
        yield running


def news_site(site, n: int = 3, prefix: str = "/news") -> list[tuple[str, str, str]]:
    items = []
    for i in range(n):
        path = f"{prefix}/{i}"
        site.serve(path, story(i, STORIES[i % len(STORIES)]))
        items.append((f"{prefix}-{i}", site.url(path), f"Story {i}"))
    return items


def test_a_feed_read_twice_fetches_nothing_the_second_time(site, tmp_path, pipeline):
    items = news_site(site)
    # Filed in Kabul on June 9 (the pages' dateline): 08:00 GMT is 12:30 there.
    feed = rss("Test News", items, published="Mon, 09 Jun 2014 08:00:00 GMT")
    site.serve("/feed.xml", feed, "application/rss+xml", etag='"v1"')
    db = str(tmp_path / "w.duckdb")
    first = watch(site.url("/feed.xml"), "--db", db)
    assert first.exit_code == 0, first.output
    assert "3 new item(s), 3 article(s)" in first.output
    second = watch(site.url("/feed.xml"), "--db", db)
    assert "(1 unchanged), 0 new item(s)" in second.output
    assert [site.hits[f"/news/{i}"] for i in range(3)] == [1, 1, 1]
    assert site.headers["/feed.xml"][-1].get("If-None-Match") == '"v1"'
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 3
        stored = store.con.execute("SELECT article_id, published FROM articles").fetchall()
    assert all(str(day) == "2014-06-09" for _, day in stored)  # the feed's pubDate

    # A new item: exactly one new article, and only its page is fetched.
    site.serve("/news/new", story(9, STORIES[3]))
    items.append(("new", site.url("/news/new"), "Story 9"))
    site.serve("/feed.xml", rss("Test News", items), "application/rss+xml", etag='"v2"')
    third = watch(site.url("/feed.xml"), "--db", db)
    assert "1 new item(s), 1 article(s)" in third.output
    assert [site.hits[f"/news/{i}"] for i in range(3)] == [1, 1, 1]
    assert site.hits["/news/new"] == 1
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 4


def test_feeds_from_opml_bad_items_and_bad_feeds_go_on(site, tmp_path, pipeline):
    good = news_site(site, 2)
    site.serve("/robots.txt", "User-agent: *\nDisallow: /members/\n", "text/plain")
    site.serve("/members/x", story(5, STORIES[0]))
    site.routes["/big"] = huge(50)
    site.routes["/loop"] = redirect("/loop")
    cp1252 = story(6, STORIES[3]).replace("Officials said", "\u201cOfficials\u201d said \u2014")
    site.serve("/cp1252", cp1252.encode("cp1252"), "text/html; charset=utf-8")
    site.serve("/picture", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
    bad = [
        ("m", site.url("/members/x"), "members"),
        ("gone", site.url("/gone"), "gone"),
        ("big", site.url("/big"), "big"),
        ("loop", site.url("/loop"), "loop"),
        ("pic", site.url("/picture"), "picture"),
        ("enc", site.url("/cp1252"), "cp1252"),
    ]
    entries = [(k, link, t, "2014-06-09T22:00:00Z") for k, link, t in good + bad]
    site.serve("/feed.atom", atom("Atom News", entries), "application/atom+xml")
    site.serve("/broken.xml", "<rss><channel><title>broken", "application/rss+xml")
    site.serve("/evil.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss/>')
    site.routes["/down.xml"] = status(404)
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        + "".join(
            f'<outline type="rss" xmlUrl="{site.url(p)}"/>'
            for p in ("/feed.atom", "/broken.xml", "/evil.xml", "/down.xml")
        )
        + "</body></opml>"
    )
    db = str(tmp_path / "w.duckdb")
    result = runner.invoke(
        app,
        [
            "watch",
            str(opml),
            "--db",
            db,
            "--once",
            "--allow-private",
            "--delay",
            "0",
            "--max-mb",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "4 feed(s) read" in out and "8 new item(s), 3 article(s)" in out
    for expected in (
        "broken.xml: not an RSS or Atom feed",
        "evil.xml: feed declares XML entities",
        "down.xml: HTTP 404",
        "members/x: robots.txt disallows",
        "/gone: HTTP 404",
        "/big: over the 1,048,576-byte limit",
        "/loop: redirect loop",
        "/picture: not a page but image/png",
        "/cp1252: declared utf-8 but is not; decoded as cp1252",
    ):
        assert expected in out, expected
    assert site.hits["/members/x"] == 0
    with Store(db, read_only=True) as store:
        statuses = dict(store.con.execute("SELECT item_key, status FROM feed_items").fetchall())
        text = store.con.execute(
            "SELECT raw_text FROM articles WHERE url LIKE '%cp1252'"
        ).fetchone()[0]
    assert statuses == {
        "/news-0": "stored",
        "/news-1": "stored",
        "enc": "stored",
        "m": "failed",
        "gone": "failed",
        "big": "failed",
        "loop": "failed",
        "pic": "failed",
    }
    assert "\u201cOfficials\u201d said \u2014" in text

    # Failed items are not fetched again; the feed API shows each feed's state.
    watch(str(opml), "--db", db)
    assert site.hits["/gone"] == 1 and site.hits["/big"] == 1
    with TestClient(create_app(db)) as client:
        feeds = client.get("/feeds").json()
    assert feeds["last_updated"]
    by_url = {f["url"]: f for f in feeds["feeds"]}
    assert by_url[site.url("/feed.atom")]["items"] == {"stored": 3, "failed": 5}
    assert by_url[site.url("/feed.atom")]["title"] == "Atom News"
    assert "HTTP 404" in by_url[site.url("/down.xml")]["last_error"]
    assert by_url[site.url("/feed.atom")]["last_error"] is None


def test_an_item_that_failed_for_now_is_tried_on_later_polls(site, tmp_path, pipeline):
    site.sequence("/flaky", [status(503)] * 3 + [page(story(1, STORIES[1]))])
    site.serve("/feed.xml", rss("N", [("f", site.url("/flaky"), "flaky")]), "application/rss+xml")
    db = str(tmp_path / "w.duckdb")
    # Three tries within the poll (retries=2), all 503: left for the next poll.
    first = watch(site.url("/feed.xml"), "--db", db)
    assert "HTTP 503" in first.output and "0 article(s)" in first.output
    second = watch(site.url("/feed.xml"), "--db", db)
    assert "1 new item(s), 1 article(s)" in second.output
    assert site.hits["/flaky"] == 4


def test_the_database_is_free_between_polls_and_a_poll_that_finds_it_held_waits(
    site, tmp_path, pipeline
):
    """The watcher opens the database for a poll only; while another process holds it, the
    poll is skipped with a message and nothing is fetched."""
    items = news_site(site, 2)
    site.serve("/feed.xml", rss("Test News", items), "application/rss+xml")
    db = tmp_path / "w.duckdb"
    assert watch(site.url("/feed.xml"), "--db", str(db)).exit_code == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True);"
            " print('holding', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        site.hits.clear()
        held = watch(site.url("/feed.xml"), "--db", str(db))
        assert held.exit_code == 1
        assert "poll 1 skipped" in held.output and "open in another process" in held.output
        assert not site.hits
    finally:
        holder.kill()
        holder.wait()
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2


def test_a_changed_page_is_a_correction_of_the_older_edition(site, tmp_path, pipeline):
    early = story(
        0, "Taliban gunmen killed three police officers at a checkpoint in Kandahar on Monday."
    )
    site.serve("/toll", early)
    feed = [("toll", site.url("/toll"), "Toll", "2014-06-09T22:00:00Z")]
    site.serve("/feed.atom", atom("A", feed), "application/atom+xml")
    db = str(tmp_path / "w.duckdb")
    watch(site.url("/feed.atom"), "--db", db)
    site.serve("/toll", early.replace("three police officers", "five police officers"))
    watch(site.url("/feed.atom"), "--db", db)
    assert site.hits["/toll"] == 1  # the feed did not say it changed
    feed = [("toll", site.url("/toll"), "Toll", "2014-06-10T06:00:00Z")]
    site.serve("/feed.atom", atom("A", feed), "application/atom+xml")
    result = watch(site.url("/feed.atom"), "--db", db)
    assert "1 new item(s), 1 article(s)" in result.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 2
        assert len(store.superseded_all()) == 1
        events = store.events()
    assert [e.fatalities for e in events] == [5]


THUCYDIDES = [sys.executable, "-m", "thucydides.cli"]


def _gated_pages(site, n: int, gate: threading.Event, held_from: int) -> list[tuple[str, str, str]]:
    """n pages; those from `held_from` on wait for the gate, so a poll cannot finish early."""
    items = []
    for i in range(n):
        path = f"/slow/{i}"
        body = story(i, STORIES[i % len(STORIES)]).replace("Story", f"Report {i}:")

        def handler(request, body=body, held=i >= held_from) -> None:
            if held:
                gate.wait(timeout=60)
            page(body)(request)

        site.routes[path] = handler
        items.append((f"s{i}", site.url(path), f"Report {i}"))
    return items


def _watch_process(site, db: Path) -> subprocess.Popen:
    args = [site.url("/feed.xml"), "--db", str(db), "--once", "--allow-private"]
    return subprocess.Popen(
        [*THUCYDIDES, "watch", *args, "--delay", "0", "--batch-size", "4", "--timeout", "90"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_a_batch(site, process, db: Path) -> None:
    """Until the process commits a batch: its database's write-ahead log grows past what
    opening it wrote, once the first page has been asked for."""
    wal = Path(f"{db}.wal")
    deadline = time.monotonic() + 120
    while site.hits["/slow/0"] == 0:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    opened = wal.stat().st_size if wal.exists() else 0
    while not wal.exists() or wal.stat().st_size <= opened:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


@pytest.fixture
def gate():
    opened = threading.Event()
    yield opened
    opened.set()  # free the server's waiting threads


def test_sigkill_in_the_middle_of_a_poll_then_a_restart_stores_every_item_once(
    site, tmp_path, gate
):
    items = _gated_pages(site, 24, gate, held_from=12)
    site.serve("/feed.xml", rss("Slow", items), "application/rss+xml", etag='"v1"')
    gate.set()
    reference = tmp_path / "reference.duckdb"
    assert _watch_process(site, reference).wait(timeout=300) == 0
    site.hits.clear()
    gate.clear()

    db = tmp_path / "killed.duckdb"
    process = _watch_process(site, db)
    _wait_for_a_batch(site, process, db)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    gate.set()
    with Store(db) as store:
        landed = {url for (url,) in store.con.execute("SELECT url FROM feed_items").fetchall()}
    assert 0 < len(landed) <= 12  # killed in the middle
    before = dict(site.hits)
    assert _watch_process(site, db).wait(timeout=300) == 0
    for url in landed:  # what landed is never fetched again
        path = url.removeprefix(site.base)
        assert site.hits[path] == before[path] == 1
    with Store(reference, read_only=True) as ref, Store(db, read_only=True) as got:
        assert got.counts() == ref.counts()
        assert got.counts()["articles"] == 24
        items_stored = got.con.execute(
            "SELECT count(*), count(DISTINCT item_key) FROM feed_items WHERE status = 'stored'"
        ).fetchone()
        assert items_stored == (24, 24)
        key = lambda e: (e.event_type, e.location, e.fatalities, len(e.sources))  # noqa: E731
        assert sorted(map(key, got.events())) == sorted(map(key, ref.events()))


def test_sigterm_stops_after_the_batch_in_hand(site, tmp_path, gate):
    items = _gated_pages(site, 24, gate, held_from=12)
    site.serve("/feed.xml", rss("Slow", items), "application/rss+xml", etag='"v1"')
    db = tmp_path / "stopped.duckdb"
    process = _watch_process(site, db)
    _wait_for_a_batch(site, process, db)
    process.send_signal(signal.SIGTERM)
    gate.set()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "stopped early" in stderr
    with Store(db, read_only=True) as store:
        stored = store.con.execute("SELECT count(*) FROM feed_items").fetchone()[0]
        articles = store.counts()["articles"]
        feed = store.feeds.feed(site.url("/feed.xml"))
    assert 0 < stored < 24 and stored == articles
    # Its validators wait until every item is in: the next poll reads the feed whole.
    assert feed is None or feed.etag is None


def _long_watch(site, db: Path, interval: int = 60) -> subprocess.Popen:
    """A watch that polls until stopped (each poll in a process of its own)."""
    args = [site.url("/feed.xml"), "--db", str(db), "--interval", str(interval)]
    return subprocess.Popen(
        [*THUCYDIDES, "watch", *args, "--allow-private", "--delay", "0", "--batch-size", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _in_a_poll(site, gate, db: Path) -> tuple[subprocess.Popen, psutil.Process]:
    """A long watch of 24 slow pages, once its poll has landed a batch; and the poll's own
    process."""
    items = _gated_pages(site, 24, gate, held_from=12)
    site.serve("/feed.xml", rss("Slow", items), "application/rss+xml", etag='"v1"')
    process = _long_watch(site, db)
    _wait_for_a_batch(site, process, db)
    children = psutil.Process(process.pid).children()
    assert len(children) == 1, children  # the poll runs outside the watcher
    return process, children[0]


def test_a_long_watch_polls_in_a_process_of_its_own_that_sigterm_stops_after_the_batch(
    site, tmp_path, gate
):
    db = tmp_path / "stopped.duckdb"
    process, poll = _in_a_poll(site, gate, db)
    process.send_signal(signal.SIGTERM)
    gate.set()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "poll 1 at" in stderr and "stopped early" in stderr
    assert not poll.is_running()
    with Store(db, read_only=True) as store:
        stored = store.con.execute("SELECT count(*) FROM feed_items").fetchone()[0]
        articles = store.counts()["articles"]
    assert 0 < stored < 24 and stored == articles


def test_a_killed_watcher_takes_its_poll_with_it_and_a_restart_stores_every_item_once(
    site, tmp_path, gate
):
    db = tmp_path / "killed.duckdb"
    process, poll = _in_a_poll(site, gate, db)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    poll.wait(timeout=30)  # left running, it would hold the database the restart needs
    gate.set()
    assert _watch_process(site, db).wait(timeout=300) == 0
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 24
        items_stored = store.con.execute(
            "SELECT count(*), count(DISTINCT item_key) FROM feed_items WHERE status = 'stored'"
        ).fetchone()
    assert items_stored == (24, 24)


def test_polls_in_processes_of_their_own_keep_robots_txt_and_fetch_each_page_once(site, tmp_path):
    site.serve("/robots.txt", "User-agent: *\nDisallow: /members/\n", "text/plain")
    items = news_site(site, 3)
    site.serve("/feed.xml", rss("Test News", items[:2]), "application/rss+xml")
    process = _long_watch(site, tmp_path / "w.duckdb", interval=1)
    polls = []
    try:
        for line in process.stderr:
            if line.startswith("poll "):
                polls.append(line)
                site.serve("/feed.xml", rss("Test News", items), "application/rss+xml")
            if len(polls) == 3:
                break
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert "2 new item(s), 2 article(s)" in polls[0]
    assert "1 new item(s), 1 article(s)" in polls[1]
    assert "0 new item(s)" in polls[2]
    assert site.hits["/robots.txt"] == 1  # read by the first poll, remembered by the watcher
    assert [site.hits[f"/news/{i}"] for i in range(3)] == [1, 1, 1]


def test_a_poll_in_its_own_process_gives_back_its_result_what_it_learnt_and_its_failure(site):
    site.serve("/robots.txt", "User-agent: *\nDisallow: /members/\n", "text/plain")
    site.serve("/page", "<html><body><p>Hello.</p></body></html>")
    stop = threading.Event()
    with Fetcher(AddressPolicy(allow_private=True), Limits(delay=0)) as fetcher:

        def fetching(stop_poll) -> int:
            return fetcher.get(site.url("/page")).status

        assert poll_in_own_process(fetching, fetcher, stop) == 200
        assert [m.robots is not None for m in fetcher.memory()] == [True]
        assert fetcher.get(site.url("/page")).status == 200
        assert site.hits["/robots.txt"] == 1

        def failing(stop_poll) -> int:
            raise RuntimeError("a bug")

        with pytest.raises(PollFailed, match="exit code 1"):
            poll_in_own_process(failing, fetcher, stop)

        def waiting(stop_poll) -> int:
            return 0 if stop_poll.wait(30) else 1

        threading.Timer(0.3, stop.set).start()
        assert poll_in_own_process(waiting, fetcher, stop) == 0
