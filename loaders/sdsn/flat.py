"""An SDSN index flattened into one table with numbered indicators (the 2019 Africa SDG Index CSV):
'<n.nn> <name>', '<n.nn> __YEAR__ <name>', '... __COLOR__ ...', '... __ARROW__ ...' per indicator,
then 'Goal N Score', 'Goal N Dashboard', 'arrow_goal_N', the index score and rank."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from loaders.sdsn import checks
from loaders.sdsn.cities import COLOUR_RANK, infer_directions
from loaders.sdsn.columns import classify, index_columns
from loaders.sdsn.common import count_rows, edition_year, melt_cells, numbers
from loaders.sdsn.published import colour_names, published_tables
from loaders.sdsn.units import place_columns, unit_rows
from loaders.textio import LINE, read_text, report_trailing

NUMBERED = re.compile(
    r"^(?P<goal>\d{1,2})\.(?P<n>\d{1,2}) (?:__(?P<kind>YEAR|COLOR|COLOUR|ARROW)__ )?(?P<name>.*)$"
)
KINDS = {None: "raw", "YEAR": "year", "COLOR": "colour", "COLOUR": "colour", "ARROW": "trend"}


def is_flat(columns: list[str]) -> bool:
    """At least ten numbered indicator columns and their __COLOR__ columns."""
    found = [NUMBERED.match(c) for c in columns]
    return sum(1 for m in found if m) >= 10 and any(m and m["kind"] for m in found)


def indicator_code(goal: str, number: str) -> str:
    """'3.1' is indicator 3.10 written as a float (3.01 is indicator 1): 'sdg3_10', 'sdg3_01'."""
    return f"sdg{int(goal)}_{number.ljust(2, '0')}"


def numbered_columns(columns: list[str]) -> tuple[dict, dict, dict]:
    """raw column -> code; result column -> (kind, code); code -> name (from its value column)."""
    raw, structured, names = {}, {}, {}
    for column in columns:
        match = NUMBERED.match(column)
        if not match:
            continue
        code = indicator_code(match["goal"], match["n"])
        kind = KINDS[match["kind"]]
        if kind == "raw":
            raw[column] = code
            names[code] = match["name"].strip()
        else:
            structured[column] = (kind, code)
    return raw, structured, names


def read_flat_table(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    table = read_text(path, expected=["country", "id"])
    report_trailing(table, report)
    frame = table.frame
    columns = [c for c in frame.columns if c != LINE]
    if not is_flat(columns):
        raise LoadError(f"{path.name}: no numbered indicator columns ('1.01 <name>', '1.01 __COLOR__ ...').")
    raw, structured, names = numbered_columns(columns)
    structured.update(classify([c for c in columns if c not in raw and c not in structured], []))
    place = unit_rows(frame, columns, path, path.name, report, None)
    name_column = place_columns(columns)[0] or ""
    pid = place["place_id"] = checks.reject_rows(place["place_id"], frame, place["name"], name_column, path,
                                                 report, table.short_rows)
    count_rows(report, str(path), len(frame), int(pid.isna().sum()))
    year = edition_year(" ".join(columns), path.name) or 2019
    obs = numbers(melt_cells(frame, pid, raw), path, report).rename(columns={"key": "indicator_id"})
    dated = melt_cells(frame, pid, {c: k[1] for c, k in structured.items() if k[0] == "year"})
    dated["year"] = pd.to_numeric(dated["text"].astype("string").str.strip(), errors="coerce")
    dated = dated[dated["year"].between(1900, 2100)].rename(columns={"key": "indicator_id"})
    obs = obs.merge(dated[["place_id", "indicator_id", "year"]].drop_duplicates(), how="left")
    labelled = obs["year"].isna()
    obs["year_label"] = labelled.map({True: f"{year} edition (latest available)", False: ""})
    obs["year"] = obs["year"].fillna(year).astype(int)
    meta = pd.DataFrame({"indicator_id": list(names), "name": list(names.values())})
    meta["goal"] = meta["indicator_id"].str.extract(r"^sdg(\d+)_", expand=False).astype(int)
    colours = melt_cells(frame, pid, {c: k[1] for c, k in structured.items() if k[0] == "colour"})
    colours = colours.assign(colour=colour_names(colours["text"], {})).rename(columns={"key": "indicator_id"})
    rated = obs[["place_id", "indicator_id", "value"]].merge(colours[["place_id", "indicator_id", "colour"]])
    rated = rated.assign(rank=rated["colour"].map(COLOUR_RANK)).merge(meta[["indicator_id", "name"]])
    meta = meta.join(infer_directions(rated), on="indicator_id")
    for code, direction, how in zip(meta["indicator_id"], meta["direction"], meta["how"], strict=True):
        severity = INFO if how.startswith("published") else WARNING
        report.add(
            path, f"no codebook: '{direction} is better' inferred from {how}", column=code, severity=severity
        )
    meta["description"] = "Direction inferred from " + meta.pop("how") + "."
    used = {*raw, *structured, *index_columns(columns).values(), *place_columns(columns)}
    for column in [c for c in columns if c not in used]:
        report.add(path, "column not understood; not imported", column=column, severity=INFO)
    bundle = Bundle(
        places=schema.conform("places", place.dropna(subset=["place_id"]).assign(source="SDSN")),
        indicators=schema.conform("indicators", meta.assign(source="SDSN")),
        observations=schema.conform("observations", obs.assign(source="SDSN")),
        options={"edition_year": year},
    )
    return bundle, published_tables(frame, columns, pid, structured, year, {})
