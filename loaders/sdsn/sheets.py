"""Read a workbook's sheets as text in one read-only pass each (SDSN workbooks are large and hold
computed values only, so the formula check of `workbook.read_excel` is not needed)."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from loaders.report import LoadError
from loaders.textio import LINE, RawTable, clean_header, decode, find_header, read_text, sniff_delimiter
from loaders.workbook import (
    cell_text,
    is_percent_format,
    percent_by_column,
    refuse_old_excel,
    shown_percent,
    workbook_has_percent,
)

BLANK_RUN = 2000
"""Stop after this many empty rows in a row: old workbooks are dimensioned to 65,536 rows."""


class Workbook:
    """An open read-only workbook; `sheet(name)` gives a RawTable of strings with line numbers."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        self.path = path
        self.has_percent = workbook_has_percent(path)
        self.percent: dict[str, list[tuple[int, int]]] = {}
        self.shown_percent: dict[str, dict[str, int]] = {}
        """{sheet: {column: cells}} of the sheets read whole, for one warning each."""
        refuse_old_excel(path)
        # by content, not by name: openpyxl refuses a name ending in '.xls', and an .xlsx is often so named
        self.handle = open(path, "rb")  # noqa: SIM115 - closed in close(): the read-only book reads from it
        try:
            self.book = openpyxl.load_workbook(self.handle, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for damaged workbooks
            self.handle.close()
            raise LoadError(f"{path.name} cannot be read as a workbook: {error}.") from error

    def names(self) -> list[str]:
        """The sheets a reader sees: a hidden sheet (an earlier edition's data or codebook kept out
        of view) was taken for the data sheet when it came first, and 13,953 values were its own."""
        return [sheet.title for sheet in self.book.worksheets if sheet.sheet_state == "visible"]

    def hidden(self) -> list[str]:
        """The sheets kept out of view (`names` leaves them out)."""
        return [sheet.title for sheet in self.book.worksheets if sheet.sheet_state != "visible"]

    def rows(self, name: str, limit: int | None = None) -> list[list[str]]:
        """The sheet's cells as text, a percent-formatted number as shown (29.9 for 0.299 shown
        29.9%), each such cell's (row, column) kept in `self.percent[name]`."""
        out: list[list[str]] = []
        blank = 0
        self.percent[name] = []
        for row in self.values(name, limit):
            cells = [cell_text(v) for v in row]
            blank = 0 if any(c.strip() for c in cells) else blank + 1
            if blank > BLANK_RUN:
                break
            out.append(cells)
        return out

    def values(self, name: str, limit: int | None):
        """The sheet's rows of values; where the workbook has percent formats, read cell by cell (3
        times slower) so that those cells are read as shown."""
        if not self.has_percent:
            yield from self.book[name].iter_rows(max_row=limit, values_only=True)
            return
        for row in self.book[name].iter_rows(max_row=limit):
            values = []
            for cell in row:
                value = getattr(cell, "value", None)  # an EmptyCell has its value but no coordinate
                if cell.data_type == "n" and value is not None and is_percent_format(cell.number_format):
                    self.percent[name].append((cell.row - 1, cell.column - 1))
                    value = shown_percent(value)
                values.append(value)
            yield values

    def heads(self, limit: int = 10) -> dict[str, list[list[str]]]:
        return {name: self.rows(name, limit) for name in self.names()}

    def sheet(self, name: str, expected: Iterable[str] | None = None) -> RawTable:
        rows = self.rows(name)
        header_index = find_header(rows, expected)
        header = clean_header(rows[header_index]) if rows else []
        width = len(header)
        body = [(r + [""] * width)[:width] for r in rows[header_index + 1 :]]
        frame = pd.DataFrame(body, columns=header, dtype="string")
        frame[LINE] = pd.array(range(header_index + 2, header_index + 2 + len(frame)), dtype="Int64")
        filled = frame[header].apply(lambda c: c.str.strip() != "").any(axis=1) if width else frame[LINE] > 0
        frame = frame[filled].reset_index(drop=True)
        percent = percent_by_column(self.percent[name], header, header_index)
        if percent:
            self.shown_percent[name] = percent
        return RawTable(frame, self.path, "xlsx", "", header_index + 1, name, percent=percent)

    def close(self) -> None:
        self.book.close()
        self.handle.close()


HEAD_BYTES = 65_536
"""What `CsvSheets.rows` reads of a file for its first rows: a sheet is told by its head."""


class CsvSheets:
    """A workbook saved as one delimited file per sheet (SDSN's codebook, data and time series as
    `codebook.csv`, `data.csv`, `trends.csv`), read as `Workbook` is: each file is a sheet named by
    its file name, in any encoding and with any delimiter the CSV reader takes, and a row's line is
    its file's own (`common.in_sheet` names the file)."""

    def __init__(self, path: Path, files: list[Path]) -> None:
        self.path = path
        """The data sheet's file: what the import is of."""
        self.files = {file.name: file for file in files}
        self.percent: dict[str, list[tuple[int, int]]] = {}
        self.shown_percent: dict[str, dict[str, int]] = {}

    def names(self) -> list[str]:
        return list(self.files)

    def hidden(self) -> list[str]:
        return []

    def rows(self, name: str, limit: int | None = None) -> list[list[str]]:
        """The file's first `limit` rows as text, read from its head (all its rows without a limit)."""
        path = self.files[name]
        with open(path, "rb") as handle:
            data = handle.read() if limit is None else handle.read(HEAD_BYTES)
        text = decode(path, data)[0].lstrip("\ufeff")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text[:100_000]))
        try:
            return [[cell.strip() for cell in row] for row in itertools.islice(reader, limit)]
        except csv.Error:  # a head cut inside a quoted field: no rows to tell the sheet by
            return []

    def heads(self, limit: int = 10) -> dict[str, list[list[str]]]:
        return {name: self.rows(name, limit) for name in self.names()}

    def sheet(self, name: str, expected: Iterable[str] | None = None) -> RawTable:
        """The whole file as the CSV reader reads it (short rows, a cut file and a second table after
        the data said as for any CSV)."""
        return read_text(self.files[name], expected)

    def close(self) -> None:
        return None
