"""Goal scores, colours and arrows; the index with its coverage rule, ranks and missing goals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.scoring import colours, trends
from loaders.scoring.membership import KINDS, N_GOALS
from loaders.scoring.settings import SEA_GOAL, Settings


def goal_rows(
    cells: pd.DataFrame,
    counts: dict[str, np.ndarray],
    group_of_place: np.ndarray,
    n_columns: int,
    place_years: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per place, goal (1-17) and year column the place has data in, for goals with
    at least one index, dashboard or trend indicator for the place's group; sorted by `key`."""
    if place_years is None:
        place_years = np.unique(cells["place"].to_numpy() * n_columns + cells["column"].to_numpy())
    # Only goals some group counts indicators of can have a row: a partition holds one or a few
    # goals, and making rows for all 17 first cost it 1 s and 400 MiB at 10,000 places x 25 years.
    counted = np.zeros(N_GOALS, dtype=bool)
    for kind in KINDS:
        counted |= counts[kind].any(axis=(0, 2))
    wanted = np.flatnonzero(counted)
    place = np.repeat(place_years // n_columns, len(wanted))
    column = np.repeat(place_years % n_columns, len(wanted))
    goal = np.tile(wanted, len(place_years))
    group = group_of_place[place]
    rows = pd.DataFrame({"place": place, "goal": goal + 1, "column": column})
    for kind in KINDS:
        rows[f"n_{kind}"] = counts[kind][group, goal, column]
    rows = rows[rows[[f"n_{k}" for k in KINDS]].sum(axis=1) > 0].copy()
    rows["key"] = (rows["place"] * N_GOALS + rows["goal"] - 1) * n_columns + rows["column"]
    return rows.sort_values("key").reset_index(drop=True)


def positions(rows: pd.DataFrame, cells: pd.DataFrame, n_columns: int) -> np.ndarray:
    """Row of `rows` each cell belongs to (-1: its indicator has no goal or no goal row)."""
    goal = cells["goal"].to_numpy()
    wanted = (cells["place"].to_numpy() * N_GOALS + goal - 1) * n_columns + cells["column"].to_numpy()
    keys = rows["key"].to_numpy()
    if len(keys) == 0:
        return np.full(len(cells), -1)
    found = np.clip(np.searchsorted(keys, wanted), 0, max(len(keys) - 1, 0))
    ok = (goal >= 1) & (keys[found] == wanted)
    return np.where(ok, found, -1)


def goal_scores(rows: pd.DataFrame, cells: pd.DataFrame, settings: Settings, n_columns: int,
                not_applicable: np.ndarray | None = None) -> pd.DataFrame:
    """Score = mean of the goal's available index indicators; colour by the source's rule;
    arrow from the trend indicators' arrows. Cells marked `not_applicable` count in none of them
    (a landlocked country's Goal 14: its row is left without a score, colour or arrow)."""
    pos = positions(rows, cells, n_columns)
    if not_applicable is not None:
        pos = np.where(not_applicable, -1, pos)
    n = len(rows)
    score = cells["score"].to_numpy()
    use = (pos >= 0) & cells["in_index"].to_numpy() & ~np.isnan(score)
    available = np.bincount(pos[use], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        rows["score"] = np.bincount(pos[use], weights=score[use], minlength=n) / available
    rows["n_available"] = available
    board = (pos >= 0) & cells["in_dashboard"].to_numpy()
    rows["colour_code"] = colours.goal_colours(
        pos[board],
        cells["rescaled"].to_numpy()[board],
        cells["colour"].to_numpy()[board],
        rows["n_dashboard"].to_numpy(),
        settings.goal_colour_rule,
        settings.goal_min_share,
    )
    trend = (pos >= 0) & cells["in_trend"].to_numpy()
    rows["arrow_code"] = trends.goal_arrows(
        pos[trend],
        cells["arrow"].to_numpy()[trend],
        rows["n_trend"].to_numpy(),
        settings.trend_coverage,
    )
    return rows


def index_scores(
    goals: pd.DataFrame, index_group: np.ndarray, settings: Settings, n_columns: int,
    stated: tuple[np.ndarray, np.ndarray] | None = None, landlocked: np.ndarray | None = None,
    kind: np.ndarray | None = None, whole_of: np.ndarray | None = None,
) -> pd.DataFrame:
    """Index = mean of goal scores (equal weights); coverage = share of the place's index
    indicators with data; ranked when coverage >= place_coverage; rank 1 = best. With
    missing_goal_rule 'group_mean' a missing goal takes the mean of that goal among the
    ranked places of the same index group (`index_group` per place code, -1 = none), or the value the
    source states for the place's group (`stated`: place code x goal 0-17, NaN where none, and per
    place code the column it is stated for, -1 for every column). Ranks compare like with like:
    places of one `kind` (a code per place code), so a country's own row among its states (SDSN's
    US workbook with a "United States" row of averages) is not 26th of them, with Louisiana 51st
    of 50; and a place that is the whole of places ranked in its ranking in the year (`whole_of`: per
    place code the code of its whole in its own ranking, -1 for none) is ranked among such wholes
    only (`whole`), not among its parts: València was ranked among its own 19 districts."""
    place_year = goals["place"].to_numpy() * n_columns + goals["column"].to_numpy()
    keys, at = np.unique(place_year, return_inverse=True)
    counted = goals["n_index"].to_numpy(dtype="float64")
    if landlocked is not None:  # a goal that does not apply is not missing from the coverage
        counted = np.where(landlocked[goals["place"].to_numpy()] & (goals["goal"].to_numpy() == SEA_GOAL),
                           0.0, counted)
    n_indicators = np.bincount(at, weights=counted, minlength=len(keys))
    n_available = np.bincount(at, weights=goals["n_available"], minlength=len(keys))
    with np.errstate(invalid="ignore", divide="ignore"):
        cover = np.where(n_indicators > 0, n_available / n_indicators, 0.0)
    ranked = cover >= settings.place_coverage - 1e-9
    scored_goals = np.bincount(at[~np.isnan(goals["score"].to_numpy())], minlength=len(keys))
    ranked &= scored_goals >= settings.index_min_goals
    score = goals["score"].to_numpy()
    filled = score.copy()
    if settings.missing_goal_rule == "group_mean":
        group = index_group[goals["place"].to_numpy()]
        peer = (group >= 0) & ranked[at] & ~np.isnan(score)
        size = (index_group.max(initial=-1) + 1) * N_GOALS * n_columns
        slot = (group * N_GOALS + goals["goal"].to_numpy() - 1) * n_columns + goals["column"].to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.bincount(slot[peer], weights=score[peer], minlength=size) / np.bincount(
                slot[peer], minlength=size
            )
        gap = np.isnan(score) & (group >= 0) & (goals["n_index"].to_numpy() > 0)
        filled[gap] = means[slot[gap]]
        if stated is not None:  # the source's own means, where (and for the year) it publishes them
            means_of, stated_column = stated
            place = goals["place"].to_numpy()
            given = means_of[place, goals["goal"].to_numpy()]
            when = stated_column[place]
            given[(when != -1) & (when != goals["column"].to_numpy())] = np.nan
            told = np.isnan(score) & (goals["n_index"].to_numpy() > 0) & ~np.isnan(given)
            filled[told] = given[told]
    has = ~np.isnan(filled)
    n_goals = np.bincount(at[has], minlength=len(keys))
    with np.errstate(invalid="ignore", divide="ignore"):
        index_score = np.bincount(at[has], weights=filled[has], minlength=len(keys)) / n_goals
    index = pd.DataFrame(
        {
            "place": keys // n_columns,
            "column": keys % n_columns,
            "score": index_score,
            "coverage": cover,
            "ranked": ranked,
            "n_goals": n_goals,
            "n_goals_imputed": np.bincount(at[has & np.isnan(score)], minlength=len(keys)),
            "n_indicators": n_indicators.astype(int),
            "n_available": n_available.astype(int),
        }
    )
    index["whole"] = ranked_wholes(index["place"].to_numpy(), index["column"].to_numpy(),
                                   index["ranked"].to_numpy(), whole_of)
    rankable = index["score"].where(index["ranked"])
    among = [index["column"], index["whole"]]
    if kind is not None:
        among.append(pd.Series(kind[index["place"].to_numpy()], index=index.index))
    index["rank"] = rankable.groupby(among).rank(ascending=False, method="min").astype("Int64")
    return index


def ranked_wholes(place: np.ndarray, column: np.ndarray, ranked: np.ndarray,
                  whole_of: np.ndarray | None) -> np.ndarray:
    """Per index row (place code, score column): whether the place is the whole of a place ranked in
    that column (`whole_of`: per place code its whole's code in the same ranking, -1 for none). A
    whole with no part ranked that year (a goal measured for the city only) is not one."""
    if whole_of is None or not len(place) or not (whole_of >= 0).any():
        return np.zeros(len(place), dtype=bool)
    width = int(column.max()) + 1
    part = ranked & (whole_of[place] >= 0)
    wholes = np.unique(whole_of[place[part]].astype(np.int64) * width + column[part])
    return np.isin(place.astype(np.int64) * width + column, wholes)
