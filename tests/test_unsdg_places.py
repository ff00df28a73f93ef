"""The UN long reader's places: a blank city in a city series is rejected, not made the country; a
numeric area code that is no country's, beside a country's name, is rejected like 'abc'."""

from __future__ import annotations

from tests.test_unsdg import issues, read, write

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
