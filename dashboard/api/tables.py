"""The store tables as the API serves them: prepared once per version, filtered with vectorised masks."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import data
from dashboard.api.errors import ApiError
from dashboard.api.params import Filters
from dashboard.api.spec import PREFIX, RESOURCES, Resource
from layouts import years
from layouts.echo import said
from layouts.i18n import _
from loaders.report import LoadError
from loaders.serving.names import PLACE_KEYS
from loaders.serving.served import ServedData
from loaders.store import META, Store

ID_COLUMNS = ("place_id", "indicator_id")
LARGE = 10_000
"""Tables longer than this keep their text columns as categories."""


@dataclass(frozen=True, eq=False)
class Prepared:
    """A table with exactly the resource's columns in documented row order, its years as floats."""

    frame: pd.DataFrame
    years: np.ndarray | None
    rows: dict[str, dict[str, np.ndarray]]
    """Row positions of each place_id and indicator_id (large tables only)."""


@dataclass(frozen=True, eq=False)
class Reference:
    """What a version holds, for checking parameters and turning goals or regions into id sets."""

    places: pd.DataFrame
    indicators: pd.DataFrame
    place_ids: frozenset[str]
    indicator_ids: frozenset[str]
    targets: frozenset[str]
    regions: frozenset[str]
    subregions: frozenset[str]
    countries: frozenset[str]
    kinds: frozenset[str]
    periods: dict[str, int]
    """The periods the version writes, with the year each stands for (`years.known_periods`)."""


def resolve(requested: str | None) -> tuple[str, str]:
    """(store root, version): the one asked for, else the current one; unknown is a 404."""
    store = data.serving_store()
    version = requested or store.current_version()
    if version is None:
        raise ApiError(404, _("This data store holds no data version yet."), "version")
    try:
        store.version_dir(version)
    except LoadError:
        if not requested:  # the store names a version it lacks (a half-synced copy): the server's fault
            raise ApiError(503, _("The data store's current version cannot be read; try again later."),
                           None) from None
        raise ApiError(404, _("'{value}' is not a stored data version; the list is at {url}.").format(
            value=said(version), url=f"{PREFIX}/versions"), "version") from None
    return str(store.root), version


def unique(series: pd.Series) -> frozenset[str]:
    return frozenset(str(v) for v in series.dropna().unique())


@lru_cache(maxsize=32)
def meta(root: str, version: str) -> dict:
    """A version's meta.json alone (cheaper than loading its tables)."""
    return json.loads((Store(root).version_dir(version) / META).read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def reference(root: str, version: str) -> Reference:
    store = data.load_version(root, version)
    places = store.places[["place_id", "kind", "country_iso3", "un_region", "un_subregion"]].copy()
    indicators = store.indicators[["indicator_id", "goal", "target"]].copy()
    return Reference(places, indicators, unique(places["place_id"]), unique(indicators["indicator_id"]),
                     unique(indicators["target"]), unique(places["un_region"]),
                     unique(places["un_subregion"]), unique(places["country_iso3"]), unique(places["kind"]),
                     years.known_periods(store))


def samples(root: str, version: str) -> dict[str, str]:
    """Ids that exist in the version, for the docs' example calls (a user's store has no ken-nairobi)."""
    ref, found = reference(root, version), {}
    cities = ref.places[ref.places["kind"] == "city"].dropna(subset=["country_iso3", "un_region"])
    if len(cities):
        city = cities.iloc[0]
        found.update(place=city["place_id"], country=city["country_iso3"], region=city["un_region"])
    indicators = ref.indicators.dropna(subset=["goal"])
    if len(indicators):
        found.update(indicator=indicators["indicator_id"].iloc[0], goal=str(indicators["goal"].iloc[0]))
    return {key: str(value) for key, value in found.items()}


@lru_cache(maxsize=32)
def prepared(root: str, version: str, name: str) -> Prepared:
    resource = RESOURCES[name]
    table = data.load_version(root, version).tables.get(resource.table)
    names = [c.name for c in resource.columns]
    frame = pd.DataFrame(columns=names) if table is None else table.reindex(columns=names)
    frame = frame.sort_values(list(resource.order), kind="stable").reset_index(drop=True)
    rows = {}
    if len(frame) > LARGE:  # categories: filters compare integer codes, pages take numpy rows
        texts = [c for c in frame if c in ID_COLUMNS or pd.api.types.is_string_dtype(frame[c])]
        frame = frame.astype({c: "category" for c in texts})
        rows = {c: frame.groupby(c, observed=True, sort=False).indices for c in ID_COLUMNS if c in frame}
    years = frame["year"].to_numpy(dtype="float64", na_value=np.nan) if "year" in frame else None
    return Prepared(frame, years, rows)


def member(column: pd.Series, values: list, positions: np.ndarray) -> np.ndarray:
    """column.isin(values) at the positions; for a categorical column, one lookup per row code."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = np.zeros(len(column.cat.categories) + 1, dtype=bool)  # the extra slot: code -1 (NA)
        found = column.cat.categories.get_indexer(pd.Index(values, dtype=column.cat.categories.dtype))
        lookup[found[found >= 0]] = True
        return lookup[column.cat.codes.to_numpy()[positions]]
    return column.iloc[positions].isin(values).fillna(False).to_numpy(dtype=bool)


@lru_cache(maxsize=512)
def chosen(root: str, version: str, table: str, filters: tuple[tuple[str, tuple], ...]) -> list | None:
    """The ids of the places or indicators that pass every (column, allowed values) filter given."""
    ref = reference(root, version)
    ref_table, key = (ref.places, "place_id") if table == "places" else (ref.indicators, "indicator_id")
    mask = None
    for column, allowed in filters:
        if allowed:
            hit = ref_table[column].isin(allowed).fillna(False).to_numpy(dtype=bool)
            mask = hit if mask is None else mask & hit
    return None if mask is None else list(ref_table.loc[mask, key])


def wanted_ids(root: str, version: str, f: Filters, columns: Iterable[str]) -> dict[str, list]:
    """The filters as the allowed values of each id column the table has (goals become indicators
    where the table has indicators)."""
    wanted = {
        "place_id": chosen(root, version, "places", (
            ("place_id", f.places), ("un_region", f.regions), ("un_subregion", f.subregions),
            ("country_iso3", f.countries), ("kind", f.kinds))),
        "indicator_id": chosen(root, version, "indicators", (
            ("indicator_id", f.indicators), ("goal", f.goals), ("target", f.targets))),
        "goal": list(f.goals) or None,
    }
    if "indicator_id" in columns:
        wanted.pop("goal")
    return {c: allowed for c, allowed in wanted.items() if allowed is not None and c in columns}


def page_from_disk(resource: Resource, root: str, version: str, f: Filters, limit: int | None,
                   offset: int) -> tuple[pd.DataFrame, int] | None:
    """(one page of rows, how many match) read from a served version's by-place file, whose order is
    the resource's: a worker never loads a large table whole for the API (25 M observations at
    10,000 places). None where the version has no such file (the demo, a store without the serving
    layout): the table is then small enough for `select`."""
    store = data.load_version(root, version)
    if not isinstance(store, ServedData) or list(resource.order) != PLACE_KEYS.get(resource.table):
        return None
    slicer = store.slicers.get(resource.table, True)
    if slicer is None:
        return None
    names = [c.name for c in resource.columns]
    on_file = [c for c in names if c in slicer.names]
    where = wanted_ids(root, version, f, on_file)
    years = None if f.start is None and f.end is None else (
        float(f.start) if f.start is not None else -np.inf, float(f.end) if f.end is not None else np.inf)
    found = store.page(resource.table, where, years, on_file, offset, limit)
    if found is None:
        return None
    rows, total = found
    return rows.reindex(columns=names), total


def select(resource: Resource, root: str, version: str, f: Filters) -> tuple[pd.DataFrame, np.ndarray]:
    """The prepared table and the positions of its rows that pass every filter, in order."""
    table = prepared(root, version, resource.name)
    frame = table.frame
    wanted = wanted_ids(root, version, f, frame.columns)
    # start from the rows of the most selective indexed filter, then test only those rows
    sizes = {c: sum(len(table.rows[c].get(v, ())) for v in allowed) for c, allowed in wanted.items()
             if c in table.rows}
    if sizes:
        first = min(sizes, key=sizes.get)
        parts = [table.rows[first][v] for v in wanted.pop(first) if v in table.rows[first]]
        positions = np.sort(np.concatenate(parts)) if parts else np.arange(0)
    else:
        positions = np.arange(len(frame))
    for column, allowed in wanted.items():
        positions = positions[member(frame[column], allowed, positions)]
    if table.years is not None and (f.start is not None or f.end is not None):
        years = table.years[positions]
        positions = positions[(years >= (f.start if f.start is not None else -np.inf))
                              & (years <= (f.end if f.end is not None else np.inf))]
    return frame, positions
