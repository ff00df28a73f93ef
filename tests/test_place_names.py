"""Place names in any script make stable, distinct ids; invisible and control characters are not
part of a name, and a name that loses some is reported."""

from __future__ import annotations

import pytest

from loaders.places import clean_name, name_warning, place_id
from tests.test_mapped import load, rejected
from tests.test_number_limits import MAPPING  # one city, one indicator: the same file shape


def test_latin_names_keep_their_ids():
    assert place_id("city", "São Paulo", "BRA") == "bra-sao-paulo"
    assert place_id("city", "Zürich", "CHE") == place_id("city", "ZU\u0308RICH", "CHE") == "che-zurich"
    assert place_id("city", "Columbus (OH)", "USA", region="OH") == "usa-columbus-oh"
    assert place_id("city", "Nukuʻalofa", "TON") == "ton-nukualofa"
    assert place_id("city", "Kraków", "POL") == "pol-krakow"


def test_names_in_other_scripts_are_distinct_and_stable():
    names = ["دبي", "أبو ظبي", "الشارقة", "北京", "上海", "Москва", "🏙️", "Al دبي", "Al الشارقة"]
    ids = [place_id("city", name, "ARE") for name in names]
    assert len(set(ids)) == len(names)
    assert all(i.startswith("are-") and len(i) > len("are-") for i in ids)
    assert ids == [place_id("city", name, "ARE") for name in names]
    assert place_id("city", "دبي", "ARE") == "are-4a07a7fb"  # the same in every import
    assert place_id("city", " دبي\u200f ", "ARE") == place_id("city", "دبي", "ARE")


def test_long_names_are_capped_and_stay_distinct():
    first, second = place_id("city", "a" * 5000, "AFG"), place_id("city", "a" * 4999 + "b", "AFG")
    assert first != second
    assert len(first) <= 70 and len(second) <= 70
    assert first.startswith("afg-aaaa")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Herat\u202e", "Herat"),
        ("Ras\tAl  Khaimah", "Ras Al Khaimah"),
        ("Farah\x00", "Farah"),
        ("\u200b", ""),
        ("\u200c\u200b \ufeff", ""),
        ("  Dubai  ", "Dubai"),
        ("🏙️", "🏙️"),
    ],
)
def test_clean_name(raw, shown):
    assert clean_name(raw) == shown


def test_cities_of_one_country_in_other_scripts_are_not_duplicates(tmp_path):
    data = "City,Country,Year,Value\nدبي,AE,2020,10\nأبو ظبي,AE,2020,11\n北京,AE,2020,12\n" \
        "دبي,AE,2020,13\n\u200b,AE,2020,14\nHerat\u202e,AF,2020,15\nHerat,AF,2021,16\n"
    bundle, report = load(tmp_path, data, MAPPING)
    assert rejected(report) == {
        5: "duplicate of line 2 with another value (10 there, 13 here) (same place, indicator, year and "
           "breakdown): the first is kept; check which is right",
        6: "empty place",
    }
    names = dict(zip(bundle.places["place_id"], bundle.places["name"], strict=True))
    assert names["afg-herat"] == "Herat"
    assert len(names) == 4
    warned = report.frame().query("severity == 'warning' and reason.str.startswith('removed')")
    assert warned[["line", "column", "value"]].values.tolist() == [[6, "City", "<U+200B>"],
                                                                  [7, "City", "Herat<U+202E>"]]
    assert warned["reason"].tolist() == [
        "removed 1 invisible character (U+200B) from the name; nothing is left of it",
        "removed 1 direction character (U+202E) from the name; read as 'Herat'",
    ]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("Herat", ""),
        ("Ras\tAl  Khaimah", ""),  # spaces and tabs are not characters taken out
        ("Far\x07ah\x07\x1b", "removed 3 control characters (U+0007, U+001B) from the name; read as 'Farah'"),
        ("\u202eDubai\u200f\u00ad", "removed 2 direction characters (U+202E, U+200F) and 1 invisible "
                                   "character (U+00AD) from the name; read as 'Dubai'"),
    ],
)
def test_name_warning_says_what_was_removed(raw, reason):
    assert name_warning(raw) == reason


def test_a_name_repeated_on_many_lines_is_reported_once_at_its_first(tmp_path):
    data = "City,Country,Year,Value\nKabul,AF,2019,1\nHer\x07at,AF,2019,2\nHer\x07at,AF,2020,3\n"
    _, report = load(tmp_path, data, MAPPING)
    warned = report.frame().query("severity == 'warning' and reason.str.startswith('removed')")
    assert warned["line"].tolist() == [3]


def test_a_place_of_a_known_region_is_looked_for_among_villages_when_its_name_is_the_countrys_only():
    """Most of Bolivia's municipalities are named after a seat of a few hundred or thousand people,
    not among the towns of 5,000: 265 of 339 were left off the map. Within a known region the one
    place of 500 people of that name in the whole country is taken, coordinates only; a name several
    places bear is not (the one San Pedro of Santa Cruz's department lies 380 km from the
    municipality's), nor is a name without a region."""
    from loaders.gazetteer import match_cities, match_city

    hit, note = match_city("Samaipata", "BOL", "08")
    assert hit is not None and hit["lat"] == pytest.approx(-18.18, abs=0.01) and hit["population"] is None
    assert "the only place of that name in BOL among places of 500 people" in note and "check it" in note
    assert match_city("Samaipata", "BOL", "04")[0] is None  # in another department than the one given
    assert match_city("Samaipata", "BOL")[0] is None  # no region: a country is too large to search so
    far_east = match_city("San Pedro", "BOL", "08")[0]
    assert far_east is None or far_east["geonameid"] != 3444091
    # a department named in words, learned from its places found by their exact name
    names = ["Coroico", "Viacha", "Achacachi", "Copacabana"]
    found = dict(zip(names, match_cities(names, ["BOL"] * 4, ["La Paz"] * 4), strict=True))
    assert found["Coroico"][0] is not None and found["Coroico"][0]["admin1"] == "04"
    assert "the only place of that name" in found["Coroico"][1]


def test_a_region_named_in_words_is_learned_from_the_places_found_in_it():
    """Bolivia's departments are named in words, which the gazetteer (regions by code) cannot read:
    Tinguipaya of Potosí was placed at Tiquipaya, Cochabamba (62,675 people) and San Ignacio of Beni
    at San Ignacio de Velasco, Santa Cruz. A department is read as the gazetteer region most of its
    places found by their exact name are in; a place found in another one is looked for in it, else
    left without coordinates, with the reason."""
    from loaders.gazetteer import match_cities

    names = ["Tinguipaya", "Potosí", "Uyuni", "Tupiza", "Villazón", "San Ignacio", "Trinidad", "Riberalta",
             "Guayaramerín"]
    found = match_cities(names, ["BOL"] * 9, ["Potosí"] * 5 + ["Beni"] * 4)
    hits = {name: hit for name, (hit, _) in zip(names, found, strict=True)}
    assert hits["Tinguipaya"] is None
    assert "is in another region than the 4 places of Potosí found by their exact name" in found[0][1]
    ignacio = hits["San Ignacio"]
    assert ignacio["name"].startswith("San Ignacio de Mox") and ignacio["admin1"] == "03"
    assert {hits[n]["admin1"] for n in names[1:5]} == {"07"}
    # without a region, or with one learned from too few places, as before
    alone = match_cities(["San Ignacio"], ["BOL"], [None])[0][0]
    assert alone is not None and alone["admin1"] != "03"
