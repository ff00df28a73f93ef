"""Open SDG repositories: data files, metadata styles, the site's place, districts, boundaries."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from loaders import schema
from loaders.opensdg import reader as opensdg
from loaders.options import ReadOptions
from loaders.report import REJECTED, WARNING, ImportReport, LoadError

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
LOS_ANGELES = REALDATA / "losangeles-opensdg"
BRISTOL = REALDATA / "bristol-opensdg"
TESTVILLE = ReadOptions(place="Testville", country="GB")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        write(tmp_path / name, text)
    return tmp_path


def issues(report: ImportReport, severity: str, column: str | None = None) -> pd.DataFrame:
    frame = report.frame()
    wanted = (frame["severity"] == severity) & ((frame["column"] == column) if column else True)
    return frame[wanted].reset_index(drop=True)


@pytest.mark.parametrize(
    "label, year",
    [
        ("2019", 2019),
        ("2017-18", 2018),
        ("2012/13", 2013),
        ("1990-1999", 1999),
        ("1999-00", 2000),
        ("2019.0", 2019),
        ("2019-03-31", 2019),
        (" 2015 ", 2015),
        ("2017-12", None),
        ("19", None),
        ("FY", None),
        ("", None),
        ("2020-1990", None),
    ],
)
def test_year_labels(label, year):
    assert opensdg.year_of(label) == year


def test_sniff_accepts_repo_data_folder_and_single_file(tmp_path):
    data_file = write(tmp_path / "repo" / "data" / "indicator_1-1-1.csv", "Year,Value\n2019,1\n")
    assert opensdg.sniff(tmp_path / "repo")
    assert opensdg.sniff(tmp_path / "repo" / "data")
    assert opensdg.sniff(data_file)
    other = write(tmp_path / "other" / "data.csv", "Year,Value\n2019,1\n")
    assert not opensdg.sniff(other)
    assert not opensdg.sniff(tmp_path / "other")
    with pytest.raises(LoadError, match="no Open SDG indicator files"):
        opensdg.read(tmp_path / "other", ImportReport(), TESTVILLE)


def test_data_folder_or_single_file_still_finds_the_metadata(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_1-1-1.csv": "Year,Value\n2019,1\n",
            "meta/en/1-1-1.md": "---\nindicator_name: Poverty rate\n---\n",
        },
    )
    for path in (root / "data", root / "data" / "indicator_1-1-1.csv"):
        bundle = opensdg.read(path, ImportReport(), TESTVILLE)
        assert bundle.indicators["name"].tolist() == ["Poverty rate"]


def test_breakdowns_units_and_missing_values(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_11-6-2.csv": (
                "Year,Sex,Age group,Units,Value\n"
                "2019,,,µg/m3,12.5\n"
                "2019,Female,,µg/m3,11\n"
                "2019,Female,Under 18,µg/m3,NaN\n"
                "2020,,,µg/m3,\n"
            ),
            "meta/11-6-2.md": (
                "---\nindicator_name: Fine particulate matter\ncomputation_units: micrograms\n"
                "source_organisation_1: Air Agency\nnational_indicator_description: >-\n"
                "  Annual mean of\n  PM2.5\n---\nPage text.\n"
            ),
        },
    )
    report = ImportReport()
    bundle = opensdg.read(root, report, TESTVILLE)
    rows = bundle.observations
    assert rows["breakdown"].tolist() == ["", "Sex=Female", "Sex=Female|Age group=Under 18", ""]
    assert rows["year"].tolist() == [2019, 2019, 2019, 2020]
    assert rows["value"].iloc[1] == 11
    assert rows["flag"].tolist() == ["", "", "missing", "missing"]
    assert rows["value"].iloc[2:].isna().all()
    assert set(rows["place_id"]) == {"gbr-testville"}
    assert set(rows["source"]) == {"Air Agency"}
    indicator = bundle.indicators.iloc[0]
    assert (indicator["indicator_id"], indicator["goal"], indicator["target"], indicator["un_code"]) == (
        "11-6-2",
        11,
        "11.6",
        "11.6.2",
    )
    assert indicator["name"] == "Fine particulate matter"
    assert indicator["unit"] == "micrograms"
    assert indicator["description"] == "Annual mean of PM2.5"
    assert pd.isna(indicator["direction"])
    city = bundle.places.iloc[0]
    assert (city["place_id"], city["kind"], city["country"]) == ("gbr-testville", "city", "GB")
    count = report.count(root / "data" / "indicator_11-6-2.csv")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (4, 4, 0)
    assert report.frame().empty


def test_several_units_make_one_indicator_each_and_never_a_breakdown(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_1-1-1.csv": "Year,Units,Value\n2019,Percent,1\n2019,Count,20\n",
            "data/indicator_1-2-1.csv": "Year,Units,Unit multiplier,Value\n2019,Persons,Thousands,5\n",
        },
    )
    bundle = opensdg.read(root, ImportReport(), TESTVILLE)
    rows = bundle.observations.set_index("indicator_id")
    assert rows.loc["1-1-1-percent", "value"] == 1 and rows.loc["1-1-1-count", "value"] == 20
    assert set(rows["breakdown"]) == {""}  # every row is its indicator's headline
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["1-1-1-count", "unit"] == "Count"
    assert indicators.loc["1-1-1-count", "name"].endswith("(Count)")
    assert indicators.loc["1-2-1", "unit"] == "Persons (Thousands)"
    assert "1-1-1" not in indicators.index


def test_the_metadata_names_the_headline_series(tmp_path):
    csv = "Year,Series,Units,Sex,Value\n2019,Poverty rate,Percent,,10\n2019,Poor people,Persons,,900\n" \
          "2019,Poverty rate,Percent,Female,11\n"
    root = site(tmp_path, {
        "data/indicator_1-2-1.csv": csv,
        "meta/1-2-1.md": "---\nindicator_name: Poverty\ndata_start_values:\n"
                         "  - field: Series\n    value: Poverty rate\n---\n",
    })
    bundle = opensdg.read(root, ImportReport(), TESTVILLE)
    rows = bundle.observations.set_index(["indicator_id", "breakdown"])
    assert rows.loc[("1-2-1", ""), "value"] == 10  # the headline the metadata names keeps the id
    assert rows.loc[("1-2-1", "Sex=Female"), "value"] == 11
    assert rows.loc[("1-2-1-poor-people", ""), "value"] == 900
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["1-2-1", "name"] == "Poverty" and indicators.loc["1-2-1", "unit"] == "Percent"
    assert indicators.loc["1-2-1-poor-people", "name"] == "Poverty: Poor people"
    assert indicators.loc["1-2-1-poor-people", "unit"] == "Persons"


def test_rejected_rows_carry_line_column_value_and_reason(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_5-1-1.csv": (
                "Year,Sex,Observation status,Value\n"
                "2019,,Undefined,1\n"
                "20X9,,,2\n"
                "2020,,Estimated,abc\n"
                "2019,,,3\n"
                '2021,"two\nlines",,4\n'
            ),
        },
    )
    report = ImportReport()
    bundle = opensdg.read(root, report, TESTVILLE)
    file = root / "data" / "indicator_5-1-1.csv"
    rejected = issues(report, REJECTED)
    assert rejected[["line", "column", "value"]].values.tolist() == [
        [3, "Year", "20X9"],
        [4, "Value", "abc"],
        [5, "Year", "2019"],
    ]
    assert "year not understood" in rejected["reason"].iloc[0]
    assert rejected["reason"].iloc[1] == "value is not a number"
    assert rejected["reason"].iloc[2].startswith("repeats line 2")
    kept = bundle.observations
    assert kept["breakdown"].tolist() == ["", "Sex=two\nlines"]
    assert kept["note"].tolist() == ["", ""]
    count = report.count(file)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (5, 2, 3)


def test_observation_status_goes_to_note(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_5-1-1.csv": "Year,Observation status,Value\n2019,Estimated value,1\n",
        },
    )
    bundle = opensdg.read(root, ImportReport(), TESTVILLE)
    assert bundle.observations["note"].tolist() == ["Observation status: Estimated value"]
    assert bundle.observations["breakdown"].tolist() == [""]


def test_file_without_value_column_is_unreadable_and_others_still_load(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_1-1-1.csv": "Year,Amount\n2019,1\n",
            "data/indicator_1-2-1.csv": "",
            "data/indicator_2-1-1.csv": "Year,Value\n2019,7\n",
        },
    )
    report = ImportReport()
    bundle = opensdg.read(root, report, TESTVILLE)
    assert bundle.observations["indicator_id"].tolist() == ["2-1-1"]
    assert bundle.indicators["indicator_id"].tolist() == ["2-1-1"]
    assert report.count(root / "data" / "indicator_1-1-1.csv").unreadable == (
        "indicator_1-1-1.csv has no Value column, so it is not an Open SDG data file."
    )
    assert "empty" in report.count(root / "data" / "indicator_1-2-1.csv").unreadable


def test_translation_key_names_fall_back_with_a_warning(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_16-7-2-a.csv": "Year,Value\n2019,1\n",
            "global-meta/16-7-2-a.md": (
                "---\nindicator_name: global_indicators.16-7-2-title\n"
                "graph_title: global_indicators.16-7-2-title\n---\n"
            ),
        },
    )
    report = ImportReport()
    bundle = opensdg.read(root, report, TESTVILLE)
    indicator = bundle.indicators.iloc[0]
    assert indicator["name"] == "Indicator 16.7.2.a"
    assert (indicator["goal"], indicator["un_code"]) == (16, "16.7.2")
    warning = issues(report, WARNING).iloc[0]
    assert warning["value"] == "global_indicators.16-7-2-title"
    assert "Indicator 16.7.2.a" in warning["reason"]


TRANSLATED_SITE = {
    "data/indicator_1-1-1.csv": "Year,Value\n2019,1\n",
    "data/indicator_1-2-1.csv": "Year,Value\n2019,2\n",
    "meta/1-1-1.md": (
        "---\nindicator_name: global_indicators.1-1-1-title\ncomputation_units: Percent\n"
        "indicator_description: Share of people in extreme poverty.\n---\n"
    ),
    "meta/1-2-1.md": "---\nindicator_name: National poverty\n---\n",
    "meta/es/1-1-1.md": "---\nindicator_name: Pobreza extrema\ncomputation_units: Porcentaje\n---\n",
    "translations/en/global_indicators.yml": "1-1-1-title: Extreme poverty\n",
    "translations/fr/global_indicators.yml": "1-1-1-title: Pauvreté extrême\n",
}


def test_translated_metadata_and_translation_keys_give_indicator_texts(tmp_path):
    report = ImportReport()
    bundle = opensdg.read(site(tmp_path, TRANSLATED_SITE), report, TESTVILLE)
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["1-1-1", "name"] == "Extreme poverty"  # the key, resolved in English
    assert set(indicators["language"]) == {"en"}
    texts = bundle.indicator_texts.set_index(["indicator_id", "language"])
    assert list(texts.index) == [("1-1-1", "es"), ("1-1-1", "fr")]
    assert texts.loc[("1-1-1", "es"), ["name", "unit"]].tolist() == ["Pobreza extrema", "Porcentaje"]
    assert texts.loc[("1-1-1", "fr"), "name"] == "Pauvreté extrême"
    assert texts.loc[("1-1-1", "fr"), ["unit", "description"]].isna().all()  # falls back
    assert not schema.duplicate_keys("indicator_texts", bundle.indicator_texts).any()
    assert issues(report, WARNING).empty


def test_language_option_names_the_source_language(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_1-1-1.csv": "Year,Value\n2019,1\n",
            "meta/1-1-1.md": "---\nindicator_name: Pobreza extrema\n---\n",
            "meta/en/1-1-1.md": "---\nindicator_name: Extreme poverty\n---\n",
        },
    )
    bundle = opensdg.read(root, ImportReport(), ReadOptions(place="Testville", country="ES", language="es"))
    assert bundle.indicators[["name", "language"]].values.tolist() == [["Pobreza extrema", "es"]]
    assert bundle.indicator_texts[["language", "name"]].values.tolist() == [["en", "Extreme poverty"]]


def test_csv_meta_with_mapping_overrides_global_meta(tmp_path):
    root = site(
        tmp_path,
        {
            "data/indicator_11-1-1.csv": "Year,Value\n2019,1\n",
            "global-meta/11-1-1.md": (
                "---\nindicator_name: global_indicators.11-1-1-title\n"
                "graph_title: global_indicators.11-1-1-title\ncomputation_units: Old unit\n---\n"
            ),
            "indicator-config/11-1-1.yml": "source_organisation_1: Config Org\n",
            "metadata-mapping.csv": "Graph title,graph_title\nMade-up label,computation_units\n",
            "csv-meta/11-1-1.csv": (
                "\ufeffNational metadata,\n"
                "Graph title,Homelessness\n"
                "Made-up label,People\n"
                'Indicator description,"First line,\nsecond line"\n'
                "Source 1 organisation,\n"
            ),
        },
    )
    report = ImportReport()
    indicator = opensdg.read(root, report, TESTVILLE).indicators.iloc[0]
    assert indicator["name"] == "Homelessness"
    assert indicator["unit"] == "People"
    assert indicator["description"] == "First line,\nsecond line"
    assert indicator["source"] == "Config Org"
    assert issues(report, WARNING).empty


def test_place_is_inferred_from_metadata_with_a_warning(tmp_path):
    files = {f"data/indicator_1-{n}-1.csv": "Year,Value\n2019,1\n" for n in (1, 2, 3)}
    files["meta/1-1-1.md"] = "---\nnational_geographical_coverage: City of Springfield\n---\n"
    files["meta/1-2-1.yml"] = "source_geographical_coverage_1: Springfield\n"
    files["meta/1-3-1.md"] = "---\nnational_geographical_coverage: Shelbyville County\n---\n"
    report = ImportReport()
    bundle = opensdg.read(site(tmp_path, files), report, ReadOptions(country="USA"))
    city = bundle.places.iloc[0]
    assert (city["name"], city["place_id"], city["country_iso3"]) == ("Springfield", "usa-springfield", "USA")
    warning = issues(report, WARNING, "place").iloc[0]
    assert warning["value"] == "Springfield"
    assert "2 of 3" in warning["reason"] and "--place" in warning["reason"]


def test_place_is_inferred_from_translated_metadata_where_the_own_names_none(tmp_path):
    """València's source metadata names no place; its Spanish copy says 'Ciudad de Valencia': the
    import stopped and asked for --place, though the site says which city it is about."""
    files = {f"data/indicator_1-{n}-1.csv": "Year,Value\n2019,1\n" for n in (1, 2)}
    files["meta/1-1-1.md"] = "---\nindicator_name: Poverty\n---\n"
    files["meta/es/1-1-1.md"] = "---\nnational_geographical_coverage: Ciudad de Springfield\n---\n"
    files["meta/ca/1-2-1.yml"] = "national_geographical_coverage: Ciutat de Springfield\n"
    report = ImportReport()
    bundle = opensdg.read(site(tmp_path, files), report, ReadOptions(country="USA"))
    assert bundle.places.iloc[0]["name"] == "Springfield"
    warning = issues(report, WARNING, "place").iloc[0]
    assert "2 of 2" in warning["reason"] and "of its translations" in warning["reason"]
    assert issues(report, WARNING, None)["reason"].str.contains("metadata not read").sum() == 0
    # the site's own metadata, where it names one, wins over its translations
    write(tmp_path / "meta" / "1-2-1.md", "---\nnational_geographical_coverage: Shelbyville\n---\n")
    assert opensdg.read(tmp_path, ImportReport(), ReadOptions(country="USA")).places.iloc[0]["name"] == \
        "Shelbyville"
    # and a site that names it nowhere still asks for --place
    for path in (tmp_path / "meta").rglob("*"):
        if path.is_file():
            path.unlink()
    with pytest.raises(LoadError, match="--place"):
        opensdg.read(tmp_path, ImportReport(), ReadOptions(country="USA"))


def ward_site(tmp_path: Path, layer_url: bool = False) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"CODE": code, "LABEL": label, "TXT": label},
            "geometry": box(x, 0, x + 1, 1).__geo_interface__,
        }
        for code, label, x in [("W1", "North Ward", 0), ("W2", "South Ward", 1), ("W3", "East", 2)]
    ]
    write(tmp_path / "geo" / "wards.geojson", json.dumps({"type": "FeatureCollection", "features": features}))
    layer = "https://example.org/wards.geojson" if layer_url else "geo/wards.geojson"
    return site(
        tmp_path,
        {
            "config_data.yml": (
                f"map_layers:\n  - geojson_file: {layer}\n    id_property: CODE\n    name_property: LABEL\n"
            ),
            "meta/3-1-1.yml": "indicator_name: Mortality rate\n",
            "data/indicator_3-1-1.csv": (
                "Year,Series,Ward,GeoCode,Value\n"
                "2019,Rate,,,10\n"
                "2019,Rate,north,W1,11\n"
                "2019,Rate,south,W2,12\n"
                "2019,Rate,Lost ward,W9,13\n"
            ),
        },
    )


def test_geocodes_become_districts_joined_to_config_boundaries(tmp_path):
    report = ImportReport()
    bundle = opensdg.read(ward_site(tmp_path), report, TESTVILLE)
    places = bundle.places.set_index("place_id")
    assert places.index.tolist() == [
        "gbr-testville",
        "gbr-testville-w1",
        "gbr-testville-w2",
        "gbr-testville-w9",
    ]
    assert places["name"].tolist() == ["Testville", "North Ward", "South Ward", "Lost ward"]
    assert places.loc["gbr-testville-w1", "kind"] == "district"
    assert places.loc["gbr-testville-w1", "parent_id"] == "gbr-testville"
    assert places.loc["gbr-testville-w2", "lon"] == pytest.approx(1.5, abs=1e-6)
    assert pd.isna(places.loc["gbr-testville-w9", "lat"])
    rows = bundle.observations
    assert rows["place_id"].tolist() == places.index.tolist()
    assert set(rows["breakdown"]) == {""}  # the one series is the indicator's, not a disaggregation
    assert bundle.boundaries["place_id"].tolist() == ["gbr-testville-w1", "gbr-testville-w2"]
    warnings = issues(report, WARNING)
    assert warnings["value"].tolist() == ["W9", "W3"]


def test_web_map_layer_is_not_downloaded(tmp_path):
    report = ImportReport()
    bundle = opensdg.read(ward_site(tmp_path, layer_url=True), report, TESTVILLE)
    assert bundle.boundaries is None
    assert len(bundle.places) == 4
    assert "not downloaded" in issues(report, WARNING)["reason"].iloc[0]


def test_boundaries_option_overrides_config(tmp_path):
    root = ward_site(tmp_path, layer_url=True)
    options = ReadOptions(
        place="Testville",
        country="GB",
        boundaries=root / "geo" / "wards.geojson",
        boundary_id="CODE",
        boundary_name="TXT",
    )
    bundle = opensdg.read(root, ImportReport(), options)
    assert len(bundle.boundaries) == 2
    assert bundle.places.set_index("code").loc["W1", "name"] == "North Ward"


def test_boundary_without_name_property_keeps_data_names(tmp_path):
    root = ward_site(tmp_path)
    write(root / "config_data.yml", "map_layers:\n  - geojson_file: geo/wards.geojson\n")
    frame = gpd.read_file(root / "geo" / "wards.geojson")[["CODE", "geometry"]]
    frame.to_file(root / "geo" / "wards.geojson", driver="GeoJSON")
    bundle = opensdg.read(root, ImportReport(), TESTVILLE)
    assert len(bundle.boundaries) == 2
    assert bundle.places["name"].tolist() == ["Testville", "north", "south", "Lost ward"]


# ---- real data -----------------------------------------------------------------------------


def csv_records(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in list(csv.reader(handle))[1:] if any(cell.strip() for cell in row))


def load(folder: Path, options: ReadOptions) -> tuple:
    if not folder.exists():
        pytest.skip(f"real data not found at {folder}")
    report = ImportReport()
    return opensdg.read(folder, report, options), report


@pytest.fixture(scope="module")
def los_angeles():
    return load(LOS_ANGELES, ReadOptions())


@pytest.fixture(scope="module")
def bristol():
    return load(BRISTOL, ReadOptions())


def value(rows: pd.DataFrame, indicator: str, year_label: str, breakdown: str, place: str) -> float:
    hit = rows[
        (rows["indicator_id"] == indicator)
        & (rows["year_label"] == year_label)
        & (rows["breakdown"] == breakdown)
        & (rows["place_id"] == place)
    ]
    assert len(hit) == 1, hit
    return hit["value"].iloc[0]


@pytest.mark.realdata
def test_los_angeles(los_angeles):
    bundle, report = los_angeles
    city = bundle.places.iloc[0]
    assert (len(bundle.places), city["place_id"], city["name"]) == (1, "usa-los-angeles", "Los Angeles")
    assert "inferred as 'Los Angeles'" in issues(report, WARNING)["reason"].iloc[0]
    for file in sorted((LOS_ANGELES / "data").glob("indicator_*.csv")):
        count = report.count(file)
        assert count.rows_read == csv_records(file) == count.rows_kept + count.rows_rejected
    assert report.count(LOS_ANGELES / "data" / "indicator_15-1-2.csv").rows_read == 1
    rows = bundle.observations
    # two units in one file: one indicator each, each with its headline
    assert value(rows, "11-6-2-fine-particulates-pm2-5", "2013", "", city["place_id"]) == 11.95
    assert value(rows, "11-6-2-suspended-particulates-pm10", "2013", "", city["place_id"]) == 29.5
    assert value(rows, "15-1-2", "2018", "", city["place_id"]) == 12.2
    # 16-7-2 starts with a UTF-8 BOM; its Year column must still be found.
    assert (
        value(rows, "16-7-2", "2018", "Persons Registered to Vote=General Election", city["place_id"]) == 85
    )
    assert (
        value(
            rows,
            "11-1-1-total-by-sheltered-unsheltered",
            "2019",
            "Sheltered/Unsheltered=sheltered",
            city["place_id"],
        )
        == 8944
    )
    assert value(rows, "11-2-1", "2015", "", city["place_id"]) == 440945854
    indicators = bundle.indicators.set_index("indicator_id")
    assert len({"-".join(i.split("-")[:3]) for i in indicators.index}) == 11  # 11 files, 26 series/units
    assert value(rows, "11-1-1-percent-of-total-population", "2019", "", city["place_id"]) == 0.91
    pm25 = indicators.loc["11-6-2-fine-particulates-pm2-5"]
    assert pm25["unit"] == "Fine Particulates PM2.5"
    assert pm25["source"] == "South Coast Air Quality Management District (AQMD)"
    assert pm25["name"].startswith("Annual mean levels of fine particulate matter")
    assert pm25["name"].endswith("(Fine Particulates PM2.5)")
    assert not schema.duplicate_keys("observations", rows).any()
    assert bundle.indicator_texts.empty and set(indicators["language"]) == {"en"}


@pytest.mark.realdata
def test_bristol(bristol):
    bundle, report = bristol
    for file in sorted((BRISTOL / "data").glob("indicator_*.csv")):
        count = report.count(file)
        assert count.rows_read == csv_records(file) == count.rows_kept + count.rows_rejected
    places = bundle.places.set_index("code", drop=False)
    city = bundle.places.iloc[0]
    assert (city["place_id"], city["name"], city["country_iso3"]) == ("gbr-bristol", "Bristol", "GBR")
    assert len(bundle.boundaries) == 34
    assert set(bundle.boundaries["place_id"]) <= set(bundle.places["place_id"])
    assert places.loc["E05010885", "name"] == "Ashley"
    assert places.loc["E05010901", "name"] == "Henbury and Brentry"  # the boundary's spelling
    assert places.loc["E05010885", "place_id"] == "gbr-bristol-e05010885"
    # 4-2-1 is coded with Bristol's local-authority code, which is not a ward: it is reported
    # as a code without boundary, and read as the city itself.
    no_outline = issues(report, WARNING)
    assert no_outline["value"].str.contains("E06000023").any()
    assert "gbr-bristol-e06000023" not in set(bundle.places["place_id"])
    assert report.frame()["reason"].str.contains("E06000023 is the only code").any()
    rows = bundle.observations
    assert value(rows, "11-1-1-c", "2017-18", "", "gbr-bristol") == pytest.approx(76.43242127)
    headline = rows[(rows["indicator_id"] == "11-1-1-c") & (rows["year_label"] == "2017-18")]
    assert set(headline["year"]) == {2018}
    assert value(rows, "11-1-1-c", "2017-18", "", "gbr-bristol-e05010914") == pytest.approx(88.88325952)
    assert value(
        rows, "16-1-4-deprivation", "2017-18", "Deprivation decile=Most Deprived 10%", "gbr-bristol"
    ) == pytest.approx(48.2741830266)
    # each Series is its own indicator, with its headline rows
    assert value(rows, "9-c-1-access-to-mobile-broadband-at-home", "2017", "", "gbr-bristol") == 39.2
    girls = (
        "Sex=Girls|Learning category=Prime areas of learning|Learning sub-category "
        "(higher)=Communication and Language|Learning sub-category (lower)=1: Listening and Attention"
    )
    assert value(rows, "4-2-1", "2012/13", girls, "gbr-bristol") == 84
    assert rows.loc[rows["year_label"] == "2012/13", "year"].eq(2013).all()
    assert not rows["breakdown"].str.contains(r"(?:^|\|)Ward(?: name)?=").any()
    names = bundle.indicators.set_index("indicator_id")["name"]
    assert names["11-1-1-c"] == "Percentage satisfied with their local area"
    assert not names.str.startswith("Indicator ").any()
    assert not schema.duplicate_keys("observations", rows).any()
    assert bundle.indicator_texts.empty


def test_a_configuration_beside_the_source_folder_it_names_is_read(tmp_path):
    """sdg-build's layout: config_data.yml at the repository's root says `src_dir: src`, the data
    under src/data. The site's name there was not read ("neither the site configuration nor the
    metadata names the place"), and the import read nothing."""
    root = site(tmp_path / "leeds", {
        "config_data.yml": "site_name: Leeds\nsrc_dir: src\n",
        "src/meta/3-4-1.yml": "indicator_name: Suicide mortality rate\n",
        "src/data/indicator_3-4-1.csv": "Year,Value\n2019,9.1\n2020,9.4\n"})
    report = ImportReport()
    bundle = opensdg.read(root, report, ReadOptions(country="GBR"))
    assert bundle.places["name"].tolist() == ["Leeds"] and len(bundle.observations) == 2
    other = site(tmp_path / "other", {  # a configuration naming another folder is not this site's
        "config_data.yml": "site_name: Leeds\nsrc_dir: elsewhere\n",
        "src/meta/3-4-1.yml": "indicator_name: Suicide mortality rate\n",
        "src/data/indicator_3-4-1.csv": "Year,Value\n2019,9.1\n"})
    with pytest.raises(LoadError, match="names the place"):
        opensdg.read(other, ImportReport(), ReadOptions(country="GBR"))
