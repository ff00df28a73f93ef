"""A place name the gazetteer does not hold, matched to one it does spelt a little differently, within
one country."""

from __future__ import annotations

import difflib
from functools import lru_cache

from loaders.gazetteer_table import candidates_for, gazetteer

CLOSE_SPELLING = 0.85
"""How alike (difflib ratio) a name must be to the one gazetteer name of its country it is taken for."""


OTHER_SPELLING = 0.75
"""How alike a row's name must be to one of the names of the GeoNames id it gives to be that city
spelled another way (Qaragandy and Karagandy; not Torbay and Corby, Rafha and Abha)."""


CROWDED = 0.1
"""A close spelling is taken only when no other city of the country is spelled nearly as close
(within this much): a transliteration ('Shauliai' for Šiauliai; São Carlos for 'Sao Carlo', São
Gonçalo 0.15 behind) stands apart, while a Chinese city one letter from another (Zhuozhou, Zhuzhou
and Zhaozhou; Jintan, Jinan and Jinnan) is among several, and was placed on the other city
(Zhuozhou, Hebei, on Zhuzhou, Hunan)."""


@lru_cache(maxsize=1)
def keys_by_country() -> dict[tuple[str, str], list[str]]:
    """The gazetteer's names by (country, first letter), for spelling look-ups."""
    table = gazetteer()[["iso3", "key"]].dropna().drop_duplicates()
    grouped: dict[tuple[str, str], list[str]] = {}
    for iso3, key in zip(table["iso3"], table["key"], strict=True):
        grouped.setdefault((iso3, key[0]), []).append(key)
    return grouped


def country_keys(iso3: str, initial: str) -> list[str]:
    return keys_by_country().get((iso3, initial), [])


def close_spelling(key: str, iso3: str) -> str | None:
    """The gazetteer name of the country spelled most like `key` (transliterations such as
    'Shauliai' for 'Siauliai'), or None when none is close or two different cities are as close."""
    if len(key) < 5:
        return None
    keys = country_keys(iso3, key[0])
    compact = key.replace(" ", "")
    joined = [k for k in keys if k.replace(" ", "") == compact]  # 'gaoan' is GeoNames' 'gao an'
    if joined:
        return joined[0]
    close = difflib.get_close_matches(key, keys, n=1, cutoff=CLOSE_SPELLING)
    if not close:
        return None
    best = difflib.SequenceMatcher(None, key, close[0]).ratio()
    near = difflib.get_close_matches(key, keys, n=12, cutoff=max(0.0, best - CROWDED))
    best_ids = set(candidates_for(close[0])["geonameid"])
    rivals = [c for c in near if not set(candidates_for(c)["geonameid"]) & best_ids]
    return None if rivals else close[0]
