"""One story from three outlets is one set of events with three sources, never three sets."""

from __future__ import annotations

from datetime import date

from thucydides.ingest import make_article

PUBLISHED = date(2014, 6, 10)


def _paragraphs(raw: str) -> list[str]:
    return [p for p in raw.splitlines() if p.strip()][:11]


def outlets(seed_raw: str) -> list[tuple[str, str]]:
    paras = _paragraphs(seed_raw)
    wire = "Militants seize Mosul government headquarters\n" + "\n".join(paras)
    trimmed = "\n".join(
        [
            "Iraq: insurgents overrun provincial HQ in Mosul",
            *paras[:9],
            "Advertisement",
            "Share this article",
        ]
    )
    swapped = paras[:]
    swapped[3], swapped[4] = swapped[4], swapped[3]
    reordered = "\n".join(
        [
            "ISIL fighters take Nineveh government building",
            *swapped,
            "Copyright 2014. All rights reserved.",
        ]
    )
    return [
        (wire, "https://wire.example/mosul"),
        (trimmed, "https://daily.example/iraq-mosul"),
        (reordered, "https://gazette.example/world/mosul-hq"),
    ]


def test_three_outlets_one_story_same_events_three_sources(pipeline, seed_raw):
    articles = [
        make_article(text, url, published=PUBLISHED, url=url, outlet=url.split("/")[2])
        for text, url in outlets(seed_raw)
    ]
    assert len({a.article_id for a in articles}) == 3
    events = pipeline.process_batch(articles).events
    assert sorted(e.sub_event_type for e in events) == [
        "Looting/property destruction",
        "Non-state actor overtakes territory",
    ]
    for event in events:
        assert event.source_count == 3
        assert {s.outlet for s in event.sources} == {
            "wire.example",
            "daily.example",
            "gazette.example",
        }


def test_copies_ingested_in_later_runs_join_the_stored_events(tmp_path, pipeline, seed_raw):
    from typer.testing import CliRunner

    from thucydides.cli import app
    from thucydides.store import Store

    runner = CliRunner()
    db = tmp_path / "t.duckdb"
    for i, (text, url) in enumerate(outlets(seed_raw)):
        path = tmp_path / f"outlet{i}.jsonl"
        line = {
            "id": f"outlet-{i}",
            "text": text,
            "published": "2014-06-10",
            "url": url,
            "source": url.split("/")[2],
        }
        import json

        path.write_text(json.dumps(line) + "\n")
        for _ in range(2):  # each copy twice: re-ingesting never adds anything
            result = runner.invoke(app, ["run", str(path), "--db", str(db), "--no-show"])
            assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        events = store.events()
        assert store.counts() == {"articles": 3, "events": 2, "event_sources": 6}
        # Each copy was checked against the stored index when it arrived: one story.
        stories = {store.article(f"outlet-{i}")["story_id"] for i in range(3)}
        assert stories == {"outlet-0"}
    assert all(e.source_count == 3 for e in events)


def test_story_clusters_keep_two_similar_events_apart():
    from thucydides.dedup.stories import cluster_stories

    texts = [
        "A car bomb exploded in Baghdad's Karrada district on Monday, killing 12 people near a market.",
        "Twelve people died when a car bomb went off near a market in Karrada, Baghdad, on Monday.",
        "A suicide bomber struck a police checkpoint in Ramadi on Tuesday, killing four policemen.",
        "Four policemen were killed on Tuesday when a suicide bomber attacked a checkpoint in Ramadi.",
    ]
    labels = cluster_stories(texts)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
