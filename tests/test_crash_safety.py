"""SIGKILL the ingest at random moments; rerunning finishes with exactly the uninterrupted events."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from thucydides.store import Store

from .test_scale import REPORTS
from .test_syndication import outlets

RUN = [sys.executable, "-m", "thucydides.cli", "run"]


def _corpus(path, seed_raw):
    lines = [
        {"id": f"wire-{i}", "text": t, "published": "2014-06-10", "url": u}
        for i, (t, u) in enumerate(outlets(seed_raw))
    ]
    for i in range(40):
        lines += [
            {
                "id": f"r{i}-{j}",
                "text": f"{text} Report {i}.",
                "published": f"2015-05-{i % 28 + 1:02d}",
            }
            for j, text in enumerate(REPORTS)
        ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return len(lines)


def _snapshot(db):
    with Store(db, read_only=True) as store:
        events = sorted(
            (e.event_id, e.source_count, e.fatalities, e.event_date) for e in store.events()
        )
        return events, store.counts()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
def test_killed_runs_finish_with_the_uninterrupted_events(tmp_path, seed_raw):
    corpus = tmp_path / "corpus.jsonl"
    n = _corpus(corpus, seed_raw)
    args = [str(corpus), "--batch-size", "2", "--no-show"]
    reference = tmp_path / "reference.duckdb"
    subprocess.run([*RUN, *args, "--db", str(reference)], check=True, capture_output=True)
    expected = _snapshot(reference)
    assert expected[1]["articles"] == n

    db = tmp_path / "killed.duckdb"
    rng = random.Random(11)
    interrupted = 0
    for _ in range(4):
        process = subprocess.Popen(
            [*RUN, *args, "--db", str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(4.5, 9.0))
        interrupted += process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert interrupted >= 3, "the kills must land while the run is still going"
    subprocess.run([*RUN, *args, "--db", str(db)], check=True, capture_output=True)
    assert _snapshot(db) == expected
