"""The command-line contract: run, extract, export; bad input reported, the batch goes on."""

from __future__ import annotations

import csv
import json
import zipfile

import duckdb
import pytest
from typer.testing import CliRunner

from thucydides.cli import app
from thucydides.export import ACLED_COLUMNS
from thucydides.store import Store

from .conftest import SEED

runner = CliRunner()


def _run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def _counts(db) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_run_twice_stores_nothing_twice(tmp_path, pipeline):
    db = tmp_path / "t.duckdb"
    first = _run("run", str(SEED), "--published", "2014-06-10", "--db", str(db))
    assert first.exit_code == 0, first.output
    once = _counts(db)
    second = _run("run", str(SEED), "--published", "2014-06-10", "--db", str(db))
    assert second.exit_code == 0
    assert _counts(db) == once == {"articles": 1, "events": 2, "event_sources": 2}


def test_export_acled_has_acleds_columns_in_order(tmp_path, pipeline):
    db = tmp_path / "t.duckdb"
    _run("run", str(SEED), "--published", "2014-06-10", "--db", str(db), "--no-show")
    out = tmp_path / "events.csv"
    result = _run("export", "--format", "acled", "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0].keys()) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert {r["event_type"] for r in rows} == {"Battles", "Strategic developments"}
    assert all(r["event_id_cnty"].startswith("IRQ") for r in rows)


def test_export_jsonl_round_trips_events(tmp_path, pipeline):
    db = tmp_path / "t.duckdb"
    _run("run", str(SEED), "--published", "2014-06-10", "--db", str(db), "--no-show")
    result = _run("export", "--format", "jsonl", "--db", str(db))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2 and all(r["article_ids"] and r["evidence"] for r in records)
    takeover = next(r for r in records if r["event_type"] == "Battles")
    assert takeover["event"] == "ASSAULT" and takeover["eventText"] == "overrun"
    assert "ISIL" in takeover["source"][0]["actorText"] and takeover["dead"] == 0
    assert takeover["eventLoc"]["name"] == "Mosul" and "event_id" not in takeover


def test_export_without_database_says_how_to_make_one(tmp_path):
    result = _run("export", "--format", "acled", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 2
    assert "thucydides run" in result.output


def test_extract_reads_and_writes_json_lines(pipeline):
    line = json.dumps(
        {"id": "a1", "text": SEED.read_text(), "published": "2014-06-10", "source": "wire"}
    )
    result = _run("extract", stdin=line + "\n{broken\n")
    events = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(events) == 2
    assert all(e["article_ids"] == ["a1"] for e in events)
    assert "<stdin>:2" in result.stderr and result.exit_code == 1


@pytest.fixture
def bad_inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes(
        "Police arrested five protesters in Peshawar on Monday, officials said. Café owners fled.".encode(
            "latin-1"
        )
    )
    (folder / "mojibake.txt").write_text(
        "Gunmen killed three villagers in Kandahar on Tuesday, â€˜officialsâ€™ said.",
        encoding="utf-8",
    )
    with open(folder / "huge.txt", "wb") as fh:
        fh.write(b"word " * (11 * 1024 * 1024 // 5))
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    sentence = b"Police arrested five protesters in Quetta on Monday. "
    (folder / "nul.txt").write_bytes(sentence * 30 + b"\0\0" + sentence * 30)
    (folder / "utf16.txt").write_text(
        "Troops shelled a village near Kunduz on Sunday.", encoding="utf-16"
    )
    (folder / "absurd.txt").write_text(
        "KABUL, Afghanistan\n\nGunmen killed 1e308 villagers in Kabul on Monday, police said.\n"
    )
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"\0" * 50_000_000)
    sentence = "Gunmen killed three villagers in Kandahar on Tuesday, officials said."
    (folder / "nested.html").write_text(
        f"<html><body>{'<div>' * 100_000}<p>{sentence}</p>{'</div>' * 100_000}</body></html>"
    )
    lines = [
        json.dumps({"id": "ok", "text": "Rebels attacked an army post in Idlib on Friday."}),
        "{broken",
        json.dumps(
            {"id": "far", "text": "Police fired on a march in Lahore.", "published": "9999-01-01"}
        ),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def test_bad_inputs_are_named_and_the_batch_goes_on(tmp_path, bad_inputs, pipeline):
    db = tmp_path / "t.duckdb"
    result = _run(
        "run",
        str(bad_inputs),
        str(tmp_path / "missing.txt"),
        "--published",
        "2014-06-10",
        "--db",
        str(db),
        "--no-show",
    )
    messages = result.stderr
    assert "empty.txt: empty file" in messages
    assert "binary.bin: binary data" in messages
    assert "latin1.txt: not UTF-8" in messages
    assert "huge.txt" in messages and "over the 10.0 MB limit" in messages
    assert "missing.txt: no such file" in messages
    assert "nul.txt: 2 stray NUL byte(s) removed" in messages
    assert "bomb.zip: a zip archive, not text" in messages
    assert "nested.html: tags nested 100003 deep" in messages
    assert "absurd.txt: '1e308' is no credible count of casualties (line 3 of its text)" in messages
    assert "feed.jsonl:2: not valid JSON" in messages
    assert "feed.jsonl:3: ignored published: 9999-01-01 is in the future" in messages
    assert result.exit_code == 1
    counts = _counts(db)
    # latin1, mojibake, seed, nul, utf16, absurd, nested, and two feed lines
    assert counts["articles"] == 9
    with duckdb.connect(str(db), read_only=True) as con:
        clean = con.execute(
            "SELECT clean_text FROM articles WHERE source LIKE '%mojibake%'"
        ).fetchone()[0]
    assert "â€" not in clean and "officials" in clean


def test_failed_batch_leaves_the_database_as_it_was(tmp_path, pipeline, monkeypatch):
    db = tmp_path / "t.duckdb"
    _run("run", str(SEED), "--published", "2014-06-10", "--db", str(db), "--no-show")
    before = _counts(db)

    from thucydides.event import Event

    def explode(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Event, "model_dump_json", explode)
    other = tmp_path / "other.txt"
    other.write_text("Soldiers clashed with rebels in Goma on Monday, killing four, the army said.")
    result = _run("run", str(other), "--published", "2014-06-10", "--db", str(db), "--no-show")
    assert result.exit_code != 0
    assert _counts(db) == before


def test_help_explains_each_command():
    for command in ("run", "extract", "export"):
        result = _run(command, "--help")
        assert result.exit_code == 0 and len(result.output) > 200


def test_non_english_reports_are_kept_and_flagged(tmp_path, pipeline):
    report = tmp_path / "fr.txt"
    report.write_text(
        "Des hommes armés ont attaqué mardi un poste de police à Kandahar, tuant trois policiers, "
        "selon un responsable local qui a requis l'anonymat."
    )
    db = tmp_path / "t.duckdb"
    result = _run("run", str(report), "--published", "2015-05-06", "--db", str(db), "--no-show")
    assert "not English (fr)" in result.stderr and result.exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT language FROM articles").fetchall() == [("fr",)]
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0


@pytest.mark.parametrize(
    "command", ["clean", "geo", "events", "dates", "location", "actors", "plover", "dedup"]
)
def test_eval_without_development_data_says_where_to_put_it(tmp_path, monkeypatch, command):
    monkeypatch.setenv("THUCYDIDES_DATA", str(tmp_path / "absent"))
    result = _run("eval", command)
    assert result.exit_code == 2
    assert "is missing: put the development data at ../shared/data" in result.stderr


def test_a_database_error_in_a_batch_is_reported_as_itself(tmp_path, pipeline, seed_raw):
    """The store's own error reaches the caller (not "transaction aborted"), nothing of the
    batch is written, and the store takes the next batch."""
    from dataclasses import replace
    from datetime import date

    from thucydides.ingest import make_article
    from thucydides.store import Store

    article = make_article(seed_raw, "seed", published=date(2014, 6, 10))
    batch = pipeline.process_batch([article])
    unreadable = [replace(p, published="the day after") for p in batch.articles]
    with Store(tmp_path / "t.duckdb") as store:
        with pytest.raises(duckdb.ConversionException, match="the day after"):
            store.write_batch(unreadable, batch.events)
        assert store.counts()["articles"] == 0
        store.write_batch(batch.articles, batch.events)
        assert store.counts()["articles"] == 1
