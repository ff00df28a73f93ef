"""The country table from permissively licensed facts: UN M49 codes, ISO codes, names and regions
(data/reference/m49.csv), country names in several languages from the Unicode CLDR (Babel)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from loaders.paths import REFERENCE_DIR

M49_FILE = REFERENCE_DIR / "m49.csv"
ALIASES_FILE = REFERENCE_DIR / "country_aliases.csv"
COMPOSITE_SUBREGIONS = {"419", "202"}
"""M49 subregions (Latin America and the Caribbean, Sub-Saharan Africa) whose intermediate
regions (South America, Eastern Africa...) are the subregions places carry."""
NAME_LANGUAGES = ("en", "fr", "es", "de", "pt", "it", "nl", "ca")
"""CLDR languages whose country names are recognised (source files are written in them)."""
EXTRA_CODES = {"TWN": ("TW", "158", "Taiwan"), "XKX": ("XK", "", "Kosovo")}
"""Codes M49 does not list: Taiwan's ISO 3166 codes, and Kosovo's user-assigned code (EU, World Bank)."""
APOSTROPHES = str.maketrans("\u2019\u2018\u02bc`\u00b4", "'''''")
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")


def fold(text: object) -> str:
    """Lowercase, accents removed, punctuation to single spaces: for comparing names."""
    text = str(text).translate(APOSTROPHES)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", folded.lower()).strip()


@lru_cache(maxsize=1)
def m49_table() -> pd.DataFrame:
    """UN M49: one row per country or area with its region, subregion, intermediate region."""
    return pd.read_csv(M49_FILE, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def countries() -> pd.DataFrame:
    """One row per country: iso3, iso2, m49, name (CLDR English), UN name, UN subregion and region."""
    from babel import Locale

    m49 = m49_table()
    table = m49[["iso3", "iso2", "m49"]].assign(un_name=m49["name"])
    extra = pd.DataFrame(
        [{"iso3": k, "iso2": iso2, "m49": code, "un_name": ""} for k, (iso2, code, _) in EXTRA_CODES.items()]
    )
    table = pd.concat([table, extra], ignore_index=True)
    english = Locale.parse("en").territories
    fallback = {k: name for k, (_, _, name) in EXTRA_CODES.items()}
    table["name"] = [plain_name(english.get(iso2)) or un or fallback.get(iso3, iso3)
                     for iso2, un, iso3 in zip(table["iso2"], table["un_name"], table["iso3"], strict=True)]
    composite = m49["subregion_code"].isin(COMPOSITE_SUBREGIONS)
    subregion = m49["subregion"].where(~composite, m49["intermediate_region"])
    table["un_subregion"] = table["iso3"].map(dict(zip(m49["iso3"], subregion, strict=True))).fillna("")
    table["un_region"] = table["iso3"].map(dict(zip(m49["iso3"], m49["region"], strict=True))).fillna("")
    return table.drop_duplicates("iso3").reset_index(drop=True)


def plain_name(name: str | None) -> str:
    """CLDR's English name as a place name: 'and' for '&', no '(Burma)' or 'SAR China',
    'DR Congo' and 'Congo' for CLDR's 'Congo - Kinshasa' and 'Congo - Brazzaville'."""
    if not name:
        return ""
    name = {"Congo - Kinshasa": "DR Congo", "Congo - Brazzaville": "Congo"}.get(name, name)
    name = PARENTHESIS.sub(" ", name.replace(" & ", " and ")).replace(" SAR China", "")
    return re.sub(r"\s+", " ", name).strip()


@lru_cache(maxsize=1)
def region_codes() -> dict[str, str]:
    """M49 code of each region, subregion and intermediate region, by its English name."""
    table = m49_table()
    codes: dict[str, str] = {}
    for level in ("region", "subregion", "intermediate_region"):
        pairs = table[[level, f"{level}_code"]].drop_duplicates()
        codes.update({n: c for n, c in zip(pairs[level], pairs[f"{level}_code"], strict=True) if n})
    return codes


SDG_REGIONS = {
    "001": ("World", "Global", "Global Average", "Global Total"),
    "053": ("Australia and New Zealand",),
    "062": ("Central and Southern Asia",),
    "202": ("Sub-Saharan Africa",),
    "419": ("Latin America and the Caribbean",),
    "513": ("Europe and Northern America",),
    "543": ("Oceania (excluding Australia and New Zealand)",),
    "747": ("Northern Africa and Western Asia",),
    "753": ("Eastern and South-Eastern Asia",),
}
"""The UN's SDG regional groupings (M49 codes of the SDG indicators database; most are not M49
regions), with the names seen for the world as a whole."""


def words_of(name: str) -> frozenset[str]:
    """A region's name as a set of folded words, 'and' and brackets left out: UN-Habitat writes
    "Northern America and Europe" for the UN's "Europe and Northern America"."""
    plain = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()
    return frozenset(re.findall(r"[a-z]+", plain)) - {"and", "the"}


@lru_cache(maxsize=1)
def aggregate_index() -> dict[frozenset[str], str]:
    """Words of a region's name -> its code: M49 regions and the SDG regional groupings."""
    index = {words_of(name): code for name, code in region_codes().items()}
    for code, names in SDG_REGIONS.items():
        index.update({words_of(name): code for name in names})
    return index


def aggregate_code(name: str) -> str | None:
    """The code of a UN region or SDG regional grouping named in any word order ('Western Asia and
    Northern Africa' is 747), or None: one file naming its regions and another coding them made
    each region twice ('region-northern-america-and-europe' beside 'region-513')."""
    return aggregate_index().get(words_of(name)) if name else None


@lru_cache(maxsize=1)
def name_index() -> dict[str, str]:
    """Folded country name -> ISO3: UN and CLDR names (several languages) and known aliases."""
    from babel import Locale

    table = countries()
    index: dict[str, str] = {}

    def add(name: object, iso3: str) -> None:
        for variant in (str(name), PARENTHESIS.sub(" ", str(name))):
            key = fold(variant)
            if key and key not in index:
                index[key] = iso3

    for column in ("un_name", "name"):
        for name, iso3 in zip(table[column], table["iso3"], strict=True):
            add(name, iso3)
    aliases = pd.read_csv(ALIASES_FILE, dtype=str, keep_default_na=False)
    for name, iso3 in zip(aliases["alias"], aliases["iso3"], strict=True):
        add(name, iso3)
    iso3_of = dict(zip(table["iso2"], table["iso3"], strict=True))
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in iso3_of:
                add(name, iso3_of[code])
    for name in region_codes():
        index.pop(fold(name), None)
    return index


@lru_cache(maxsize=4096)
def country_iso3(text: object) -> str | None:
    """ISO3 code for a country name, ISO2/ISO3 code or M49 number; None when not a country."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    value = str(text).strip()
    if not value:
        return None
    table = countries()
    upper = value.upper()
    for column in ("iso3", "iso2"):
        hit = table.loc[table[column] == upper, "iso3"]
        if len(hit):
            return hit.iloc[0]
    if value.isdigit():
        hit = table.loc[table["m49"] == value.zfill(3), "iso3"]
        return hit.iloc[0] if len(hit) else None
    index = name_index()
    key = fold(value)
    inverted = comma_inverted(value)
    for candidate in (key, fold(PARENTHESIS.sub(" ", value)), re.sub(r"^the ", "", key), inverted,
                      re.sub(r"^the ", "", inverted), key.replace("dem rep ", "democratic republic of the ")):
        if candidate in index:
            return index[candidate]
    return None


def comma_inverted(value: str) -> str:
    """'Korea, Republic of' -> 'republic of korea'; 'Bahamas, The' -> 'the bahamas' (folded)."""
    head, _, tail = value.rpartition(",")
    return fold(f"{tail} {head}") if head else fold(value)


def country_facts(iso3: str | None) -> dict[str, str]:
    """Name, M49 code and UN region/subregion of an ISO3 code ({} when unknown)."""
    if not iso3:
        return {}
    table = countries()
    row = table[table["iso3"] == iso3]
    return {} if row.empty else row.iloc[0].to_dict()
