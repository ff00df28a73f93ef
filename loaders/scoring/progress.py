"""Open SDG (Statistics Canada) progress status: compound annual growth against a 2030 target.

Follows the Open SDG progress methodology (sdg-build / Open SDG 2.4): base year 2015 or the
first year after it with data; CAGR = (v1 / v0) ** (1 / (t1 - t0)) - 1; zero base or target
values replaced by 0.001; values of mixed sign cannot be assessed, all-negative series flip
the desired direction.
"""

from __future__ import annotations

import numpy as np

from loaders.scoring.panel import Panel
from loaders.scoring.settings import Settings

UNABLE, DETERIORATION, LIMITED, MODERATE, ON_TRACK, ACHIEVED = -1, 0, 1, 2, 3, 4
ZERO_STAND_IN = 0.001
TARGET_CUTS = (0.95, 0.60, 0.0)
"""Ratio of observed to required CAGR: on track, moderate (acceleration needed), limited."""
NO_TARGET_CUTS = (0.015, 0.005, 0.0)
"""Observed CAGR (in the desired direction) when there is no target."""


def cagr(current: np.ndarray, base: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Compound annual growth rate; NaN where undefined (mixed signs, no elapsed time)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = current / base
        return np.where((ratio >= 0) & (years > 0), ratio ** (1.0 / years) - 1.0, np.nan)


def first_from(raw: np.ndarray, start_column: int) -> np.ndarray:
    """Per row, the first column at or after `start_column` with a value (-1: none)."""
    has = ~np.isnan(raw)
    has[:, : max(start_column, 0)] = False
    first = np.argmax(has, axis=1)
    return np.where(has.any(axis=1), first, -1)


def band(value: np.ndarray, cuts: tuple[float, float, float]) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.select(
            [value >= cuts[0], value >= cuts[1], value >= cuts[2], value < cuts[2]],
            [ON_TRACK, MODERATE, LIMITED, DETERIORATION],
            UNABLE,
        )


def progress_status(
    panel: Panel, sign: np.ndarray, target: np.ndarray, target_year: np.ndarray, settings: Settings
) -> dict[str, np.ndarray]:
    """Status codes and the numbers behind them, per cell. sign, target and target_year are
    per-pair column vectors (+1 higher / -1 lower; NaN target = no target)."""
    rows = np.arange(panel.n_pairs)
    base_column = first_from(panel.raw, settings.progress_base_year - int(panel.years[0]))
    base = np.where(base_column >= 0, panel.raw[rows, np.maximum(base_column, 0)], np.nan)[:, None]
    base_year = np.where(base_column >= 0, panel.years[np.maximum(base_column, 0)], np.nan)[:, None]
    current, current_year = panel.value, panel.value_year
    elapsed = current_year - base_year
    v0 = np.where(base == 0, ZERO_STAND_IN, base)
    goal_year = np.where(np.isnan(target_year), settings.progress_target_year, target_year)
    t = np.where(target == 0, ZERO_STAND_IN, target)
    direction = np.where(v0 < 0, -sign, sign)
    observed = cagr(current, v0, elapsed)
    required = cagr(t, v0, goal_year - base_year)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = direction * observed / np.abs(required)
        achieved = np.where(sign > 0, current >= target, current <= target)
    has_target = ~np.isnan(target)
    status = np.where(has_target, band(ratio, TARGET_CUTS), band(direction * observed, NO_TARGET_CUTS))
    status = np.where(has_target & achieved & ~np.isnan(current), ACHIEVED, status)
    status = np.where(np.isnan(current) | ~(elapsed >= 1), UNABLE, status)
    return {
        "status_code": status.astype(np.int8),
        "base_year": np.broadcast_to(base_year, current.shape),
        "base_value": np.broadcast_to(base, current.shape),
        "cagr": observed,
        "required_cagr": np.where(has_target, required, np.nan),
        "ratio": np.where(has_target, ratio, np.nan),
    }
