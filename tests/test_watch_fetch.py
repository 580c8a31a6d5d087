"""The fetcher against servers on 127.0.0.1: politeness, limits, hostile answers, refused addresses."""

from __future__ import annotations

import ipaddress
import threading
import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.feed_server import (
    Server,
    endless,
    gzip_bomb,
    huge,
    page,
    redirect,
    slow,
    status,
)
from thucydides.watch import AddressPolicy, Fetcher, FetchError, Limits
from thucydides.watch.feeds import FeedError, feed_urls, parse_feed

LOOPBACK = AddressPolicy(also_allow=(ipaddress.ip_network("127.0.0.1/32"),))
QUICK = Limits(
    max_bytes=1024 * 1024, timeout=0.5, deadline=2.0, retries=2, backoff=0.05, max_wait=5, delay=0
)


@pytest.fixture
def site():
    with Server() as running:
        yield running


@pytest.fixture
def fetcher():
    with Fetcher(LOOPBACK, QUICK) as f:
        yield f


def test_a_page_comes_with_its_validators_and_a_304_when_they_hold(site, fetcher):
    site.serve(
        "/a", "<p>hello</p>", etag='"v1"', extra={"Last-Modified": "Mon, 09 Jun 2014 22:00:00 GMT"}
    )
    first = fetcher.get(site.url("/a"))
    assert (first.status, first.body, first.etag) == (200, b"<p>hello</p>", '"v1"')
    again = fetcher.get(site.url("/a"), etag=first.etag, last_modified=first.last_modified)
    assert again.status == 304 and again.body == b""
    sent = site.headers["/a"][-1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 09 Jun 2014 22:00:00 GMT"
    assert sent["User-Agent"].startswith("thucydides/")


def test_a_server_error_is_tried_again_with_backoff(site, fetcher):
    site.sequence("/flaky", [status(500), status(503), page("<p>at last</p>")])
    assert fetcher.get(site.url("/flaky")).body == b"<p>at last</p>"
    assert site.hits["/flaky"] == 3


def test_too_many_requests_waits_as_long_as_retry_after_says(site, fetcher):
    site.sequence("/busy", [status(429, {"Retry-After": "1"}), page("<p>now</p>")])
    started = time.monotonic()
    assert fetcher.get(site.url("/busy")).body == b"<p>now</p>"
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_past_the_longest_wait_is_left_to_a_later_poll(site, fetcher):
    site.serve("/later", "", status=503, extra={"Retry-After": "3600"})
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/later"))
    assert caught.value.transient and "3600" in caught.value.reason
    assert site.hits["/later"] == 1


def test_errors_that_will_not_pass_are_not_tried_again(site, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/missing"))
    assert not caught.value.transient and "404" in caught.value.reason
    assert site.hits["/missing"] == 1


def test_a_server_slower_than_the_timeout_is_given_up_for_now(site, fetcher):
    site.routes["/slow"] = slow(1.5)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/slow"))
    assert caught.value.transient and "no answer" in caught.value.reason
    assert time.monotonic() - started < 1.5 * (QUICK.retries + 1)


def test_a_response_that_never_ends_is_cut_at_the_deadline(site, fetcher):
    site.routes["/endless"] = endless()
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/endless"))
    assert "still sending" in caught.value.reason
    assert time.monotonic() - started < QUICK.deadline + 1


def test_a_redirect_loop_is_named(site, fetcher):
    site.routes["/a"] = redirect("/b")
    site.routes["/b"] = redirect("/a")
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/a"))
    assert "redirect loop" in caught.value.reason


def test_redirects_are_followed_within_the_limit(site, fetcher):
    for n in range(8):
        site.routes[f"/r{n}"] = redirect(f"/r{n + 1}")
    site.routes["/r3"] = page("<p>there</p>")
    assert fetcher.get(site.url("/r0")).url == site.url("/r3")
    site.routes["/r3"] = redirect("/r4")
    site.routes["/r8"] = page("<p>too far</p>")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(site.url("/r0"))


def test_robots_txt_is_obeyed(site, fetcher):
    site.serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.serve("/private/story", "<p>secret</p>")
    site.serve("/public/story", "<p>open</p>")
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetcher.get(site.url("/private/story"))
    assert site.hits["/private/story"] == 0
    assert fetcher.get(site.url("/public/story")).body == b"<p>open</p>"
    assert site.hits["/robots.txt"] == 1  # read once per host


def test_a_robots_txt_that_cannot_be_read_disallows_everything(site, fetcher):
    site.serve("/robots.txt", "", status=500)
    site.serve("/story", "<p>x</p>")
    with pytest.raises(FetchError, match=r"robots\.txt disallows"):
        fetcher.get(site.url("/story"))
    assert site.hits["/story"] == 0


def test_pages_over_the_size_limit_are_refused_declared_or_not(site, fetcher):
    site.serve("/declared", b"x" * (2 * 1024 * 1024))
    site.routes["/undeclared"] = huge(50)
    for path in ("/declared", "/undeclared"):
        with pytest.raises(FetchError, match="limit") as caught:
            fetcher.get(site.url(path))
        assert not caught.value.transient


def test_a_gzip_bomb_stops_at_the_limit(site, fetcher):
    site.routes["/bomb"] = gzip_bomb(200)
    with pytest.raises(FetchError, match="limit"):
        fetcher.get(site.url("/bomb"))


def test_one_request_at_a_time_per_host_with_the_delay_between(site):
    times: list[tuple[float, float]] = []

    def timed(request) -> None:
        start = time.monotonic()
        time.sleep(0.05)
        times.append((start, time.monotonic()))
        page("<p>x</p>")(request)

    for n in range(4):
        site.routes[f"/p{n}"] = timed
    with Fetcher(LOOPBACK, Limits(delay=0.2)) as fetcher:
        threads = [
            threading.Thread(target=fetcher.get, args=(site.url(f"/p{n}"),)) for n in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    times.sort()
    assert len(times) == 4
    for (_, end), (start, _) in pairwise(times):
        assert start - end >= 0.15  # never two at once, and the delay kept


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]:9/",
        "http://0.0.0.0:9/",
    ],
)
def test_private_and_local_addresses_are_refused_by_default(url):
    with Fetcher(limits=QUICK) as fetcher, pytest.raises(FetchError, match="--allow-private"):
        fetcher.get(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "gopher://x/"])
def test_only_http_and_https_are_fetched(url):
    with Fetcher(limits=QUICK) as fetcher, pytest.raises(FetchError, match="only http"):
        fetcher.get(url)


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/", "file:///etc/passwd"]
)
def test_a_redirect_to_a_private_address_is_refused(site, fetcher, target):
    site.routes["/go"] = redirect(target)
    with pytest.raises(FetchError, match=r"--allow-private|only http"):
        fetcher.get(site.url("/go"))


def test_allow_private_reaches_a_local_server(site):
    site.serve("/local", "<p>local news</p>")
    with Fetcher(AddressPolicy(allow_private=True), QUICK) as fetcher:
        assert fetcher.get(site.url("/local")).body == b"<p>local news</p>"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><link>http://example.org/a</link><title>&lol9;</title></item></channel></rss>"""


def test_a_feed_that_declares_entities_is_refused_unread():
    with pytest.raises(FeedError, match="entit"):
        parse_feed(BILLION_LAUGHS, "http://example.org/feed")


def test_malformed_xml_that_gives_no_item_is_named():
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<rss><channel><title>broken", "http://example.org/feed")


def test_items_keep_their_id_link_title_and_times():
    feed = parse_feed(
        b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
        <entry><id>urn:1</id><link href="/story/1"/><title>One</title><summary>S</summary>
        <published>2024-05-01T10:00:00+02:00</published><updated>2024-05-02T00:00:00Z</updated>
        </entry><entry><title>no link</title></entry></feed>""",
        "https://news.example.org/feed.atom",
    )
    assert feed.title == "T" and len(feed.items) == 1
    item = feed.items[0]
    assert (item.key, item.link, item.title, item.summary) == (
        "urn:1",
        "https://news.example.org/story/1",
        "One",
        "S",
    )
    assert item.published_at.isoformat() == "2024-05-01T08:00:00+00:00"
    assert item.updated_at.isoformat() == "2024-05-02T00:00:00+00:00"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_any_bytes_give_a_feed_or_a_feed_error(data):
    try:
        feed = parse_feed(data, "http://example.org/feed")
    except FeedError:
        return
    assert all(item.link.startswith(("http://", "https://")) for item in feed.items)


def test_feed_lists_from_opml_text_files_and_urls(tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="World">'
        '<outline type="rss" xmlUrl="https://a.example/rss"/>'
        '<outline type="rss" xmlUrl="file:///etc/passwd"/></outline></body></opml>'
    )
    listed = tmp_path / "feeds.txt"
    listed.write_text("# mine\nhttps://b.example/atom\n\nnot a url\nhttps://a.example/rss\n")
    urls, problems = feed_urls(
        [str(opml), str(listed), "https://c.example/feed", "file:///etc/passwd", "missing.txt"]
    )
    assert urls == ["https://a.example/rss", "https://b.example/atom", "https://c.example/feed"]
    messages = [str(p) for p in problems]
    assert any("feeds.txt:4" in m and "not an http(s) URL" in m for m in messages)
    assert any("only http and https" in m for m in messages)
    assert any("missing.txt" in m and "cannot read" in m for m in messages)


def test_an_opml_file_with_entities_is_refused(tmp_path):
    opml = tmp_path / "evil.opml"
    opml.write_bytes(BILLION_LAUGHS.replace(b"rss", b"opml"))
    urls, problems = feed_urls([str(opml)])
    assert urls == [] and any("entit" in str(p) for p in problems)
