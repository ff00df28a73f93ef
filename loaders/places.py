"""Places: countries to ISO3 and UN M49 regions (loaders.countries), city names to the GeoNames
gazetteer."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.codes import slugify
from loaders.countries import countries, country_facts, country_iso3, fold  # noqa: F401 (re-exported)
from loaders.gazetteer import (  # noqa: F401 (re-exported)
    STRIP_WORDS,
    city_by_id,
    fold_series,
    gazetteer,
    match_cities,
    match_city,
)
from loaders.report import INFO, WARNING, ImportReport


def place_id(kind: str, name: object, iso3: str | None = None, parent_id: str | None = None,
             code: str | None = None, region: str | None = None) -> str:
    """Stable slug: 'ken' for Kenya, 'gbr-bristol' for a city, '<city>-<code>' for a district;
    a region or state given with a city is part of its id ('usa-columbus-oh'), so two places of
    one name in one country stay two places."""
    if kind == "country" and iso3:
        return iso3.lower()
    if kind == "district" and parent_id:
        return f"{parent_id}-{slugify(code or name)}"
    if kind == "region":
        return f"region-{slugify(code or name)}"
    prefix = f"{iso3.lower()}-" if iso3 else ""
    suffix = f"-{slugify(region)}" if region and slugify(region) not in slugify(name).split("-") else ""
    return f"{prefix}{slugify(name)}{suffix}"


def text_or_none(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def harmonise(places: pd.DataFrame, report: ImportReport, file: str | Path) -> pd.DataFrame:
    """Complete places: ISO3 and UN regions from `country`, coordinates and population of
    cities from the gazetteer where the source has none: by a GeoNames id (`geonameid`) when
    given, else by name within the country and region (`region`). Unmatched and ambiguous
    names keep their row and are reported, ambiguous ones with their candidates; the share of
    cities placed is reported."""
    frame = places.copy()
    if "country" in frame.columns:
        resolved = frame["country"].map(country_iso3)
        given = frame.get("country_iso3", pd.Series(pd.NA, index=frame.index, dtype="string"))
        frame["country_iso3"] = given.astype("string").fillna(resolved.astype("string"))
    if "country_iso3" not in frame.columns:
        frame["country_iso3"] = pd.NA
    for column in ("lat", "lon", "population", "region", "geonameid"):
        if column not in frame.columns:
            frame[column] = pd.NA
    needs = (frame["kind"] == "city") & (frame["lat"].isna() | frame["population"].isna())
    rows = frame.loc[needs, ["name", "country_iso3", "region", "geonameid"]]
    by_id = [city_by_id(g) if text_or_none(g) else None for g in rows["geonameid"]]
    named = [i for i, hit in enumerate(by_id) if hit is None]
    names, iso3s, regions = (rows[c].tolist() for c in ("name", "country_iso3", "region"))
    matches = match_cities([str(names[i]) for i in named], [text_or_none(iso3s[i]) for i in named],
                           [text_or_none(regions[i]) for i in named])
    hits = list(by_id)
    for i, (hit, reason) in zip(named, matches, strict=True):
        hits[i] = hit
        if reason:  # not found or ambiguous; or found with a note (a spelling, a qualifier left unread)
            report.add(file, reason, column="place", value=names[i], severity=WARNING)
    fill_from_gazetteer(frame, rows.index, hits)
    facts = countries().set_index("iso3")
    for column in ("un_region", "un_subregion"):
        known = frame["country_iso3"].map(facts[column]).replace("", pd.NA)
        current = frame[column] if column in frame.columns else pd.Series(pd.NA, index=frame.index)
        frame[column] = current.fillna(known)
    report_placed(frame, report, file)
    return schema.conform("places", frame)


def fill_from_gazetteer(frame: pd.DataFrame, index: pd.Index, hits: list[dict | None]) -> None:
    """Coordinates, population and country of the matched cities where the source has none."""
    found = [hit is not None for hit in hits]
    if not any(found):
        return
    at = index[found]
    pick = [hit for hit in hits if hit is not None]
    fact = {name: pd.Series([hit.get(name) for hit in pick], index=at, dtype=object)
            for name in ("lat", "lon", "population", "iso3")}
    no_place = frame.loc[at, "lat"].isna() | frame.loc[at, "lon"].isna()
    for column in ("lat", "lon"):
        frame.loc[at[no_place.to_numpy()], column] = fact[column][no_place].astype(float)
    no_population = frame.loc[at, "population"].isna().to_numpy()
    frame.loc[at[no_population], "population"] = fact["population"][no_population].astype(float)
    no_country = frame.loc[at, "country_iso3"].isna().to_numpy() & fact["iso3"].notna().to_numpy() \
        & (fact["iso3"].astype(str) != "").to_numpy()
    frame.loc[at[no_country], "country_iso3"] = fact["iso3"][no_country].astype(str)


def report_placed(frame: pd.DataFrame, report: ImportReport, file: str | Path) -> None:
    """One line per country: how many of its cities have coordinates."""
    cities = frame[frame["kind"] == "city"]
    if not len(cities):
        return
    placed = cities["lat"].notna() & cities["lon"].notna()
    total = f"{int(placed.sum())} of {len(cities)} cities placed on the map ({placed.mean():.1%})"
    report.add(file, total, column="place", severity=INFO)
