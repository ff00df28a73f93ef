"""The span of the score scale a map colours by: the scores it draws, not always 0 to 100.

Bolivia's 339 municipalities score 30 to 76 on the 2020 index: on a scale from 0 to 100 every
marker was one mid blue, and a reader could not tell the 45s from the 70s. The scale spans the
scores the map draws, out to the tens around them; the colour bar's ticks say where it starts and
ends, and the ranking and table beside the map give every number. A scale over every year of the
version was tried: Bolivia's early years, scored on few indicators, span 14 to 91, which left the
2020 map as pale as before. So a map of another year may colour a place that did not move
otherwise: its trend arrow and time series say how it moved, not its shade.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

FULL = (0.0, 100.0)
NARROWEST = 20.0
"""A scale spans at least this much of the 0-100 score (one place, or scores all alike: a tenth of a
point would look like the whole range)."""


def score_range(scores: pd.Series) -> tuple[float, float]:
    """(low, high) of the colour scale for the scores a map draws."""
    return widened(pd.to_numeric(scores, errors="coerce").to_numpy(dtype=float, na_value=np.nan))


def widened(values: np.ndarray) -> tuple[float, float]:
    """The scores' lowest and highest, out to the tens around them, at least NARROWEST apart and
    within 0-100; the full scale when there is no score."""
    values = values[np.isfinite(values)]
    if not len(values):
        return FULL
    low = max(0.0, 10 * math.floor(float(values.min()) / 10))
    high = min(100.0, 10 * math.ceil(float(values.max()) / 10))
    while high - low < NARROWEST:
        low, high = max(0.0, low - 5), min(100.0, high + 5)
    return low, high
