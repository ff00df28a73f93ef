"""Open SDG in its other shapes: built sites (flat and by language), SDMX codes, a fork's root file."""

from __future__ import annotations

import pytest

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


def test_nepal_translated_build_series_units_and_provinces(realdata):
    bundle, report = read(realdata / "nepal-opensdg-sdmx")
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
    assert len(bundle.places[bundle.places["kind"] == "district"]) >= 90


def test_valencia_build_float_geocodes_are_district_codes(realdata):
    bundle, report = read(realdata / "valencia-opensdg/built", place="València", country="ESP")
    rows = counted(report)
    assert rows["read"] == rows["kept"] + rows["rejected"] == 866
    assert "esp-valencia-1" in set(bundle.places["place_id"])
    assert value(bundle, "esp-valencia-1", "1-2-6", 2015) == [41.3]
    assert value(bundle, "esp-valencia", "1-2-6", 2015) == [37.3]


def test_cape_town_root_file_in_windows_1252(realdata):
    bundle, report = read(realdata / "capetown-opensdg-fork", place="Cape Town", country="ZAF")
    assert counted(report) == {"read": 32, "kept": 32, "rejected": 0}
    assert value(bundle, "zaf-cape-town", "11-2-1", 2014,
                 "Travel Time to Work=15–30 minutes|Units=Time in Minutes") == [33.9]
    assert any("repository root holds a file" in i["reason"] for i in report.issues)


def test_site_without_a_named_place_is_not_named_after_its_folder(tmp_path):
    (tmp_path / "my-folder" / "data").mkdir(parents=True)
    (tmp_path / "my-folder" / "data" / "indicator_1-1-1.csv").write_text("Year,Value\n2020,1\n")
    with pytest.raises(LoadError, match="--place"):
        opensdg.read(tmp_path / "my-folder", ImportReport(), ReadOptions())
    (tmp_path / "my-folder" / "config_data.yml").write_text("country:\n  name: Testland City\n")
    bundle, _ = read(tmp_path / "my-folder")
    assert bundle.places.iloc[0]["name"] == "Testland City"
