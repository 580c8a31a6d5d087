"""The web page in a real headless Chromium: map markers, timeline, and evidence on click."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

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
    types = browser.execute_async_script(
        "const done = arguments[0]; fetch('/events?limit=500').then(r => r.json())"
        ".then(page => done(page.events.map(e => e.event_type)));"
    )
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / f"event-detail-{width}x{height}.png"))


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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / "list-unknown-fields.png"))
