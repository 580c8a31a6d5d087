"""The gva-news measure on a handmade case: B-cubed over reports, incidents joined, each
incident's event, and spurious types."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from thucydides.evaluation.gva_news import Incident, Report, score
from thucydides.event import Event, Source
from thucydides.ingest import make_article

DAY = date(2016, 7, 15)


def _incident(name: str, reports: int, killed: int, injured: int) -> Incident:
    return Incident(
        incident_id=name,
        day=DAY,
        city="Woodland",
        state="Washington",
        killed=killed,
        injured=injured,
        reports=tuple(
            Report(make_article(f"{name} report {k}", f"{name}{k}"), name) for k in range(reports)
        ),
    )


def _event(
    articles,
    kind="Violence against civilians",
    killed=0,
    injured=0,
    place="Woodland",
    state="Washington",
):
    # Vancouver, Washington, some 30 km south of Woodland
    point = {"Vancouver": (45.64, -122.66)}.get(place, (45.90, -122.74))
    return Event(
        event_id="e" + "".join(a.article_id[:4] for a in articles),
        event_date=DAY,
        time_precision=1,
        disorder_type="Political violence",
        event_type=kind,
        sub_event_type="Attack" if kind != "Protests" else "Peaceful protest",
        cameo_code="180",
        plover_type="ASSAULT",
        actor1="",
        inter1=0,
        interaction=0,
        location=place,
        admin1=state,
        latitude=point[0],
        longitude=point[1],
        geo_precision=1,
        fatalities=killed,
        injured=injured,
        sources=[Source(article_id=a.article_id) for a in articles],
        confidence=0.9,
    )


def test_scores_reports_joined_per_incident():
    a, b = _incident("a", 2, killed=3, injured=1), _incident("b", 1, killed=0, injured=1)
    (a0, a1), (b0,) = [r.article for r in a.reports], [r.article for r in b.reports]
    events = [
        # a's two reports as one event, right in every field
        _event([a0, a1], killed=3, injured=1),
        # a's first report also gave a protest; b joined with a's second report
        _event([a0], kind="Protests"),
        _event([a1, b0], injured=1, place="Vancouver"),
    ]
    s = score([a, b], events)
    assert (s.incidents, s.articles, s.events, s.joined, s.spurious) == (2, 3, 3, 1, 1)
    # a0 is with {a0, a1}: P 1, R 1; a1 with {a0, a1, b0}: P 2/3, R 1; b0 with {a1, b0}: P 1/2
    assert s.b3_precision == pytest.approx((1 + 2 / 3 + 1 / 2) / 3)
    assert s.b3_recall == pytest.approx(1.0)
    # a's event has both its reports; b's only event is the joined one, in the wrong town
    assert (s.killed, s.injured, s.day, s.town) == (1.0, 1.0, 1.0, 0.5)
    # Placed by distance from the town's point: 30 km is another town, 5 km a part of it.
    assert score([a, b], events, {"b": ((45.90, -122.74),)}).town == 0.5
    assert score([a, b], events, {"b": ((45.66, -122.63),)}).town == 1.0
    # A town's points: one for each name GVA gives the place.
    assert score([a, b], events, {"b": ((45.90, -122.74), (45.66, -122.63))}).town == 1.0


@pytest.mark.parametrize(
    ("city", "place", "right"),
    [
        # GVA's postal city and, in brackets, the borough it happened in: either is right
        ("Pittsburgh (Wilkinsburg)", "Wilkinsburg", True),
        ("Pittsburgh (Wilkinsburg)", "Pittsburgh", True),
        ("Pittsburgh (Wilkinsburg)", "Homestead", False),
        # "(county)": the county of that name
        ("Rankin (county)", "Rankin County", True),
        ("Rankin (county)", "Rankin", False),
    ],
)
def test_town_as_gva_names_it(city, place, right):
    incident = replace(_incident("a", 1, killed=0, injured=1), city=city)
    event = _event([incident.reports[0].article], injured=1, place=place)
    assert score([incident], [event]).town == float(right)


def test_town_of_the_name_in_another_state_is_wrong():
    incident = replace(_incident("a", 1, killed=0, injured=1), city="Lexington")
    article = incident.reports[0].article
    assert score([incident], [_event([article], place="Lexington")]).town == 1.0
    assert score([incident], [_event([article], place="Lexington", state="Ohio")]).town == 0.0
