"""Indicator metadata given beside any import (`city-sdg import --indicator-meta FILE`): which way
is better, bounds, thresholds and targets for the import's own indicators. A source that states
none (an Open SDG site) can then be rated and scored the right way round, not only by bounds from
the data and a direction read from a name.

The file is a CSV or Excel table with an `indicator_id` column and any of FIELDS; a blank cell
leaves the source's own value. Each row is checked at the boundary: a row with a bad cell is left
out and reported with its file, line, column and reason, and the others apply."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from loaders.bundle import Bundle
from loaders.report import WARNING, ImportReport, LoadError
from loaders.textio import LINE, read_any, report_trailing, sheet_of
from loaders.workbook import report_percent

NUMBERS = ("best", "worst", "green_threshold", "yellow_threshold", "orange_threshold", "red_threshold",
           "target_value")
FIELDS = ("direction", *NUMBERS, "target_year", "goal")
"""The columns a metadata file may give (those of the indicators table that scoring reads)."""


def read(path: Path, report: ImportReport) -> pd.DataFrame:
    """The file's valid rows: indicator_id and the FIELDS it has (None where a cell is blank); a
    later row of the same indicator replaces an earlier one, with a warning."""
    table = read_any(path, expected=["indicator_id"])
    report_trailing(table, report)
    report_percent(report, sheet_of(table), table.percent)
    frame = table.frame
    frame.columns = [str(column).strip().lower() if column != LINE else column for column in frame.columns]
    count = report.count(path)
    if "indicator_id" not in frame.columns:
        raise LoadError(f"{path.name} has no indicator_id column; an indicator metadata file needs one.")
    given = [field for field in FIELDS if field in frame.columns]
    for column in frame.columns:
        if column not in (LINE, "indicator_id", *FIELDS):
            report.add(path, f"column '{column}' is not an indicator field this file can set; it is ignored "
                       f"(fields: {', '.join(FIELDS)})", column=column, severity=WARNING)
    rows: dict[str, dict] = {}
    for record in frame.to_dict("records"):
        count.rows_read += 1
        line = record.get(LINE)
        line = None if line is None or pd.isna(line) else int(line)
        values, problem = checked(record, given)
        if problem is not None:
            column, value, reason = problem
            report.add(path, reason, line=line, column=column, value=value)
            count.rows_rejected += 1
            continue
        indicator = values.pop("indicator_id")
        if indicator in rows:
            report.add(path, f"indicator '{indicator}' is given again; this row replaces the earlier one",
                       line=line, column="indicator_id", value=indicator, severity=WARNING)
        rows[indicator] = values
        count.rows_kept += 1
    return pd.DataFrame([{"indicator_id": key, **values} for key, values in rows.items()],
                        columns=["indicator_id", *given])


def checked(record: dict, given: list[str]) -> tuple[dict, tuple[str, str, str] | None]:
    """One row's values, or the first bad cell as (column, value, reason)."""
    text = {key: "" if value is None or (isinstance(value, float) and math.isnan(value))
            else str(value).strip() for key, value in record.items()}
    values: dict = {"indicator_id": text.get("indicator_id", "")}
    if not values["indicator_id"]:
        return values, ("indicator_id", "", "no indicator_id: the row names no indicator")
    for field in given:
        cell = text.get(field, "")
        if not cell:
            values[field] = None
        elif field == "direction":
            if cell.lower() not in ("higher", "lower"):
                return values, (field, cell, "direction must be 'higher' or 'lower' (which way is better)")
            values[field] = cell.lower()
        else:
            decimal_comma = cell.count(",") == 1 and "." not in cell  # "12,5"
            number = pd.to_numeric(cell.replace(",", ".") if decimal_comma else cell, errors="coerce")
            if pd.isna(number) or not math.isfinite(float(number)):
                return values, (field, cell, f"{field} must be a number")
            if field == "goal" and (float(number) != int(number) or not 1 <= int(number) <= 17):
                return values, (field, cell, "goal must be a whole number from 1 to 17")
            if field == "target_year" and (float(number) != int(number) or not 1900 <= int(number) <= 2100):
                return values, (field, cell, "target_year must be a year such as 2030")
            values[field] = int(number) if field in ("goal", "target_year") else float(number)
    best, worst = values.get("best"), values.get("worst")
    if best is not None and worst is not None and best == worst:
        return values, ("worst", text.get("worst", ""), "best and worst are equal: no score can be computed")
    return values, None


def apply(bundle: Bundle, meta: pd.DataFrame, path: Path, report: ImportReport) -> None:
    """Set the given values on the bundle's indicators; an indicator the import does not bring is
    reported and left alone (its stored metadata changes only with an import of its source)."""
    if meta.empty:
        return
    indicators = bundle.indicators
    known = set(indicators["indicator_id"].astype(str)) if len(indicators) else set()
    for indicator in meta["indicator_id"]:
        if indicator not in known:
            report.add(path, f"indicator '{indicator}' is not among this import's indicators; its metadata "
                       "is not changed (import it with its source)", column="indicator_id", value=indicator,
                       severity=WARNING)
    rows = meta[meta["indicator_id"].isin(known)].set_index("indicator_id")
    if rows.empty:
        return
    at = indicators["indicator_id"].astype(str)
    for field in rows.columns:
        wanted = at.map(rows[field].dropna())
        chosen = wanted.notna().to_numpy(dtype=bool)
        if not chosen.any():
            continue
        if field not in indicators:
            indicators[field] = pd.NA
        column = indicators[field].astype(object)
        column[chosen] = wanted[chosen].to_numpy(dtype=object)
        indicators[field] = column
