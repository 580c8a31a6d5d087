"""Near-duplicate stories (MinHash LSH), corrections that supersede, and event history."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.test_syndication import outlets
from thucydides.dedup import Part, assemble, combine, groups, same_event
from thucydides.dedup.articles import (
    BANDS,
    Fingerprint,
    Indexed,
    StoryLink,
    assign_stories,
    fingerprints,
    shingles,
)
from thucydides.dedup.revisions import Edition, names_in, revisions
from thucydides.event import Event, Source

BOMBING = (
    "BAGHDAD (Reuters) - A car bomb exploded near a busy market in Baghdad's Karrada district on"
    " Monday, killing {n} people and wounding 40 others, police and medical sources said.\n\n"
    "The bomb was hidden in a parked car and went off as shoppers gathered before the evening"
    " meal, a police officer at the scene said. No group immediately claimed responsibility.\n\n"
    "Karrada, a mainly Shi'ite district in central Baghdad, has been hit by several bombings this"
    " year. Security forces closed the roads around the market after the blast and ambulances"
    " took the wounded to nearby hospitals."
)
OTHER_BOMBING = (
    "RAMADI, Iraq (AP) - A suicide bomber drove an explosives-laden truck into an army checkpoint"
    " west of Ramadi on Tuesday, killing four soldiers, officials said. The Islamic State group"
    " claimed the attack in a statement posted online."
)


class MemoryIndex:
    """What the store does, in memory: band key -> indexed articles."""

    def __init__(self) -> None:
        self.by_key: dict[int, list[Indexed]] = {}

    def add(self, links: list[StoryLink], prints: list[Fingerprint]) -> None:
        for link, fingerprint in zip(links, prints, strict=True):
            for key in fingerprint.band_keys:
                self.by_key.setdefault(key, []).append(Indexed(link, fingerprint))

    def __call__(self, keys: list[int]) -> list[Indexed]:
        return [item for key in keys for item in self.by_key.get(key, [])]


def test_fingerprint_round_trips_and_has_one_key_per_band():
    (fingerprint,) = fingerprints([BOMBING.format(n=12)])
    again = Fingerprint.from_bytes(fingerprint.to_bytes())
    assert again.similarity(fingerprint) == 1.0
    assert len(fingerprint.band_keys) == BANDS
    assert again.band_keys == fingerprint.band_keys


@given(st.text())
def test_shingles_of_any_text(text):
    assert all(isinstance(s, bytes) for s in shingles(text))
    assert len(fingerprints([text])) == 1


def test_wire_copies_form_one_story_and_other_reports_do_not(seed_raw):
    texts = [text for text, _ in outlets(seed_raw)] + [BOMBING.format(n=12), OTHER_BOMBING]
    prints = fingerprints(texts)
    ids = ["wire", "daily", "gazette", "karrada", "ramadi"]
    links = assign_stories(list(zip(ids, prints, strict=True)), lambda keys: [])
    stories = {link.article_id: link.story_id for link in links}
    assert stories["daily"] == stories["gazette"] == stories["wire"] == "wire"
    assert stories["karrada"] == "karrada" and stories["ramadi"] == "ramadi"
    assert all(link.similarity >= 0.5 for link in links if link.copy_of)


def test_stories_stream_across_runs_and_a_reread_article_keeps_its_link(seed_raw):
    texts = [text for text, _ in outlets(seed_raw)]
    prints = fingerprints(texts)
    index = MemoryIndex()
    first = assign_stories([("wire", prints[0])], index)
    index.add(first, prints[:1])
    later = assign_stories([("daily", prints[1]), ("wire", prints[0])], index)
    assert later[0] == StoryLink("daily", "wire", "wire", later[0].similarity)
    assert later[1] == first[0]


def test_a_later_edition_from_the_same_outlet_supersedes_the_earlier():
    karrada = names_in(BOMBING.format(n=12))
    later = names_in("The death toll rose on Tuesday. " + BOMBING.format(n=30))
    other = names_in(BOMBING.format(n=12).replace("Karrada", "Kadhimiya"))
    assert karrada <= later and not karrada <= other
    editions = {
        "first": Edition("first", "https://w.example/a", "w.example", date(2016, 7, 4), karrada),
        "update": Edition("update", "https://w.example/b", "W.example", date(2016, 7, 5), later),
        # The outlet's formulaic report of another bombing: near-duplicate, other names.
        "other": Edition("other", "https://w.example/c", "w.example", date(2016, 7, 6), other),
        "afp": Edition("afp", "https://afp.example/a", "afp.example", date(2016, 7, 4)),
        "old": Edition("old", "https://w.example/a", None, date(2016, 7, 3)),
    }
    links = [
        StoryLink("update", "first", "first", 0.9),
        StoryLink("afp", "first", "first", 0.9),
        StoryLink("old", "first", "first", 0.9),  # an older edition read late gives way
        StoryLink("other", "first", "first", 0.8),
    ]
    assert revisions(links, editions) == {"first": "update", "old": "first"}


def _event(article_id: str, fatalities: int, published: date = date(2016, 7, 4), **fields) -> Event:
    return Event(
        event_id=f"th{article_id}",
        event_date=date(2016, 7, 4),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        cameo_code="183",
        plover_type="ATTACK",
        actor1="",
        inter1=0,
        interaction=0,
        country="Iraq",
        iso3="IRQ",
        location="Baghdad",
        latitude=33.34,
        longitude=44.40,
        geo_precision=1,
        geonameid=98182,
        fatalities=fatalities,
        sources=[Source(article_id=article_id, fatalities=fatalities, published=published)],
        source_count=1,
        confidence=0.8,
    ).model_copy(update=fields)


def test_reports_of_one_day_give_the_lowest_toll_and_a_later_day_its_own():
    both = combine(_event("a", 12), _event("b", 30))
    assert (both.fatalities, both.source_count) == (12, 2)
    assert "Fatalities reported: 12." in both.notes
    risen = combine(both, _event("c", 30, published=date(2016, 7, 5)))
    assert (risen.fatalities, risen.source_count) == (30, 3)


def test_an_unidentified_perpetrator_is_the_same_event_as_a_named_one_and_gives_way():
    unnamed = _event("a", 12, actor1="Unidentified Armed Group (Pakistan)", inter1=3)
    named = _event("b", 12, actor1="TTP: Tehreek-i-Taliban Pakistan", inter1=2)
    other = _event("c", 12, actor1="Baloch Separatists", inter1=2)
    assert same_event(unnamed, named) and not same_event(named, other)
    for stored, new in ((unnamed, named), (named, unnamed)):
        both = combine(stored, new)
        assert (both.actor1, both.inter1) == ("TTP: Tehreek-i-Taliban Pakistan", 2)


def test_only_positive_evidence_joins_two_reports():
    baghdad = _event("a", 3)
    unplaced = _event("b", 3, **dict.fromkeys(("latitude", "longitude", "geonameid")), iso3="")
    undated = _event("c", 3, event_date=None)
    assert not same_event(baghdad, unplaced) and not same_event(unplaced, unplaced)
    assert not same_event(baghdad, undated)
    # Copies of one text may join where one cannot place or date it, never against its word.
    assert same_event(baghdad, unplaced, shared=0.9)
    assert not same_event(baghdad, unplaced, shared=0.1)
    basra = _event("d", 3, location="Basra", latitude=30.51, longitude=47.78, geonameid=99532)
    assert not same_event(baghdad, basra, shared=0.9)
    # The same point in two countries (a border town misread) is no evidence.
    assert not same_event(baghdad, _event("e", 3, iso3="SYR", country="Syria"))
    # Placed and dated, the pair model weighs them: a bombing of the same place and toll the
    # same day is one; five days later, or a week off and another kind of attack, is not.
    assert same_event(baghdad, _event("f", 3))
    assert not same_event(baghdad, _event("g", 3, event_date=date(2016, 7, 9)))
    week_off = {"event_date": date(2016, 7, 11), "time_precision": 2}
    assert not same_event(baghdad, _event("h", 3, sub_event_type="Suicide bomb", **week_off))
    # Only a town or finer is evidence of one place: two province-level events are not one.
    province = {"geo_precision": 3, "geonameid": 99237, "location": ""}
    assert not same_event(_event("i", 3, **province), _event("j", 3, **province))


def test_events_are_the_same_whatever_order_the_reports_come_in():
    # a ~ b and b ~ c but not a ~ c: the group is the same whichever report comes first.
    # a and b name one person killed, b and c another; a and c none, six days apart.
    a = _event("a", 3, people=["Ali Hassan"])
    b = _event("b", 3, event_date=date(2016, 7, 7), people=["Ali Hassan", "Omar Said"])
    c = _event("c", 3, event_date=date(2016, 7, 10), people=["Omar Said"])
    far = _event("d", 1, latitude=36.34, longitude=43.13, geonameid=4)
    assert same_event(a, b) and same_event(b, c) and not same_event(a, c)
    parts = [Part(e) for e in (a, b, c, far)]
    expected = [assemble(g) for g in groups(parts)]
    assert sorted(e.source_count for e in expected) == [1, 3]
    for order in ([3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]):
        again = [assemble(g) for g in groups([parts[i] for i in order])]
        assert again == expected


def _run(runner, app, tmp_path, db, name, n, published, outlet):
    text = BOMBING.format(n=n)
    if name == "update":
        text = text.replace("(Reuters) -", "(Reuters) - The death toll rose on Tuesday.")
    path = tmp_path / f"{name}.jsonl"
    line = {"id": name, "text": text, "published": published, "source": outlet}
    path.write_text(json.dumps({**line, "url": f"https://{outlet}/{name}"}) + "\n")
    result = runner.invoke(app, ["run", str(path), "--db", str(db), "--no-show"])
    assert result.exit_code == 0, result.output


def test_a_correction_updates_the_event_and_keeps_its_history(tmp_path):
    from fastapi.testclient import TestClient

    from thucydides.api import create_app
    from thucydides.cli import app
    from thucydides.store import Store

    runner, db = CliRunner(), tmp_path / "t.duckdb"
    _run(runner, app, tmp_path, db, "first", 12, "2016-07-04", "reuters.example")
    with Store(db, read_only=True) as store:
        (before,) = store.events()
    assert before.fatalities == 12 and before.location == "Baghdad"
    assert before.event_date == date(2016, 7, 4)  # "on Monday", filed on a Monday

    _run(runner, app, tmp_path, db, "update", 30, "2016-07-05", "reuters.example")
    _run(runner, app, tmp_path, db, "first", 12, "2016-07-04", "reuters.example")  # read again
    with Store(db, read_only=True) as store:
        (after,) = store.events()
        history = store.history(after.event_id)
        first = store.article("first")
    assert after.event_id == before.event_id
    assert (after.fatalities, after.article_ids) == (30, ["update"])
    assert [record.fatalities for _, _, record in history] == [12]
    assert "fatalities" in history[0][1]
    assert first["superseded_by"] == "update"
    assert first["story"] == ["first", "update"]

    # Another outlet's report of the same bombing joins it; the latest day's figure counts.
    _run(runner, app, tmp_path, db, "afp", 12, "2016-07-04", "afp.example")
    with Store(db, read_only=True) as store:
        (merged,) = store.events()
    assert (merged.event_id, merged.fatalities, merged.source_count) == (after.event_id, 30, 2)

    client = TestClient(create_app(db))
    versions = client.get(f"/events/{merged.event_id}/history").json()["versions"]
    assert [v["record"]["fatalities"] for v in versions] == [12, 30]
    assert client.get("/events/nope/history").status_code == 404


def test_of_two_days_as_precise_the_earlier_is_the_events():
    later = _event("a", 3, event_date=date(2016, 7, 4))
    earlier = _event("b", 3, event_date=date(2016, 7, 3))
    for stored, new in ((later, earlier), (earlier, later)):
        assert combine(stored, new).event_date == date(2016, 7, 3)
    vaguer = _event("c", 3, event_date=date(2016, 7, 1), time_precision=2)
    assert combine(later, vaguer).event_date == date(2016, 7, 4)
