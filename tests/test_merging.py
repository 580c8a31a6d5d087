"""One record per real event: reports join on positive evidence only, the events do not depend
on batching or order, and a database joined by an older rule can be regrouped."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from thucydides.dedup.events import report_events
from thucydides.ingest import make_article
from thucydides.landing import land, rebuild
from thucydides.pipeline import Batch, batched
from thucydides.store import Store

DAY = date(2021, 3, 9)
REPORTS = [
    # One bombing in Kabul, told by three outlets in their own words.
    ("a", "A roadside bomb exploded in Kabul on Monday, killing three civilians, police said."),
    ("b", "Three people were killed when a bomb went off beside a road in Kabul on Monday."),
    ("c", "KABUL - An IED blast killed three civilians in the Afghan capital Kabul on Monday."),
    # Protests on the same day, of the same kind, in two countries and one unplaced.
    ("d", "Hundreds of farmers protested in Lahore on Monday against new tax rules."),
    ("e", "Hundreds of farmers protested in Kano on Monday against new tax rules."),
    ("f", "Hundreds of farmers protested on Monday against new tax rules."),
    # A bombing the same day in another city of the same country.
    ("g", "A roadside bomb exploded in Kandahar on Monday, killing two soldiers, officials said."),
    # Another report of the Lahore protest, in the words of the first in part.
    (
        "h",
        "Farmers staged a protest in Lahore on Monday against new tax rules, demanding the tax be withdrawn.",
    ),
    # Another protest in Lahore that day: a city sees several, and type, town and day alone
    # are no evidence of one.
    ("i", "Students rallied in Lahore on Monday over exam fees."),
]


def _articles():
    return [
        make_article(text, name, published=DAY, url=f"https://{name}.example/1", outlet=name)
        for name, text in REPORTS
    ]


def _landed(pipeline, tmp_path, name, articles, size):
    with Store(tmp_path / f"{name}.duckdb") as store:
        for chunk in batched(articles, size):
            land(Batch(articles=pipeline.process_articles(chunk).articles), store)
        return store.events()


def _reports(*rows):
    """Articles of (name, day published, text), each from an outlet of its name."""
    return [
        make_article(text, name, published=day, outlet=f"{name}.example")
        for name, day, text in rows
    ]


def _content(events):
    """The events as sets of reports with every field but the id (a name, kept once given)."""
    return sorted(
        json.dumps(e.model_dump(mode="json", exclude={"event_id", "notes"}), sort_keys=True)
        for e in events
    )


def test_reports_join_on_evidence_and_never_across_places(pipeline):
    articles = _articles()
    events = pipeline.process_batch(articles).events
    by_reports = {
        frozenset(a.source for a in articles if a.article_id in e.article_ids) for e in events
    }
    assert frozenset("abc") in by_reports
    assert frozenset("dh") in by_reports
    # Kano, the unplaced protest, Kandahar and the students' rally stand alone.
    assert {frozenset("e"), frozenset("f"), frozenset("g"), frozenset("i")} <= by_reports
    assert all(len(e.sources) == 1 or e.country for e in events)


@pytest.mark.parametrize("size", [1, 3])
def test_events_do_not_depend_on_batch_size_or_order(pipeline, tmp_path, size):
    articles = _articles()
    once = _landed(pipeline, tmp_path, "once", articles, len(articles))
    assert _content(once) == _content(pipeline.process_batch(articles).events)
    for name, order in (("forward", articles), ("backward", articles[::-1])):
        again = _landed(pipeline, tmp_path, f"{name}{size}", order, size)
        assert _content(again) == _content(once)


def test_rebuild_splits_events_an_older_rule_joined(pipeline, tmp_path):
    articles = _articles()
    db = tmp_path / "old.duckdb"
    batch = pipeline.process_batch(articles)
    kabul = next(e for e in batch.events if e.source_count == 3)
    kandahar = next(e for e in batch.events if e.location.startswith("Kandah"))
    # What the old merge did: one event for two bombings, and no parts kept.
    wrong = kabul.model_copy(
        update={"sources": kabul.sources + kandahar.sources, "source_count": 4}
    )
    others = [e for e in batch.events if e.event_id not in (kabul.event_id, kandahar.event_id)]
    with Store(db) as store:
        store.write_batch(batch.articles, [wrong, *others])
        assert store.needs_regrouping()
    with Store(db) as store:
        before, after = rebuild(store, pipeline=pipeline)
        events = store.events()
        history = store.history(kabul.event_id)
        assert not store.needs_regrouping()
    assert (before, after) == (len(batch.events) - 1, len(batch.events))
    assert _content(events) == _content(batch.events)
    assert kabul.event_id in {e.event_id for e in events}
    assert [record.source_count for _, _, record in history] == [4]


def test_one_shooting_told_in_many_sentences_is_one_event(pipeline):
    story = (
        "A man opened fire outside a bar in Memphis, Tennessee on Saturday night, police said. "
        "Four people were shot. One of them died at the hospital. "
        "Police arrested the gunman at the scene."
    )
    article = make_article(story, "bar", published=date(2015, 8, 30), outlet="news.example")
    (event,) = pipeline.process_batch([article]).events
    assert event.event_type == "Violence against civilians"
    # Four shot, one of whom died: one dead and three injured.
    assert (event.fatalities, event.injured) == (1, 3)
    # The arrest's trigger is no evidence of the attack's type.
    assert all("arrest" not in e.text for e in event.evidence["event_type"])


def test_those_of_a_quadruple_shooting_not_said_to_have_died_are_injured(pipeline):
    told = "Three people have died in a quadruple shooting in west Baltimore on Tuesday night."
    (event,) = pipeline.process_batch(_reports(("quad", date(2015, 7, 8), told))).events
    assert (event.fatalities, event.injured) == (3, 1)


def test_one_shot_whom_a_later_report_says_died_is_no_injured(pipeline, tmp_path):
    where = "outside a bar in Memphis, Tennessee on Saturday night"
    shot, died = _reports(
        ("shot", date(2015, 8, 30), f"Marcus Hill, 24, was shot {where}, police said."),
        (
            "died",
            date(2015, 8, 31),
            f"Marcus Hill, 24, who was shot {where}, died at the hospital.",
        ),
    )
    (event,) = pipeline.process_batch([shot, died]).events
    assert (event.fatalities, event.injured) == (1, 0)
    # what each report said stays with it
    assert {(s.fatalities, s.injured, s.shot) for s in event.sources} == {
        (None, None, 1),
        (1, None, None),
    }
    # the same whichever report comes first, in one batch or two
    for order in ([shot, died], [died, shot]):
        stored = _landed(pipeline, tmp_path, order[0].source, order, 1)
        assert [(e.fatalities, e.injured) for e in stored] == [(1, 0)]


def test_a_report_weeks_later_naming_the_person_shot_joins_the_shooting(pipeline, tmp_path):
    shooting, hearing, other = _reports(
        (
            "shooting",
            date(2016, 9, 12),
            "Anna Marie Goode, 17, was shot and killed inside an apartment in Spartanburg,"
            " South Carolina on Monday morning, deputies said.",
        ),
        (
            "hearing",
            date(2016, 10, 26),
            "A Spartanburg, South Carolina man was charged Wednesday with murder in the death"
            " of Anna Goode, the teenager shot in an apartment in September.",
        ),
        (
            "other",
            date(2016, 10, 22),
            "A man was shot and killed outside a store in Spartanburg, South Carolina on"
            " Friday night, deputies said.",
        ),
    )
    articles = [shooting, hearing, other]
    events = pipeline.process_batch(articles).events
    together = [e for e in events if shooting.article_id in e.article_ids]
    assert [sorted(e.article_ids) for e in together] == [
        sorted([shooting.article_id, hearing.article_id])
    ]
    # The shooting's day, not the hearing's; the other killing stays apart.
    assert together[0].event_date == date(2016, 9, 12)
    assert together[0].people == ["Anna Marie Goode"]
    assert any(e.article_ids == [other.article_id] for e in events)
    # Through the store, the hearing weeks after the shooting's batch joins it.
    stored = _landed(pipeline, tmp_path, "weeks", articles, 1)
    assert _content(stored) == _content(events)


def test_a_day_lent_by_the_sentence_before_is_no_evidence_of_another_shooting(pipeline):
    story = (
        "A man was shot and wounded in Lauderhill, Florida early Saturday, police said. "
        "The victim was shot in the chest, police said."
    )
    article = make_article(story, "lent", published=date(2016, 11, 7), outlet="news.example")
    (processed,) = pipeline.process_articles([article]).articles
    first, second = processed.located
    assert second.when.basis == "previous event"
    # As if the sentence before the second had been dated a week earlier (a hearing, a
    # background event not kept): lent, the day joins the report's shooting; its own, not.
    earlier = date(2016, 10, 29)
    lent = replace(second, when=replace(second.when, date=earlier))
    own = replace(second, when=replace(second.when, date=earlier, basis="text"))
    (event,) = report_events([first, lent])
    assert event.event_date == date(2016, 11, 5)
    assert len(report_events([first, own])) == 2


def test_notes_of_one_template_are_no_copies(pipeline):
    # Villages the gazetteer lacks: neither report is placed, so only a copy of one text
    # joins them; two events told in one template's words share 0.63 of their word runs.
    told = (
        "On 20 February 2022, observers recorded a total of {} explosions involving unknown"
        " weapons near {}. The monitors could not establish who fired the weapons, nor"
        " whether anyone was hurt or any building was damaged."
    )
    texts = {
        "a": told.format(66, "Khutir Vilny"),
        "b": told.format(3, "Zolote Pershe"),
        "c": f"Breaking news\n\n{told.format(66, 'Khutir Vilny')}\n\nShare this article",
    }
    articles = [
        make_article(text, name, published=date(2022, 2, 21), url=f"https://{name}.example/1")
        for name, text in texts.items()
    ]
    events = pipeline.process_batch(articles).events
    assert not any(e.latitude for e in events)
    by_reports = {
        frozenset(a.source for a in articles if a.article_id in e.article_ids) for e in events
    }
    assert by_reports == {frozenset("ac"), frozenset("b")}
