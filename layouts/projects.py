"""Innovation projects as the pages need them: filters, and the tallies behind every chart and table."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import pandas as pd

from layouts import i18n
from layouts.i18n import _
from layouts.names import place_labels
from layouts.reference import goals
from layouts.vocabulary import NOT_STATED, label
from layouts.years import known_periods
from loaders.projects.vocab import FUNDING_SOURCES, OTHER
from loaders.schema import LIST_SEPARATOR, PROJECT_STATUSES, PROJECT_THEMES

GOALS = list(range(1, 18))
RED_SHARE = 0.25
"""A goal counts as 'in red' for the financing view when at least this share of places is rated red."""


@dataclass(frozen=True, eq=False)
class Catalogue:
    """Projects with their place, start year and row-aligned yes/no matrices of goals and funding sources."""

    projects: pd.DataFrame
    goals: np.ndarray
    funding: np.ndarray
    funding_names: tuple[str, ...]
    places: pd.DataFrame
    years: list[int]
    periods: dict[str, int] = field(default_factory=dict)
    """The periods the store's data writes, with the year each stands for (`years.known_periods`):
    `from` and `to` may name one as the other pages write it."""


@dataclass(frozen=True)
class Filters:
    """What the projects page shows (None or empty = all); field names are the URL's keys."""

    goal: int | None = None
    theme: str | None = None
    status: tuple[str, ...] = ()
    funding: str | None = None
    procurement: str | None = None
    region: str | None = None
    place: str | None = None
    start: int | None = None
    end: int | None = None
    budget_min: int | None = None
    budget_max: int | None = None


@dataclass(frozen=True)
class Selection:
    """The projects that pass the filters, with their rows of the goal and funding matrices."""

    projects: pd.DataFrame
    goals: np.ndarray
    funding: np.ndarray
    funding_names: tuple[str, ...]
    positions: np.ndarray
    """Row numbers of the selected projects in the catalogue."""


ORDERING_COLUMNS = ("start_year", "start_day", "budget_order")
"""Columns the catalogue adds to the projects for filtering and ordering: not the projects' own
(the API's rows leave them out)."""


def start_day(dates: pd.Series) -> pd.Series:
    """ISO start dates as numbers that order them ('2024-09-17' -> 20240917); a date of a month or a
    year alone comes before the days it holds ('2024' -> 20240000): the table's newest first was
    by year alone, so within a year it was by title."""
    digits = dates.astype("string").str.replace("-", "", regex=False).str.slice(0, 8).str.pad(8, "right", "0")
    whole = digits.str.fullmatch(r"\d{8}").fillna(False)
    return pd.to_numeric(digits.where(whole), errors="coerce").astype("Int64")


def budget_order(frame: pd.DataFrame) -> pd.Series:
    """What the table's budget orders go by: the dollar figure, or, in a list with none (no rate
    table for its currency) whose budgets are all in one currency, the budget itself: a Bolivian
    register's largest budget first was its titles' order. Budgets of several currencies and no
    dollar figure are not compared."""
    usd = frame["budget_usd"].astype("Float64")
    if usd.notna().any() or "budget" not in frame:
        return usd
    stated = frame["currency"].astype("string")[frame["budget"].notna()]
    one = stated.nunique(dropna=False) == 1 and stated.notna().all()  # budgets of no stated currency: no
    return frame["budget"].astype("Float64") if one else usd


def indicator_matrix(values: pd.Series, names: list[str]) -> np.ndarray:
    """One yes/no column per name, for ';'-joined lists."""
    dummies = values.fillna("").str.replace(" ;", ";").str.replace("; ", ";").str.get_dummies(LIST_SEPARATOR)
    return dummies.reindex(columns=names, fill_value=0).to_numpy(dtype=bool)


def catalogue(projects: pd.DataFrame, places: pd.DataFrame) -> Catalogue:
    """Prepared once per store version: every filter and tally afterwards is a mask and a sum."""
    located = places[places["kind"].isin(["city", "district"])]
    known = set(located["place_id"])
    extra = places[places["place_id"].isin(set(projects["place_id"]) - known)]
    located = pd.concat([located, extra])[["place_id", "name", "country_iso3", "un_region", "lat", "lon"]]
    located = located.assign(label=place_labels(located))
    located = located.sort_values("label").reset_index(drop=True)
    frame = projects.reset_index(drop=True).merge(
        located[["place_id", "label", "un_region", "country_iso3"]].rename(columns={"label": "place_name"}),
        on="place_id", how="left")
    frame["place_name"] = frame["place_name"].fillna(frame["place_id"])
    frame["start_year"] = pd.to_numeric(frame["start_date"].str[:4], errors="coerce").astype("Int64")
    frame["start_day"] = start_day(frame["start_date"])
    frame["budget_order"] = budget_order(frame)
    frame["status"] = frame["status"].fillna(NOT_STATED)
    frame["procurement_method"] = frame["procurement_method"].fillna(NOT_STATED)
    for column in ("place_id", "theme", "status", "procurement_method", "un_region"):
        frame[column] = frame[column].astype("category")  # grouping and matching categories is fast
    listed = frame["funding_sources"].dropna().str.split(LIST_SEPARATOR).explode().str.strip()
    funding_names = (*FUNDING_SOURCES, OTHER, *sorted(set(listed) - {*FUNDING_SOURCES, OTHER, ""}))
    years = sorted(int(y) for y in frame["start_year"].dropna().unique())
    return Catalogue(frame, indicator_matrix(frame["goals"], [str(g) for g in GOALS]),
                     indicator_matrix(frame["funding_sources"], list(funding_names)),
                     funding_names, located, years)


KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
"""Per catalogue (so per store version): what the tallies and the table reuse across filters (each
order's rank of every project, the search texts, where each project's place is in `places`)."""


def kept(cat: Catalogue) -> dict:
    found = KEPT.get(cat)
    if found is None:
        found = KEPT.setdefault(cat, {})
    return found


FIELDS = ("theme", "status", "start", "budget", "funding", "procurement", "jobs", "beneficiaries")
"""What a project may state besides its title, place and goals (`stated`)."""


def stated(cat: Catalogue) -> frozenset[str]:
    """The FIELDS some project of the catalogue states, once per catalogue. A chart, a filter or a
    table column of a field no project states can only say "not stated": Berlin's 420 projects state
    their goals alone, and the page drew four empty chart cards, five empty columns and filters of
    start year, budget and status that could choose nothing."""
    memo = kept(cat)
    if "stated" not in memo:
        p = cat.projects

        def some(column: str) -> bool:
            return column in p and bool(pd.to_numeric(p[column], errors="coerce").notna().any())

        def told(column: str) -> bool:
            return column in p and bool((p[column].astype("string").fillna(NOT_STATED) != NOT_STATED).any())

        found = {"theme": told("theme"), "status": told("status"), "start": some("start_year"),
                 "budget": some("budget_usd") or some("budget"), "funding": bool(np.any(cat.funding)),
                 "procurement": told("procurement_method"), "jobs": some("jobs_created"),
                 "beneficiaries": some("beneficiaries")}
        memo["stated"] = frozenset(field for field in FIELDS if found[field])
    return memo["stated"]


def select(cat: Catalogue, f: Filters) -> Selection:
    """The projects that pass every filter."""
    p = cat.projects
    mask = np.ones(len(p), dtype=bool)
    if f.goal is not None:
        mask &= cat.goals[:, f.goal - 1]
    if f.funding is not None and f.funding in cat.funding_names:
        mask &= cat.funding[:, cat.funding_names.index(f.funding)]
    for column, value in (("theme", f.theme), ("procurement_method", f.procurement),
                          ("un_region", f.region), ("place_id", f.place)):
        if value is not None:
            mask &= (p[column] == value).fillna(False).to_numpy(dtype=bool)
    if f.status:
        mask &= p["status"].isin(f.status).to_numpy(dtype=bool)
    for column, low, high in (("start_year", f.start, f.end), ("budget_usd", f.budget_min, f.budget_max)):
        if low is not None:
            mask &= (p[column] >= low).fillna(False).to_numpy(dtype=bool)
        if high is not None:
            mask &= (p[column] <= high).fillna(False).to_numpy(dtype=bool)
    return Selection(p[mask], cat.goals[mask], cat.funding[mask], cat.funding_names, np.flatnonzero(mask))


def budget_of(sel: Selection) -> np.ndarray:
    return sel.projects["budget_usd"].astype("float64").fillna(0.0).to_numpy()


def split(values: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Each project's value shared equally among the columns it has, summed per column."""
    counts = matrix.sum(axis=1)
    shares = np.divide(values, counts, out=np.zeros_like(values), where=counts > 0)
    return shares @ matrix


def by_place(sel: Selection, cat: Catalogue) -> pd.DataFrame:
    """One row per place with projects: counts by status (as words), budget, and where to draw it
    (the place's own coordinates in `cat.places`, else the mean of its projects'). Counted by the
    catalogue's place codes with NumPy: pandas' group-by and reindexing on the place Categorical
    compared its 10,000 categories again and again, 85 ms for a broad filter at 10,000 places."""
    p = sel.projects
    everywhere = p["place_id"].cat.codes.to_numpy(dtype=np.int64)  # the catalogue's place codes
    ids_of = p["place_id"].cat.categories
    found = everywhere >= 0  # a project without a place is in no place's row
    codes, used = pd.factorize(everywhere[found])  # places in order of their first project
    n = len(used)

    def summed(column: str) -> tuple[np.ndarray, np.ndarray]:
        values = p[column].to_numpy(dtype="float64", na_value=np.nan)[found]
        known = ~np.isnan(values)
        return (np.bincount(codes, weights=np.where(known, values, 0.0), minlength=n),
                np.bincount(codes, weights=known, minlength=n))

    # taken at once: indexing the (Arrow-backed) categories one place at a time cost 5.6 µs a place,
    # a quarter of a broad filter's answer at 1,000 places
    ids = list(map(str, ids_of.take(used).tolist()))
    local = np.full(len(p), -1, dtype=np.int64)
    local[found] = codes
    budget = sums(local, p["budget_usd"], n, min_count=1)  # NaN: no project of the place has one
    at = coded_places(cat)[used]
    known_place = at >= 0
    places = cat.places
    located = {}
    for axis in ("lat", "lon"):
        total, count = summed(axis)
        mean = np.divide(total, count, out=np.full(n, np.nan), where=count > 0)
        own = np.full(n, np.nan)
        own[known_place] = places[axis].to_numpy(dtype="float64", na_value=np.nan)[at[known_place]]
        located[axis] = np.where(np.isnan(own), mean, own)
    statuses = [*PROJECT_STATUSES, NOT_STATED]
    status_codes, status_names = coded(p["status"])
    lifecycle = np.array([statuses.index(s) if s in statuses else -1 for s in map(str, status_names)] + [-1])
    status_codes = lifecycle[status_codes][found]  # code -1 (missing) takes the last slot: -1
    tally = np.bincount(codes * len(statuses) + np.where(status_codes >= 0, status_codes, 0),
                        weights=status_codes >= 0, minlength=n * len(statuses)).reshape(n, len(statuses))
    # words once per distinct tally (most places share one), the tallies told apart as whole rows
    rows = np.ascontiguousarray(tally.astype(np.int64))
    keys = rows.view(np.dtype((np.void, rows.dtype.itemsize * len(statuses)))).ravel()
    _, first, which = np.unique(keys, return_index=True, return_inverse=True)
    said = np.empty(len(first), dtype=object)  # of objects, whatever the words
    said[:] = [status_words(dict(zip(statuses, row, strict=True))) for row in rows[first].tolist()]
    words = said[which.ravel()].tolist()
    labels = np.asarray(ids, dtype=object).copy()
    labels[known_place] = places["label"].astype(object).to_numpy()[at[known_place]]
    frame = pd.DataFrame({
        "place_id": pd.array(ids, dtype="string"), "projects": np.bincount(codes, minlength=n),
        "budget_usd": pd.array(budget, dtype=p["budget_usd"].dtype),
        **located, "statuses": words,
        "name": [label if isinstance(label, str) else place
                 for label, place in zip(labels.tolist(), ids, strict=True)]})
    return frame.sort_values(["projects", "name"], ascending=[False, True]).reset_index(drop=True)


def coded_places(cat: Catalogue) -> np.ndarray:
    """Where each of the catalogue's place codes is among `cat.places` (-1: not there), once per
    catalogue."""
    memo = kept(cat)
    if "coded places" not in memo:
        index = pd.Index(cat.places["place_id"].astype(str).to_numpy(object))
        categories = cat.projects["place_id"].cat.categories
        memo["coded places"] = index.get_indexer([str(place) for place in categories])
    return memo["coded places"]


def status_words(counts: dict[str, int]) -> str:
    """'1 active and 2 completed' in the reader's language, statuses in lifecycle order."""
    return i18n.join([_("{count} {status}").format(count=i18n.integer(n), status=label("status", s))
                      for s, n in counts.items() if n > 0])


def by_goal(sel: Selection) -> pd.DataFrame:
    """17 rows: projects serving each goal and budget (USD) shared equally among a project's goals."""
    names, colours = goal_names_colours()
    return pd.DataFrame({"goal": GOALS, "name": names, "colour": colours,
                         "projects": sel.goals.sum(axis=0), "budget_usd": split(budget_of(sel), sel.goals)})


@lru_cache(maxsize=1)
def goal_names_colours() -> tuple[np.ndarray, np.ndarray]:
    ref = goals()
    return ref.loc[GOALS, "name"].to_numpy(), ref.loc[GOALS, "colour"].to_numpy()


def shares(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (projects and budget_usd per row) with each row's share of both, in percent."""
    return with_shares({column: frame[column] for column in frame.columns})


def with_shares(columns: dict, projects_of: int | None = None) -> pd.DataFrame:
    """A tally's columns (with `projects` and `budget_usd`) as a frame with each row's share of the
    projects (of `projects_of` projects when given: a project counted in several rows) and of the
    budget, in percent; 0 where there is nothing to share."""
    projects, budgets = np.asarray(columns["projects"]), np.asarray(columns["budget_usd"], dtype="float64")
    total_projects = projects.sum() if projects_of is None else max(projects_of, 1)
    total_budget = np.nansum(budgets)
    return pd.DataFrame({**columns,
                         "project_share": projects / total_projects * 100 if total_projects else 0.0,
                         "budget_share": budgets / total_budget * 100 if total_budget else 0.0})


def by_funding(sel: Selection) -> pd.DataFrame:
    """Sources in use: projects using each (a project may use several) and its share of the budget."""
    counts, budgets = sel.funding.sum(axis=0), split(budget_of(sel), sel.funding)
    used = np.flatnonzero(counts > 0)
    order = used[np.argsort(-counts[used], kind="stable")]
    return with_shares({"source": [sel.funding_names[i] for i in order], "projects": counts[order],
                        "budget_usd": budgets[order]}, projects_of=len(sel.projects))


def coded(column: pd.Series) -> tuple[np.ndarray, list]:
    """A column's code for each row (-1: missing) and the values the codes stand for: the
    catalogue's Categorical codes as they are, other columns factorised in order of first use."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), column.cat.categories.tolist()
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    return codes.astype(np.int64), list(uniques)


def sums(codes: np.ndarray, values: pd.Series, size: int, min_count: int = 0) -> np.ndarray:
    """The sum of `values` per code, 0 to `size` - 1 (missing values left out); NaN where fewer than
    `min_count` values are known (pandas' `sum(min_count=...)`). Grouped by plain integers: pandas'
    group-by on the catalogue's Categorical, its reindex and astype cost about 1 ms each, several
    times per chart."""
    numbers = values.to_numpy(dtype="float64", na_value=np.nan)
    found = codes >= 0
    known = ~np.isnan(numbers)
    whole = numbers[known & found]
    if not len(whole) or (np.all(whole == np.round(whole)) and np.abs(whole).sum() < 2.0 ** 53):
        # whole numbers (jobs, people reached): every partial sum is exact, in any order
        total = np.bincount(codes[found], weights=np.where(known, numbers, 0.0)[found], minlength=size)
        if min_count:
            counted = np.bincount(codes[found], weights=known[found], minlength=size)
            total = np.where(counted >= min_count, total, np.nan)
        return total
    # pandas' group sum of the column as it is (a masked Float64 sums otherwise than a NumPy
    # float64) on the integer codes: the group-by on the Categorical summed so, and a budget in
    # cents sums to the same last bit (np.bincount adds plainly)
    summed = pd.Series(values.array[found]).groupby(codes[found]).sum(min_count=min_count)
    total = np.full(size, np.nan if min_count else 0.0)
    total[summed.index.to_numpy(dtype=np.int64)] = summed.to_numpy(dtype="float64", na_value=np.nan)
    return total


def by_procurement(sel: Selection) -> pd.DataFrame:
    """Projects and budget (USD) per procurement method in use, most projects first, then by name."""
    codes, methods = coded(sel.projects["procurement_method"])
    counts = np.bincount(codes[codes >= 0], minlength=len(methods))
    budgets = sums(codes, sel.projects["budget_usd"], len(methods))
    used = np.flatnonzero(counts > 0)
    order = sorted(used.tolist(), key=lambda code: (-counts[code], str(methods[code])))
    return with_shares({"method": [methods[code] for code in order], "projects": counts[order],
                        "budget_usd": budgets[order]})


def by_theme(sel: Selection) -> pd.DataFrame:
    """Projects, jobs created and people reached per theme in use, in the vocabulary's order (other
    themes after, by name); a theme whose projects report no jobs has none reported (NaN), not 0."""
    codes, themes = coded(sel.projects["theme"])
    counts = np.bincount(codes[codes >= 0], minlength=len(themes))
    jobs = sums(codes, sel.projects["jobs_created"], len(themes), min_count=1)
    reached = sums(codes, sel.projects["beneficiaries"], len(themes), min_count=1)
    used = {str(themes[code]): code for code in np.flatnonzero(counts > 0).tolist()}
    named = [*(t for t in PROJECT_THEMES if t in used), *sorted(set(used) - set(PROJECT_THEMES))]
    order = [used[t] for t in named]
    return pd.DataFrame({"theme": [themes[code] for code in order], "projects": counts[order],
                         "jobs_created": jobs[order], "beneficiaries": reached[order]})


def by_year_status(sel: Selection) -> pd.DataFrame:
    """Projects started per year (rows) and status (columns, in lifecycle order)."""
    years = sel.projects["start_year"].to_numpy(dtype="float64", na_value=np.nan)
    dated = ~np.isnan(years)
    codes, statuses = coded(sel.projects["status"])
    found = dated & (codes >= 0)
    shown, at = np.unique(years[found].astype(np.int64), return_inverse=True)
    grid = np.bincount(at * len(statuses) + codes[found], minlength=len(shown) * len(statuses)).reshape(
        len(shown), len(statuses))
    present = {str(statuses[code]): code for code in np.flatnonzero(grid.sum(axis=0) > 0).tolist()}
    order = [s for s in (*PROJECT_STATUSES, NOT_STATED) if s in present]
    return pd.DataFrame({status: grid[:, present[status]] for status in order},
                        index=pd.Index(shown, name="year"), columns=order)


def red_shares(goal_scores: pd.DataFrame, place_ids: pd.Series) -> tuple[pd.DataFrame, int | None]:
    """Per goal, places rated (not grey) and rated red in the latest year of the places' goal scores."""
    scores = goal_scores[goal_scores["place_id"].isin(place_ids)]
    if scores.empty:
        empty = pd.DataFrame({"goal": GOALS, "places_rated": 0, "places_red": 0, "red_share": np.nan})
        return empty, None
    year = int(scores["year"].max())
    latest = scores[scores["year"] == year]
    colour = latest["colour"].astype("string").fillna("grey")
    rated = latest[colour != "grey"].groupby("goal").size()
    red = latest[colour == "red"].groupby("goal").size()
    frame = pd.DataFrame({"goal": GOALS, "places_rated": rated.reindex(GOALS, fill_value=0).to_numpy(),
                          "places_red": red.reindex(GOALS, fill_value=0).to_numpy()})
    frame["red_share"] = (frame["places_red"] / frame["places_rated"].where(frame["places_rated"] > 0) * 100)
    return frame, year


def goal_gaps(sel: Selection, goal_scores: pd.DataFrame, place_ids: pd.Series) -> tuple[pd.DataFrame,
                                                                                         int | None]:
    """Per goal: projects and budget against the share of places rated red; `flagged` marks goals where
    at least a quarter of places are red and projects number under half the mean per goal (or none)."""
    funded = shares(by_goal(sel))
    reds, year = red_shares(goal_scores, place_ids)
    frame = funded.merge(reds, on="goal")
    few = frame["projects"] < max(frame["projects"].mean() / 2, 1)
    frame["flagged"] = (frame["red_share"] >= RED_SHARE * 100).fillna(False) & few
    frame["gap"] = frame["red_share"] - frame["budget_share"]
    return frame.sort_values(["flagged", "gap"], ascending=False, na_position="last"), year


# Sentences: the text alternative of each chart, whole sentences in the reader's language.

def store_catalogue(store) -> Catalogue:
    """The projects catalogue of a whole store version (cached per version by the pages)."""
    return replace(catalogue(store.projects, store.places), periods=known_periods(store))
