"""Odd stores built from the demo's own tables: each lacks a table, a column or a kind of row that
real imports lack (projects only, one year, places without coordinates, ...), scored as an import
scores them. Used by the every-page-on-every-store tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import schema
from loaders.importer import derived_tables
from loaders.paths import DEMO_STORE
from loaders.store import Store

CANONICAL = ("places", "indicators", "observations", "projects", "indicator_texts")
Tables = dict[str, pd.DataFrame]


def demo_tables() -> tuple[Tables, dict]:
    data = Store(DEMO_STORE).read()
    return {name: data.tables[name].copy() for name in CANONICAL if name in data.tables}, data.meta


def projects_only(t: Tables) -> Tables:
    return {**t, "observations": schema.empty("observations"), "indicators": schema.empty("indicators"),
            "indicator_texts": schema.empty("indicator_texts")}


def one_indicator(t: Tables) -> Tables:
    first = t["observations"]["indicator_id"].iloc[0]
    return {**t, "observations": t["observations"][t["observations"]["indicator_id"] == first]}


def one_year(t: Tables) -> Tables:
    obs = t["observations"]
    return {**t, "observations": obs[obs["year"] == obs["year"].max()]}


def one_place(t: Tables) -> Tables:
    places = t["places"]
    city = places[places["kind"] == "city"].iloc[0]
    keep = places["place_id"].isin([city["place_id"]]) | (
        (places["kind"] == "country") & (places["country_iso3"] == city["country_iso3"]))
    obs, projects = t["observations"], t["projects"]
    return {**t, "places": places[keep], "observations": obs[obs["place_id"] == city["place_id"]],
            "projects": projects[projects["place_id"] == city["place_id"]]}


def one_city_site(t: Tables) -> Tables:
    """One city's own values with no bounds given (an Open SDG site of one city, as Los Angeles'):
    bounds from the data, and one place gives none, so no score at all."""
    t = one_place(t)
    indicators = t["indicators"].copy()
    for column in ("best", "worst", "green_threshold", "yellow_threshold", "orange_threshold",
                   "red_threshold", "target_value"):
        if column in indicators:
            indicators[column] = float("nan")
    return {**t, "indicators": indicators}


def broken_down_only(t: Tables) -> Tables:
    """One city whose every value is broken down, with no total (Cape Town's travel to work by
    mode): no indicator row, no score, its values shown as tables."""
    t = one_place(t)
    obs = t["observations"]
    obs = obs[obs["breakdown"].fillna("") == ""].head(40)
    modes = np.array(["Mode=Bus", "Mode=Train", "Mode=Walking", "Mode=Car"])
    return {**t, "observations": obs.assign(breakdown=modes[np.arange(len(obs)) % len(modes)])
            .drop_duplicates(["place_id", "indicator_id", "year", "breakdown"])}


def partly_broken_down(t: Tables) -> Tables:
    """One city whose first two indicators have values only by mode, the others totals (Los Angeles'
    staff by gender and beaches by station beside scored indicators)."""
    t = one_place(t)
    obs = t["observations"]
    obs = obs[obs["breakdown"].fillna("") == ""]
    split = obs["indicator_id"].isin(obs["indicator_id"].drop_duplicates().head(2))
    modes = np.array(["Mode=Bus", "Mode=Train"])
    parts = obs[split].loc[obs[split].index.repeat(2)]
    parts = parts.assign(breakdown=np.tile(modes, len(parts) // 2))
    return {**t, "observations": pd.concat([obs[~split], parts], ignore_index=True)}


def no_stated_directions(t: Tables) -> Tables:
    """Indicators that state no direction (an Open SDG site): scored in the one their bounds or name
    give."""
    return {**t, "indicators": t["indicators"].assign(direction=pd.NA)}


def no_coordinates(t: Tables) -> Tables:
    """Most cities without coordinates (a WHO-style table the gazetteer could not place)."""
    places = t["places"].copy()
    cities = places.index[places["kind"] == "city"]
    hidden = cities[np.arange(len(cities)) % 5 != 0]
    places.loc[hidden, ["lat", "lon"]] = np.nan
    return {**t, "places": places}


def old_values(t: Tables) -> Tables:
    """Two places in three report only up to 2016: their later scores carry old values forward."""
    obs = t["observations"]
    codes = pd.factorize(obs["place_id"], sort=True)[0] % 3
    return {**t, "observations": obs[(codes == 0) | (obs["year"] <= 2016)]}


def no_money(t: Tables) -> Tables:
    projects = t["projects"].copy()
    for column in ("budget", "budget_usd", "jobs_created", "beneficiaries"):
        projects[column] = np.nan
    projects["currency"] = pd.NA
    return {**t, "projects": projects}


def countries_without_iso3(t: Tables) -> Tables:
    places = t["places"].copy()
    countries = places.index[places["kind"] == "country"][:2]
    places.loc[countries, "country_iso3"] = pd.NA
    return {**t, "places": places}


def no_scores(t: Tables) -> Tables:
    """Values of indicators with no goal: observations but no goal score, index or rating."""
    indicators = t["indicators"].copy()
    indicators["goal"] = pd.NA
    indicators["target"] = pd.NA
    return {**t, "indicators": indicators}


def large(t: Tables, copies: int = 5) -> Tables:
    """Every city five times over (new ids, names and nearby coordinates): 750 cities."""
    places, obs = t["places"], t["observations"]
    cities = places[places["kind"] == "city"]
    extra_places, extra_obs = [], []
    for n in range(1, copies):
        ids = cities["place_id"].astype("string") + f"-{n}"
        extra_places.append(cities.assign(place_id=ids, name=cities["name"] + f" {n + 1}",
                                          lat=cities["lat"] + 0.1 * n, lon=cities["lon"] + 0.1 * n))
        mine = obs[obs["place_id"].isin(cities["place_id"])]
        shift = 1 + 0.02 * n
        extra_obs.append(mine.assign(place_id=mine["place_id"].astype("string") + f"-{n}",
                                     value=mine["value"] * shift))
    return {**t, "places": pd.concat([places, *extra_places], ignore_index=True),
            "observations": pd.concat([obs, *extra_obs], ignore_index=True)}


SHAPES: dict[str, Callable[[Tables], Tables]] = {
    "projects-only": projects_only, "one-indicator": one_indicator, "one-year": one_year,
    "one-place": one_place, "one-city-site": one_city_site, "no-coordinates": no_coordinates,
    "old-values": old_values,
    "no-money": no_money, "countries-without-iso3": countries_without_iso3, "no-scores": no_scores,
    "large": large, "broken-down-only": broken_down_only, "partly-broken-down": partly_broken_down,
    "no-stated-directions": no_stated_directions,
}


def build(shape: str, root: Path) -> Path:
    """A store of the given shape under `root`, scored as an import scores."""
    tables, meta = demo_tables()
    tables = SHAPES[shape](tables)
    tables = {name: schema.conform(name, frame.reset_index(drop=True)) for name, frame in tables.items()}
    options = meta.get("options", {})
    derived = derived_tables(tables, options) if len(tables["observations"]) else {}
    store = root / shape
    Store(store).write({**tables, **derived}, {"options": options, "sources": [{"name": f"test: {shape}"}]})
    return store


def moved_cities(places_at: dict[str, tuple[float, float]]) -> tuple[dict, Tables]:
    """The demo's first Eastern African cities (by id), one for each name of `places_at`, moved to
    its (lon, lat) and renamed, with every table cut to them: the demo's meta and the tables, for a
    test to write as a small store of its own (a city's wards, a country across the antimeridian)."""
    demo = Store(DEMO_STORE).read()
    cities = demo.places[demo.places["kind"] == "city"]
    chosen = sorted(cities.loc[cities["un_subregion"] == "Eastern Africa", "place_id"].astype(str))
    chosen = chosen[:len(places_at)]
    tables = {name: (table[table["place_id"].isin(chosen)] if "place_id" in table.columns else table)
              for name, table in demo.tables.items()}
    places = tables["places"].copy().reset_index(drop=True)
    for place_id, (name, (lon, lat)) in zip(chosen, places_at.items(), strict=True):
        at = places["place_id"] == place_id
        places.loc[at, "lon"], places.loc[at, "lat"], places.loc[at, "name"] = lon, lat, name
    tables["places"] = places
    return {**demo.meta, "parent": None}, tables
