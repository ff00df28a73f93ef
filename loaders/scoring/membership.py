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
    groups keeps the first."""
    names = [DEFAULT_GROUP, *settings.place_groups]
    code = np.zeros(len(places), dtype=np.int64)
    for position, spec in enumerate(settings.place_groups.values(), start=1):
        inside = places.isin([str(p) for p in spec.get("places", ())]) & (code == 0)
        code[inside] = position
    return code, names


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


def coverage(
    place: np.ndarray,
    indicator: np.ndarray,
    column: np.ndarray,
    n_indicators: int,
    n_columns: int,
    place_years: np.ndarray | None = None,
) -> np.ndarray:
    """Share of the year's places with a value, per indicator and year (indicator x year).
    Each (place, indicator, year) cell occurs once. `place_years` (place * n_columns + column
    of every place-year with any value) is given when the cells are only some indicators'."""
    per_indicator = np.bincount(indicator * n_columns + column, minlength=n_indicators * n_columns)
    if place_years is None:
        place_years = np.unique(place * n_columns + column)
    place_years = place_years % n_columns
    per_year = np.bincount(place_years, minlength=n_columns)
    with np.errstate(invalid="ignore", divide="ignore"):
        return per_indicator.reshape(n_indicators, n_columns) / per_year[None, :]


def matrices(
    settings: Settings, indicators: pd.Index, groups: list[str], share: np.ndarray
) -> dict[str, np.ndarray]:
    """For each kind, member[group, indicator, year]: explicit lists, else coverage >= 80%."""
    by_rule = share >= settings.indicator_coverage - 1e-9
    scoped = (np.ones(len(indicators), dtype=bool) if settings.list_scope is None
              else indicators.isin(settings.list_scope))[:, None]
    out = {}
    for kind in KINDS:
        member = np.zeros((len(groups), *share.shape), dtype=bool)
        for position, group in enumerate(groups):
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
