"""The REST API against the real app and a real DuckDB file built from the seed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from thucydides.api import create_app
from thucydides.export import ACLED_COLUMNS


@pytest.fixture(scope="module")
def client(seed_db):
    return TestClient(create_app(seed_db))


def test_events_page_and_filters(client):
    body = client.get("/events").json()
    assert body["total"] == 2 and len(body["events"]) == 2
    assert client.get("/events", params={"event_type": "Battles"}).json()["total"] == 1
    assert client.get("/events", params={"bbox": "42,35,44,37"}).json()["total"] == 2
    assert client.get("/events", params={"bbox": "-10,35,0,37"}).json()["total"] == 0
    assert client.get("/events", params={"actor": "isil", "country": "Iraq"}).json()["total"] == 2
    assert client.get("/events", params={"start": "2014-06-10"}).json()["total"] == 0
    assert (
        client.get("/events", params={"start": "2014-06-10", "end": "2014-06-01"}).json()["total"]
        == 0
    )
    assert (
        client.get("/events", params={"bbox": "42,37,44,35"}).json()["total"] == 2
    )  # south/north swapped
    assert (
        client.get("/events", params={"q": "Mosul", "limit": 1}).json()["events"][0]["location"]
        == "Mosul"
    )


def test_every_list_as_csv_geojson_and_json_lines(client):
    answer = client.get("/events", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == ACLED_COLUMNS and len(rows) == 2
    assert answer.headers["x-total-count"] == "2"
    answer = client.get("/events", params={"format": "jsonl", "limit": 1, "sort": "-date"})
    lines = answer.text.splitlines()
    assert answer.headers["content-type"] == "application/x-ndjson"
    assert answer.headers["x-total-count"] == "2" and len(lines) == 1
    first = client.get("/events", params={"limit": 1, "sort": "-date"}).json()["events"][0]
    record = json.loads(lines[0])
    assert record["event_id"] == first["event_id"] and record["evidence"]
    geo = client.get("/events", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection"
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(43.12, abs=0.05) and lat == pytest.approx(36.34, abs=0.05)


def test_event_detail_has_evidence_that_points_into_the_article(client):
    event_id = client.get("/events", params={"event_type": "Battles"}).json()["events"][0][
        "event_id"
    ]
    event = client.get(f"/events/{event_id}").json()
    article = client.get(f"/articles/{event['sources'][0]['article_id']}").json()
    for items in event["evidence"].values():
        for item in items:
            assert article["raw_text"][item["start"] : item["end"]] == item["text"]


def test_stats(client):
    stats = client.get("/stats").json()
    assert stats["per_day"] == [{"key": "2014-06-09", "events": 2, "fatalities": 0}]
    assert {s["key"] for s in stats["per_type"]} == {"Battles", "Strategic developments"}
    assert {(s["key"], s["event_type"], s["events"]) for s in stats["per_day_type"]} == {
        ("2014-06-09", "Battles", 1),
        ("2014-06-09", "Strategic developments", 1),
    }


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 501},
        {"limit": 0},
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"min_confidence": 2},
        {"sort": "event_id; DROP TABLE events"},
        {"start": "yesterday"},
    ],
)
def test_bad_filters_are_refused_with_422(client, params):
    assert client.get("/events", params=params).status_code == 422


def test_unknown_ids_404_and_bodies_are_bounded(client):
    assert client.get("/events/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert client.post("/events", content=b"x" * 100_000).status_code == 413
    assert client.post("/events", content=b"{}").status_code == 405


def test_openapi_schema_and_page_are_served(client):
    assert client.get("/openapi.json").json()["info"]["title"] == "thucydides"
    assert "<title>thucydides" in client.get("/").text


def test_list_pages_are_the_stored_events_without_evidence(client, seed_db):
    from thucydides.store import Store

    with Store(seed_db, read_only=True) as store:
        stored = {e.event_id: e.model_dump(mode="json") for e in store.events()}
    page = client.get("/events", params={"sort": "fatalities"}).json()["events"]
    for record in page:
        expected = {k: v for k, v in stored[record["event_id"]].items() if k != "evidence"}
        assert record == expected
    assert client.get("/events", params={"limit": 1, "offset": 1}).json()["events"][0] in page


def test_a_database_of_an_older_schema_is_upgraded_when_opened_for_writing(tmp_path, seed_db):
    import shutil

    import duckdb

    from thucydides.store import Store

    db = tmp_path / "old.duckdb"
    shutil.copy(seed_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("ALTER TABLE events DROP COLUMN listing")
        con.execute("ALTER TABLE events DROP COLUMN people")
        con.execute("ALTER TABLE articles DROP COLUMN offset_runs")
        con.execute("DROP TABLE event_parts")
        con.execute("DROP TABLE feeds")
        con.execute("DROP TABLE feed_items")
        con.execute("DELETE FROM schema_version WHERE version >= 4")
    with pytest.raises(RuntimeError, match="schema version 3"):
        Store(db, read_only=True)
    Store(db).close()
    fresh = TestClient(create_app(db)).get("/events").json()
    assert fresh == TestClient(create_app(seed_db)).get("/events").json()
