"""The SDSN reader: a tiny workbook and city tables made here, then the real published files."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders.options import ReadOptions
from loaders.report import WARNING, ImportReport
from loaders.sdsn import reader as sdsn
from tests.conftest import REALDATA

# fmt: off
CODEBOOK = [
    ["global", "oecd", "trend", "trendoecd", "Code", "Indicator", "units", "Best value (= 100)",
     "Worst value (= 0)", "greenthr", "redthr", "source"],
    ["yes", "yes", "yes", "no", "sdg1_pov", "Poverty headcount ratio (% population)", "%", 0, 50, 2, 13, "X"],
    ["yes", "no", "no", "no", "sdg3_life", "Life expectancy at birth (years)", "years", 83, 55, 80, 70, "Y"],
    ["no", "yes", "no", "yes", "sdg3_smoke", "Daily smokers (% population age 15+)", "%",
     10, 40, 20, 30, "Z"],
    ["yes", "yes", "no", "no", "sdg2_stunt", "Prevalence of stunting in children under 5 years (%)", "%",
     0, 50, 7.5, 15, "W"],
    ["yes", "yes", "no", "no", "sdg5_ghost", "An indicator with no data column", "%", 100, 0, 80, 50, "V"],
    ["yes", "yes", "no", "no", "", "A row without a code", "%", 100, 0, 80, 50, "V"],
]
HEADER = [
    "Country", "id", "2099 Global Index Score (0-100)", "2099 Global Index Rank",
    "Percentage missing values", "Regions used for the SDG Index & Dashboard",
    "Country is an OECD member, yes=1 no=0", "Population in 2099", "Mystery column",
    "Goal 1 Dashboard", "Goal 1 Trend",
    "Poverty headcount ratio (% population)", "impute_sdg1_pov", "Normalized Score sdg1_pov",
    "Dashboard Color sdg1_pov", "Trend sdg1_pov",
    "Life expectancy at birth (years)", "Normalized Score sdg3_life", "Dashboard Color sdg3_life",
    "OECD only: Daily smokers (% population age 15+)", "Dashboard Color sdg3_smoke",
    "Prevalence of stunting in children under 5 years (%)", "Normalized Score sdg2_stunt",
    "Dashboard Color sdg2_stunt", "Trend sdg2_stuntseries",
    "Goal 1 Score",
]
ROWS = [
    ["Kenya", "KEN", 60.5, 2, 5, "Africa", 0, 50_000_000, "?", "red", "↑",
     36.8, None, 26.4, "red", "➚", 66.3, 40.357, "red", None, None, 26.2, 47.6, "red", "→", 26.4],
    ["France", "FRA", 80.1, 1, 1, "OECD", 1, 67_000_000, "?", "green", "•",
     0.1, 1, 100, "green", "↑", "n/a", None, "gray", 25.0, "orange", 0, 100, "green", ".", 100],
    [None] * 26,
    ["", "", 1, 1, 1, "x", 0, 1, "?", "red", "↑",
     1, None, 1, "red", "↑", 1, 1, "red", None, None, 1, 1, "red", "→", 1],
]
TRENDS = [
    ["country", "id", "year", "Regions used for the SDG Index & Dashboard", "sdg1_pov", "sdg2_stuntseries",
     "sdg9_unknown"],
    ["Kenya", "KEN", 2014, "Africa", 40.0, 30.0, 1],
    ["Kenya", "KEN", 2018, "Africa", 36.8, 27.0, 1],
    ["France", "FRA", 2018, "OECD", 0.2, None, 1],
    ["France", "FRA", 2019, "OECD", 0.1, None, 1],
    ["France", "FRA", "not a year", "OECD", 0.1, None, 1],
]
# fmt: on


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "About"
    book.active.append(["An SDSN-style workbook made for tests"])
    codebook = book.create_sheet("Codebook")
    for row in CODEBOOK:
        codebook.append(row)
    data = book.create_sheet("SDR2099 Data")
    data.append(["This data should be cited as: a test."])
    for row in [HEADER, *ROWS]:
        data.append(row)
    trends = book.create_sheet("Raw Data (trends)")
    for row in TRENDS:
        trends.append(row)
    path = tmp_path / "index.xlsx"
    book.save(path)
    return path


def read(path: Path, **options) -> tuple[object, ImportReport]:
    report = ImportReport()
    return sdsn.read(path, report, ReadOptions(**options)), report


def reasons(report: ImportReport, severity: str | None = None) -> list[str]:
    frame = report.frame()
    if severity:
        frame = frame[frame["severity"] == severity]
    return (frame["reason"] + " | " + frame["column"].fillna("")).tolist()


def test_sniff_tells_sdsn_files_from_others(workbook, tmp_path):
    assert sdsn.sniff(workbook)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    assert not sdsn.sniff(plain)
    (tmp_path / "tidy.csv").write_text("place,year,value\nA,2020,1\n")
    assert not sdsn.sniff(tmp_path / "tidy.csv")


def test_workbook_indicators_places_and_sets(workbook):
    bundle, report = read(workbook)
    inds = bundle.indicators.set_index("indicator_id")
    assert list(inds.index) == [
        "sdg1_pov",
        "sdg3_life",
        "sdg3_smoke",
        "sdg2_stunt",
        "sdg5_ghost",
        "sdg2_stuntseries",
    ]
    assert inds.loc["sdg3_life", "goal"] == 3 and inds.loc["sdg3_life", "best"] == 83
    assert inds.loc["sdg2_stuntseries", "green_threshold"] == 7.5  # the series takes its owner's metadata
    assert set(bundle.places["place_id"]) == {"ken", "fra"}
    assert bundle.places.set_index("place_id").loc["fra", "population"] == 67_000_000
    options = bundle.options
    assert options["index_indicators"] == ["sdg1_pov", "sdg3_life", "sdg2_stunt", "sdg5_ghost"]
    assert options["place_groups"]["oecd"]["places"] == ["fra"]
    assert options["place_groups"]["oecd"]["trend_indicators"] == ["sdg3_smoke", "sdg2_stunt"]
    assert options["trend_indicators"] == ["sdg1_pov", "sdg2_stunt"]
    assert options["trend_series"] == {"sdg2_stunt": "sdg2_stuntseries"}
    assert options["missing_goal_rule"] == "group_mean"
    assert options["index_groups"] == {"ken": "Africa", "fra": "OECD"}
    assert options["goal_colour_rule"] == "two_worst" and options["edition_year"] == 2099


def test_workbook_values_are_dated_by_their_series(workbook):
    bundle, _ = read(workbook)
    obs = bundle.observations.set_index(["place_id", "indicator_id", "year"])
    assert obs.loc[("ken", "sdg1_pov", 2018), "value"] == 36.8  # equals its series' latest: 2018
    assert obs.loc[("ken", "sdg1_pov", 2014), "value"] == 40.0
    assert ("ken", "sdg1_pov", 2099) not in obs.index
    assert obs.loc[("ken", "sdg3_life", 2099), "year_label"] == "2099 edition (latest available)"
    assert obs.loc[("fra", "sdg1_pov", 2019), "flag"] == "imputed"
    assert obs.loc[("ken", "sdg2_stuntseries", 2018), "value"] == 27.0
    assert obs.loc[("fra", "sdg3_smoke", 2099), "value"] == 25.0
    assert ("fra", "sdg3_life", 2099) not in obs.index  # 'n/a' is a missing value


def test_a_hidden_sheet_is_not_read_and_is_named(workbook, tmp_path):
    """An earlier edition's data kept in a hidden sheet before the visible one was read instead of
    it (13,953 values of the SDR 2021 wrong, no word); a hidden codebook gave every bound. Hidden
    sheets are left out and named in the report; `--sheet` still reads one it names."""
    book = openpyxl.load_workbook(workbook)
    old = book.copy_worksheet(book["SDR2099 Data"])
    old.title = "old data"
    for row in old.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.value = cell.value * 10 + 1
    old.sheet_state = "hidden"
    book.move_sheet(old, offset=-(len(book.sheetnames) - 2))
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    plain, _ = read(workbook)
    hidden, report = read(path)
    pd.testing.assert_frame_equal(hidden.observations, plain.observations)
    assert any("hidden sheets not read" in r and "'old data'" in r for r in reasons(report, "warning"))
    chosen, _ = read(path, sheet="old data")
    assert not chosen.observations["value"].equals(plain.observations["value"])


def test_years_written_as_dates_or_as_a_span_date_the_series(workbook, tmp_path):
    """A time-series sheet whose years were dates (openpyxl gives datetimes) had every row rejected
    as "without a valid year"; '2017/18' is read as the other readers read it, 2018."""
    import datetime

    book = openpyxl.load_workbook(workbook)
    trends = book["Raw Data (trends)"]
    for row in trends.iter_rows(min_row=2):
        if row[2].value == 2014:
            row[2].value = datetime.datetime(2014, 6, 30)
        elif row[2].value == 2019:
            row[2].value = "2018/19"
    path = tmp_path / "dated.xlsx"
    book.save(path)
    plain, _ = read(workbook)
    dated, _ = read(path)
    pd.testing.assert_frame_equal(dated.observations.drop(columns="year_label", errors="ignore"),
                                  plain.observations.drop(columns="year_label", errors="ignore"))


def test_workbook_report_lists_what_did_not_match(workbook):
    _, report = read(workbook)
    warnings = reasons(report, WARNING)
    assert "codebook entry without a data column | sdg5_ghost" in warnings
    assert "data column without a codebook entry; not imported | Mystery column" in warnings
    assert (
        "data column without a codebook entry; not imported | 2099 Global Index Score (0-100)" not in warnings
    )
    assert any(r.startswith("codebook row without an indicator code") for r in reasons(report))
    assert any(r.startswith("row without a place name or code") for r in reasons(report))
    assert any(r.startswith("row without a valid year") for r in reasons(report))
    assert any(r.endswith("| sdg9_unknown") for r in reasons(report))
    for count in report.counts.values():
        assert count.rows_kept + count.rows_rejected == count.rows_read
    data = report.counts[f"{workbook} [SDR2099 Data]"]
    assert (data.rows_read, data.rows_kept, data.rows_rejected) == (3, 2, 1)


def test_rename_maps_source_codes(workbook):
    bundle, _ = read(workbook, rename={"sdg3_life": "sdg3_lifeexp", "sdg1_pov": "sdg1_poverty"})
    assert "sdg3_lifeexp" in set(bundle.indicators["indicator_id"])
    assert "sdg3_lifeexp" in set(bundle.observations["indicator_id"])
    obs = bundle.observations.set_index(["place_id", "indicator_id", "year"])
    assert obs.loc[("ken", "sdg1_poverty", 2014), "value"] == 40.0  # the trends sheet too
    published = sdsn.read_published(workbook, ReadOptions(rename={"sdg3_life": "sdg3_lifeexp"}))
    assert "sdg3_lifeexp" in set(published["indicator_scores"]["indicator_id"])


def test_published_results_are_tidy(workbook):
    published = sdsn.read_published(workbook)
    ind = published["indicator_scores"].set_index(["place_id", "indicator_id"])
    assert ind.loc[("ken", "sdg3_life"), "score"] == pytest.approx(40.357)
    assert ind.loc[("fra", "sdg3_life"), "colour"] == "grey"
    assert ind.loc[("ken", "sdg1_pov"), "arrow"] == "improving"
    assert ind.loc[("ken", "sdg2_stunt"), "arrow"] == "stagnating"  # from 'Trend sdg2_stuntseries'
    assert pd.isna(ind.loc[("ken", "sdg3_life"), "arrow"])  # no trend column: not published
    goals = published["goal_scores"].set_index(["place_id", "goal"])
    assert goals.loc[("fra", 1), "arrow"] == "no_data" and goals.loc[("ken", 1), "score"] == 26.4
    index = published["index"].set_index("place_id")
    assert index.loc["fra", "rank"] == 1 and index.loc["ken", "missing_share"] == 0.05


CITY_CSV = (
    "city,score,rank,region,SDG1,SDG3,sdg1_pov : Poverty rate (%),"
    '"sdg3_life : Life expectancy, at birth (years)",sdg13_co2 : CO2 emissions (t per capita),'
    'Dashboard SDG1,Dashboard: Poverty rate (%),"Dashboard: Life expectancy, at birth (years)",'
    "Dashboard: CO2 emissions (t per capita),Notes\n"
    "Oslo,74.8,1,Northern Europe,80,90,5,83,3,green,green,green,red,a\n"
    "Barcelona,60.1,2,Southern Europe,50,70,20,80,4,yellow,orange,yellow,red,b\n"
    "TheHague,55.0,3,Western Europe,40,60,30,78,5,red,red,orange,red,c\n"
    "Nowhereville,50.0,4,Western Europe,30,50,bad,70,6,red,red,red,red,d\n"
)


def test_city_table_places_directions_and_report(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(CITY_CSV, encoding="utf-8")
    assert sdsn.sniff(path)
    bundle, report = read(path)
    places = bundle.places.set_index("name")
    assert places.loc["Barcelona", "country_iso3"] == "ESP"  # ambiguous name settled by region
    assert places.loc["TheHague", "place_id"] == "nld-the-hague"  # CamelCase split
    assert pd.isna(places.loc["Nowhereville", "country_iso3"])
    directions = bundle.indicators.set_index("indicator_id")["direction"].to_dict()
    assert directions == {"sdg1_pov": "lower", "sdg3_life": "higher", "sdg13_co2": "lower"}
    assert bundle.indicators["best"].isna().all()  # no codebook: the scorer computes bounds
    obs = bundle.observations.set_index(["place_id", "indicator_id"])
    assert obs.loc[("esp-barcelona", "sdg3_life"), "value"] == 80
    assert set(bundle.observations["year"]) == {2019}
    warnings = reasons(report, WARNING)
    assert any("inferred from words in its name | sdg13_co2" in r for r in warnings)
    assert any(r.startswith("not a number") for r in warnings)
    assert any(r.startswith("no year in the file") for r in warnings)
    assert "column not understood; not imported | Notes" in warnings
    assert any("Nowhereville" in r or r.startswith("city 'Nowhereville'") for r in warnings)
    published = sdsn.read_published(path)
    assert published["index"].set_index("place_id").loc["nor-oslo", "score"] == 74.8
    goals = published["goal_scores"].set_index(["place_id", "goal"])
    assert goals.loc[("esp-barcelona", 1), "colour"] == "yellow"


def test_city_table_country_option_settles_names(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(
        CITY_CSV.replace("Barcelona,60.1,2,Southern Europe", "Barcelona,60.1,2,"), encoding="utf-8"
    )
    unsettled, _ = read(path)
    assert pd.isna(unsettled.places.set_index("name").loc["Barcelona", "country_iso3"])
    settled, _ = read(path, country="Venezuela")
    assert settled.places.set_index("name").loc["Barcelona", "place_id"] == "ven-barcelona"


def test_city_json_reads_like_the_csv(tmp_path):
    csv_path = tmp_path / "cities-2021.csv"
    csv_path.write_text(CITY_CSV, encoding="utf-8")
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    json_path = tmp_path / "cities-2021.json"
    json_path.write_text(json.dumps(frame.to_dict(orient="records")), encoding="utf-8")
    from_csv, _ = read(csv_path)
    from_json, report = read(json_path)
    key = ["place_id", "indicator_id", "year"]
    left = from_csv.observations.sort_values(key).reset_index(drop=True)[[*key, "value"]]
    right = from_json.observations.sort_values(key).reset_index(drop=True)[[*key, "value"]]
    pd.testing.assert_frame_equal(left, right)
    assert set(right["year"]) == {2021}
    assert not any(r.startswith("no year in the file") for r in reasons(report))


# ---- the real published files -------------------------------------------------------------

SDR = REALDATA / "sdsn-sdr-2019-global" / "2019GlobalIndexResults.xlsx"
CITIES = REALDATA / "sdsn-european-cities-sdg-index" / "public" / "data"


@pytest.fixture(scope="module")
def sdr() -> tuple:
    if not SDR.is_file():
        pytest.skip(f"real data file {SDR} is absent (it is always present in CI)")
    report = ImportReport()
    bundle, published = sdsn.load(SDR, report, ReadOptions())
    return bundle, published, report


@pytest.mark.realdata
@pytest.mark.slow
def test_sdr_2019_workbook_reads_completely(sdr):
    bundle, published, report = sdr
    assert len(bundle.places) == 193 and len(bundle.indicators) == 117  # 114 + 3 trend series
    assert report.rows_rejected == 0
    for count in report.counts.values():
        assert count.rows_kept + count.rows_rejected == count.rows_read
    assert report.counts[f"{SDR} [Raw Data (trends)]"].rows_read == 3860
    obs = bundle.observations.set_index(["place_id", "indicator_id", "year"])
    assert obs.loc[("alb", "sdg1_wpc", 2019), "value"] == pytest.approx(0.27)
    assert obs.loc[("afg", "sdg3_matmort", 2000), "value"] == 1100
    assert obs.loc[("afg", "sdg2_stunting", 2019), "year_label"] == "2019 edition (latest available)"
    assert obs.loc[("and", "sdg2_undernsh", 2019), "flag"] == "imputed"
    options = bundle.options
    assert len(options["index_indicators"]) == 85
    assert len(options["place_groups"]["oecd"]["places"]) == 36
    assert options["trend_series"]["sdg5_familypl"] == "sdg5_fplmodel"
    assert options["index_groups"]["afg"] == "E. Europe & C. Asia"
    warned = set(report.frame().query("severity == 'warning'")["column"])
    assert {"Spillover Score (0-100)", "Income Group in 2019"} <= warned
    index = published["index"].set_index("place_id")
    assert index.loc["dnk", "rank"] == 1 and index["score"].notna().sum() == 162


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["cities.csv", "cities.json"])
def test_european_cities_table_reads(name):
    path = CITIES / name
    if not path.is_file():
        pytest.skip(f"real data file {path} is absent (it is always present in CI)")
    bundle, report = read(path)
    assert len(bundle.places) == 45 and len(bundle.indicators) == 56
    assert report.rows_read == 45 and report.rows_rejected == 0
    places = bundle.places.set_index("place_id")
    assert places.loc["esp-barcelona", "country_iso3"] == "ESP"  # ambiguous: settled by region
    assert places.loc["nld-the-hague", "country_iso3"] == "NLD"  # 'TheHague' in the CSV
    assert places["country_iso3"].notna().all()
    obs = bundle.observations.set_index(["place_id", "indicator_id"])
    assert obs.loc[("nor-oslo", "sdg1_depriv"), "value"] == 1.5
    directions = bundle.indicators.set_index("indicator_id")["direction"]
    assert directions["sdg1_depriv"] == "lower" and directions["sdg4_edusat"] == "higher"
    assert directions["sdg13_co2"] == "lower"  # all its colours are red: inferred from the name
    published = sdsn.read_published(path)
    assert published["index"].set_index("place_id").loc["nor-oslo", "rank"] == 1


def test_plain_two_sheet_french_workbook_with_colour_numbers(tmp_path):
    """Codebook + data sheet under any names, French headers, colours as numbers and a legend:
    read by content (this layout once crashed in headline_values on the .str accessor)."""
    book = openpyxl.Workbook()
    book.active.title = "Indicateurs"
    for row in (
        [
            "IndCode",
            "Indicateur ",
            "Direction",
            "Valeur Cible",
            "Seuil vert",
            "Seuil rouge",
            "Limite inferieure",
        ],
        ["sdg6_eau", "Accès à l'eau (%)", "ascending", 100, 95, 60, 20],
        ["sdg3_lits", "Habitants par lit", "descending", 200, 450, 1300, 5000],
    ):
        book.active.append(row)
    sheet = book.create_sheet("Feuille 2")
    for row in (
        ["id", "sdg6_eau", "year_sdg6_eau", "Couleur: sdg6_eau ", "sdg3_lits", "sdg3_lits_color"],
        ["Alibori", "71,5", 2021, 1, "<1", 0],
        ["Atacora", "NA", "", 4, "3742", 0],
    ):
        sheet.append(row)
    legend = book.create_sheet("Légende")
    for row in (["COLOR", "Coding"], ["Red", 0], ["orange", 1], ["Yellow", 2], ["Green", 3], ["Grey", 4]):
        legend.append(row)
    path = tmp_path / "plain.xlsx"
    book.save(path)
    assert sdsn.sniff(path)
    report = ImportReport()
    bundle, published = sdsn.load(path, report, ReadOptions(country="Benin"))
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["sdg3_lits", ["goal", "best", "worst", "direction"]].tolist() == [
        3,
        200,
        5000,
        "lower",
    ]
    assert indicators.loc["sdg6_eau", "green_threshold"] == 95
    obs = bundle.observations.set_index(["place_id", "indicator_id"])
    assert obs.loc[("region-alibori", "sdg6_eau"), ["value", "year"]].tolist() == [71.5, 2021]
    assert obs.loc[("region-alibori", "sdg3_lits"), ["value", "flag"]].tolist() == [1.0, "<"]
    assert set(bundle.places["country_iso3"]) == {"BEN"} and set(bundle.places["kind"]) == {"region"}
    colours = published["indicator_scores"].set_index(["place_id", "indicator_id"])["colour"]
    assert (
        colours[("region-alibori", "sdg6_eau")] == "orange"
        and colours[("region-atacora", "sdg6_eau")] == "grey"
    )
    assert report.rows_rejected == 0


@pytest.mark.realdata
def test_european_cities_table_with_semicolons_decimal_commas_or_utf16_reads_the_same(tmp_path):
    """The next publisher's copy of the same table: semicolons and decimal commas (a European
    spreadsheet's CSV), or UTF-16. Neither was recognised ("format not recognised"), and the
    published scores of the first were 722 skipped cells ('82,1' is not a number)."""
    import csv
    import io
    import re

    path = CITIES / "cities.csv"
    if not path.is_file():
        pytest.skip(f"real data file {path} is absent (it is always present in CI)")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    european = io.StringIO()
    csv.writer(european, delimiter=";").writerows(
        [[re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", cell) for cell in row] for row in rows])
    (tmp_path / "semicolons.csv").write_text(european.getvalue(), encoding="utf-8")
    (tmp_path / "utf16.csv").write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
    expected, published = sdsn.load(path, ImportReport(), ReadOptions())
    for name in ("semicolons.csv", "utf16.csv"):
        assert sdsn.sniff(tmp_path / name), name
        report = ImportReport()
        bundle, again = sdsn.load(tmp_path / name, report, ReadOptions())
        assert not reasons(report, WARNING) or all("cell skipped" not in r for r in reasons(report))
        key = ["place_id", "indicator_id", "year"]
        left = bundle.observations.sort_values(key).reset_index(drop=True)[[*key, "value"]]
        right = expected.observations.sort_values(key).reset_index(drop=True)[[*key, "value"]]
        pd.testing.assert_frame_equal(left, right, check_dtype=False)
        assert again["index"]["score"].tolist() == published["index"]["score"].tolist()


def test_percent_formatted_cells_are_read_as_shown(workbook, tmp_path):
    """An SDSN workbook whose undernourishment cells held 0.299 formatted '0.0%' (shown 29.9%)
    against a codebook in percent stored 0.299 %, silently. Such cells are read as the sheet shows
    them, and the report says so once per sheet, naming the columns."""
    book = openpyxl.load_workbook(workbook)
    for sheet, column in (("SDR2099 Data", 12), ("Raw Data (trends)", 5)):
        for row in book[sheet].iter_rows(min_row=2, min_col=column, max_col=column):
            if isinstance(row[0].value, (int, float)):
                row[0].value, row[0].number_format = row[0].value / 100, "0.0%"
    path = tmp_path / "percent.xlsx"
    book.save(path)
    plain, _ = read(workbook)
    shown, report = read(path)
    pd.testing.assert_frame_equal(shown.observations, plain.observations)
    warned = [r for r in reasons(report, WARNING) if "formatted as percentages" in r]
    assert len(warned) == 2
    assert warned[0].startswith("3 number cells")
    assert warned[0].endswith("| Poverty headcount ratio (% population)")
    assert warned[1].startswith("5 number cells") and warned[1].endswith("| sdg1_pov")


def test_series_rows_of_a_place_not_in_the_data_sheet_are_rejected(workbook, tmp_path):
    """A workbook without France's data row kept France's time series rows nowhere (the store keeps
    the data sheet's places) while the import said every row was kept: each is rejected and said."""
    book = openpyxl.load_workbook(workbook)
    data = book["SDR2099 Data"]
    data.delete_rows(next(row[0].row for row in data.iter_rows() if row[1].value == "FRA"))
    path = tmp_path / "nofrance.xlsx"
    book.save(path)
    bundle, report = read(path)
    assert "fra" not in set(bundle.observations["place_id"])
    said = report.frame()
    outside = said[said["reason"] == "place not in the data sheet"]
    assert outside["line"].tolist() == [4, 5] and set(outside["value"]) == {"France"}
    assert set(outside["column"]) == {"country"} and set(outside["severity"]) == {"rejected"}
    count = report.counts[str(path.with_name("nofrance.xlsx [Raw Data (trends)]"))]
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (5, 2, 3)


@pytest.mark.parametrize("renamed", [
    {"Best value (= 100)": "Upper Bound (=100)", "Worst value (= 0)": "Lower bound (= 0)",
     "greenthr": "Threshold green", "redthr": "Threshold red"},
    {"greenthr": "Green Threshold (green)", "redthr": "Red threshold"},
])
def test_codebook_bounds_in_other_spellings_and_unread_columns(workbook, tmp_path, renamed):
    """A codebook saying 'Threshold green' or 'Upper Bound (=100)' lost those columns without a word
    (only header starts were matched): every indicator was scored on bounds from the data. They are
    read, and a column still not read is named in a warning."""
    book = openpyxl.load_workbook(workbook)
    header = book["Codebook"][1]
    for cell in header:
        cell.value = renamed.get(cell.value, cell.value)
    book["Codebook"].cell(1, len(header) + 1, "Justification for Optimum")
    book["Codebook"].cell(2, len(header) + 1, "a text")
    path = tmp_path / "renamed.xlsx"
    book.save(path)
    plain, _ = read(workbook)
    spelled, report = read(path)
    pd.testing.assert_frame_equal(spelled.indicators, plain.indicators)
    unread = [r for r in reasons(report, WARNING) if r.startswith("codebook columns not read")]
    assert [r.split(" | ")[1] for r in unread] == ["Justification for Optimum"]


def flat_table(delimiter: str = ",") -> str:
    """A tiny flattened index table (the 2019 Africa SDG Index CSV's layout): ten numbered indicators,
    each with its colour."""
    header = ["Country", "id"]
    for goal in range(1, 11):
        header += [f"{goal}.01 Indicator {goal}", f"{goal}.01 __COLOR__ Indicator {goal}"]
    rows = [["Angola", "AGO", *[cell for goal in range(10) for cell in (str(30 + goal), "red")]],
            ["Ghana", "GHA", *[cell for goal in range(10) for cell in (str(60 + goal), "green")]]]
    return "\n".join(delimiter.join(row) for row in [header, *rows]) + "\n"


@pytest.mark.parametrize("encoding, delimiter", [("utf-16", ","), ("utf-16", ";"), ("utf-8", ";")])
def test_a_flat_table_in_utf16_or_with_semicolons_reads_as_the_plain_one(tmp_path, encoding, delimiter):
    """The layout of an SDSN table was chosen from its first line read as UTF-8 and split on commas:
    the Africa index in UTF-16 crashed the import ('new-line character seen in unquoted field', no
    file named) and with semicolons it was taken for a city table and refused."""
    plain = tmp_path / "plain.csv"
    plain.write_text(flat_table(), encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text(flat_table(delimiter), encoding=encoding)
    assert sdsn.sniff(other)
    expected, _ = read(plain)
    bundle, report = read(other)
    pd.testing.assert_frame_equal(bundle.observations, expected.observations)
    assert report.counts[str(other)].rows_kept == 2


def test_a_crash_in_one_file_names_it_and_the_others_are_read(tmp_path, monkeypatch):
    """An error no reader foresaw (csv's 'new-line character seen in unquoted field') aborted the
    whole folder's import and named no file: it is that file's reason for not being read."""
    import csv

    from loaders import sources

    (tmp_path / "a.csv").write_text(flat_table(), encoding="utf-8")
    (tmp_path / "b.csv").write_text(flat_table(), encoding="utf-8")
    load = sdsn.load

    def crashing(path, *args):
        if path.name == "a.csv":
            raise csv.Error("new-line character seen in unquoted field")
        return load(path, *args)

    monkeypatch.setattr(sdsn, "load", crashing)
    report = ImportReport()
    bundle = sources.read_sources([tmp_path], ReadOptions(), report, known_places=None)
    assert report.counts[str(tmp_path / "b.csv")].rows_kept == 2 and len(bundle.observations) == 20
    assert "a.csv" in report.counts[str(tmp_path / "a.csv")].unreadable
    assert "new-line character" in report.counts[str(tmp_path / "a.csv")].unreadable


def test_an_sdsn_workbook_named_xls_is_read_by_its_content(workbook, tmp_path):
    """SDR's workbook saved as .xlsx under an '.xls' name was 'format not recognised'."""
    from loaders import formats

    named = tmp_path / "index.xls"
    named.write_bytes(workbook.read_bytes())
    assert formats.detect(named).NAME == "sdsn"
    plain, _ = read(workbook)
    bundle, _ = read(named)
    pd.testing.assert_frame_equal(bundle.observations, plain.observations)


def test_an_old_binary_xls_is_not_read_and_says_what_to_do(tmp_path, capsys):
    """Validating a real .xls printed pandas' "`Import python-calamine` failed. Use pip, conda...": the
    file is said not to be read, with what to do, and the exit status is 2 (nothing read)."""
    from dashboard.cli import main

    path = tmp_path / "SDGUSA.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert main(["validate", str(path), "--report", str(tmp_path / "r.csv")]) == 2
    out = capsys.readouterr().out
    assert "SDGUSA.xls is an old binary Excel workbook (.xls), which is not read" in out
    assert "save it as .xlsx" in out and "calamine" not in out and "Traceback" not in out
