"""The shipped pair model: what it reads of a pair, and that it weighs distance the right way
round (further apart in days or kilometres, less likely one event). The share of words in
common is not monotone, and rightly: pages of one outlet share its furniture."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from thucydides.dedup.pair_model import load_pair_model, pair_features
from thucydides.dedup.parts import compatible
from thucydides.event import Event

DAY = date(2015, 8, 30)


def _event(
    days: int = 0, north_km: float = 0.0, actor1: str = "", geo_precision: int = 1, **fields
) -> Event:
    return Event(
        event_id="e",
        event_date=DAY + timedelta(days=days),
        time_precision=1,
        disorder_type="Political violence",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        cameo_code="180",
        plover_type="ASSAULT",
        actor1=actor1,
        inter1=0,
        interaction=0,
        iso3="USA",
        latitude=35.15 + north_km / 111.195,
        longitude=-90.05,
        geo_precision=geo_precision,
        geonameid=int(north_km * 1000) or 4641239,
        confidence=0.8,
        **fields,
    )


def test_features_of_a_pair():
    features = pair_features(_event(), _event(days=2, north_km=6), shared=0.02)
    assert {"days>=1", "days>=2", "km>=1.0", "km>=5.0", "shared>=0.016"} <= set(features)
    assert not {"days>=4", "km>=15.0", "shared>=0.03"} & set(features)
    assert "shared unknown" in pair_features(_event(), _event(), shared=None)


@given(st.integers(0, 6), st.integers(0, 6), st.floats(0, 49), st.floats(0, 49), st.floats(0, 1))
def test_nearer_is_likelier_one_event(d1, d2, k1, k2, shared):
    model = load_pair_model()

    def p(days, km, words):
        return model.probability(pair_features(_event(), _event(days, km), words))

    (d1, d2), (k1, k2) = sorted((d1, d2)), sorted((k1, k2))
    assert p(d1, k1, shared) >= p(d2, k1, shared) and p(d1, k1, shared) >= p(d1, k2, shared)


def test_one_force_under_two_governments_is_no_conflict_of_perpetrators():
    # One report dated before the change of government and one after name one force.
    kenya = _event(actor1="Military Forces of Kenya (2013-2022)")
    assert compatible(kenya, _event(days=1, actor1="Military Forces of Kenya (2022-)"))
    assert not compatible(kenya, _event(days=1, actor1="Military Forces of Somalia (2022-)"))


def test_unidentified_perpetrators_of_any_kind_are_no_conflict_of_perpetrators():
    # "gang members" in one report, "gunmen" or a gang by name in another: one may be the other.
    gang = _event(actor1="Unidentified Gang (Haiti)")
    assert compatible(gang, _event(actor1="Village de Dieu Gang"))
    assert compatible(gang, _event(actor1="Unidentified Communal Militia (Haiti)"))
    assert not compatible(_event(actor1="Village de Dieu Gang"), _event(actor1="Ti Bwa Gang"))


def test_two_villages_the_gazetteer_lacks_at_one_districts_point_are_two_places():
    # Each placed at the point of the district it lies in, under its own name, no GeoNames
    # place of its own, in or near the district's town (ACLED's precision 2).
    def village(name: str) -> Event:
        return _event(location=name, geo_precision=2).model_copy(update={"geonameid": None})

    assert compatible(village("Mukaiga"), village("Mukaiga"))
    assert not compatible(village("Mukaiga"), village("Bariirre"))
    assert not compatible(village("Mukaiga"), _event(location="Afgooye"))


def test_a_part_of_a_town_is_the_town_but_not_another_part_of_it():
    # "the Englewood neighborhood" of a Chicago story, placed at Chicago under its own name
    # to ACLED's precision 1
    def part(name: str) -> Event:
        return _event(location=name).model_copy(update={"geonameid": None})

    chicago = _event(location="Chicago")
    assert compatible(part("Englewood"), chicago) and compatible(chicago, part("Englewood"))
    assert compatible(part("Englewood"), part("Englewood"))
    assert not compatible(part("Englewood"), part("Roseland"))
    assert not compatible(part("Englewood"), _event(north_km=5, location="Cicero"))


def test_an_event_placed_only_to_its_province_is_apart_from_one_named_elsewhere():
    # "in Yampolivka, Donetsk" and "in Hrekivka, Luhansk": villages the gazetteer lacks.
    yampolivka = _event(geo_precision=3, location="Yampolivka")
    assert compatible(yampolivka, _event(north_km=100, geo_precision=3, location="Yampolivka"))
    assert not compatible(yampolivka, _event(north_km=100, geo_precision=3, location="Hrekivka"))
    assert not compatible(yampolivka, _event(north_km=10, location="Kramatorsk"))


def test_one_person_killed_joins_a_shooting_told_as_a_clash_and_as_an_attack():
    from thucydides.dedup.events import combine
    from thucydides.dedup.parts import same_event

    def told(kind: str, sub_type: str, **fields) -> Event:
        return _event(**fields).model_copy(update={"event_type": kind, "sub_event_type": sub_type})

    shot = _event(people=["Darius Smith"], fatalities=1)
    fought = told("Battles", "Armed clash", days=1, people=["Darius Smith"], fatalities=1)
    assert same_event(shot, fought) and same_event(fought, shot)
    # Named apart, or no one named, the types keep them apart; so do other types.
    other = told("Battles", "Armed clash", days=1, people=["Jon Reyes"], fatalities=1)
    assert not same_event(shot, other)
    assert not same_event(_event(fatalities=1), told("Battles", "Armed clash", fatalities=1))
    riot = told("Riots", "Mob violence", people=["Darius Smith"], fatalities=1)
    assert not same_event(shot, riot)
    # The first report's type stays, with a sub-type of its own.
    joined = combine(fought, shot)
    assert (joined.event_type, joined.sub_event_type) == ("Battles", "Armed clash")
