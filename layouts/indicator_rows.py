"""A place's indicator rows in a year: values, ratings, histories and projects, read once per place
and kept."""

from __future__ import annotations

import numpy as np
import pandas as pd

from layouts import i18n, texts
from layouts import years as written_years
from loaders.store import StoreData


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The frame's rows as plain dicts of the given columns: read column by column (a row of a
    pandas frame costs a Series, and a city page reads about 80 of them)."""
    values = {column: frame[column].tolist() for column in columns}
    return [dict(zip(values, row, strict=True)) for row in zip(*values.values(), strict=True)]


ROWS_KEPT = 64
"""Places (year, language) whose indicator rows a worker keeps: a city page and the views it opens
ask for one place's rows several times. The bound keeps a worker that a crawler walks through
every city page from growing without end: 4,096 of them, the bound before, each with every
indicator's history then, grew such a worker by about 1 GB."""


def indicator_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """One row per indicator with data: latest value up to `year`, unit, rating, arrow;
    name and unit in the reader's language where the source has them (`*_language` says which).
    Kept per loaded version, place, year and language for the last ROWS_KEPT places asked about;
    each caller gets its own copy."""
    return kept_rows(store, place_id, year).copy()


def indicator_ids(store: StoreData, place_id: str, year: int) -> list[str]:
    """The ids of `indicator_rows`, in its order, without copying the rows (a city page asks for
    them four times: its query, the trend's default, the parse; about 2 ms a copy)."""
    rows = kept_rows(store, place_id, year)
    return rows["indicator_id"].tolist() if len(rows) else []


def kept_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """`indicator_rows` as kept: shared by every caller, so read only."""
    return store.kept("indicator-rows", (place_id, year, i18n.language()),
                      lambda: build_indicator_rows(store, place_id, year), limit=ROWS_KEPT)


def histories(series: pd.DataFrame) -> dict[str, pd.Series]:
    """Each indicator's values by year (sorted), from one sort instead of one frame per indicator."""
    series = series.sort_values(["indicator_id", "year"], kind="stable")
    ids = series["indicator_id"].to_numpy(dtype=object)
    # plain numpy: each history is read value by value (sparkline, direction, trend), which on
    # arrow-backed arrays cost a Python object per access
    years = pd.to_numeric(series["year"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    years = years.astype("int64") if np.isfinite(years).all() else years
    values = pd.to_numeric(series["value"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    cuts = [0, *(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), len(ids)]
    every = pd.Series(values, index=pd.Index(years, name="year"), name="value")
    # slices of one series (about 8 us each) rather than a series and an index built per indicator
    return {ids[a]: every.iloc[a:b] for a, b in zip(cuts[:-1], cuts[1:], strict=True) if b > a}


PLACE_OBSERVATIONS = ["indicator_id", "year", "year_label", "value", "breakdown", "flag"]
"""The columns of a place's observations a city page reads: asked for as one slice, which the
server's memo of recent slices then answers for the trend and the goals' tables alike."""


def build_indicator_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """One place's slice of scores read once (by place from disk when served): each indicator's
    latest score up to `year`, with the indicator's texts. The values' histories are read only
    for a goal's table (`table_rows`), which the page sends when its reader opens the goal."""
    scores = store.select("indicator_scores", place_id=place_id)
    positions = latest_rows(scores, year)
    if not positions:
        return pd.DataFrame()
    latest = scores.iloc[positions]
    ids = latest["indicator_id"].astype(str).tolist()
    shown = indicator_details(store).reindex(ids)
    columns = {column: latest[column].array for column in latest.columns}
    columns.update({column: shown[column].array for column in shown.columns})
    return pd.DataFrame(columns, index=pd.RangeIndex(len(ids)))  # one frame, not a column at a time


def latest_rows(scores: pd.DataFrame, year: int) -> list[int]:
    """The positions of each indicator's latest row up to `year` (of two in one year, the later
    stored), ordered by goal (missing last), then indicator id as the column sorts (a categorical
    by its categories). A place has a few hundred rows: walked in Python, which cost a third of the
    two sorts and the drop of duplicates it replaces."""
    ids = scores["indicator_id"]
    keys = ids.cat.codes.tolist() if isinstance(ids.dtype, pd.CategoricalDtype) else ids.tolist()
    absent = ids.isna().to_numpy(dtype=bool)
    if absent.any():  # a row without an id: one key of its own, sorted last
        keys = [None if gone else key for key, gone in zip(keys, absent, strict=True)]
    years = pd.to_numeric(scores["year"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan).tolist()
    chosen: dict[object, int] = {}
    for position, (key, when) in enumerate(zip(keys, years, strict=True)):
        if when <= year and (key not in chosen or when >= years[chosen[key]]):
            chosen[key] = position
    goals = scores["goal"].tolist()
    def order(item: tuple[object, int]) -> tuple:  # missing goals, then missing ids, last
        goal, key = goals[item[1]], item[0]
        return ((1, 0) if i18n.missing(goal) else (0, goal)) + ((1, "") if key is None else (0, key))
    return [position for _key, position in sorted(chosen.items(), key=order)]


def table_rows(store: StoreData, place_id: str, year: int, goal: int | None = None) -> pd.DataFrame:
    """`indicator_rows` (of one goal, or all) with each indicator's values by year up to `year`
    in `history`: what a goal's indicator table shows, its sparkline and the value's direction."""
    rows = indicator_rows(store, place_id, year)
    if rows.empty:
        return rows
    if goal is not None:  # compared as numbers, as `goals_with_rows` lists them (OTHER: no goal)
        numbers = pd.to_numeric(rows["goal"], errors="coerce")
        rows = rows[numbers.isna() if goal == OTHER else numbers == goal].reset_index(drop=True)
    obs = store.select("observations", PLACE_OBSERVATIONS, place_id=place_id)
    series = obs[(obs["breakdown"] == "") & (obs["year"] <= year)]
    ids = rows["indicator_id"].astype(str).tolist()
    series = series[series["indicator_id"].isin(ids)] if goal is not None else series
    history = histories(series)
    rows["history"] = pd.array([history.get(i, np.nan) for i in ids], dtype=object)
    told = told_years(series)
    rows["year_texts"] = pd.array([told.get(i, {}) for i in ids], dtype=object)
    return rows


def told_years(series: pd.DataFrame) -> dict[str, dict[int, str]]:
    """Per indicator, the years of one place's values its source wrote otherwise than as the number
    (`years.by_year`): Bristol's 2018 is "2017-18". Only indicators with such a label are looked at."""
    labels = series["year_label"].astype(object)
    labelled = (labels.notna() & (labels != "") & (labels != series["year"].astype(str))).to_numpy(dtype=bool)
    if not labelled.any():
        return {}
    ids = series["indicator_id"].astype(str)
    found = {}
    for indicator in ids[labelled].unique():
        rows = (ids == indicator).to_numpy(dtype=bool)
        told = written_years.by_year(series["year"][rows].tolist(), labels[rows].tolist())
        if told:
            found[indicator] = told
    return found


OTHER = 0
"""The table of a place's indicators that belong to no goal (a source's own pillars or extra
indicators: 44 of Benin's départements' rated indicators), numbered after no goal and listed last."""


def goals_with_rows(rows: pd.DataFrame) -> list[int]:
    """The goals that have an indicator table (`indicator_tables`' keys), in order, OTHER last."""
    if rows.empty or "goal" not in rows.columns:
        return []
    numbers = pd.to_numeric(rows["goal"], errors="coerce")
    return sorted({int(g) for g in numbers.dropna()}) + ([OTHER] if numbers.isna().any() else [])


def indicator_details(store: StoreData) -> pd.DataFrame:
    """Each indicator's name and unit in the reader's language (with the languages they are in) and
    its 2030 target, by indicator id: made once per version and language, not per city page."""
    kept = store.__dict__.setdefault("_indicator_details", {})
    sources = (store.indicators, store.tables.get(texts.TEXTS_TABLE))  # kept alive: their ids stay theirs
    key = (i18n.language(), *(id(frame) for frame in sources))
    if key not in kept:
        if len(kept) > 64:
            kept.clear()
        meta = store.indicators.set_index("indicator_id")[["target", "target_value", "target_year"]]
        shown = texts.indicator_texts(store).set_index("indicator_id")[
            ["name", "unit", "name_language", "unit_language"]]
        joined = shown.join(meta)
        joined.index = joined.index.astype(str)
        kept[key] = (sources, joined)
    return kept[key][1]


def place_projects(store: StoreData, place_id: str) -> pd.DataFrame:
    """The projects of one place, in stored order (a city page asks three times)."""
    positions = store.prepared(project_positions).get(str(place_id))
    return store.projects.iloc[positions if positions is not None else []]


def place_project_columns(store: StoreData, place_id: str, columns: tuple[str, ...]) -> dict[str, list]:
    """Some columns of the place's projects (`place_projects`) as lists: a frame of its projects
    with every column cost about 1 ms of each city page, which reads two to five of them."""
    positions = store.prepared(project_positions).get(str(place_id))
    positions = positions if positions is not None else np.array([], dtype=np.int64)
    projects = store.projects
    return {column: projects[column].iloc[positions].tolist() if column in projects
            else [None] * len(positions) for column in columns}


def project_positions(store: StoreData) -> dict[str, np.ndarray]:
    """Each place's rows in the projects table, once per version: a scan of every project per ask
    was about 1 ms of each city page with 2,000 projects, 10 with 20,000."""
    ids = store.projects["place_id"].astype(object).to_numpy()
    return {str(place): rows for place, rows in pd.Series(ids).groupby(ids, dropna=True).indices.items()}


def target_project_counts(projects: pd.DataFrame) -> dict[str, int]:
    """How many projects name each SDG target ('11.2' -> 3)."""
    counts: dict[str, int] = {}
    for listed in projects["targets"].dropna().astype(str):
        for target in listed.split(";"):
            target = target.strip()
            if target:
                counts[target] = counts.get(target, 0) + 1
    return counts
