"""One Open SDG indicator table (a CSV file, a built site's JSON, or an SDMX series set) as rows.

Years: '2019' -> 2019; a range gives its END year, because fiscal and academic years are
published when they end: '2017-18' -> 2018, '2012/13' -> 2013, '1990-1999' -> 1999; an ISO
date '2019-03-31' -> 2019. The label as written is always kept in year_label.
Breakdown: 'Col=Value|Col2=Value2' for the non-blank disaggregation cells in column order
('' = headline). `Series`/`SERIES` and `Units`/`UNIT_MEASURE` are never disaggregations: they
say which series of the indicator a row belongs to and in what unit (reader.split_series
makes each series, and each unit of a series with several, its own indicator). A Unit
multiplier column joins the breakdown only when it varies. A GeoCode (or REF_AREA,
'Reference area') makes the row a district or region of the site (blank = the site); a column
naming those codes one to one ('Ward', 'Ward name') names the districts. Observation status,
comments and footnotes go to `note` (the SDMX filler 'Undefined' is left out).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import textio
from loaders.repeats import keepers, number_text
from loaders.report import ImportReport, LoadError
from loaders.totals import TOTAL_WORDS

YEAR_RANGE = re.compile(r"^(?P<start>\d{4})(?:\.0+)?(?:\s*[-/–]\s*(?P<end>\d{4}|\d{2}))?$")
ISO_DATE = re.compile(r"^(?P<start>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
GEO_COLUMNS = {"ref_area", "reference area", "geo_code", "geo code"}
"""SDMX's REF_AREA (translated 'Reference area' in built sites) places a row as GeoCode does."""
SERIES_COLUMNS = {"series"}
UNIT_COLUMNS = {"units", "unit", "unit measure", "unit_measure", "unit of measurement"}
MULTIPLIER_COLUMNS = {"unit multiplier", "unit_mult"}
NOTE_COLUMN = re.compile(r"^(observation status|obs_status|comments?|footnotes?|notes?)$")
NOTE_FILLERS = {"", "undefined"}
TRIVIAL_MULTIPLIERS = {"", "units", "unit", "1", "0"}
NAME_HINT = re.compile(r"ward|name|district|area|neighbo|borough|locality|suburb|zone", re.I)
KEY = ["geocode", "year", "breakdown", "series", "unit"]
SHORT, SHORT_COLUMN = "_short", "_short_column"
INTERNAL = {textio.LINE, "_overflow", "_series_id", "_area_name", SHORT, SHORT_COLUMN}
"""Columns the readers add (sdmx.py: the series code and the area's name; read_csv: why a row
is short and its first missing column), never data."""


def year_of(label: str) -> int | None:
    """The year a label stands for (see the module docstring), or None."""
    text = str(label).strip()
    match = ISO_DATE.match(text) or YEAR_RANGE.match(text)
    if not match or (match.re is ISO_DATE and not real_date(match)):
        return None
    year = int(match["start"])
    end = match.groupdict().get("end")
    if end:
        if len(end) == 2:
            stop = year - year % 100 + int(end)
            stop += 100 if stop < year else 0
            span = 20
        else:
            stop, span = int(end), 50
        if not year <= stop <= year + span:
            return None
        year = stop
    return year if 1800 <= year <= 2100 else None


def real_date(match: re.Match) -> bool:
    """'2020-13-45' is a typing error, not the year 2020."""
    try:
        dt.date(int(match["start"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return False
    return True


def column_roles(frame: pd.DataFrame) -> dict[str, str]:
    """What each column of an indicator table is: year, value, geocode, series, unit, note..."""
    roles: dict[str, str] = {}
    for column in frame.columns:
        lower = column.lower().strip()
        if column in INTERNAL:
            role = "internal"
        elif lower in ("year", "value", "geocode") and lower not in roles.values():
            role = lower
        elif lower in GEO_COLUMNS and "geocode" not in roles.values():
            role = "geocode"
        elif lower in SERIES_COLUMNS and "series" not in roles.values():
            role = "series"
        elif lower in UNIT_COLUMNS and "unit" not in roles.values():
            role = "unit"
        elif lower in MULTIPLIER_COLUMNS:
            role = "multiplier"
        elif NOTE_COLUMN.match(lower):
            role = "note"
        else:
            role = "disaggregation"
        roles[column] = role
    geocode = next((c for c, r in roles.items() if r == "geocode"), None)
    for column, role in roles.items():
        if (
            geocode
            and role == "disaggregation"
            and NAME_HINT.search(column)
            and names_codes(frame[column], frame[geocode])
        ):
            roles[column] = "name"
            break
    return roles


TEMPLATE_GROUPS = frozenset({"A", "B"})
"""The groups of the example table Open SDG's starter repository ships for indicator 1.1.1 (`Year,Group,
Value`: groups A and B, and their total), left in many sites that forked it (València's)."""
TEMPLATE_REASON = ("the Open SDG template's example data (a 'Group' of A and B), not the site's own: "
                   "a city that forked the starter left it in place; not imported")


def template_example(frame: pd.DataFrame, roles: dict[str, str]) -> bool:
    """Whether an indicator table is the Open SDG starter's example rather than data: its only breakdown
    is a column named Group whose values are A and B. València's site charted it as its poverty rate
    ("2 in 2015, 2 in 2016", no unit), which a citizen read as 2 % poverty."""
    broken_down = [c for c, role in roles.items() if role == "disaggregation"]
    if len(broken_down) != 1 or broken_down[0].strip().casefold() != "group":
        return False
    groups = set(frame[broken_down[0]].dropna().astype(str).str.strip()) - {""}
    return bool(groups) and groups <= TEMPLATE_GROUPS


def names_codes(names: pd.Series, codes: pd.Series) -> bool:
    """True when the column is blank wherever the code is, and names the codes one to one."""
    names, codes = names.fillna("").str.strip(), codes.fillna("").str.strip()
    if ((names != "") & (codes == "")).any():
        return False
    pairs = pd.DataFrame({"name": names, "code": codes})[(names != "") & (codes != "")]
    pairs = pairs.drop_duplicates()
    return len(pairs) > 0 and pairs["name"].is_unique and pairs["code"].is_unique


def joined_cells(frame: pd.DataFrame, columns: list[str], template: str, sep: str,
                 leave_out: frozenset = frozenset()) -> pd.Series:
    """Per row, the non-blank cells of `columns` formatted with template and joined with sep;
    a cell whose folded text is in `leave_out` ('Total' in a breakdown) is left out too."""
    cells = [frame[c].fillna("").str.strip().where(lambda c: ~c.str.casefold().isin(leave_out), "").tolist()
             for c in columns]
    text = (
        [
            sep.join(
                template.format(c, v)
                for c, v in zip(columns, values, strict=True)
                if v and v.lower() not in NOTE_FILLERS
            )
            for values in zip(*cells, strict=True)
        ]
        if columns
        else [""] * len(frame)
    )
    return pd.Series(text, index=frame.index, dtype="string")


def distinct(series: pd.Series) -> list[str]:
    values = series.fillna("").astype("string").str.strip()
    return sorted(set(values[values != ""]))


def text_column(frame: pd.DataFrame, column: str | None) -> pd.Series:
    if column is None:
        return pd.Series("", index=frame.index, dtype="string")
    return frame[column].fillna("").astype("string").str.strip()


def read_csv(file: Path, report: ImportReport | None = None) -> pd.DataFrame:
    """An indicator CSV as text. A row with fewer cells than the header (a cut file) carries
    its reason in SHORT, so it is rejected, not read as a missing value that would replace a
    stored one."""
    table = textio.read_text(file, expected=("Year", "Value"))
    if report is not None:
        textio.report_trailing(table, report)
    frame = table.frame
    if len(table.short_rows):
        short = table.short_rows.set_index("line")
        frame[SHORT] = frame[textio.LINE].map(short["reason"]).astype("string").fillna("")
        frame[SHORT_COLUMN] = frame[textio.LINE].map(short["column"]).astype("string").fillna("")
    return frame


def read_indicator(file: Path, report: ImportReport) -> tuple[pd.DataFrame, str] | None:
    """Rows of one indicator CSV file; its rejects and counts reported. None when unreadable."""
    try:
        frame = read_csv(file, report)
    except LoadError as error:
        report.unreadable(file, str(error))
        return None
    return counted(file, frame, column_roles(frame), report)


def counted(file: Path, frame: pd.DataFrame, roles: dict[str, str], report: ImportReport):
    """table_rows for a whole file: its row counts and rejects go to the report."""
    parsed = table_rows(file, frame, roles, report)
    if parsed is None:
        return None
    rows, problems, unit = parsed
    count = report.count(file)
    count.rows_read, count.rows_rejected = len(rows) + len(problems), len(problems)
    count.rows_kept = len(rows)
    if len(problems):
        report.add_rejected_rows(file, problems)
    return rows, unit


def table_rows(file: Path, frame: pd.DataFrame, roles: dict[str, str], report: ImportReport):
    """(kept rows, rejected rows with line/column/value/reason, the table's constant unit), or
    None (reported) when the table has no Year or Value column."""
    by_role = {role: [c for c, r in roles.items() if r == role] for role in set(roles.values())}
    missing = [n for n in ("Year", "Value") if n.lower() not in by_role]
    if missing:
        report.unreadable(
            file, f"{file.name} has no {' or '.join(missing)} column, so it is not an Open SDG data file."
        )
        return None
    year_col, value_col = by_role["year"][0], by_role["value"][0]
    multipliers = by_role.get("multiplier", [])
    varying = [c for c in multipliers if len(distinct(frame[c])) > 1]
    parts = [c for c, r in roles.items() if r == "disaggregation" or c in varying]
    first = {role: (by_role[role][0] if role in by_role else None)
             for role in ("geocode", "name", "series", "unit")}
    geocode = text_column(frame, first["geocode"])
    if first["geocode"]:  # a build writes numeric codes as floats: GeoCode 1 -> '1.0'
        geocode = geocode.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    series = text_column(frame, first["series"])
    numbers = textio.parse_numbers(frame[value_col].astype("string"))
    rows = pd.DataFrame(
        {
            "year": pd.array(frame[year_col].astype("string").map(year_of), dtype="Int64"),
            "year_label": text_column(frame, year_col).str.replace(r"^(\d{4})\.0+$", r"\1", regex=True),
            "value": numbers["value"],
            "flag": numbers["flag"],
            "breakdown": joined_cells(frame.astype("string"), parts, "{}={}", "|", TOTAL_WORDS),
            "note": with_number_notes(
                joined_cells(frame.astype("string"), by_role.get("note", []), "{}: {}", "; "), numbers["note"]
            ),
            "geocode": geocode,
            "series": series,
            "series_id": text_column(frame, "_series_id") if "_series_id" in frame else series,
            "unit": text_column(frame, first["unit"]),
            "geoname": text_column(frame, first["name"]),
            "line": frame[textio.LINE],
            # what tells rows apart: the line, or an SDMX observation's place in its message
            "row": pd.to_numeric(frame["_row"]).astype("Int64") if "_row" in frame else frame[textio.LINE],
        }
    )
    problems = rejections(frame, rows, numbers, year_col, value_col)
    kept = rows.drop(index=problems.index).reset_index(drop=True)
    constant = [c for c in multipliers if c not in varying]
    return kept, problems, file_unit(frame, constant)


def rejections(frame, rows, numbers, year_col: str, value_col: str) -> pd.DataFrame:
    """One reason per rejected row: too few or too many fields, a year or value not
    understood, a repeat."""
    reasons = pd.DataFrame({"line": rows["line"], "row": rows["row"], "column": "", "value": "",
                            "reason": ""})
    if SHORT in frame:
        short = frame[SHORT] != ""
        reasons.loc[short, "column"] = frame.loc[short, SHORT_COLUMN]
        reasons.loc[short, "reason"] = frame.loc[short, SHORT]
    value_ok = numbers["ok"]
    overflow = frame["_overflow"].fillna("") != "" if "_overflow" in frame else value_ok & False
    value_reason = numbers["problem"].where(numbers["problem"] != "", "value is not a number")
    checks = [
        (overflow, "_overflow", "the row has more fields than the header"),
        (rows["year"].isna(), year_col, "year not understood (expected e.g. 2019, 2017-18, 2012/13)"),
        (~value_ok, value_col, value_reason),
    ]
    for mask, column, reason in checks:
        hit = mask & (reasons["reason"] == "")
        if not hit.any():
            continue
        reasons.loc[hit, "column"] = column
        reasons.loc[hit, "reason"] = reason[hit] if isinstance(reason, pd.Series) else reason
        reasons.loc[hit, "value"] = frame.loc[hit, column].fillna("").astype("string")
    valid = rows[reasons["reason"] == ""]
    keeper = valid.index.to_numpy()[keepers(valid, KEY)]  # a blank or '..' row never beats a number
    repeated = keeper != valid.index.to_numpy()
    if repeated.any():
        repeats, kept_at = valid.index[repeated], keeper[repeated]
        kept_line = rows.loc[kept_at, "line"].astype("string").to_numpy()
        kept_value = rows.loc[kept_at, "value"].to_numpy(dtype=float, na_value=np.nan)
        value = rows.loc[repeats, "value"].to_numpy(dtype=float, na_value=np.nan)
        reasons.loc[repeats, "column"] = year_col
        reasons.loc[repeats, "value"] = rows.loc[repeats, "year_label"]
        reasons.loc[repeats, "reason"] = [
            repeat_reason(line, kept, own)
            for line, kept, own in zip(kept_line, kept_value, value, strict=True)
        ]
    return reasons[reasons["reason"] != ""]


def repeat_reason(line: str, kept: float, own: float) -> str:
    """Why a row whose year, place, series and breakdown an earlier (or a valued) row has is dropped."""
    same = "same year, place, series and breakdown"
    if np.isnan(own) and not np.isnan(kept):
        return f"no value, and line {line} has one ({number_text(kept)}) for the {same}: line {line} is kept"
    if np.isnan(own) or kept == own:
        return f"repeats line {line} exactly (same value too): {same}"
    return (f"repeats line {line} with another value ({number_text(kept)} there, {number_text(own)} here): "
            f"{same}; line {line} is kept, check which is right")


def with_number_notes(notes: pd.Series, number_notes: pd.Series) -> pd.Series:
    """The note columns' text, then what the value cell itself said ('<1', a footnote marker)."""
    extra = number_notes.fillna("").astype("string")
    both = (notes != "") & (extra != "")
    return notes.where(extra == "", extra).where(~both, notes + "; " + extra)


def file_unit(frame: pd.DataFrame, multipliers: list[str]) -> str:
    """The multiplier a table states in a constant Unit multiplier column ('' when trivial)."""
    words = [v for c in multipliers for v in distinct(frame[c]) if v.lower() not in TRIVIAL_MULTIPLIERS]
    return " ".join(f"({w})" for w in words[:1])
