"""The web page in a real headless Chromium: map markers, timeline, and evidence on click."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
VENDOR = Path(str(resources.files("thucydides.web").joinpath("static", "vendor", "leaflet.js")))
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER), reason="Debian chromium and chromium-driver not installed"
    ),
    pytest.mark.skipif(
        not VENDOR.exists(), reason="web assets not installed: run `make web-assets`"
    ),
]
SCREENSHOTS = Path(os.environ.get("THUCYDIDES_SCREENSHOTS", "out/screenshots"))


@pytest.fixture(scope="module")
def server(seed_db):
    import uvicorn

    from thucydides.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(seed_db), host="127.0.0.1", port=port, log_level="warning")
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
        lambda: browser.find_elements(
            By.CSS_SELECTOR, ".leaflet-marker-icon, path.leaflet-interactive"
        )
    )
    assert _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#timeline-svg rect.bar"))
    assert _wait(
        lambda: browser.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")
    )  # base map

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
