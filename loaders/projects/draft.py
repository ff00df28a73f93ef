"""A starter projects mapping for a list of projects (`city-sdg mapping draft FILE`): a file with a
column of SDG tags ('9, 13, 15', 'SDG 11', 'Climate action') beside a column of titles is a list of
projects, not a table of indicator values, and gets a mapping for `--kind projects`."""

from __future__ import annotations

import json
import re

import pandas as pd

from loaders.countries import fold
from loaders.mapped.draft import column_roles, sample
from loaders.projects.parse import sdg_tags

ROLES = {
    "project_id": ("project id", "id", "projekt id", "solution id", "code", "codigo", "reference",
                   "referencia", "ref", "nr", "nummer", "projektnummer", "numero"),
    "title": ("title", "project title", "project name", "project", "name", "titel", "titulo", "titre", "nom",
              "nombre", "solution", "projekt", "projektname", "projekttitel", "vorhaben", "massnahme",
              "proyecto", "nombre del proyecto", "titulo del proyecto", "projet", "nom du projet",
              "titre du projet", "intitule"),
    "summary": ("summary", "description", "abstract", "beschreibung", "descripcion", "resume", "details"),
    "goals": ("sdgs", "sdg", "goals", "sdg goals", "global goals", "sdg tags", "ods", "odd", "ziele",
              "sdg ziele", "nachhaltigkeitsziele", "objetivos", "objectifs"),
    "targets": ("targets", "sdg targets", "metas", "cibles"),
    "theme": ("theme", "topic", "category", "thema", "tema", "theme principal"),
    "status": ("status", "stage", "phase", "estado", "statut"),
    "start_date": ("start date", "start", "begin", "started", "fecha de inicio", "fecha inicio", "inicio",
                   "date de debut", "date debut", "debut", "startdatum", "beginn"),
    "end_date": ("end date", "end", "finish", "fecha de fin", "fecha fin", "date de fin", "date fin", "fin",
                 "enddatum", "ende"),
    "budget": ("budget", "cost", "amount", "presupuesto"),
    "currency": ("currency", "moneda", "devise", "wahrung"),
    "place": ("city", "place", "municipality", "municipio", "ciudad", "ville", "commune", "stadt", "location",
              "district", "ort", "gemeinde", "kommune", "standort", "localidad", "localite", "lieu"),
    "country": ("country", "country name", "pais", "pays", "land", "iso3", "country code"),
    "region": ("department", "departamento", "departement", "province", "provincia", "region", "state",
               "uf", "bundesland", "county"),
    "lat": ("lat", "latitude", "latitud", "breitengrad", "breite", "location lat"),
    "lon": ("lon", "lng", "long", "longitude", "longitud", "langengrad", "lange", "location lon",
            "location lng"),
    "url": ("url", "homepage", "website", "web", "link", "webseite", "sitio web"),
    "last_updated": ("last updated", "last modified", "updated", "modified"),
}
"""Header words (folded) that say what a column of a project list holds, in order of preference."""
TAG_COLUMN = re.compile(r"^(sdg|goal|ods|odd)s? ?(tag )?\d{1,2}$")
"""Folded names of numbered tag columns (`sdg_tag_1`, `SDG tag 2`), read together as the goals."""
TAGGED_SHARE = 0.6
"""The share of a goals column's filled cells that must read as SDG tags, and nothing else."""
ORDER = ("project_id", "title", "summary", "goals", "targets", "theme", "status", "start_date", "end_date",
         "budget", "currency", "place", "region", "country", "lat", "lon", "url", "last_updated")


def tagged(cells: pd.Series) -> bool:
    """Whether most filled cells of a column are SDG tags and nothing else."""
    filled = cells.dropna().astype(str).str.strip()
    filled = filled[filled != ""].head(300)
    if filled.empty:
        return False
    read = [sdg_tags(text) for text in filled]
    return sum(bool(goals) and not problems for goals, _targets, problems in read) >= TAGGED_SHARE * len(read)


def project_roles(frame: pd.DataFrame) -> dict[str, object] | None:
    """The fields of a project list and their columns (goals: a column, or a list of numbered tag
    columns), or None when the table is not one: it needs a title column and SDG tags."""
    columns = [c for c in frame.columns if not str(c).startswith("_")]
    tag_columns = [c for c in columns if TAG_COLUMN.match(fold(c))]
    roles: dict[str, object] = dict(column_roles([c for c in columns if c not in tag_columns], ROLES))
    if "goals" in roles and not tagged(frame[roles["goals"]]):
        del roles["goals"]
    if "goals" not in roles and tag_columns and tagged(frame[tag_columns].stack()):
        roles["goals"] = tag_columns
    if "title" not in roles or "goals" not in roles:
        return None
    return roles


def tag_pattern(columns: list[str]) -> str:
    """A pattern naming the numbered tag columns (`^sdg_tag_\\d+$` for sdg_tag_1..5), so that a
    later export with more of them is read too."""
    stems = {re.sub(r"\d+$", "", str(c)) for c in columns}
    if len(stems) == 1:
        return "^" + re.escape(stems.pop()) + r"\d+$"
    return "^(" + "|".join(re.escape(str(c)) for c in columns) + ")$"


def draft_projects(name: str, stem: str, frame: pd.DataFrame, roles: dict[str, object],
                   sheet: str | int | None) -> str:
    """The YAML text of a starter projects mapping."""
    lines = [f"# Starter mapping for the list of projects in {name}, written by 'city-sdg mapping draft'.",
             "# Check every line, then: city-sdg validate FILE --kind projects --mapping THIS.yml",
             "# (docs/projects.md says what each field takes)."]
    if sheet is not None:
        lines.append(f"sheet: {json.dumps(sheet, ensure_ascii=False)}")
    lines.append(f"source: {json.dumps(stem, ensure_ascii=False)}   # credited on every project")
    for role in ORDER:
        column = roles.get(role)
        if isinstance(column, list):
            lines.append("goals: {pattern: " + json.dumps(tag_pattern(column)) + "}   # "
                         + ", ".join(map(str, column)))
        elif column is not None:
            named = json.dumps(column, ensure_ascii=False)
            lines.append(f"{role}: {{column: {named}}}   # {sample(frame[column])}")
    if not {"place", "country", "lat"} & set(roles):
        lines.append("place: {value: CHANGE-ME}   # no place, country or coordinates column: the city "
                     "every project is in")
    elif "place" not in roles and "lat" in roles:
        lines.append("# each project is placed at the nearest city within 30 km of its coordinates; "
                     "if all are in one city, say so: place: {value: Berlin}")
    if "place" in roles and "country" not in roles:
        lines.append("# country: {value: CHANGE-ME}   # the country of every project, if one: it tells "
                     "places of one name apart")
    if "budget" in roles and "currency" not in roles:
        lines.append("# currency: {value: CHANGE-ME}   # the budgets' currency as a three-letter code "
                     "(EUR), unless their cells say it ('€1.5m', 'USD 500k')")
    lines += unknown_words(frame, roles)
    used = {c for column in roles.values() for c in (column if isinstance(column, list) else [column])}
    others = [c for c in frame.columns if not str(c).startswith("_") and c not in used]
    if others:
        lines.append("# Columns not used (map one above, or leave it out):")
        lines += [f"#   {json.dumps(c, ensure_ascii=False)}: {sample(frame[c])}" for c in others]
    return "\n".join(lines) + "\n"


def unknown_words(frame: pd.DataFrame, roles: dict[str, object], most: int = 20) -> list[str]:
    """Commented `vocabularies` for the theme and status words the dashboard does not know (a
    Spanish register's 'En ejecución'), each to be given one of the field's values: the draft
    validates as it is, with a warning per unknown word, until they are filled in."""
    from loaders.projects.vocab import VOCABULARIES, lookup_table, vocabulary_key

    lines = []
    for field in ("theme", "status"):
        column = roles.get(field)
        if not isinstance(column, str):
            continue
        known = lookup_table(field)
        cells = frame[column].dropna().astype(str).str.strip()
        words = [w for w in dict.fromkeys(cells[cells != ""]) if vocabulary_key(w) not in known][:most]
        if words:
            lines.append(f"#   {field}:   # each to one of: {', '.join(VOCABULARIES[field])}; or null")
            lines += [f"#     {json.dumps(w, ensure_ascii=False)}:" for w in words]
    if not lines:
        return []
    return ["# Words of the list the dashboard does not know (uncomment, and give each one of its values):",
            "# vocabularies:", *lines]


def is_project_list(path) -> bool:
    """Whether the file reads as a list of projects (`project_roles`): for the import's message about
    a file no indicator format takes. False for a file that cannot be read as a table."""
    from loaders.projects import source
    from loaders.report import LoadError
    from loaders.textio import read_any

    try:
        frame = source.read_json(path, None) if source.is_json(path) else read_any(path).frame
    except (LoadError, OSError, UnicodeError, ValueError):
        return False
    return project_roles(frame) is not None
