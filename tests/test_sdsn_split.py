"""An SDSN workbook saved as one CSV per sheet (codebook, data, time series): read as the workbook
is, from its data sheet's file, whatever the files' names, delimiter, decimal mark or encoding; its
other sheets are that file's companions in a folder import, and a row's line is its own file's."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from loaders import formats
from loaders.options import ReadOptions
from loaders.report import ImportReport, LoadError
from loaders.sdsn import reader as sdsn
from loaders.sdsn.sheets import Workbook
from tests.conftest import REALDATA

CODEBOOK = [
    ["IndCode", "SDG", "Indicator", "Optimum (= 100)", "Green threshold", "Red threshold",
     "Lower Bound (=0)"],
    ["sdg1_pov", "1", "Poverty headcount (%)", "0", "2", "13", "72.6"],
    ["sdg3_life", "3", "Life expectancy (years)", "83", "80", "65", "54.4"],
    ["sdg4_prim", "4", "Primary enrolment (%)", "100", "97.5", "80", "66.2"],
]
DATA = [
    ["Country Code ISO3", "Country", "sdg1_pov", "sdg3_life", "sdg4_prim"],
    ["FRA", "France", "0.1", "82.5", "99.4"],
    ["DEU", "Germany", "0.2", "81.1", "98.7"],
    ["ITA", "Italy", "1.4", "83.2", "97.3"],
    ["ESP", "Spain", "1.1", "83.5", "97.1"],
    ["XYZ", "Atlantis", "5.0", "70.0", "90.0"],
]


def comma_decimals(rows: list[list[str]]) -> list[list[str]]:
    return [[re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", cell) for cell in row] for row in rows]


def write(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


@pytest.mark.parametrize("style", ["comma", "semicolon, decimal commas, UTF-16"])
def test_a_workbook_saved_sheet_by_sheet_is_read_from_its_data_sheet(tmp_path, style):
    """Each file was "format not recognised" and nothing was imported."""
    delimiter, encoding, rows = ((",", "utf-8", lambda r: r) if style == "comma"
                                 else (";", "utf-16", comma_decimals))
    codebook = write(tmp_path / "Codebook.csv", rows(CODEBOOK), delimiter, encoding)
    data = write(tmp_path / "SDR 2021 data.csv", rows(DATA), delimiter, encoding)
    assert sdsn.sniff(data) and not sdsn.sniff(codebook)
    assert formats.detect(data).NAME == "sdsn"
    assert formats.companion(codebook) == (data, "its codebook")
    with pytest.raises(LoadError, match="read with SDR 2021 data.csv beside it, as its codebook"):
        sdsn.load(codebook, ImportReport(), ReadOptions())
    report = ImportReport()
    bundle, _published = sdsn.load(data, report, ReadOptions())
    bounds = bundle.indicators.set_index("indicator_id")
    assert bounds.loc["sdg1_pov", "worst"] == 72.6 and bounds.loc["sdg4_prim", "green_threshold"] == 97.5
    assert bounds.loc["sdg3_life", "worst"] == 54.4 and bounds.loc["sdg3_life", "best"] == 83
    values = bundle.observations.set_index(["place_id", "indicator_id"])["value"]
    assert values[("fra", "sdg3_life")] == 82.5 and values[("esp", "sdg1_pov")] == 1.1
    assert bundle.options["edition_year"] == 2021  # from the file's name, as from a sheet's
    # the unknown country is said on its own file's line, not on "the workbook"
    said = [(Path(issue["file"]).name, issue["line"], issue["column"]) for issue in report.issues
            if issue["reason"].startswith("country not recognised")]
    assert said == [("SDR 2021 data.csv", 6, "Country")]
    assert not any("direction or bounds" in issue["reason"] for issue in report.issues)


def test_a_folder_of_many_tables_is_not_read_as_one_workbook(tmp_path):
    """An Open SDG build or a statistics office's export folder holds many CSVs: none is taken for
    a sheet of a workbook because a codebook lies among them."""
    write(tmp_path / "codebook.csv", CODEBOOK)
    data = write(tmp_path / "data.csv", DATA)
    for number in range(sdsn.SPLIT_MOST):
        write(tmp_path / f"indicator_{number}.csv", [["year", "value"], ["2020", str(number)]])
    assert sdsn.split_role(data) is None and not sdsn.sniff(data)


def test_a_table_beside_no_codebook_keeps_its_own_reading(tmp_path):
    lone = write(tmp_path / "data.csv", DATA)
    write(tmp_path / "notes.csv", [["note"], ["hello"]])
    assert sdsn.split_role(lone) is None


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.parametrize("style", ["comma", "semicolon, decimal commas"])
def test_sdr_2021_saved_sheet_by_sheet_reads_as_the_workbook(tmp_path, style):
    """The SDR 2021 workbook's three visible sheets saved as CSVs (as a spreadsheet's "save as CSV"
    does, one sheet at a time): the same observations, bounds and thresholds as the workbook, and
    the same rows rejected, each on its own file's line."""
    book_path = REALDATA / "sdsn-sdr-2021-global" / "SDR 2021 - Database.xlsx"
    if not book_path.is_file():
        pytest.skip(f"real data file {book_path} is absent (it is always present in CI)")
    book = Workbook(book_path)
    try:
        sheets = {name: book.rows(name) for name in book.names()}
    finally:
        book.close()
    delimiter, rows = (",", lambda r: r) if style == "comma" else (";", comma_decimals)
    files = {name: write(tmp_path / f"{name}.csv", rows(body), delimiter) for name, body in sheets.items()}
    whole, split = ImportReport(), ImportReport()
    expected, _ = sdsn.load(book_path, whole, ReadOptions())
    data = files["SDR2021 Data"]
    assert sdsn.split_role(data) == sdsn.DATA_SHEET
    assert formats.companion(files["Codebook"]) == (data, "its codebook")
    assert formats.companion(files["Data for Trends"]) == (data, "its time series")
    found, _ = sdsn.load(data, split, ReadOptions())
    key = ["place_id", "indicator_id", "year"]
    merged = expected.observations.merge(found.observations, on=key, how="outer", indicator=True)
    assert (merged["_merge"] == "both").all() and len(merged) == len(expected.observations)
    assert ((merged["value_x"] - merged["value_y"]).abs() < 1e-9).all()
    columns = ["indicator_id", "best", "worst", "green_threshold", "red_threshold", "direction"]
    pd.testing.assert_frame_equal(expected.indicators[columns].sort_values("indicator_id").reset_index(drop=True),
                                  found.indicators[columns].sort_values("indicator_id").reset_index(drop=True),
                                  check_dtype=False)

    def rejected(report: ImportReport) -> list[tuple[int, str]]:
        return sorted((issue["line"], issue["value"]) for issue in report.issues
                      if issue["severity"] == "rejected")

    assert rejected(split) == rejected(whole) and len(rejected(split)) == 12
    files = {Path(issue["file"]).name for issue in split.issues if issue["severity"] == "rejected"}
    assert files == {data.name}
