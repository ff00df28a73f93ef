"""Which indicators count, for which places: index, dashboard and trend sets, per place group,
as boolean (group x indicator x year) matrices."""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.scoring.settings import Settings

KINDS = ("index", "dashboard", "trend")
FALLBACK = {"index": None, "dashboard": "index", "trend": "dashboard"}
DEFAULT_GROUP = ""
N_GOALS = 17


def group_codes(settings: Settings, places: pd.Index) -> tuple[np.ndarray, list[str]]:
    """Group code of each place (0 = no group) and the group names; a place listed in two
    groups keeps the first. Without `place_groups`, a store of several imports groups its places
    by import (`Settings.import_groups`); see `by_import`."""
    if by_import(settings):
        names = [DEFAULT_GROUP, *sorted(set(map(str, settings.import_groups.values())))]
        keys = pd.Series(settings.import_groups, dtype=object).astype(str)
        found = pd.Index(names).get_indexer(keys.reindex(places.astype(str)).to_numpy())
        return np.where(found > 0, found, 0).astype(np.int64), names
    names = [DEFAULT_GROUP, *settings.place_groups]
    code = np.zeros(len(places), dtype=np.int64)
    for position, spec in enumerate(settings.place_groups.values(), start=1):
        inside = places.isin([str(p) for p in spec.get("places", ())]) & (code == 0)
        code[inside] = position
    return code, names


def by_import(settings: Settings) -> bool:
    """Whether places are grouped by import: more than one import, and no groups of the source's own.
    The coverage rule is then applied within each group (`coverage`); a store of one import, or
    with `place_groups`, keeps one coverage over every place, as SDSN's editions are scored."""
    return not settings.place_groups and len(set(settings.import_groups.values())) > 1


def listed(settings: Settings, kind: str, group: str) -> tuple[str, ...] | None:
    """The explicit list for a kind and group, falling back to the default group's, then to
    the kind it defaults to (trend -> dashboard -> index); None = the coverage rule."""
    key = f"{kind}_indicators"
    spec = settings.place_groups.get(group, {})
    if spec.get(key) is not None:
        return tuple(spec[key])
    if getattr(settings, key) is not None:
        return getattr(settings, key)
    return listed(settings, FALLBACK[kind], group) if FALLBACK[kind] else None


def primary_imports(place: np.ndarray, source: np.ndarray, places: list[str], sources: list[str],
                    counts: np.ndarray | None = None) -> dict[str, str]:
    """{place: the import holding most of its values} (ties: the first import by name), from the
    place and import codes of values (-1: none) or of distinct pairs with their `counts`; {} when
    the values come from one import (or none), so that such a store is scored as it always was."""
    keep = (place >= 0) & (source >= 0)
    used = np.unique(source[keep])
    if len(used) <= 1:
        return {}
    order = np.argsort(np.array(sources, dtype=object)[used])  # import codes ranked by name
    rank = np.full(len(sources), -1)
    rank[used[order]] = np.arange(len(used))
    weights = None if counts is None else counts[keep]
    tally = np.bincount(place[keep] * len(used) + rank[source[keep]], weights=weights,
                        minlength=len(places) * len(used)).reshape(len(places), len(used))
    best, has = tally.argmax(axis=1), tally.max(axis=1) > 0
    names = [sources[code] for code in used[order]]
    return {str(places[i]): names[best[i]] for i in np.flatnonzero(has).tolist()}


def coverage(
    place: np.ndarray,
    indicator: np.ndarray,
    column: np.ndarray,
    n_indicators: int,
    n_columns: int,
    place_years: np.ndarray | None = None,
    group_of_place: np.ndarray | None = None,
    n_groups: int = 1,
) -> np.ndarray:
    """Share of the year's places with a value, per group, indicator and year (group x indicator x
    year; one group, every place, unless `group_of_place` gives each place's of `n_groups`). Each
    (place, indicator, year) cell occurs once. `place_years` (place * n_columns + column of every
    place-year with any value) is given when the cells are only some indicators'."""
    if place_years is None:
        place_years = np.unique(place * n_columns + column)
    cell_group = 0 if group_of_place is None else group_of_place[place]
    year_group = 0 if group_of_place is None else group_of_place[place_years // n_columns]
    per_indicator = np.bincount((cell_group * n_indicators + indicator) * n_columns + column,
                                minlength=n_groups * n_indicators * n_columns)
    per_year = np.bincount(year_group * n_columns + place_years % n_columns, minlength=n_groups * n_columns)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (per_indicator.reshape(n_groups, n_indicators, n_columns)
                / per_year.reshape(n_groups, 1, n_columns))


def matrices(
    settings: Settings, indicators: pd.Index, groups: list[str], share: np.ndarray
) -> dict[str, np.ndarray]:
    """For each kind, member[group, indicator, year]: explicit lists, else coverage >= 80% (`share`
    per group, or one share for every group)."""
    shared = share >= settings.indicator_coverage - 1e-9
    scoped = (np.ones(len(indicators), dtype=bool) if settings.list_scope is None
              else indicators.isin(settings.list_scope))[:, None]
    out = {}
    for kind in KINDS:
        member = np.zeros((len(groups), *share.shape[1:]), dtype=bool)
        for position, group in enumerate(groups):
            by_rule = shared[position if len(shared) > 1 else 0]
            chosen = listed(settings, kind, group)
            listed_here = indicators.isin(chosen)[:, None] if chosen is not None else by_rule
            member[position] = np.where(scoped, listed_here, by_rule)
        out[kind] = member
    return out


def goal_counts(member: np.ndarray, goal: np.ndarray) -> np.ndarray:
    """Number of member indicators per group, goal (0-16) and year."""
    one_hot = np.zeros((member.shape[1], N_GOALS))
    known = (goal >= 1) & (goal <= N_GOALS)
    one_hot[np.flatnonzero(known), goal[known] - 1] = 1.0
    return np.einsum("giy,ik->gky", member, one_hot).round().astype(np.int64)
