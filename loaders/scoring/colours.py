"""Dashboard colours: per indicator from thresholds, per goal by SDSN's two published rules."""

from __future__ import annotations

import numpy as np

GREY, RED, ORANGE, YELLOW, GREEN = -1, 0, 1, 2, 3


def indicator_colours(
    values: np.ndarray, sign: np.ndarray, green: np.ndarray, yellow: np.ndarray, orange: np.ndarray
) -> np.ndarray:
    """Colour codes: green at or better than the green threshold, yellow at or better than
    the yellow one, orange at or better than the orange one (= red threshold), else red;
    grey without a value or without thresholds. `sign` is +1 (higher) or -1 (lower)."""
    x = values * sign
    with np.errstate(invalid="ignore"):
        codes = np.select(
            [x >= green * sign, x >= yellow * sign, x >= orange * sign], [GREEN, YELLOW, ORANGE], RED
        )
    unknown = np.isnan(values) | np.isnan(green) | np.isnan(orange)
    return np.where(unknown, GREY, codes).astype(np.int8)


def rescale_0_3(
    values: np.ndarray,
    sign: np.ndarray,
    best: np.ndarray,
    worst: np.ndarray,
    green: np.ndarray,
    red: np.ndarray,
) -> np.ndarray:
    """Piecewise-linear rescale: worst bound = 0, red threshold = 1, green threshold = 2,
    best bound = 3, clipped to [0, 3]. A red threshold equal to the worst bound (an empty
    first segment) sends everything worse than it to 0."""
    x, b, w, g, r = (a * sign for a in (values, best, worst, green, red))
    with np.errstate(invalid="ignore", divide="ignore"):
        low = np.where(r > w, (x - w) / (r - w), 0.0)
        mid = 1.0 + (x - r) / (g - r)
        high = np.where(b > g, 2.0 + (x - g) / (b - g), 3.0)
        scaled = np.where(x >= g, high, np.where(x >= r, mid, low))
    return np.clip(scaled, 0.0, 3.0)


def band(mean: np.ndarray, cuts: tuple[float, float, float]) -> np.ndarray:
    """Colour codes for an average on a 0-3 scale: >= cuts[0] green, [1] yellow, [2] orange."""
    with np.errstate(invalid="ignore"):
        return np.select([mean >= cuts[0], mean >= cuts[1], mean >= cuts[2]], [GREEN, YELLOW, ORANGE], RED)


def two_worst(group: np.ndarray, rescaled: np.ndarray, colour: np.ndarray, n: int) -> np.ndarray:
    """SDSN global/European rule, per group id in 0..n-1 (rows: rated dashboard indicators).
    Average the two lowest rescaled values: >= 2 green, >= 1.5 yellow, >= 1 orange, else
    red; green needs both green, red needs both red; a single indicator gives its colour."""
    order = np.lexsort((rescaled, group))
    group, rescaled, colour = group[order], rescaled[order], colour[order]
    first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else np.array([], int)
    size = np.diff(np.r_[first, len(group)])
    second = np.where(size > 1, first + 1, first)
    mean = (rescaled[first] + rescaled[second]) / 2
    worst = np.minimum(colour[first], colour[second])
    best = np.maximum(colour[first], colour[second])
    codes = band(mean, (2.0, 1.5, 1.0))
    codes = np.where((codes == GREEN) & (worst != GREEN), YELLOW, codes)
    codes = np.where((codes == RED) & (best != RED), ORANGE, codes)
    codes = np.where(size == 1, worst, codes)
    out = np.full(n, GREY, dtype=np.int64)
    out[group[first]] = codes
    return out


def mean_colour(group: np.ndarray, colour: np.ndarray, n: int) -> np.ndarray:
    """SDSN US cities rule: indicator colours on 0-3 (red 0 ... green 3) averaged over the
    goal's rated indicators, rounded to the nearest colour; red when more than a third are red."""
    count = np.bincount(group, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.bincount(group, weights=colour, minlength=n) / count
        red_share = np.bincount(group, weights=colour == RED, minlength=n) / count
    codes = np.where(red_share > 1 / 3, RED, band(mean, (2.5, 1.5, 0.5)))
    return np.where(count > 0, codes, GREY)


def goal_colours(
    group: np.ndarray,
    rescaled: np.ndarray,
    colour: np.ndarray,
    n_dashboard: np.ndarray,
    rule: str,
    min_share: float,
) -> np.ndarray:
    """Goal colour codes for groups 0..len(n_dashboard)-1, from the dashboard indicators'
    rows; grey when fewer than `min_share` of the goal's dashboard indicators have a colour."""
    n = len(n_dashboard)
    rated = colour != GREY
    group, rescaled, colour = group[rated], rescaled[rated], colour[rated]
    codes = two_worst(group, rescaled, colour, n) if rule == "two_worst" else mean_colour(group, colour, n)
    n_rated = np.bincount(group, minlength=n)
    enough = (n_rated > 0) & (n_rated >= min_share * n_dashboard)
    return np.where(enough, codes, GREY)
