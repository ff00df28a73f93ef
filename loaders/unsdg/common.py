"""Steps shared by the UN SDG Global Database readers: areas, codes, breakdowns, notes, years."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from loaders import countries, places
from loaders.codes import is_series_code, parse_sdg_code, slugify
from loaders.totals import is_total

DATABASE = "UN SDG Global Database"



NATURE = {
    "C": "Country data",
    "CA": "Country adjusted data",
    "E": "Estimated data",
    "G": "Global monitoring data",
    "M": "Modeled data",
    "N": "Non-relevant",
}
"""SDG Global Database codes for the nature of data; NA and _X ('not available') say nothing."""

EMPTY_CITY = "empty city (the other rows of {series} for this area name their city)"
NOT_AVAILABLE = {"", "na", "_x"}
NOTE_PART = 160
NOTE_MAX = 300
CITY_CODE = re.compile(r"^(?P<iso2>[A-Z]{2})_(?P<rest>[A-Z0-9_]+)$")
PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")
YEAR = re.compile(r"^\s*(\d{4})(?:\.0+)?\s*$")
YEAR_RANGE = re.compile(r"^\s*(\d{4})\s*[-\u2013/]\s*(\d{4}|\d{2})\s*$")


def key(name: object) -> str:
    """A column name reduced for matching: '[Reporting Type]' -> 'reportingtype'."""
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def text(value: object) -> str:
    """A cell as stripped text; None and NA become ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()




def parse_year(raw: object) -> tuple[int, str] | None:
    """(year, label) from '2016', 2016.0 or a range '2015-2017' (the end year, label kept)."""
    label = text(raw)
    match = YEAR.match(label)
    if match:
        year, label = int(match[1]), ""
    else:
        match = YEAR_RANGE.match(label)
        if not match:
            return None
        start, end = match[1], match[2]
        year = int(start[:2] + end if len(end) == 2 else end)
        if year < int(start):
            return None
    return (year, label) if 1900 <= year <= 2100 else None


def series_indicator(series: str, indicator: str, goal: str, target: str, rename: dict) -> dict:
    """Indicator id and SDG codes of a series: the series code names what is measured."""
    parts = None
    candidates = [c for c in re.split(r"[,;]", indicator) if c.strip()]
    for candidate in candidates:
        parsed = parse_sdg_code(candidate)
        if parsed and (not parts or (goal and str(parsed["goal"]) == goal)):
            parts = parsed
    parts = parts or parse_sdg_code(target) or parse_sdg_code(goal) or {}
    if series:
        ident = slugify(series)
    elif parts.get("un_code"):
        ident = slugify(parts["un_code"])
    else:
        ident = ""
    ident = rename.get(series) or rename.get(ident) or ident
    return {
        "indicator_id": ident,
        "goal": parts.get("goal"),
        "target": parts.get("target"),
        "un_code": parts.get("un_code"),
        "series": series if is_series_code(series) else "",
    }


def dimension_label(name: str) -> str:
    """'hazardTypeCode' -> 'Hazard type', '[Sex]' -> 'Sex', 'Custom Breakdown' kept."""
    name = name.strip().strip("[]").strip()
    name = re.sub(r"(Code|Desc)$", "", name) if re.search(r"[a-z](Code|Desc)$", name) else name
    if " " not in name and re.search(r"[a-z][A-Z]", name):
        name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()
    return name[:1].upper() + name[1:]


def dimension_value(value: str) -> str:
    """'FEMALE' -> 'Female'; codes with digits ('Y15T24') and mixed case stay as they are."""
    value = value.replace("|", "/").replace("=", "-")
    return value.capitalize() if re.fullmatch(r"[A-Z]{2,}( [A-Z]+)*", value) else value


def breakdown(pairs: list[tuple[str, str]]) -> str:
    """'Dim=Value|...' from (dimension, value) pairs; totals are left out."""
    return "|".join(
        f"{dimension_label(dim)}={dimension_value(val)}" for dim, val in pairs if not is_total(val)
    )


def dimension_cell(code: str, desc: str) -> str:
    """A breakdown's value from its code and its words: the code decides a total. The UN writes
    ageCode '_T' with ageDesc 'All age ranges or no breakdown by age', and its words made every row
    of 6.1.1 a breakdown: no headline, no score."""
    if code and is_total(code):
        return ""
    return desc or code


def nature_note(nature: str) -> str:
    """'E' or 'E: Estimated data' -> 'Estimated data'; 'not available' natures give ''."""
    code, _, desc = nature.partition(":")
    code = code.strip()
    if code.lower() in NOT_AVAILABLE or "not available" in nature.lower():
        return ""
    return desc.strip() or NATURE.get(code.upper(), nature)


def note(parts: dict[str, str]) -> str:
    """Short 'Label: text; ...' from the non-empty parts, each cut to a readable length."""
    pieces = []
    for label, value in parts.items():
        value = re.sub(r"\s+", " ", value).strip()
        if not value:
            continue
        if len(value) > NOTE_PART:
            value = value[: NOTE_PART - 1].rstrip() + "\u2026"
        pieces.append(f"{label}: {value}" if label else value)
    joined = "; ".join(pieces)
    return joined if len(joined) <= NOTE_MAX else joined[: NOTE_MAX - 1] + "\u2026"


def m49(code: str) -> str:
    """'4', '004' and 4.0 -> '004'; '' when the code is not a number."""
    code = text(code)
    if re.fullmatch(r"\d+(\.0+)?", code):
        return str(int(float(code))).zfill(3)
    return ""


def number_or_none(value: object) -> float | None:
    try:
        return float(text(value))
    except ValueError:
        return None


@lru_cache(maxsize=65_536)
def area_place(
    code: str,
    name: str,
    *,
    iso3: str = "",
    area_type: str = "",
    lon: object = None,
    lat: object = None,
) -> tuple[dict | None, str]:
    """The country or UN region/aggregate a row is about, or (None, reason); cached, so the
    returned record must not be changed."""
    number = m49(code)
    aggregate = area_type.lower() in {"region", "group", "aggregate"}
    iso = None
    if not aggregate:
        iso = places.country_iso3(iso3) if re.fullmatch(r"[A-Za-z]{3}", iso3) else None
        if iso is None and number:
            iso = places.country_iso3(number)
        if iso is None and re.fullmatch(r"[A-Za-z]{2,3}", text(code)):
            iso = places.country_iso3(text(code))
        if iso is None and not text(code) and name:
            iso = places.country_iso3(name)
    conflict = name_conflict(iso, code, name) if iso else ""
    if conflict:
        return None, conflict
    if iso:
        return {
            "place_id": places.place_id("country", name, iso),
            "name": name or places.country_facts(iso).get("name", iso),
            "kind": "country",
            "code": number or None,
            "country_iso3": iso,
            "country": iso,
            "lon": number_or_none(lon),
            "lat": number_or_none(lat),
        }, ""
    if number and places.country_iso3(name):  # a country's name with a code that is none of a country's
        return None, f"unknown area: code '{code}', name '{name}' is neither a country nor a UN region"
    if aggregate and not number:  # a region named, not coded: by its code, as a file coding it names it
        number = countries.aggregate_code(name) or ""
    if number or (aggregate and name):
        return {
            "place_id": places.place_id("region", name, code=number or None),
            "name": name or number,
            "kind": "region",
            "code": number or None,
        }, ""
    return None, f"unknown area: code '{code}', name '{name}' is neither a country nor a UN region"


def name_conflict(iso: str, code: str, name: str) -> str:
    """Why a row's area code and area name cannot both be right, or '': the name is another
    country's. A file whose Algeria rows carried Albania's code 8 stored them as Albania's place
    named 'Algeria'. A name no country list knows (a former state) is left to the code."""
    named = places.country_iso3(name) if name else None
    if named is None or named == iso:
        return ""
    coded, other = (places.country_facts(each).get("name", each) for each in (iso, named))
    return (f"area code '{code}' is {coded} ({iso}) but the name '{name}' is {other} ({named}): "
            "the code and the name disagree")


def city_name(name: str, code: str, iso3: str | None = None) -> str:
    """'Kābul (Kabul)' -> 'Kābul', or 'Algiers' for 'El Djazaïr (Algiers)' when only the name
    in brackets is in the gazetteer; from a code when there is no name: 'AF_MAZAR_E_SHARIF' ->
    'Mazar E Sharif'."""
    name = re.sub(r"\s+", " ", name).strip()
    if name:
        first = PARENTHESIS.sub("", name).strip() or name
        other = name[len(first) :].strip().strip("()").strip()
        if other and places.match_city(first, iso3)[0] is None:
            return other if places.match_city(other, iso3)[0] is not None else first
        return first
    match = CITY_CODE.match(code)
    rest = match["rest"] if match else code
    return rest.replace("_", " ").title()


def region_city(name: str, code: str = "") -> tuple[str, str]:
    """('Cundinamarca', 'Soacha') from UN-Habitat's 'Cundinamarca_Soacha', whose code CO_CUN_SOACHA
    abbreviates the department between the country and the city; ('', name) otherwise (Tunisia's
    'Sayada-Ksar Helal_Moknine', coded TN_SAYADA_KSAR_HELAL_MOKNINE, is three towns, not a region)."""
    region, joint, city = name.partition("_")
    parts = code.split("_")
    abbreviated = len(parts) >= 3 and 2 <= len(parts[1]) <= 3 and parts[1].isalpha()
    if joint and region.strip() and city.strip() and "_" not in city and abbreviated:
        return region.strip(), city.strip()
    return "", name.replace("_", "-")  # the towns of an agglomeration, as its other names join them


def split_city(value: str) -> tuple[str, str]:
    """A Cities cell as (code, name): 'AF_KABUL' is a code, 'Kābul (Kabul)' a name."""
    return (value, "") if CITY_CODE.match(value) else ("", value)


def city_series(rows: Iterable[tuple[str, str, bool]]) -> set[tuple[str, str]]:
    """The (series, area) whose rows mostly name a city, from (series, area, names a city) per
    row, in any of the readers' layouts. On their other rows a blank city is a mistake, not the
    country: the UN's files leave the city blank on national rows, which a series has for every
    area or none (its rows for a whole country in a city series are coded, 'NOCITI'); a file
    mixing both has more national rows."""
    balance: dict[tuple[str, str], int] = {}
    for series, area, named in rows:
        balance[(series, area)] = balance.get((series, area), 0) + (1 if named else -1)
    return {key for key, total in balance.items() if total > 0}


def names_city(*cells: str) -> bool:
    """Whether a row's city cells (a code, a name) hold a name once `places.clean_name` has read
    them: a cell of invisible characters only names no city."""
    return any(places.clean_name(cell) for cell in cells)


def is_city(code: str, name: str) -> bool:
    """True when the row names a city; 'NOCITI' codes ('NOCITI_NORWAY', named 'National') and
    totals mean the row is about the whole area."""
    if code.upper().startswith("NOCITI"):
        return False
    return not (is_total(code) and is_total(name))


def city_place(
    area: dict | None, area_reason: str, code: str, name: str, fallback_iso3: str | None = None
) -> tuple[dict | None, str]:
    """The city a row names (kind 'city', raw `country` for places.harmonise), else its area."""
    if not is_city(code, name):
        return area, area_reason
    iso = area.get("country_iso3") if area else None
    return city_record(
        iso, area_reason if area is None else "", (area or {}).get("name"), code, name, fallback_iso3
    )


@lru_cache(maxsize=65_536)
def city_record(
    iso: str | None,
    area_reason: str,
    area_name: str | None,
    code: str,
    name: str,
    fallback_iso3: str | None,
) -> tuple[dict | None, str]:
    """A city record from hashable parts (cached: one per city, however many rows name it)."""
    match = CITY_CODE.match(code)
    if not iso and match:
        iso = places.country_iso3(match["iso2"])
    iso = iso or fallback_iso3
    if area_reason and not iso:
        return None, area_reason
    area, name = region_city(name, code)
    clean = city_name(name, code, iso)
    return {
        "place_id": places.place_id("city", clean, iso),
        "name": clean,
        **({"area": area} if area else {}),
        "kind": "city",
        "parent_id": iso.lower() if iso else None,
        "code": code or None,
        "country_iso3": iso,
        "country": iso or area_name,
    }, ""
