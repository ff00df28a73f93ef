"""What the source itself published (its index, ranks and ratings) beside this project's recomputation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from layouts.facts import Extreme
from loaders.store import StoreData


def published_index(store: StoreData, place_id: str, year: int) -> tuple[float, int | None, int, int] | None:
    """`IndexFacts.published`: the source's own index of the place in the year, else in the latest
    year before it the source published one for the place (the European Cities index of 2019, on a
    page of 2023 that other sources' values reach), else in the first year after it (SDSN's Africa
    index of 2019, on Eritrea's page of 2018, the last year the dashboard ranks it), from the
    store's `published_index` table (kept per version and year)."""
    table = store.tables.get("published_index")
    if table is None or table.empty or "score" not in table:
        return None
    years = store.kept("published-index-years", 0, lambda: sorted(
        {int(y) for y in pd.to_numeric(table["year"], errors="coerce").dropna()}, reverse=True))
    for published in [y for y in years if y <= int(year)] + [y for y in reversed(years) if y > int(year)]:
        scores, ranked = store.kept("published-index-year", published,
                                    lambda published=published: published_year(table, published), limit=32)
        found = scores.get(str(place_id))
        if found is not None:
            return found[0], found[1], ranked, published
    return None


def published_year(table: pd.DataFrame, year: int) -> tuple[dict[str, tuple[float, int | None]], int]:
    """{place_id: (score, rank)} of a year's published index rows with a score (the last of a place
    kept twice), and how many of them have a rank."""
    rows = table[(table["year"] == year).fillna(False).to_numpy(dtype=bool)]
    scores = pd.to_numeric(rows["score"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    ranks = (pd.to_numeric(rows["rank"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
             if "rank" in rows else np.full(len(rows), np.nan))
    found: dict[str, tuple[float, int | None]] = {}
    for place, score, rank in zip(rows["place_id"].astype(str), scores.tolist(), ranks.tolist(), strict=True):
        if not np.isnan(score):  # a place the source lists without an index (SDR's unranked countries)
            found[place] = (float(score), None if np.isnan(rank) else int(rank))
    return found, sum(rank is not None for _, rank in found.values())


def rounded_equal(a: float, b: float, digits: int = 0) -> bool:
    """Two scores that read the same once rounded for the page."""
    return bool(np.round(a, digits) == np.round(b, digits))


@dataclass(frozen=True)
class Agreement:
    """How many of the source's own published ratings this project's recomputation matches."""

    published: int
    agree: int
    rated: int | None = None
    """Of the published ratings, how many this project rates too (not grey); None: all of them."""


def agreement(published: pd.DataFrame | None, computed: pd.DataFrame, keys: list[str]) -> Agreement | None:
    """Published colours (other than grey: no rating) against the computed ones on the same keys.
    A key the source published twice (one index read from its CSV and its JSON) counts once, the
    last read."""
    if published is None or published.empty or "colour" not in published:
        return None
    rated = published[published["colour"].astype("string").fillna("grey") != "grey"]
    rated = rated.assign(place_id=rated["place_id"].astype("string"))
    rated = rated.drop_duplicates(keys, keep="last")
    computed = computed.assign(place_id=computed["place_id"].astype("string"))
    computed = computed.drop_duplicates(keys, keep="last")
    both = rated[[*keys, "colour"]].merge(computed[[*keys, "colour"]], on=keys, how="left",
                                          suffixes=("_published", ""))
    if both.empty:
        return None
    ours = both["colour"].astype("string").fillna("grey")
    same = both["colour_published"].astype("string") == ours
    return Agreement(len(both), int(same.fillna(False).sum()), int((ours != "grey").sum()))


@dataclass(frozen=True)
class PublishedFirst:
    """The place the source's own index ranks first in a year, among the places a map draws."""

    name: str
    score: float
    same: bool
    """Whether this dashboard's recomputation has it first too (tied first included)."""


def published_first(store: StoreData, frame: pd.DataFrame, year: int,
                    top: Extreme | None) -> PublishedFirst | None:
    """`PublishedFirst` of the year's published index over the places of `frame` (place_id, name),
    by rank, else by score: the US states' map ranked Massachusetts first at 73.4 under "Source:
    SDSN", where SDSN's own index has it first at 61.0 (and Vermont and Washington in another
    order), and said nothing of it."""
    table = store.tables.get("published_index")
    if table is None or table.empty or "score" not in table or top is None or frame.empty:
        return None
    order = store.kept("published-index-order", int(year), lambda: published_order(table, int(year)),
                       limit=32)
    drawn = dict(zip(frame["place_id"].astype(str), frame["name"].astype(str), strict=True))
    place, score = next(((p, s) for p, s in order if p in drawn), (None, None))
    if place is None:
        return None
    return PublishedFirst(drawn[place], score, top.holds(place, drawn[place]))


def published_order(table: pd.DataFrame, year: int) -> list[tuple[str, float]]:
    """(place_id, score) of a year's published index, first first: by rank, else by score."""
    scores, _ranked = published_year(table, year)
    ordered = sorted(scores.items(), key=lambda item: (item[1][1] if item[1][1] is not None else np.inf,
                                                       -item[1][0], item[0]))
    return [(place, score) for place, (score, _rank) in ordered]
