"""Rows and cells of an SDSN table that are not kept as they are: a place's second row, a row cut
short, published scores and ranks that cannot be; each reported with its line, column and reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.numbers import parse_numbers
from loaders.report import WARNING, ImportReport
from loaders.textio import LINE

REPEATED = "duplicate of line {first} (a second row for the same place)"
REPEATED_YEAR = "duplicate of line {first} (a second row for the same place and year)"


def reject_rows(pid: pd.Series, frame: pd.DataFrame, names: pd.Series, column: str, path: Path,
                report: ImportReport, short_rows: pd.DataFrame | None = None,
                year: pd.Series | None = None) -> pd.Series:
    """The place ids with NA for rows not kept: a row with fewer cells than the header (its values
    would be blanks that were never written) and a second row of a place already read (it would
    replace the first one's values), each reported. In a time series (`year` given) a place has
    one row per year."""
    lines = frame[LINE].astype("Int64")
    named = pid.notna()
    if short_rows is not None and len(short_rows):
        short = named & lines.isin(short_rows["line"])
        report.add_rejected_rows(path, short_rows[short_rows["line"].isin(lines[short])])
        named &= ~short
    keys = pd.DataFrame({"place": pid}) if year is None else pd.DataFrame({"place": pid, "year": year})
    keys = keys[named]
    first = lines[named].groupby([keys[c] for c in keys.columns]).transform("first")
    repeated = pd.Series(False, index=pid.index)
    repeated[named] = keys.duplicated().to_numpy()
    reason = REPEATED if year is None else REPEATED_YEAR
    for line, name, first_line in zip(lines[repeated], names[repeated], first[repeated], strict=True):
        report.add(path, reason.format(first=int(first_line)), line=int(line), column=column, value=name)
    return pid.where(named & ~repeated)


def published_numbers(frame: pd.DataFrame, column: str, path: Path, report: ImportReport, *,
                      low: float = 0, high: float | None = 100, whole: bool = False) -> pd.Series:
    """A column of published results as numbers; a cell that is not a number in [low, high] (a
    whole one for a rank) is reported and left out, so it is never compared or shown."""
    text = frame[column].astype("string").fillna("").str.strip()
    value = parse_numbers(text)["value"].astype("Float64")  # '82,1' in a table of decimal commas
    wrong = value.isna() | (value < low) | (value > high if high is not None else False)
    if whole:
        wrong |= value % 1 != 0
    wrong = wrong.fillna(True) & (text != "")
    expected = f"a whole number of {low:g} or more" if whole else f"a number from {low:g} to {high:g}"
    for line, cell in zip(frame.loc[wrong, LINE], text[wrong], strict=True):
        report.add(path, f"not {expected}; cell skipped", line=int(line), column=column, value=cell,
                   severity=WARNING)
    return value.where(~wrong)


def published_frame(frame: pd.DataFrame, pid: pd.Series, goals: list[str], score: str | None,
                    rank: str | None, path: Path, report: ImportReport) -> pd.DataFrame:
    """The table with its goal scores and index score checked (0 to 100) and its rank (a whole
    number from 1), in the rows kept; a wrong cell is blank."""
    kept = frame[pid.notna().to_numpy(dtype=bool)]
    out = frame.copy()
    for column in [*goals, *([score] if score else [])]:
        out.loc[kept.index, column] = published_numbers(kept, column, path, report).astype("string")
    if rank:
        out.loc[kept.index, rank] = published_numbers(kept, rank, path, report, low=1, high=None,
                                                      whole=True).astype("string")
    return out
