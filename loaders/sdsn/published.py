"""SDSN's own results in a workbook (normalised scores, colours, arrows, goal results, index and
rank) as tidy frames named like the scorer's output, so a test can compare them cell by cell."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from loaders.sdsn.common import ARROW_CODES, COLOUR_NAMES, fold, melt_cells

STRUCTURE = [
    ("score", re.compile(r"^normali[sz]ed score (.+)$", re.I)),
    ("colour", re.compile(r"^dashboard colou?r (.+)$", re.I)),
    ("trend", re.compile(r"^trend (.+)$", re.I)),
    ("impute", re.compile(r"^impute_(.+)$", re.I)),
    ("goal", re.compile(r"^goal (\d+) (score|dashboard|trend|regional score)$", re.I)),
]
"""Result columns of a workbook's data sheet, by kind; the captured group is the key."""
INDEX_WORDS = {"score": "index score", "rank": "index rank", "missing_share": "missing"}
"""Words naming the index score, rank and share of missing values columns."""


def index_columns(columns: list[str]) -> dict[str, str]:
    """{field: column} for the index score, rank and missing-values columns present."""
    found = {f: next((c for c in columns if w in fold(c)), None) for f, w in INDEX_WORDS.items()}
    return {field: column for field, column in found.items() if column}


def result_cells(frame: pd.DataFrame, pid: pd.Series, structured: dict, kinds: tuple) -> pd.DataFrame:
    chosen = {c: k for c, k in structured.items() if k[0] in kinds}
    long = melt_cells(frame, pid, chosen)
    long["text"] = long["text"].fillna("").str.strip()
    long["kind"] = long["key"].str[0]
    long["what"] = long["key"].str[1]
    return long


def spread(long: pd.DataFrame, index: list[str], field: str) -> pd.DataFrame:
    """One column per result kind; a kind with no column in the sheet stays NA."""
    return long.pivot_table(index=index, columns=field, values="text", aggfunc="first").reset_index()


def column_or_na(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(pd.NA, index=frame.index, dtype="string")


def published_tables(
    frame: pd.DataFrame, columns: list[str], pid: pd.Series, structured: dict, year: int
) -> dict[str, pd.DataFrame]:
    """indicator_scores, goal_scores and index as SDSN published them. An empty colour cell
    is 'grey' and an empty arrow cell 'no_data'; a result with no column at all is NA."""
    cells = result_cells(frame, pid, structured, ("score", "colour", "trend"))
    wide = spread(cells, ["place_id", "what"], "kind")
    indicators = pd.DataFrame(
        {
            "place_id": wide["place_id"],
            "indicator_id": wide["what"],
            "year": year,
            "score": pd.to_numeric(column_or_na(wide, "score"), errors="coerce"),
            "colour": column_or_na(wide, "colour").str.lower().map(COLOUR_NAMES),
            "arrow": column_or_na(wide, "trend").map(ARROW_CODES),
        }
    )
    goal_cells = result_cells(frame, pid, structured, ("goal",))
    goal_cells["goal"] = goal_cells["what"].str[0]
    goal_cells["field"] = goal_cells["what"].str[1]
    wide = spread(goal_cells, ["place_id", "goal"], "field")
    goals = pd.DataFrame(
        {
            "place_id": wide["place_id"],
            "goal": wide["goal"].astype(int),
            "year": year,
            "score": pd.to_numeric(column_or_na(wide, "score"), errors="coerce"),
            "colour": column_or_na(wide, "dashboard").str.lower().map(COLOUR_NAMES),
            "arrow": column_or_na(wide, "trend").map(ARROW_CODES),
        }
    )

    found = index_columns(columns)
    index = pd.DataFrame({"place_id": pid, "year": year})
    for field in INDEX_WORDS:
        index[field] = pd.to_numeric(frame[found[field]], errors="coerce") if field in found else np.nan
    index["missing_share"] = index["missing_share"] / 100
    index = index.dropna(subset=["place_id"])
    return {"indicator_scores": indicators, "goal_scores": goals, "index": index}
