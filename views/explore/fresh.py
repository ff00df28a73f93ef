"""The years a score over time is measured in: a goal's or the index's score of a year without a new
value of any of its indicators only repeats older values, and is not drawn as if measured."""

from __future__ import annotations

import pandas as pd

from loaders.store import StoreData


def measured(store: StoreData, frame: pd.DataFrame, kind: str, goal: int | None) -> pd.DataFrame:
    """The rows (place_id, year, ...) of a `kind` ('indicator', 'goal' or 'index') trend whose year
    brings a value of that year: an indicator's own (`value_year`), else one of a scored indicator of
    the goal (of any goal for the index). València's Goal 1 read "77.8 in 2015 to 77.8 in 2021
    (unchanged)": one indicator measured in 2015, its score carried to every later year."""
    if frame.empty:
        return frame
    if kind == "indicator":
        if "value_year" not in frame:
            return frame
        own = frame["value_year"].isna() | (frame["value_year"] == frame["year"])
        return frame[own.to_numpy(dtype=bool)]
    stale = stale_years(store, tuple(frame["place_id"].astype(str).unique()), goal,
                        int(frame["year"].min()), int(frame["year"].max()))
    keys = pd.MultiIndex.from_frame(frame[["place_id", "year"]].astype({"place_id": str, "year": int}))
    return frame[~keys.isin(stale)]


def stale_years(store: StoreData, places: tuple[str, ...], goal: int | None, first: int,
                last: int) -> pd.MultiIndex:
    """(place_id, year) pairs whose scored indicators of `goal` (None: of any goal) all have values of
    earlier years only; a pair with a value of its year, or of a year the store does not say, or
    with no indicator scores (a published goal score alone), is not stale."""
    empty = pd.MultiIndex.from_arrays([[], []], names=["place_id", "year"])
    table = store.select("indicator_scores", place_id=list(places))
    if table.empty or "value_year" not in table or "score" not in table:
        return empty
    held = table["score"].notna() & table["year"].between(first, last)
    if goal is not None:
        held &= pd.to_numeric(table["goal"], errors="coerce") == goal
    if "in_index" in table:  # the scores a goal's and the index's are means of
        held &= table["in_index"].astype("boolean").fillna(True)
    rows = table.loc[held.to_numpy(dtype=bool), ["place_id", "year", "value_year"]]
    older = pd.to_numeric(rows["value_year"], errors="coerce") < rows["year"]
    pairs = rows.assign(older=older.fillna(False).astype(bool)).astype({"place_id": str, "year": int})
    carried = pairs.groupby(["place_id", "year"])["older"].all()
    return carried.index[carried.to_numpy(dtype=bool)]
