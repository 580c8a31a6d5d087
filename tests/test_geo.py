from __future__ import annotations

import pytest

from thucydides.geo import Toponym, resolve_toponyms


def test_misspelt_province_found_by_fuzzy_match(gazetteer):
    found = gazetteer.candidates("Ninevah province")
    assert any(c.entry.name == "Nīnawá" and c.match == "fuzzy" for c in found)


def test_fuzzy_search_by_length_finds_what_a_full_scan_finds(gazetteer):
    from rapidfuzz import fuzz, process

    from thucydides.geo.gazetteer import FUZZY_CUTOFF, FUZZY_LIMIT

    for key in (
        "ninevah",
        "mosull",
        "kandahr",
        "baghdadd",
        "aleppoo",
        "san fransisco",
        "kiev city",
    ):
        every = [n for n in gazetteer._data.names if n[:2] == key[:2]]
        scan = process.extract(
            key, every, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT
        )
        assert gazetteer._fuzzy_keys(key) == tuple(name for name, _, _ in scan)
        # Asked again, from memory: the same answer.
        assert gazetteer._fuzzy_keys(key) == tuple(name for name, _, _ in scan)


def test_remembered_misspellings_are_bounded(gazetteer, monkeypatch):
    monkeypatch.setattr("thucydides.geo.gazetteer.FUZZY_REMEMBERED", 2)
    gazetteer._fuzzy_found.clear()
    answers = {key: gazetteer._search_fuzzy(key) for key in ("ninevah", "mosull", "kandahr")}
    for key, answer in answers.items():
        assert gazetteer._fuzzy_keys(key) == answer
        assert len(gazetteer._fuzzy_found) <= 2
    assert gazetteer._fuzzy_found == {"kandahr": answers["kandahr"]}
    gazetteer._fuzzy_found.clear()


def test_demonym_gives_the_country(gazetteer):
    assert gazetteer.demonym_country("Iraqi") == "IQ"


def test_context_chooses_between_namesakes(gazetteer):
    in_iraq = resolve_toponyms(gazetteer, [Toponym(0, 8, "Fallujah"), Toponym(20, 24, "Iraq")])
    assert in_iraq[0].country == "Iraq"
    tripoli_lebanon = resolve_toponyms(
        gazetteer, [Toponym(0, 7, "Tripoli"), Toponym(20, 27, "Lebanon")]
    )
    assert tripoli_lebanon[0].country == "Lebanon"
    tripoli_libya = resolve_toponyms(
        gazetteer, [Toponym(0, 7, "Tripoli"), Toponym(20, 25, "Libya")]
    )
    assert tripoli_libya[0].country == "Libya"


def test_a_name_said_many_times_is_one_voice_in_the_context(gazetteer):
    # Twelve "Dublin"s once voted each other into Ireland against the one "Ohio".
    toponyms = [Toponym(i * 10, i * 10 + 6, "Dublin") for i in range(12)]
    places = resolve_toponyms(gazetteer, [*toponyms, Toponym(200, 204, "Ohio")])
    assert {(p.entry.country_code, p.entry.admin1_code) for p in places[:12]} == {("US", "OH")}


def test_names_written_with_the_marks_of_transliteration_are_found(gazetteer):
    # GeoNames writes them "Aḑ Ḑāli‘", "Tāʻizz", "Shīnḏanḏ".
    for name, country, feature in (
        ("Ad Dali governorate", "YE", "admin1"),
        ("Taizz", "YE", "admin1"),
        ("Shindand", "AF", "city"),
    ):
        assert any(
            (c.entry.country_code, c.entry.feature) == (country, feature)
            for c in gazetteer.candidates(name, fuzzy=False)
        ), name


def test_a_type_word_that_is_part_of_the_name_is_kept(gazetteer):
    assert {c.entry.name for c in gazetteer.candidates("Kansas City")} == {"Kansas City"}
    assert {c.entry.name for c in gazetteer.candidates("Jersey City")} == {"Jersey City"}
    # Where the whole name is no place, the word is a hint: "Anbar Province" is the province.
    (anbar,) = gazetteer.candidates("Anbar Province")
    assert anbar.entry.feature == "admin1" and anbar.entry.country_code == "IQ"


def test_the_province_after_a_comma_holds_the_town(gazetteer):
    # Texas, named twice, outvotes Kentucky; the comma still puts this Paris in Kentucky.
    text = "Paris, Kentucky, sent aid to Dallas, Texas, and Austin."
    names = ["Paris", "Kentucky", "Dallas", "Texas", "Austin"]
    toponyms = [Toponym(text.index(n), text.index(n) + len(n), n) for n in names]
    paris = resolve_toponyms(gazetteer, toponyms, text=text)[0]
    assert (paris.entry.country_code, paris.entry.admin1_code) == ("US", "KY")


def test_a_name_after_itself_is_a_town_in_a_province_of_its_name(gazetteer):
    # Alone, San Jose is California's (a million people), San Fernando Spain's.
    for text, country in (
        ("On 8 March 2022, in San Jose, San Jose, women marched.", "CR"),
        ("On 19 June 2022, in San Fernando, San Fernando, gang members opened fire.", "TT"),
    ):
        start = text.index(", in ") + 5
        name = text[start : text.index(",", start)]
        toponyms = [
            Toponym(start, start + len(name), name),
            Toponym(start + len(name) + 2, start + 2 * len(name) + 2, name),
        ]
        first, second = resolve_toponyms(gazetteer, toponyms, text=text)
        assert (first.entry.country_code, first.entry.feature) == (country, "city")
        assert second.entry == first.entry


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The province after the comma is read as its city (San José), finer than the
        # district (Poás): it still only says where the district is.
        (
            "Around 31 October 2024, in Poas, San Jose, a group of mothers of students"
            " protested outside the school.",
            ("Poás", 2),
        ),
        # ...but an area standing for a village the gazetteer lacks is the village's place.
        (
            "On 31 October 2024, in Dagon Township (Yangon-west District, Yangon Region), an"
            " explosion occurred near the gate of a military parade ground.",
            ("Dagon Township", 3),
        ),
    ],
)
def test_a_place_written_after_another_says_where_that_one_is(pipeline, text, place):
    from datetime import date

    from thucydides.ingest import make_article

    (event,) = pipeline.process_batch([make_article(text, "q", published=date(2024, 11, 1))]).events
    assert (event.location, event.geo_precision) == place


def test_a_protest_is_where_the_protesters_are_not_where_its_cause_is(pipeline):
    from datetime import date

    from thucydides.ingest import make_article

    for text, place in (
        (
            "On 28 February 2022, in San Jose, San Jose, around 30 Ukrainian citizens staged a"
            " protest against Russia's invasion of Ukraine.",
            "San José",
        ),
        (
            "On 2 March 2022, about 300 people gathered in Stellenbosch in a demonstration in"
            " support of Ukraine.",
            "Stellenbosch",
        ),
    ):
        article = make_article(text, "c", published=date(2022, 3, 3))
        events = pipeline.process_batch([article]).events
        assert events and {e.location for e in events} == {place}, text


def test_a_force_of_a_kind_is_no_place_wherever_the_report_names_it(gazetteer, nlp):
    from thucydides.geo.locative import mark_places
    from thucydides.geo.resolve import resolve

    text = (
        "Metro police say a woman was shot at her sister's home in Las Vegas. The shooting"
        " followed a fight, Metro said."
    )
    places = resolve(gazetteer, mark_places(nlp(text), gazetteer))
    assert [p.text for p in places] == ["Las Vegas"]  # not Metro, Lampung


def test_a_town_and_its_county_named_together_stand_by_each_other(gazetteer):
    # Alone, each is another namesake (Henry County, Georgia; Paris, France).
    text = "Deputies in Henry County arrested a man in Paris on Friday."
    names = ["Henry County", "Paris"]
    toponyms = [Toponym(text.index(n), text.index(n) + len(n), n) for n in names]
    county, town = resolve_toponyms(gazetteer, toponyms, text=text)
    assert {county.entry.admin1_code, town.entry.admin1_code} == {"TN"}


def test_a_small_town_named_once_away_from_the_storys_places_is_no_place(nlp, gazetteer):
    from thucydides.geo.resolve import resolve

    def names(text: str) -> list[str]:
        return [p.entry.name for p in resolve(gazetteer, nlp(text))]

    shot = "A teen was accidentally shot in the leg in Boca Raton on Saturday."
    assert names(f"{shot} He was taken to a hospital in Boomer.") == ["Boca Raton"]
    with_state = f"{shot} He was taken to a hospital in Boomer, West Virginia."
    assert names(with_state) == ["Boca Raton", "Boomer", "West Virginia"]
    told_of = "Shots were fired in Boomer on Sunday. A man was arrested in Boomer, and a woman"
    assert names(f"{told_of} from Boca Raton was hurt.") == ["Boomer", "Boomer", "Boca Raton"]


def test_bare_city_name_is_the_city_not_the_province(gazetteer):
    (place,) = resolve_toponyms(gazetteer, [Toponym(0, 7, "Baghdad")])
    assert place.entry.feature == "city" and place.geo_precision == 1


def _resolved(gazetteer, text: str, names: list[str]):
    toponyms = [Toponym(text.index(n), text.index(n) + len(n), n) for n in names]
    return resolve_toponyms(gazetteer, toponyms, text=text)


@pytest.mark.parametrize(
    ("text", "name", "feature", "admin1"),
    [
        ("Talks resumed in Washington on Monday.", "Washington", "city", "DC"),
        ("Flights leave New York for Moscow twice a week.", "New York", "city", "NY"),
        ("Wildfires spread across Washington state on Monday.", "Washington", "admin1", "WA"),
        ("Snow fell across upstate New York overnight.", "New York", "admin1", "NY"),
        ("Former New York Gov. Mario Cuomo died on Thursday.", "New York", "admin1", "NY"),
        ("Traffic backed up near the New York border.", "New York", "admin1", "NY"),
    ],
)
def test_the_capital_or_big_city_before_its_namesake_state_unless_the_text_says_the_state(
    gazetteer, text, name, feature, admin1
):
    (place,) = _resolved(gazetteer, text, [name])
    assert (place.entry.feature, place.entry.admin1_code) == (feature, admin1)


def test_a_state_that_holds_the_other_places_stays_the_state(gazetteer):
    text = "Police in Spokane, Washington, and in Yakima said the storm hit Washington hard."
    toponyms = [
        Toponym(text.index(n, at), text.index(n, at) + len(n), n)
        for n, at in (("Spokane", 0), ("Washington", 0), ("Yakima", 0), ("Washington", 50))
    ]
    places = resolve_toponyms(gazetteer, toponyms, text=text)
    assert [(p.entry.feature, p.entry.admin1_code) for p in places[1::2]] == [("admin1", "WA")] * 2


def test_geoparse_command_resolves_given_spans_and_finds_its_own(gazetteer, nlp):
    import json

    from typer.testing import CliRunner

    from thucydides.cli import app

    lines = [
        {
            "id": "found",
            "text": "Gunmen stormed a police post in Mosul on Monday, officials in Iraq said.",
        },
        {
            "id": "given",
            "text": "Clashes in Kandahar and Kabul.",
            "toponyms": [{"start": 11, "end": 19}],
        },
        {"id": "bad", "text": "x", "toponyms": [{"start": 0, "end": 9}]},
    ]
    result = CliRunner().invoke(
        app, ["geoparse"], input="".join(json.dumps(x) + "\n" for x in lines)
    )
    out = {r["id"]: r["toponyms"] for r in map(json.loads, result.stdout.splitlines())}
    assert {t["name"] for t in out["found"]} == {"Mosul", "Iraq"}
    (kandahar,) = out["given"]
    assert kandahar["text"] == "Kandahar" and kandahar["country"] == "Afghanistan"
    assert set(kandahar) == {
        "start",
        "end",
        "text",
        "geonameid",
        "name",
        "latitude",
        "longitude",
        "country",
        "admin1",
        "feature",
    }
    assert "bad" not in out and "<stdin>:3" in result.stderr and result.exit_code == 1


def test_distance_and_direction_phrases_are_read():
    from thucydides.geo.relative import bearing_of, offsets_in

    (offset,) = offsets_in(
        "a bomb went off some twenty miles (32 km) north-northeast of the capital"
    )
    assert round(offset.km, 1) == 32.2 and offset.bearing == 22.5
    (offset,) = offsets_in("Mosul is 360 kilometres northwest of Baghdad")
    assert (offset.km, offset.bearing) == (360.0, 315.0)
    assert offsets_in("a 10-km stretch of road north of the town") == []
    (offset,) = offsets_in("Mosul Is Five KILOMETRES North-West Of \u0130rbil")
    assert (offset.km, offset.bearing) == (5.0, 315.0)
    # Long s matches "s" only case-insensitively: no number, no offset, no crash.
    assert offsets_in("\u017fix kilometres north of Mosul") == []
    assert [bearing_of(d) for d in ("south-east", "west", "west-southwest")] == [
        135.0,
        270.0,
        247.5,
    ]


def test_destination_moves_along_the_bearing():
    from thucydides.geo.distance import destination, haversine_km

    lat, lon = destination(0.0, 0.0, 111.195, 0.0)
    assert abs(lat - 1.0) < 1e-3 and abs(lon) < 1e-9
    lat, lon = destination(33.34, 44.40, 100.0, 315.0)
    assert abs(haversine_km(33.34, 44.40, lat, lon) - 100.0) < 1e-6
    assert lat > 33.34 and lon < 44.40


def test_a_town_named_beside_a_distance_is_its_namesake_near_that_point(gazetteer):
    from thucydides.geo.geoparse import geoparse

    text = "Fighting was reported in Baraki, about 70 km south of Kabul, on Monday."
    spans = [(25, 31), (54, 59)]
    baraki, kabul = geoparse(gazetteer, text, spans)
    assert kabul.place.country == "Afghanistan"
    assert baraki.place.country == "Afghanistan", baraki.place  # Baraki Barak, Logar
    # Without the distance, the name alone is the larger Baraki, in Algeria.
    (alone,) = geoparse(gazetteer, "Fighting was reported in Baraki on Monday.", [(25, 31)])
    assert alone.place.country != "Afghanistan"


def test_an_event_told_by_distance_from_a_town_is_at_that_point(pipeline):
    from datetime import date

    from thucydides.geo.distance import haversine_km
    from thucydides.ingest import make_article

    text = "A roadside bomb exploded 30 km south of Kabul on Tuesday, killing two soldiers."
    batch = pipeline.process_batch([make_article(text, "kabul", published=date(2015, 3, 4))])
    (event,) = batch.events
    assert event.location == "30 km south of Kabul" and event.geonameid is None
    assert event.geo_precision == 2 and event.country == "Afghanistan" and event.admin1
    assert abs(haversine_km(34.528, 69.172, event.latitude, event.longitude) - 30.0) < 1.0
    assert event.latitude < 34.528
    assert "30 km south of Kabul" in [e.text for e in event.evidence["location"]]


def test_a_village_the_gazetteer_lacks_is_placed_by_its_distance(pipeline):
    from datetime import date

    from thucydides.ingest import make_article

    text = "Soldiers clashed with rebels in Sintgaing, 30 km south of Mandalay, on Tuesday."
    batch = pipeline.process_batch([make_article(text, "mm", published=date(2015, 3, 4))])
    (event,) = batch.events
    assert (event.location, event.geo_precision, event.country) == ("Sintgaing", 2, "Myanmar")
    assert 21.6 < event.latitude < 21.8  # Mandalay is at 21.97


def test_country_point_is_the_centre_of_its_main_landmass():
    from thucydides.geo.outline import outline_centre

    def outline(*polygons):
        return {
            "features": [
                {"geometry": {"type": "MultiPolygon", "coordinates": [[p] for p in polygons]}}
            ]
        }

    island = [(50.0, 0.0), (51.0, 0.0), (51.0, 1.0), (50.0, 1.0)]
    mainland = [(10.0, 10.0), (20.0, 10.0), (20.0, 14.0), (10.0, 14.0)]
    lat, lon = outline_centre(outline(island, mainland))
    assert abs(lat - 12.0) < 0.01 and abs(lon - 15.0) < 0.01
    # A crescent's centre of area lies outside it: no point rather than a point abroad.
    crescent = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 9.0), (9.0, 9.0),
                (9.0, 1.0), (0.0, 1.0)]  # fmt: skip
    assert outline_centre(outline(crescent)) is None
    # Area by the sphere's measure: a band from the equator to 80 N has half its area below
    # 29.5 N (sin 29.5 = sin 80 / 2), not below its middle latitude.
    lat, _ = outline_centre(outline([(0.0, 0.0), (40.0, 0.0), (40.0, 80.0), (0.0, 80.0)]))
    assert abs(lat - 29.5) < 0.1


def test_the_united_states_is_placed_in_the_middle_of_the_contiguous_states(gazetteer):
    (us,) = [c for c in gazetteer.candidates("United States") if c.entry.feature == "country"]
    assert 38.5 < us.entry.latitude < 40.5 and -100.5 < us.entry.longitude < -97.5


def test_countries_and_provinces_sit_at_geonames_own_points(gazetteer):
    from thucydides.geo.distance import haversine_km

    def point(name, feature):
        (entry,) = [c.entry for c in gazetteer.candidates(name) if c.entry.feature == feature]
        return entry.latitude, entry.longitude

    # Where news corpora and analysts put them (GeoNames' hand-set points), not centres of area.
    assert haversine_km(*point("Canada", "country"), 60.10867, -113.64258) < 1
    assert haversine_km(*point("Alberta", "admin1"), 52.28333, -117.469) < 10
    # A dependency the table lacks keeps the centre of its landmass.
    assert haversine_km(*point("Puerto Rico", "country"), 18.2, -66.5) < 60


def test_seas_gulfs_and_regions_of_no_country(gazetteer):
    text = "Ships in the Gulf of Aden and the Persian Gulf; talks on the Caucasus in Baku."
    names = ("Gulf of Aden", "Persian Gulf", "Caucasus", "Baku")
    aden, gulf, caucasus, baku = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    assert (aden.entry.feature, gulf.entry.feature) == ("water", "water")
    assert aden.country == "" and aden.geo_precision == 3
    assert abs(aden.entry.latitude - 12) < 1 and abs(gulf.entry.longitude - 51) < 1
    assert caucasus.entry.feature == "region" and caucasus.entry.geonameid == 615318
    assert baku.entry.feature == "city"
    # A union of states sits at GeoNames' point for it (Brussels), not amid its members.
    (eu,) = [c for c in gazetteer.candidates("EU") if c.entry.feature == "region"]
    assert eu.entry.geonameid == 6695072 and abs(eu.entry.latitude - 50.8) < 0.1


def test_adjectives_of_peoples_continents_and_regions_name_them(gazetteer):
    # countryinfo writes some peoples joined: "Bosnian,Herzegovinian".
    assert gazetteer.demonym_country("Bosnian") == "BA"
    assert gazetteer.demonym_country("Herzegovinian") == "BA"
    for adjective, place in (("European", "Europe"), ("Middle Eastern", "Middle East")):
        (found,) = resolve_toponyms(gazetteer, [Toponym(0, len(adjective), adjective)])
        assert found.entry.name == place and found.geo_precision == 3


def test_regions_that_are_neither_country_nor_province(gazetteer):
    (darfur,) = resolve_toponyms(gazetteer, [Toponym(0, 6, "Darfur")])
    assert darfur.entry.feature == "region" and darfur.country == "Sudan"
    assert darfur.geo_precision == 3 and 9 < darfur.entry.latitude < 16
    # Once a fuzzy namesake in Oregon ("Dufur"); a region of many countries has no country.
    middle_east, _ = resolve_toponyms(
        gazetteer, [Toponym(0, 11, "Middle East"), Toponym(20, 24, "Iraq")]
    )
    assert middle_east.entry.feature == "region" and middle_east.country == ""


def test_breakaway_regions_and_english_province_names(gazetteer):
    from thucydides.geo.distance import haversine_km

    # No candidate at all before: South Ossetia is no province of Georgia in GeoNames.
    text = "South Ossetian officials said Georgia had shelled Tskhinvali."
    names = ("South Ossetian", "Georgia", "Tskhinvali")
    ossetia, *_ = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    assert ossetia.entry.feature == "region" and ossetia.country == "Georgia"
    assert haversine_km(42.33, 44.0, ossetia.entry.latitude, ossetia.entry.longitude) < 100
    # "Nineveh" was a village in New York with the name among its alternates.
    text = "Militants overran Mosul, the capital of Nineveh province, in northern Iraq."
    names = ("Mosul", "Nineveh", "Iraq")
    mosul, nineveh, _ = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    assert (nineveh.entry.feature, nineveh.entry.country_code) == ("admin1", "IQ")
    assert nineveh.entry.admin1_code == mosul.entry.admin1_code


def _places(nlp, gazetteer, text):
    from thucydides.geo.locative import mark_places

    return {e.text for e in mark_places(nlp(text), gazetteer).ents if e.label_ == "GPE"}


def test_places_the_model_took_for_people_organisations_or_products(nlp, gazetteer):
    # en_core_web_sm: Bogra PERSON; Panjgur and Balochistan ORG; Feni PRODUCT.
    assert "Bogra" in _places(nlp, gazetteer, "In Bogra, a bus was torched by hartal supporters.")
    # Panjgur has no population on record: the province after the comma vouches for it.
    found = _places(
        nlp,
        gazetteer,
        "Two militants were killed in a gun battle with police in Panjgur, Balochistan.",
    )
    assert {"Panjgur", "Balochistan"} <= found
    assert "Feni" in _places(nlp, gazetteer, "In Feni, rioters torched a passenger bus on Monday.")


@pytest.mark.parametrize(
    ("text", "name", "is_place"),
    [
        # en_core_web_sm: "Croix" PERSON, the rest no entity.
        (
            "On 8 March 2022, in Croix-des-Bouquets, Ouest, men kidnapped a man.",
            "Croix-des-Bouquets",
            True,
        ),
        # One ORG each: "Sydney - Central (New South Wales", "Camoapa (Boaco".
        (
            "On 20 March 2022, protesters rallied in Sydney - Central (New South Wales).",
            "Sydney",
            True,
        ),
        ("On 15 September, in Camoapa (Boaco) a radio station was attacked.", "Camoapa", True),
        # A name running on without a mark ending it is the whole name, no place; a place the
        # gazetteer lacks ("Villa La Ribera" FAC) is stood for by its province in brackets.
        ("He wrote in The Sydney Morning Herald that the war was lost.", "Sydney", False),
        (
            "On 22 June 2022, in Villa La Ribera (Santa Fe), truck drivers protested.",
            "Santa Fe",
            True,
        ),
    ],
)
def test_a_hyphenated_town_and_one_the_model_ran_on_past_are_places(
    nlp, gazetteer, text, name, is_place
):
    assert (name in _places(nlp, gazetteer, text)) == is_place


def test_a_town_gone_through_or_named_after_its_kind_is_a_place(nlp, gazetteer):
    # en_core_web_sm: one ORG each, "Dubbo (New South Wales", "Niamey (Niamey, Niamey".
    text = "On 4 May 2022, about 300 teachers marched through Dubbo (New South Wales)."
    assert "Dubbo" in _places(nlp, gazetteer, text)
    text = "On 24 February 2021, residents demonstrated in the capital Niamey (Niamey, Niamey)."
    assert "Niamey" in _places(nlp, gazetteer, text)
    # A name after a kind of place that the gazetteer does not know as a place stays none.
    text = "Protesters gathered at the town Hall of Dubbo on Monday."
    assert "Hall" not in _places(nlp, gazetteer, text)


def test_a_town_taken_for_a_nationality_is_a_place(nlp, gazetteer):
    # en_core_web_sm tags Laukkai NORP; a nationality the gazetteer knows stays one.
    text = "Soldiers from the MNDAA fired on a Burma Army patrol in Laukkai town."
    assert "Laukkai" in _places(nlp, gazetteer, text)
    text = "Clashes broke out in Afghan villages near the border."
    assert "Afghan" not in _places(nlp, gazetteer, text)


def test_the_town_after_a_building_the_gazetteer_lacks_is_a_place(nlp, gazetteer):
    text = "Students staged a sit-in at Annamalai University, Chidambaram on Monday."
    found = _places(nlp, gazetteer, text)
    assert "Chidambaram" in found
    assert "Annamalai University" not in found


def test_the_town_of_a_name_is_a_place(nlp, gazetteer):
    # en_core_web_sm tags Pakokku ORG here.
    text = "Students demonstrated against the bill in the Magwe Division town of Pakokku."
    assert "Pakokku" in _places(nlp, gazetteer, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # en_core_web_sm: Knin PERSON, Birao ORG, Bardiya NORP, Kobane ORG, Manbij PRODUCT.
        ("Croatian forces captured Knin on Saturday.", "Knin"),
        ("Rebels first captured Birao on Oct. 29.", "Birao"),
        ("Two people were injured in a clash in the Bardiya district on Friday.", "Bardiya"),
        ("Dozens were killed in the siege of Kobane.", "Kobane"),
        ("Fighters broke the siege on Manbij.", "Manbij"),
        # South Asian units of government: Netrakona ORG, Bajaur Agency ORG.
        ("Assailants torched a bus in Durgapur upazila of Netrakona on Friday.", "Netrakona"),
        ("Militants attacked a post in Mamond Tehsil of Bajaur Agency.", "Bajaur Agency"),
    ],
)
def test_a_place_taken_assaulted_or_named_before_its_kind(nlp, gazetteer, text, place):
    assert place in _places(nlp, gazetteer, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Troops clashed near Toan-Sant Village on Monday.", "Sant"),
        ("It was the first Northern state to apologise.", "Northern"),
        ("Crowds cheered. But county policy says otherwise.", "But"),
        ("The Emerald City Players staged a new show.", "Emerald"),
    ],
)
def test_words_before_a_kind_of_place_that_are_no_place(nlp, gazetteer, text, word):
    assert word not in _places(nlp, gazetteer, text)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # en_core_web_sm: CONWAY and SC ORG; SAN DIEGO nothing.
        ("CONWAY, SC (WBTW) \u2013 A man was shot on Monday.", {"CONWAY", "SC"}),
        ("SAN DIEGO (CBS 8) - Four people were shot at a bar.", {"SAN DIEGO"}),
        # en_core_web_sm: "ST" and "LOUIS" two GPEs.
        ("ST. LOUIS (KMOV.com) \u2013 A man was killed on Monday.", {"ST. LOUIS"}),
        ("YORK, Pa. \u2014 Police investigated a shooting.", {"YORK", "Pa."}),
        # Joplin Police PERSON, Batesville Police ORG, "the Kern County Sheriff's Office" LOC.
        ("Joplin Police confirm that a man was killed.", {"Joplin"}),
        ("Batesville Police Officer Tyler Hardin was dispatched.", {"Batesville"}),
        ("Officials with the Kern County Sheriff's Office said four were hurt.", {"Kern County"}),
        ("Metro Nashville Police said the man died.", {"Nashville"}),
        # "the Metro Nashville Police Department" ORG, its first words of the force's kind
        (
            "A man was shot in Antioch. According to the Metro Nashville Police Department,"
            " two groups were fighting.",
            {"Nashville"},
        ),
        # A word of the force's kind after the town; the spaces after a dateline's dash.
        ("The Las Vegas Metropolitan Police Department said a man died.", {"Las Vegas"}),
        ("Kansas City police said a child was shot.", {"Kansas City"}),
        ("STOCKTON-  Stockton Police say four people were shot.", {"Stockton"}),
        # "west Kissimmee" GPE, "Southeast Bakersfield" LOC: the gazetteer knows the towns.
        ("A night of gunfire in west Kissimmee injured five.", {"Kissimmee"}),
        ("Four were hurt in a shooting in Southeast Bakersfield.", {"Bakersfield"}),
        ("Police in Springfield, IL said a man was shot.", {"Springfield", "IL"}),
    ],
)
def test_local_news_names_its_town_in_datelines_forces_and_directions(nlp, gazetteer, text, places):
    assert places <= _places(nlp, gazetteer, text)


def test_a_place_written_in_lower_case_is_a_common_noun_where_the_text_capitalises(nlp, gazetteer):
    from thucydides.geo.locative import mark_places

    text = (
        "A girl was shot in Kansas City. She is the third child to be shot in the metro within"
        " the last two weeks."
    )
    # en_core_web_sm: "metro" FAC
    assert "metro" in {e.text for e in nlp(text).ents}
    places = {e.text for e in mark_places(nlp(text), gazetteer).ents}
    assert "Kansas City" in places and "metro" not in places
    # a text in lower case throughout keeps its places
    lowered = nlp("protesters gathered in kabul on monday.")
    kept = {e.text for e in lowered.ents}
    assert {e.text for e in mark_places(lowered, gazetteer).ents} >= kept


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The State Police and Metro Police arrived.", "State"),
        ("The State Police and Metro Police arrived.", "Metro"),
        ("Capitol Police closed the building.", "Capitol"),
        ("IN the morning, a man was shot.", "IN"),
        ("BREAKING NEWS - A man was shot.", "BREAKING NEWS"),
    ],
)
def test_kinds_of_force_and_capital_words_are_no_places(nlp, gazetteer, text, word):
    assert word not in _places(nlp, gazetteer, text)


def test_a_postal_code_after_its_town_is_the_state(nlp, gazetteer):
    from thucydides.geo.locative import mark_places
    from thucydides.geo.resolve import resolve

    text = "CONWAY, SC (WBTW) \u2013 Police in Springfield, IL said a man was shot."
    places = {p.text: p for p in resolve(gazetteer, mark_places(nlp(text), gazetteer))}
    assert places["SC"].admin1 == "South Carolina" and places["CONWAY"].admin1 == "South Carolina"
    assert places["IL"].admin1 == "Illinois" and places["Springfield"].admin1 == "Illinois"


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        # A town of another state named bare is a part of the dateline's town...
        ("MEMPHIS, Tenn. — Police are searching for men who shot five people in Eden.", {}),
        # ...not one written with its state, nor a city known on its own.
        (
            "MEMPHIS, Tenn. — The suspect was arrested in Lumberton, N.C., on Friday.",
            {"Lumberton": "North Carolina"},
        ),
        ("MEMPHIS, Tenn. — The suspect was arrested in Dallas on Friday.", {"Dallas": "Texas"}),
        # ...nor one of a state whose county the article names.
        (
            "WASHINGTON (WUSA9) - Two teens were shot in Prince George's County. Police say"
            " they were shot while waiting for a bus in Temple Hills.",
            {"Temple Hills": "Maryland"},
        ),
        # Without a dateline, nothing says which state is home.
        ("Police are searching for men who shot five people in Eden.", {"Eden": "North Carolina"}),
    ],
)
def test_a_town_of_another_state_than_the_datelines_is_written_with_its_state(
    nlp, gazetteer, text, placed
):
    from thucydides.geo.locative import mark_places
    from thucydides.geo.resolve import resolve

    places = resolve(gazetteer, mark_places(nlp(text), gazetteer))
    # the towns named, not the dateline's
    found = {p.text: p.admin1 for p in places if p.entry.feature == "city" and not p.text.isupper()}
    assert found == placed


def test_a_datelines_county_alone_says_no_state(gazetteer):
    from thucydides.geo.geoparse import geoparse

    # TR-News: the dateline's county read alone is Plymouth County, Massachusetts.
    text = (
        "PLYMOUTH CO. - A suspect in a theft near Hinton has been apprehended.\n"
        "The Plymouth County Sheriff's Office received information about a similar theft in "
        "Paris, Illinois.\nThe suspect was identified as Paul Block Jr., 49, of Waterloo.\n"
        "Deputies from the Black Hawk County Sheriff's Office and the LaFayette County, "
        "Wisconsin, Sheriff's Office searched his home."
    )
    names = ["PLYMOUTH CO.", "Hinton", "Plymouth County", "Paris", "Illinois", "Waterloo"]
    names += ["Black Hawk County", "LaFayette County", "Wisconsin"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    found = {r.text: r.place.admin1 for r in geoparse(gazetteer, text, spans) if r.place}
    assert found["Hinton"] == found["Waterloo"] == "Iowa"


def test_a_dateline_whose_dash_is_in_its_token_names_the_town(nlp, gazetteer):
    from thucydides.geo.locative import mark_places
    from thucydides.geo.resolve import resolve

    places = resolve(gazetteer, mark_places(nlp("STOCKTON- Four people were shot."), gazetteer))
    assert [(p.entry.name, p.admin1) for p in places] == [("Stockton", "California")]


def test_a_town_its_province_lacks_is_placed_at_the_province_not_a_namesake(gazetteer):
    # GeoNames has Fountain, Colorado but no Fountain in Florida.
    text = "A girl was shot in Fountain, Fla., on Sunday; Springfield, Illinois mourned."
    names = ("Fountain", "Fla.", "Springfield", "Illinois")
    fountain, _, springfield, _ = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    assert (fountain.entry.feature, fountain.admin1) == ("admin1", "Florida")
    assert (springfield.entry.feature, springfield.admin1) == ("city", "Illinois")


def test_a_part_of_a_town_is_its_namesake_near_the_town_else_the_town(gazetteer):
    text = "Four were shot in the Mount Hope neighborhood of San Diego and in Kensington."
    names = ("Mount Hope", "San Diego", "Kensington")
    hope, san_diego, _ = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    assert hope.entry is san_diego.entry and hope.text == "Mount Hope"
    # ...under its own name, in the town (ACLED's precision 1)
    assert hope.stands_for.name == "Mount Hope" and hope.geo_precision == 1
    text = "A car bomb exploded in the Karrada district of Baghdad."
    names = ("Karrada", "Baghdad")
    karrada, baghdad = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    assert karrada.entry is baghdad.entry and baghdad.country == "Iraq"


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        # Mechanicsville and Knoxville, Pennsylvania lie together; Knoxville, Tennessee is the
        # town known on its own.
        (
            "Knoxville police hope someone will come forward about a shooting in the"
            " Mechanicsville neighborhood.",
            "Knoxville",
            "Tennessee",
        ),
        # Baden, Switzerland pulled St. Louis to Saint-Louis in Alsace.
        (
            "St. Louis police said a man was shot in the Baden neighborhood.",
            "St. Louis",
            "Missouri",
        ),
    ],
)
def test_a_part_of_a_town_named_without_it_is_of_the_storys_town(gazetteer, text, town, state):
    part = text.split(" neighborhood")[0].rsplit(" ", 1)[1]
    first, second = resolve_toponyms(
        gazetteer,
        [Toponym(text.index(n), text.index(n) + len(n), n) for n in (town, part)],
        text=text,
    )
    assert (first.admin1, second.entry) == (state, first.entry)
    assert second.text == part


def test_a_part_of_a_town_is_of_the_town_wherever_the_story_names_it(gazetteer):
    text = (
        "Five people were injured in a shooting in Miami's Overtown neighborhood. One of them"
        " has died after the shooting in Overtown."
    )
    at = [text.index("Miami"), text.index("Overtown"), text.rindex("Overtown")]
    toponyms = [
        Toponym(a, a + len(n), n)
        for a, n in zip(at, ("Miami", "Overtown", "Overtown"), strict=True)
    ]
    miami, *overtown = resolve_toponyms(gazetteer, toponyms, text=text)
    # not Overtown, Scotland
    assert miami.admin1 == "Florida" and all(p.entry is miami.entry for p in overtown)
    assert overtown[0].stands_for.name == "Overtown" and overtown[0].geo_precision == 1


def test_a_town_inside_a_longer_name_stands_only_in_a_province_the_story_names(gazetteer):
    text = "MEMPHIS, Tenn. - Five people were shot in Hickory Hill on Saturday."
    names = ("MEMPHIS", "Tenn.", "Hickory Hill")
    memphis, _, hickory = resolve_toponyms(
        gazetteer, [Toponym(text.index(n), text.index(n) + len(n), n) for n in names], text=text
    )
    # Hickory, North Carolina is a part match in another state: no place, not a guess.
    assert memphis.admin1 == "Tennessee" and hickory is None


@pytest.mark.parametrize("road", ["Independence Road", "East Avenue", "Sunset Boulevard"])
def test_a_road_is_no_misspelt_town(gazetteer, road):
    assert gazetteer.candidates(road) == []


def test_organisations_after_a_preposition_stay_organisations(nlp, gazetteer):
    found = _places(nlp, gazetteer, "The bill was debated in Congress and in the Awami League.")
    assert not found & {"Congress", "Awami League"}


def test_russia_and_china_are_placed_at_their_centres_of_area(gazetteer):
    # GeoNames and the Factbook put Russia at 60 N 100 E and China at 35 N 105 E; a centre
    # taken in plain degrees lands 190-210 km north of both.
    from thucydides.geo.distance import haversine_km

    for name, point in (("Russia", (60.0, 100.0)), ("China", (35.0, 105.0))):
        (country,) = [c.entry for c in gazetteer.candidates(name) if c.entry.feature == "country"]
        assert haversine_km(*point, country.latitude, country.longitude) < 161


def test_short_and_full_first_words_name_the_same_towns(gazetteer):
    def iowa(name):
        return {c.entry.name for c in gazetteer.candidates(name) if c.entry.admin1_code == "IA"}

    assert "Mount Pleasant" in iowa("Mt. Pleasant")
    assert "Fort Dodge" in iowa("Ft. Dodge")


def test_small_towns_named_together_are_placed_together(gazetteer):
    import re

    from thucydides.geo.geoparse import geoparse

    text = "Firefighters from New London and Winfield helped crews in Mt. Pleasant on Sunday."
    spans = [m.span() for m in re.finditer("New London|Winfield|Mt. Pleasant", text)]
    places = [r.place.entry for r in geoparse(gazetteer, text, spans)]
    assert [(p.admin1_code, p.admin2) for p in places] == [("IA", "Henry County")] * 3
    # Alone, New London is the largest of its namesakes, in Connecticut.
    (alone,) = geoparse(gazetteer, "Crews from New London helped.", [(11, 21)])
    assert alone.place.entry.admin1_code == "CT"


def test_a_place_named_inside_a_longer_name_stands_where_the_article_agrees(gazetteer):
    import re

    from thucydides.geo.geoparse import geoparse

    def places(text, names):
        spans = [m.span() for n in names for m in re.finditer(re.escape(n), text)]
        return {r.text: r.place for r in geoparse(gazetteer, text, spans)}

    found = places(
        "Crowds gathered outside the Vancouver Art Gallery in British Columbia on Sunday.",
        ["Vancouver Art Gallery", "British Columbia"],
    )
    gallery = found["Vancouver Art Gallery"]
    assert (gallery.entry.name, gallery.entry.country_code, gallery.inside_name) == (
        "Vancouver",
        "CA",
        True,
    )
    assert not found["British Columbia"].inside_name
    # Golden, Colorado has no support from an article in Punjab; a road is named after
    # where it leads.
    found = places(
        "A Sikh activist climbed the Golden Temple in Amritsar, Punjab.",
        ["Golden Temple", "Amritsar", "Punjab"],
    )
    assert found["Golden Temple"] is None
    found = places("Residents of Moratuwa blocked the Galle Road.", ["Moratuwa", "Galle Road"])
    assert found["Galle Road"] is None


def test_an_event_at_a_building_in_a_named_town_is_in_that_town(pipeline):
    from datetime import date

    from thucydides.ingest import make_article

    text = "Hundreds of farmers protested near the Omkareshwar Dam in Khandwa on Monday."
    batch = pipeline.process_batch([make_article(text, "in", published=date(2015, 3, 4))])
    (event,) = batch.events
    assert event.location == "Khandwa"  # the dam's name is 50 km from the town Omkareshwar


def test_an_event_placed_only_in_the_county_of_the_dateline_town_is_in_that_town(pipeline):
    from datetime import date

    from thucydides.ingest import make_article

    text = (
        "CLIFTON, Colo. - A 15-year-old was killed Sunday by an accidental shooting in Mesa County."
    )
    batch = pipeline.process_batch([make_article(text, "co", published=date(2016, 3, 7))])
    (event,) = batch.events
    assert (event.location, event.geo_precision) == ("Clifton", 1)


def test_an_event_in_a_bare_province_name_is_in_its_town_of_that_name(pipeline):
    from datetime import date

    from thucydides.ingest import make_article

    text = "In Sylhet, assailants hurled two cocktail bombs at a bus on Monday."
    batch = pipeline.process_batch([make_article(text, "bd", published=date(2015, 2, 3))])
    (event,) = batch.events
    assert (event.location, event.geo_precision) == ("Sylhet", 1)
    assert 24.85 < event.latitude < 24.95  # the town, not the division's middle (24.69)


# A sentence of background after a note's event that names a town elsewhere, as ACLED's notes
# of Lebanon end: the event is not there.
_GAZA_AFTER = " This is part of what the army called its new phase of the war on Gaza."


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # en_core_web_sm: "Villa La Ribera" FAC, "Santa Fe" ORG; the gazetteer lacks the
        # village: its name at the province's point (-31.0, not its capital's -31.6).
        (
            "On 22 June 2022, in Villa La Ribera (Santa Fe), truck drivers held protests.",
            ("Villa La Ribera", "Santa Fe", 3, -31.0),
        ),
        # The first area in the brackets the gazetteer knows.
        (
            "On 22 June 2022, Al Shabaab militants attacked Kenyan soldiers in Omar Jilo"
            " (Mandera East, Mandera). Two soldiers were killed in the attack.",
            ("Omar Jilo", "Mandera", 3, 3.4),
        ),
        # "Fino" ORG, which the gazetteer knows only as Fino Mornasco, in Italy.
        (
            "On 22 June 2022, Al Shabaab and police forces clashed in Fino, Mandera county.",
            ("Fino", "Mandera", 3, 3.4),
        ),
        # A name with a particle ("Virrey" PERSON): the town in brackets stands for it, a
        # place near it rather than the town itself (precision 2).
        (
            "On 22 June 2022, in Virrey del Pino (Buenos Aires), members of social organizations"
            " protested against the government's economic policies.",
            ("Virrey del Pino", "Ciudad Autonoma de Buenos Aires", 2, -34.6),
        ),
        # The province in brackets picks the namesake ("Betanzos (Potosi" ORG): Betanzos in
        # Bolivia, not the bigger one in Spain.
        (
            "On 22 June 2022, near Betanzos (Potosi), supporters of former president Evo Morales"
            " blocked roads.",
            ("Betanzos", "Potosi", 1, -19.6),
        ),
        # "Baalbek, Baalbek-Hermel" WORK_OF_ART runs past the town in brackets.
        (
            "On 22 June 2022, Israeli warplanes carried out an airstrike in Qsarnaba town"
            " (Baalbek, Baalbek-Hermel). Two people were killed in the airstrike.",
            ("Qsarnaba", "B'alabak-Al Hirmil", 2, 34.0),
        ),
        # The village is named as finely as a town: it is the place of the clause, not a town
        # the clause names beside it.
        (
            "On 22 June 2022, in Epizana (Cochabamba), farmers protested on the road to Santa"
            " Cruz against fuel prices.",
            ("Epizana", "Cochabamba", 3, -17.5),
        ),
        # A town in brackets after a building's name is where the building is.
        (
            "On 22 June 2022, shareholders of Samsung Electronics staged a protest in front of"
            " the Suwon Convention Center (Suwon).",
            ("Suwon", "Gyeonggi-do", 1, 37.3),
        ),
        # A district of one country in brackets: the village is there, not at a namesake in
        # another country the gazetteer knows (Al Manzalah, Egypt).
        (
            "On 22 June 2022, members of the Wagner Group clashed with members of the CPC in"
            " Manzala (Bria, Haute-Kotto).",
            ("Manzala", "Haute-Kotto", 2, 6.5),
        ),
        # A town in brackets the gazetteer knows nothing of (Bent Jbail, no population on
        # record) gives way to the province after it: the village is in Lebanon, not at the
        # first town the report names elsewhere (Gaza).
        (
            "On 22 June 2022, Israeli warplanes carried out airstrikes in Qalaouiye (Bint Jbeil,"
            " Al Nabatieh)." + _GAZA_AFTER,
            ("Qalaouiye", "An Nabatiyah", 3, 33.2),
        ),
        # A name before its district and province in brackets is a village, whatever word
        # comes before it (not a locative one here).
        (
            "On 22 June 2022, the Israeli army fired artillery shells toward the forests adjacent"
            " to Labbouneh (Tyr, South)." + _GAZA_AFTER,
            ("Labbouneh", "Al Janub", 2, 33.3),
        ),
        # A known town of one country in brackets says the country: the village is not its
        # namesake elsewhere (Myadzyel, Belarus).
        (
            "On 22 June 2022, Israeli warplanes carried out an airstrike in Mjadel town (Tyr,"
            " South).",
            ("Mjadel", "Al Janub", 2, 33.3),
        ),
    ],
)
def test_a_place_the_gazetteer_lacks_is_where_the_area_after_it_says(pipeline, text, place):
    from datetime import date

    from thucydides.ingest import make_article

    batch = pipeline.process_batch([make_article(text, "n", published=date(2022, 6, 23))])
    (event,) = batch.events
    found = (event.location, event.admin1, event.geo_precision, round(event.latitude, 1))
    assert found == place
    assert event.evidence["location"][0].text == event.location  # the name the report gives


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "On 22 June 2022, in Port-au-Prince - Tabarre, Ouest, police officers shot and"
            " killed a member of the Vitelhomme gang.",
            ("Port-au-Prince - Tabarre", "Ouest", 18.5),
        ),
        (
            "On 22 June 2022, members of a citizens' group staged a protest in front of the"
            " Daejeon District Court (Daejeon - Seo).",
            ("Daejeon - Seo", "Daejeon-gwangyeoksi", 36.3),
        ),
    ],
)
def test_a_city_and_its_district_as_acled_writes_them_is_near_the_city(pipeline, text, place):
    # The gazetteer lacks the districts: the event is near the city, under the district's
    # name (two districts of one city are two places), with no GeoNames place of its own.
    from datetime import date

    from thucydides.ingest import make_article

    batch = pipeline.process_batch([make_article(text, "n", published=date(2022, 6, 23))])
    (event,) = batch.events
    assert (event.location, event.admin1, round(event.latitude, 1)) == place
    assert (event.geo_precision, event.geonameid) == (2, None)
    assert [e.text for e in event.evidence["location"]] == [event.location]


def test_a_story_placed_only_to_a_county_and_its_state_is_in_the_county(pipeline):
    from datetime import date

    from thucydides.ingest import make_article

    text = (
        "A 15-year-old was killed Sunday by an accidental shooting. The sheriff of Mesa County,"
        " Colorado, said the boy died at the scene."
    )
    batch = pipeline.process_batch([make_article(text, "co", published=date(2016, 3, 7))])
    (event,) = batch.events
    assert (event.location, event.geo_precision) == ("Mesa County", 2)
