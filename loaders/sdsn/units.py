"""The places of an SDSN sheet: countries (SDR, ECOWAS) or the units of one country (Benin's
départements, US states), with aggregate rows (`_OECD`, `_LAC`) told apart from places."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import places
from loaders.countries import name_index
from loaders.report import WARNING, ImportReport
from loaders.sdsn.common import fold, pick_column
from loaders.textio import LINE

UNIT_NAMES = (
    "country",
    "pays",
    "pais",
    "state",
    "states",
    "city",
    "name",
    "place",
    "nom",
    "departement",
    "department",
    "municipality",
    "municipio",
    "province",
    "region",
    "unit",
)
UNIT_CODES = ("id", "iso3", "country code", "code", "iso", "abbrv", "abbreviation")
AGGREGATE = re.compile(r"^_")
"""SDSN marks its group aggregates with a leading underscore ('_OECD', '_E_Euro_Asia')."""
GROUP_WORDS = frozenset({
    "cedeao", "ecowas", "oecd", "ocde", "ue", "eu", "average", "moyenne", "promedio", "mean", "median",
    "mediane", "mediana", "total", "world", "monde", "mundo", "countries", "pays", "paises", "group",
    "groupe", "grupo", "income", "revenu", "ingreso", "region", "regions", "regional", "regionale",
})
"""Words that make a row of a countries table that names no country a group of countries: Benin's
regional workbook has a row 'Pays CEDEAO' (the ECOWAS countries), which was kept as a country and
ranked 10 of 14, pushing four countries down a place."""


def group_name(name: object) -> bool:
    """Whether a name that is no country's names a group of them (GROUP_WORDS, or a UN region or
    subregion: 'Sub-Saharan Africa', 'Western Africa')."""
    if not isinstance(name, str):
        return False
    plain = fold(name)
    return bool(set(plain.split()) & GROUP_WORDS) or plain in region_names()


def region_names() -> frozenset[str]:
    facts = places.countries()
    found = {fold(str(value)) for column in ("un_region", "un_subregion") if column in facts
             for value in facts[column].dropna().unique() if str(value).strip()}
    return frozenset(found | {"sub saharan africa", "latin america and the caribbean"})


def country_in_texts(texts: list[str]) -> str | None:
    """The one country named in a workbook's title lines ('... Report of the United States 2018',
    '... pour le Bénin 2023'), by its names in the country table's languages; None when none or
    several are named."""
    index = name_index()
    found = set()
    for text in texts:
        plain = f" {fold(text)} "
        found |= {iso3 for name, iso3 in index.items() if len(name) >= 4 and f" {name} " in plain}
    return found.pop() if len(found) == 1 else None


def place_columns(columns: list[str]) -> tuple[str | None, str | None]:
    return pick_column(columns, *UNIT_NAMES), pick_column(columns, *UNIT_CODES)


def unit_rows(
    frame: pd.DataFrame,
    columns: list[str],
    path: Path,
    label: str,
    report: ImportReport,
    country: str | None = None,
) -> pd.DataFrame:
    """name, code, kind, place_id, country_iso3, un_region, un_subregion, reason (why a row is no
    place) per row. Countries when most rows name a country (by name, or a three-letter code);
    otherwise units of `country`, whose own row (e.g. 'Bénin') stays the country."""
    name_col, code_col = place_columns(columns)
    blank = pd.Series(pd.NA, index=frame.index, dtype="string")
    names = frame[name_col].str.strip() if name_col else blank
    codes = frame[code_col].str.strip() if code_col else blank
    label_text = names.where(names.fillna("") != "", codes).replace("", pd.NA)
    three = codes.where(codes.fillna("").str.fullmatch(r"[A-Za-z]{3}"))
    lookup = {t: places.country_iso3(t) for t in pd.concat([label_text, three]).dropna().unique()}
    iso3 = three.map(lookup).fillna(label_text.map(lookup))
    aggregate = codes.fillna("").str.match(AGGREGATE) | label_text.fillna("").str.match(AGGREGATE)
    units = label_text.notna() & ~aggregate
    as_countries = iso3[units].notna().mean() >= 0.5 if units.any() else True
    grouped = pd.Series(False, index=frame.index)
    if as_countries:  # a row that names no country but a group of them is one more aggregate
        grouped = iso3.isna() & ~aggregate & label_text.map(group_name).astype(bool)
        aggregate = aggregate | grouped
    out = pd.DataFrame({"name": label_text, "code": codes, "_line": frame[LINE], "country_iso3": iso3})
    if as_countries:
        out["kind"] = "country"
    else:
        national = iso3.eq(country).fillna(False) if country else pd.Series(False, index=frame.index)
        out["kind"] = np.where(national.to_numpy(dtype=bool), "country", "region")
        out["country_iso3"] = country
    out["place_id"] = [
        places.place_id(k, n, i if isinstance(i, str) else None) if isinstance(n, str) else pd.NA
        for k, n, i in zip(out["kind"], out["name"], out["country_iso3"], strict=True)
    ]
    out["reason"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    out.loc[label_text.isna(), "reason"] = f"row without a place name or code in {label}"
    out.loc[aggregate, "reason"] = "aggregate of several countries (SDSN group row), not a place"
    out.loc[grouped, "reason"] = "aggregate of several countries (named as a group of them), not a place"
    out.loc[out["reason"].notna(), "place_id"] = pd.NA
    facts = places.countries().set_index("iso3")
    for column in ("un_region", "un_subregion"):
        out[column] = out["country_iso3"].map(facts[column]).replace("", pd.NA)
    out["country"] = out["country_iso3"]
    unknown = out["country_iso3"].isna() & out["place_id"].notna()
    for line, value in zip(out.loc[unknown, "_line"], out.loc[unknown, "name"], strict=True):
        why = "country not recognised; kept under its name" if as_countries else "country of the unit unknown"
        report.add(path, why, line=int(line), column=name_col or "", value=value, severity=WARNING)
    for line, value, why in zip(out["_line"], out["name"], out["reason"], strict=True):
        if isinstance(why, str):
            report.add(path, why, line=int(line), column=code_col or name_col or "", value=value)
    return out
