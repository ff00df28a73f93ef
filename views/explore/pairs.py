"""Which indicators share places in a year: a scatter opens on two that do, and says so of two that do not."""

from __future__ import annotations

import numpy as np
import pandas as pd

from layouts import scores
from loaders.store import StoreData

MIN_SHARED = 2
"""Places two indicators must share in a year for a scatter to open on them: one point relates nothing."""


def shared_counts(store: StoreData, year: int | None, measure: str) -> pd.DataFrame:
    """Indicators by indicators: how many places (mapped, not the whole of others: a scatter leaves a
    city out beside its districts) have a `measure` ('score' or 'value') of both in `year`, as the
    scatter reads them (each place's latest value up to the year). Empty without a year."""
    if year is None:
        return pd.DataFrame()
    return store.kept("explore-shared", (int(year), measure), lambda: count_shared(store, int(year), measure),
                      limit=32)


def count_shared(store: StoreData, year: int, measure: str) -> pd.DataFrame:
    column = measure if measure in ("score", "value") else "score"
    table = store.select("indicator_scores", ["place_id", "indicator_id", column], year=year)
    mapped = scores.mapped_places(store)["place_id"].astype(str)
    places = pd.Index(mapped[~mapped.isin(scores.whole_ids(store))].unique())
    table = table[table[column].notna().to_numpy(dtype=bool)]
    at = places.get_indexer(table["place_id"].astype(str))
    table, at = table[at >= 0], at[at >= 0]
    ids = pd.Index(table["indicator_id"].astype(str).unique())
    has = np.zeros((len(ids), len(places)), dtype=np.float32)  # float: a matrix product BLAS does fast
    has[ids.get_indexer(table["indicator_id"].astype(str)), at] = 1.0
    return pd.DataFrame((has @ has.T).round().astype(np.int64), index=ids, columns=ids)


def shared(counts: pd.DataFrame, x: str | None, y: str | None) -> int:
    """Places both indicators have in the year of `counts` (0 for one with none)."""
    if x is None or y is None or x not in counts.index or y not in counts.index:
        return 0
    return int(counts.at[x, y])


def alone(counts: pd.DataFrame, indicator: str | None) -> int:
    """Places one indicator has in the year of `counts`."""
    return shared(counts, indicator, indicator)


def years_shared(store: StoreData, x: str, y: str, measure: str) -> list[int]:
    """The years in which the two indicators share a place (as `shared_counts` counts them)."""
    column = measure if measure in ("score", "value") else "score"
    table = store.select("indicator_scores", ["place_id", "indicator_id", "year", column],
                         indicator_id=[x, y])
    mapped = scores.mapped_places(store)["place_id"].astype(str)
    kept = mapped[~mapped.isin(scores.whole_ids(store))]
    held = table[column].notna().to_numpy(dtype=bool) & table["place_id"].astype(str).isin(kept).to_numpy()
    table = table[held]
    both = table.groupby(["year", "place_id"], observed=True)["indicator_id"].nunique()
    return sorted(int(year) for year in both[both >= 2].index.get_level_values("year").unique())
