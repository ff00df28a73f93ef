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
    groups keeps the first. Without `place_groups`, a store of several editions groups its places
    by edition (`Settings.import_groups`); see `by_import`."""
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
    """Whether places are grouped by edition: more than one (`editions`), no groups of the source's own.
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


def editions(indicators_of: dict[str, set[str]]) -> dict[str, str]:
    """{import: its edition}: imports that share an indicator, directly or through others, are one
    edition, named by its first import by name. One dataset in several files (a file per region or
    per year, the same indicators) stays one edition, judged as one by the coverage rule; a
    45-city index and one UN indicator for 2,000 cities, sharing none, are two."""
    edition = {key: key for key in indicators_of}

    def root(key: str) -> str:
        while edition[key] != key:
            edition[key] = edition[edition[key]]
            key = edition[key]
        return key

    first: dict[str, str] = {}  # indicator -> an import that brings it
    for key in sorted(indicators_of):
        for indicator in sorted(indicators_of[key]):
            other = first.setdefault(indicator, key)
            low, high = sorted((root(key), root(other)))
            edition[high] = low
    return {key: root(key) for key in indicators_of}


def primary_imports(place: np.ndarray, source: np.ndarray, places: list[str], sources: list[str],
                    counts: np.ndarray | None = None, joined: dict[str, str] | None = None) -> dict[str, str]:
    """{place: the import (or, with `joined`, the edition) holding most of its values; ties: the
    first by name}, sorted by place, from the place and import codes of values (-1: none) or of
    distinct pairs with their `counts`; {} when the values come from one import or edition (or
    none), so that such a store is scored as it always was."""
    keep = (place >= 0) & (source >= 0)
    named = [(joined or {}).get(name, name) for name in sources]
    present = np.unique(source[keep])
    labels = sorted(set(np.array(named, dtype=object)[present].tolist())) if len(present) else []
    if len(labels) <= 1:
        return {}
    rank = np.array([labels.index(name) if name in labels else -1 for name in named], dtype=np.int64)
    weights = None if counts is None else counts[keep]
    tally = np.bincount(place[keep] * len(labels) + rank[source[keep]], weights=weights,
                        minlength=len(places) * len(labels)).reshape(len(places), len(labels))
    best, has = tally.argmax(axis=1), tally.max(axis=1) > 0
    return dict(sorted((str(places[i]), labels[best[i]]) for i in np.flatnonzero(has).tolist()))


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
