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
