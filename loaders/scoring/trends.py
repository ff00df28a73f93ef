"""Trend arrows: observed against required annual change of the normalised score, to 2030."""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.scoring.normalise import normalise
from loaders.scoring.panel import Panel
from loaders.scoring.settings import Settings

NO_DATA, DECREASING, STAGNATING, IMPROVING, ON_TRACK, MAINTAINING = -1, 0, 1, 2, 3, 4

GOAL_TREND_VALUES = np.array([0.0, 1.0, 2.0, 3.0, 3.0])
"""Indicator arrow -> value averaged into the goal trend: decreasing 0 ... on track 3; maintaining
counts as on track (3), as SDSN draws it (measured: 81.1% goal-arrow agreement against 75.4%
with maintaining = 4 on the SDR 2019 workbook; see docs/methodology.md)."""
GOAL_TREND_CUTS = (1.0, 2.0, 3.0)
"""Goal average below 1: decreasing; below 2: stagnating; below 3: improving; else on track."""


def last_observed(scores: np.ndarray) -> np.ndarray:
    """Per cell, the column of the row's last non-missing score at or before it (-1: none)."""
    positions = np.where(np.isnan(scores), -1, np.arange(scores.shape[1]))
    return np.maximum.accumulate(positions, axis=1) if scores.size else positions


def pick(scores: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """scores[row, columns[row, j]] for every cell; NaN where the column is outside."""
    inside = (columns >= 0) & (columns < scores.shape[1])
    taken = np.take_along_axis(scores, np.clip(columns, 0, max(scores.shape[1] - 1, 0)), axis=1)
    return np.where(inside, taken, np.nan)


def indicator_arrows(
    panel: Panel,
    source_rows: np.ndarray,
    best: np.ndarray,
    worst: np.ndarray,
    green: np.ndarray,
    settings: Settings,
) -> tuple[np.ndarray, np.ndarray]:
    """Arrow codes and base years per cell. `source_rows[i]` is the panel row holding pair i's
    trend series (-1: none); best/worst/green are per-pair column vectors of raw values."""
    years = panel.years.astype(float)
    raw = np.where(source_rows[:, None] >= 0, panel.raw[np.maximum(source_rows, 0)], np.nan)
    scores = normalise(raw, best, worst, clip=False)
    green_score = normalise(green, best, worst, clip=False)
    last = last_observed(scores)
    latest = pick(scores, last)
    latest_year = np.where(last >= 0, years[np.maximum(last, 0)], np.nan)
    target = np.where(
        latest_year - settings.trend_base_year >= settings.trend_min_span,
        settings.trend_base_year,
        latest_year - settings.trend_span,
    )
    base = np.full(scores.shape, np.nan)
    base_year = np.full(scores.shape, np.nan)
    for offset in (0, -1, 1):  # the nearest year within one stands in for a missing base year
        year = target + offset
        column = np.nan_to_num(year - years[0], nan=-1).astype(int)
        found = pick(scores, column)
        use = np.isnan(base) & ~np.isnan(found) & (year < latest_year)
        base = np.where(use, found, base)
        base_year = np.where(use, year, base_year)
    dated = pd.DataFrame(np.where(np.isnan(base), np.nan, latest_year))
    newest = dated.groupby(panel.indicator_code).transform("max").to_numpy()
    lag = settings.trend_max_lag
    stale = (newest - latest_year > lag) if lag is not None else np.zeros_like(latest, bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        required = (green_score - base) / (settings.trend_target_year - base_year)
        observed = (latest - base) / (latest_year - base_year)
        codes = np.select(
            [
                np.isnan(base) | np.isnan(green_score) | stale,
                latest >= green_score,
                observed >= required,
                observed > required / 2,
                observed >= 0,
            ],
            [NO_DATA, MAINTAINING, ON_TRACK, IMPROVING, STAGNATING],
            DECREASING,
        )
    return codes.astype(np.int8), np.where(codes == NO_DATA, np.nan, base_year)


def goal_arrows(group: np.ndarray, arrow: np.ndarray, n_trend: np.ndarray, min_share: float) -> np.ndarray:
    """Goal arrow codes for groups 0..len(n_trend)-1 from the trend-set indicators' arrows,
    averaged on GOAL_TREND_VALUES; needs arrows for `min_share` of the goal's trend indicators."""
    n = len(n_trend)
    rated = arrow != NO_DATA
    group = group[rated]
    count = np.bincount(group, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(group, weights=GOAL_TREND_VALUES[arrow[rated]], minlength=n) / count
        low, mid, high = GOAL_TREND_CUTS
        codes = np.select(
            [mean >= high, mean >= mid, mean >= low], [ON_TRACK, IMPROVING, STAGNATING], DECREASING
        )
    enough = (count > 0) & (count >= min_share * n_trend)
    return np.where(enough, codes, NO_DATA)
