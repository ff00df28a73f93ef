"""SDSN's own results in a workbook (normalised scores, colours, arrows, goal results, index and
rank) as tidy frames named like the scorer's output, so a test can compare them cell by cell."""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.numbers import parse_numbers
from loaders.sdsn.columns import INDEX_WORDS, index_columns
from loaders.sdsn.common import ARROW_CODES, COLOUR_NAMES, melt_cells


def result_cells(frame: pd.DataFrame, pid: pd.Series, structured: dict, kinds: tuple) -> pd.DataFrame:
    chosen = {c: k for c, k in structured.items() if k[0] in kinds}
    long = melt_cells(frame, pid, chosen)
    long["text"] = long["text"].astype("string").fillna("").str.strip()
    long["kind"] = long["key"].str[0].str.replace(r"^(goal|pillar)_", "", regex=True)
    long["what"] = long["key"].str[1]
    return long


def colour_names(text: pd.Series, legend: dict[str, str]) -> pd.Series:
    """Colour words, or colour numbers decoded by the workbook's legend (US 2018: 0 = red ... 4 = grey)."""
    words = text.astype("string").str.strip().str.lower()
    return words.replace(legend).map(COLOUR_NAMES)


def spread(long: pd.DataFrame, index: list[str], field: str) -> pd.DataFrame:
    """One column per result kind; a kind with no column in the sheet stays NA."""
    return long.pivot_table(index=index, columns=field, values="text", aggfunc="first").reset_index()


def column_or_na(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(pd.NA, index=frame.index, dtype="string")


def published_tables(
    frame: pd.DataFrame, columns: list[str], pid: pd.Series, structured: dict, year: int, legend: dict
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
            "score": number_column(column_or_na(wide, "score")),
            "colour": colour_names(column_or_na(wide, "colour"), legend),
            "arrow": column_or_na(wide, "trend").map(ARROW_CODES),
        }
    )
    goals = group_results(frame, pid, structured, "goal", year, legend)
    pillars = group_results(frame, pid, structured, "pillar", year, legend)

    found = index_columns(columns)
    index = pd.DataFrame({"place_id": pid, "year": year})
    for field in INDEX_WORDS:
        index[field] = number_column(frame[found[field]]) if field in found else np.nan
    index["missing_share"] = index["missing_share"] / 100
    # a row with no published figure at all is none (headers it could not read left 30 empty rows)
    index = index.dropna(subset=["place_id"]).dropna(subset=list(INDEX_WORDS), how="all")
    return {"indicator_scores": indicators, "goal_scores": goals, "index": index, "pillar_scores": pillars}


def group_results(
    frame: pd.DataFrame, pid: pd.Series, structured: dict, level: str, year: int, legend: dict
) -> pd.DataFrame:
    """Goal (or pillar) score, colour and arrow per place."""
    kinds = tuple(f"{level}_{k}" for k in ("score", "colour", "trend"))
    cells = result_cells(frame, pid, structured, kinds)
    wide = (
        spread(cells, ["place_id", "what"], "kind")
        if len(cells)
        else pd.DataFrame(columns=["place_id", "what"])
    )
    return pd.DataFrame(
        {
            "place_id": wide["place_id"],
            level: wide["what"].astype(int) if level == "goal" else wide["what"],
            "year": year,
            "score": number_column(column_or_na(wide, "score")),
            "colour": colour_names(column_or_na(wide, "colour"), legend),
            "arrow": column_or_na(wide, "trend").map(ARROW_CODES),
        }
    )


def number_column(cells: pd.Series) -> np.ndarray:
    """Published figures as numbers, written with a decimal point or comma ('55,6' in a European
    copy of the table); anything else is NaN."""
    if pd.api.types.is_numeric_dtype(cells.dtype):
        return pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
    return parse_numbers(cells.astype("string"))["value"].to_numpy(dtype=float, na_value=np.nan)
