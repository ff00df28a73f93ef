"""The mapped reader: a city's own tidy or wide file plus a YAML mapping, and the broken-file corpus."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from loaders import schema
from loaders.bundle import WHERE
from loaders.mapped import reader as mapped
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from tests import broken_files
from tests.conftest import CITY_MAPPING

TIDY_MAPPING = """
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
unit: {column: Unit}
breakdown: [Sex]
indicators:
  pm25: {target: "11.6", name: "PM2.5 annual mean", unit: "µg/m3", direction: lower, best: 5, worst: 50}
"""

TIDY_DATA = """Exported by the city statistics office
Country,United Kingdom
City,Country,Indicator,Year,Sex,Value,Unit,Notes
Bristol,GBR,pm25,2019,,12.5,µg/m3,
Bristol,GBR,PM2.5 annual mean,2020,,<0.5,µg/m3,
Bristol,GBR,pm25,2021,,..,µg/m3,
Bristol,GBR,11.6.2 Open space,2021,Female,"1,234",%,
Bristol,GBR,11.6.2 Open space,2021,Male,"1,100",%,
,GBR,pm25,2021,,3,µg/m3,
Leeds,GBR,pm25,20x1,,3,µg/m3,
Leeds,GBR,pm25,2018-19,,abc,µg/m3,
Leeds,GBR,pm25,2018-19,,=SUM(A1:A3),µg/m3,
Leeds,GBR,pm25,2019,,4,µg/m3,
Leeds,GBR,pm25,2019,,5,µg/m3,
Leeds,GBR,pm25,2017/18,,6,µg/m3,
"""


def load(tmp_path, data: str, mapping: str, name: str = "data.csv", **options):
    (tmp_path / name).write_text(data, encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(mapping, encoding="utf-8")
    report = ImportReport()
    read_options = ReadOptions(mapping=tmp_path / "mapping.yml", **options)
    bundle = mapped.read(tmp_path / name, report, read_options)
    return bundle, report


def rejected(report: ImportReport) -> dict[int, str]:
    frame = report.frame()
    frame = frame[frame["severity"] == "rejected"]
    return dict(zip(frame["line"].astype(int), frame["reason"], strict=True))


def assert_counts_add_up(report: ImportReport, read: int, kept: int) -> None:
    (count,) = report.counts.values()
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (read, kept, read - kept)


def test_sniff_never_claims_a_file(tmp_path):
    assert mapped.sniff(tmp_path / "anything.csv") is False


def test_tidy_file(tmp_path):
    bundle, report = load(tmp_path, TIDY_DATA, TIDY_MAPPING)
    assert_counts_add_up(report, read=12, kept=7)
    assert rejected(report) == {
        9: "empty place",
        10: "year not understood",
        11: "not a number",
        12: "formula, not a value",
        14: "duplicate of line 13 with another value (4 there, 5 here) (same place, indicator, year and "
            "breakdown): the first is kept; check which is right",
    }
    obs = bundle.observations.set_index(["place_id", "indicator_id", "year", "breakdown"])
    assert obs.loc[("gbr-bristol", "pm25", 2019, ""), "value"] == 12.5
    assert obs.loc[("gbr-bristol", "pm25", 2020, ""), ["value", "flag"]].tolist() == [0.5, "<"]
    assert pd.isna(obs.loc[("gbr-bristol", "pm25", 2021, ""), "value"])
    assert obs.loc[("gbr-bristol", "pm25", 2021, ""), "flag"] == "missing"
    assert obs.loc[("gbr-bristol", "11-6-2-open-space", 2021, "Sex=Female"), "value"] == 1234
    assert obs.loc[("gbr-leeds", "pm25", 2018, ""), "year_label"] == "2017/18"
    assert list(bundle.observations.columns) == [*schema.OBSERVATIONS, *WHERE]
    assert obs.loc[("gbr-bristol", "pm25", 2019, ""), ["line", "column"]].tolist() == [4, "Value"]


def test_tidy_file_places_and_indicators(tmp_path):
    bundle, report = load(tmp_path, TIDY_DATA, TIDY_MAPPING)
    places = bundle.places.set_index("place_id")
    assert places.loc["gbr-bristol", ["name", "kind", "country", "country_iso3"]].tolist() == [
        "Bristol",
        "city",
        "GBR",
        "GBR",
    ]
    indicators = bundle.indicators.set_index("indicator_id")
    pm25 = indicators.loc["pm25"]
    assert (pm25["goal"], pm25["target"], pm25["name"], pm25["direction"]) == (
        11,
        "11.6",
        "PM2.5 annual mean",
        "lower",
    )
    assert (pm25["best"], pm25["worst"], pm25["unit"]) == (5, 50, "µg/m3")
    open_space = indicators.loc["11-6-2-open-space"]
    assert (open_space["goal"], open_space["un_code"], open_space["unit"]) == (11, "11.6.2", "%")
    info = report.frame()[report.frame()["severity"] == INFO]
    assert info["reason"].tolist() == [
        "columns not used by the mapping: Notes",
        "1 bounds such as '<1' (number kept, flag '<' or '>')",
        "1 missing markers (no value, reason in note): 1 not available ('..')",
    ]


WIDE_BY_YEAR = """City,Indicator,2018,2019,2020,Notes
Bristol,SDG 11.6.2,10,,=A1,x
,SDG 11.6.2,1,2,,
Leeds,no2,5,abc,7,
Leeds,no2,,,8,
"""


def test_a_spreadsheet_error_names_no_place_nor_indicator(tmp_path):
    """A workbook exported to CSV writes a failed lookup as '#N/A': it was kept as a city named
    '#N/A' ("not found in the gazetteer"); as a value it is missing, with the error as its reason."""
    text = "City,Indicator,2020\n#N/A,no2,5\nLeeds,#REF!,6\nLeeds,no2,#DIV/0!\nYork,no2,7\n"
    mapping = (
        'place: {column: City}\nindicator: {column: Indicator}\nyear: {pattern: "^(\\\\d{4})$"}\n'
        "country: {value: United Kingdom}\n"
    )
    bundle, report = load(tmp_path, text, mapping)
    frame = report.frame().set_index("line")
    assert frame.loc[2, ["column", "value", "reason"]].tolist() == [
        "City", "#N/A", "place is a spreadsheet error ('#N/A'), not a name: the workbook's formula gave none"]
    assert frame.loc[3, ["column", "reason"]].tolist() == [
        "Indicator",
        "indicator is a spreadsheet error ('#REF!'), not a name: the workbook's formula gave none"]
    kept = bundle.observations.set_index("place_id")
    assert set(kept.index) == {"gbr-leeds", "gbr-york"} and pd.isna(kept.loc["gbr-leeds", "value"])
    assert "spreadsheet error ('#DIV/0!')" in kept.loc["gbr-leeds", "note"]


def test_a_wide_file_reads_every_year_with_one_decimal_mark(tmp_path):
    """Each year column found its own mark: Linz's 1.234 (2018), beside Wien's '12,5', was 1234,
    and its 1.250 and 1.300 in the next columns, beside whole numbers only, 1.25 and 1.3."""
    text = "Stadt;Indikator;2018;2019;2020\nWien;11.1.1;12,5;11;10\nLinz;11.1.1;1.234;1.250;1.300\n"
    mapping = ('place: {column: Stadt}\nindicator: {column: Indikator}\nyear: {pattern: "^(\\\\d{4})$"}\n'
               "country: {value: Austria}\n")
    bundle, _ = load(tmp_path, text, mapping)
    linz = bundle.observations[bundle.observations["place_id"] == "aut-linz"].sort_values("year")
    assert linz["value"].tolist() == [1234.0, 1250.0, 1300.0]


def test_wide_years_as_columns(tmp_path):
    mapping = (
        'place: {column: City}\nindicator: {column: Indicator}\nyear: {pattern: "^(\\\\d{4})$"}\n'
        "country: {value: United Kingdom}\n"
    )
    bundle, report = load(tmp_path, WIDE_BY_YEAR, mapping)
    assert_counts_add_up(report, read=8, kept=3)
    frame = report.frame().set_index("line")
    assert frame.loc[2, ["column", "value", "reason"]].tolist() == ["2020", "=A1", "formula, not a value"]
    assert frame.loc[3, ["column", "reason"]].tolist() == ["City", "empty place"]
    assert frame.loc[4, ["column", "value", "reason"]].tolist() == ["2019", "abc", "not a number"]
    assert frame.loc[5, "reason"].startswith("duplicate of line 4")
    assert sorted(bundle.observations["year"]) == [2018, 2018, 2020]
    assert set(bundle.observations["place_id"]) == {"gbr-bristol", "gbr-leeds"}
    assert bundle.indicators.set_index("indicator_id").loc["11-6-2", "goal"] == 11


def test_wide_indicators_as_columns(tmp_path):
    data = "Ward,Year,PM2.5,NO2 (µg/m3),Population\nCentral,2019,10,20,5000\nCentral,2020,11,,\n"
    mapping = """
place: {column: Ward}
kind: district
parent: {value: gbr-bristol}
year: {column: Year}
indicator: {columns: {"PM2.5": pm25, "no2 (µg/m3)": no2}}
population: {column: Population}
indicators: {no2: {goal: 11, unit: µg/m3}, pm25: {goal: 11}}
"""
    bundle, report = load(tmp_path, data, mapping)
    assert_counts_add_up(report, read=3, kept=3)
    assert bundle.observations["indicator_id"].tolist() == ["pm25", "no2", "pm25"]
    place = bundle.places.iloc[0]
    assert (place["place_id"], place["kind"], place["parent_id"]) == (
        "gbr-bristol-central",
        "district",
        "gbr-bristol",
    )
    assert place["population"] == 5000
    assert bundle.indicators.set_index("indicator_id").loc["no2", "name"] == "NO2 (µg/m3)"


def test_breakdown_joins_the_non_blank_cells(tmp_path):
    data = (
        "City,Indicator,Year,Sex,Age group,Value\nBristol,pm25,2019,Female,15-24,1\n"
        "Bristol,pm25,2019,,15-24,2\nBristol,pm25,2019,,,3\n"
    )
    mapping = mapping_text(breakdown="{Sex: Sex, age group: Age}")
    bundle, report = load(tmp_path, data, mapping)
    assert bundle.observations["breakdown"].tolist() == ["Sex=Female|Age=15-24", "Age=15-24", ""]


def test_single_place_file_from_options(tmp_path):
    data = "Indicator;Year;Value\n11.6.2;2019;12,5\n11.6.2;2020;1.234,5\n"
    mapping = "indicator: {column: Indicator}\nyear: {column: Year}\nvalue: {column: Value}\ndecimal: ','\n"
    bundle, report = load(tmp_path, data, mapping, place="Bristol", country="United Kingdom")
    assert_counts_add_up(report, read=2, kept=2)
    assert bundle.observations["value"].tolist() == [12.5, 1234.5]
    assert bundle.places["place_id"].tolist() == ["gbr-bristol"]
    assert bundle.places["country"].tolist() == ["United Kingdom"]


def test_kind_column_and_unknown_country(tmp_path):
    data = (
        "Place,Kind,Country,Indicator,Year,Value\nKenya,country,,pm25,2019,1\nX,planet,,pm25,2019,1\n"
        "Nowhere City,,Atlantis,pm25,2019,1\n"
    )
    mapping = (
        "place: {column: Place}\nkind: {column: Kind}\ncountry: {column: Country}\n"
        "indicator: {column: Indicator}\nyear: {column: Year}\nvalue: {column: Value}\n"
        "goal_colour_rule: mean_colour\n"
        "indicators: {unused: {goal: 3}}\n"
    )
    bundle, report = load(tmp_path, data, mapping)
    assert rejected(report) == {3: "kind is not one of city, district, region, country"}
    assert set(bundle.places["place_id"]) == {"ken", "nowhere-city"}
    warnings = report.frame()[report.frame()["severity"] == WARNING]
    assert set(warnings["reason"]) == {
        "country not recognised",
        "indicator in the mapping has no data in the file",
    }
    assert bundle.options == {"goal_colour_rule": "mean_colour"}


def test_workbook_with_sheet_and_formulas(tmp_path):
    path = broken_files.formula_xlsx(tmp_path)
    book = openpyxl.load_workbook(path)
    book.create_sheet("Other", 0)
    book.save(path)
    (tmp_path / "m.yml").write_text(
        "sheet: Data\nplace: {column: City}\nindicator: {column: Indicator}\n"
        "year: {column: Year}\nvalue: {column: Value}\n"
    )
    report = ImportReport()
    bundle = mapped.read(path, report, ReadOptions(mapping=tmp_path / "m.yml"))
    assert rejected(report) == {4: "formula, not a value", 5: "formula, not a value"}
    assert bundle.observations["value"].tolist() == [10.5]
    assert report.frame().set_index("line").loc[5, "value"] == "=A4"


def test_no_mapping_file(tmp_path):
    path = broken_files.formula_csv(tmp_path)
    with pytest.raises(LoadError, match="formulas.csv needs a mapping file"):
        mapped.read(path, ImportReport(), ReadOptions())


BASE = {
    "place": "{column: City}",
    "indicator": "{column: Indicator}",
    "year": "{column: Year}",
    "value": "{column: Value}",
}


def mapping_text(**changes: str | None) -> str:
    keys = {**BASE, **changes}
    return "".join(f"{k}: {v}\n" for k, v in keys.items() if v is not None)


@pytest.mark.parametrize(
    ("mapping", "phrase"),
    [
        (mapping_text(plce="{column: City}"), "unknown key 'plce' (did you mean 'place'?)"),
        (mapping_text(place=None), "the required key 'place' is missing"),
        (mapping_text(value=None), "the required key 'value' is missing"),
        (mapping_text(place="City"), "'place' must be {column: NAME} or {value: ...}"),
        (mapping_text(place="{colum: City}"), "unknown key 'colum' under 'place' (did you mean 'column'?)"),
        (mapping_text(kind="village"), "kind 'village' must be one of"),
        (mapping_text(format="long"), "'format' is 'long' but must be one of: tidy, wide"),
        (mapping_text(year="{pattern: '(\\d{4'}", value=None), "not a valid regular expression"),
        (mapping_text(year="{pattern: '^(\\d{4})$'}"), "takes its values from the 'year' columns"),
        (mapping_text(format="wide"), "a wide mapping needs"),
        (mapping_text(format="tidy", year="{columns: ['2019']}", value=None), "set 'format: wide'"),
        (mapping_text(indicators="{pm25: {goal: 18}}"), "goals run from 1 to 17"),
        (mapping_text(indicators="{pm25: {colour: red}}"), "unknown key 'colour' under 'indicators: pm25'"),
        (mapping_text(indicators="{pm25: {best: high}}"), "best 'high', which is not a number"),
        (mapping_text(indicators="{pm25: {direction: up}}"), "use higher or lower"),
        ("place: {column: City\nyear: [", "not valid YAML near line"),
        ("- just\n- a list\n", "must be a set of 'key: value' lines"),
    ],
)
def test_mapping_errors_are_one_sentence(tmp_path, mapping, phrase):
    with pytest.raises(LoadError) as caught:
        load(tmp_path, broken_files.HEADER + broken_files.GOOD_ROWS, mapping)
    message = str(caught.value)
    assert message.startswith("mapping.yml: ") and phrase in message
    assert_one_sentence(message)


@pytest.mark.parametrize(
    ("mapping", "phrase"),
    [
        (mapping_text(value="{column: Amount}"), "data.csv has no column 'Amount', named by 'value'"),
        (mapping_text(breakdown="[Sex]"), "data.csv has no column 'Sex', named by 'breakdown'"),
        (mapping_text(year="{pattern: '^y(\\d{4})$'}", value=None), "no column of data.csv matches"),
    ],
)
def test_columns_the_file_lacks(tmp_path, mapping, phrase):
    with pytest.raises(LoadError) as caught:
        load(tmp_path, broken_files.HEADER + broken_files.GOOD_ROWS, mapping)
    assert phrase in str(caught.value) and "mapping.yml" in str(caught.value)
    assert_one_sentence(str(caught.value))


def test_column_names_match_despite_case_and_spaces(tmp_path):
    data = " city ,INDICATOR,Year ,Value\nBristol,pm25,2019,1\n"
    bundle, report = load(tmp_path, data, mapping_text())
    assert_counts_add_up(report, read=1, kept=1)


def test_missing_mapping_file(tmp_path):
    path = broken_files.formula_csv(tmp_path)
    with pytest.raises(LoadError, match="mapping file .*nothing.yml cannot be opened"):
        mapped.read(path, ImportReport(), ReadOptions(mapping=tmp_path / "nothing.yml"))


def assert_one_sentence(message: str) -> None:
    assert "Traceback" not in message and "\n" not in message
    assert message.endswith(".") and ". " not in message.rstrip(".")


@pytest.mark.parametrize("case", sorted(broken_files.UNREADABLE))
def test_unreadable_files_give_one_sentence(tmp_path, case):
    writer, phrase = broken_files.UNREADABLE[case]
    path = writer(tmp_path)
    report = ImportReport()
    with pytest.raises(LoadError) as caught:
        mapped.read(path, report, ReadOptions(mapping=broken_files.tidy_mapping(tmp_path)))
    message = str(caught.value)
    assert path.name in message and phrase in message
    assert_one_sentence(message)
    assert report.rows_read == 0


@pytest.mark.parametrize("case", sorted(broken_files.PARTLY_READABLE))
def test_partly_readable_files_reject_rows_with_their_lines(tmp_path, case):
    writer, rows_read, reasons = broken_files.PARTLY_READABLE[case]
    path = writer(tmp_path)
    report = ImportReport()
    bundle = mapped.read(path, report, ReadOptions(mapping=broken_files.tidy_mapping(tmp_path)))
    assert rejected(report) == reasons
    assert_counts_add_up(report, read=rows_read, kept=rows_read - len(reasons))
    assert len(bundle.observations) == rows_read - len(reasons)


def test_the_documented_example_is_a_valid_mapping(tmp_path):
    import re

    from dashboard.paths import DOCS_DIR
    from loaders.mapped import mapping as mapping

    text = (DOCS_DIR / "data-formats-mapping.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete example\s+```yaml\n(.*?)```", text, re.S).group(1)
    (tmp_path / "example.yml").write_text(example, encoding="utf-8")
    spec = mapping.load(tmp_path / "example.yml")
    assert spec.format == "tidy" and spec.sheet == "Data"
    assert spec.breakdown == {"Sex": "Sex", "Age": "Age"}
    assert spec.indicators["pm25"]["target"] == "11.6" and spec.indicators["pm25"]["best"] == 5


def test_indicator_pattern_gives_ids_and_goals(tmp_path):
    data = "City,Year,SDG 11.6.2 PM2.5,SDG 3.9.1 Deaths,Notes\nBristol,2020,10,2,\n"
    mapping = "place: {column: City}\nyear: {column: Year}\nindicator: {pattern: '^SDG ([0-9.]+)'}\n"
    bundle, report = load(tmp_path, data, mapping)
    indicators = bundle.indicators.set_index("indicator_id")
    assert indicators.loc["11-6-2", ["goal", "name"]].tolist() == [11, "SDG 11.6.2 PM2.5"]
    assert indicators.loc["3-9-1", "goal"] == 3


def test_goal_from_an_sdsn_style_id_unless_the_mapping_says_otherwise(tmp_path):
    data = "City,Year,sdg08_desempleo,sdg8v2_jobs,SDG3_x,sdg07_luz\nLa Paz,2020,4.1,2,3,90\n"
    mapping = (
        "place: {column: City}\nyear: {column: Year}\nindicator: {pattern: '^sdg'}\n"
        "indicators:\n  sdg07_luz: {goal: 11}\n"
    )
    bundle, _ = load(tmp_path, data.replace("SDG3_x", "sdg3_x"), mapping)
    goals = bundle.indicators.set_index("indicator_id")["goal"].to_dict()
    assert goals == {"sdg08-desempleo": 8, "sdg8v2-jobs": 8, "sdg3-x": 3, "sdg07-luz": 11}


def test_annotated_values_keep_their_note_and_decimal_commas_per_column(tmp_path):
    data = 'City,Year,sdg1_a,sdg2_b\nOruro,2020,(19)-converted value,"0,5"\nPotosi,2020,NA,"1,25"\n'
    mapping = "place: {column: City}\nyear: {column: Year}\nindicator: {pattern: '^sdg'}\n"
    bundle, report = load(tmp_path, data, mapping)
    obs = bundle.observations.set_index(["place_id", "indicator_id"]).sort_index()
    noted = obs[obs["note"] == "converted value"]
    assert noted["value"].tolist() == [19.0] and noted["flag"].tolist() == ["note"]
    assert sorted(obs.loc[obs.index.get_level_values(1) == "sdg2-b", "value"]) == [0.5, 1.25]
    assert "not available ('NA')" in obs["note"].tolist()
    reasons = report.frame()["reason"].tolist()
    assert "1 numbers with a note (number kept, note kept)" in reasons
    assert "2 decimal commas read as points" in reasons


def test_index_listed_in_the_mapping_replaces_the_coverage_rule(tmp_path):
    from loaders.scoring import score_store

    rows = ["City,Country,Year,sdg1_a,sdg1_b"]
    rows += [
        f"{c},France,2020,{v},{'' if i > 1 else v}"
        for i, (c, v) in enumerate([("Paris", 10), ("Lyon", 20), ("Lille", 30), ("Nantes", 40), ("Nice", 50)])
    ]
    mapping = (
        "place: {column: City}\ncountry: {column: Country}\nyear: {column: Year}\n"
        "indicator: {pattern: '^sdg'}\nindex: listed\nindicators:\n"
        "  sdg1_a: {best: 50, worst: 0}\n  sdg1_b: {best: 50, worst: 0}\n"
    )
    bundle, _ = load(tmp_path, "\n".join(rows) + "\n", mapping)
    assert bundle.options["index_indicators"] == ["sdg1-a", "sdg1-b"]
    scores = score_store(bundle.places, bundle.indicators, bundle.observations, bundle.options)
    used = scores["indicator_scores"].groupby("indicator_id", observed=True)["in_index"].any()
    assert used.to_dict() == {"sdg1-a": True, "sdg1-b": True}  # sdg1_b covers 2 of 5 places
    without = score_store(bundle.places, bundle.indicators, bundle.observations, {})
    used = without["indicator_scores"].groupby("indicator_id", observed=True)["in_index"].any()
    assert used.to_dict() == {"sdg1-a": True, "sdg1-b": False}  # the 80 % coverage rule


@pytest.mark.parametrize(
    ("cell", "year", "label"),
    [
        ("2017", 2017, ""),
        ("2017.0", 2017, ""),
        ("2017-18", 2018, "2017-18"),
        ("2012/13", 2013, "2012/13"),
        ("1990-1999", 1999, "1990-1999"),
        ("1999-00", 2000, "1999-00"),
        ("2019-03-31", 2019, "2019-03-31"),
        ("2020-2019", None, ""),
        ("1700", None, ""),
        ("FY2019", 2019, "FY2019"),  # the fiscal year that ends in 2019: rejected before
        ("FY 2020", 2020, "FY 2020"),
        ("FY19", None, ""),
    ],
)
def test_parse_years(cell, year, label):
    parsed = mapped.parse_years(pd.Series([cell], dtype="string")).iloc[0]
    assert pd.isna(parsed["year"]) if year is None else parsed["year"] == year
    assert parsed["year_label"] == label


@pytest.mark.parametrize("layout", ["header-only", "wide-all-blank"])
def test_files_without_values_read_nothing_and_say_so(tmp_path, layout):
    if layout == "header-only":
        book = openpyxl.Workbook()
        book.active.append(["City", "Indicator", "Year", "Value"])
        book.save(tmp_path / "data.xlsx")
        (tmp_path / "mapping.yml").write_text(mapping_text())
    else:
        (tmp_path / "data.xlsx").write_text("City,Indicator,2019,2020\nBristol,pm25,,\n")
        (tmp_path / "data.xlsx").rename(tmp_path / "data.csv")
        (tmp_path / "mapping.yml").write_text(mapping_text(year="{columns: ['2019', '2020']}", value=None))
    path = next(tmp_path.glob("data.*"))
    report = ImportReport()
    bundle = mapped.read(path, report, ReadOptions(mapping=tmp_path / "mapping.yml"))
    assert_counts_add_up(report, read=0, kept=0)
    assert bundle.observations.empty and bundle.places.empty and bundle.indicators.empty
    assert report.exit_status() == 2


def test_a_file_cut_at_any_byte_is_read_or_refused_in_one_sentence(tmp_path):
    mapping = broken_files.tidy_mapping(tmp_path)
    whole = 'City,Indicator,Year,Value\nBristol,"PM2.5, annual",2019,"1,5"\r\n"São Paulo",pm25,2017-18,<0.5\n'
    data = whole.encode("utf-8")
    for cut in range(len(data)):
        path = tmp_path / f"cut{cut}.csv"
        path.write_bytes(data[:cut])
        report = ImportReport()
        try:
            mapped.read(path, report, ReadOptions(mapping=mapping))
        except LoadError as error:
            assert path.name in str(error)
            assert_one_sentence(str(error))
            continue
        count = report.count(path)
        assert count.rows_read == count.rows_kept + count.rows_rejected


def test_an_unknown_country_is_reported_once_with_its_first_line(tmp_path):
    """UNdata's footnote table below its data gave 118 'country not recognised' warnings with no line;
    a country of rows that name no place (rejected anyway) is not warned of."""
    path = tmp_path / "own.csv"
    path.write_text("City,Country,Indicator,Year,Value\nLeeds,GBR,pm25,2019,4\nAtlantis,Narnia,pm25,2019,5\n"
                    "Lemuria,Narnia,pm25,2019,6\n,footnoteSeqID,,,\n", encoding="utf-8")
    mapping_file = tmp_path / "m.yml"
    mapping_file.write_text(CITY_MAPPING, encoding="utf-8")
    report = ImportReport()
    mapped.read(path, report, ReadOptions(mapping=mapping_file))
    said = report.frame()
    said = said[said["reason"].str.startswith("country not recognised")]
    assert said[["line", "value", "reason"]].values.tolist() == [
        [3, "Narnia", "country not recognised (on 2 rows; the first here)"]]


def test_a_repeat_with_another_value_is_said_to_conflict(tmp_path):
    """The UN's 11.2.1 file has three rows for Mexico's Guerrero (89.3, 20.1, 15.7): all were
    "duplicate of line 1251", as if copies; one of the same value is still a duplicate."""
    data = ("City,Country,Indicator,Year,Value\nGuerrero,MEX,pt,2020,89.3\nGuerrero,MEX,pt,2020,20.1\n"
            "Guerrero,MEX,pt,2020,89.3\n")
    mapping = ("place: {column: City}\ncountry: {column: Country}\nindicator: {column: Indicator}\n"
               "year: {column: Year}\nvalue: {column: Value}\n")
    bundle, report = load(tmp_path, data, mapping)
    assert rejected(report) == {
        3: "duplicate of line 2 with another value (89.3 there, 20.1 here) (same place, indicator, year and "
           "breakdown): the first is kept; check which is right",
        4: "duplicate of line 2 (same place, indicator, year and breakdown)",
    }
    assert bundle.observations["value"].tolist() == [89.3]


def test_a_workbook_reads_text_as_its_csv_does(tmp_path):
    """pandas made the text `NA` (Namibia's ISO2 code), `NaN` and `null` of a workbook blanks: its
    cities got other ids than the same rows' CSV (`windhoek`, not `nam-windhoek`), and `NaN` was an
    empty cell where the CSV said it is a missing marker."""
    rows = [["City", "Country", "Indicator", "Year", "Value"], ["Windhoek", "NA", "pm25", "2020", "NaN"],
            ["Walvis Bay", "NA", "pm25", "2020", "7"], ["Nairobi", "KE", "pm25", "2020", "null"]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "cities.xlsx")
    (tmp_path / "cities.csv").write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    (tmp_path / "m.yml").write_text(CITY_MAPPING, encoding="utf-8")
    found = {}
    for name in ("cities.xlsx", "cities.csv"):
        report = ImportReport()
        bundle = mapped.read(tmp_path / name, report, ReadOptions(mapping=tmp_path / "m.yml"))
        issues = report.frame()
        found[name] = (sorted(bundle.places["place_id"]), bundle.observations["value"].tolist(),
                       issues[["line", "column", "value", "reason"]].astype(str).values.tolist())
    assert found["cities.xlsx"] == found["cities.csv"]
    assert found["cities.csv"][0] == ["ken-nairobi", "nam-walvis-bay", "nam-windhoek"]
