"""The UN SDG Global Database reader: long, wide, JSON and UN-Habitat layouts, every row counted."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import formats
from loaders.options import ReadOptions
from loaders.report import INFO, REJECTED, WARNING, ImportReport, LoadError
from loaders.unsdg import reader as unsdg
from loaders.unsdg.common import city_name

UNSD = Path("unsd-fis4sdgs/data/unsd")
HABITAT = Path("unhabitat-urban-indicators-hdx/tests/fixtures")

LONG_CSV = """\
UN SDG Global Database extract,,,,,,,,,,,,,
downloaded for a test,,,,,,,,,,,,,
Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,[Cities],TimePeriod,Value,[Units],Time_Detail,Source,FootNote,[Nature],[Sex],[Age]
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,,2016,25.8,GPERM3,2016,WHO,,E,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,,2016,24.1,GPERM3,2016,WHO,,E,FEMALE,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,Nairobi,2017,<0.5,GPERM3,,WHO,,M,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,,,AF_MAZAR_E_SHARIF,2017,>95,GPERM3,,WHO,,E,_T,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,1,World,,2015-2017,NaN,GPERM3,2015-2017,WHO,a note,E,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,1,World,,2018,N,GPERM3,,WHO,,E,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,,20x6,3,GPERM3,,WHO,,E,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,,2019,abc,GPERM3,,WHO,,E,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,XYZ,Atlantis,,2016,4,GPERM3,,WHO,,E,BOTHSEX,ALLAGE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,,2016,99,GPERM3,,WHO,,E,BOTHSEX,ALLAGE
"""
"""Lines 4-13: a headline, a female breakdown, two city rows with '<' and '>' values, a range
year with 'NaN', a coded 'N', a bad year, a garbage value, an unknown area, a duplicate of line 4."""

WIDE_TSV = """\
goal|target|indicator|seriesCode|seriesDesc|release|geoAreaCode|geoAreaName|parentCode|parentName|type|ISO3|UN_Member|X|Y|locationCode|locationDesc|unitsCode|unitsDesc|footnotes|sources|nature|value_2000|value_2016|value_latest_year|latest_year
11|11.6|11.6.2|EN_ATM_PM25|PM2.5|2019.Q3.G.01|004|Afghanistan|034|Southern Asia|Country|AFG|1|66.02688198|33.83160199|_T|All areas|GPERM3|Micrograms per cubic meter||WHO|E: Estimated data|50.5|53.17|53.17|2016
11|11.6|11.6.2|EN_ATM_PM25|PM2.5|2019.Q3.G.01|004|Afghanistan|034|Southern Asia|Country|AFG|1|66.02688198|33.83160199|U|Urban|GPERM3|Micrograms per cubic meter||WHO|E: Estimated data||59.85|59.85|2016
11|11.6|11.6.2|EN_ATM_PM25|PM2.5|2019.Q3.G.01|008|Albania|039|Southern Europe|Country|ALB|1|20.07|41.14|_T|All areas|GPERM3|Micrograms per cubic meter|||||||
11|11.6|11.6.2|EN_ATM_PM25|PM2.5|2019.Q3.G.01|001|World|||Region|||||_T|All areas|GPERM3|Micrograms per cubic meter||WHO||||41.2|2018
""".replace("|", "\t")  # noqa: E501 - rows as published
"""Afghanistan total and urban; Albania with no value at all; World with only a latest value
for a year that has no column of its own."""


def write(path: Path, content: str, newline: str = "\n") -> Path:
    path.write_bytes(content.replace("\n", newline).encode("utf-8"))
    return path


def write_wide(tmp_path: Path, name: str = "csv_Indicator_11.6.2.csv") -> Path:
    """The UNSD extract as published: TAB-separated although named .csv, CRLF line ends."""
    return write(tmp_path / name, WIDE_TSV, newline="\r\n")


def read(path: Path, options: ReadOptions | None = None):
    report = ImportReport()
    bundle = unsdg.read(path, report, options or ReadOptions())
    return bundle, report, report.count(path)


def issues(report: ImportReport, severity: str = REJECTED) -> pd.DataFrame:
    frame = report.frame()
    return frame[frame["severity"] == severity].reset_index(drop=True)


def observation(bundle, place_id: str, year: int, breakdown: str = "") -> pd.Series:
    obs = bundle.observations
    hit = obs[(obs["place_id"] == place_id) & (obs["year"] == year) & (obs["breakdown"] == breakdown)]
    assert len(hit) == 1, f"{place_id} {year} {breakdown!r}: {len(hit)} rows"
    return hit.iloc[0]


# long format ------------------------------------------------------------------------------


def test_long_csv_counts_every_row(tmp_path):
    path = write(tmp_path / "export.csv", LONG_CSV)
    assert unsdg.sniff_kind(path) == "long", "found below two title rows"
    bundle, report, count = read(path)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (10, 6, 4)
    assert len(bundle.observations) == 6
    rejected = issues(report)
    assert list(rejected["line"]) == [10, 11, 12, 13]
    assert list(rejected["column"]) == ["TimePeriod", "Value", "GeoAreaCode", "Value"]
    assert list(rejected["value"])[:3] == ["20x6", "abc", "XYZ"]
    assert "duplicate of line 4" in rejected.loc[3, "reason"]
    assert "unknown area" in rejected.loc[2, "reason"]


def test_long_csv_values_flags_and_breakdowns(tmp_path):
    bundle, _, _ = read(write(tmp_path / "export.csv", LONG_CSV))
    headline = observation(bundle, "ken", 2016)
    assert headline["value"] == 25.8 and headline["source"] == "WHO"
    assert headline["note"] == "Nature: Estimated data"
    assert observation(bundle, "ken", 2016, "Sex=Female")["value"] == 24.1
    nairobi = observation(bundle, "ken-nairobi", 2017)
    assert (nairobi["value"], nairobi["flag"]) == (0.5, "<")
    assert nairobi["note"] == "Nature: Modeled data"
    mazar = observation(bundle, "afg-mazar-e-sharif", 2017)
    assert (mazar["value"], mazar["flag"]) == (95, ">")
    ranged = observation(bundle, "region-001", 2017)
    assert ranged["year_label"] == "2015-2017"
    assert pd.isna(ranged["value"]) and ranged["flag"] == "missing"
    assert "Footnote: a note" in ranged["note"]
    coded = observation(bundle, "region-001", 2018)
    assert coded["flag"] == "missing" and coded["note"].startswith("value given as 'N'")


def test_long_csv_places_and_indicator(tmp_path):
    bundle, _, _ = read(write(tmp_path / "export.csv", LONG_CSV))
    places = bundle.places.set_index("place_id")
    assert places.loc["ken", "kind"] == "country" and places.loc["ken", "country_iso3"] == "KEN"
    assert places.loc["region-001", "kind"] == "region"
    assert places.loc["region-001", "name"] == "World"
    nairobi = places.loc["ken-nairobi"]
    assert (nairobi["kind"], nairobi["parent_id"], nairobi["country"]) == ("city", "ken", "KEN")
    mazar = places.loc["afg-mazar-e-sharif"]
    assert (mazar["name"], mazar["country_iso3"], mazar["code"]) == (
        "Mazar E Sharif",
        "AFG",
        "AF_MAZAR_E_SHARIF",
    )
    indicator = bundle.indicators.set_index("indicator_id").loc["en-atm-pm25"]
    assert (indicator["goal"], indicator["target"], indicator["un_code"]) == (11, "11.6", "11.6.2")
    assert (indicator["name"], indicator["unit"], indicator["source"]) == ("PM2.5 in cities", "GPERM3", "WHO")


def test_long_rows_without_series_or_year_are_rejected(tmp_path):
    content = (
        "Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value\n"
        "11,11.1,,,,4,Afghanistan,2016,3\n"
        "11,11.1,11.1.1,,Slums,4,Afghanistan,1492,3\n"
        "11,11.1,11.1.1,,Slums,4,Afghanistan,2016,3\n"
    )
    bundle, report, count = read(write(tmp_path / "x.csv", content))
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (3, 1, 2)
    assert list(issues(report)["column"]) == ["SeriesCode", "TimePeriod"]
    assert list(bundle.indicators["indicator_id"]) == ["11-1-1"]


def test_long_workbook_reads_every_sheet_with_the_header(tmp_path):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "About"
    notes.append(["This workbook was exported from the UN SDG Global Database."])
    header = [
        "Goal",
        "Target",
        "Indicator",
        "SeriesCode",
        "SeriesDescription",
        "GeoAreaCode",
        "GeoAreaName",
        "TimePeriod",
        "Value",
        "Units",
    ]
    for title, rows in {
        "Goal 11": [[11, 11.1, "11.1.1", "EN_LND_SLUM", "Slums", 4, "Afghanistan", 2016, 71.3, "PERCENT"]],
        "Goal 6": [
            [6, 6.1, "6.1.1", "SH_H2O_SAFE", "Water", 8, "Albania", 2017, 70.1, "PERCENT"],
            [6, 6.1, "6.1.1", "SH_H2O_SAFE", "Water", 8, "Albania", "later", 71, "PERCENT"],
        ],
    }.items():
        sheet = book.create_sheet(title)
        sheet.append(["Title row above the header"])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "goals.xlsx"
    book.save(path)
    assert unsdg.sniff(path)
    bundle, report, count = read(path)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (3, 2, 1)
    assert set(bundle.indicators["indicator_id"]) == {"en-lnd-slum", "sh-h2o-safe"}
    assert observation(bundle, "alb", 2017)["value"] == 70.1
    rejected = issues(report).iloc[0]
    assert (rejected["line"], rejected["column"], rejected["value"]) == (4, "Goal 6!TimePeriod", "later")
    skipped = issues(report, INFO)
    assert list(skipped["column"]) == ["About"]


# wide format ------------------------------------------------------------------------------


def test_wide_tsv_one_observation_per_value_cell(tmp_path):
    path = write_wide(tmp_path)
    assert unsdg.sniff_kind(path) == "wide"
    bundle, report, count = read(path)
    assert (count.rows_read, count.rows_kept, count.rows_empty, count.rows_rejected) == (4, 3, 1, 0)
    assert len(bundle.observations) == 4, "value_latest_year repeats value_2016: counted once"
    assert observation(bundle, "afg", 2000)["value"] == 50.5
    assert observation(bundle, "afg", 2016)["value"] == 53.17
    urban = observation(bundle, "afg", 2016, "Location=Urban")
    assert urban["value"] == 59.85 and urban["note"] == "Nature: Estimated data"
    assert observation(bundle, "region-001", 2018)["value"] == 41.2
    assert issues(report).empty, "a country listed without any figure is not an error"
    assert list(issues(report, INFO)["reason"]) == [
        "1 row: no value in any value_YYYY column, nothing to import (line 4)"
    ]
    assert report.exit_status() == 0
    assert "4 rows read, 3 kept, 1 without a value, 0 rejected" in report.summary()
    assert issues(report, WARNING).empty, "value_latest_year is not a second observation"


def test_wide_places_keep_codes_and_centroids(tmp_path):
    bundle, _, _ = read(write_wide(tmp_path))
    afg = bundle.places.set_index("place_id").loc["afg"]
    assert (afg["code"], afg["kind"], afg["name"]) == ("004", "country", "Afghanistan")
    assert (afg["lon"], afg["lat"]) == (66.02688198, 33.83160199)
    assert "alb" not in set(bundle.places["place_id"]), "a place without observations is left out"
    unit = bundle.indicators.set_index("indicator_id").loc["en-atm-pm25", "unit"]
    assert unit == "Micrograms per cubic meter"


def test_wide_city_columns_and_repeated_rows(tmp_path):
    content = """\
goal|target|indicator|seriesCode|seriesDesc|geoAreaCode|geoAreaName|type|ISO3|citiesCode|citiesDesc|hazardTypeCode|hazardTypeDesc|unitsDesc|value_2015|value_2016
11|11.6|11.6.1|EN_REF_WASCOL|Waste|32|Argentina|Country|ARG|BUENOSAIRES|Buenos Aires|||Percentage|82.25|
11|11.6|11.6.1|EN_REF_WASCOL|Waste|20|Andorra|Country|AND|NOCITI|All areas or breakdown by cities not available|||Percentage||100
11|11.5|11.5.1|VC_DSR_MMHN|Deaths|404|Kenya|Country|KEN|||FLOOD|Flood|Number|3|12
11|11.5|11.5.1|VC_DSR_MMHN|Deaths|404|Kenya|Country|KEN|||FLOOD|Flood|Number|4|oops
11|11.5|11.5.1|VC_DSR_MMHN|Deaths|404|Kenya|Country|KEN|||STORM|Storm|Number|7|bad
"""  # noqa: E501 - rows as published
    path = write(tmp_path / "wide.tsv", content.replace("|", "\t"))
    bundle, report, count = read(path)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (5, 4, 1)
    assert observation(bundle, "arg-buenos-aires", 2015)["value"] == 82.25
    assert observation(bundle, "ken", 2015, "Hazard type=Storm")["value"] == 7
    partial = issues(report, WARNING)
    assert (partial.loc[0, "line"], partial.loc[0, "column"], partial.loc[0, "value"]) == (
        6,
        "value_2016",
        "bad",
    ), "a bad cell in a row that still gave a value is a warning"
    assert observation(bundle, "and", 2016)["value"] == 100
    assert observation(bundle, "ken", 2016, "Hazard type=Flood")["value"] == 12
    rejected = issues(report).set_index("column")
    assert sorted(rejected.index) == ["value_2015", "value_2016"]
    assert set(rejected["line"]) == {5}
    assert "duplicate of line 4" in rejected.loc["value_2015", "reason"]
    assert rejected.loc["value_2016", "value"] == "oops"


# JSON -------------------------------------------------------------------------------------


def test_nested_json_positions_and_censored_values(tmp_path):
    document = {
        "goal": "11",
        "target": "11.1",
        "indicator": "11.1.1",
        "seriesCode": "EN_LND_SLUM",
        "seriesDesc": "Proportion of urban population living in slums (%)",
        "release": "2019.Q3.G.01",
        "refAreas": [
            {
                "geoAreaCode": "001",
                "geoAreaName": "World",
                "type": "Region",
                "ISO3": None,
                "X": None,
                "Y": None,
                "data": [
                    {
                        "timePeriod": 2016,
                        "value_numeric_part": 23.5,
                        "value_is_censored": False,
                        "value_detail": "23.5",
                        "natureCode": "_X",
                        "unitsDesc": "Percentage",
                        "source": "UN-Habitat",
                        "footnotes": "",
                    }
                ],
            },
            {
                "geoAreaCode": "404",
                "geoAreaName": "Kenya",
                "type": "Country",
                "ISO3": "KEN",
                "X": 37.86,
                "Y": 0.53,
                "data": [
                    {
                        "timePeriod": 2014,
                        "value_numeric_part": 5.0,
                        "value_is_censored": True,
                        "value_detail": "<5",
                        "natureCode": "E",
                        "natureDesc": "Estimated data",
                        "unitsDesc": "Percentage",
                        "source": "UN-Habitat",
                        "footnotes": "Nairobi only",
                    },
                    {"timePeriod": "soon", "value_numeric_part": 6.0, "value_detail": "6"},
                ],
            },
            {"geoAreaCode": "680", "geoAreaName": "Sark", "type": "Country", "data": []},
        ],
    }
    path = tmp_path / "Indicator_11.1.1.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert unsdg.sniff_kind(path) == "json"
    bundle, report, count = read(path)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (3, 2, 1)
    kenya = observation(bundle, "ken", 2014)
    assert (kenya["value"], kenya["flag"]) == (5, "<")
    assert kenya["note"] == "Nature: Estimated data; Footnote: Nairobi only"
    assert observation(bundle, "region-001", 2016)["value"] == 23.5
    rejected = issues(report).iloc[0]
    assert pd.isna(rejected["line"])
    assert rejected["column"] == "refAreas[1].data[1].timePeriod"
    places = bundle.places.set_index("place_id")
    assert (places.loc["ken", "lon"], places.loc["ken", "lat"]) == (37.86, 0.53)
    assert bundle.sources[0]["release"] == "2019.Q3.G.01"


def test_json_censored_value_without_a_sign(tmp_path):
    item = {"timePeriod": 2015, "value_numeric_part": 0.1, "value_is_censored": True}
    area = {"geoAreaCode": "8", "geoAreaName": "Albania", "type": "Country", "data": [item]}
    document = [{"indicator": "6.1.1", "seriesCode": "SH_H2O_SAFE", "refAreas": [area]}]
    path = tmp_path / "series.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    bundle, _, count = read(path)
    assert count.rows_kept == 1
    albania = observation(bundle, "alb", 2015)
    assert (albania["value"], albania["flag"]) == (0.1, "censored")


# UN-Habitat city tables -------------------------------------------------------------------


def test_habitat_table_years_in_headers_and_national_rows(tmp_path):
    content = (
        "Country or Territory Name,City Code,City Name,SDG Sub-Region,SDG Region,"
        "Green share 1990 (%),Green share 2020 (%),Data Source,FootNote\n"
        "Afghanistan,AF_KABUL,Kabul,Southern Asia,Central and Southern Asia,5.5,3.5,UNH,green\n"
        "Norway,NOCITI_NORWAY,National,Northern Europe,Europe,,61,SSB,\n"
        "Sub-Saharan Africa,,,,Sub-Saharan Africa,18.7,8.8,UNH,\n"
        "Narnia,NA_CAIR,Cair Paravel,,,1,2,UNH,\n"
        "Afghanistan,AF_HERAT,Herat,Southern Asia,Central and Southern Asia,,,UNH,\n"
    )
    path = write(tmp_path / "green.csv", content)
    assert unsdg.sniff_kind(path) == "habitat"
    bundle, report, count = read(path)
    assert (count.rows_read, count.rows_kept, count.rows_empty, count.rows_rejected) == (5, 4, 1, 0)
    assert observation(bundle, "afg-kabul", 1990)["value"] == 5.5
    assert observation(bundle, "nor", 2020)["value"] == 61
    assert observation(bundle, "region-202", 2020)["value"] == 8.8  # the region's M49 code, from its name
    assert observation(bundle, "nam-cair-paravel", 1990)["value"] == 1
    indicator = bundle.indicators.iloc[0]
    assert (indicator["indicator_id"], indicator["name"], indicator["unit"]) == (
        "green-share",
        "Green share (%)",
        "%",
    )
    assert pd.isna(indicator["goal"])
    assert issues(report).empty
    assert "no value in any measure column, nothing to import (line 6)" in issues(report, INFO)["reason"][0]


# sniffing and errors ----------------------------------------------------------------------


def test_sniff_says_no_to_other_files(tmp_path):
    opensdg = write(tmp_path / "indicator_11-1-1.csv", "Year,Units,Value\n2016,Percent,3\n")
    prose = write(
        tmp_path / "notes.csv", "Columns: SeriesCode, GeoAreaCode, TimePeriod, Value\nand then, a, sentence\n"
    )
    empty = write(tmp_path / "empty.csv", "")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    other_json = tmp_path / "projects.json"
    other_json.write_text('[{"title": "x", "sdgs": "9, 13"}]', encoding="utf-8")
    for path in (opensdg, prose, empty, binary, other_json):
        assert not unsdg.sniff(path), path.name


def test_a_file_without_the_header_is_a_load_error(tmp_path):
    path = write(tmp_path / "indicator.csv", "Year,Units,Value\n2016,Percent,3\n")
    with pytest.raises(LoadError, match="no UN SDG Global Database header"):
        unsdg.read(path, ImportReport(), ReadOptions())


def test_broken_json_is_a_load_error(tmp_path):
    path = write(tmp_path / "series.json", '{"seriesCode": "EN_LND_SLUM", "refAreas": [')
    with pytest.raises(LoadError, match="not valid JSON"):
        unsdg.read(path, ImportReport(), ReadOptions())


def test_city_names_lose_the_alternative_in_brackets():
    assert city_name("Kābul (Kabul)", "", "AFG") == "Kābul"
    assert city_name("El Djazaïr  (Algiers)", "", "DZA") == "Algiers", "only Algiers is known"
    assert city_name("", "AF_MAZAR_E_SHARIF") == "Mazar E Sharif"


def test_the_registry_knows_the_reader():
    assert formats.reader("unsdg") is unsdg
    assert unsdg.NAME == "unsdg"


def test_rename_option_renames_series(tmp_path):
    options = ReadOptions(rename={"EN_ATM_PM25": "pm25"})
    bundle, _, _ = read(write_wide(tmp_path), options)
    assert set(bundle.observations["indicator_id"]) == {"pm25"}


# real files -------------------------------------------------------------------------------


def read_real(realdata: Path, relative: Path):
    path = realdata / relative
    assert unsdg.sniff(path), f"{relative} not recognised"
    bundle, report, count = read(path)
    assert count.rows_kept + count.rows_empty + count.rows_rejected == count.rows_read
    return bundle, report, count


@pytest.mark.realdata
def test_real_wide_slums_csv(realdata):
    bundle, report, count = read_real(
        realdata, UNSD / "2019.Q3.G.01/csv_Indicator_11.1.1_Series_EN_LND_SLUM.csv"
    )
    assert (count.rows_read, count.rows_kept, count.rows_empty, count.rows_rejected) == (248, 125, 123, 0)
    assert len(bundle.observations) == 493
    assert observation(bundle, "afg", 2016)["value"] == 71.3
    assert observation(bundle, "ken", 1990)["value"] == 54.9
    afg = bundle.places.set_index("place_id").loc["afg"]
    assert (afg["code"], afg["lon"]) == ("004", 66.02688198)
    assert report.frame()["severity"].tolist() == [INFO]
    assert report.frame()["reason"][0].startswith("123 rows: no value in any value_YYYY column, nothing")


@pytest.mark.realdata
def test_real_wide_pm25_urban_breakdown(realdata):
    bundle, _, count = read_real(realdata, UNSD / "2019.Q3.G.01/csv_Indicator_11.6.2_Series_EN_ATM_PM25.csv")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (496, 384, 0)
    assert observation(bundle, "afg", 2016)["value"] == pytest.approx(53.1707038879395)
    urban = observation(bundle, "afg", 2016, "Location=Urban")
    assert urban["value"] == pytest.approx(59.8548011779785)
    assert urban["source"] == "http://apps.who.int/gho/data/node.sdg.11-6"
    assert set(bundle.observations["breakdown"]) == {"", "Location=Urban"}


@pytest.mark.realdata
def test_real_wide_water_csv(realdata):
    bundle, _, count = read_real(realdata, UNSD / "2019.Q3.G.01/csv_Indicator_6.1.1_Series_SH_H2O_SAFE.csv")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (744, 205, 0)
    assert len(bundle.observations) == 3639
    assert set(bundle.observations["breakdown"]) == {"", "Location=Urban", "Location=Rural"}
    indicator = bundle.indicators.iloc[0]
    assert (indicator["indicator_id"], indicator["goal"], indicator["un_code"]) == ("sh-h2o-safe", 6, "6.1.1")


@pytest.mark.realdata
def test_real_json_matches_the_wide_extract(realdata):
    bundle, _, count = read_real(realdata, UNSD / "2019.Q3.G.01/Indicator_11.1.1_Series_EN_LND_SLUM.json")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (520, 520, 0)
    assert observation(bundle, "region-001", 2016)["value"] == 23.5
    assert bundle.places["kind"].value_counts().to_dict() == {"country": 125, "region": 9}
    wide, _, _ = read(realdata / UNSD / "2019.Q3.G.01/csv_Indicator_11.1.1_Series_EN_LND_SLUM.csv")
    key = ["place_id", "year"]
    both = wide.observations.merge(bundle.observations, on=key, suffixes=("_wide", "_json"))
    assert len(both) == len(wide.observations) == 493
    assert (both["value_wide"] == both["value_json"]).all()


@pytest.mark.realdata
@pytest.mark.slow
def test_real_all_countries_goal_11_workbook(realdata):
    bundle, report, count = read_real(realdata, UNSD / "2019.Q2.G.01/All_Countries_Goal_11.xlsx")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (10641, 10641, 0)
    assert len(bundle.observations) == 53411
    assert len(bundle.indicators) == 37
    assert (bundle.places["kind"] == "city").sum() == 232
    assert observation(bundle, "arg-buenos-aires", 2015)["value"] == 82.25
    assert observation(bundle, "and", 2012)["value"] == 100, "NOCITI rows are national values"
    floods = bundle.observations["breakdown"] == "Hazard type=Flood"
    assert floods.sum() == 2810
    said = report.frame()
    headless = said["reason"].str.contains("has no headline row")
    assert said[~headless].empty, "no duplicates, no bad cells, every area known"
    # the disaster series come by hazard type only: named, as they are never scored
    assert said.loc[headless, "reason"].str.extract(r"'(vc-dsr-\w+)'")[0].tolist() == [
        "vc-dsr-ddhn", "vc-dsr-dyhn", "vc-dsr-mmhn", "vc-dsr-aglh", "vc-dsr-holh"]


@pytest.mark.realdata
def test_real_kenya_workbook(realdata):
    bundle, _, count = read_real(realdata, UNSD / "2019.Q2.G.01/Country_Kenya_404_Goal_11.xlsx")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (98, 98, 0)
    assert len(bundle.observations) == 676
    assert set(bundle.places["place_id"]) == {"ken", "ken-nairobi"}
    assert observation(bundle, "ken", 2016, "Location=Urban")["value"] == pytest.approx(25.7820682525635)


@pytest.mark.realdata
def test_real_long_export_with_city_names(realdata):
    bundle, report, count = read_real(realdata, HABITAT / "7476ba9ab3fa45ebb683e253a3688997-data.xlsx")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (26, 26, 0)
    kabul = observation(bundle, "afg-kabul", 2020)
    assert kabul["value"] == 13
    assert kabul["note"].startswith("Nature: Estimated data; Footnote: An open public space")
    assert set(bundle.places["kind"]) == {"city"}
    assert bundle.places.set_index("place_id").loc["afg-kabul", "name"] == "Kābul"
    assert "dza-algiers" in set(bundle.places["place_id"]), "El Djazaïr (Algiers)"
    indicator = bundle.indicators.set_index("indicator_id").loc["en-urb-opensp"]
    assert (indicator["un_code"], indicator["unit"]) == ("11.7.1", "PERCENT")
    assert report.frame().empty


@pytest.mark.realdata
def test_real_habitat_open_space_table(realdata):
    bundle, _, count = read_real(realdata, HABITAT / "input/fbb02b19d417497093418484448e3465-data.xlsx")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (1394, 1394, 0)
    assert len(bundle.observations) == 2673
    area = "average-share-of-the-built-up-area-of-cities-that-is-open-space-for-public-use-for-all"
    access = "average-share-of-urban-population-with-convenient-access-to-open-public-spaces"
    assert set(bundle.indicators["indicator_id"]) == {area, access}
    obs = bundle.observations.set_index(["place_id", "indicator_id", "year"])["value"]
    assert obs[("afg-kabul", area, 2020)] == pytest.approx(19.895799153613307)
    assert obs[("afg-kabul", access, 2020)] == pytest.approx(13.04331781258056)
    assert obs[("region-001", access, 2020)] == pytest.approx(44.21464990544337)
    assert obs[("nor", access, 2022)] == 61, "NOCITI_NORWAY is Norway's national value"
    assert obs[("nor-oslo", access, 2018)] == 56
    assert set(bundle.indicators["un_code"]) == {"11.7.1"}
    # 'Cundinamarca_Soacha' (CO_CUN_SOACHA) is Soacha in the department of Cundinamarca: its name
    # was kept whole, so 22 Colombian and Mexican cities were not found and read with underscores
    named = bundle.places.set_index("place_id")
    assert (named.loc["col-soacha", "name"], named.loc["col-soacha", "area"]) == ("Soacha", "Cundinamarca")
    assert named.loc["mex-uruapan", "area"] == "Michoacán De Ocampo"
    assert not named["name"].str.contains("_").any()
    # TN_SAYADA_KSAR_HELAL_MOKNINE names three towns, not a region and a city
    tunisian = named[named["country_iso3"] == "TUN"]
    assert "Sayada-Ksar Helal-Moknine" in set(tunisian["name"])


@pytest.mark.realdata
def test_real_habitat_green_area_table(realdata):
    bundle, report, count = read_real(realdata, HABITAT / "input/cc37148f95304783a6ccfad8a9124a9d-data.xlsx")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (667, 667, 0)
    assert len(bundle.observations) == 667 * 8
    per_capita = bundle.observations[bundle.observations["indicator_id"] == "green-area-per-capita"]
    kabul = per_capita[per_capita["place_id"] == "afg-kabul"].set_index("year")["value"]
    assert kabul[1990] == pytest.approx(7.752777056678375)
    assert sorted(kabul.index) == [1990, 2000, 2010, 2020]
    assert list(issues(report, INFO)["column"]) == ["Metadata"]
    assert issues(report, WARNING).empty


# totals and headlines ---------------------------------------------------------------------


def test_a_total_code_makes_the_headline_whatever_its_words(tmp_path):
    """The UN writes ageCode '_T' with ageDesc 'All age ranges or no breakdown by age': the words
    were taken, so every row of 6.1.1 was a breakdown, and no place had a headline or a score."""
    content = """\
goal|indicator|seriesCode|seriesDesc|geoAreaCode|geoAreaName|type|ISO3|ageCode|ageDesc|unitsDesc|value_2016
6|6.1.1|SH_H2O_SAFE|Water|004|Afghanistan|Country|AFG|_T|All age ranges or no breakdown by age|Percent|27.1
6|6.1.1|SH_H2O_SAFE|Water|004|Afghanistan|Country|AFG|Y15T24|15 to 24 years old|Percent|30.5
"""
    bundle, _, _ = read(write(tmp_path / "wide.tsv", content.replace("|", "\t")))
    assert observation(bundle, "afg", 2016)["value"] == 27.1
    assert observation(bundle, "afg", 2016, "Age=15 to 24 years old")["value"] == 30.5
    item = {"timePeriod": 2016, "value_numeric_part": 27.1, "ageCode": "_T",
            "ageDesc": "All age ranges or no breakdown by age"}
    area = {"geoAreaCode": "4", "geoAreaName": "Afghanistan", "type": "Country", "data": [item]}
    path = tmp_path / "series.json"
    path.write_text(json.dumps([{"indicator": "6.1.1", "seriesCode": "SH_H2O_SAFE", "refAreas": [area]}]))
    bundle, _, _ = read(path)
    assert observation(bundle, "afg", 2016)["value"] == 27.1


def test_an_indicator_of_breakdowns_only_is_named(tmp_path):
    """ILO's unemployment rate comes by 'Age=15+' and by sex, never as a total of every breakdown:
    it was never scored, and nothing said why."""
    content = """\
Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Units,Age,Sex
8,8.5,8.5.2,SL_TLF_UEM,Unemployment rate,4,Afghanistan,2018,11.1,PERCENT,15+,BOTHSEX
8,8.5,8.5.2,SL_TLF_UEM,Unemployment rate,4,Afghanistan,2018,6.2,PERCENT,15+,FEMALE
11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,4,Afghanistan,2018,50,GPERM3,ALLAGE,BOTHSEX
"""
    _, report, _ = read(write(tmp_path / "long.csv", content))
    warned = issues(report, WARNING)
    assert len(warned) == 1
    assert "indicator 'sl-tlf-uem' has no headline row" in warned.loc[0, "reason"]
    assert "Age=15+" in warned.loc[0, "value"] and "Sex=Female" in warned.loc[0, "value"]


def test_an_area_code_and_a_name_of_two_countries_reject_the_row(tmp_path):
    """GeoAreaCode and GeoAreaName were never read against each other: Algeria's rows carrying
    Albania's code 8 were stored as place 'alb' named 'Algeria'. A name no list knows is left to the
    code, and a name spelled otherwise than the code's country ('Kenya, Republic of') is kept."""
    content = """\
Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Units
8,8.5,8.5.2,SL_TLF_UEM,Unemployment rate,8,Albania,2018,12.3,PERCENT
8,8.5,8.5.2,SL_TLF_UEM,Unemployment rate,8,Algeria,2018,28.8,PERCENT
8,8.5,8.5.2,SL_TLF_UEM,Unemployment rate,404,"Kenya, Republic of",2018,2.6,PERCENT
8,8.5,8.5.2,SL_TLF_UEM,Unemployment rate,891,Serbia and Montenegro [former],2000,9.1,PERCENT
"""
    bundle, report, count = read(write(tmp_path / "long.csv", content))
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (4, 3, 1)
    rejected = issues(report).iloc[0]
    assert (rejected["line"], rejected["column"], rejected["value"]) == (3, "GeoAreaCode", "8")
    assert rejected["reason"] == ("area code '8' is Albania (ALB) but the name 'Algeria' is Algeria (DZA): "
                                  "the code and the name disagree")
    assert bundle.places.set_index("place_id").loc["alb", "name"] == "Albania"
