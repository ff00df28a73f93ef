"""Read a sheet of a workbook as it really arrives: cached results, formulas never calculated, error
cells, percent formats, hidden sheets, and old binary workbooks refused with what to do."""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from loaders.report import WARNING, LoadError, listing
from loaders.textio import LINE, RawTable, clean_header, find_header, named_width, trailing_table

OLD_EXCEL = b"\xd0\xcf\x11\xe0"
"""How an old binary Excel workbook (.xls, BIFF in an OLE2 container) starts."""
OLD_EXCEL_NOT_READ = ("{name} is an old binary Excel workbook (.xls), which is not read: open it in Excel or "
                      "LibreOffice and save it as .xlsx (Excel Workbook), then import that file.")


def read_excel(
    path: str | Path, sheet: str | int = 0, expected: Iterable[str] | None = None
) -> RawTable:
    """Read one sheet of a workbook as strings: cached formula results, and the formula text
    ('=SUM(A1:A3)') where the workbook holds no result, so no caller mistakes it for a blank."""
    path = Path(path)
    refuse_old_excel(path)
    if isinstance(sheet, int):  # "the first" is the first a reader sees, not a hidden one before it
        shown = visible_sheets(path)
        sheet = shown[sheet] if sheet < len(shown) else sheet
    try:
        # text is text: Namibia's code `NA`, or `NaN` and `#N/A` as the CSV reader sees them (pandas
        # made them all blanks, so a workbook and its CSV gave different places and values)
        # openpyxl whatever the name: pandas chose its reader by the name, and an .xlsx saved as
        # '.xls' asked for python-calamine, which is not installed
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object, keep_default_na=False,
                             na_values=[], engine="openpyxl")
        grid = grid.mask(grid.eq(""))  # an empty cell is still no value (pandas gives "" without the NA list)
    except OverflowError:  # a number cell of 1e400: pandas makes whole numbers of every float
        grid = cells_as_stored(path, sheet)
    except Exception as error:  # openpyxl raises many types for damaged workbooks
        raise LoadError(f"{path.name} cannot be read as a workbook: {error}.") from error
    grid = with_error_cells(grid, path, sheet)  # first: a formula whose result is an error was calculated
    grid = with_uncalculated_formulas(grid, path, sheet)
    grid, percent = with_percent_cells(grid, path, sheet)
    rows = grid.where(grid.notna(), "").astype(str).values.tolist()
    header_index = find_header(rows, expected)
    header = clean_header(rows[header_index]) if rows else []
    body = grid.iloc[header_index + 1 :]
    # a second table under the data after a blank row, as a CSV's (UNdata's footnotes, saved as .xlsx)
    after = trailing_table(rows[header_index + 1:], named_width(rows[header_index]), None) if rows else None
    trailing = None
    if after is not None:
        rest = rows[header_index + 1 + after:]
        trailing = {"line": header_index + 2 + after, "columns": [c.strip() for c in rest[0] if c.strip()],
                    "rows": sum(1 for row in rest[1:] if any(c.strip() for c in row))}
        body = body.iloc[:after]
    frame = pd.DataFrame(body.values, columns=header)
    frame = frame.map(cell_text).astype("string")
    frame[LINE] = pd.array(range(header_index + 2, header_index + 2 + len(frame)), dtype="Int64")
    if len(frame):
        filled = frame.drop(columns=[LINE]).fillna("").apply(lambda c: c.str.strip() != "")
        frame = frame[filled.any(axis=1)].reset_index(drop=True)
    sheet_name = sheet if isinstance(sheet, str) else str(sheet)
    shown = percent_by_column(percent, header, header_index)
    return RawTable(frame, path, "xlsx", "", header_index + 1, sheet_name, trailing=trailing, percent=shown)


def refuse_old_excel(path: Path) -> None:
    """Raise a LoadError that says what to do with an old binary .xls workbook, which no reader here
    reads: pandas answered "`Import python-calamine` failed. Use pip..." to the person importing."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(OLD_EXCEL))
    except OSError:
        return  # the reader that follows says why
    if head == OLD_EXCEL:
        raise LoadError(OLD_EXCEL_NOT_READ.format(name=path.name))


def visible_sheets(path: Path) -> list[str]:
    """The names of a workbook's sheets that are not hidden, in order (an earlier edition's data kept
    out of view was read as the file's first sheet); [] where it cannot be opened (the reader that
    follows says why)."""
    import openpyxl

    try:
        with open(path, "rb") as handle:
            book = openpyxl.load_workbook(handle, read_only=True)
            try:
                return [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
            finally:
                book.close()
    except Exception:  # openpyxl raises many types for damaged workbooks; pandas reports them next
        return []


def cells_as_stored(path: Path, sheet: str | int) -> pd.DataFrame:
    """A sheet's cells as openpyxl reads them, for a workbook pandas cannot read: a number cell of
    1e400 (infinity) made pandas refuse the whole workbook, where that cell's row alone is rejected
    ("number out of range") once its text is read."""
    import openpyxl

    try:
        with open(path, "rb") as handle:  # by content, whatever its name
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            chosen = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
            rows = [list(row) for row in chosen.iter_rows(values_only=True)]
            book.close()
    except Exception as error:  # openpyxl raises many types for damaged workbooks
        raise LoadError(f"{path.name} cannot be read as a workbook: {error}.") from error
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [None] * (width - len(row)) for row in rows], dtype=object)


def with_uncalculated_formulas(grid: pd.DataFrame, path: Path, sheet: str | int) -> pd.DataFrame:
    """Put formula text into formula cells of a workbook that was never calculated (written by
    a script such as openpyxl, so it stores no results and pandas reads those cells as empty).
    A workbook with any calculated formula is left alone: there an empty cell is a "" result."""
    height, width = grid.shape
    formulas = []
    try:
        import openpyxl

        handle = open(path, "rb")  # noqa: SIM115 - a file, not a name: openpyxl refuses a workbook named .csv
        book = openpyxl.load_workbook(handle, read_only=True, data_only=False)
        try:
            cells = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
            for cell in (c for row in cells.iter_rows() for c in row if c.data_type == "f"):
                row, column = cell.row - 1, cell.column - 1
                if row < height and column < width and pd.notna(grid.iat[row, column]):
                    return grid  # calculated by Excel or LibreOffice: empty means a "" result
                formulas.append((row, column, str(cell.value)))
        finally:
            book.close()
            handle.close()
    except Exception:  # .xls and odd workbooks: the cached values are all there is
        return grid
    return filled_in(grid, formulas)


def filled_in(grid: pd.DataFrame, cells: list[tuple[int, int, str]]) -> pd.DataFrame:
    """`grid` with the text of each (row, column, text) where pandas read nothing, grown to hold it."""
    if not cells:
        return grid
    height = max(len(grid), 1 + max(r for r, _, _ in cells))
    width = max(len(grid.columns), 1 + max(c for _, c, _ in cells))
    grid = grid.reindex(index=range(height), columns=range(width))
    for row, column, text in cells:
        if pd.isna(grid.iat[row, column]):
            grid.iat[row, column] = text
    return grid


ERROR_CELL = re.compile(rb'<c [^>]*t="e"')
"""A cell of a workbook's sheet XML that holds an error ('#N/A', '#DIV/0!')."""


@lru_cache(maxsize=16)
def holds_error_cells(path: str, _mtime: int, _size: int) -> bool:
    """Whether any sheet of a workbook holds an error cell, searched in its XML once per file version:
    SDSN's workbooks are read a sheet at a time, and each read searched them all again."""

    try:
        with zipfile.ZipFile(path) as book:
            sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            return any(ERROR_CELL.search(book.read(name)) for name in sheets)
    except (OSError, zipfile.BadZipFile, KeyError):  # .xls, or not a zip: pandas' reading is all there is
        return False


def with_error_cells(grid: pd.DataFrame, path: Path, sheet: str | int) -> pd.DataFrame:
    """Put the error text into a workbook's error cells ('#N/A', '#DIV/0!'), which pandas reads as
    empty: a value the publisher's formula could not compute was reported as an empty cell. The
    sheets' XML is searched first (0.2 s for SDSN's 2.5 MB database), so only a workbook that holds
    an error is read a second time, by openpyxl, to find where."""
    try:
        stat = path.stat()
    except OSError:
        return grid
    if not holds_error_cells(str(path), stat.st_mtime_ns, stat.st_size):
        return grid
    errors = sheet_cells(path, sheet, lambda c: (c.row - 1, c.column - 1, str(c.value))
                         if c.data_type == "e" else None)
    return grid if errors is None else filled_in(grid, errors)


def sheet_cells(path: Path, sheet: str | int, pick) -> list | None:
    """`pick(cell)` of every cell of a sheet for which it is not None, read by openpyxl (the cells'
    types and formats, which pandas never gives); None where openpyxl cannot read the workbook."""
    try:
        import openpyxl

        with open(path, "rb") as handle:
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            try:
                cells = book[sheet] if isinstance(sheet, str) else book.worksheets[sheet]
                return [found for row in cells.iter_rows() for c in row if (found := pick(c)) is not None]
            finally:
                book.close()
    except Exception:  # openpyxl raises many types for odd workbooks: keep what pandas read
        return None


PERCENT_STYLE = re.compile(rb'numFmtId="(?:9|10)"|formatCode="[^"]*%')
"""A workbook's styles.xml naming a percent format: Excel's own (9 is '0%', 10 '0.00%') or one of its own."""


@lru_cache(maxsize=16)
def holds_percent_formats(path: str, _mtime: int, _size: int) -> bool:
    """Whether a workbook has any percent number format at all, read from its styles once per file
    version, so a workbook without one is never read cell by cell for it."""

    try:
        with zipfile.ZipFile(path) as book:
            styles = [n for n in book.namelist() if n.startswith("xl/styles") and n.endswith(".xml")]
            return any(PERCENT_STYLE.search(book.read(name)) for name in styles)
    except (OSError, zipfile.BadZipFile, KeyError):  # .xls, or not a zip
        return False


def workbook_has_percent(path: Path) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return holds_percent_formats(str(path), stat.st_mtime_ns, stat.st_size)


def is_percent_format(code: str | None) -> bool:
    """A number format that shows its number times 100 ('0.0%', '0%;[Red]-0%'): a '%' outside
    quotes and not escaped ('0.0"%"' and '0.0\\%' only write the sign)."""
    if not code or "%" not in code:
        return False
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


def shown_percent(value: object) -> object:
    """A percent-formatted number as the sheet shows it: 0.299 (shown 29.9%) is 29.9, moved by two
    decimal places on its written digits, so never 29.900000000000002. An SDSN workbook whose
    undernourishment cells held 0.299 formatted '0.0%' against a codebook in percent was stored as
    0.299 %, silently."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        return value
    if value != value:  # NaN
        return value
    return float(Decimal(repr(float(value))).scaleb(2))


def with_percent_cells(grid: pd.DataFrame, path: Path, sheet: str | int) -> tuple[pd.DataFrame, list]:
    """`grid` with its percent-formatted numbers read as shown (`shown_percent`), and where they are
    (row, column): pandas reads a cell's number and never its format. Only a workbook whose styles
    name a percent format is read a second time, by openpyxl, to find them."""
    if not workbook_has_percent(path):
        return grid, []
    found = sheet_cells(path, sheet, lambda c: (c.row - 1, c.column - 1) if c.data_type == "n"
                        and c.value is not None and is_percent_format(c.number_format) else None)
    if found is None:
        return grid, []
    height, width = grid.shape
    found = [(row, column) for row, column in found if row < height and column < width]
    grid = grid.copy()
    for row, column in found:
        grid.iat[row, column] = shown_percent(grid.iat[row, column])
    return grid, found


def percent_by_column(cells: list[tuple[int, int]], header: list[str], header_index: int) -> dict[str, int]:
    """{column name: cells} of the percent-formatted cells below the header."""
    counts: dict[str, int] = {}
    for row, column in cells:
        if row > header_index and column < len(header):
            counts[header[column]] = counts.get(header[column], 0) + 1
    return counts


def report_percent(report, where: str | Path, percent: dict[str, int]) -> None:
    """One warning for a sheet whose numbers were formatted as percentages and read as shown
    ({column: cells}): whoever imports it should know that 0.299 became 29.9, and check that the
    indicator's unit and bounds are in percent too."""
    if percent:
        cells = sum(percent.values())
        report.add(where, f"{cells:,} number cells formatted as percentages read as shown, in percent "
                   "(0.299 shown as 29.9% is 29.9)", column=listing(list(percent)), severity=WARNING)




def cell_text(value: object) -> str:
    """A spreadsheet cell as text; whole floats lose their '.0'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime):  # openpyxl's dates, pandas' Timestamps: the day
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
