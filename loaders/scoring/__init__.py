"""Score a store: SDSN index and dashboards, trend arrows, Open SDG progress, peers (pure pandas).

Call `score_store(places, indicators, observations, options)` once per import and store every
table it returns with the data version; the dashboard never recomputes scores per request.
`options` is the source's `Bundle.options` (see `settings.Settings` for every key). Only
headline observations (breakdown == "") are scored. Id and category columns of the returned
tables are pandas Categoricals (cheap to build, dictionary-encoded in Parquet).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from loaders.scoring import colours, goals, membership, normalise, panel, peers, progress, trends
from loaders.scoring.settings import (
    ARROW_SYMBOLS,
    ARROWS,
    COLOURS,
    PROGRESS,
    SEA_GOAL,
    Settings,
    landlocked_countries,
    parents_of,
    rank_group,
    wholes_of,
)

__all__ = ["score_store", "Settings", "ARROWS", "ARROW_SYMBOLS", "COLOURS", "PROGRESS", "TABLES"]

TABLES = ("indicator_scores", "goal_scores", "index", "progress", "peers", "bounds")
# fmt: off
COLUMNS = {
    "indicator_scores": ["place_id", "indicator_id", "goal", "year", "value", "value_year", "score",
                         "best", "worst", "trend_base_year", "in_index", "in_dashboard", "in_trend",
                         "colour", "arrow"],
    "goal_scores": ["place_id", "goal", "year", "score", "colour", "arrow", "n_indicators",
                    "n_available", "n_dashboard", "n_trend"],
    "index": ["place_id", "year", "score", "rank", "coverage", "ranked", "n_goals", "n_goals_imputed",
              "n_indicators", "n_available", "whole"],
    "progress": ["place_id", "indicator_id", "year", "current_value", "current_year", "base_year",
                 "base_value", "cagr", "required_cagr", "ratio", "status"],
    "peers": peers.PEER_COLUMNS,
}
# fmt: on
"""Columns of each derived table (`bounds` has normalise.BOUNDS_COLUMNS)."""


def pair_vectors(bounds: pd.DataFrame, indicator_ids: np.ndarray) -> dict[str, np.ndarray]:
    """Each indicator attribute as a column vector aligned with the panel's pairs."""
    meta = bounds.set_index("indicator_id").reindex(indicator_ids)
    out = {
        name: pd.to_numeric(meta[name], errors="coerce").to_numpy(float)[:, None]
        for name in (
            "best",
            "worst",
            "green_threshold",
            "yellow_threshold",
            "orange_threshold",
            "red_threshold",
            "target_value",
            "target_year",
        )
    }
    out["sign"] = np.where(meta["direction"].to_numpy() == "lower", -1.0, 1.0)[:, None]
    return out


def unscored_totals(grid: panel.Panel, bounds: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Per pair of `grid`: a whole's value of an indicator on which it is its parts' total
    (`normalise.whole_totals`), which is not scored."""
    if not settings.wholes or "whole_totals" not in bounds or not grid.n_pairs:
        return np.zeros(grid.n_pairs, dtype=bool)
    named = bounds.set_index(bounds["indicator_id"].astype(str))["whole_totals"].fillna("").astype(str)
    listed = [(indicator, whole) for indicator, wholes in named.items() if wholes
              for whole in wholes.split(";")]
    if not listed:
        return np.zeros(grid.n_pairs, dtype=bool)
    indicator = grid.indicators.astype(str).get_indexer([i for i, _w in listed])
    place = grid.places.astype(str).get_indexer([w for _i, w in listed])
    kept = (indicator >= 0) & (place >= 0)  # as codes: a national store has a million pairs
    wanted = indicator[kept].astype(np.int64) * len(grid.places) + place[kept]
    code = grid.indicator_code.astype(np.int64) * len(grid.places) + grid.place_code
    return np.isin(code, wanted)


def flatten(grid: panel.Panel, arrays: dict[str, np.ndarray]) -> pd.DataFrame:
    """Long rows for every scored year in which a pair has a value; `column` indexes the
    scored years."""
    columns = grid.score_columns
    has = ~np.isnan(grid.value[:, columns])
    rows, cols = np.nonzero(has)
    frame = pd.DataFrame(
        {
            "place": grid.place_code[rows],
            "indicator": grid.indicator_code[rows],
            "column": cols,
            "year": grid.years[columns][cols].astype(int),
        }
    )
    for name, array in arrays.items():
        frame[name] = np.broadcast_to(array, grid.value.shape)[:, columns][has]
    return frame


def codes_of(labels: pd.Series | dict | None, places: pd.Index) -> np.ndarray:
    """Integer code per place of a place -> group mapping (-1: no group)."""
    mapped = pd.Series(labels if labels is not None else {}, dtype=object).reindex(places)
    return pd.factorize(mapped.to_numpy())[0].astype(np.int64)


def index_group_codes(settings: Settings, places: pd.DataFrame, place_ids: pd.Index) -> np.ndarray:
    spec = settings.index_groups
    if isinstance(spec, str) and spec in places.columns:
        spec = dict(zip(places["place_id"].astype(str), places[spec], strict=True))
    return codes_of(spec if isinstance(spec, dict) else None, place_ids)


def stated_means(
    settings: Settings, place_ids: pd.Index, years: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """`index_scores`' `stated`: per place code and goal, the mean the source states for the place's
    index group (`Settings.missing_goal_values`, by group), NaN where it states none; and per place the
    score column (of `years`) it was stated for (`Settings.missing_goal_years`), -1 for every column,
    -2 for none scored. Keyed by group so that the means one workbook states never fill the goals of
    another source's places, and by year so that the 2023 means never fill 2015's goals."""
    values, groups = settings.missing_goal_values, settings.index_groups
    if not values or not isinstance(groups, dict):
        return None
    group_of = pd.Series(groups, dtype=object).astype(str).reindex(place_ids.astype(str)).to_numpy()
    stated = np.full((len(place_ids), membership.N_GOALS + 1), np.nan)
    column = np.full(len(place_ids), -1, dtype=np.int64)
    for group, means in values.items():
        inside = group_of == str(group)
        for goal, value in means.items():
            stated[inside, int(goal)] = float(value)
        year = settings.missing_goal_years.get(str(group))
        if year is not None:
            at = np.flatnonzero(np.asarray(years) == int(year))
            column[inside] = at[0] if len(at) else -2
    return stated, column


def score_store(
    places: pd.DataFrame, indicators: pd.DataFrame, observations: pd.DataFrame, options: dict | None = None
) -> dict[str, pd.DataFrame]:
    """All derived tables, keyed by TABLES."""
    settings = replace(Settings.from_options(options), import_groups=imports_of(observations),
                       no_sea=landlocked_countries(places), wholes=wholes_of(places))
    grid = panel.build(observations, settings.years, settings.max_data_age, indicators["indicator_id"])
    settings = replace(settings, parents=parents_of(places, grid.places))
    bounds = normalise.bounds_table(indicators, grid, settings.wholes, settings.parents)
    if grid.n_pairs == 0:
        return {**{name: pd.DataFrame(columns=cols) for name, cols in COLUMNS.items()}, "bounds": bounds}
    cells, goal_table = score_cells(grid, bounds, settings)
    years = grid.years[grid.score_columns]
    kinds = kind_codes(places, grid.places)
    index = goals.index_scores(
        goal_table, index_group_codes(settings, places, grid.places), settings, len(grid.score_columns),
        stated_means(settings, grid.places, years), grid.places.isin(settings.no_sea),
        kinds, whole_codes(settings.parents, grid.places, kinds),
    )
    index_out = output_index(index, grid, years)
    return {
        "indicator_scores": indicator_table(cells, grid),
        "goal_scores": goal_output(goal_table, grid, years),
        "index": index_out,
        "progress": progress_table(cells, grid),
        "peers": peers.peer_table(places, index_out),
        "bounds": bounds,
    }


def kind_codes(places: pd.DataFrame | None, place_ids: pd.Index) -> np.ndarray | None:
    """A code per place of `place_ids` for its kind (city, region, country...), -1 where unknown:
    ranks are counted among places of one kind (`goals.index_scores`)."""
    if places is None or not {"place_id", "kind"} <= set(places.columns):
        return None
    first = places.drop_duplicates("place_id")
    grouped = [rank_group(kind) for kind in first["kind"].astype(object).tolist()]
    kinds = pd.Series(pd.array(grouped, dtype="string"), index=first["place_id"].astype(str).to_numpy())
    named = kinds.reindex(place_ids.astype(str))
    return pd.factorize(named, use_na_sentinel=True)[0]


def whole_codes(parents: tuple[tuple[str, str], ...], place_ids: pd.Index,
                kinds: np.ndarray | None) -> np.ndarray | None:
    """Per place of `place_ids`: the position of its whole (`Settings.parents`) among them where the
    two are ranked in one ranking (`kind_codes`: a city and its districts), else -1; None without
    any (`goals.index_scores` ranks a whole apart from its parts)."""
    if not parents:
        return None
    ids = pd.Index(place_ids.astype(str))
    part, whole = (ids.get_indexer([pair[n] for pair in parents]) for n in (0, 1))
    inside = (part >= 0) & (whole >= 0)
    part, whole = part[inside], whole[inside]
    if kinds is not None:
        same = (kinds[part] == kinds[whole]) & (kinds[part] >= 0)
        part, whole = part[same], whole[same]
    if not len(part):
        return None
    codes = np.full(len(ids), -1, dtype=np.int64)
    codes[part] = whole
    return codes


def imports_of(observations: pd.DataFrame) -> dict[str, str]:
    """Each place's main import among its headline values (`membership.primary_imports`)."""
    if "imported_from" not in observations or observations.empty:
        return {}
    rows = panel.headline_mask(observations)  # the values scoring reads, as the partitioned pass
    for column in ("value", "year"):
        rows &= ~np.isnan(pd.to_numeric(observations[column], errors="coerce").to_numpy(float))
    place, places = pd.factorize(observations["place_id"][rows])
    source, sources = pd.factorize(observations["imported_from"][rows])
    sources = list(sources.astype(str))
    brought = pd.DataFrame({"source": source, "indicator": observations["indicator_id"][rows].to_numpy()})
    brought = brought[brought["source"] >= 0].dropna().drop_duplicates()
    indicators_of = {sources[code]: set(map(str, part["indicator"]))
                     for code, part in brought.groupby("source")}
    return membership.primary_imports(place, source, list(places.astype(str)), sources,
                                      joined=membership.editions(indicators_of))


def score_cells(
    grid: panel.Panel, bounds: pd.DataFrame, settings: Settings, presence: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicator cells (one per pair and scored year with a value) and goal rows (coded).

    `presence` (place code x scored column, bool) says which places have any value in a year
    across the whole store; it is given when `grid` holds only some indicators (a partition),
    so coverage shares and goal rows count the same places as a whole-store panel would."""
    v = pair_vectors(bounds, grid.indicator_id)
    totals = unscored_totals(grid, bounds, settings)
    if totals.any():  # a whole's count is not scored against its parts' range: no bounds, no thresholds
        for name in ("best", "worst", "green_threshold", "yellow_threshold", "orange_threshold",
                     "red_threshold"):
            v[name] = np.where(totals[:, None], np.nan, v[name])
    value, sign, best, worst = grid.value, v["sign"], v["best"], v["worst"]
    green, red = v["green_threshold"], v["red_threshold"]
    arrow, trend_base = trends.indicator_arrows(
        grid, panel.series_rows(grid, settings.trend_series), best, worst, green, settings
    )
    status = progress.progress_status(grid, sign, v["target_value"], v["target_year"], settings)
    cells = flatten(
        grid,
        {
            "value": value,
            "value_year": grid.value_year,
            "score": normalise.normalise(value, best, worst),
            "colour": colours.indicator_colours(
                value, sign, green, v["yellow_threshold"], v["orange_threshold"]
            ),
            "rescaled": colours.rescale_0_3(value, sign, best, worst, green, red),
            "arrow": arrow,
            "trend_base_year": trend_base,
            "best": best,
            "worst": worst,
            **{f"progress_{name}": array for name, array in status.items()},
        },
    )
    n_columns = len(grid.score_columns)
    goal_of = (
        pd.to_numeric(bounds.set_index("indicator_id")["goal"].reindex(grid.indicators), errors="coerce")
        .fillna(0)
        .to_numpy(np.int64)
    )
    cells["goal"] = goal_of[cells["indicator"].to_numpy()]
    group_of_place, group_names = membership.group_codes(settings, grid.places)
    cells["group"] = group_of_place[cells["place"].to_numpy()]
    place_years = None if presence is None else np.flatnonzero(presence.ravel())
    per_group = membership.by_import(settings)  # else one coverage over every place
    share = membership.coverage(
        cells["place"].to_numpy(),
        cells["indicator"].to_numpy(),
        cells["column"].to_numpy(),
        len(grid.indicators),
        n_columns,
        place_years,
        group_of_place if per_group else None,
        len(group_names) if per_group else 1,
    )
    member = membership.matrices(settings, grid.indicators, group_names, share)
    at = (cells["group"].to_numpy(), cells["indicator"].to_numpy(), cells["column"].to_numpy())
    for kind in membership.KINDS:
        cells[f"in_{kind}"] = member[kind][at]
    counts = {kind: membership.goal_counts(member[kind], goal_of) for kind in membership.KINDS}
    rows = goals.goal_rows(cells, counts, group_of_place, n_columns, place_years)
    return cells, goals.goal_scores(rows, cells, settings, n_columns, not_applicable(cells, grid, settings))


def not_applicable(cells: pd.DataFrame, grid: panel.Panel, settings: Settings) -> np.ndarray | None:
    """Cells of a goal that does not apply to their place (a landlocked country's Goal 14): the
    indicator keeps its score and colour, the goal gets none from it."""
    if not settings.no_sea:
        return None
    landlocked = grid.places.isin(settings.no_sea)
    return landlocked[cells["place"].to_numpy()] & (cells["goal"].to_numpy() == SEA_GOAL)



def ids(codes: np.ndarray, labels: pd.Index) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=labels.astype(str))


def named(codes: np.ndarray, names: tuple[str, ...]) -> pd.Categorical:
    """Category names for codes -1..n-2 (NAMES[code + 1])."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=int) + 1, categories=list(names))


def indicator_table(cells: pd.DataFrame, grid: panel.Panel, order: np.ndarray | None = None) -> pd.DataFrame:
    """The indicator_scores rows of `cells` (in `order`, a permutation of them, when given)."""
    column = in_order(cells, order)
    goal = column("goal")
    out = pd.DataFrame(
        {
            "place_id": ids(column("place"), grid.places),
            "indicator_id": ids(column("indicator"), grid.indicators),
            "goal": pd.Series(goal).where(goal > 0).astype("Int64").array,
        }
    )
    for name in (
        "year",
        "value",
        "value_year",
        "score",
        "best",
        "worst",
        "trend_base_year",
        "in_index",
        "in_dashboard",
        "in_trend",
    ):
        out[name] = column(name)
    out["colour"] = named(column("colour"), COLOURS)
    out["arrow"] = named(column("arrow"), ARROWS)
    return out


def in_order(cells: pd.DataFrame, order: np.ndarray | None):
    """A column of `cells` as an array, taken in `order` when given."""
    if order is None:
        return lambda name: cells[name].to_numpy()
    return lambda name: cells[name].to_numpy()[order]


def goal_output(goal_table: pd.DataFrame, grid: panel.Panel, years: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "place_id": ids(goal_table["place"].to_numpy(), grid.places),
            "goal": goal_table["goal"].to_numpy(),
            "year": years[goal_table["column"].to_numpy()],
            "score": goal_table["score"].to_numpy(),
            "colour": named(goal_table["colour_code"].to_numpy(), COLOURS),
            "arrow": named(goal_table["arrow_code"].to_numpy(), ARROWS),
            "n_indicators": goal_table["n_index"].to_numpy(),
            "n_available": goal_table["n_available"].to_numpy(),
            "n_dashboard": goal_table["n_dashboard"].to_numpy(),
            "n_trend": goal_table["n_trend"].to_numpy(),
        }
    )


def output_index(index: pd.DataFrame, grid: panel.Panel, years: np.ndarray) -> pd.DataFrame:
    out = index.drop(columns=["place", "column"])
    out.insert(0, "place_id", ids(index["place"].to_numpy(), grid.places))
    out.insert(1, "year", years[index["column"].to_numpy()])
    return out[
        [
            "place_id",
            "year",
            "score",
            "rank",
            "coverage",
            "ranked",
            "n_goals",
            "n_goals_imputed",
            "n_indicators",
            "n_available",
            "whole",
        ]
    ]


def progress_table(cells: pd.DataFrame, grid: panel.Panel, order: np.ndarray | None = None) -> pd.DataFrame:
    """The progress rows of `cells` (in `order`, a permutation of them, when given)."""
    column = in_order(cells, order)
    out = pd.DataFrame(
        {
            "place_id": ids(column("place"), grid.places),
            "indicator_id": ids(column("indicator"), grid.indicators),
            "year": column("year"),
            "current_value": column("value"),
            "current_year": column("value_year"),
        }
    )
    for name in ("base_year", "base_value", "cagr", "required_cagr", "ratio"):
        out[name] = column(f"progress_{name}")
    out["status"] = named(column("progress_status_code"), PROGRESS)
    return out
