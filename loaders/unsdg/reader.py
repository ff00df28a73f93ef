"""Reader for the UN SDG Global Database: long exports, UNSD wide extracts (value_YYYY columns),
the nested JSON, and UN-Habitat's city tables published beside them."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.report import INFO, ImportReport, LoadError
from loaders.textio import RawTable, decode, read_text, report_trailing, sheet_of, sniff_delimiter
from loaders.unsdg.collect import Collector
from loaders.unsdg.common import DATABASE, key, text
from loaders.unsdg.habitat import HABITAT, read_habitat
from loaders.unsdg.nested_json import SNIFF_BYTES, looks_like, read_json
from loaders.unsdg.tables import read_long, read_wide, table_kind
from loaders.workbook import read_excel, report_percent, visible_sheets

NAME = "unsdg"

EXPECTED = (
    "SeriesCode",
    "GeoAreaCode",
    "TimePeriod",
    "City Code",
    "City Name",
    "Country or Territory Name",
)
"""Header names that find the header row below any title rows (compared case-insensitively)."""

SNIFF_ROWS = 30
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
READERS = {"long": read_long, "wide": read_wide, "habitat": read_habitat}
SOURCES = {
    "unsdg": {
        "name": DATABASE,
        "publisher": "United Nations Statistics Division",
        "url": "https://unstats.un.org/sdgs/dataportal",
    },
    "habitat": {
        "name": HABITAT,
        "publisher": "UN-Habitat",
        "url": "https://data.unhabitat.org",
    },
}


def sniff(path: Path) -> bool:
    """True when the file's header (or JSON keys) is one this reader knows."""
    try:
        return sniff_kind(Path(path)) is not None
    except Exception:  # a sniffer says no; the reader that claims the file reports problems
        return False


def sniff_kind(path: Path) -> str | None:
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(WORKBOOK_MAGIC):
        return next(iter(workbook_kinds(path)), None)
    if is_json(head):
        return "json" if looks_like(path) else None
    sample, _ = decode(path, head)
    lines = sample.splitlines()[:SNIFF_ROWS]
    delimiter = sniff_delimiter("\n".join(lines))
    rows = [row for row in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in row)]
    for index, cells in enumerate(rows):
        kind = table_kind([c.strip() for c in cells])
        # a header is followed by rows of its width: prose that names the columns is not one
        if kind and (index + 1 == len(rows) or abs(len(rows[index + 1]) - len(cells)) <= 1):
            return kind
    return None


def workbook_kinds(path: Path) -> list[str]:
    """The table kind of each sheet whose first rows hold a known header."""
    import openpyxl

    kinds = []
    with open(path, "rb") as handle:  # by content: openpyxl refuses an .xlsx named '.xls'
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            for sheet in book.worksheets:
                for row in sheet.iter_rows(max_row=SNIFF_ROWS, values_only=True):
                    kind = table_kind([text(c) for c in row])
                    if kind:
                        kinds.append(kind)
                        break
        finally:
            book.close()
    return kinds


def read(path: Path, report: ImportReport, options: ReadOptions) -> Bundle:
    """Read one file of any of the four layouts into canonical tables; every row is counted."""
    path = Path(path)
    collector = Collector(path, report)
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if is_json(head):
        release = read_json(path, collector, options)
        return collector.finish([source("unsdg", path, release)])
    tables, multi_sheet = data_tables(path, report, options)
    kinds = {kind for _, kind in tables}
    if kinds == {"habitat"}:
        collector.fallback_source = HABITAT
    for table, kind in tables:
        READERS[kind](table, collector, options, multi_sheet)
    release = next((release_of(table) for table, _ in tables if release_of(table)), "")
    publishers = sorted({"habitat" if kind == "habitat" else "unsdg" for kind in kinds})
    return collector.finish([source(publisher, path, release) for publisher in publishers])


def is_json(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def data_tables(
    path: Path, report: ImportReport, options: ReadOptions
) -> tuple[list[tuple[RawTable, str]], bool]:
    """(RawTable, kind) for the text file or for every sheet that has a known header, and
    whether the workbook has several sheets (issues then name the sheet)."""
    with open(path, "rb") as handle:
        is_workbook = handle.read(8).startswith(WORKBOOK_MAGIC)
    if not is_workbook:
        table = read_text(path, EXPECTED)
        report_trailing(table, report)
        kind = table_kind(list(table.frame.columns))
        if kind is None:
            raise LoadError(
                f"{path.name} has no UN SDG Global Database header "
                "(SeriesCode, GeoAreaCode, TimePeriod, Value or value_YYYY columns)."
            )
        return [(table, kind)], False
    names = sheet_names(path)
    sheets = [options.sheet] if options.sheet else names
    tables = []
    for sheet in sheets:
        try:
            table = read_excel(path, sheet, EXPECTED)
        except TypeError:  # workbook.read_excel fails on a sheet with no row below its header
            report.add(path, f"sheet '{sheet}' has no data rows; skipped", column=str(sheet), severity=INFO)
            continue
        report_percent(report, sheet_of(table), table.percent)
        kind = table_kind(list(table.frame.columns))
        if kind is None:
            report.add(
                path,
                f"sheet '{sheet}' has no UN SDG or UN-Habitat data header; skipped",
                column=str(sheet),
                severity=INFO,
            )
            continue
        tables.append((table, kind))
    if not tables:
        raise LoadError(f"{path.name} has no sheet with UN SDG Global Database columns.")
    return tables, len(names) > 1


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets a reader sees: hidden ones are not read."""
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:  # by content, whatever the name
            names = [str(name) for name in book.sheet_names]
        shown = set(visible_sheets(path))
        return [name for name in names if name in shown] or names
    except Exception as error:  # openpyxl raises many types for damaged workbooks
        raise LoadError(f"{path.name} cannot be read as a workbook: {error}.") from error


def release_of(table: RawTable) -> str:
    columns = [c for c in table.frame.columns if key(c) == "release"]
    if not columns:
        return ""
    values = table.frame[columns[0]].dropna().str.strip()
    values = values[values != ""]
    return str(values.iloc[0]) if len(values) else ""


def source(kind: str, path: Path, release: str) -> dict:
    return {**SOURCES[kind], "file": path.name, **({"release": release} if release else {})}
