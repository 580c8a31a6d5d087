"""The web page in a real headless Chromium: map markers, timeline, and evidence on click."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections import Counter
from importlib import resources
from itertools import pairwise
from pathlib import Path

import pytest

from thucydides.event import EVENT_TYPES
from thucydides.extract.extractor import TYPE_DEFAULTS

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
VENDOR = Path(str(resources.files("thucydides.web").joinpath("static", "vendor", "leaflet.js")))
MISSING = [
    reason
    for reason, missing in (
        ("Debian chromium and chromium-driver not installed", not (CHROMIUM and CHROMEDRIVER)),
        ("web assets not installed: run `make web-assets`", not VENDOR.exists()),
    )
    if missing
]
# On a developer's machine a missing browser skips these tests; in CI it fails them, so that
# no fresh machine passes without the page having been tested in a browser.
IN_CI = os.environ.get("CI") == "true"
pytestmark = [pytest.mark.skipif(bool(MISSING) and not IN_CI, reason="; ".join(MISSING))]


@pytest.fixture(autouse=True)
def _browser_present():
    if MISSING:
        pytest.fail(f"CI=true and the browser tests cannot run: {'; '.join(MISSING)}")


SCREENSHOTS = Path(os.environ.get("THUCYDIDES_SCREENSHOTS", "out/screenshots"))


def _page_of(text: str) -> str:
    """The seed as a news site would serve it: furniture, a script, inline markup, entities."""
    marked = text.replace("overrun", "<b>overrun</b>").replace("'", "&#8217;")
    paragraphs = "".join(f"<p>{line}</p>\n" for line in marked.splitlines() if line.strip())
    return (
        "<html><head><title>Militants overrun Mosul HQ</title>"
        "<script>var menu = '<p>Home</p>';</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Militants overrun Mosul HQ</h1>\n{paragraphs}</article>"
        "<footer>&copy; 2014 Wire &amp; Co</footer></body></html>"
    )


@pytest.fixture(scope="module")
def html_db(tmp_path_factory, pipeline, seed_raw) -> Path:
    """A database holding the seed as an HTML page only."""
    from datetime import date

    from thucydides.ingest import make_article
    from thucydides.store import Store

    db = tmp_path_factory.mktemp("html-db") / "html.duckdb"
    article = make_article(
        _page_of(seed_raw), "seed.html", format="html", published=date(2014, 6, 10)
    )
    batch = pipeline.process_batch([article])
    with Store(db) as store:
        store.write_batch(batch.articles, batch.events)
    return db


@pytest.fixture(scope="module")
def server(seed_db):
    yield from _serve(seed_db)


@pytest.fixture(scope="module")
def bare_server(tmp_path_factory, seed_db):
    """The seed's events, one of them stripped of its place and actors."""
    import shutil

    from thucydides.store import Store

    db = tmp_path_factory.mktemp("bare-db") / "bare.duckdb"
    shutil.copy(seed_db, db)
    with Store(db) as store:
        event = store.events()[0]
        bare = event.model_copy(
            update={
                "location": "",
                "admin1": "",
                "country": "",
                "latitude": None,
                "longitude": None,
                "actor1": "",
                "actor2": "",
            }
        )
        store.write_batch([], [bare])
    yield from _serve(db)


@pytest.fixture(scope="module")
def html_server(html_db):
    yield from _serve(html_db)


def _serve(db: Path):
    import uvicorn

    from thucydides.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(100):
        if instance.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    instance.should_exit = True
    thread.join(5)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _wait(condition, seconds: float = 15.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the page")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_map_timeline_and_evidence(server, browser, width, height):
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, height)
    browser.get(server)
    _wait(lambda: browser.find_element(By.ID, "summary").text.startswith("2 event"))
    assert _wait(
        lambda: browser.find_element(By.ID, "updated").text.startswith("Data last updated")
    )
    assert _wait(
        lambda: browser.find_elements(
            By.CSS_SELECTOR, ".leaflet-marker-icon, path.leaflet-interactive"
        )
    )
    assert _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#timeline-svg rect.bar"))
    assert _wait(
        lambda: browser.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")
    )  # base map

    # The legend names exactly the types the results hold, with their counts, as the API does.
    types = [e["event_type"] for e in _api(browser, "/events?limit=500")["events"]]
    legend = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".legend [data-type]"))
    assert {
        e.get_attribute("data-type"): int(e.text.rsplit("(", 1)[1].rstrip(")")) for e in legend
    } == Counter(types)
    item = next(
        li for li in browser.find_elements(By.CSS_SELECTOR, "#list li") if "overtakes" in li.text
    )
    item.click()
    marks = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#detail mark"))
    fields = {m.get_attribute("data-field") for m in marks}
    assert {"actor1", "location", "event_date"} <= fields
    assert fields & {"event_type", "sub_event_type"}  # one span: the trigger
    texts = " ".join(m.text for m in marks)
    assert "overrun" in texts and "late yesterday" in texts
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    _shot(browser, f"event-detail-{width}x{height}")


def test_evidence_from_an_html_page_is_shown_in_its_clean_text(html_server, browser):
    """Offsets point into the page's source; the report shown is the clean text, marked."""
    from selenium.webdriver.common.by import By

    browser.get(html_server)
    item = _wait(
        lambda: next(
            (
                li
                for li in browser.find_elements(By.CSS_SELECTOR, "#list li")
                if "overtakes" in li.text
            ),
            None,
        )
    )
    item.click()
    marks = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#detail mark"))
    texts: dict[str, set[str]] = {}
    for mark in marks:
        texts.setdefault(mark.get_attribute("data-field"), set()).add(mark.text)
    assert "overrun" in texts.get("event_type", set()) | texts.get("sub_event_type", set())
    assert any(t.startswith("late yesterday") for t in texts["event_date"])
    assert texts["location"] == {"Mosul"}
    report = browser.find_element(By.CSS_SELECTOR, "#detail .report").text
    assert report.startswith("Militants overrun Mosul HQ")
    assert "<b>" not in report and "&#8217;" not in report and "var menu" not in report
    assert "Baghdad's efforts" in report  # ftfy straightens the page's curly apostrophe
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_a_list_line_says_what_is_unknown_and_never_shows_empty_separators(bare_server, browser):
    from selenium.webdriver.common.by import By

    browser.get(bare_server)
    lines = _wait(
        lambda: (
            [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#list li")]
            if len(browser.find_elements(By.CSS_SELECTOR, "#list li")) == 2
            else None
        )
    )
    bare = next(line for line in lines if "place unknown" in line)
    assert "actor unknown" in bare
    for line in lines:
        assert "·  ·" not in line and "· ·" not in line and not line.rstrip().endswith("·")
    _shot(browser, "list-unknown-fields")


# Places for the world fixture: two beside the antimeridian, the rest spread over the globe.
PLACES = [
    ("Mosul", "Iraq", "IRQ", 36.34, 43.13),
    ("Suva", "Fiji", "FJI", -18.14, 178.44),
    ("Anadyr", "Russia", "RUS", 64.73, 177.51),
    ("Lagos", "Nigeria", "NGA", 6.45, 3.39),
    ("Kabul", "Afghanistan", "AFG", 34.53, 69.17),
    ("Bogota", "Colombia", "COL", 4.71, -74.07),
]
# Every event type, each with its sub-type ACLED codes when nothing more is known.
TYPES = [(t, TYPE_DEFAULTS[t][0]) for t in EVENT_TYPES]


@pytest.fixture(scope="module")
def world_server(tmp_path_factory, seed_db):
    """The seed's events and 36 more made from them, over six countries, six types and 105
    days, with deaths: enough for clusters, a timeline of weeks, filters and downloads."""
    from datetime import date, timedelta

    from thucydides.store import Store

    db = tmp_path_factory.mktemp("world-db") / "world.duckdb"
    shutil.copy(seed_db, db)
    with Store(db) as store:
        base = store.events()[0]
        events = []
        for i in range(36):
            location, country, iso3, lat, lon = PLACES[i % len(PLACES)]
            event_type, sub_event_type = TYPES[(i // 2) % len(TYPES)]
            events.append(
                base.model_copy(
                    update={
                        "event_id": f"thworld{i:03d}",
                        "event_date": date(2014, 4, 1) + timedelta(days=3 * i),
                        "event_type": event_type,
                        "sub_event_type": sub_event_type,
                        "location": location,
                        "admin1": "",
                        "country": country,
                        "iso3": iso3,
                        "latitude": lat + (i % 3) * 0.01,
                        "longitude": lon,
                        "fatalities": i % 4,
                        "notes": f"World fixture event {i} in {location}.",
                    }
                )
            )
        store.write_batch([], events)
    yield from _serve(db)


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    from thucydides.store import Store

    db = tmp_path_factory.mktemp("empty-db") / "empty.duckdb"
    Store(db).close()
    yield from _serve(db)


# Every screenshot taken, named at the end of the test run (tests/conftest.py).
TAKEN: list[Path] = []


def _shot(browser, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert browser.save_screenshot(str(path))
    TAKEN.append(path)
    return path


def _ready(browser) -> None:
    """The page has drawn what its URL asks for."""
    _wait(
        lambda: browser.execute_script(
            "return performance.getEntriesByName('thucydides:ready').length > 0"
        )
    )


def _fetched(browser, path: str) -> str:
    """What the page's own origin answers at `path`, as text."""
    return browser.execute_async_script(
        "const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done);", path
    )


def _api(browser, path: str):
    return json.loads(_fetched(browser, path))


def _listed(browser) -> list[str]:
    return [li.get_attribute("data-event-id") for li in _items(browser)]


def _items(browser):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, "#list li")


def _no_severe_errors(browser) -> None:
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


# A segment of a base-map outline that spans more than half the world's width, other than
# along the world's top or bottom edge (where a ring round a pole is closed), is a band
# across the map.
BANDS = """
const zoom = map.getZoom(), world = 256 * Math.pow(2, zoom);
const top = map.latLngToLayerPoint([85.0511, 0]).y, bottom = map.latLngToLayerPoint([-85.0511, 0]).y;
const bands = [];
let paths = 0;
for (const path of document.querySelectorAll('.leaflet-overlay-pane path:not(.leaflet-interactive)')) {
  paths++;
  for (const ring of (path.getAttribute('d') || '').split(/[Mm]/).filter(Boolean)) {
    const points = [...ring.matchAll(/(-?[\\d.]+)[ ,](-?[\\d.]+)/g)].map(m => [+m[1], +m[2]]);
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      const onEdge = y => Math.abs(y - top) < 2 || Math.abs(y - bottom) < 2;
      if (Math.abs(a[0] - b[0]) > world / 2 && !(onEdge(a[1]) && onEdge(b[1]))) bands.push([a, b]);
    }
  }
}
return {paths, bands: bands.slice(0, 5), count: bands.length};
"""


@pytest.mark.parametrize("zoom", [1, 2])
def test_the_base_map_has_no_band_across_the_world(world_server, browser, zoom):
    browser.set_window_size(1500, 1000)
    browser.get(f"{world_server}?map={zoom}/20/160")
    _ready(browser)
    found = _wait(lambda: (r := browser.execute_script(BANDS))["paths"] > 100 and r)
    assert found["count"] == 0, found
    _shot(browser, f"map-world-zoom{zoom}")
    _no_severe_errors(browser)


def test_markers_cluster_with_their_counts_and_the_open_event_is_highlighted(world_server, browser):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 800)
    browser.get(f"{world_server}?map=2/20/60")
    _ready(browser)
    placed = _api(browser, "/events?limit=500&format=geojson")["features"]
    clusters = browser.find_elements(By.CSS_SELECTOR, ".marker-cluster")
    lone = browser.find_elements(
        By.CSS_SELECTOR,
        ".leaflet-marker-pane ~ * path.leaflet-interactive, .leaflet-overlay-pane path.leaflet-interactive",
    )
    counts = [int(c.text) for c in clusters]
    assert counts and max(counts) > 1
    assert sum(counts) + len(lone) == len([f for f in placed if f["geometry"]])
    _items(browser)[3].click()
    opened = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive.open"))
    assert len(opened) == 1
    _shot(browser, "map-open-event")
    browser.find_element(By.CSS_SELECTOR, "#detail .back").click()
    _wait(lambda: not browser.find_elements(By.CSS_SELECTOR, "path.open"))


def test_an_empty_database_and_an_empty_result_are_explained(empty_server, server, browser):
    from selenium.webdriver.common.by import By

    browser.get(empty_server)
    _ready(browser)
    notice = browser.find_element(By.ID, "notice")
    assert notice.is_displayed() and "no events yet" in notice.text
    assert "thucydides run" in notice.text
    _shot(browser, "empty-database")
    browser.get(f"{server}?country=Atlantis")
    _ready(browser)
    notice = browser.find_element(By.ID, "notice")
    assert notice.is_displayed() and "No event matches these filters" in notice.text
    assert browser.find_element(By.ID, "summary").text.startswith("0 event")
    _shot(browser, "empty-result")
    browser.find_element(By.ID, "notice-reset").click()
    _wait(lambda: len(_items(browser)) == 2)
    assert not browser.find_element(By.ID, "notice").is_displayed()
    assert "country" not in browser.current_url


def _labels_apart(labels) -> bool:
    boxes = sorted((b["x"], b["x"] + b["width"]) for b in labels)
    return all(a[1] <= b[0] for a, b in pairwise(boxes))


def test_the_timeline_has_a_date_axis_stacks_types_switches_to_deaths_and_filters_by_drag(
    world_server, browser
):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 800)
    browser.get(world_server)
    _ready(browser)
    # With no extent in the URL, the map is fitted to the results: every marker in view.
    assert browser.execute_script(
        "const placed = state.events.filter(f => f.geometry);"
        " return placed.length > 30 && placed.every(f => map.getBounds().contains("
        "[f.geometry.coordinates[1], f.geometry.coordinates[0]]));"
    )
    labels = browser.execute_script(
        "return [...document.querySelectorAll('#timeline-svg text.tick')].map(t => {"
        " const b = t.getBBox(); return {text: t.textContent, x: b.x, width: b.width}; });"
    )
    width = browser.execute_script("return document.getElementById('timeline-svg').clientWidth")
    assert len(labels) >= 4 and all(label["text"].strip() for label in labels)
    assert all(label["x"] >= 0 and label["x"] + label["width"] <= width + 1 for label in labels)
    assert _labels_apart(labels), labels
    assert any("2014" in label["text"] for label in labels)
    stats = _api(browser, "/stats")
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline-svg rect.bar")
    assert {(b.get_attribute("data-day"), b.get_attribute("data-type")) for b in bars} == {
        (r["key"], r["event_type"]) for r in stats["per_day_type"]
    }
    _shot(browser, "timeline-events")

    browser.find_element(By.CSS_SELECTOR, "button.metric[data-metric='fatalities']").click()
    assert "Deaths" in browser.find_element(By.ID, "timeline-title").text
    deadly = browser.find_elements(By.CSS_SELECTOR, "#timeline-svg rect.bar")
    assert {(b.get_attribute("data-day"), b.get_attribute("data-type")) for b in deadly} == {
        (r["key"], r["event_type"]) for r in stats["per_day_type"] if r["fatalities"]
    }
    _shot(browser, "timeline-deaths")

    svg = browser.find_element(By.ID, "timeline-svg")
    box = svg.rect
    ActionChains(browser).move_to_element_with_offset(
        svg, int(-box["width"] * 0.3), 0
    ).click_and_hold().move_by_offset(int(box["width"] * 0.35), 0).release().perform()
    chip = _wait(
        lambda: browser.find_elements(By.CSS_SELECTOR, "#chips .chip[data-filter='start,end']")
    )
    start = browser.find_element(By.NAME, "start").get_attribute("value")
    end = browser.find_element(By.NAME, "end").get_attribute("value")
    assert start and end and start < end and start in chip[0].text and end in chip[0].text
    expected = _api(browser, f"/events?limit=500&start={start}&end={end}")
    assert 0 < expected["total"] < 38
    _wait(lambda: sorted(_listed(browser)) == sorted(e["event_id"] for e in expected["events"]))
    assert f"start={start}" in browser.current_url and f"end={end}" in browser.current_url
    _shot(browser, "timeline-dates-chosen")
    chip[0].find_element(By.TAG_NAME, "button").click()
    _wait(lambda: len(_items(browser)) == 38)
    assert "start=" not in browser.current_url
    _no_severe_errors(browser)


def test_a_url_reopens_its_view_and_back_and_forward_walk_the_views(world_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(1280, 800)
    browser.get(f"{world_server}?event_type=Battles&country=Fiji&map=4/-18.1/178.4")
    _ready(browser)
    assert (
        Select(browser.find_element(By.NAME, "event_type")).first_selected_option.text == "Battles"
    )
    assert browser.find_element(By.NAME, "country").get_attribute("value") == "Fiji"
    expected = _api(browser, "/events?event_type=Battles&country=Fiji&limit=500")
    assert expected["total"] > 0
    assert sorted(_listed(browser)) == sorted(e["event_id"] for e in expected["events"])
    zoom, lat, lon = browser.execute_script(
        "const c = map.getCenter(); return [map.getZoom(), c.lat, c.lng];"
    )
    assert zoom == 4 and abs(lat + 18.1) < 0.01 and abs(lon - 178.4) < 0.01
    first_view = sorted(_listed(browser))

    country = browser.find_element(By.NAME, "country")
    country.clear()
    country.send_keys("Iraq")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type='submit']").click()
    iraq = _api(browser, "/events?event_type=Battles&country=Iraq&limit=500")
    _wait(lambda: sorted(_listed(browser)) == sorted(e["event_id"] for e in iraq["events"]))
    assert "country=Iraq" in browser.current_url

    _items(browser)[0].click()
    _wait(lambda: browser.find_element(By.ID, "detail").is_displayed())
    opened = browser.execute_script("return state.open")
    assert f"event={opened}" in browser.current_url
    shared = browser.current_url

    browser.back()  # the event closed
    _wait(lambda: not browser.find_element(By.ID, "detail").is_displayed())
    browser.back()  # the Fiji view
    _wait(lambda: browser.find_element(By.NAME, "country").get_attribute("value") == "Fiji")
    _wait(lambda: sorted(_listed(browser)) == first_view)
    browser.forward()
    _wait(lambda: browser.find_element(By.NAME, "country").get_attribute("value") == "Iraq")
    browser.forward()
    _wait(lambda: browser.find_element(By.ID, "detail").is_displayed())

    browser.get("about:blank")
    browser.get(shared)  # a shared link opens the same list and the same event
    _ready(browser)
    assert browser.find_element(By.ID, "detail").is_displayed()
    assert browser.execute_script("return state.open") == opened
    assert sorted(_listed(browser)) == sorted(e["event_id"] for e in iraq["events"])
    _shot(browser, "view-from-url")
    _no_severe_errors(browser)


def test_each_download_holds_exactly_the_filtered_rows(world_server, browser):
    import csv
    import io

    from selenium.webdriver.common.by import By

    browser.get(f"{world_server}?min_fatalities=2")
    _ready(browser)
    expected = _api(browser, "/events?min_fatalities=2&limit=500")
    ids = sorted(e["event_id"] for e in expected["events"])
    links = browser.find_elements(By.CSS_SELECTOR, "#downloads a.download")
    assert {a.get_attribute("data-format") for a in links} == {"csv", "geojson", "jsonl"}
    assert f"Download {expected['total']} row(s)" in browser.find_element(By.ID, "downloads").text
    for link in links:
        assert link.get_attribute("download").startswith("thucydides-events.")
        body = _fetched(browser, link.get_attribute("href"))
        fmt = link.get_attribute("data-format")
        if fmt == "csv":
            got = sorted(r["event_id_cnty"] for r in csv.DictReader(io.StringIO(body)))
            want = sorted(f"{e['iso3'] or 'XXX'}{e['event_id'][2:]}" for e in expected["events"])
            assert got == want
        elif fmt == "geojson":
            assert sorted(f["id"] for f in json.loads(body)["features"]) == ids
        else:
            assert sorted(json.loads(line)["event_id"] for line in body.splitlines()) == ids


def test_the_evidence_view_scrolls_to_a_field_and_names_sources_and_history(bare_server, browser):
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 800)
    browser.get(bare_server)
    _ready(browser)
    item = next(li for li in _items(browser) if "overtakes" in li.text)
    item.click()
    link = _wait(
        lambda: (
            browser.find_elements(By.CSS_SELECTOR, ".evidence-link[data-field='location']")
            or browser.find_elements(By.CSS_SELECTOR, ".evidence-link[data-field='actor1']")
        )
    )[0]
    field = link.get_attribute("data-field")
    link.click()
    current = _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#detail mark.current"))
    assert current[0].get_attribute("data-field") == field
    visible = browser.execute_script(
        "const m = arguments[0].getBoundingClientRect(), r = arguments[0].closest('.report').getBoundingClientRect();"
        " return m.top >= r.top && m.bottom <= r.bottom && m.top >= 0 && m.bottom <= innerHeight;",
        current[0],
    )
    assert visible
    sources = browser.find_element(By.CSS_SELECTOR, "#detail ol.sources").text
    assert "wire" in sources and "2014-06-10" in sources
    _shot(browser, "evidence-scrolled")
    bare = next(e for e in _api(browser, "/events?limit=500")["events"] if not e["country"])
    browser.find_element(By.CSS_SELECTOR, "#detail .back").click()
    next(
        li for li in _items(browser) if li.get_attribute("data-event-id") == bare["event_id"]
    ).click()
    # Read in one script: the detail is rewritten while it loads, so elements found one by
    # one may be gone by the time they are read.
    history = _wait(
        lambda: browser.execute_script(
            "const d = document.getElementById('detail');"
            " return d.hidden || state.open !== arguments[0] ? null"
            " : [...d.querySelectorAll('ol.history li')].map(li => li.textContent);",
            bare["event_id"],
        )
    )
    assert "location" in history[0] and "changed" in history[0]
    _no_severe_errors(browser)


def test_the_list_is_walked_and_opened_with_the_keyboard(world_server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(world_server)
    _ready(browser)
    browser.find_element(By.TAG_NAME, "body").click()
    body = browser.switch_to.active_element
    for _ in range(40):  # Tab from the page's start reaches the list, one tab stop
        body.send_keys(Keys.TAB)
        body = browser.switch_to.active_element
        if body.tag_name == "li":
            break
    assert body.get_attribute("data-event-id") == _listed(browser)[0]
    body.send_keys(Keys.ARROW_DOWN)
    body = browser.switch_to.active_element
    body.send_keys(Keys.ARROW_DOWN)
    second = browser.switch_to.active_element
    assert second.get_attribute("data-event-id") == _listed(browser)[2]
    second.send_keys(Keys.ENTER)
    _wait(lambda: browser.find_element(By.ID, "detail").is_displayed())
    assert browser.execute_script("return state.open") == _listed(browser)[2]
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    _wait(lambda: not browser.find_element(By.ID, "detail").is_displayed())
    assert browser.switch_to.active_element.get_attribute("data-event-id") == _listed(browser)[2]


# The contrast of every visible text against the colour behind it (WCAG 2 relative luminance).
CONTRAST = """
const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
  .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
const behind = el => {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
  }
  return [255, 255, 255];
};
const low = [];
let checked = 0;
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  // Disabled controls (a zoom button at the last zoom) are exempt (WCAG 1.4.3).
  if (!own || !el.getClientRects().length || el.closest('.leaflet-disabled, :disabled')) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.opacity === '0') continue;
  const fg = rgb(el instanceof SVGElement ? style.fill : style.color).slice(0, 3);
  const [a, b] = [lum(fg), lum(behind(el instanceof SVGElement ? el.ownerSVGElement : el))].sort((x, y) => y - x);
  const ratio = (a + 0.05) / (b + 0.05);
  const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  checked++;
  if (ratio < need) low.push([el.tagName, el.className && String(el.className), el.textContent.trim().slice(0, 40), ratio.toFixed(2)]);
}
return {checked, low};
"""


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_text_meets_wcag_aa_contrast_and_the_page_fits_the_screen(
    world_server, browser, width, height
):
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, height)
    browser.get(world_server)
    _ready(browser)
    result = browser.execute_script(CONTRAST)
    assert result["checked"] > 50 and not result["low"], result["low"]
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    for part in ("map", "list", "timeline-svg"):
        size = browser.find_element(By.ID, part).size
        assert size["width"] > 200 and size["height"] > 50, (part, size)
    _shot(browser, f"page-{width}x{height}")
    _items(browser)[0].click()
    _wait(lambda: browser.find_element(By.ID, "detail").is_displayed())
    result = browser.execute_script(CONTRAST)
    assert not result["low"], result["low"]
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    _shot(browser, f"detail-{width}x{height}")
