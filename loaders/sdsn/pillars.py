"""Pillar scores of an SDSN index built on pillars instead of goals (Benin's 'leave no one behind'
index: Genre, Pauvreté, Revenu, Services): the mean of the pillar's normalised indicator scores."""

from __future__ import annotations

import pandas as pd


def pillar_scores(indicator_scores: pd.DataFrame, pillars: dict[str, str], year: int) -> pd.DataFrame:
    """place_id, pillar, year, score (mean of the available indicator scores), n_indicators."""
    cells = indicator_scores.loc[indicator_scores["year"] == year, ["place_id", "indicator_id", "score"]]
    cells = cells.assign(pillar=cells["indicator_id"].astype(str).map(pillars)).dropna(
        subset=["pillar", "score"]
    )
    grouped = cells.groupby(["place_id", "pillar"], observed=True)["score"]
    out = grouped.agg(["mean", "size"]).reset_index()
    return out.rename(columns={"mean": "score", "size": "n_indicators"}).assign(year=year)
