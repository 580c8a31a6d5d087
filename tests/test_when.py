from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thucydides.when import find_date_expressions, resolve_date

PUBLISHED = date(2014, 6, 10)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("late yesterday", date(2014, 6, 9), 1),
        ("late yesterday night", date(2014, 6, 9), 1),
        ("on Thursday night", date(2014, 6, 5), 1),
        # Wire copy filed on a Tuesday says "on Tuesday" of that very day.
        ("on Tuesday", date(2014, 6, 10), 1),
        ("Tuesday night", date(2014, 6, 10), 1),
        ("on Wednesday", date(2014, 6, 4), 1),
        ("on June 9", date(2014, 6, 9), 1),
        ("three days ago", date(2014, 6, 7), 1),
        ("late last night", date(2014, 6, 9), 1),
        # The night that ended as the report came out: what it tells happened after midnight.
        ("overnight", date(2014, 6, 10), 1),
        ("a few days ago", date(2014, 6, 7), 2),
        ("last week", date(2014, 6, 3), 2),
        ("earlier this month", date(2014, 6, 1), 3),
        # Background told by its distance or its year, the middle of a year told alone.
        ("six months earlier", date(2013, 12, 12), 3),
        ("25 years ago", date(1989, 6, 16), 3),
        ("last year", date(2013, 7, 1), 3),
        ("in 2011", date(2011, 7, 1), 3),
        ("in 2014", PUBLISHED, 3),
    ],
)
def test_relative_expressions(text, expected, precision):
    when = resolve_date(text, PUBLISHED)
    assert (when.date, when.precision) == (expected, precision)


def test_tomorrow_marks_the_future():
    when = resolve_date("tomorrow", PUBLISHED)
    assert when.future and when.date == date(2014, 6, 11)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Soldiers defused a bomb in September 26 Street in Taizz.", []),
        ("Gunmen attacked a checkpoint near the 22 May stadium on Monday.", ["on Monday"]),
        ("Police cleared a sit-in in 6th of October City on 5 March 2020.", ["on 5 March 2020"]),
        ("On 5 March 2020 school students marched in Aden.", ["On 5 March 2020"]),
    ],
)
def test_a_day_that_names_a_place_is_no_date(text, found):
    assert [f.text for f in find_date_expressions(text)] == found


def test_spacy_run_on_dates_are_not_swallowed():
    found = find_date_expressions("seized the complex late yesterday following days of fighting")
    assert [f.text for f in found] == ["late yesterday"]


@given(st.text(max_size=200), st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 12, 31)))
def test_any_text_and_date_never_raise_and_never_pass_publication_silently(text, published):
    when = resolve_date(text, published)
    if when.date is not None and when.date > published:
        assert when.future


def test_datelines_give_the_date_only_with_a_year():
    from thucydides.when.dateline import read_dateline

    full = read_dateline("BAGHDAD, June 10, 2014 (Reuters) - Gunmen killed two policemen.")
    assert full.place == "BAGHDAD" and full.date == date(2014, 6, 10) and full.agency == "Reuters"
    partial = read_dateline("MOSUL, Iraq, June 10 (AFP) - Militants seized the city.")
    assert partial.date is None and partial.month_day == "June 10"
    assert read_dateline("Gunmen killed three villagers.") is None


@pytest.mark.parametrize(
    ("text", "place", "agency"),
    [
        ("CONWAY, SC (WBTW) \u2013 A reward is offered.", "CONWAY, SC", "WBTW"),
        ("SAN DIEGO (CBS 8) - A SWAT standoff was underway.", "SAN DIEGO", "CBS 8"),
        ("BAKERSFIELD, Calif. (KBAK/KBFX) - For two years", "BAKERSFIELD, Calif.", "KBAK/KBFX"),
        ("YORK, Pa. - Police investigated a shooting - at night.", "YORK, Pa.", ""),
        ("WINSTON-SALEM, N.C. (AP) - A man was shot.", "WINSTON-SALEM, N.C.", "AP"),
    ],
)
def test_local_news_datelines(text, place, agency):
    from thucydides.when.dateline import read_dateline

    dateline = read_dateline(text)
    assert (dateline.place, dateline.agency) == (place, agency)
    assert text[dateline.place_start : dateline.place_end] == place
    assert read_dateline("A man was shot - police said.") is None


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Shooting Posted: Tuesday, April 15, 2014 10:21 PM EDT", True),
        ("Wale Aliyu reports (Published Monday, Oct. 31, 2016) What to Know", True),
        ("by: Jeremy Pierre Updated: Nov 9, 2016 - 5:36 PM Four people", True),
        ("April 11, 2013 4:39 PM VALLEJO (CBS SF) - Police", True),
        ("The attack happened on Feb. 23, 2015 at 11:30 p.m.", False),
        ("A man was shot on Saturday, April 27, 2013.", False),
    ],
)
def test_a_pages_timestamp_is_no_events_date(text, stamp):
    from thucydides.when.stamps import is_timestamp

    (expression,) = find_date_expressions(text)
    assert is_timestamp(text, expression.start, expression.end) is stamp


def test_a_story_under_a_timestamp_takes_its_own_day(nlp):
    from thucydides.extract import extract

    text = (
        "Five hurt in shooting Posted: Tuesday, April 15, 2014 10:21 PM EDT. "
        "Five people were shot at a party on Sunday night."
    )
    dates = [m.date_span.text for m in extract(nlp(text)) if m.date_span is not None]
    assert dates == ["on Sunday night"]


def test_a_dateline_dates_a_report_that_carries_no_date(pipeline):
    from thucydides.ingest import make_article

    dated = make_article(
        "KABUL, June 10, 2014 (AP) - Gunmen killed three villagers in Kandahar yesterday.", "d"
    )
    (event,) = pipeline.process_batch([dated]).events
    assert event.event_date == date(2014, 6, 9) and event.sources[0].published == date(2014, 6, 10)
    undated = make_article(
        "KABUL, June 10 (AP) - Gunmen killed three villagers in Kandahar yesterday.", "u"
    )
    batch = pipeline.process_batch([undated])
    assert any("'June 10' but not the year" in p.message for p in batch.problems)


def test_a_dateline_date_never_dates_the_event(nlp):
    from thucydides.extract import extract
    from thucydides.when.dateline import dateline_end

    text = "Mymensingh, Feb 8 (UNB)-Assailants hurled a petrol bomb at a bus on Saturday night."
    assert text[: dateline_end(text)] == "Mymensingh, Feb 8 (UNB)-"
    (mention,) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert mention.date_span is not None and mention.date_span.text == "on Saturday night"
    assert dateline_end("On Feb 8 police fired on protesters.") == 0


def test_a_date_in_the_year_9999_is_read_as_not_yet_happened():
    when = resolve_date("on June 9, 9999", PUBLISHED)
    assert when.future and when.date == date(9999, 6, 9)


_DATE_WORDS = [
    "on",
    "from",
    "the",
    "of",
    "in",
    "early",
    "late",
    "earlier",
    "later",
    "last",
    "this",
    "past",
    "next",
    "a",
    "few",
    "several",
    "two",
    "3",
    "12",
    "2014",
    "2015-03-04",
    "to",
    "-",
    "–",
    ",",
    ".",
    "day",
    "days",
    "week",
    "weekend",
    "month",
    "ago",
    "before",
    "yesterday",
    "today",
    "tonight",
    "night",
    "overnight",
    "morning",
    "Monday",
    "FRIDAY",
    "sunday",
    "Jan",
    "January",
    "MARCH",
    "sept.",
    "1st",
    "22nd",
    "recently",
    "tomorrow",
    "mid",
    "ſeptember",
    "frıday",
    "İn",
    "latemarch",
    "mid-june",
    "Kä",
    "x",
]


@given(
    st.lists(st.one_of(st.sampled_from(_DATE_WORDS), st.text(max_size=3)), max_size=12).map(
        " ".join
    )
)
def test_lowered_search_finds_what_caseless_search_finds(text):
    from thucydides.when.expressions import _CASELESS, _found

    assert find_date_expressions(text) == _found(text, text, _CASELESS)


def test_the_day_a_story_names_dates_its_undated_lead():
    from thucydides.when.event_date import story_date

    published = date(2014, 1, 23)  # a Thursday
    text = "Two men were fatally shot in Newark. It happened around 11:30 a.m. Tuesday."
    when = story_date(text, published)
    assert (when.date, when.precision, text[when.start : when.end]) == (
        date(2014, 1, 21),
        1,
        "Tuesday",
    )
    # The day of the telling is not the day of the event; a day long before is no story's.
    assert story_date("The militants overran the city, an official said today.", published) is None
    assert story_date("The shooting recalled the one on January 2.", published) is None


def test_a_day_of_what_followed_the_event_does_not_date_it(nlp, pipeline):
    from thucydides.extract import extract
    from thucydides.ingest import make_article
    from thucydides.when.aftermath import aftermath_days

    text = "On Wednesday, a man was charged with murder in the shooting of John Smith."
    doc = nlp(text)
    assert aftermath_days(doc) == {0}
    assert all(m.date_span is None for m in extract(doc))
    # A report dated only by its publication claims no day ("pleaded guilty Tuesday").
    article = make_article(
        "A Fresno man pleaded guilty Tuesday to a shooting that killed a 6-year-old girl.",
        "plea",
        published=date(2016, 12, 9),
    )
    (event,) = pipeline.process_batch([article]).events
    assert (event.event_date, event.time_precision) == (date(2016, 12, 9), 2)
    # Nor the day a warrant was issued or a judge ruled.
    ruled = nlp("A judge ruled Friday that the man will stand trial for the 2013 shooting.")
    assert aftermath_days(ruled) == {ruled.text.index("Friday")}
    # The arrest itself, and an attack that verbs of doing tell, keep their days.
    (arrest,) = [m for m in extract(nlp("Police arrested three men on Tuesday.")) if m.date_span]
    assert arrest.date_span.text == "on Tuesday"
    assert aftermath_days(nlp("Militants launched an attack on Tuesday in Kabul.")) == set()
    # A clause of what followed that the parser took for the sentence's root keeps no hold on
    # the sentence's opening date.
    notes = (
        "On 17 June 2022, in Toluca de Lerdo, Mexico, family members of a femicide victim "
        "protested at the Gonzalez Arratia square to demand justice for the death of a woman "
        "after one perpetrator was released from prison."
    )
    assert aftermath_days(nlp(notes)) == set()


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("A 12-year-old boy remained in critical condition Friday after a shooting.", "Friday"),
        ("An investigation was underway Thursday evening after a boy was shot.", "Thursday"),
        ("Police were still on the scene Sunday morning collecting evidence.", "Sunday"),
        ("No arrests had been reported as of Thursday morning.", "Thursday"),
    ],
)
def test_a_day_of_a_state_that_went_on_after_the_event_does_not_date_it(nlp, text, day):
    from thucydides.when.aftermath import aftermath_days

    doc = nlp(text)
    (start,) = aftermath_days(doc)
    assert doc.text[start:].split()[0] in (day, "as")
    assert aftermath_days(nlp("A man was shot Sunday morning in Memphis.")) == set()


def test_background_told_by_its_year_or_distance_is_history_not_news(pipeline):
    from thucydides.ingest import make_article

    text = (
        "A man was shot dead in Tulsa on Monday. In 2011 he was convicted of assault, and "
        "two years ago his brother was killed in a robbery."
    )
    article = make_article(text, "background", published=date(2016, 3, 8))
    (report,) = pipeline.process_all([article])
    kept = [m.mention.trigger.text for m in report.located]
    assert "shot" in kept and "killed" not in kept
    # A year dates only what it is told of: not a protest over what was paid for then.
    protest = "CPI(M) members held a protest demanding sites the beneficiaries paid for in 2007."
    article = make_article(protest, "protest", published=date(2015, 12, 21))
    (report,) = pipeline.process_all([article])
    assert [m.mention.trigger.text for m in report.located] == ["protest"]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # Thursday 23 February 2017, a day before
        (
            "A 19-year-old man was arrested Thursday on a manslaughter charge, a day after he"
            " accidentally shot his friend in the head in Miami.",
            date(2017, 2, 24),
            date(2017, 2, 22),
        ),
        # Friday 26 February 2016, five days before
        (
            "Four men were arrested and charged Friday, five days after Emma Wallace, 37, was"
            " shot and killed near Lindbergh Boulevard in Hazelwood, Missouri.",
            date(2016, 2, 26),
            date(2016, 2, 21),
        ),
        # An event told before the words is the dated one.
        (
            "A man was shot Friday in Memphis, two days after his brother was arrested.",
            date(2016, 3, 12),
            date(2016, 3, 11),
        ),
    ],
)
def test_an_event_told_days_from_another_dated_one_is_dated_from_it(pipeline, text, published, day):
    from thucydides.ingest import make_article

    (report,) = pipeline.process_all([make_article(text, "apart", published=published)])
    (shooting,) = [m for m in report.located if m.mention.trigger.text in ("shot", "shooting")]
    assert (shooting.when.date, shooting.when.precision) == (day, 1)
