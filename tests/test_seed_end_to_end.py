"""The seed report, read as DESIGN.md says a careful coder would read it."""

from __future__ import annotations

from datetime import date

import pytest

from thucydides.ingest import make_article

PUBLISHED = date(2014, 6, 10)


@pytest.fixture(scope="module")
def events(pipeline, seed_raw):
    article = make_article(seed_raw, "seed", published=PUBLISHED)
    batch = pipeline.process_batch([article])
    assert not [p for p in batch.problems if p.level == "error"]
    return batch.events


def _takeover(events):
    return next(e for e in events if e.event_type == "Battles")


def _torching(events):
    return next(e for e in events if e.sub_event_type == "Looting/property destruction")


def test_exactly_two_events_nothing_from_background(events):
    assert len(events) == 2
    kinds = sorted((e.event_type, e.sub_event_type) for e in events)
    assert kinds == [
        ("Battles", "Non-state actor overtakes territory"),
        ("Strategic developments", "Looting/property destruction"),
    ]


def test_takeover_of_government_headquarters(events):
    e = _takeover(events)
    assert e.disorder_type == "Political violence"
    assert "ISIL" in e.actor1 and "Islamic State" in e.actor1
    assert e.inter1 == 2
    assert e.actor2 == "Police Forces of Iraq" and e.inter2 == 1
    assert e.interaction == 12
    assert (e.location, e.admin1, e.country, e.iso) == ("Mosul", "Ninawa", "Iraq", 368)
    assert e.latitude == pytest.approx(36.34, abs=0.05)
    assert e.longitude == pytest.approx(43.12, abs=0.05)
    assert e.geo_precision == 1
    assert e.event_date == date(2014, 6, 9) and e.time_precision == 1
    assert {"machine gun", "rocket-propelled grenade"} <= set(e.weapons)
    assert e.fatalities == 0


def test_torching_of_police_stations_is_its_own_earlier_event(events):
    e = _torching(events)
    assert "ISIL" in e.actor1
    assert e.location == "Mosul"
    assert e.time_precision == 2
    assert e.event_date <= date(2014, 6, 9)
    assert any("torched" in ev.text for ev in e.evidence["sub_event_type"])


def test_no_event_placed_in_background_places_or_history(events):
    for e in events:
        assert e.location not in ("Fallujah", "Al Fallūjah", "Baghdad", "Baghdād")
        assert e.admin1 != "Al Anbar"
        assert e.event_date.year == 2014


def test_repeated_paragraphs_add_neither_events_nor_sources(events):
    for e in events:
        assert e.source_count == 1 and len(e.sources) == 1


def test_every_field_has_evidence_pointing_into_the_raw_text(events, seed_raw):
    required = {"event_type", "sub_event_type", "actor1", "location", "event_date"}
    takeover = _takeover(events)
    assert required | {"actor2", "weapons"} <= set(takeover.evidence)
    assert required - {"event_date"} <= set(_torching(events).evidence)
    for e in events:
        for field, items in e.evidence.items():
            for item in items:
                assert seed_raw[item.start : item.end] == item.text, field
    dates = [ev.text.lower() for ev in takeover.evidence["event_date"]]
    assert any("late yesterday" in d for d in dates)
    named = " ".join(ev.text for ev in takeover.evidence["actor1"])
    assert "Islamic State of Iraq and the Levant" in named
