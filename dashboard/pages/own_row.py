"""A place's own row in its peers table, live and published: where it stands among its peers."""

from __future__ import annotations

import pandas as pd

from dashboard.pages.peer_words import THIS_PLACE
from layouts.i18n import _
from layouts.tables import with_current


def ranked_among(every: pd.DataFrame, place_id: str) -> bool:
    """Whether the place is among `every` (its subregion's listing): the index ranks it with its peers."""
    return bool((every["place_id"].to_numpy(dtype=object) == str(place_id)).any())


def listed_with(every: pd.DataFrame, listed: pd.DataFrame, place_id: str) -> tuple[pd.DataFrame, int | None]:
    """The rows of `listed` (peers, in the order of `every`, their subregion's listing best first) and
    the place's own, in that order, and where the place's row is; `listed` and None where `every` does
    not hold the place (the index does not rank it: it stands nowhere among them)."""
    ids = every["place_id"].to_numpy(dtype=object)
    mine = ids == str(place_id)
    if not mine.any():
        return listed, None
    wanted = mine | every["place_id"].isin(set(listed["place_id"].astype(str))).to_numpy(dtype=bool)
    return every[wanted], int(mine[wanted].argmax())


def positions_with(at: dict[str, int], listed_ids: list[str], place_id: str) -> tuple[list[int], int | None]:
    """Where the listed peers (`listed_ids`, in their listing's order) and the place are in their
    subregion's listing (`at`: a row position by place id), and which of them is the place's; the
    peers' positions alone, and None, where the listing does not hold the place."""
    positions = [at[p] for p in listed_ids if p in at]
    own = at.get(str(place_id))
    if own is None:
        return positions, None
    before = sum(1 for position in positions if position < own)
    return [*positions[:before], own, *positions[before:]], before


def marked(payload: dict, row: int | None) -> dict:
    """A peers table's payload with the place's own row (`row`, None for none) highlighted and named
    as the place's (`THIS_PLACE`), where the table shows that row."""
    if row is None or row >= len(payload["rows"]):
        return payload
    return with_current(payload, row, _(THIS_PLACE).format(name=payload["rows"][row][0]))
