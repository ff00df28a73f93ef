"""Numbers no statistic has ('1e400', '1e-400'), digits grouped wrongly ('12.5.3') and dates that
are not dates ('2020-13-45') are rejected with their line, column and reason by every reader,
and the good rows beside them are kept."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from dashboard.cli import main
from loaders.importer import import_files
from loaders.mapped import reader as mapped
from loaders.mapped import stream
from loaders.numbers import BAD_GROUPING, OUT_OF_RANGE, parse_numbers
from loaders.opensdg import reader as opensdg
from loaders.opensdg.rows import year_of
from loaders.options import ReadOptions
from loaders.report import REJECTED, WARNING, ImportReport
from loaders.sdsn import reader as sdsn
from loaders.store import Store
from loaders.unsdg import reader as unsdg
from tests.test_opensdg import TESTVILLE, site
from tests.test_sdsn import CITY_CSV

MAPPING = """
format: tidy
place: {column: City}
country: {column: Country}
indicator: {value: "11.2.1"}
year: {column: Year}
value: {column: Value}
"""
DATA = (
    "City,Country,Year,Value\n"
    "Leeds,GBR,2019,\"1,5\"\n"  # line 2: a decimal comma, so the column reads commas as decimals
    "York,GBR,2019,1e400\n"  # line 3
    "Hull,GBR,2019,1e-400\n"  # line 4
    "Bath,GBR,2019,-1e308\n"  # line 5
    "Ely,GBR,2019,12.5.3\n"  # line 6
    "Wells,GBR,2020-13-45,7\n"  # line 7
    "Ripon,GBR,2019,1.234,5\n"  # line 8: quoted below
    "Derby,GBR,2019-03-31,0\n"  # line 9
)
DATA = DATA.replace("1.234,5\n", '"1.234,5"\n')
REJECTED_LINES = {
    3: ("Value", "1e400", OUT_OF_RANGE),
    4: ("Value", "1e-400", OUT_OF_RANGE),
    5: ("Value", "-1e308", OUT_OF_RANGE),
    6: ("Value", "12.5.3", BAD_GROUPING),
    7: ("Year", "2020-13-45", mapped.NOT_A_DATE),
}


def parsed(cells: list[str], decimal: str | None = None) -> pd.DataFrame:
    return parse_numbers(pd.Series(cells, dtype="string"), decimal)


def rejections(report: ImportReport, severity: str = REJECTED) -> dict[int, tuple]:
    frame = report.frame()
    frame = frame[(frame["severity"] == severity) & frame["line"].notna()]
    rows = frame[["line", "column", "value", "reason"]].itertuples(index=False)
    return {int(line): (column, value, reason) for line, column, value, reason in rows}


@pytest.mark.parametrize("cell", ["1e400", "-1e400", "1e-400", "-1e308", "1e16", "1.5e15", "<1e400",
                                  "5e-400*", "1e-310", "1e400 (provisional)"])
def test_numbers_out_of_range_are_rejected(cell):
    row = parsed([cell, "7"]).iloc[0]
    assert not row["ok"] and pd.isna(row["value"])
    assert (row["kind"], row["problem"]) == ("bad", OUT_OF_RANGE)


@pytest.mark.parametrize(("cell", "value"), [("1e15", 1e15), ("-1e15", -1e15), ("0", 0.0), ("-0", 0.0),
                                             ("0e5", 0.0), ("0.000", 0.0), ("1e-300", 1e-300), ("5e", 5.0),
                                             ("0 [a1]", 0.0), ("<0", 0.0)])
def test_numbers_in_range_and_zeros_are_kept(cell, value):
    row = parsed([cell]).iloc[0]
    assert row["ok"] and row["value"] == value and row["problem"] == ""


def test_a_column_of_plain_numbers_is_checked_too():
    """The quick path (every cell a plain number) rejects what the slow path rejects."""
    result = parsed(["1e-400", "-1e308", "12"])
    assert result["ok"].tolist() == [False, False, True]
    assert result["problem"].tolist() == [OUT_OF_RANGE, OUT_OF_RANGE, ""]


@pytest.mark.parametrize(("cells", "decimal"), [
    (["12.5.3", "1,5"], None),  # a decimal-comma column: was 1253
    (["12.5.3", "1.5"], None),
    (["12.5.3"], ","),
    (["1.23.456"], ","),
    (["1234 567"], None),  # was 1234567
    (["1,23,4"], None),
    (["1 2"], None),
])
def test_digits_grouped_wrongly_are_rejected(cells, decimal):
    row = parsed(cells, decimal).iloc[0]
    assert not row["ok"] and pd.isna(row["value"])
    assert row["problem"] == BAD_GROUPING


@pytest.mark.parametrize(("cells", "decimal", "values"), [
    (["1,234.5", "1 234", "1,5"], None, [1234.5, 1234.0, 1.5]),
    (["1.234,5", "1,5", "1.234.567", "1 234,5"], None, [1234.5, 1.5, 1234567.0, 1234.5]),
    (["1.234,5", "1.234.567,5"], ",", [1234.5, 1234567.5]),
    (["1,234 %", "1 234 567"], ".", [1234.0, 1234567.0]),
])
def test_digits_grouped_by_three_are_read(cells, decimal, values):
    result = parsed(cells, decimal)
    assert result["ok"].all() and result["value"].tolist() == values


def test_other_cells_are_still_just_not_numbers():
    assert parsed(["twelve", "0x1A", "inf"])["problem"].tolist() == ["", "", ""]


@pytest.mark.parametrize(("cell", "year", "reason"), [
    ("2020-13-45", None, mapped.NOT_A_DATE),
    ("2019-02-29", None, mapped.NOT_A_DATE),
    ("2020-02-29", 2020, None),
    ("2019-03-31 00:00:00", 2019, None),
    ("2019/20", 2020, None),
    ("2020-21", 2021, None),
    ("2019-2021", 2021, None),
    ("FY2020", 2020, None),  # the fiscal year that ends in 2020
    ("FY20", None, "year not understood"),
    ("1700", None, "year not understood"),
    (" ", None, "empty year"),
])
def test_a_year_written_as_a_date_must_be_a_real_date(cell, year, reason):
    row = mapped.parse_years(pd.Series([cell], dtype="string")).iloc[0]
    assert pd.isna(row["year"]) if year is None else row["year"] == year
    assert pd.isna(row["reason"]) if reason is None else row["reason"] == reason


@pytest.mark.parametrize(("label", "year"), [("2020-13-45", None), ("2019-02-29", None),
                                             ("2020-02-29", 2020), ("2017-18", 2018)])
def test_open_sdg_years_written_as_dates_must_be_real(label, year):
    assert year_of(label) == year


def test_mapped_file_rejects_each_row_with_its_line_column_and_reason(tmp_path):
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    report = ImportReport()
    bundle = mapped.read(tmp_path / "data.csv", report, ReadOptions(mapping=tmp_path / "mapping.yml"))
    assert rejections(report) == REJECTED_LINES
    values = bundle.observations.set_index("place_id")["value"]
    assert values.to_dict() == {"gbr-leeds": 1.5, "gbr-ripon": 1234.5, "gbr-derby": 0.0}


def test_the_streaming_reader_rejects_the_same_rows(tmp_path, monkeypatch):
    """Plain cells such as '1e-400' and '-1e308' take pyarrow's quick path there."""
    monkeypatch.setattr(stream, "MIN_BYTES", 0)
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    report, _ = import_files(Store(tmp_path / "store"), [tmp_path / "data.csv"],
                             ReadOptions(mapping=tmp_path / "mapping.yml"))
    assert rejections(report) == REJECTED_LINES
    assert "overflow" not in " ".join(report.frame()["reason"].astype(str))


def test_a_workbook_cell_the_reader_gets_as_a_float(tmp_path):
    book = openpyxl.Workbook()
    for row in [["City", "Country", "Year", "Value"], ["Leeds", "GBR", 2019, 12345678.5],
                ["York", "GBR", 2019, -1e308], ["Hull", "GBR", 2019, 1e20], ["Bath", "GBR", 2019, "1e400"]]:
        book.active.append(row)
    book.save(tmp_path / "data.xlsx")
    (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    report = ImportReport()
    bundle = mapped.read(tmp_path / "data.xlsx", report, ReadOptions(mapping=tmp_path / "mapping.yml"))
    assert {line: reason for line, (_, _, reason) in rejections(report).items()} == {
        3: OUT_OF_RANGE, 4: OUT_OF_RANGE, 5: OUT_OF_RANGE}
    assert bundle.observations["value"].tolist() == [12345678.5]


def test_open_sdg_file(tmp_path):
    report = ImportReport()
    files = {"data/indicator_11-2-1.csv": "Year,Value\n2018,1e400\n2019,1e-400\n2020-13-45,3\n2021,4\n"}
    bundle = opensdg.read(site(tmp_path, files), report, TESTVILLE)
    found = rejections(report)
    assert found[2] == ("Value", "1e400", OUT_OF_RANGE)
    assert found[3] == ("Value", "1e-400", OUT_OF_RANGE)
    assert found[4][:2] == ("Year", "2020-13-45") and "year not understood" in found[4][2]
    assert bundle.observations["value"].tolist() == [4.0]


def test_un_sdg_long_file(tmp_path):
    header = ("Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,"
              "[Units]\n")
    row = "11,11.6,11.6.2,EN_ATM_PM25,PM2.5 in cities,404,Kenya,{year},{value},GPERM3\n"
    cells = ((2016, "1e400"), (2017, "-1e308"), (2018, "25.8"))
    rows = [row.format(year=year, value=value) for year, value in cells]
    path = tmp_path / "export.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    report = ImportReport()
    bundle = unsdg.read(path, report, ReadOptions())
    found = rejections(report)
    assert found[2] == ("Value", "1e400", f"value '1e400': {OUT_OF_RANGE}")
    assert found[3] == ("Value", "-1e308", f"value '-1e308': {OUT_OF_RANGE}")
    assert bundle.observations["value"].tolist() == [25.8]


def test_sdsn_city_table(tmp_path):
    path = tmp_path / "cities.csv"
    oslo = "Oslo,74.8,1,Northern Europe,80,90,"
    path.write_text(CITY_CSV.replace(oslo + "5,", oslo + "1e400,"), encoding="utf-8")
    report = ImportReport()
    bundle = sdsn.read(path, report, ReadOptions())
    warned = rejections(report, WARNING)
    assert warned[2] == ("sdg1_pov : Poverty rate (%)", "1e400", f"{OUT_OF_RANGE}; cell skipped")
    pov = bundle.observations[bundle.observations["indicator_id"] == "sdg1_pov"]
    assert sorted(pov["value"].tolist()) == [20.0, 30.0]  # Oslo's left out; Nowhereville's 'bad' too


def test_import_command_reports_the_rows_and_keeps_the_others(tmp_path, capsys):
    (tmp_path / "data.csv").write_text(DATA, encoding="utf-8")
    (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    store = tmp_path / "store"
    status = main(["import", str(tmp_path / "data.csv"), "--mapping", str(tmp_path / "mapping.yml"),
                   "--store", str(store)])
    out, err = capsys.readouterr()
    assert status == 1  # rows were rejected
    assert f"data.csv:3 [Value] '1e400': {OUT_OF_RANGE}" in out
    assert f"data.csv:6 [Value] '12.5.3': {BAD_GROUPING}" in out
    assert f"data.csv:7 [Year] '2020-13-45': {mapped.NOT_A_DATE}" in out
    assert "8 rows read, 3 kept, 5 rejected" in out
    assert "RuntimeWarning" not in err and "overflow" not in err
    observations = Store(store).read().observations
    assert sorted(observations["value"].tolist()) == [0.0, 1.5, 1234.5]


def test_a_workbook_with_a_number_cell_of_1e400_loses_that_row_alone(tmp_path):
    """pandas read the cell as infinity and refused the whole workbook ("cannot convert float
    infinity to integer"): every good row of it was lost."""
    import zipfile

    import openpyxl

    from loaders.workbook import read_excel

    book = openpyxl.Workbook()
    book.active.append(["City", "Country", "Indicator", "Year", "Value"])
    book.active.append(["Nairobi", "KE", "pm25", 2020, 5.0])
    book.active.append(["Mombasa", "KE", "pm25", 2020, 7.0])
    book.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as plain, \
            zipfile.ZipFile(tmp_path / "huge.xlsx", "w", zipfile.ZIP_DEFLATED) as huge:
        for item in plain.infolist():
            data = plain.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>7</v>", b"<v>1e400</v>")
                assert b"1e400" in data
            huge.writestr(item, data)
    table = read_excel(tmp_path / "huge.xlsx")
    assert table.frame["City"].tolist() == ["Nairobi", "Mombasa"]
    assert table.frame["Value"].tolist() == ["5", "inf"] and table.frame["_line"].tolist() == [2, 3]
