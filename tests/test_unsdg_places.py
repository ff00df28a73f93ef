"""The UN readers' places: a blank city in a city series is rejected, not made the country, in the
long, wide, JSON and UN-Habitat layouts; a city name that loses invisible characters is reported; a
numeric area code that is no country's, beside a country's name, is rejected like 'abc'."""

from __future__ import annotations

import json

from loaders.report import WARNING
from tests.test_unsdg import issues, read, write

EMPTY = "empty city (the other rows of series '{}' for this area name their city)"

HEADER = "Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,Cities,TimePeriod,Value\n"  # noqa: E501
CITIES = HEADER + (
    "11,11.7,11.7.1,EN_URB_OPENSP,Open space,4,Afghanistan,Herat,2020,55.6\n"
    "11,11.7,11.7.1,EN_URB_OPENSP,Open space,4,Afghanistan,Kabul,2020,40.1\n"
    '11,11.7,11.7.1,EN_URB_OPENSP,Open space,4,Afghanistan,"  ",2020,70.5\n'
    "11,11.7,11.7.1,EN_URB_OPENSP,Open space,12,Algeria,Tiaret,2020,32.1\n"
    "11,11.7,11.7.1,EN_URB_OPENSP,Open space,99999,Algeria,Tolga,2020,81.4\n"
    "11,11.6,11.6.2,EN_ATM_PM25,PM2.5,4,Afghanistan,,2020,50.5\n"
    "11,11.6,11.6.2,EN_ATM_PM25,PM2.5,12,Algeria,,2020,20.1\n"
    "11,11.6,11.6.2,EN_ATM_PM25,PM2.5,12,Algeria,,2019,20.3\n"
    "11,11.6,11.6.2,EN_ATM_PM25,PM2.5,12,Algeria,Algiers,2020,30.3\n"
)


def test_blank_city_in_a_city_series_is_rejected_and_national_rows_stay_national(tmp_path):
    bundle, report, count = read(write(tmp_path / "long.csv", CITIES))
    rejected = issues(report)
    reasons = dict(zip(rejected["line"].astype(int), rejected["reason"], strict=True))
    assert reasons[4] == "empty city (the other rows of series 'EN_URB_OPENSP' for this area name their city)"
    assert rejected.set_index("line").loc[4, "column"] == "Cities"
    assert "afg" not in set(bundle.observations.query("indicator_id == 'en-urb-opensp'")["place_id"])
    pm25 = bundle.observations.query("indicator_id == 'en-atm-pm25'")
    assert set(pm25["place_id"]) == {"afg", "dza", "dza-algiers"}  # national rows of a national series
    assert (count.rows_read, count.rows_kept) == (9, 7)


def test_an_unknown_area_code_beside_a_country_name_is_rejected(tmp_path):
    bundle, report, _ = read(write(tmp_path / "long.csv", CITIES))
    rejected = issues(report).set_index("line")
    assert rejected.loc[6, "column"] == "GeoAreaCode"
    assert rejected.loc[6, "reason"].startswith("unknown area: code '99999'")
    assert "tolga" not in set(bundle.places["place_id"])


WIDE = (
    "goal|target|indicator|seriesCode|seriesDesc|geoAreaCode|geoAreaName|type|citiesCode|citiesDesc|value_2019|value_2020\n"  # noqa: E501
    "11|11.6|11.6.2|EN_ATM_PM25|PM2.5|004|Afghanistan|Country|AF_KABUL|Kabul|60.1|61.2\n"
    "11|11.6|11.6.2|EN_ATM_PM25|PM2.5|004|Afghanistan|Country|AF_HERAT|Herat|40.1|41.2\n"
    "11|11.6|11.6.2|EN_ATM_PM25|PM2.5|004|Afghanistan|Country|\u200b||70.5|71.5\n"
    "11|11.1|11.1.1|EN_LND_SLUM|Slums|004|Afghanistan|Country|||62.7|71.3\n"
).replace("|", "\t")
"""A city series with a blank city on line 4 (a zero-width space is no name); a national series."""


def test_wide_blank_city_in_a_city_series_is_rejected(tmp_path):
    bundle, report, count = read(write(tmp_path / "wide.csv", WIDE))
    rejected = issues(report)
    assert rejected[["line", "column"]].values.tolist() == [[4, "citiesCode"]]
    assert rejected.loc[0, "reason"] == EMPTY.format("EN_ATM_PM25")
    pm25 = bundle.observations.query("indicator_id == 'en-atm-pm25'")
    assert set(pm25["place_id"]) == {"afg-kabul", "afg-herat"}  # 70.5 is no longer Afghanistan's
    assert set(bundle.observations.query("indicator_id == 'en-lnd-slum'")["place_id"]) == {"afg"}
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (4, 3, 1)


HABITAT = """\
SDG Goal,SDG Target,SDG Indicator,Country or Territory Code,Country or Territory Name,SDG Region,SDG Sub-Region,City Code,City Name,Data Reference Year,Open space (%)
11,11.7,11.7.1,4,Afghanistan,Central and Southern Asia,Southern Asia,AF_KABUL,Kabul,2020,40.1
11,11.7,11.7.1,4,Afghanistan,Central and Southern Asia,Southern Asia,AF_HERAT,Herat,2020,55.6
11,11.7,11.7.1,4,Afghanistan,Central and Southern Asia,Southern Asia,,,2020,70.5
11,11.7,11.7.1,12,Algeria,Northern Africa,Northern Africa,,,2020,33.3
11,11.7,11.7.1,62,Central and Southern Asia,Central and Southern Asia,Central and Southern Asia,,,2020,44.2
"""  # noqa: E501
"""A country with two cities and a blank one; a country and a region with no city at all."""


def test_habitat_blank_city_beside_the_countrys_cities_is_rejected(tmp_path):
    bundle, report, count = read(write(tmp_path / "habitat.csv", HABITAT))
    rejected = issues(report)
    assert rejected[["line", "column"]].values.tolist() == [[4, "City Name"]]
    assert rejected.loc[0, "reason"] == EMPTY.replace("series '{}'", "this table")
    assert set(bundle.observations["place_id"]) == {"afg-kabul", "afg-herat", "dza", "region-062"}
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (5, 4, 1)


def test_json_blank_city_in_a_city_series_is_rejected(tmp_path):
    def area(code: str, name: str, value: str) -> dict:
        return {"geoAreaCode": "004", "geoAreaName": "Afghanistan", "type": "Country", "citiesCode": code,
                "citiesDesc": name, "data": [{"timePeriod": 2020, "value_detail": value}]}

    document = {"goal": "11", "indicator": "11.6.2", "seriesCode": "EN_ATM_PM25", "seriesDesc": "PM2.5",
                "refAreas": [area("AF_KABUL", "Kabul", "60.1"), area("AF_HERAT", "Herat", "40.1"),
                             area("", " ", "70.5")]}
    bundle, report, count = read(write(tmp_path / "series.json", json.dumps(document)))
    rejected = issues(report)
    assert rejected[["column", "reason"]].values.tolist() == [
        ["refAreas[2].citiesCode", EMPTY.format("EN_ATM_PM25")]
    ]
    assert set(bundle.observations["place_id"]) == {"afg-kabul", "afg-herat"}
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (3, 2, 1)


def test_a_city_name_that_loses_characters_is_reported_and_kept(tmp_path):
    text = CITIES.replace("Herat,2020,55.6", "Her\x07at\u202e,2020,55.6")
    bundle, report, count = read(write(tmp_path / "long.csv", text))
    warned = issues(report, WARNING)
    warned = warned[warned["reason"].str.startswith("removed")]
    assert warned[["line", "column", "value"]].values.tolist() == [[2, "Cities", "Her<U+0007>at<U+202E>"]]
    assert warned.iloc[0]["reason"] == ("removed 1 control character (U+0007) and 1 direction character "
                                        "(U+202E) from the name; read as 'Herat'")
    assert bundle.places.set_index("place_id").loc["afg-herat", "name"] == "Herat"
    assert (count.rows_read, count.rows_kept) == (9, 7)  # as without the characters


def test_a_region_named_in_one_file_and_coded_in_another_is_one_place():
    """UN-Habitat's tables name their regions ("Northern America and Europe", "Global Average") in one
    file and code them (513, 001) in another: each region was two places, two pages and two search
    results. A region named without a code takes the code of the UN region or SDG regional grouping
    of those words, in any order."""
    from loaders import countries
    from loaders.unsdg.common import area_place

    assert countries.aggregate_code("Northern America and Europe") == "513"
    assert countries.aggregate_code("Western Asia and Northern Africa") == "747"
    assert countries.aggregate_code("Oceania excluding Australia and New Zealand") == "543"
    assert countries.aggregate_code("Global Average") == countries.aggregate_code("World") == "001"
    assert countries.aggregate_code("Eastern and South-eastern Asia") == "753"
    assert countries.aggregate_code("Sub-Saharan Africa") == "202"  # an M49 region
    assert countries.aggregate_code("ECOWAS") is None and countries.aggregate_code("") is None
    named, _ = area_place("", "Northern America and Europe", area_type="region")
    coded, _ = area_place("513", "Northern America and Europe", area_type="region")
    assert named["place_id"] == coded["place_id"] == "region-513"
    kept, _ = area_place("", "Pays CEDEAO", area_type="region")
    assert kept["place_id"] == "region-pays-cedeao"  # a group of no UN code keeps its name
