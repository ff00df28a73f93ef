"""Rows of one key: which one an import keeps, and how the others are reported. A row with a value
is kept before a blank or '..' one of the same key (a number never loses to a gap), else the first."""

from __future__ import annotations

import numpy as np
import pandas as pd

SAME_KEY = "(same place, indicator, year and breakdown)"


def keepers(frame: pd.DataFrame, key: list[str], value: str = "value") -> np.ndarray:
    """For each row (by position), the position of the row its key keeps: the first row with a
    value, else the first row. A row whose keeper is not itself is a repeat."""
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    blank = pd.to_numeric(frame[value], errors="coerce").isna().to_numpy()
    group = frame.groupby(key, dropna=False, sort=False).ngroup().to_numpy()
    order = np.lexsort((blank, group))  # by group, then valued rows first, each in file order
    firsts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    keeper = np.empty(group.max() + 1, dtype=np.int64)
    keeper[group[order][firsts]] = order[firsts]
    return keeper[group]


def number_text(value: float) -> str:
    """12.0 -> '12', 12.5 -> '12.5': close to how a file writes it."""
    return f"{value:.15g}"


def repeat_reason(where: str, kept: float, own: float) -> str:
    """Why a row is dropped for the kept row of its key, found at `where` ('line 4')."""
    if np.isnan(own) and not np.isnan(kept):
        return f"no value, and {where} has one ({number_text(kept)}) {SAME_KEY}: {where} is kept"
    if np.isnan(own) or np.isnan(kept) or kept == own:
        return f"duplicate of {where} {SAME_KEY}"
    return (f"duplicate of {where} with another value ({number_text(kept)} there, {number_text(own)} here) "
            f"{SAME_KEY}: the first is kept; check which is right")
