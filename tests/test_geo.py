from __future__ import annotations

from thucydides.geo import Toponym, resolve_toponyms


def test_misspelt_province_found_by_fuzzy_match(gazetteer):
    found = gazetteer.candidates("Ninevah province")
    assert any(c.entry.name == "Nīnawá" and c.match == "fuzzy" for c in found)


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


def test_bare_city_name_is_the_city_not_the_province(gazetteer):
    (place,) = resolve_toponyms(gazetteer, [Toponym(0, 7, "Baghdad")])
    assert place.entry.feature == "city" and place.geo_precision == 1
