"""ACLED's dated names for state forces: the government of the event's day, never a guess."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.world_notes import world_note
from thucydides.evaluation.acled_world import WorldNote
from thucydides.extract import extract
from thucydides.extract.actor_names import (
    ActorNames,
    ForceName,
    IdentityMilitia,
    KindName,
    NounInter,
    actor_names_in_use,
    read_actor_names,
    write_actor_names,
)
from thucydides.extract.lexicon import GroupDef
from thucydides.ingest import make_article
from thucydides.training.actor_names import learn_actor_names, name_aliases

KENYA = ActorNames(
    [
        ForceName("Military Forces of Kenya (2002-2013)", date(2003, 2, 15), date(2013, 4, 1), 58),
        # An older export kept the name open after the government changed.
        ForceName("Military Forces of Kenya (2013-)", date(2013, 8, 23), date(2022, 6, 1), 138),
        ForceName(
            "Military Forces of Kenya (2013-) Special Forces",
            date(2020, 3, 1),
            date(2021, 12, 4),
            200,
        ),
        ForceName("Military Forces of Kenya (2022-)", date(2023, 11, 30), date(2026, 2, 15), 8),
        ForceName(
            "Police Forces of the Philippines (2016-)", date(2016, 7, 1), date(2022, 1, 1), 90
        ),
    ]
)


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("Military Forces of Kenya", date(2010, 5, 1), "Military Forces of Kenya (2002-2013)"),
        # 2013 is in both governments' years: the name coded on that day.
        ("Military Forces of Kenya", date(2013, 3, 1), "Military Forces of Kenya (2002-2013)"),
        ("Military Forces of Kenya", date(2013, 9, 1), "Military Forces of Kenya (2013-)"),
        # A unit is named only where the words name it, however often ACLED coded it.
        ("Military Forces of Kenya", date(2021, 1, 1), "Military Forces of Kenya (2013-)"),
        # Before any day coded to the new name: the later government.
        ("Military Forces of Kenya", date(2023, 1, 10), "Military Forces of Kenya (2022-)"),
        ("Military Forces of Kenya", None, "Military Forces of Kenya (2022-)"),
        (
            "Police Forces of Philippines",
            date(2019, 1, 1),
            "Police Forces of the Philippines (2016-)",
        ),
        # No government the table knows on that day, no country it knows: left as it was.
        ("Military Forces of Kenya", date(1995, 1, 1), "Military Forces of Kenya"),
        ("Military Forces of Chad", date(2019, 1, 1), "Military Forces of Chad"),
        ("Protesters (Kenya)", date(2019, 1, 1), "Protesters (Kenya)"),
    ],
)
def test_the_government_of_the_day(name, day, expected):
    assert KENYA.named(name, day) == expected


def test_the_table_round_trips():
    written = io.StringIO()
    write_actor_names(KENYA, written, {"source": "test"})
    written.seek(0)
    assert read_actor_names(written).names == KENYA.names


def test_the_pipeline_names_forces_by_their_nationality_and_day(pipeline):
    text = (
        "One civilian was killed on Monday after Kenyan soldiers fired on vehicles in Mandera, "
        "near the border with Somalia, officials said."
    )
    article = make_article(text, "k", published=date(2019, 3, 5))
    with actor_names_in_use(KENYA):
        (event,) = pipeline.process_batch([article]).events
    assert (event.actor1, event.inter1) == ("Military Forces of Kenya (2013-)", 1)


def test_a_kind_of_actor_with_no_country_stays_unnamed(pipeline):
    # "Military Forces of Unknown" is no name.
    article = make_article(
        "Soldiers killed three villagers on Monday.", "u", published=date(2019, 3, 5)
    )
    events = pipeline.process_batch([article]).events
    assert events and all("Unknown" not in e.actor1 for e in events)
    assert all(e.actor1 == "" for e in events)


def _note(i: int, actor1: str, text: str) -> WorldNote:
    return world_note(
        i,
        event_date=date(2020, 1, 1 + i % 28),
        actor1=actor1,
        inter1=2,
        actor2="Military Forces of Mali (2021-)",
        country="Mali",
        region="Western Africa",
        notes=text,
    )


def test_a_name_offers_its_parts_as_aliases():
    name = "JNIM: Group for Support of Islam and Muslims"
    assert name_aliases(name) >= {"JNIM", "Group for Support of Islam and Muslims"}
    assert "Ambazonian Separatists" in name_aliases("Ambazonian Separatists (Cameroon)")
    # Names by kind come from the words that name the kind, never from a table of aliases.
    assert not name_aliases("Unidentified Armed Group (Mali)")
    assert not name_aliases("Military Forces of Mali (2021-)")


def test_an_alias_is_kept_only_for_the_group_most_notes_using_it_code():
    notes = [
        _note(i, "JNIM: Group for Support of Islam and Muslims", "JNIM attacked a post.")
        for i in range(6)
    ]
    # "Ansar Group" is offered by three provinces whose notes share it: none gets it.
    for k, province in enumerate(["Sahel", "West Africa", "Lake Chad"]):
        notes += [
            _note(
                10 * (k + 1) + i,
                f"Ansar Group ({province})",
                "Ansar Group fighters raided a village.",
            )
            for i in range(5)
        ]
    groups = {g.name: g for g in learn_actor_names(notes).groups}
    assert groups["JNIM: Group for Support of Islam and Muslims"].aliases == ("JNIM",)
    assert groups["JNIM: Group for Support of Islam and Muslims"].inter == 2
    assert not any("Ansar Group" in a for g in groups.values() for a in g.aliases)


def test_extraction_names_a_learned_group(nlp):
    table = ActorNames(
        [], (GroupDef("JNIM: Group for Support of Islam and Muslims", ("JNIM",), 2),)
    )
    with actor_names_in_use(table):
        mentions = [
            m
            for m in extract(nlp("JNIM fighters attacked an army post near Boni on Monday."))
            if m.status == "new"
        ]
    assert mentions and mentions[0].actor1.name == "JNIM: Group for Support of Islam and Muslims"


def test_forces_abroad_are_external_forces(pipeline):
    text = (
        "Kenyan soldiers fired on a truck in Beledweyne, Somalia, on Monday, killing two civilians."
    )
    article = make_article(text, "abroad", published=date(2019, 3, 5))
    with actor_names_in_use(KENYA):
        (event,) = pipeline.process_batch([article]).events
    assert event.country == "Somalia"
    assert (event.actor1, event.inter1) == ("Military Forces of Kenya (2013-)", 8)


def _unnamed(i: int, country: str, actor1: str, text: str, year: int = 2024) -> WorldNote:
    return world_note(
        i,
        event_date=date(year, 1, 1 + i % 28),
        actor1=actor1,
        inter1=3,
        country=country,
        notes=text,
    )


def test_the_name_most_countries_now_give_the_unnamed_a_noun_tells_of():
    notes = [
        _unnamed(100 * k + i, country, f"Unidentified Gang ({country})", "Gang members shot a man.")
        for k, country in enumerate(["Haiti", "Mexico", "Brazil"])
        for i in range(5)
    ]
    # One country's own name is no convention, nor is a name of years the table left behind.
    notes += [
        _unnamed(400 + i, "Somalia", "Unidentified Clan Militia (Somalia)", "A militia raided.")
        for i in range(9)
    ]
    notes += [
        _unnamed(500 + i, "Kenya", "Unidentified Gang (Kenya)", "A militia raided.", 2010)
        for i in range(9)
    ]
    kinds = learn_actor_names(notes).kinds
    assert set(kinds) == {"gang"}
    assert (kinds["gang"].name, kinds["gang"].inter) == ("Unidentified Gang ({country})", 3)
    written = io.StringIO()
    write_actor_names(learn_actor_names(notes), written, {"source": "test"})
    written.seek(0)
    assert read_actor_names(written).kinds == kinds


def test_extraction_names_the_unnamed_by_the_learned_kind(nlp):
    table = ActorNames([], (), (KindName("gang", "Unidentified Gang ({country})", 3),))
    text = "Gang members killed a bank official on Tuesday. Gunmen shot a driver."
    with actor_names_in_use(table):
        mentions = [m for m in extract(nlp(text)) if m.status == "new"]
    assert [(m.actor1.name, m.actor1.inter) for m in mentions] == [
        ("Unidentified Gang ({country})", 3),
        ("Unidentified Armed Group ({country})", 3),
    ]


def test_the_inter_code_of_a_group_named_with_a_noun_of_its_kind():
    notes = [
        _note(i, "JNIM: Group for Support of Islam and Muslims", "JNIM militants raided a post.")
        for i in range(15)
    ]
    notes += [_note(20 + i, "Ansaroul Islam", "Ansaroul Islam militants raided.") for i in range(6)]
    # Too few notes to say: the lexicon's code stays.
    notes += [_note(40 + i, "Koglweogo Militia", "A bandit was caught.") for i in range(9)]
    learned = learn_actor_names(notes).noun_inters
    assert learned == {"militant": 2}
    table = ActorNames([], (), (), (NounInter("militant", 2),))
    with actor_names_in_use(table):
        written = io.StringIO()
        write_actor_names(table, written, {"source": "test"})
        written.seek(0)
        assert read_actor_names(written).noun_inters == {"militant": 2}


def test_extraction_codes_a_group_named_with_a_noun_of_its_kind(nlp):
    text = "Ansaroul Islam militants attacked an army post near Djibo on Monday."
    table = ActorNames([], (), (), (NounInter("militant", 2),))
    with actor_names_in_use(table):
        (m, *_) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert (m.actor1.name, m.actor1.inter) == ("Ansaroul Islam", 2)
    with actor_names_in_use(ActorNames([])):
        (m, *_) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert m.actor1.inter == 3


def test_words_for_a_crowd_are_those_the_notes_make_protest():
    def note(i, inter1, text):
        return world_note(i, actor1="Protesters (Mali)", inter1=inter1, notes=text)

    notes = [note(i, 6, "On Monday, relatives gathered outside the court.") for i in range(5)]
    notes += [note(10 + i, 6, "Traders blocked the market road.") for i in range(4)]
    notes += [note(20 + i, 6, "Hundreds of officials gathered at the hall.") for i in range(5)]
    notes += [note(30, 1, "Soldiers gathered near the base; officials gathered too.")]
    # Too few notes for traders; officials mostly protest but not always; soldiers the
    # lexicon knows.
    assert learn_actor_names(notes).crowd_nouns == {"relatives"}
    table = ActorNames([], crowd_nouns=frozenset({"relatives"}))
    written = io.StringIO()
    write_actor_names(table, written, {"source": "test"})
    written.seek(0)
    assert read_actor_names(written).crowd_nouns == {"relatives"}


def test_extraction_reads_a_learned_word_for_a_crowd(nlp):
    text = "Relatives of the prisoners blocked the entrance of the prison to demand his release."
    with actor_names_in_use(ActorNames([], crowd_nouns=frozenset({"relatives"}))):
        (m,) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert (m.event_type, m.actor1.span.text) == ("Protests", "Relatives")
    with actor_names_in_use(ActorNames([])):
        assert not [m for m in extract(nlp(text)) if m.status == "new"]


def test_the_peoples_and_places_whose_militias_acled_names_after_them():
    def note(i, actor1, text, country="Kenya", actor2="Civilians (Kenya)"):
        return world_note(i, actor1=actor1, actor2=actor2, inter1=4, country=country, notes=text)

    notes = [
        note(i, "Pokot Ethnic Militia (Kenya)", "Pokot raiders attacked a village.")
        for i in range(4)
    ]
    # ...as either actor, and in another country under the same name
    notes += [
        note(
            10,
            "Police Forces of Kenya (2022-)",
            "Police repulsed Pokot militia.",
            actor2="Pokot Ethnic Militia (Kenya)",
        ),
        note(11, "Pokot Ethnic Militia (Uganda)", "Pokot raiders stole cattle.", country="Uganda"),
    ]
    notes += [
        note(
            20 + i,
            "Kaduna Communal Militia (Nigeria)",
            "A Kaduna militia attacked a farm.",
            "Nigeria",
        )
        for i in range(5)
    ]
    # A nationality in most notes that write it before an armed noun, a people in few.
    notes += [
        note(30 + i, "Somali Ethnic Militia (Kenya)", "Somali militia raided a camp.")
        for i in range(5)
    ]
    notes += [
        note(40 + i, "Al Shabaab", "Somali militants attacked a base.", "Somalia") for i in range(6)
    ]
    # Named so too seldom, or never before an armed noun.
    notes += [
        note(50 + i, "Kisii Ethnic Militia (Kenya)", "Kisii raiders struck.") for i in range(2)
    ]
    notes += [
        note(60 + i, "Luo Ethnic Militia (Kenya)", "The Luo community clashed.") for i in range(5)
    ]
    learned = learn_actor_names(notes).identities
    assert {i.name for i in learned.values()} == {
        "Pokot Ethnic Militia ({country})",
        "Kaduna Communal Militia ({country})",
    }
    written = io.StringIO()
    write_actor_names(learn_actor_names(notes), written, {"source": "test"})
    written.seek(0)
    assert read_actor_names(written).identities == learned


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pokot militants killed a teacher in Chepkesin on Monday.",
            "Pokot Ethnic Militia ({country})",
        ),
        ("Suspected Pokot raiders killed a herder on Monday.", "Pokot Ethnic Militia ({country})"),
        # A people the table does not know, called ethnic; a militia named by its place.
        (
            "Batwa ethnic militiamen killed four villagers on Monday.",
            "Batwa Ethnic Militia ({country})",
        ),
        (
            "Members of a Kaduna militia killed a commuter on Monday.",
            "Kaduna Communal Militia ({country})",
        ),
        # A nationality is no identity; gunmen from a place are no militia of it.
        ("Sudanese militia killed a trader on Monday.", "Unidentified Armed Group ({country})"),
        ("On Monday, gunmen from Kaduna killed a trader.", "Unidentified Armed Group ({country})"),
    ],
)
def test_extraction_names_an_identity_militia_after_its_people_or_place(nlp, text, expected):
    table = ActorNames([], identities=(IdentityMilitia("Pokot", "Ethnic"),))
    with actor_names_in_use(table):
        (m, *_) = [m for m in extract(nlp(text)) if m.status == "new"]
    assert (m.actor1.name, m.actor1.inter) == (expected, 4 if "Militia" in expected else 3)
