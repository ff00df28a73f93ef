"""SDSN index workbooks: codebook, one row per place with raw values and SDSN's results,
and the time series sheet that dates the values."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import schema
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from loaders.sdsn.common import (
    PLACE_CODE,
    PLACE_NAME,
    count_rows,
    edition_year,
    fold,
    melt_cells,
    numbers,
    pick_column,
    place_rows,
)
from loaders.sdsn.published import STRUCTURE, index_columns, published_tables
from loaders.textio import LINE, parse_numbers, read_excel

CODEBOOK_FIELDS = [
    ("unit", ("units", "unit")),
    ("best", ("best",)),
    ("worst", ("worst",)),
    ("green_threshold", ("green",)),
    ("yellow_threshold", ("yellow",)),
    ("orange_threshold", ("orange",)),
    ("red_threshold", ("red",)),
    ("direction", ("direction",)),
    ("goal", ("goal", "sdg")),
    ("source", ("source",)),
    ("description", ("description",)),
]
DIRECTION_WORDS = {
    "positive": "higher",
    "increase": "higher",
    "+": "higher",
    "negative": "lower",
    "decrease": "lower",
    "-": "lower",
}
SOURCE = "SDSN"


def read_codebook(path: Path, sheet: str, report: ImportReport, rename: dict) -> pd.DataFrame:
    """Indicator metadata, plus a boolean `set:<name>` column per yes/no column."""
    raw = read_excel(path, sheet, expected=["code", "indicator"]).frame
    cols = [c for c in raw.columns if c != LINE]
    code, name = pick_column(cols, "code"), pick_column(cols, "indicator", "name")
    if code is None:
        raise LoadError(f"{path.name}: the {sheet} sheet has no 'Code' column.")
    book = pd.DataFrame({"indicator_id": raw[code].str.strip().replace(rename), "_line": raw[LINE]})
    book["name"] = raw[name].str.strip() if name else book["indicator_id"]
    for field, starts in CODEBOOK_FIELDS:
        column = pick_column(cols, *starts)
        book[field] = raw[column] if column else pd.NA
    from_code = book["indicator_id"].str.extract(r"(?i)^sdg_?(\d{1,2})", expand=False)
    from_code = pd.to_numeric(from_code, errors="coerce").astype(float)
    book["goal"] = pd.to_numeric(book["goal"], errors="coerce").astype(float).fillna(from_code)
    words = book["direction"].astype("string").str.lower().str.strip()
    book["direction"] = words.replace(DIRECTION_WORDS)
    flags = raw[cols].apply(lambda column: column.str.strip().str.lower())
    for column in cols:
        values = flags[column].dropna()
        if values.isin(["yes", "no", ""]).all() and values.eq("yes").any():
            book[f"set:{fold(column)}"] = flags[column].eq("yes").to_numpy()
    bad = book["indicator_id"].fillna("").eq("") | ~book["goal"].between(1, 17)
    for line, value in zip(book.loc[bad, "_line"], book.loc[bad, "indicator_id"], strict=True):
        report.add(
            path,
            "codebook row without an indicator code or SDG goal",
            line=int(line),
            column=code,
            value=value,
        )
    count_rows(report, f"{path} [{sheet}]", len(book), int(bad.sum()))
    return book[~bad].drop_duplicates("indicator_id").reset_index(drop=True)


def map_columns(columns: list[str], book: pd.DataFrame, rename: dict) -> tuple[dict, dict, dict]:
    """Raw column -> indicator id; SDSN result column -> (kind, key); {indicator: series}."""
    structured, block_start = {}, {}
    for position, column in enumerate(columns):
        for kind, pattern in STRUCTURE:
            match = pattern.match(column)
            if not match:
                continue
            if kind == "goal":
                key = (int(match.group(1)), match.group(2).lower())
            else:
                key = rename.get(match.group(1), match.group(1))
                if kind != "trend":
                    block_start.setdefault(key, position)
            structured[column] = (kind, key)
            break
    owner, series = None, {}
    for column in columns:
        kind, key = structured.get(column, (None, None))
        owner = key if kind == "colour" else owner if kind == "trend" else None
        if kind == "trend" and owner is not None:
            if key != owner:
                series[owner] = key
            structured[column] = ("trend", owner)
    free = {fold(c): c for c in columns if c not in structured}
    raw = {}
    for code, name in zip(book["indicator_id"], book["name"], strict=True):
        wanted = fold(name)
        hit = code if code in columns else free.get(wanted)
        if hit is None:  # headers are cut at 80 characters
            hit = next((c for f, c in free.items() if len(f) >= 30 and wanted.startswith(f)), None)
        if hit is None and block_start.get(code, 0) > 0:
            before = columns[block_start[code] - 1]
            hit = before if before not in structured else None
        if hit is not None:
            raw[hit] = code
    return raw, structured, series


def headline_values(
    frame: pd.DataFrame, pid: pd.Series, raw: dict, structured: dict, path: Path, report: ImportReport
) -> pd.DataFrame:
    """The data sheet's values, flagged 'imputed' where SDSN's impute_<code> column says 1."""
    values = numbers(melt_cells(frame, pid, raw), path, report)
    impute = {c: k[1] for c, k in structured.items() if k[0] == "impute"}
    imputed = melt_cells(frame, pid, impute)
    imputed = imputed.loc[imputed["text"].str.strip().isin(["1", "yes"]), ["place_id", "key"]]
    values = values.merge(imputed.assign(imputed=True), how="left")
    values["flag"] = values["flag"].mask(values["imputed"].notna(), "imputed")
    return values.rename(columns={"key": "indicator_id"}).drop(columns="imputed")


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
    """Index, dashboard and trend sets, place groups, index regions for the scorer."""
    sets = {c[4:]: book.loc[book[c], "indicator_id"].tolist() for c in book if c.startswith("set:")}
    options: dict = {"trend_series": series, "place_groups": {},
                     "list_scope": sorted({*book["indicator_id"], *series.values()})}
    if "global" in sets:
        options["index_indicators"] = options["dashboard_indicators"] = sets["global"]
        options["trend_indicators"] = sets.get("trend", []) + [o for o in series if o in sets["global"]]
    for group in [g for g in sets if g != "global" and not g.startswith("trend")]:
        member = next((c for c in columns if c not in used and re.search(rf"\b{group}\b", fold(c))), None)
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
        options["place_groups"][group] = {
            "places": pid[inside].tolist(),
            "dashboard_indicators": sets[group],
            "trend_indicators": sets.get(f"trend{group}", []) + [o for o in series if o in sets[group]],
        }
    region = next((c for c in columns if c not in used and fold(c).startswith("regions used")), None)
    if region:
        used.add(region)
        known = pid.notna()
        options["missing_goal_rule"] = "group_mean"
        options["index_groups"] = dict(zip(pid[known], frame.loc[known, region], strict=True))
    return options


def read_trend_sheet(path: Path, sheet: str, wanted: set, rename: dict, report: ImportReport) -> pd.DataFrame:
    """The time series sheet, long: one observation per place, series and year."""
    frame = read_excel(path, sheet, expected=["year"]).frame
    columns = [c for c in frame.columns if c != LINE]
    place = place_rows(frame, columns, path, sheet, report)
    year = pd.to_numeric(frame.get("year", pd.Series(np.nan, index=frame.index)), errors="coerce")
    year = year.astype(float)
    ok = place["place_id"].notna() & year.between(1900, 2100).fillna(False).astype(bool)
    for line in frame.loc[place["place_id"].notna() & ~ok, LINE]:
        report.add(path, f"row without a valid year in {sheet}", line=int(line), column="year")
    count_rows(report, f"{path} [{sheet}]", len(frame), int((~ok).sum()))
    skip = {pick_column(columns, *PLACE_NAME), pick_column(columns, *PLACE_CODE), "year"}
    codes = {c: rename.get(c, c) for c in columns if rename.get(c, c) in wanted}
    for column in [c for c in columns if c not in codes and c not in skip]:
        report.add(
            path,
            f"column of {sheet} is not an indicator of the codebook; not imported",
            column=column,
            severity=INFO,
        )
    long = numbers(melt_cells(frame[ok], place["place_id"][ok], codes), path, report)
    long["year"] = long["_line"].map(pd.Series(year.to_numpy(), index=frame[LINE].to_numpy()))
    long["year"] = long["year"].astype(int)
    return long.rename(columns={"key": "indicator_id"})


def join_years(
    headline: pd.DataFrame, series: pd.DataFrame | None, edition: int, path: Path, report: ImportReport
) -> pd.DataFrame:
    """Date each headline value by the equal latest value of its own series, else by the
    edition year (labelled). A headline row replaces a series row with the same key."""
    keys = ["place_id", "indicator_id"]
    headline = headline.assign(year=edition, year_label=f"{edition} edition (latest available)")
    if series is None or series.empty:
        return headline.assign(source=SOURCE)
    latest = series.sort_values("year").groupby(keys)[["year", "value"]].last()
    joined = headline.merge(latest.add_suffix("_series"), left_on=keys, right_index=True, how="left")
    same = np.isclose(joined["value"], joined["value_series"], rtol=1e-9, atol=1e-12)
    headline.loc[same, "year"] = joined.loc[same, "year_series"].astype(int)
    headline.loc[same, "year_label"] = ""
    both = pd.concat([series.assign(year_label=""), headline], ignore_index=True)
    replaced = both.duplicated([*keys, "year"], keep="last")
    kept_value = both.groupby([*keys, "year"])["value"].transform("last")
    clash = both[replaced & ~np.isclose(both["value"], kept_value)]
    for line, column, value in zip(clash["_line"], clash["column"], clash["value"], strict=True):
        report.add(
            path,
            "series value replaced by the headline value of the same year",
            line=int(line),
            column=column,
            value=value,
            severity=WARNING,
        )
    return both[~replaced].assign(source=SOURCE)


def read_workbook(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    import openpyxl

    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    codebook = next((n for n in names if "codebook" in n.lower()), None)
    data_sheet = options.sheet or next(
        (n for n in names if "data" in n.lower() and "trend" not in n.lower()), None
    )
    if codebook is None or data_sheet is None:
        raise LoadError(f"{path.name} has no Codebook and data sheet; it is not an SDSN workbook.")
    rename = dict(options.rename)
    book = read_codebook(path, codebook, report, rename)
    frame = read_excel(path, data_sheet, expected=[*PLACE_NAME, *PLACE_CODE]).frame
    columns = [c for c in frame.columns if c != LINE]
    raw, structured, series = map_columns(columns, book, rename)
    edition = edition_year(data_sheet, " ".join(columns), path.name)
    if edition is None:
        edition = pd.Timestamp.now().year
        report.add(
            path, f"no edition year in sheet names, headers or file name; {edition} assumed", severity=WARNING
        )
    place = place_rows(frame, columns, path, data_sheet, report)
    pid = place["place_id"]
    count_rows(report, f"{path} [{data_sheet}]", len(frame), int(pid.isna().sum()))
    used = {
        *raw,
        *structured,
        *index_columns(columns).values(),
        pick_column(columns, *PLACE_NAME),
        pick_column(columns, *PLACE_CODE),
    }
    opts = source_options(book, frame, columns, pid, used, series, path, report)
    population = next((c for c in columns if c not in used and fold(c).startswith("population")), None)
    if population:
        used.add(population)
        place["population"] = parse_numbers(frame[population])["value"].to_numpy()
    for column in [c for c in columns if c not in used]:
        report.add(
            path, "data column without a codebook entry; not imported", column=column, severity=WARNING
        )
    for code in sorted(set(book["indicator_id"]) - set(raw.values())):
        report.add(path, "codebook entry without a data column", column=code, severity=WARNING)
    trend_sheet = next((n for n in names if "trend" in n.lower()), None)
    wanted = set(book["indicator_id"]) | set(series.values())
    dated = read_trend_sheet(path, trend_sheet, wanted, rename, report) if trend_sheet else None
    owners = book.set_index("indicator_id").reindex(list(series)).reset_index()
    extra = owners.assign(
        indicator_id=list(series.values()), name=owners["name"] + " (time series used for its trend)"
    )
    indicators = pd.concat([book, extra[~extra["indicator_id"].isin(book["indicator_id"])]])
    headline = headline_values(frame, pid, raw, structured, path, report)
    bundle = Bundle(
        places=schema.conform("places", place.dropna(subset=["place_id"]).assign(source=SOURCE)),
        indicators=schema.conform("indicators", indicators.assign(source=SOURCE)),
        observations=schema.conform("observations", join_years(headline, dated, edition, path, report)),
        options={**opts, "edition_year": edition},
    )
    return bundle, published_tables(frame, columns, pid, structured, edition)
