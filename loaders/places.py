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
    for index in frame.index[needs]:
        row = frame.loc[index]
        hit, reason = city_by_id(row["geonameid"]), ""
        if hit is None:
            iso3 = text_or_none(row["country_iso3"])
            hit, reason = match_city(str(row["name"]), iso3, text_or_none(row["region"]))
        if hit is None:
            report.add(file, reason, column="place", value=row["name"], severity=WARNING)
            continue
        if pd.isna(row["lat"]) or pd.isna(row["lon"]):
            frame.loc[index, ["lat", "lon"]] = [hit["lat"], hit["lon"]]
        if pd.isna(row["population"]):
            frame.loc[index, "population"] = hit["population"]
        if pd.isna(row["country_iso3"]) and hit.get("iso3"):
            frame.loc[index, "country_iso3"] = hit["iso3"]
    facts = countries().set_index("iso3")
    for column in ("un_region", "un_subregion"):
        known = frame["country_iso3"].map(facts[column]).replace("", pd.NA)
        current = frame[column] if column in frame.columns else pd.Series(pd.NA, index=frame.index)
        frame[column] = current.fillna(known)
    report_placed(frame, report, file)
    return schema.conform("places", frame)


def report_placed(frame: pd.DataFrame, report: ImportReport, file: str | Path) -> None:
    """One line per country: how many of its cities have coordinates."""
    cities = frame[frame["kind"] == "city"]
    if not len(cities):
        return
    placed = cities["lat"].notna() & cities["lon"].notna()
    total = f"{int(placed.sum())} of {len(cities)} cities placed on the map ({placed.mean():.1%})"
    report.add(file, total, column="place", severity=INFO)
