"""A place's facts in a year: its SDG Index, rank and goals, as its page may state them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from layouts.as_published import published_index
from layouts.facts import separating_digits
from layouts.i18n import missing
from layouts.year_spans import Years
from loaders.scoring.settings import Settings, rank_group
from loaders.store import StoreData


@dataclass(frozen=True)
class IndexFacts:
    """A place's SDG Index in a year and whether the coverage rule lets it be shown."""

    score: float | None
    rank: int | None
    ranked_places: int
    """How many places are ranked in that year: the rank's group."""
    shown: bool
    goals_with_data: int
    """Goals with a score of the place's own (not one imputed from its group's mean)."""
    indicators: int
    available: int
    required: float
    min_goals: int
    """Goals with a score a place needs for an index and a rank (`Settings.index_min_goals`)."""
    published: tuple[float, int | None, int, int] | None = None
    """The index the source itself published for the place (SDSN's workbooks) in the year, or the
    latest year before it: score, rank (None where it gives none), how many places it ranked that
    year, and the year; None where it published none."""
    digits: int = 1
    """Decimals the score is written with: more where one would write a neighbour in the ranking the
    same (`separating_digits`): San Pedro's "51.6, rank 61" beside Mineros' "51.58, rank 62"."""
    published_unranked: tuple[int, int] | None = None
    """Where the source's index is of another year that this dashboard gives the place no index
    for: the place's indicators with data then and those the index needs (Eritrea's page of 2018
    beside the source's 2019, a year it has data for 78 % of them, under the 80 % rule)."""

    @property
    def too_few_goals(self) -> bool:
        return self.goals_with_data < self.min_goals

    @property
    def too_few_indicators(self) -> bool:
        return self.indicators > 0 and self.available / self.indicators < self.required - 1e-9


def settings_of(store: StoreData) -> Settings:
    """The scoring settings of the store's version, by the source's options."""
    try:
        return Settings.from_options(store.meta.get("options"))
    except (TypeError, ValueError):
        return Settings()


def index_facts(store: StoreData, place_id: str, year: int) -> IndexFacts | None:
    settings = settings_of(store)
    table = store.tables.get("index")
    if table is None or table.empty:
        return None
    rows, at, groups = year_rows(store, table, year)
    position = at.get(str(place_id))
    if position is None:
        return None
    row = rows.iloc[position]
    scores, digits = groups.get(ranking_of(kinds_of(store).get(str(place_id)), row.get("whole")),
                                (np.zeros(0), np.zeros(0, dtype=int)))
    ranked = bool(row.get("ranked", True)) if not pd.isna(row.get("ranked", True)) else False
    score = None if pd.isna(row["score"]) else float(row["score"])
    rank = None if pd.isna(row.get("rank")) else int(row["rank"])
    published = published_index(store, place_id, year)
    # a rank among one place tells nothing (València, the only city beside its ranked districts)
    return IndexFacts(score, rank if ranked and not row.get("lone", False) else None, len(scores),
                      shown=ranked and score is not None,
                      goals_with_data=count(row, "n_goals") - count(row, "n_goals_imputed"),
                      indicators=count(row, "n_indicators"),
                      available=count(row, "n_available"), required=settings.place_coverage,
                      min_goals=settings.index_min_goals, published=published,
                      digits=written_digits(scores, digits, score) if ranked and score is not None else 1,
                      published_unranked=unranked_in(store, table, place_id, published[3])
                      if published is not None and published[3] != int(year) else None)


def year_rows(store: StoreData, table: pd.DataFrame, year: int):
    """`index_year` of a year, kept per version."""
    return store.kept("index-year", int(year), lambda: index_year(table, year, kinds_of(store)), limit=32)


def written_digits(scores: np.ndarray, digits: np.ndarray, score: float) -> int:
    """The decimals a place's index score is written with in its ranking (`scores` best first and
    their `separating_digits`), as the map's list writes it: San Pedro's "51.6, rank 61" stood
    beside Mineros' 51.58, rank 62."""
    if not len(scores):
        return 1
    at = min(int(np.searchsorted(-scores, -score, side="left")), len(scores) - 1)
    return int(digits[at])


def count(row: pd.Series, name: str) -> int:
    """A count of an index row, 0 where it is missing."""
    value = row.get(name)
    return 0 if value is None or pd.isna(value) else int(value)


def unranked_in(store: StoreData, table: pd.DataFrame, place_id: str, year: int) -> tuple[int, int] | None:
    """(indicators with data, indicators of the index) of a place in a year this dashboard gives it no
    index for; None where it does give one (or has no row for it)."""
    rows, at, _groups = year_rows(store, table, year)
    position = at.get(str(place_id))
    if position is None:
        return None
    row = rows.iloc[position]
    ranked = row.get("ranked", True)
    if not pd.isna(ranked) and bool(ranked):
        return None
    return count(row, "n_available"), count(row, "n_indicators")


def kinds_of(store: StoreData) -> dict[str, object]:
    """Each place's ranking group by id (its kind; cities and districts together: `rank_group`), once
    per version: ranks are counted among places of one group."""
    def made() -> dict[str, object]:
        places = store.places
        if places is None or not {"place_id", "kind"} <= set(places.columns):
            return {}
        return dict(zip(places["place_id"].astype(str), map(rank_group, places["kind"].astype(object)),
                        strict=True))

    return store.kept("place-kinds", 0, made, limit=1)


def index_year(table: pd.DataFrame, year: int, kinds: dict[str, object] | None = None
               ) -> tuple[pd.DataFrame, dict[str, int], dict[object, tuple[np.ndarray, np.ndarray]]]:
    """A year's index rows, where each place's (first) row is in them, and each ranking group's
    ranked scores, best first, with the decimals each is written with (`separating_digits`): its
    size is the rank's "of N" (ranks count like with like: a country's row among its states is
    ranked among countries), its texts those of the map's list. Once per version and year, not a
    scan of every year's rows per city page."""
    this_year = table[(table["year"] == year).fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)
    this_year["lone"] = lone_ranks(this_year, kinds or {})
    at: dict[str, int] = {}
    for position, place in enumerate(this_year["place_id"].astype(object).tolist()):
        at.setdefault(str(place), position)
    ranked = this_year["ranked"].astype("boolean").fillna(False).to_numpy(dtype=bool) \
        if "ranked" in this_year else np.ones(len(this_year), dtype=bool)
    scores = pd.to_numeric(this_year["score"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    places = this_year["place_id"].astype(object).tolist()
    wholes = this_year["whole"].tolist() if "whole" in this_year else [False] * len(places)
    rankings = [ranking_of((kinds or {}).get(str(place)), whole)
                for place, whole in zip(places, wholes, strict=True)]
    members: dict[tuple[object, bool], list[int]] = {}
    for row in np.flatnonzero(ranked & ~np.isnan(scores)).tolist():
        members.setdefault(rankings[row], []).append(row)
    groups = {}
    for group, rows in members.items():
        ordered = np.sort(scores[rows])[::-1]
        groups[group] = (ordered, separating_digits(ordered))
    return this_year, at, groups


def lone_ranks(index: pd.DataFrame, kinds: dict[str, object]) -> np.ndarray:
    """Per index row: whether its rank is the only one in its ranking of the year (`ranking_of`:
    València, the one whole beside its ranked districts). A rank among one place says nothing, so
    the map, the city page (`index_facts`) and Explore's rank column give none; the stored rank stays."""
    if index.empty or "rank" not in index:
        return np.zeros(len(index), dtype=bool)
    ranked = index["rank"].notna()
    group = index["place_id"].astype(str).map(kinds).astype(object).fillna("")  # unknown kinds: one group
    whole = index["whole"].astype("boolean").fillna(False) if "whole" in index else \
        pd.Series(False, index=index.index)
    alone = ranked & (ranked.groupby([index["year"], group, whole]).transform("sum") == 1)
    return alone.to_numpy(dtype=bool)


def ranking_of(kind: object, whole: object) -> tuple[object, bool]:
    """The ranking an index row is counted in: its place's group (`kinds_of`), and whether the place
    is ranked as the whole of places ranked that year (the index's `whole`: València apart from its
    districts; missing in stores scored before, where it was ranked among them)."""
    return kind, bool(whole) if isinstance(whole, (bool, np.bool_)) else False


@dataclass(frozen=True)
class CityFacts:
    """A place's goals in a year: what its tiles, summary and title may say."""

    place: str
    year: int
    goals_scored: int
    worst: tuple[int, float] | None
    best: tuple[int, float] | None
    with_trend: int
    on_track: int
    red: int
    index: IndexFacts | None
    values: Years
    opening: int | None = None
    """The year the place's page opens on (`scores.place_opening_years`; None: no goal score in any
    year)."""
    other_scored: int = 0
    """The place's indicators of no SDG goal with a score that year (`indicator_rows.OTHER`'s
    section): Benin's départements have 44 and no goal score, and their page said only "no goal
    scores yet"."""


def city_facts(name: str, goal_rows: pd.DataFrame, index: IndexFacts | None, year: int,
               values: Years, opening: int | None = None, other_scored: int = 0) -> CityFacts:
    """What a place's goal rows of one year may say. Read as lists: the 17 rows made five frames
    in pandas, 2 ms of every city page."""
    scored, with_trend, on_track, red = [], 0, 0, 0
    for goal, score, colour, arrow in zip(*(goal_rows[column].tolist() for column in
                                            ("goal", "score", "colour", "arrow")), strict=True):
        if not missing(arrow) and arrow != "no_data":
            with_trend += 1
            on_track += arrow in ("on_track", "maintaining")
        if not missing(score):
            scored.append((float(score), goal))
            red += isinstance(colour, str) and colour == "red"
    scored.sort()  # by score, then goal, as the worst and best are named
    worst = (int(scored[0][1]), scored[0][0]) if scored else None
    best = (int(scored[-1][1]), scored[-1][0]) if scored else None
    return CityFacts(name, year, goals_scored=len(scored), worst=worst, best=best, with_trend=with_trend,
                     on_track=on_track, red=red, index=index, values=values, opening=opening,
                     other_scored=other_scored)
