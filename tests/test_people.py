"""The persons a report names in telling an event, and how two reports' names are matched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thucydides.dedup.people import add_people, person_key
from thucydides.extract import extract


def _people(nlp, text: str) -> dict[str, list[str]]:
    return {m.trigger.text: [p.text for p in m.people] for m in extract(nlp(text))}


def test_the_persons_shot_and_named_in_full_are_the_events_people(nlp):
    found = _people(
        nlp,
        "Jimerson was convicted Wednesday of killing Nicholas Lindsay and Lorenzo Duncan,"
        " prosecutor Charles Sergis said.",
    )
    assert found["killing"] == ["Nicholas Lindsay", "Lorenzo Duncan"]
    found = _people(nlp, "The victim, Anna Marie Goode, 17, was shot in the stomach Monday.")
    assert found["shot"] == ["Anna Marie Goode"]


def test_who_tells_of_an_event_and_officials_are_not_its_people(nlp):
    told = _people(nlp, "Ann Goode was shot on Monday, Sheriff Chuck Wright told reporters.")
    assert told["shot"] == ["Ann Goode"]
    said = _people(nlp, "Two men were shot on Monday, Mary Jones said.")
    assert said["shot"] == []
    office = _people(nlp, "Kansas City Mayor Sly James condemned the shooting on Monday.")
    assert office["shooting"] == []


def test_a_leader_named_for_the_perpetrators_is_not_a_person_of_each_attack(nlp):
    found = _people(
        nlp, "Boko Haram fighters led by Abubakar Shekau attacked the village, killing 30 people."
    )
    assert found["attacked"] == [] and found["killing"] == []


def test_a_name_is_keyed_by_its_first_and_last_word():
    assert person_key("Anna Marie Goode") == person_key("ANNA GOODE'S") == "anna goode"
    assert person_key("James R. Gustafson Jr.") == person_key("James Gustafson")
    assert person_key("Goode") is None and person_key("J. Goode") is None


@given(st.lists(st.sampled_from(["Ann Goode", "Anna Marie Goode", "ann goode", "Lee Vance"])))
def test_people_are_added_once_each(names):
    merged = add_people([], names)
    assert len(merged) == len({person_key(n) for n in names})
    assert add_people(merged, names) == merged


def test_credits_streets_and_headlines_name_no_one(nlp):
    for text in (
        "Teen shot in leg in apparent accident. By Katherine Jarvis.",
        "Police at the scene of a shooting in east Las Vegas. (Eric Youngman/FOX5)",
        "Four people were shot on Russett Place near Ryder Trauma Center on Tuesday.",
        "Teen Shot In Deadly Weekend Violence At Park",
    ):
        assert all(not people for people in _people(nlp, text).values()), text
