"""Places: countries to ISO3 and UN M49 regions (loaders.countries), city names to the GeoNames
gazetteer."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pandas as pd

from loaders import schema
from loaders.codes import slugify
from loaders.countries import countries, country_facts, country_iso3, fold  # noqa: F401 (re-exported)
from loaders.gazetteer import (  # noqa: F401 (re-exported)
    STRIP_WORDS,
    city_by_id,
    id_names_other,
    match_cities,
    match_city,
)
from loaders.gazetteer_table import fold_series, gazetteer  # noqa: F401 (re-exported)
from loaders.report import INFO, WARNING, ImportReport

UNSEEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u200b\u200e\u200f"
                    "\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
"""Control characters, bidi overrides and marks, zero-width spaces: nothing of a name a reader
sees, but they make two names that look alike differ (and U+202E shows a name reversed)."""
DIRECTION = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LETTERS = ("Lu", "Ll", "Lt", "Lo", "Nd", "Nl")
SLUG_LENGTH = 64
"""A longer name keeps its first words and a digest of the whole name, so two stay two."""


def clean_name(name: object) -> str:
    """A place name as shown: control and direction characters removed, tabs and line breaks
    as spaces, spaces collapsed; '' for a name of only invisible characters."""
    text = " ".join(UNSEEN.sub("", str(name)).split())
    visible = any(unicodedata.category(c)[0] in "LNSP" for c in text)
    return text if visible else ""


def removed_characters(name: object) -> str:
    """What `clean_name` takes out of a name, for the report ('removed 2 control characters
    (U+0007) and 1 direction character (U+202E)'); '' when it takes nothing out. Tabs and line
    breaks, which become spaces, are not counted."""
    found = UNSEEN.findall(str(name))
    if not found:
        return ""
    kinds: dict[str, list[str]] = {}
    for char in found:
        kind = "direction" if DIRECTION.match(char) else \
            "control" if unicodedata.category(char) == "Cc" else "invisible"
        kinds.setdefault(kind, []).append(char)
    parts = []
    for kind in ("control", "direction", "invisible"):
        chars = kinds.get(kind, [])
        if chars:
            points = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in chars))
            parts.append(f"{len(chars)} {kind} character{'s' if len(chars) > 1 else ''} ({points})")
    return "removed " + " and ".join(parts)


def shown_removed(name: object) -> str:
    """A name with each character `clean_name` removes written as '<U+202E>', so a report can
    show where it was without a terminal acting on it."""
    return UNSEEN.sub(lambda found: f"<U+{ord(found[0]):04X}>", str(name))


def name_warning(name: object) -> str:
    """The report's reason for a name `clean_name` changed by removing characters, else ''."""
    removed = removed_characters(name)
    if not removed:
        return ""
    clean = clean_name(name)
    return f"{removed} from the name; read as '{clean}'" if clean else \
        f"{removed} from the name; nothing is left of it"


def clean_names(names: pd.Series, lines: pd.Series, column: str, report: ImportReport,
                file: str | Path) -> pd.Series:
    """`clean_name` of each cell, worked out once per distinct name; a name that lost characters
    is reported once, as a warning on its first line (`name_warning`), never changed in silence."""
    text = names.fillna("").astype("string")
    distinct = text.unique()
    cleaned = text.map(dict(zip(distinct, map(clean_name, distinct), strict=True))).astype("string")
    changed = [name for name in distinct if UNSEEN.search(name)]
    if changed:
        first_lines = pd.Series(lines.to_numpy(), index=text.index).groupby(text.to_numpy()).first()
        for name in changed:
            line = first_lines.get(name)
            report.add(file, name_warning(name), line=None if pd.isna(line) else int(line), column=column,
                       value=shown_removed(name), severity=WARNING)
    return cleaned


def name_slug(name: object) -> str:
    """The slug of a name, stable across imports and never shared by two different names:
    letters that do not fold to ASCII (Arabic, Chinese, Cyrillic...) add a digest of the name
    ('دبي' -> '4a07a7fb', 'Al دبي' -> 'al-5c3d84fc'); Latin names keep their plain slug."""
    text = clean_name(name)
    slug = slugify(text)
    if (slug and not any(map(is_unfolded_letter, text)) and len(slug) <= SLUG_LENGTH) or not text:
        return slug
    digest = hashlib.sha1(unicodedata.normalize("NFKC", text).casefold().encode()).hexdigest()[:8]
    head = slug[: SLUG_LENGTH - len(digest) - 1].rstrip("-")
    return f"{head}-{digest}" if head else digest


def is_unfolded_letter(char: str) -> bool:
    """A letter or digit of another script than Latin, which the slug leaves out. (Latin letters
    without an ASCII form, such as 'ə', were left out before: ids made so must stay as they are.)"""
    return ord(char) > 127 and unicodedata.category(char) in LETTERS and not slugify(char) \
        and not unicodedata.name(char, "").startswith("LATIN")


def place_id(kind: str, name: object, iso3: str | None = None, parent_id: str | None = None,
             code: str | None = None, region: str | None = None) -> str:
    """Stable slug: 'ken' for Kenya, 'gbr-bristol' for a city, '<city>-<code>' for a district;
    a region or state given with a city is part of its id ('usa-columbus-oh'), so two places of
    one name in one country stay two places."""
    if kind == "country" and iso3:
        return iso3.lower()
    if kind == "district" and parent_id:
        return f"{parent_id}-{name_slug(code or name)}"
    if kind == "region":
        return f"region-{name_slug(code or name)}"
    prefix = f"{iso3.lower()}-" if iso3 else ""
    slug, region_slug = name_slug(name), name_slug(region) if region else ""
    suffix = f"-{region_slug}" if region_slug and region_slug not in slug.split("-") else ""
    return f"{prefix}{slug}{suffix}"


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
    if "area" in frame.columns:  # a reader's department or state (the atlas's) is the region looked in
        frame["region"] = frame["region"].astype(object).where(frame["region"].notna(), frame["area"])
    report_other_ids(frame, report, file)
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


def report_other_ids(frame: pd.DataFrame, report: ImportReport, file: str | Path) -> None:
    """A warning for each city whose given GeoNames id is a city of other names: the UN's 11.2.1
    file gives Portland the id (and the coordinates) of Blue Island, Illinois, and Springfield those
    of Elverson (population 1,314), and the import said nothing."""
    given = frame["geonameid"].notna() & (frame["kind"] == "city")
    for name, geonameid in zip(frame.loc[given, "name"], frame.loc[given, "geonameid"], strict=True):
        other = id_names_other(str(name), geonameid)
        if other is not None:
            report.add(file, f"GeoNames id {other['geonameid']} is {other['name']} ({other['iso3']}, "
                       f"population {int(other.get('population') or 0):,}), not '{name}': the row gives that "
                       "city's id; check it", column="geonameid", value=name, severity=WARNING)


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
