"""A starter mapping for a user's own CSV or Excel file, written from what its header and cells hold,
so a new user edits a mapping instead of writing one (`city-sdg mapping draft FILE`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from loaders import textio
from loaders.codes import goal_in_id, indicator_slug, parse_sdg_code
from loaders.mapped import mapping
from loaders.numbers import parse_numbers
from loaders.places import fold
from loaders.report import LoadError

ROLES = {
    "place": ("city", "place", "municipality", "municipio", "mun", "ciudad", "ville", "commune", "ward",
              "district", "distrito", "barrio", "quartier", "stadt", "gemeinde", "bezirk", "stadtteil",
              "neighbourhood", "neighborhood", "location", "area", "name", "nombre", "nom", "geoareaname"),
    "country": ("country", "country name", "country or area", "pais", "pays", "land", "staat", "iso3",
                "country code", "country iso3", "country iso2"),
    "region": ("region", "state", "province", "provincia", "department", "departement", "departamento",
               "dep", "county", "bundesland", "comunidad autonoma"),
    "year": ("year", "ano", "annee", "jahr", "time period", "timeperiod", "period", "periodo", "date",
             "fecha"),
    "indicator": ("indicator", "indicador", "indicateur", "indikator", "series", "seriescode", "series code",
                  "variable", "kennzahl"),
    "value": ("value", "valor", "valeur", "wert", "obs value", "observation"),
    "unit": ("unit", "units", "unidad", "unite", "einheit", "unit measure"),
    "note": ("note", "notes", "nota", "notas", "observaciones", "anmerkung", "bemerkung", "footnote",
             "footnotes", "comment", "comments", "remarks"),
    "place_code": ("code", "codigo", "place code", "geocode", "mun id", "ine code", "id"),
    "lat": ("lat", "latitude", "latitud", "breitengrad"),
    "lon": ("lon", "lng", "long", "longitude", "longitud", "langengrad"),
    "population": ("population", "pop", "poblacion", "einwohner", "bevolkerung"),
    "geonameid": ("geonameid", "geoname id", "geonames id"),
}
"""Header words (folded) that say what a column holds, each role's words in order of preference: a
file with both 'Area' ('Total') and 'City' columns (UNdata's city population) has its places in
'City'."""
NOT_VALUES = re.compile(r"(^| )(id|code|codigo|footnotes?|notes?|notas?|source year|reliability)$")
"""Folded headers of number columns that are no indicator: ids (GeoNames ids, codes), footnote
numbers, the year a source was published."""
YEAR_HEADER = re.compile(r"^\D{0,12}((?:19|20)\d\d)(?:\s*[-/–]\s*(?:\d{2}|\d{4}))?\D{0,3}$")
"""A year's column ('2019', 'FY2020', 'Jahr 2019'), also a fiscal or academic year ('2020/21',
which the reader reads as 2021 and the draft left out, with its values)."""


def column_roles(columns: list[str], roles: dict[str, tuple[str, ...]] = ROLES) -> dict[str, str]:
    """{role: column}: the column whose folded name is (else starts with) the role's most preferred
    word, the first such column when several are."""
    found: dict[str, str] = {}
    names = [(column, fold(column)) for column in columns]
    for exact in (True, False):
        for role, words in roles.items():
            if role in found:
                continue
            for word in words:
                column = next((c for c, name in names if c not in found.values()
                               and (name == word if exact else name.startswith(word + " "))), None)
                if column is not None:
                    found[role] = column
                    break
    return found


def numeric_columns(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """Columns whose filled cells are mostly numbers or missing markers."""
    out = []
    for column in columns:
        cells = frame[column].fillna("").str.strip()
        cells = cells[cells != ""]
        parsed = parse_numbers(cells.head(500))
        if len(cells) and parsed["ok"].mean() >= 0.8 and parsed["value"].notna().any():
            out.append(column)
    return out


def field(column: str) -> str:
    return "{column: " + json.dumps(column, ensure_ascii=False) + "}"


def draft(path: Path, sheet: str | int | None = None) -> str:
    """The YAML text of a starter mapping for `path`."""
    return drafted(path, sheet)[0]


def drafted(path: Path, sheet: str | int | None = None) -> tuple[str, str]:
    """(YAML text, kind): a projects mapping ("projects") for a list of projects, which has a column
    of titles and one of SDG tags (loaders/projects/draft.py), else an indicator mapping
    ("indicators"). A JSON file can only be a list of projects."""
    from loaders.projects import draft as projects
    from loaders.projects import source

    frame = source.read_json(path, None) if source.is_json(path) else \
        textio.read_any(path, sheet=sheet if sheet is not None else 0).frame
    roles = projects.project_roles(frame)
    if roles is not None and not {"indicator", "value"} <= column_roles(list(frame.columns)).keys():
        return projects.draft_projects(path.name, path.stem, frame, roles, sheet), "projects"
    if source.is_json(path):
        raise LoadError(f"{path.name}: a JSON file is drafted only as a list of projects, and it has no "
                        "column of titles beside one of SDG tags; write its mapping by hand "
                        "(docs/projects.md).")
    return indicator_draft(path, frame, sheet), "indicators"


def indicator_draft(path: Path, frame: pd.DataFrame, sheet: str | int | None) -> str:
    """The YAML text of a starter indicator mapping for the table `frame` of `path`."""
    columns = [c for c in frame.columns if not c.startswith("_")]
    roles = column_roles(columns)
    year_columns = [c for c in columns if YEAR_HEADER.match(c) and c not in roles.values()]
    lines = [f"# Starter mapping for {path.name}, written by 'city-sdg mapping draft'. Check every line,",
             "# then: city-sdg validate FILE --mapping THIS.yml  (and import when the report is clean)."]
    if sheet is not None:
        lines.append(f"sheet: {json.dumps(sheet, ensure_ascii=False)}")
    lines.append(f"source: {json.dumps(path.stem, ensure_ascii=False)}   # credited on every value")
    place = roles.get("place") or roles.get("region")
    lines.append(f"place: {field(place)}" if place else "place: {value: CHANGE-ME}   # no place column found")
    for role in ("country", "place_code", "geonameid", "lat", "lon", "population", "unit", "note"):
        if role in roles:
            lines.append(f"{role}: {field(roles[role])}")
    if "region" in roles and roles["region"] != place:
        lines.append(f"# region: {field(roles['region'])}   # the place's region or state, to tell "
                     "places of one name apart")
    used = {c for r, c in roles.items() if r != "region" or c == place}
    meta: list[str] = []
    if "indicator" in roles and "value" in roles:
        lines += ["format: tidy", f"indicator: {field(roles['indicator'])}"]
        lines.append(f"year: {field(roles['year'])}" if "year" in roles else "year: {value: CHANGE-ME}")
        lines.append(f"value: {field(roles['value'])}")
        meta = indicator_meta(frame[roles["indicator"]].dropna().unique().tolist())
    elif "value" in roles and len(year_columns) < 2:  # one indicator's values, a row per place and year
        lines += ["format: tidy", "indicator: {value: CHANGE-ME}   # the indicator these values measure"]
        lines.append(f"year: {field(roles['year'])}" if "year" in roles else "year: {value: CHANGE-ME}")
        lines.append(f"value: {field(roles['value'])}")
    elif len(year_columns) >= 2:
        lines += ["format: wide", f"indicator: {field(roles['indicator'])}" if "indicator" in roles
                  else "indicator: {value: CHANGE-ME}   # the indicator these values measure"]
        lines.append("year: {columns: " + json.dumps(year_columns, ensure_ascii=False) + "}")
        used |= set(year_columns)
    else:
        values = [c for c in numeric_columns(frame, columns)
                  if c not in used and not NOT_VALUES.search(fold(c))]
        lines += ["format: wide",
                  f"year: {field(roles['year'])}" if "year" in roles else "year: {value: CHANGE-ME}",
                  "indicator:", "  columns:"]
        lines += [f"    {json.dumps(c, ensure_ascii=False)}: {indicator_slug(c)}" for c in values]
        used |= set(values)
        meta = indicator_meta(values)
    if meta:
        lines += ["indicators:   # goal read from each id; add name, unit, direction, best, worst", *meta]
    others = [c for c in columns if c not in used and c not in roles.values()]
    if others:
        lines.append("# Columns not used (map one above, or leave it out):")
        lines += [f"#   {json.dumps(c, ensure_ascii=False)}: {sample(frame[c])}" for c in others]
    return "\n".join(lines) + "\n"


def indicator_meta(ids: list[str]) -> list[str]:
    out = []
    for text in ids[:500]:
        goal = goal_in_id(text)
        parts = parse_sdg_code(text) or {}
        entry = {"goal": goal} if goal else {}
        if parts.get("un_code"):
            entry["un_code"] = parts["un_code"]
        if entry:
            inner = ", ".join(f"{k}: {json.dumps(v)}" for k, v in entry.items())
            out.append(f"  {json.dumps(str(indicator_slug(text)))}: {{{inner}}}")
        else:
            out.append(f"  # {json.dumps(str(text), ensure_ascii=False)}: no goal in the id; add goal: N")
    return out


def sample(cells: pd.Series) -> str:
    filled = cells.dropna().astype(str).str.strip()
    shown = filled[filled != ""].drop_duplicates().head(3).tolist()
    return "e.g. " + ", ".join(json.dumps(s[:30], ensure_ascii=False) for s in shown) if shown else "empty"


def write_draft(path: Path, out: Path | None, sheet: str | int | None = None) -> tuple[Path, str]:
    """Write the draft beside the file (`<name>.mapping.yml`) or to `out`, never over an existing file;
    it is checked by loading it. Returns where it was written and its kind ("projects" or
    "indicators")."""
    target = out or path.with_name(f"{path.stem}.mapping.yml")
    if target.exists():  # a mapping drafted before and then edited by hand is never written over
        raise LoadError(f"{target} exists already: it is left as it is (a mapping you have edited is "
                        "never overwritten); give --out to write the draft elsewhere.")
    text, kind = drafted(path, sheet)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise LoadError(f"The draft cannot be written to {target} ({error.strerror or error}); "
                        "give --out to write it elsewhere.") from None
    if "CHANGE-ME" not in text:
        if kind == "projects":
            from loaders.projects import mapping as projects_mapping

            projects_mapping.load(target)
        else:
            mapping.load(target)
    return target, kind
