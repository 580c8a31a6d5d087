"""Publication times with their UTC offset: the day "yesterday" counts from is the one the clock
shows where the report was filed."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from thucydides.clean import clean
from thucydides.ingest import make_article, read_jsonl
from thucydides.ingest.readers import parse_instant
from thucydides.when.timezones import local_date, zone_at

REPORT = "Gunmen killed three villagers in a market late yesterday, police said."


@pytest.mark.parametrize(
    ("latitude", "longitude", "country", "zone"),
    [
        (34.53, 69.17, "AF", "Asia/Kabul"),
        (36.34, 43.13, "IQ", "Asia/Baghdad"),
        (34.05, -118.24, "US", "America/Los_Angeles"),
        (40.71, -74.01, "US", "America/New_York"),
        (43.12, 131.9, "RU", "Asia/Vladivostok"),
    ],
)
def test_a_place_gets_the_nearest_zone_of_its_country(latitude, longitude, country, zone):
    assert str(zone_at(latitude, longitude, country)) == zone


def test_no_zone_for_an_unknown_country():
    assert zone_at(0.0, 0.0, "XX") is None


def test_local_date_crosses_midnight_east_of_utc():
    instant = datetime(2015, 3, 4, 22, 30, tzinfo=UTC)
    assert local_date(instant, zone_at(34.53, 69.17, "AF")) == date(2015, 3, 5)
    assert local_date(instant, None) == date(2015, 3, 4)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-03-04T22:30:00Z", datetime(2015, 3, 4, 22, 30, tzinfo=UTC)),
        (
            "2015-03-05T03:00:00+04:30",
            datetime(2015, 3, 5, 3, 0, tzinfo=timezone(timedelta(hours=4, minutes=30))),
        ),
        ("2015-03-04T22:30:00", None),  # no offset: the zone is unknown
        ("2015-03-04", None),
        ("tomorrow at noon", None),
        (20150304, None),
    ],
)
def test_parse_instant_needs_a_time_and_its_offset(value, expected):
    assert parse_instant(value) == expected


def test_jsonl_keeps_the_moment_of_publication():
    stream = io.StringIO('{"id": "1", "text": "a", "published": "2015-03-04T22:30:00Z"}\n')
    (article,) = read_jsonl(stream, "in.jsonl")
    assert article.published == date(2015, 3, 4)
    assert article.published_at == datetime(2015, 3, 4, 22, 30, tzinfo=UTC)


def test_html_metadata_give_the_moment_of_publication():
    html = (
        '<html><head><meta property="article:published_time" content="2015-03-04T22:30:00+00:00">'
        f"</head><body><article><p>{REPORT}</p></article></body></html>"
    )
    cleaned = clean(make_article(html, "page.html", format="html"))
    assert cleaned.published == date(2015, 3, 4)
    assert cleaned.published_at == datetime(2015, 3, 4, 22, 30, tzinfo=UTC)


def _event_date(pipeline, text: str, published: str) -> date:
    (article,) = read_jsonl(
        io.StringIO(f'{{"id": "x", "text": "{text}", "published": "{published}"}}\n'), "t"
    )
    batch = pipeline.process_batch([article])
    (event,) = batch.events
    return event.event_date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # Filed at 22:30 UTC, 03:00 the next morning in Kabul: "yesterday" is March 4 there.
        (f"KABUL, Afghanistan (AP) - {REPORT}", "2015-03-04T22:30:00Z", date(2015, 3, 4)),
        # No dateline: the day is the one in the offset given.
        (REPORT, "2015-03-04T22:30:00Z", date(2015, 3, 3)),
        (REPORT, "2015-03-05T03:00:00+04:30", date(2015, 3, 4)),
        # A bare date is taken as it is.
        (f"KABUL, Afghanistan (AP) - {REPORT}", "2015-03-04", date(2015, 3, 3)),
    ],
)
def test_yesterday_counts_from_the_day_where_the_report_was_filed(
    pipeline, text, published, expected
):
    assert _event_date(pipeline, text, published) == expected
