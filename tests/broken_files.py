"""A corpus of broken input files, written on demand into a test's tmp_path (no binary fixtures).

Each writer takes a folder and returns the path of the file it wrote (or, for `missing`, a
path that does not exist). The files suit the tidy mapping written by `tidy_mapping`.
"""

from __future__ import annotations

import random
from pathlib import Path

HEADER = "City,Indicator,Year,Value\n"
GOOD_ROWS = "Bristol,pm25,2019,12.5\nBristol,pm25,2020,11.0\n"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
HUGE_FIELD = 1_100_000


def tidy_mapping(folder: Path) -> Path:
    path = folder / "mapping.yml"
    path.write_text(
        "place: {column: City}\nindicator: {column: Indicator}\n"
        "year: {column: Year}\nvalue: {column: Value}\n",
        encoding="utf-8",
    )
    return path


def truncated_mid_row(folder: Path) -> Path:
    """A download cut off inside the last row: line 4 has a year of '20' and no Value cell."""
    path = folder / "truncated_row.csv"
    path.write_text(HEADER + GOOD_ROWS + "Leeds,pm25,20", encoding="utf-8")
    return path


def truncated_mid_quote(folder: Path) -> Path:
    """Cut inside a quoted field that opens on line 4."""
    path = folder / "truncated_quote.csv"
    path.write_text(HEADER + GOOD_ROWS + 'Leeds,"PM2.5 annual', encoding="utf-8")
    return path


def wrong_delimiter(folder: Path) -> Path:
    """The header uses commas, the data semicolons: the header cannot be matched."""
    path = folder / "wrong_delimiter.csv"
    path.write_text(HEADER + "Bristol;pm25;2019;12,5\nLeeds;pm25;2019;9,1\n", encoding="utf-8")
    return path


def mixed_types(folder: Path) -> Path:
    """Numbers, words, a date and a boolean in the value column (lines 3, 5, 6, 7 are bad)."""
    path = folder / "mixed_types.csv"
    rows = [
        "Bristol,pm25,2015,12.5",
        "Bristol,pm25,2016,twelve",
        "Bristol,pm25,2017,<0.5",
        "Bristol,pm25,2018,2019-01-01",
        "Bristol,pm25,2019,TRUE",
        "Bristol,pm25,2020,12.5 µg",
        "Bristol,pm25,2021,NaN",
    ]
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.csv"
    path.write_bytes(b"")
    return path


def whitespace_only(folder: Path) -> Path:
    path = folder / "blank.csv"
    path.write_text("  \n\t\n\r\n   ", encoding="utf-8")
    return path


def binary_random(folder: Path) -> Path:
    path = folder / "random.csv"
    path.write_bytes(random.Random(2030).randbytes(4096))
    return path


def png_as_csv(folder: Path) -> Path:
    path = folder / "picture.csv"
    path.write_bytes(PNG_SIGNATURE + random.Random(11).randbytes(512))
    return path


def png_as_xlsx(folder: Path) -> Path:
    path = folder / "picture.xlsx"
    path.write_bytes(PNG_SIGNATURE + random.Random(11).randbytes(512))
    return path


def huge_line(folder: Path) -> Path:
    """Line 3 holds one field of 1.1 million characters."""
    path = folder / "huge_line.csv"
    path.write_text(HEADER + "Bristol,pm25,2019,1\nBristol,pm25,2020," + "9" * HUGE_FIELD + "\n")
    return path


def formula_csv(folder: Path) -> Path:
    """Spreadsheet formulas saved as text in a CSV: lines 3 (value) and 4 (place)."""
    path = folder / "formulas.csv"
    rows = "Bristol,pm25,2019,12.5\nBristol,pm25,2020,=SUM(D2:D2)\n=A2,pm25,2021,3\n"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def formula_xlsx(folder: Path) -> Path:
    """A workbook whose formulas were never calculated (as openpyxl saves them): rows 4 and 5,
    below a title row and a blank row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Air quality, city statistics office"])
    sheet.append([])
    sheet.append(HEADER.strip().split(","))
    sheet.append(["Bristol", "pm25", 2019, "=SUM(D1:D2)"])
    sheet.append(["=A4", "pm25", 2020, 11.0])
    sheet.append(["Bristol", "pm25", 2021, 10.5])
    path = folder / "formulas.xlsx"
    book.save(path)
    return path


def text_named_xlsx(folder: Path) -> Path:
    path = folder / "really_text.xlsx"
    path.write_text(HEADER + GOOD_ROWS, encoding="utf-8")
    return path


def damaged_zip_xlsx(folder: Path) -> Path:
    path = folder / "damaged.xlsx"
    path.write_bytes(b"PK\x03\x04" + random.Random(3).randbytes(200))
    return path


def missing(folder: Path) -> Path:
    return folder / "no_such_file.csv"


def directory(folder: Path) -> Path:
    path = folder / "a_folder.csv"
    path.mkdir()
    return path


UNREADABLE = {
    "truncated_mid_quote": (truncated_mid_quote, "truncated"),
    "wrong_delimiter": (wrong_delimiter, "delimiter"),
    "empty": (empty, "empty"),
    "whitespace_only": (whitespace_only, "empty"),
    "binary_random": (binary_random, "binary"),
    "png_as_csv": (png_as_csv, "binary"),
    "png_as_xlsx": (png_as_xlsx, "not an Excel file"),
    "huge_line": (huge_line, "line 3"),
    "text_named_xlsx": (text_named_xlsx, "not an Excel file"),
    "damaged_zip_xlsx": (damaged_zip_xlsx, "workbook"),
    "missing": (missing, "cannot be opened"),
    "directory": (directory, "cannot be opened"),
}
"""Cases that must end in one LoadError sentence: writer and a phrase the sentence contains."""

PARTLY_READABLE = {
    "truncated_mid_row": (
        truncated_mid_row, 3, {4: "has 3 of 4 cells: the file may be cut short or use another delimiter"}
    ),
    "mixed_types": (
        mixed_types,
        7,
        {3: "not a number", 5: "not a number", 6: "not a number", 7: "not a number"},
    ),
    "formula_csv": (formula_csv, 3, {3: "formula, not a value", 4: "formula, not a value"}),
    "formula_xlsx": (formula_xlsx, 3, {4: "formula, not a value", 5: "formula, not a value"}),
}
"""Cases read in part: writer, rows read, and {line: reason} of the rejected rows."""
