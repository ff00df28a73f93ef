"""SDSN city-index tables (CSV or JSON), e.g. the European Cities SDG Index: one row per city,
raw columns '<code> : <name>', 'Dashboard: <name>' colours, goal scores and the index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import places, schema
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from loaders.scoring.normalise import named_lower
from loaders.sdsn import checks
from loaders.sdsn.common import (
    COLOUR_NAMES,
    count_rows,
    edition_year,
    fold,
    melt_cells,
    numbers,
    pick_column,
)
from loaders.textio import LINE, read_text, report_trailing

DEFAULT_YEAR = 2019
"""The European Cities SDG Index edition, for a file that states no year (reported)."""
COLOUR_RANK = {"red": 0, "orange": 1, "yellow": 2, "green": 3}
MIN_CORRELATION = 0.3
UN_REGIONS = ("Europe", "Africa", "Asia", "Americas", "Oceania")


def read_table(path: Path, report: ImportReport) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The CSV, or the JSON list of records (whose `_line` is the record number); with the CSV's
    rows that have fewer cells than its header."""
    with open(path, "rb") as handle:
        first = handle.read(64).decode("utf-8-sig", errors="ignore").lstrip()[:1]
    if first not in ("[", "{"):
        raw = read_text(path, expected=["city", "country"])
        report_trailing(raw, report)
        return raw.frame, raw.short_rows
    try:
        records = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        raise LoadError(f"{path.name} is not valid JSON: {error}.") from error
    except RecursionError as error:  # a document nested thousands deep: one sentence, not a traceback
        raise LoadError(f"{path.name} is nested too deeply to be read as JSON.") from error
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise LoadError(f"{path.name}: expected a JSON list of city records.")
    frame = pd.DataFrame(records).rename(columns=lambda c: re.sub(r"\s+", " ", str(c)).strip())
    frame = frame.astype(object).where(frame.notna(), "").astype(str).astype("string")
    frame[LINE] = pd.array(range(1, len(frame) + 1), dtype="Int64")
    return frame, None


def locate_city(name: str, region: object, iso3: str | None = None) -> tuple[dict | None, str]:
    """Gazetteer match (within `iso3` when the user named the country); a CamelCase name
    ('TheHague') is split, and an ambiguous name is settled by the source's region when it
    names one UN region ('Southern Europe')."""
    reason = f"city '{name}' not found in the gazetteer"
    un_region = next((r for r in UN_REGIONS if r.lower() in str(region).lower()), None)
    for candidate in dict.fromkeys([name, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)]):
        hit, reason = places.match_city(candidate, iso3)
        if hit is not None:
            return hit, ""
        if "ambiguous" in reason and un_region:
            table, regions = places.gazetteer(), places.countries().set_index("iso3")["un_region"]
            found = table.loc[table["key"] == places.fold(candidate), "iso3"].dropna().unique()
            inside = [iso3 for iso3 in found if regions.get(iso3) == un_region]
            if len(inside) == 1:
                return places.match_city(candidate, inside[0])
    return None, reason


def city_places(
    names: pd.Series,
    regions: pd.Series,
    path: Path,
    column: str,
    lines: pd.Series,
    report: ImportReport,
    iso3: str | None = None,
) -> pd.DataFrame:
    """Cities with country, coordinates and population from the gazetteer where it is sure;
    a matched city's id uses the gazetteer's spelling, so 'TheHague' and 'The Hague' agree."""
    hits = [
        locate_city(n, r, iso3) if n else (None, "no city name") for n, r in zip(names, regions, strict=True)
    ]
    for line, name, (hit, why) in zip(lines, names, hits, strict=True):
        if not name:
            report.add(path, "empty city name", line=int(line), column=column, value=name)
        elif hit is None:
            report.add(
                path,
                f"{why}; country left for the importer",
                line=int(line),
                column=column,
                value=name,
                severity=WARNING,
            )
    found = pd.DataFrame([h or {} for h, _ in hits], index=names.index)
    iso3 = [h.get("iso3") if h else None for h, _ in hits]
    facts = places.countries().set_index("iso3")
    out = pd.DataFrame(
        {
            "place_id": [
                places.place_id("city", h["name"] if h else n, h["iso3"] if h else None) if n else None
                for n, (h, _) in zip(names, hits, strict=True)
            ],
            "name": names,
            "kind": "city",
            "country_iso3": iso3,
            "country": iso3,
            "lat": found.get("lat"),
            "lon": found.get("lon"),
            "population": found.get("population"),
            "source": "SDSN",
        },
        index=names.index,
    )
    for field in ("un_region", "un_subregion"):
        out[field] = out["country_iso3"].map(facts[field])
    return out


def infer_directions(values: pd.DataFrame, published: str = "published colours") -> pd.DataFrame:
    """'higher' when an indicator's values rise with its published colour (Spearman rank
    correlation >= 0.3), 'lower' when they fall; otherwise from words in its name.
    `values`: indicator_id, name, value, rank (red 0 ... green 3, or any published measure that
    rises as places do better: `published` names it). Columns: direction, how."""
    rated = values.dropna(subset=["value", "rank"]).copy()
    grouped = rated.groupby("indicator_id")
    middle = grouped["value"].transform("size").add(1) / 2
    rated["x"] = grouped["value"].rank() - middle
    rated["y"] = grouped["rank"].rank() - middle
    sums = rated.assign(xy=rated.x * rated.y, xx=rated.x**2, yy=rated.y**2).groupby("indicator_id")
    total = sums[["xy", "xx", "yy"]].sum()
    ids = values["indicator_id"].drop_duplicates()
    corr = (total["xy"] / np.sqrt(total["xx"] * total["yy"])).reindex(ids)
    names = values.drop_duplicates("indicator_id").set_index("indicator_id")["name"].reindex(ids)
    by_name = np.where(named_lower(names), "lower", "higher")
    usable = (corr.abs() >= MIN_CORRELATION).to_numpy()
    how = published + " (rank correlation " + corr.round(2).astype(str) + ")"
    return pd.DataFrame(
        {
            "direction": np.where(usable, np.where(corr > 0, "higher", "lower"), by_name),
            "how": np.where(usable, how, "words in its name"),
        },
        index=ids.to_numpy(),
    )


def read_city_table(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    frame, short_rows = read_table(path, report)
    columns = [c for c in frame.columns if c != LINE]
    rename = dict(options.rename)
    raw = {c: rename.get(c.split(" : ")[0].strip(), c.split(" : ")[0].strip()) for c in columns if " : " in c}
    names = {code: c.split(" : ", 1)[1].strip() for c, code in raw.items()}
    by_name = {fold(n): code for code, n in names.items()}
    colour_cols = {
        c: by_name.get(fold(c.split(":", 1)[1]))
        for c in columns
        if ":" in c and fold(c).startswith("dashboard ")
    }
    goal_cols = {c: int(c[3:]) for c in columns if re.fullmatch(r"(?i)SDG\d{1,2}", c)}
    goal_colours = {c: int(c[13:]) for c in columns if re.fullmatch(r"(?i)Dashboard SDG\d{1,2}", c)}
    city, region = pick_column(columns, "city", "name"), pick_column(columns, "region")
    score, rank = pick_column(columns, "score"), pick_column(columns, "rank")
    if city is None or not raw:
        raise LoadError(f"{path.name}: no city column or no '<code> : <name>' indicator columns.")
    regions = frame[region] if region else pd.Series("", index=frame.index)
    country = places.country_iso3(options.country) if options.country else None
    if options.country and country is None:
        report.add(path, f"--country '{options.country}' is not a country; ignored", severity=WARNING)
    city_names = places.clean_names(frame[city], frame[LINE], city, report, path)
    place = city_places(city_names, regions, path, city, frame[LINE], report, country)
    pid = place["place_id"] = checks.reject_rows(place["place_id"], frame, city_names, city, path, report,
                                                 short_rows)
    count_rows(report, str(path), len(frame), int(pid.isna().sum()))
    year = edition_year(path.name)
    if year is None:
        year = DEFAULT_YEAR
        report.add(
            path,
            f"no year in the file; values dated {year}, the edition of the European Cities SDG Index",
            severity=WARNING,
        )
    obs = numbers(melt_cells(frame, pid, raw), path, report).rename(columns={"key": "indicator_id"})
    colours = melt_cells(frame, pid, {c: k for c, k in colour_cols.items() if k})
    colours["colour"] = colours["text"].fillna("").str.strip().str.lower().map(COLOUR_NAMES)
    colours = colours.rename(columns={"key": "indicator_id"})
    meta = pd.DataFrame({"indicator_id": list(names), "name": list(names.values())})
    meta["goal"] = pd.to_numeric(meta["indicator_id"].str.extract(r"(?i)^sdg_?(\d{1,2})", expand=False))
    rated = obs[["place_id", "indicator_id", "value"]].merge(
        colours[["place_id", "indicator_id", "colour"]], how="left"
    )
    rated = rated.assign(rank=rated["colour"].map(COLOUR_RANK)).merge(meta[["indicator_id", "name"]])
    meta = meta.join(infer_directions(rated), on="indicator_id")
    for code, direction, how in zip(meta["indicator_id"], meta["direction"], meta["how"], strict=True):
        report.add(
            path,
            f"no codebook: '{direction} is better' inferred from {how}",
            column=code,
            severity=INFO if how.startswith("published") else WARNING,
        )
    used = {*raw, *colour_cols, *goal_cols, *goal_colours, city, region, score, rank}
    unmatched = [c for c, k in colour_cols.items() if k is None]
    for column in [c for c in columns if c not in used] + unmatched:
        report.add(path, "column not understood; not imported", column=column, severity=WARNING)
    meta["description"] = "Direction inferred from " + meta.pop("how") + "."
    bundle = Bundle(
        places=schema.conform("places", place.dropna(subset=["place_id"])),
        indicators=schema.conform("indicators", meta.assign(source="SDSN")),
        observations=schema.conform("observations", obs.assign(year=year, source="SDSN")),
        options={"edition_year": year},
    )
    published = checks.published_frame(frame, pid, list(goal_cols), score, rank, path, report)
    return bundle, city_published(published, pid, goal_cols, goal_colours, colours, score, rank, year)


def city_published(
    frame: pd.DataFrame,
    pid: pd.Series,
    goal_cols: dict,
    goal_colours: dict,
    colours: pd.DataFrame,
    score: str | None,
    rank: str | None,
    year: int,
) -> dict:
    scores = melt_cells(frame, pid, goal_cols)
    scores = scores.assign(goal=scores["key"], score=pd.to_numeric(scores["text"], errors="coerce"))
    rated = melt_cells(frame, pid, goal_colours)
    rated["colour"] = rated["text"].fillna("").str.strip().str.lower().map(COLOUR_NAMES)
    goals = scores[["place_id", "goal", "score"]].merge(
        rated.assign(goal=rated["key"])[["place_id", "goal", "colour"]], how="outer"
    )

    def number(column: str | None) -> pd.Series | float:
        return pd.to_numeric(frame[column], errors="coerce") if column else np.nan

    index = pd.DataFrame({"place_id": pid, "year": year, "score": number(score), "rank": number(rank)})
    return {
        "index": index.dropna(subset=["place_id"]),
        "goal_scores": goals.assign(year=year),
        "indicator_scores": colours[["place_id", "indicator_id", "colour"]].assign(year=year),
    }
