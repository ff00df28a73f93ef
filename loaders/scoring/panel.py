"""Headline observations as place-indicator by year arrays, so every rule is one numpy expression."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Panel:
    """Row r of every array is the pair (places[place_code[r]], indicators[indicator_code[r]]);
    column j is years[j], a contiguous span."""

    years: np.ndarray
    places: pd.Index
    indicators: pd.Index
    place_code: np.ndarray
    indicator_code: np.ndarray
    raw: np.ndarray
    """Observed values, NaN where the year has none."""
    value: np.ndarray
    """The latest value at or before the column's year (SDSN 'latest available')."""
    value_year: np.ndarray
    """The year `value` was observed, NaN where there is none."""
    score_columns: np.ndarray
    """Column indexes of the years that are scored and reported."""

    @property
    def n_pairs(self) -> int:
        return len(self.place_code)

    @property
    def indicator_id(self) -> np.ndarray:
        return self.indicators.to_numpy(dtype=object)[self.indicator_code]


@dataclass
class Frame:
    """The places and years of a whole store, so a partition's panel lines up with it."""

    places: pd.Index
    wanted: np.ndarray
    """Scored years."""
    span: np.ndarray
    """Every year from the first observed or wanted to the last."""


def headline_mask(observations: pd.DataFrame) -> np.ndarray:
    """Which rows are headline rows (breakdown empty or missing)."""
    breakdown = observations.get("breakdown", pd.Series("", index=observations.index))
    return breakdown.isna().to_numpy(bool) | (breakdown == "").fillna(False).to_numpy(bool)


def headline(observations: pd.DataFrame) -> pd.DataFrame:
    """Headline rows (breakdown empty) with a numeric value; the last of repeated keys wins."""
    headline_rows = headline_mask(observations)
    frame = pd.DataFrame(
        {  # ids stay as they come (Categoricals from a partitioned read are not turned into text)
            "place_id": observations["place_id"][headline_rows].reset_index(drop=True),
            "indicator_id": observations["indicator_id"][headline_rows].reset_index(drop=True),
            "year": pd.to_numeric(observations["year"], errors="coerce").to_numpy(float)[headline_rows],
            "value": pd.to_numeric(observations["value"], errors="coerce").to_numpy(float)[headline_rows],
        }
    )
    frame = frame[~(np.isnan(frame["year"]) | np.isnan(frame["value"]))]
    return frame.astype({"year": int})


def codes_in(ids: pd.Series, labels: pd.Index) -> np.ndarray:
    """Position of each id in `labels` (-1 when absent); a Categorical is looked up by its
    categories only."""
    if isinstance(ids.dtype, pd.CategoricalDtype):
        lookup = np.append(labels.get_indexer(ids.cat.categories.astype(str)), -1)
        return lookup[ids.cat.codes.to_numpy()]
    return labels.get_indexer(ids.astype(str))


def forward_fill(raw: np.ndarray, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Carry each row's last observed value forward; also return the year it came from."""
    positions = np.where(np.isnan(raw), -1, np.arange(raw.shape[1]))
    last = np.maximum.accumulate(positions, axis=1) if raw.size else positions
    rows = np.arange(raw.shape[0])[:, None]
    filled = np.where(last >= 0, raw[rows, np.maximum(last, 0)], np.nan)
    filled_year = np.where(last >= 0, years[np.maximum(last, 0)], np.nan)
    return filled, filled_year.astype(float)


def build(
    observations: pd.DataFrame,
    years: tuple[int, ...] | None,
    max_age: int | None,
    indicator_ids: pd.Series | None = None,
    frame: Frame | None = None,
) -> Panel:
    """The panel of all headline observations over a contiguous span of years. `indicators`
    lists every id of `indicator_ids` too, so a goal counts indicators nobody reports.
    `frame` fixes the places and years when the observations are one partition of a store."""
    obs = headline(observations)
    if frame is None:
        place_code, places = pd.factorize(obs["place_id"].astype(str), sort=True)
    else:
        places = frame.places
        place_code = codes_in(obs["place_id"], places)
    known = pd.Index([] if indicator_ids is None else indicator_ids.dropna().astype(str))
    seen = obs["indicator_id"].unique()
    seen = seen.astype(str) if not hasattr(seen, "dropna") else seen.dropna().astype(str)
    indicators = known.union(pd.Index(seen)).sort_values()
    indicator_code = codes_in(obs["indicator_id"], indicators)
    observed = obs["year"].to_numpy()
    if frame is None:
        wanted = np.array(sorted(set(years)), dtype=int) if years else np.unique(observed)
        every = np.concatenate([observed, wanted])
        span = np.arange(every.min(), every.max() + 1) if len(every) else np.array([], dtype=int)
    else:
        wanted, span = frame.wanted, frame.span
    n_indicators = max(len(indicators), 1)
    pair_key = place_code.astype(np.int64) * n_indicators + indicator_code
    pairs, pair_index = np.unique(pair_key, return_inverse=True)
    column = observed - (span[0] if len(span) else 0)
    repeated = pd.Series(pair_index * max(len(span), 1) + column).duplicated(keep="last").to_numpy()
    raw = np.full((len(pairs), len(span)), np.nan)
    raw[pair_index[~repeated], column[~repeated]] = obs["value"].to_numpy()[~repeated]
    value, value_year = forward_fill(raw, span)
    if max_age is not None:
        stale = span[None, :] - value_year > max_age
        value, value_year = np.where(stale, np.nan, value), np.where(stale, np.nan, value_year)
    return Panel(
        years=span,
        places=pd.Index(places, dtype=object),
        indicators=pd.Index(indicators, dtype=object),
        place_code=(pairs // n_indicators).astype(np.int64),
        indicator_code=(pairs % n_indicators).astype(np.int64),
        raw=raw,
        value=value,
        value_year=value_year,
        score_columns=wanted - (span[0] if len(span) else 0),
    )


def series_rows(panel: Panel, series_of: dict) -> np.ndarray:
    """For each pair, the row holding its trend series (same place, `series_of[indicator]`),
    or -1 when that place has no such series."""
    if not series_of:
        return np.arange(panel.n_pairs)
    source = pd.Series(panel.indicators, dtype=object)
    source = source.map(series_of).fillna(source)
    source_code = panel.indicators.get_indexer(source.to_numpy())
    n = max(len(panel.indicators), 1)
    keys = panel.place_code * n + panel.indicator_code
    wanted = panel.place_code * n + source_code[panel.indicator_code]
    position = np.searchsorted(keys, wanted)
    position = np.clip(position, 0, max(len(keys) - 1, 0))
    found = (source_code[panel.indicator_code] >= 0) & (keys[position] == wanted)
    return np.where(found, position, -1)
