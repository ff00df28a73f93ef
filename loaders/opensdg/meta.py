"""Open SDG metadata in its several styles, the site config, and the place a site is about.

Indicator rows come from the metadata: name from indicator_name / graph_title / indicator
available (a translation key alone gives 'Indicator 11.1.1' and a warning), unit from
computation_units, source from source_organisation_1, description from the national or
UN description.

Metadata for indicator `<id>` is merged from, in increasing priority: global-meta/<id>.md,
indicator-config/<id>.yml, meta/<id>.yml, meta/<id>.md (YAML front matter), a build's
meta/<id>.json (else its entry in meta/all.json) and
csv-meta/<id>.csv (label,value rows mapped to keys by metadata-mapping.csv). A later source
wins, except that a blank value or a translation key ('global_indicators.11-1-1-title') never
replaces readable text. Within each folder, a copy in `<folder>/<lang>/` for the source's own
language overrides the default file; other languages are translations (opensdg_texts.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from loaders import yamltext
from loaders.codes import parse_sdg_code, slugify
from loaders.report import WARNING, ImportReport, LoadError
from loaders.textio import decode

SOURCES = (
    ("global-meta", ".md"),
    ("indicator-config", ".yml"),
    ("meta", ".yml"),
    ("meta", ".md"),
    ("meta", ".json"),
    ("csv-meta", ".csv"),
)
FRONT_MATTER = re.compile(r"^\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(\r?\n|$)", re.DOTALL)
TRANSLATION_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[A-Za-z0-9][A-Za-z0-9_.-]*$")
DEFAULT_MAPPING = {
    "indicator name": "indicator_name",
    "indicator available": "indicator_available",
    "indicator description": "indicator_description",
    "graph title": "graph_title",
    "unit of measurement": "computation_units",
    "geographical coverage": "national_geographical_coverage",
}
NAME_KEYS = ("indicator_name", "graph_title", "indicator_available", "national_indicator_available",
             "SDG_INDICATOR", "SDG_INDICATOR__GLOBAL")
"""The SDMX metadata keys (Valencia's YAML, Nepal's built JSON) come last, their 'Indicator
1.2.1: ' (or 'Indicador 1.1.1: ') prefix taken off."""
SDMX_NAME_PREFIX = re.compile(r"^\w+\s+\d{1,2}\.[0-9a-z]{1,2}\.[0-9a-z]{1,2}\s*[:.–-]\s*", re.I)
UNIT_KEYS = ("computation_units", "unit_of_measurement")
DESCRIPTION_KEYS = (
    "national_indicator_description",
    "indicator_description",
    "indicator_definition",
    "computation_definitions",
)


def is_translation_key(value: object) -> bool:
    """True for Open SDG translation keys such as 'global_indicators.11-1-1-title'."""
    text = str(value).strip()
    return bool(TRANSLATION_KEY.match(text)) and ("_" in text or "-" in text)


def readable(value: object) -> str:
    """The value as text, or '' when blank, not text, or a translation key."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    text = str(value).strip()
    return "" if not text or is_translation_key(text) else text


def indicator_name(meta: dict) -> str:
    """The indicator's name from the first readable NAME_KEYS entry ('' when none)."""
    return SDMX_NAME_PREFIX.sub("", first_text(meta, NAME_KEYS)).strip()


def first_text(meta: dict, keys: tuple[str, ...]) -> str:
    """The first readable value among `keys`."""
    for key in keys:
        text = readable(meta.get(key))
        if text:
            return text
    return ""


def read_front_matter(path: Path) -> dict:
    text, _ = decode(path, path.read_bytes())
    match = FRONT_MATTER.match(text)
    return yaml_mapping(match.group(1), path) if match else {}


def read_yaml(path: Path) -> dict:
    text, _ = decode(path, path.read_bytes())
    return yaml_mapping(text, path)


def yaml_mapping(text: str, path: Path) -> dict:
    try:
        data = yamltext.load(text)
    except yaml.YAMLError as error:
        raise LoadError(f"{path.name} is not valid YAML: {str(error).splitlines()[0]}.") from error
    return data if isinstance(data, dict) else {}


def read_mapping(root: Path) -> dict[str, str]:
    """metadata-mapping.csv: human label -> metadata key (lower-cased labels)."""
    mapping = dict(DEFAULT_MAPPING)
    path = root / "metadata-mapping.csv"
    if path.is_file():
        for label, key in label_rows(path):
            mapping[label.lower()] = key
    return mapping


def label_rows(path: Path) -> list[tuple[str, str]]:
    """Two-column rows of a CSV (quoted multi-line values allowed), blanks skipped."""
    text, _ = decode(path, path.read_bytes())
    rows = []
    for row in csv.reader(io.StringIO(text, newline="")):
        if len(row) >= 2 and row[0].strip() and ",".join(row[1:]).strip():
            rows.append((row[0].strip(), ",".join(row[1:]).strip()))
    return rows


def read_csv_meta(path: Path, mapping: dict[str, str]) -> dict:
    meta = {}
    for label, value in label_rows(path):
        key = mapping.get(label.lower()) or slugify(label).replace("-", "_")
        meta[key] = value
    return meta


def indicator_metadata(
    root: Path,
    indicator_id: str,
    mapping: dict[str, str],
    report: ImportReport,
    subfolders: tuple[str, ...] = ("", "en"),
) -> dict:
    """All metadata for one indicator, merged as the module docstring says. `subfolders` are
    read in each metadata folder, later ones winning: ('', 'en') is the source's own metadata
    (the default files, then an English copy), ('es',) the Spanish translation alone."""
    merged: dict = {}
    for folder, suffix in SOURCES:
        for subfolder in subfolders:
            path = root / folder / subfolder / f"{indicator_id}{suffix}"
            meta = read_meta_file(path, mapping, report)
            if not meta and suffix == ".json":  # a build's meta/all.json, keyed by indicator id
                combined = read_meta_file(path.parent / "all.json", mapping, report).get(indicator_id)
                meta = combined if isinstance(combined, dict) else {}
            for key, value in meta.items():
                if readable(value) or not readable(merged.get(key)):
                    merged[key] = value
    return merged


def read_meta_file(path: Path, mapping: dict[str, str], report: ImportReport) -> dict:
    """One metadata file by its suffix; {} when absent, and a warning when unreadable."""
    if not path.is_file():
        return {}
    try:
        if path.suffix == ".md":
            return read_front_matter(path)
        if path.suffix == ".yml":
            return read_yaml(path)
        if path.suffix == ".json":
            return read_json_meta(path)
        return read_csv_meta(path, mapping)
    except (LoadError, OSError, UnicodeError) as error:
        report.add(path, f"metadata not read: {error}", severity=WARNING)
        return {}


def read_json_meta(path: Path) -> dict:
    """A built site's meta/<id>.json: the indicator's metadata as one JSON object."""
    text, _ = decode(path, path.read_bytes())
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise LoadError(f"{path.name} is not valid JSON: {error.msg}.") from error
    except RecursionError as error:  # a document nested thousands deep: one sentence, not a traceback
        raise LoadError(f"{path.name} is nested too deeply to be read as JSON.") from error
    return data if isinstance(data, dict) else {}


def read_config(root: Path, report: ImportReport) -> dict:
    """config_data.yml (or config.yml) of the site; {} when absent or unreadable. A configuration in
    the folder above that names `root` its `src_dir` is the site's too (sdg-build's layout: a
    repository's config_data.yml beside `src/`, which held its site name and map layers and was
    not read)."""
    for folder in (root, root.parent):
        for name in ("config_data.yml", "config.yml"):
            path = folder / name
            if not path.is_file():
                continue
            try:
                found = read_yaml(path)
            except (LoadError, OSError, UnicodeError) as error:
                report.add(path, f"site configuration not read: {error}", severity=WARNING)
                continue
            if folder == root or str(found.get("src_dir") or "").strip().strip("/") == root.name:
                return found
    return {}


def indicator_row(indicator_id: str, meta: dict, unit: str, report: ImportReport, file: Path) -> dict:
    parts = (
        parse_sdg_code(indicator_id)
        or parse_sdg_code(first_text(meta, ("indicator_number", "indicator")))
        or {}
    )
    goal = parts.get("goal") or pd.to_numeric(readable(meta.get("sdg_goal")), errors="coerce")
    if not parts:
        report.add(
            file,
            "the file name is not an SDG indicator code; goal and target come from the metadata if at all",
            column="indicator_id",
            value=indicator_id,
            severity=WARNING,
        )
    name = indicator_name(meta)
    if not name:
        name = f"Indicator {indicator_id.replace('-', '.')}"
        keys = [str(meta[k]) for k in NAME_KEYS[:2] if is_translation_key(meta.get(k, ""))]
        report.add(
            file,
            f"no readable indicator name in the metadata; shown as '{name}'",
            column="indicator_name",
            value=keys[0] if keys else "",
            severity=WARNING,
        )
    return {
        "indicator_id": indicator_id,
        "goal": goal,
        "target": parts.get("target") or readable(meta.get("target_id")) or pd.NA,
        "un_code": parts.get("un_code") or pd.NA,
        "name": name,
        "unit": first_text(meta, UNIT_KEYS) or unit or pd.NA,
        "source": first_text(meta, ("source_organisation_1",)) or pd.NA,
        "description": first_text(meta, DESCRIPTION_KEYS) or pd.NA,
    }
