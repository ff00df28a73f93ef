"""Peer groups for the city pages: same UN subregion, same population band; percentile within."""

from __future__ import annotations

import numpy as np
import pandas as pd

SIZE_BANDS = (("small", 0, 300_000), ("medium", 300_000, 1_000_000), ("large", 1_000_000, 5_000_000),
              ("metro", 5_000_000, np.inf))
"""The population bands (key, lowest, first population above): the city page's peers "of its size"
and explore's filter by population are these same bands, so a rank among a city's size peers can
be found again in explore. Stores scored before 5 December 2026 name five other bands ("under
100k" ... "5M and more"), which the city page states without naming them."""
PEER_COLUMNS = ["place_id", "year", "peer_group", "peer_key", "n_peers", "rank", "percentile"]


def population_band(population: pd.Series) -> pd.Series:
    """Each population's SIZE_BANDS key (missing where the population is)."""
    edges = [low for _key, low, _high in SIZE_BANDS] + [SIZE_BANDS[-1][2]]
    bands = pd.cut(pd.to_numeric(population, errors="coerce"), edges,
                   labels=[key for key, _low, _high in SIZE_BANDS], right=False)
    return bands.astype("string")


LOCAL_PEERS = {"district": "city"}
"""Kinds ranked as one: a city's districts and cities are local places alike (their pages and
tables name them cities), regions and countries each apart."""


def peer_kind(kind: object) -> str:
    """One place's peer group by kind (`peer_kinds` of one)."""
    if kind is None or kind is pd.NA or (isinstance(kind, float) and np.isnan(kind)):
        return "city"
    return LOCAL_PEERS.get(str(kind), str(kind))


def peer_kinds(kinds: pd.Series) -> pd.Series:
    """Each place's peer group by kind (`LOCAL_PEERS`; a missing kind is a city's)."""
    return kinds.astype("string").fillna("city").replace(LOCAL_PEERS)


def peer_table(places: pd.DataFrame, index: pd.DataFrame) -> pd.DataFrame:
    """Per place, year and peer group: the ranked peers of its kind with an index score (a whole of
    ranked places among such wholes, as its rank: `goals.index_scores`), the place's rank among
    them (1 = best) and its percentile (share of peers scoring at or below it, 0-100)."""
    blank = pd.Series(np.nan, index=places.index)
    facts = pd.DataFrame(
        {
            "place_id": places["place_id"].astype(str),
            "un_subregion": places.get("un_subregion", blank).astype("string"),
            "population_band": population_band(places.get("population", blank)),
            # peers are places of the same kind: a store of Benin's départements and the ECOWAS
            # countries ranked a département among countries "of its size"
            "kind": peer_kinds(places.get("kind", blank)),
        }
    )
    comparable = index["score"].notna()
    if "ranked" in index:  # only places the coverage rule ranks are compared with each other
        comparable &= index["ranked"].astype("boolean").fillna(False)
    scored = index.loc[comparable, ["place_id", "year", "score"]].assign(
        whole=index.loc[comparable, "whole"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if "whole" in index else False)  # a city is not a peer of its own districts (`goals.index_scores`)
    long = (
        scored.merge(facts, on="place_id")
        .melt(
            id_vars=["place_id", "year", "score", "kind", "whole"],
            value_vars=["un_subregion", "population_band"],
            var_name="peer_group",
            value_name="peer_key",
        )
        .dropna(subset=["peer_key"])
    )
    grouped = long.groupby(["year", "peer_group", "peer_key", "kind", "whole"])["score"]
    long["n_peers"] = grouped.transform("size")
    long["rank"] = grouped.rank(ascending=False, method="min").astype(int)
    long["percentile"] = grouped.rank(method="max", pct=True) * 100.0
    return long[PEER_COLUMNS].sort_values(["place_id", "year", "peer_group"]).reset_index(drop=True)
