"""Countries to ISO3 and UN regions; cities to the gazetteer."""

import pandas as pd
import pytest

from loaders.places import country_facts, country_iso3, harmonise, match_city, place_id
from loaders.report import ImportReport


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kenya", "KEN"),
        ("KEN", "KEN"),
        ("KE", "KEN"),
        ("404", "KEN"),
        ("004", "AFG"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Côte d'Ivoire", "CIV"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("NA", "NAM"),
        ("World", None),
        ("Northern Europe", None),
        ("", None),
    ],
)
def test_country_iso3(text, iso3):
    assert country_iso3(text) == iso3


def test_country_facts_give_m49_regions():
    facts = country_facts("KEN")
    assert (facts["un_region"], facts["un_subregion"], facts["m49"]) == (
        "Africa",
        "Eastern Africa",
        "404",
    )


def test_match_city_handles_accents_and_alternate_names():
    assert match_city("Sao Paulo", "BRA")[0]["name"] == "São Paulo"
    assert match_city("München")[0]["iso3"] == "DEU"
    assert match_city("Los Angeles County", "USA")[0]["name"] == "Los Angeles"


def test_ambiguous_city_is_reported_not_guessed():
    hit, reason = match_city("Córdoba")
    assert hit is None
    assert "ambiguous" in reason and "ARG" in reason and "ESP" in reason
    assert match_city("Córdoba", "ESP")[0]["iso3"] == "ESP"


def test_place_ids_are_stable_slugs():
    assert place_id("country", "Kenya", "KEN") == "ken"
    assert place_id("city", "São Paulo", "BRA") == "bra-sao-paulo"
    assert place_id("district", "Ashley", parent_id="gbr-bristol", code="E05010885") == (
        "gbr-bristol-e05010885"
    )


def test_harmonise_fills_regions_and_coordinates_and_reports_unknowns():
    frame = pd.DataFrame(
        {
            "place_id": ["ken-nairobi", "xx-atlantis"],
            "name": ["Nairobi", "Atlantis Nowhere"],
            "kind": ["city", "city"],
            "country": ["Kenya", None],
        }
    )
    report = ImportReport()
    out = harmonise(frame, report, "test.csv")
    nairobi = out.iloc[0]
    assert nairobi["country_iso3"] == "KEN" and nairobi["un_region"] == "Africa"
    assert abs(nairobi["lat"] - -1.28) < 0.1 and nairobi["population"] > 1_000_000
    assert pd.isna(out.iloc[1]["lat"])
    assert any("Atlantis" in issue["value"] for issue in report.issues)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Korea, Rep.", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Congo, Democratic Republic of the", "COD"),
        ("Bahamas, The", "BHS"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Allemagne", "DEU"),
        ("Côte d’Ivoire", "CIV"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Micronesia", None),
        ("Latin America and the Caribbean", None),
    ],
)
def test_country_names_in_other_spellings_and_languages(text, iso3):
    assert country_iso3(text) == iso3


def test_country_table_is_the_un_m49_standard():
    from loaders.countries import countries, m49_table, region_codes

    m49 = m49_table()
    assert len(m49) == 248 and m49["iso3"].is_unique and m49["m49"].str.fullmatch(r"\d{3}").all()
    assert country_facts("NRU")["un_subregion"] == "Micronesia"
    assert country_facts("BRA")["un_subregion"] == "South America"
    assert country_facts("USA")["name"] == "United States"
    assert country_facts("TWN")["un_region"] == ""
    assert region_codes()["Sub-Saharan Africa"] == "202" and region_codes()["Western Europe"] == "155"
    assert countries()["iso3"].is_unique


def test_city_within_country_and_region():
    assert match_city("Columbus", "USA")[0]["admin1"] == "OH"  # 4x Columbus GA: largest wins
    assert match_city("Columbus (GA)", "USA")[0]["admin1"] == "GA"
    assert match_city("Columbus", "USA", "Georgia")[0]["admin1"] == "GA"
    assert match_city("Portland, Oregon", "USA")[0]["admin1"] == "OR"
    assert match_city("Portland (ME)", "USA")[0]["admin1"] == "ME"
    hit, reason = match_city("Springfield", "USA")
    assert hit is None and "ambiguous" in reason and "MO" in reason and "MA" in reason
    assert "GeoNames" in reason and "region or state" in reason
    assert match_city("Springfield (IL)", "USA")[0]["admin1"] == "IL"
    assert match_city("Leon (Spain)")[0]["iso3"] == "ESP"


def test_city_spellings_and_joined_names_within_a_country():
    assert match_city("Koln", "DEU")[0]["name"] == "Köln"
    assert match_city("Shauliai", "LTU")[0]["name"] == "Šiauliai"
    assert match_city("Gold Coast-Tweed Heads", "AUS")[0]["name"] == "Gold Coast"
    assert match_city("Qacentina (Constantine)", "DZA")[0]["name"] == "Constantine"
    assert match_city("Greater Hobart", "AUS")[0]["name"] == "Hobart"
    assert match_city("Xyzzyplugh", "DEU")[0] is None


def test_harmonise_uses_region_and_geonames_id_and_keeps_ambiguous_rows():
    frame = pd.DataFrame(
        {
            "place_id": ["usa-columbus-ga", "usa-columbus-oh", "usa-springfield", "usa-x"],
            "name": ["Columbus", "Columbus", "Springfield", "Somewhere"],
            "kind": ["city"] * 4,
            "country": ["USA"] * 4,
            "region": ["GA", "Ohio", None, None],
            "geonameid": [None, None, None, "5391959"],  # San Francisco by its GeoNames id
        }
    )
    report = ImportReport()
    out = harmonise(frame, report, "cities.csv").set_index("place_id")
    assert len(out) == 4
    assert abs(out.loc["usa-columbus-ga", "lat"] - 32.46) < 0.1
    assert abs(out.loc["usa-columbus-oh", "lat"] - 39.96) < 0.1
    assert pd.isna(out.loc["usa-springfield", "lat"])
    assert abs(out.loc["usa-x", "lat"] - 37.77) < 0.1
    ambiguous = [i for i in report.issues if i["value"] == "Springfield"]
    assert ambiguous and "Springfield (USA, MO" in ambiguous[0]["reason"]
    assert any(i["reason"].startswith("3 of 4 cities placed") for i in report.issues)


def test_two_places_of_one_name_in_one_country_stay_two():
    assert place_id("city", "Columbus", "USA", region="OH") == "usa-columbus-oh"
    assert place_id("city", "Columbus", "USA", region="GA") == "usa-columbus-ga"
    assert place_id("city", "Columbus (OH)", "USA", region="OH") == "usa-columbus-oh"


def test_many_places_are_matched_as_one_by_one_and_each_name_once(monkeypatch):
    """`match_cities` (used by `harmonise`) finds what `match_city` finds, for plain names of
    one city, qualified names, regions, ambiguous and unknown names, and looks each key up once."""
    from loaders import gazetteer

    keys = [("Nairobi", "KEN", None), ("Bristol", "GBR", None), ("Columbus (OH)", "USA", None),
            ("Columbus", "USA", "GA"), ("Springfield", "USA", None), ("Nowhere Town", "KEN", None),
            ("São Paulo", "BRA", None), ("Leon", None, None), ("Nairobi", "KEN", None)]
    expected = [gazetteer.match_city(*key) for key in keys]
    calls = []
    real = gazetteer.match_city
    monkeypatch.setattr(gazetteer, "match_city", lambda *key: calls.append(key) or real(*key))
    found = gazetteer.match_cities(*map(list, zip(*keys, strict=True)))
    assert found == expected  # the same gazetteer rows, as the same plain values
    assert len(calls) == len(set(calls)) and ("Nairobi", "KEN", None) not in calls


def test_the_gazetteer_is_built_once_and_then_read_from_the_cache_folder(tmp_path, monkeypatch):
    """The first import builds the gazetteer table and keeps it under $CITY_SDG_CACHE; later ones
    read the same table. A damaged copy is built again and replaced, a folder that cannot be
    written to only means building each time, and the file's name follows what the table is made
    from, so changed country tables never meet a stale copy."""
    import os

    from loaders import countries, gazetteer_table
    from loaders.paths import REPO_ROOT

    monkeypatch.setenv("CITY_SDG_CACHE", str(tmp_path / "cache"))
    built = gazetteer_table.built_gazetteer(15000)
    stale, other_tier = (tmp_path / "cache" / name for name in (
        "gazetteer-15000-0123456789abcdef.parquet", "gazetteer-5000-0123456789abcdef.parquet"))
    stale.parent.mkdir()
    stale.write_bytes(b"an earlier release's table")
    other_tier.write_bytes(b"towns")
    gazetteer_table.gazetteer_of.cache_clear()
    try:
        first = gazetteer_table.gazetteer_of(15000)
        assert not stale.exists() and other_tier.exists()  # a newer table replaces its own tier only
        path = gazetteer_table.cached_path(15000)
        assert path.parent == tmp_path / "cache" and path.is_file()
        pd.testing.assert_frame_equal(first, built)
        pd.testing.assert_frame_equal(gazetteer_table.read_cached(path), built)
        assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary left
        assert path.stat().st_mode & 0o777 == 0o644  # other users of a shared folder read it too

        path.write_bytes(b"not parquet")
        gazetteer_table.gazetteer_of.cache_clear()
        pd.testing.assert_frame_equal(gazetteer_table.gazetteer_of(15000), built)
        pd.testing.assert_frame_equal(gazetteer_table.read_cached(path), built)

        monkeypatch.setenv("CITY_SDG_CACHE", str(path))  # a file where the folder should be
        gazetteer_table.gazetteer_of.cache_clear()
        pd.testing.assert_frame_equal(gazetteer_table.gazetteer_of(15000), built)
    finally:
        gazetteer_table.gazetteer_of.cache_clear()

    # the same table whichever process builds it (Python's hash seed changes set order)
    import hashlib
    import subprocess
    import sys

    def digest_of(table):
        return hashlib.sha256(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes()).hexdigest()

    script = ("import hashlib, pandas as pd; from loaders import gazetteer_table; "
              "t = gazetteer_table.built_gazetteer(15000); "
              "rows = pd.util.hash_pandas_object(t, index=True).to_numpy(); "
              "print(hashlib.sha256(rows.tobytes()).hexdigest())")
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}, cwd=str(REPO_ROOT))
    assert other.stdout.strip() == digest_of(built)

    aliases = tmp_path / "aliases.csv"
    aliases.write_bytes(countries.ALIASES_FILE.read_bytes() + b"\n")
    before = gazetteer_table.cached_path(15000)
    monkeypatch.setattr(countries, "ALIASES_FILE", aliases)
    gazetteer_table.made_from.cache_clear()
    try:
        assert gazetteer_table.cached_path(15000) != before
    finally:
        monkeypatch.undo()
        gazetteer_table.made_from.cache_clear()
    assert gazetteer_table.cached_path(5000) != gazetteer_table.cached_path(15000)


def test_the_cache_folder_follows_the_environment():
    from pathlib import Path

    from loaders.paths import cache_folder

    assert cache_folder({"CITY_SDG_CACHE": "/srv/cache"}) == Path("/srv/cache")
    assert cache_folder({"XDG_CACHE_HOME": "/x"}) == Path("/x/city-sdg")
    assert cache_folder({"XDG_CACHE_HOME": ""}) == Path.home() / ".cache" / "city-sdg"  # empty: unset


def test_a_qualifier_the_gazetteer_cannot_read_is_reported_where_the_name_has_several_places():
    """'San Jose City (Nueva Ecija)': the province in brackets is no region code, and the Philippines
    have several San Joses; the largest, 390 km away, was taken in silence. It is still taken (as
    'Newport (Wales)' and 'Aurangabad (Maharashtra)' rightly are: regions' names outside the US are
    not in the gazetteer), but the report says which one and asks to check it."""
    found, note = match_city("San Jose City (Nueva Ecija)", "PHL")
    assert found["admin1"] == "41" and note.startswith(
        "city 'San Jose City (Nueva Ecija)' placed at the largest of 3 places of that name: San Jose (PHL, "
        "region 41, population 143,495, GeoNames 1689510); its qualifier 'Nueva Ecija' was not read")
    assert match_city("Newport (Wales)", "GBR")[0]["admin1"] == "WLS"
    assert match_city("Columbus (OH)", "USA")[1] == "" and match_city("Leon (Spain)")[0]["iso3"] == "ESP"
    report = ImportReport()
    frame = pd.DataFrame({"place_id": ["phl-a"], "name": ["San Jose City (Nueva Ecija)"], "kind": ["city"],
                          "country_iso3": ["PHL"]})
    placed = harmonise(frame, report, "f.csv")
    assert placed["lat"].notna().all()
    warned = report.frame()
    assert (warned["severity"] == "warning").any() and warned["reason"].str.contains("was not read").any()


def test_a_chinese_city_one_letter_from_others_is_not_taken_for_one_of_them():
    """UNSD's city populations: Zhuozhou (Hebei) was placed on Zhuzhou (Hunan), Jintan on Jinan,
    Chongzhou on Changzhou, each with the other city's population; a transliteration that stands
    alone is still found."""
    from loaders.spellings import close_spelling

    for name in ("zhuozhou", "jintan", "chongzhou", "huozhou", "linhai", "hejian"):
        assert close_spelling(name, "CHN") is None, name
    # a spelling that stands apart from its rivals, or the same letters without GeoNames' spaces
    assert close_spelling("sao carlo", "BRA") == "sao carlos"
    assert close_spelling("gaoan", "CHN") == "gao an" and close_spelling("tandoadam", "PAK") == "tando adam"
    assert match_city("Zhuozhou", "CHN") == (None, "city 'Zhuozhou' not found in the gazetteer in CHN")
    assert match_city("Shauliai", "LTU")[0]["name"] == "Šiauliai"


def test_a_large_city_of_the_name_in_another_country_is_named_in_the_reason():
    """The UN's Global Database lists Windhoek under Angola: it was "not found in the gazetteer in
    AGO" with nothing to say that Namibia's capital is the city meant."""
    found, reason = match_city("Windhoek", "AGO")
    assert found is None and reason.startswith("city 'Windhoek' not found in the gazetteer in AGO; ")
    assert "the gazetteer has Windhoek in NAM (population " in reason
    assert match_city("Windhoek", "NAM")[0]["iso3"] == "NAM"
    assert match_city("Windhoek")[0]["iso3"] == "NAM"  # no country asked: found, nothing to say
    assert "the gazetteer has Lahore in PAK" in match_city("Lahore", "PHL")[1]  # the UN's, too
    # a common name, or a town's of the name of a larger city abroad, is no sign of a wrong country
    for name, iso3 in (("San Carlos", "CRI"), ("Floridablanca", "PHL"), ("Zhuozhou", "CHN")):
        assert match_city(name, iso3)[1] == f"city '{name}' not found in the gazetteer in {iso3}"


@pytest.mark.realdata
def test_the_un_s_windhoek_under_angola_is_reported_with_namibia_s(realdata, tmp_path):
    from dashboard.cli import main

    path = realdata / "unsd-fis4sdgs/data/unsd/2019.Q2.G.01/All_Countries_Goal_11.xlsx"
    report = tmp_path / "report.csv"
    assert main(["import", str(path), "--store", str(tmp_path / "store"), "--report", str(report),
                 "--quiet"]) in (0, 1)
    said = pd.read_csv(report)
    windhoek = said[said["value"] == "Windhoek"]
    assert len(windhoek) == 1 and windhoek["reason"].str.contains("the gazetteer has Windhoek in NAM").all()


def test_namesakes_told_apart_by_unread_words_are_not_put_on_one_city():
    """'Chaoyang (Guangdong)' and 'Chaoyang (Liaoning)' both stood at Chaoyang, Liaoning, with its
    population: at most one can be there."""
    from loaders.gazetteer import match_cities

    names = ["Chaoyang (Guangdong)", "Chaoyang (Liaoning)", "Kashi (Xinjiang)"]
    found = match_cities(names, ["CHN"] * 3, [None] * 3)
    assert [hit for hit, _ in found[:2]] == [None, None]
    assert "'Chaoyang (Guangdong)' and 'Chaoyang (Liaoning)' are told apart by words" in found[0][1]
    assert found[2][0]["name"] == "Kashgar"  # one of its name in the file: placed, with its warning


def test_a_given_geonames_id_of_a_city_of_other_names_is_warned():
    """The UN's 11.2.1 file gives Torbay the GeoNames id (and coordinates) of Corby, Swat those of
    Quetta; the import said nothing. Another spelling of the id's city is no warning."""
    frame = pd.DataFrame({"place_id": ["gbr-torbay", "kaz-qaragandy"], "name": ["Torbay", "Qaragandy"],
                          "kind": ["city", "city"], "country": ["GBR", "KAZ"],
                          "geonameid": ["2652381", "609655"]})
    report = ImportReport()
    harmonise(frame, report, "pt-access.csv")
    warned = report.frame().query("column == 'geonameid'")
    assert warned["reason"].tolist() == [
        "GeoNames id 2652381 is Corby (GBR, population 68,164), not 'Torbay': the row gives that city's id; "
        "check it"]
