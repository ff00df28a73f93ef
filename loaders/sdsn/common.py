"""Pieces both SDSN layouts share: header matching, places, wide cells to long numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders import places
from loaders.numbers import parse_numbers, report_classes
from loaders.report import WARNING, ImportReport
from loaders.textio import LINE

ARROW_CODES = {
    "": "no_data",
    ".": "no_data",
    "•": "no_data",
    "↑": "on_track",
    "➚": "improving",
    "→": "stagnating",
    "↓": "decreasing",
}
"""SDSN's arrow characters to the scorer's arrow codes (SDSN shows maintaining as '↑')."""
COLOUR_NAMES = {
    "": "grey",
    "gray": "grey",
    "grey": "grey",
    "red": "red",
    "orange": "orange",
    "yellow": "yellow",
    "green": "green",
}
PLACE_NAME = ("country", "city", "name", "place")
PLACE_CODE = ("id", "iso3", "code", "iso")
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def fold(text: object) -> str:
    """Comparable header text: accents, case and punctuation folded, 'OECD only:' dropped."""
    return places.fold(re.sub(r"(?i)^oecd only\s*:\s*", "", str(text)))


def pick_column(columns: list[str], *starts: str) -> str | None:
    """The first column whose folded name equals, else starts with, one of `starts`."""
    for start in starts:
        exact = [c for c in columns if fold(c) == start]
        prefix = [c for c in columns if fold(c).startswith(start)]
        if exact or prefix:
            return (exact or prefix)[0]
    return None


def place_rows(
    frame: pd.DataFrame, columns: list[str], path: Path, label: str, report: ImportReport
) -> pd.DataFrame:
    """Places of a wide sheet: countries by ISO3 code or name; `place_id` is NA for a row
    with neither (reported)."""
    name_col = pick_column(columns, *PLACE_NAME)
    code_col = pick_column(columns, *PLACE_CODE)
    blank = pd.Series(pd.NA, index=frame.index, dtype="string")
    names = frame[name_col].str.strip() if name_col else blank
    codes = frame[code_col].str.strip() if code_col else blank
    label_text = names.where(names.fillna("") != "", codes).replace("", pd.NA)
    keys = pd.DataFrame({"name": label_text, "code": codes}).drop_duplicates().dropna(subset=["name"])
    iso3 = keys["code"].map(places.country_iso3).fillna(keys["name"].map(places.country_iso3))
    keys["country_iso3"] = iso3
    keys["place_id"] = [
        places.place_id("country", n, i if isinstance(i, str) else None)
        for n, i in zip(keys["name"], iso3, strict=True)
    ]
    out = pd.DataFrame({"name": label_text, "code": codes, "_line": frame[LINE]})
    out = out.merge(keys, on=["name", "code"], how="left").set_index(frame.index)
    out["kind"] = "country"
    out["country"] = out["country_iso3"]
    facts = places.countries().set_index("iso3")
    for column in ("un_region", "un_subregion"):
        out[column] = out["country_iso3"].map(facts[column]).replace("", pd.NA)
    unknown = out["country_iso3"].isna() & out["place_id"].notna()
    for line, value in zip(out.loc[unknown, "_line"], out.loc[unknown, "name"], strict=True):
        report.add(
            path,
            "country not recognised; kept under its name",
            line=int(line),
            column=name_col or "",
            value=value,
            severity=WARNING,
        )
    for line in out.loc[out["place_id"].isna(), "_line"]:
        report.add(path, f"row without a place name or code in {label}", line=int(line))
    return out


def melt_cells(frame: pd.DataFrame, place_id: pd.Series, columns: dict) -> pd.DataFrame:
    """Long (place_id, _line, column, text, key) for the {column: key} cells of a wide sheet."""
    wide = frame[list(columns)].assign(place_id=place_id, _line=frame[LINE])
    long = wide.melt(id_vars=["place_id", "_line"], var_name="column", value_name="text")
    long["key"] = long["column"].map(columns)
    return long.dropna(subset=["place_id"]).reset_index(drop=True)


def numbers(long: pd.DataFrame, path: Path, report: ImportReport) -> pd.DataFrame:
    """Parse text cells into value and flag; a cell neither a number nor a missing marker is
    reported; missing cells are dropped (an empty cell is no observation)."""
    parsed = parse_numbers(long["text"])
    rejected = ~parsed["ok"].to_numpy()
    bad = long[rejected]
    problems = parsed["problem"][rejected].replace("", "not a number")
    for line, column, text, problem in zip(bad["_line"], bad["column"], bad["text"], problems, strict=True):
        report.add(
            path, f"{problem}; cell skipped", line=int(line), column=column, value=text, severity=WARNING
        )
    report_classes(report, path, parsed)
    out = long.assign(
        value=parsed["value"].to_numpy(), flag=parsed["flag"].to_numpy(), note=parsed["note"].to_numpy()
    )
    return out[out["value"].notna()].reset_index(drop=True)


TABLE_SUFFIXES = (".csv", ".tsv", ".txt")
"""Files a workbook saved sheet by sheet is made of (`sheets.CsvSheets`)."""


def in_sheet(path: Path, sheet: str) -> Path:
    """`Book.xlsx [Sheet]`: where a workbook's row is, for the report (and the key its counts are
    kept under). Line 196 of SDR 2021's data sheet and of its trend sheet were both 'line 196'.
    A workbook saved as one file per sheet (`sheets.CsvSheets`, `path` its data sheet's file): the
    sheet's own file."""
    if path.suffix.lower() in TABLE_SUFFIXES:
        return path.with_name(sheet) if sheet else path
    return path.with_name(f"{path.name} [{sheet}]")


def count_rows(report: ImportReport, key: str, read: int, rejected: int) -> None:
    count = report.count(key)
    count.rows_read, count.rows_rejected = read, rejected
    count.rows_kept = read - rejected


def edition_year(*texts: str) -> int | None:
    """The first 19xx/20xx year in the texts (sheet name, headers, file name)."""
    for text in texts:
        found = YEAR.search(text)
        if found:
            return int(found.group(0))
    return None
