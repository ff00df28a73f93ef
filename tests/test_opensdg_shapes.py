"""Open SDG in its other shapes, on the shared real folders: the SDMX-ML source of Nepal read with
its DSD, built sites (flat and by language, CSV and JSON), a fork's root file in Windows-1252."""

from __future__ import annotations

import pytest

from loaders import schema
from loaders.opensdg import reader as opensdg
from loaders.options import ReadOptions
from loaders.report import ImportReport, LoadError

pytestmark = pytest.mark.realdata


def read(path, **options):
    report = ImportReport()
    return opensdg.read(path, report, ReadOptions(**options)), report


def value(bundle, place, indicator, year, breakdown=""):
    obs = bundle.observations
    hit = obs[(obs["place_id"] == place) & (obs["indicator_id"] == indicator) & (obs["year"] == year)
              & (obs["breakdown"] == breakdown)]
    return hit["value"].tolist()


def counted(report):
    return {
        "read": sum(c.rows_read for c in report.counts.values()),
        "kept": sum(c.rows_kept for c in report.counts.values()),
        "rejected": sum(c.rows_rejected for c in report.counts.values()),
    }


def test_nepal_sdmx_source_read_with_its_structure_definition(realdata):
    bundle, report = read(realdata / "nepal-opensdg-sdmx")  # the source, not the build beside it
    data = realdata / "nepal-opensdg-sdmx/source/data/CBS_DATA.xml"
    count = report.count(data)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (886, 701, 185)
    rejected = report.frame()[report.frame()["severity"] == "rejected"]
    assert rejected["reason"].str.contains(r"^repeats line \d+ exactly").all()  # 185 observations sent twice
    assert any("was read instead of its build" in i["reason"] for i in report.issues)
    places = bundle.places.set_index("place_id")
    assert places.loc["npl", ["name", "kind"]].tolist() == ["Nepal", "country"]  # REF_AREA NP, blanked
    assert places.loc["npl-np6", ["name", "kind", "parent_id"]].tolist() == ["Karnali", "region", "npl"]
    assert len(places[places["kind"] == "region"]) == 7
    assert bundle.options == {"region_word": "province"}  # "Province 1": its pages said "regions"
    assert value(bundle, "npl-np6", "1-2-1", 2011) == [38.6]  # SI_POV_NAHC, REF_AREA NP6, line 77
    assert value(bundle, "npl", "1-2-1", 2011, "Degree of urbanisation=Urban") == [15.5]
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["1-2-1", "name"] == (
        "Proportion of population living below the national poverty line, by sex and age")  # IndicatorTitle
    assert indicators.loc["1-2-1", "unit"] == "Percent"  # UNIT_MEASURE PT, by its code list
    internet = indicators.loc["17-8-1-l-np-17-08-01-01", "name"]  # a national series, named by the DSD
    assert internet.startswith("Percentage of women and men age 15-49 years who used the internet")
    assert value(bundle, "npl", "17-8-1-it-use-ii99", 2019, "Sex=Female|Age=15 to 49 years old") == [41.0]
    assert bundle.indicators["goal"].notna().all() and len(indicators) == 95
    # the DSD's '(a)���� Age 7-14' (bytes lost before the file was written) reads '(a) Age 7-14'
    assert not bundle.indicators["name"].str.contains("\ufffd").any()
    assert indicators["name"].str.contains("foundational reading tasks (a) Age 7-14", regex=False).any()
    assert not schema.duplicate_keys("observations", bundle.observations).any()
    assert not bundle.observations["breakdown"].str.contains("SERIES|UNIT_MEASURE|REF_AREA").any()
    headline = bundle.observations[bundle.observations["breakdown"] == ""]
    assert headline["indicator_id"].nunique() == 83


def test_nepal_translated_build_series_units_and_provinces(realdata):
    bundle, report = read(realdata / "nepal-opensdg-sdmx/built")
    rows = counted(report)
    assert rows == {"read": 238, "kept": 181, "rejected": 57}  # 57 exact repeats in the build
    places = bundle.places.set_index("place_id")
    assert places.loc["npl", "kind"] == "country"
    assert places.loc["npl-karnali", "kind"] == "region" and places.loc["npl-karnali", "parent_id"] == "npl"
    assert len(places[places["kind"] == "region"]) == 7
    assert value(bundle, "npl-karnali", "1-2-1", 2011) == [38.6]  # SERIES, UNIT_MEASURE: no breakdown
    assert value(bundle, "npl", "1-2-1", 2011, "Degree of urbanisation=Urban") == [15.5]
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["1-2-1", "name"].startswith("Proportion of population living below")
    assert indicators.loc["1-2-1", "unit"] == "Percent"
    assert len([i for i in indicators.index if i.startswith("17-8-1-")]) == 2  # two series, two indicators
    assert not bundle.observations["breakdown"].str.contains("SERIES|UNIT_MEASURE").any()
    # 3-8-1's series labels agree in their first 40 characters ("3.8.1 Coverage of essential
    # health services _ a, ..." and "_ b, ..."): each still gets its own indicator
    assert len([i for i in indicators.index if i.startswith("3-8-1-3-8-1-coverage")]) == 10
    assert not schema.duplicate_keys("observations", bundle.observations).any()


def test_nepal_untranslated_build_keeps_codes(realdata):
    bundle, _ = read(realdata / "nepal-opensdg-sdmx/built", language="xx")
    assert "npl-np7" in set(bundle.places["place_id"])
    assert value(bundle, "npl-np7", "1-2-1", 2011) == [45.6]


def test_baltimore_flat_build_with_json_meta(realdata):
    bundle, report = read(realdata / "baltimore-opensdg-built", country="USA")
    assert counted(report) == {"read": 287, "kept": 287, "rejected": 0}
    city = bundle.places.iloc[0]
    assert (city["place_id"], city["name"]) == ("usa-baltimore-city", "Baltimore City")  # its metadata
    assert bundle.indicators.iloc[0]["name"] == "Infant Mortality Rate (IMR) per 1,000 live births"
    assert value(bundle, "usa-baltimore-city", "3-2-2", 2017) == [10.4]
    assert len(bundle.places[bundle.places["kind"] == "district"]) == 96  # GeoCode holds the names
    assert value(bundle, "usa-baltimore-city-allendale", "3-2-2", 2011) == [15.0]


def test_baltimore_column_oriented_json_gives_the_same_rows(realdata):
    bundle, report = read(realdata / "baltimore-opensdg-built/data/3-2-2.json", country="USA")
    assert counted(report) == {"read": 287, "kept": 287, "rejected": 0}
    assert value(bundle, "usa-baltimore-city-allendale", "3-2-2", 2017) == [10.6]
    assert set(bundle.observations["year_label"]) == {"2008", "2011", "2017"}  # 2008.0 in the JSON
    assert bundle.places.iloc[0]["name"] == "Baltimore City"


def test_valencia_build_float_geocodes_are_district_codes_with_the_builds_map_layer(realdata):
    bundle, report = read(realdata / "valencia-opensdg/built", place="València", country="ESP")
    data = {k: c for k, c in report.counts.items() if "/data/" in k}
    assert sum(c.rows_read for c in data.values()) == 866 == sum(c.rows_kept for c in data.values())
    assert "esp-valencia-1" in set(bundle.places["place_id"])
    assert value(bundle, "esp-valencia-1", "1-2-6", 2015) == [41.3]
    assert value(bundle, "esp-valencia", "1-2-6", 2015) == [37.3]
    # untranslated/geojson/distrito/: 22 features, district 17 in 4 parts, joined on coddistrit
    assert len(bundle.boundaries) == 19
    places = bundle.places.set_index("code")
    assert places.loc["1", "name"] == "CIUTAT VELLA" and places["lat"].iloc[1:].notna().all()


def test_valencia_source_with_its_district_layer(realdata):
    bundle, report = read(realdata / "valencia-opensdg", place="València", country="ESP")
    data = {k: c for k, c in report.counts.items() if "/data/" in k}
    assert len(data) == 19
    # 1-1-1 is the Open SDG starter's example (a Group of A and B), left in the fork: its six rows
    # are rejected, said so, not charted as València's poverty rate
    assert sum(c.rows_read for c in data.values()) == 2129 == sum(c.rows_kept for c in data.values()) + 6
    example = report.frame()[report.frame()["file"].str.endswith("indicator_1-1-1.csv")]
    assert len(example) == 6 and example["reason"].str.startswith("the Open SDG template's example").all()
    assert value(bundle, "esp-valencia-1", "1-2-6", 2015) == [41.3]
    assert len(bundle.boundaries) == 19 and len(bundle.places[bundle.places["kind"] == "district"]) == 19
    headline = bundle.observations[bundle.observations["breakdown"] == ""]
    assert headline["indicator_id"].nunique() == 18 and "1-1-1" not in set(headline["indicator_id"])


def test_valencia_source_names_its_city_in_its_spanish_metadata(realdata):
    """Without --place the source stopped: its own metadata names no place, its Spanish copy of
    8-5-2 says 'Ciudad de Valencia'; the districts' outlines tell Spain's Valencia from Venezuela's."""
    bundle, report = read(realdata / "valencia-opensdg")
    city = bundle.places.iloc[0]
    assert (city["place_id"], city["country_iso3"], city["kind"]) == ("esp-valencia", "ESP", "city")
    assert len(bundle.places[bundle.places["kind"] == "district"]) == 19
    said = report.frame()
    said = said[said["column"] == "place"]
    assert said["reason"].str.contains("inferred as 'Valencia'.*of its translations").any()


def test_valencia_is_ranked_apart_from_its_own_districts(realdata):
    """Ranked on its four goals, València (53.0) was 7th among its own 19 districts, each district
    below it a place lower, where the map and Explore listed the districts without it: the
    districts rank 1 to 19 among themselves, the city apart (`index.whole`)."""
    from loaders.scoring import score_store

    bundle, _report = read(realdata / "valencia-opensdg", place="València", country="ESP")
    out = score_store(bundle.places, bundle.indicators, bundle.observations,
                      {"index_min_goals": 1, "place_coverage": 0.5})
    index = out["index"][out["index"]["year"] == 2021].set_index("place_id")
    districts = index.drop("esp-valencia")
    assert districts["ranked"].all() and not districts["whole"].any()
    assert sorted(districts["rank"].astype(int)) == list(range(1, 20))
    assert index.loc["esp-valencia", "whole"] and index.loc["esp-valencia", "rank"] == 1


def test_cape_town_root_file_in_windows_1252(realdata):
    bundle, report = read(realdata / "capetown-opensdg-fork", place="Cape Town", country="ZAF")
    assert counted(report) == {"read": 32, "kept": 32, "rejected": 0}
    # two units in one file: one indicator each (the file has no all-travellers row, so no headline)
    assert set(bundle.indicators["indicator_id"]) == {"11-2-1-percent", "11-2-1-time-in-minutes"}
    assert value(bundle, "zaf-cape-town", "11-2-1-time-in-minutes", 2014,
                 "Travel Time to Work=15–30 minutes") == [33.9]
    assert value(bundle, "zaf-cape-town", "11-2-1-percent", 2014, "Method of Travel=Train") == [14.8]
    assert any("repository root holds a file" in i["reason"] for i in report.issues)


def test_site_without_a_named_place_is_not_named_after_its_folder(tmp_path):
    (tmp_path / "my-folder" / "data").mkdir(parents=True)
    (tmp_path / "my-folder" / "data" / "indicator_1-1-1.csv").write_text("Year,Value\n2020,1\n")
    with pytest.raises(LoadError, match="--place"):
        opensdg.read(tmp_path / "my-folder", ImportReport(), ReadOptions())
    (tmp_path / "my-folder" / "config_data.yml").write_text("country:\n  name: Testland City\n")
    bundle, _ = read(tmp_path / "my-folder")
    assert bundle.places.iloc[0]["name"] == "Testland City"


def test_a_site_refused_as_a_whole_counts_no_row_as_kept(tmp_path, capsys):
    """Valencia's site, imported without --place, printed "2129 rows read, 2129 kept" for its files
    above "nothing was imported": the site is refused, and so are the counts of its files."""
    from dashboard.cli import main

    (tmp_path / "site" / "data").mkdir(parents=True)
    for code in ("1-1-1", "3-2-1"):
        (tmp_path / "site" / "data" / f"indicator_{code}.csv").write_text("Year,Value\n2020,1\n2021,2\n")
    assert main(["import", str(tmp_path / "site"), "--store", str(tmp_path / "store")]) == 2
    out = capsys.readouterr().out
    assert "rows read, 2 kept" not in out and "total: 0 rows read, 0 kept, 0 rejected" in out
    assert "site: not read: " in out and "--place" in out
