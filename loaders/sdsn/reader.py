"""SDSN SDG Index data: the published workbooks and the wide city-index tables, read into the
canonical tables, with SDSN's own published results kept apart for comparison.

Workbook (e.g. the SDR 2019 global workbook): the codebook gives indicator code, name, bounds,
green/red thresholds and yes/no set columns (`global`, `oecd`, `trend`, `trendoecd`) that become
the index, dashboard and trend sets in `Bundle.options`; a `<group>` set applies to the places
flagged in a data column naming the group (e.g. "Country is an OECD member"). Raw data columns
are matched to the codebook by code, by name (80-character truncation and an "OECD only:" prefix
allowed) or by their position just before `Normalized Score <code>` / `Dashboard Color <code>`.
A `Trend <series>` column after an indicator's block names the time series its arrow comes from.
A value is dated by its own year column, else the codebook's reference year, else the equal latest
value of its series in the trends sheet, else the edition year (with a year label saying so).
Sheets are found by content (loaders/sdsn/codebook.py), column roles in every naming of the family
(loaders/sdsn/columns.py), places as countries or as the units of one country (units.py).

Workbook saved as one delimited file per sheet: found among a folder's tables by the same rules
(`split_book`) and read as the workbook is, from its data sheet's file (`sheets.CsvSheets`).

Flattened index table (flat.py) and municipal atlas tables (atlas.py): see their modules.

City table (CSV or JSON, e.g. the European Cities SDG Index): `city, score, rank, region,
SDG1..`, raw columns `"<code> : <name>"` and `Dashboard: <name>` colours. It has no codebook:
bounds stay empty (the scorer computes them from the data, as SDSN's method says) and each
indicator's direction is inferred from the published colours, else from words in its name;
every inference is listed in the import report. Cities are matched to the gazetteer for their
country (an ambiguous name is settled by the table's region, or by `--country`); a city that
cannot be matched keeps no country and is reported.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from pathlib import Path

import pandas as pd

from loaders import textio
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.report import ImportReport, LoadError
from loaders.sdsn.atlas import around, companion_role, is_atlas, key_column, read_atlas
from loaders.sdsn.cities import read_city_table
from loaders.sdsn.codebook import codebook_score, find_layout, sheet_heads
from loaders.sdsn.common import TABLE_SUFFIXES
from loaders.sdsn.flat import is_flat, read_flat_table
from loaders.sdsn.sheets import CsvSheets, Workbook
from loaders.sdsn.workbook import read_book, read_workbook

NAME = "sdsn"
WORKBOOK_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 65536


def sniff(path: str | Path) -> bool:
    """A workbook with a codebook sheet and a data sheet whose columns name its codes (any sheet
    names); a flattened index table or a municipal atlas table; or a city table with
    city/country, SDGn and '<code> : <name>' columns."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
        if head.startswith(WORKBOOK_MAGIC):
            if max(map(codebook_score, sheet_heads(path).values()), default=0) < 2:
                return False
            book = Workbook(path)
            try:
                return find_layout(book) is not None  # a codebook and a data sheet naming its codes
            finally:
                book.close()
        text = textio.decode(path, head)[0].lstrip()  # UTF-16 and legacy encodings too
        if text.startswith(("[", "{")):
            keys = re.findall(r'"([^"]+)"\s*:', text)
        else:  # a European publisher's semicolons too
            first = text.split("\n", 1)[0]
            keys = next(csv.reader(io.StringIO(first), delimiter=textio.sniff_delimiter(text)), [])
    except Exception:  # a sniffer says no; the reader that claims the file reports problems
        return False
    keys = [k.strip() for k in keys]
    role = split_role(path)
    if role is not None:  # a sheet of a workbook saved as one file per sheet: read from its data sheet
        return role == DATA_SHEET
    if is_flat(keys) or is_atlas(keys):
        return True
    return (
        any(re.fullmatch(r"SDG\d{1,2}", k) for k in keys)
        and any(" : " in k for k in keys)
        and any(k.lower() in ("city", "country") for k in keys)
    )


def first_header(path: Path) -> list[str]:
    """The first line of a delimited file, split (to choose among the table layouts), decoded and
    split as the table's reader will: an Africa index table in UTF-16 crashed the import that read
    it as UTF-8 ('new-line character seen in unquoted field', no file named), and one separated by
    semicolons was taken for a city table and refused."""
    with open(path, "rb") as handle:
        text = textio.decode(path, handle.read(SNIFF_BYTES))[0]
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return [k.strip() for k in next(csv.reader([first], delimiter=textio.sniff_delimiter(text)), [])]


def companion_of(path: str | Path) -> tuple[Path, str] | None:
    """(values file, what it reads from `path`) when `path` is not a source of its own but a table
    a municipal atlas's values file beside it reads (its names table, its published indices), or a
    sheet of a workbook saved as one file per sheet (its codebook, its time series): a folder
    import reports such a file as read with that file, not as a format it does not know."""
    path = Path(path)
    role = split_role(path)
    if role not in (None, DATA_SHEET):
        return split_sheets(path)[0], role
    if path.suffix.lower() != ".csv":
        return None
    for other, key in atlases_around(str(path.parent.resolve()), path.parent.stat().st_mtime_ns):
        role = companion_role(other, key, path) if other != path.resolve() else None
        if role is not None:
            return other, role
    return None


@functools.lru_cache(maxsize=64)
def atlases_around(folder: str, _modified: int) -> tuple[tuple[Path, str], ...]:
    """The atlas values files (and their keys) that a CSV file in `folder` may be read with: the
    files `atlas.siblings` looks at, each header read once per folder, not once per file asked."""
    found = []
    for other in around(Path(folder)):
        try:
            header = first_header(other)
        except (OSError, UnicodeError, csv.Error, LoadError):  # an empty file beside it is no atlas
            continue
        if is_atlas(header):
            found.append((other.resolve(), key_column(header)))
    return tuple(found)


DATA_SHEET = "its data sheet"
SPLIT_MOST = 20
"""A folder of more table files than this is not read as one workbook saved sheet by sheet (an
Open SDG build's folder holds hundreds of files, none of them a codebook)."""


def split_role(path: Path) -> str | None:
    """What `path` is of a workbook saved as one file per sheet beside it (`split_sheets`): its
    data sheet (DATA_SHEET), its codebook, its time series; None when it is no such sheet."""
    if path.suffix.lower() not in TABLE_SUFFIXES or not path.is_file():
        return None
    found = split_book(str(path.parent.resolve()), path.parent.stat().st_mtime_ns)
    if found is None:
        return None
    data, codebook, trend, _files = found
    return {data: DATA_SHEET, codebook: "its codebook", trend: "its time series"}.get(path.name)


def split_sheets(path: Path) -> tuple[Path, list[Path]]:
    """(the data sheet's file, every file of the book) of the book `path` is a sheet of."""
    data, _codebook, _trend, files = split_book(str(path.parent.resolve()), path.parent.stat().st_mtime_ns)
    return path.parent / data, [path.parent / name for name in files]


@functools.lru_cache(maxsize=64)
def split_book(folder: str, _modified: int) -> tuple[str, str, str | None, tuple[str, ...]] | None:
    """(data, codebook and time-series file names, the files) of an SDSN workbook saved as one CSV
    per sheet in `folder` (the SDR 2021 workbook as `codebook.csv`, `data.csv` and `trends.csv`
    was "format not recognised" three times), found as a workbook's sheets are (`find_layout`:
    by content, any names); None when there is none. Once per folder, not once per file asked."""
    files = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in TABLE_SUFFIXES and p.is_file())
    if not 2 <= len(files) <= SPLIT_MOST:
        return None
    book = CsvSheets(files[0], files)
    try:
        if max(map(codebook_score, book.heads().values()), default=0) < 2:
            return None
        layout = find_layout(book)
    except (OSError, UnicodeError, csv.Error, LoadError):
        return None
    if layout is None:
        return None
    return layout.data, layout.codebook, layout.trend, tuple(p.name for p in files)


PUBLISHED = ("goal_scores", "index")
"""The published results an import keeps, as the store's published_goal_scores and published_index."""


def read_split_book(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    """A workbook saved as one file per sheet, read as the workbook is, from its data sheet's file
    (a sheet named by --sheet, as in a workbook, by its file name)."""
    data, files = split_sheets(path)
    if data != path:
        raise LoadError(f"{path.name} is read with {data.name} beside it, as {split_role(path)}, not on "
                        f"its own: import {data.name} or the folder that holds both.")
    return read_book(CsvSheets(path, files), path, report, options)


def read(path: str | Path, report: ImportReport, options: ReadOptions | None = None) -> Bundle:
    return load(Path(path), report, options or ReadOptions())[0]


def read_published(path: str | Path, options: ReadOptions | None = None) -> dict[str, pd.DataFrame]:
    """SDSN's own results in the file, tidy and named like the scorer's tables:
    indicator_scores (score, colour, arrow), goal_scores (score, colour, arrow) and index
    (score, rank); arrows use the scorer's codes, with SDSN's '↑' as 'on_track'."""
    return load(Path(path), ImportReport(), options or ReadOptions())[1]


def load(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    """The bundle and the published results of one file."""
    if not path.is_file():
        raise LoadError(f"{path} does not exist.")
    with open(path, "rb") as handle:
        is_workbook = handle.read(4) == WORKBOOK_MAGIC
    header = [] if is_workbook else first_header(path)
    reader = (
        read_workbook
        if is_workbook
        else read_split_book
        if split_role(path) is not None
        else read_flat_table
        if is_flat(header)
        else read_atlas
        if is_atlas(header)
        else read_city_table
    )
    bundle, published = reader(path, report, options)
    bundle.published = {name: published[name] for name in PUBLISHED if name in published}
    bundle.options["goal_colour_rule"] = options.goal_colour_rule or "two_worst"
    bundle.sources.append(
        {
            "file": str(path),
            "format": NAME,
            "name": "SDSN SDG Index and Dashboards",
            "publisher": "Sustainable Development Solutions Network (SDSN)",
            "url": "https://www.sdgindex.org",
        }
    )
    return bundle, published
