"""Country and UN region names in the language in force, from CLDR (Babel) by their codes."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pandas as pd
from babel import Locale

from layouts import i18n
from loaders.countries import countries, region_codes


@lru_cache(maxsize=1)
def iso2_codes() -> dict[str, str]:
    table = countries().dropna(subset=["iso2"])
    return dict(zip(table["iso3"], table["iso2"], strict=True))


@lru_cache(maxsize=32)
def territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def country(iso3: object) -> str:
    """'DEU' -> 'Germany' / 'Alemania' / 'Allemagne'; an unknown code is shown as it is."""
    if not isinstance(iso3, str) or not iso3:
        return ""
    code = iso2_codes().get(iso3)
    return territories(i18n.language()).get(code, iso3) if code else iso3


def countries_named(places: pd.DataFrame) -> pd.DataFrame | None:
    """`places` with each country (kind "country" with a code this project knows) named as `country`
    names it in the reader's language, the source's name kept as `name_in_source` (the search finds
    both); None where that changes no name. The SDR names its countries as the World Bank does in
    English ("Egypt, Arab Rep.", "Korea, Rep."), and a French reader read them so."""
    if places.empty or "kind" not in places:
        return None
    iso3 = places["country_iso3"].astype("string")
    chosen = ((places["kind"] == "country").fillna(False).to_numpy(bool)
              & iso3.isin(list(iso2_codes())).to_numpy(bool))
    if not chosen.any():
        return None
    named = places["name"].astype("string").copy()
    named[chosen] = [country(code) for code in iso3[chosen]]
    if named.equals(places["name"].astype("string")):
        return None
    return places.assign(name=named.astype(places["name"].dtype), name_in_source=places["name"])


def region(name: object) -> str:
    """A UN region or subregion by its English name, in the language in force."""
    if not isinstance(name, str) or not name:
        return ""
    code = region_codes().get(name)
    if code is None or i18n.language() == i18n.SOURCE_LANGUAGE:
        return name
    shown = territories(i18n.language()).get(code, name)
    return shown[:1].upper() + shown[1:]


UNIT_WORDS = ("department", "province", "state")
"""The source's own words for a country's first-level units that an import may record
(`region_word`, `loaders.unit_words.REGION_WORDS`)."""


def said_kind(kind: object, meta: dict) -> object:
    """The kind a place is called by in sentences: its source's own word for a country's units
    where the store records one (Benin's report speaks of départements), else its kind."""
    word = (meta.get("options") or {}).get("region_word")
    return word if str(kind) == "region" and word in UNIT_WORDS else kind


@lru_cache(maxsize=65536)
def alphabetical(text: str) -> str:
    """A sort key that files 'África' with the A's (Python's plain order puts accents last). Kept per
    name: every map and ranking sorts its places' ties by it (4 ms of each request at 1,000 places)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def by_name(names: pd.Series) -> pd.Series:
    """`alphabetical` of each name of a column (missing as empty): the order of places of equal score."""
    return pd.Series([alphabetical(name) for name in names.astype("string").fillna("").tolist()],
                     index=names.index, dtype=object)


def place_labels(frame: pd.DataFrame) -> pd.Series:
    """Each place of `frame` (name, country_iso3 and, where it has them, area and place_id) as a
    list names it: its name; with its country where another place has the same name; with its
    department, state or province (`area`) where another has the same name in the same country
    ("Entre Ríos (Tarija)", and its country too where the list holds several); with its id where
    nothing else tells them apart (a municipality and the UN's urban area of that name, imported
    from two sources, were two identical "La Paz (BOL)" in a list)."""
    ids = frame["place_id"].astype("string") if "place_id" in frame else None
    name = frame["name"].astype("string")
    name = name.fillna(ids) if ids is not None else name
    repeated = name.duplicated(keep=False)
    if not repeated.any():  # the common case, and a city page's dozen choices: 0.2 ms, not 1.3
        return name.astype(frame["name"].dtype)
    iso3 = frame["country_iso3"].astype("string").fillna("?")
    labels = name.where(~repeated, name + " (" + iso3 + ")")
    same_country = pd.Series(list(zip(name, iso3, strict=True)), index=frame.index).duplicated(keep=False)
    if not same_country.any():
        return labels.astype(frame["name"].dtype)
    if "area" in frame:
        area = frame["area"].astype("string").str.strip().replace("", pd.NA)
        told = same_country & area.notna() & ~pd.Series(
            list(zip(name, iso3, area.fillna(""), strict=True)), index=frame.index).duplicated(keep=False)
        within = area if iso3.nunique() == 1 else area + ", " + iso3
        labels = labels.where(~told, name + " (" + within + ")")
        same_country &= ~told
    if ids is not None:
        labels = labels.where(~same_country, name + " (" + iso3 + ", " + ids + ")")
    return labels.astype(frame["name"].dtype)


def example_place(places: pd.DataFrame, kinds: tuple[str, ...] = ("city", "district")) -> str | None:
    """The name the place search offers as an example: a place of the store's own, of the kinds the
    search finds (`kinds`, in order: its cities, else its districts), the most populous where
    populations are known, else the first by name; None when it has none."""
    if places is None or places.empty or not {"name", "kind"} <= set(places.columns):
        return None
    named = places[places["name"].fillna("").astype(str).str.strip() != ""]
    for kind in kinds:
        found = named[named["kind"] == kind]
        if found.empty:
            continue
        population = pd.to_numeric(found["population"], errors="coerce") if "population" in found else None
        if population is not None and population.notna().any():
            return str(found.loc[population.idxmax(), "name"])
        return str(min(found["name"].astype(str), key=alphabetical))
    return None
