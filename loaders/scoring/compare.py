"""Compare computed scores with a publisher's own results, cell by cell, for tests and docs."""

from __future__ import annotations

import numpy as np
import pandas as pd

TOLERANCE = 0.01
MEASURES = (
    "indicator score",
    "indicator colour",
    "indicator arrow",
    "goal score",
    "goal colour",
    "goal arrow",
    "index score",
    "index rank",
)


def shown_arrow(arrow: pd.Series) -> pd.Series:
    """Arrows as a dashboard shows them: SDSN draws 'maintaining' with the on-track arrow."""
    return arrow.replace({"maintaining": "on_track"})


def pairs(
    computed: pd.DataFrame, published: pd.DataFrame, keys: list[str], field: str, missing: object
) -> pd.DataFrame:
    """Published cells that hold the field, joined with the computed value (`missing` where
    the computation has none)."""
    pub = published.loc[published[field].notna(), [*keys, field]]
    both = pub.merge(computed[[*keys, field]], on=keys, how="left", suffixes=("_published", ""))
    out = both.rename(columns={f"{field}_published": "published", field: "computed"})
    if missing is not None:
        out["computed"] = out["computed"].astype(object).where(out["computed"].notna(), missing)
    return out


def cells(computed: dict, published: dict, year: int) -> dict[str, pd.DataFrame]:
    """For each measure, the compared cells with `published`, `computed` and `agree`."""
    ind = computed["indicator_scores"]
    ind = ind[ind["year"] == year].copy()
    ind["colour"] = ind["colour"].where(ind["in_dashboard"], "grey")
    ind["arrow"] = shown_arrow(ind["arrow"].where(ind["in_trend"], "no_data"))
    goals = computed["goal_scores"]
    goals = goals[goals["year"] == year].assign(arrow=lambda g: shown_arrow(g["arrow"]))
    index = computed["index"]
    index = index[index["year"] == year].assign(rank=lambda i: i["rank"].astype(float))
    ikeys, gkeys = ["place_id", "indicator_id"], ["place_id", "goal"]
    out = {}
    for measure, frame, pub, keys, field, missing in [
        ("indicator score", ind, published["indicator_scores"], ikeys, "score", None),
        ("indicator colour", ind, published["indicator_scores"], ikeys, "colour", "grey"),
        ("indicator arrow", ind, published["indicator_scores"], ikeys, "arrow", "no_data"),
        ("goal score", goals, published["goal_scores"], gkeys, "score", None),
        ("goal colour", goals, published["goal_scores"], gkeys, "colour", "grey"),
        ("goal arrow", goals, published["goal_scores"], gkeys, "arrow", "no_data"),
        ("index score", index, published["index"], ["place_id"], "score", None),
        ("index rank", index, published["index"], ["place_id"], "rank", None),
    ]:
        if field not in pub:
            continue
        table = pairs(frame, pub, keys, field, missing)
        if field in ("score", "rank"):
            diff = (pd.to_numeric(table["computed"]) - pd.to_numeric(table["published"])).abs()
            table["diff"] = diff
            table["agree"] = (diff <= (TOLERANCE if field == "score" else 0)).fillna(False)
        else:
            table["agree"] = table["computed"] == table["published"]
        out[measure] = table
    return out


def largest(diff: pd.Series) -> float:
    """The largest difference, NaN when no cell has one (every difference missing, or no cells)."""
    found = pd.to_numeric(diff, errors="coerce").max()
    return float(found) if pd.notna(found) else np.nan


def agreement(compared: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per measure: cells compared, cells agreeing, share and largest difference."""
    rows = []
    for measure, table in compared.items():
        rows.append(
            {
                "measure": measure,
                "compared": len(table),
                "agree": int(table["agree"].sum()),
                "share": float(table["agree"].mean()) if len(table) else np.nan,
                "max_abs_diff": largest(table["diff"]) if "diff" in table else np.nan,
            }
        )
    return pd.DataFrame(rows)


def confusion(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of (computed, published) category pairs that disagree, largest first."""
    wrong = table[~table["agree"]]
    counts = wrong.groupby(["computed", "published"]).size().rename("cells")
    return counts.sort_values(ascending=False).reset_index()
