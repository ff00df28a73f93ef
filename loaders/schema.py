"""The canonical tables: the contract between loaders, layouts and the dashboard."""

from __future__ import annotations

import pandas as pd

STRING = "string"
FLOAT = "Float64"
INT = "Int64"

PLACE_KINDS = ("city", "district", "region", "country")
DIRECTIONS = ("higher", "lower")
PROJECT_THEMES = ("livelihoods", "financing", "data and visualisation", "procurement", "other")
PROJECT_STATUSES = ("idea", "planned", "active", "completed", "scaled", "stopped")

PLACES: dict[str, str] = {
    "place_id": STRING,
    "name": STRING,
    "kind": STRING,
    "parent_id": STRING,
    "code": STRING,
    "country_iso3": STRING,
    "area": STRING,
    "un_region": STRING,
    "un_subregion": STRING,
    "lat": FLOAT,
    "lon": FLOAT,
    "population": FLOAT,
    "source": STRING,
}
"""`area`: the first-level subdivision of its country a place lies in (a department, state or
province), where the source names one: what tells apart two municipalities of one name."""

INDICATORS: dict[str, str] = {
    "indicator_id": STRING,
    "goal": INT,
    "target": STRING,
    "un_code": STRING,
    "name": STRING,
    "unit": STRING,
    "direction": STRING,
    "best": FLOAT,
    "worst": FLOAT,
    "green_threshold": FLOAT,
    "yellow_threshold": FLOAT,
    "orange_threshold": FLOAT,
    "red_threshold": FLOAT,
    "target_value": FLOAT,
    "target_year": INT,
    "source": STRING,
    "description": STRING,
    "language": STRING,
}
"""`language`: the language the source wrote name, unit and description in (default 'en')."""

INDICATOR_TEXTS: dict[str, str] = {
    "indicator_id": STRING,
    "language": STRING,
    "name": STRING,
    "unit": STRING,
    "description": STRING,
}
"""Translations the source published; a blank field falls back to the indicators table."""

OBSERVATIONS: dict[str, str] = {
    "place_id": STRING,
    "indicator_id": STRING,
    "year": INT,
    "year_label": STRING,
    "value": FLOAT,
    "flag": STRING,
    "breakdown": STRING,
    "source": STRING,
    "note": STRING,
}

PROJECTS: dict[str, str] = {
    "project_id": STRING,
    "place_id": STRING,
    "title": STRING,
    "summary": STRING,
    "goals": STRING,
    "targets": STRING,
    "theme": STRING,
    "status": STRING,
    "start_date": STRING,
    "end_date": STRING,
    "budget": FLOAT,
    "currency": STRING,
    "budget_usd": FLOAT,
    "funding_sources": STRING,
    "procurement_method": STRING,
    "partner_sectors": STRING,
    "jobs_created": FLOAT,
    "beneficiaries": FLOAT,
    "lat": FLOAT,
    "lon": FLOAT,
    "url": STRING,
    "last_updated": STRING,
    "language": STRING,
}
"""`language`: the language title and summary are written in (`--language`, else read from their
words by `loaders.languages.guess`); pages tag them with it for screen readers."""

TABLES: dict[str, dict[str, str]] = {
    "places": PLACES,
    "indicators": INDICATORS,
    "indicator_texts": INDICATOR_TEXTS,
    "observations": OBSERVATIONS,
    "projects": PROJECTS,
}

PRIMARY_KEYS: dict[str, list[str]] = {
    "places": ["place_id"],
    "indicators": ["indicator_id"],
    "indicator_texts": ["indicator_id", "language"],
    "observations": ["place_id", "indicator_id", "year", "breakdown"],
    "projects": ["project_id"],
}

LIST_SEPARATOR = ";"
"""Multi-valued project fields (goals, targets, funding sources, partners) are joined with it."""


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    columns = TABLES[table]
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


def conform(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` with exactly the table's columns, in order, with the declared dtypes.

    Missing columns are added empty; extra columns are dropped. Strings stay strings:
    a missing breakdown becomes the empty string (the headline), never NA.
    """
    columns = TABLES[table]
    out = pd.DataFrame(index=frame.index)
    for name, dtype in columns.items():
        if name in frame.columns:
            series = frame[name]
            if dtype in (FLOAT, INT):
                series = pd.to_numeric(series, errors="coerce")
                if dtype == INT:
                    series = series.round()
            out[name] = series.astype(dtype)
        else:
            out[name] = pd.Series(pd.NA, index=frame.index, dtype=dtype)
    if table == "observations":
        out["breakdown"] = out["breakdown"].fillna("")
        out["flag"] = out["flag"].fillna("")
    return out.reset_index(drop=True)


def duplicate_keys(table: str, frame: pd.DataFrame) -> pd.Series:
    """Boolean mask of rows whose primary key repeats an earlier row."""
    return frame.duplicated(subset=PRIMARY_KEYS[table], keep="first")


def dictionary_columns(arrow_schema) -> list[str]:
    """Columns of a pyarrow schema worth a Parquet dictionary (ids, names, years); trying one on
    every float column costs a third of the writing time and saves nothing."""
    import pyarrow as pa

    return [f.name for f in arrow_schema if not pa.types.is_floating(f.type)]
