"""An SDSN workbook's indicator sets and place groups for the scorer, and the dates of its values:
per-value year columns, the codebook's reference year, or the time series sheet."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders.mapped.reader import parse_years
from loaders.report import INFO, WARNING, ImportReport, listing
from loaders.sdsn import checks
from loaders.sdsn.common import count_rows, fold, in_sheet, melt_cells, numbers
from loaders.sdsn.sheets import Workbook
from loaders.sdsn.units import place_columns, unit_rows
from loaders.textio import LINE

SOURCE = "SDSN"


def source_options(
    book: pd.DataFrame,
    frame: pd.DataFrame,
    columns: list[str],
    pid: pd.Series,
    used: set,
    series: dict,
    path: Path,
    report: ImportReport,
) -> dict:
    """Index, dashboard and trend sets, place groups, index regions for the scorer. The index
    takes the codebook's `global` set, else every indicator the codebook lists: a codebook is
    the publisher's statement of which indicators count (the coverage rule is not applied)."""
    sets = {c[4:]: book.loc[book[c], "indicator_id"].tolist() for c in book if c.startswith("set:")}
    sets["trend"] = sets.get("trend", sets.pop("trendglobal", []))
    options: dict = {
        "trend_series": series,
        "place_groups": {},
        "list_scope": sorted({*book["indicator_id"], *series.values()}),
    }
    scored = book.loc[book["goal"].between(1, 17) | book["pillar"].notna(), "indicator_id"].tolist()
    scored = [code for code in scored if code not in set(series.values())]  # a trend series, not an indicator
    index_set = sets.get("global", scored)
    options["index_indicators"] = options["dashboard_indicators"] = index_set
    options["trend_indicators"] = sets["trend"] + [o for o in series if o in index_set]
    groups = [g for g in sets if g not in ("global", "trend", "spillover") and not g.startswith("trend")]
    for group in groups:
        member = next((c for c in columns if c not in used and re.search(rf"\b{group}\b", fold(c))), None)
        named = next((c for c in columns if c not in used and is_group_label(frame[c], group)), None)
        if member is None and named is not None:  # SDR 2020/2021: 'Regions used for the SDR' = 'OECD'
            inside = frame[named].fillna("").map(fold).eq(group) & pid.notna()
            options["place_groups"][group] = group_sets(pid[inside].tolist(), sets, group, series)
            continue
        if member is None:
            report.add(
                path,
                f"codebook set '{group}' has no data column saying which places "
                "belong to it; the set is not used",
                column=group,
                severity=WARNING,
            )
            continue
        used.add(member)
        inside = frame[member].str.strip().str.lower().isin(["1", "yes", "true"]) & pid.notna()
        options["place_groups"][group] = group_sets(pid[inside].tolist(), sets, group, series)
    region = next((c for c in columns if c not in used and fold(c).startswith("regions used")), None)
    if region:
        used.add(region)
        known = pid.notna()
        options["missing_goal_rule"] = "group_mean"
        options["index_groups"] = dict(zip(pid[known], frame.loc[known, region], strict=True))
    regional = [c for c in columns if c not in used and REGIONAL_MEANS.fullmatch(fold(c))]
    if regional and not region:
        # SDSN's ECOWAS 2023 workbook: goal1_reg..goal17_reg, each goal's mean over the region, fill a
        # goal missing from a country's index (Mali's Goal 14), as SDR's regions do
        used.update(regional)
        known = pid.notna()
        # the group named after the file: its means fill its own places' goals, not another source's
        options["missing_goal_rule"] = "group_mean"
        options["index_groups"] = dict.fromkeys(pid[known], path.name)
        options["missing_goal_values"] = {path.name: regional_means(frame, regional)}
        report.add(path, "read as the rule for a missing goal (the mean of that goal over the file's "
                   "places, as these columns publish it); not imported as data",
                   column=listing(regional, 3), severity=INFO)
    return options


def regional_means(frame: pd.DataFrame, columns: list[str]) -> dict[str, float]:
    """{goal: the region's mean} from 'goalN_reg' columns (one value repeated on every row), the
    goals as text in order, as the store's meta.json keeps them."""
    means = {}
    for column in columns:
        goal = re.search(r"\d+", fold(column))
        values = pd.to_numeric(frame[column], errors="coerce").dropna()
        if goal and fold(column).startswith("goal") and len(values) and 1 <= int(goal.group()) <= 17:
            means[int(goal.group())] = float(values.median())
    return {str(goal): means[goal] for goal in sorted(means)}


REGIONAL_MEANS = re.compile(r"goal\s?\d{1,2} reg|sdgi regscore")
"""An SDSN data sheet's regional means: of each goal ('goal14_reg') and of the index."""


def is_group_label(cells: pd.Series, group: str) -> bool:
    """A column of labels (regions) one of which is the group's name, for some but not all rows."""
    folded = cells.fillna("").map(fold)
    return bool(folded.eq(group).any()) and not bool(folded.eq(group).all())


def group_sets(places: list, sets: dict, group: str, series: dict) -> dict:
    return {
        "places": places,
        "dashboard_indicators": sets[group],
        "trend_indicators": sets.get(f"trend{group}", []) + [o for o in series if o in sets[group]],
    }


def read_trend_sheet(
    book: Workbook, sheet: str, wanted: set, rename: dict, report: ImportReport, country: str | None,
    known: set | None = None,
) -> pd.DataFrame:
    """The time series sheet, long: one observation per place, series and year, of the places of
    the data sheet (`known`; a row of another is rejected, see `outside_data_sheet`)."""
    path = in_sheet(book.path, sheet)
    frame = book.sheet(sheet, expected=["year", "annee", *wanted]).frame
    columns = [c for c in frame.columns if c != "_line"]
    year_col = next((c for c in columns if fold(c) in ("year", "annee", "ano")), None)
    place = unit_rows(frame, columns, path, sheet, report, country)
    year = parse_years(frame[year_col])["year"].astype("Float64") if year_col else pd.Series(
        np.nan, index=frame.index)
    year = year.astype(float)
    dated = place["place_id"].notna() & year.between(1900, 2100).fillna(False).astype(bool)
    for line in frame.loc[place["place_id"].notna() & ~dated, "_line"]:
        report.add(path, f"row without a valid year in {sheet}", line=int(line), column=year_col or "year")
    name_col = next((c for c in place_columns(columns) if c), "")  # Benin's trend sheet names by 'id'
    ok = checks.reject_rows(place["place_id"].where(dated), frame, place["name"], name_col, path, report,
                            year=year).notna()
    if known is not None:
        ok &= ~outside_data_sheet(ok & ~place["place_id"].isin(known), frame, place["name"], name_col, path,
                                  report)
    count_rows(report, str(path), len(frame), int((~ok).sum()))
    skip = {*place_columns(columns), year_col}
    codes = {c: rename.get(c, c) for c in columns if rename.get(c, c) in wanted}
    for column in [c for c in columns if c not in codes and c not in skip]:
        report.add(
            path,
            f"column of {sheet} is not an indicator of the codebook; not imported",
            column=column,
            severity=INFO,
        )
    long = numbers(melt_cells(frame[ok], place["place_id"][ok], codes), path, report)
    long["year"] = long["_line"].map(pd.Series(year.to_numpy(), index=frame["_line"].to_numpy()))
    long["year"] = long["year"].astype(int)
    return long.rename(columns={"key": "indicator_id"})


def outside_data_sheet(rows: pd.Series, frame: pd.DataFrame, names: pd.Series, column: str, path: Path,
                       report: ImportReport) -> pd.Series:
    """Reject the time-series rows (`rows`) of places the data sheet does not have: the store keeps
    the data sheet's places only, so such rows vanished while the import said every row was kept
    (a workbook without France's data row, and Benin's 'Borgou' renamed there 'Borgou (estimation)')."""
    for line, name in zip(frame.loc[rows, LINE], names[rows], strict=True):
        report.add(path, "place not in the data sheet", line=int(line), column=column, value=name)
    return rows


def join_years(
    headline: pd.DataFrame, series: pd.DataFrame | None, edition: int, path: Path, report: ImportReport
) -> pd.DataFrame:
    """Date each headline value by its own year (a year column or the codebook's reference
    year), else by the equal latest value of its own series, else by the edition year
    (labelled). A headline row replaces a series row with the same key (reported at `path`, the
    series' sheet)."""
    keys = ["place_id", "indicator_id"]
    own = headline["year"] if "year" in headline else pd.Series(np.nan, index=headline.index)
    dated = own.notna()
    headline = headline.assign(
        year=own.fillna(edition).astype(int),
        year_label=np.where(dated, "", f"{edition} edition (latest available)"),
    )
    if series is None or series.empty:
        return headline.assign(source=SOURCE)
    latest = series.sort_values("year").groupby(keys)[["year", "value"]].last()
    joined = headline.merge(latest.add_suffix("_series"), left_on=keys, right_index=True, how="left")
    same = np.isclose(joined["value"], joined["value_series"], rtol=1e-9, atol=1e-12) & ~dated.to_numpy()
    headline.loc[same, "year"] = joined.loc[same, "year_series"].astype(int)
    headline.loc[same, "year_label"] = ""
    both = pd.concat([series.assign(year_label=""), headline], ignore_index=True)
    replaced = both.duplicated([*keys, "year"], keep="last")
    kept_value = both.groupby([*keys, "year"])["value"].transform("last")
    differs = replaced & ~np.isclose(both["value"], kept_value)
    clash, kept = both[differs], kept_value[differs]
    for line, column, value, headline_value in zip(clash["_line"], clash["column"], clash["value"], kept,
                                                   strict=True):
        report.add(
            path,
            f"series value replaced by the headline value of the same year ({headline_value:.15g})",
            line=int(line),
            column=column,
            value=value,
            severity=WARNING,
        )
    return both[~replaced].assign(source=SOURCE)
