"""Which wholes a view leaves out: a city is never compared with its own districts in one chart or list."""

from __future__ import annotations

import pandas as pd

from layouts.scores import split_wholes, wholes
from loaders.store import StoreData


def without_wholes(store: StoreData, places: pd.DataFrame, frame: pd.DataFrame,
                   column: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`frame` without the wholes of places it compares by `column`, and those wholes.

    The rule for a reader: a whole (Bristol, whose 34 wards are in the store) is left out exactly
    where at least one of its own parts is in the same chart or list with a value for what it shows
    (`scores.split_wholes`, scoring's own rule: `goals.ranked_wholes` over `whole_codes`), since a
    city ranked 25th among its wards, or counted beside them in a correlation, is compared with
    pieces of itself. Where a filter (region, size, the places chosen by name) leaves none of its
    parts in, it is ranked and drawn like any other place, and no sentence says otherwise.
    `places`: the places the filters keep, with their `parent_id`."""
    whole = wholes(store)
    if not whole or "parent_id" not in places or frame.empty:
        return frame, frame.head(0)
    parents = frame["place_id"].map(places.drop_duplicates("place_id").set_index("place_id")["parent_id"])
    kept, left_out = split_wholes(frame.assign(parent_id=parents), whole, column)
    return kept.drop(columns="parent_id"), left_out.drop(columns="parent_id")
