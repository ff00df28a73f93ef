"""Open SDG metadata in its several styles, the site config, and the place a site is about.

Indicator rows come from the metadata: name from indicator_name / graph_title / indicator
available (a translation key alone gives 'Indicator 11.1.1' and a warning), unit from
computation_units, source from source_organisation_1, description from the national or
UN description.

Metadata for indicator `<id>` is merged from, in increasing priority: global-meta/<id>.md,
indicator-config/<id>.yml, meta/<id>.yml, meta/<id>.md (YAML front matter) and
csv-meta/<id>.csv (label,value rows mapped to keys by metadata-mapping.csv). A later source
wins, except that a blank value or a translation key ('global_indicators.11-1-1-title') never
replaces readable text. Within each folder, a copy in `<folder>/<lang>/` for the source's own
language overrides the default file; other languages are translations (opensdg_texts.py).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import yaml

from loaders import places, schema
from loaders.codes import parse_sdg_code, slugify
from loaders.options import ReadOptions
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
COVERAGE_KEYS = ("national_geographical_coverage", "source_geographical_coverage_1")
CITY_PREFIX = re.compile(r"^(the\s+)?(city and county of|city of|municipality of)\s+", re.I)
CITY_SUFFIX = re.compile(r",\s*(city of|city and county of)\s*$", re.I)
NEAR_KM = 60
NAME_KEYS = ("indicator_name", "graph_title", "indicator_available", "national_indicator_available")
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
        data = yaml.safe_load(text)
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
            meta = read_meta_file(root / folder / subfolder / f"{indicator_id}{suffix}", mapping, report)
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
    return data if isinstance(data, dict) else {}


def read_config(root: Path, report: ImportReport) -> dict:
    """config_data.yml (or config.yml) of the site; {} when absent or unreadable."""
    for name in ("config_data.yml", "config.yml"):
        path = root / name
        if path.is_file():
            try:
                return read_yaml(path)
            except (LoadError, OSError, UnicodeError) as error:
                report.add(path, f"site configuration not read: {error}", severity=WARNING)
    return {}


def map_layers(config: dict) -> list[dict]:
    """Boundary layers named in the config: geojson_file, id_property, name_property."""
    layers = config.get("map_layers") or []
    return [layer for layer in layers if isinstance(layer, dict) and layer.get("geojson_file")]


def clean_place_name(text: str) -> str:
    """'City of Los Angeles' and 'Bristol, City of' -> the city's own name."""
    name = CITY_SUFFIX.sub("", CITY_PREFIX.sub("", str(text).strip()))
    return re.sub(r"\s+", " ", name).strip()


def infer_place(metas: list[dict]) -> tuple[str, str]:
    """The most common geographical coverage across indicators, and how it was chosen."""
    votes = Counter()
    for meta in metas:
        for key in COVERAGE_KEYS:
            text = readable(meta.get(key))
            if text:
                votes[clean_place_name(text)] += 1
    if not votes:
        return "", ""
    name, count = votes.most_common(1)[0]
    total = sum(votes.values())
    return name, f"{count} of {total} geographical-coverage entries in the metadata"


def city_iso3(name: str, country: str | None, centre: tuple[float, float] | None) -> tuple[str | None, str]:
    """ISO3 of the city's country: from `country`, else the gazetteer (a name shared by
    several cities is settled by the city nearest `centre`, a (lon, lat) of its districts)."""
    if country:
        iso3 = places.country_iso3(country)
        return iso3, "" if iso3 else f"country '{country}' is not recognised"
    hit, reason = places.match_city(name)
    if hit is not None:
        return hit.get("iso3"), ""
    if centre is not None:
        table = places.gazetteer()
        key = places.fold(name)
        candidates = table[table["key"].isin({key, places.STRIP_WORDS.sub("", key).strip()})]
        distances = [
            km(centre, (lon, lat)) for lon, lat in zip(candidates["lon"], candidates["lat"], strict=True)
        ]
        if distances and min(distances) <= NEAR_KM:
            return candidates.iloc[distances.index(min(distances))]["iso3"], ""
    return None, reason


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


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
    name = first_text(meta, NAME_KEYS)
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


def site_name(root: Path, options: ReadOptions, metas: list[dict], report: ImportReport,
              config: dict | None = None) -> str:
    """options.place, else the site configuration's place (country.name, site_name, title), else
    the place the metadata covers most often. Never the folder's name: a LoadError asks for --place."""
    if options.place:
        return options.place
    name, how = config_place(config or {}), "the site configuration"
    if not name:
        name, how = infer_place(metas)
    if not name:
        raise LoadError(
            f"{root.name}: neither the site configuration nor the metadata names the place this "
            "Open SDG site is about; pass --place (and --country)."
        )
    report.add(
        root,
        f"the place was inferred as '{name}' from {how}; pass --place (and --country) to override",
        column="place",
        value=name,
        severity=WARNING,
    )
    return name


def config_place(config: dict) -> str:
    """The place a site's configuration names: country.name / country.adjective-free name,
    site_name, or title (Open SDG's _config.yml and config_data.yml keys)."""
    country = config.get("country")
    if isinstance(country, dict) and readable(country.get("name")):
        return clean_place_name(readable(country["name"]))
    for key in ("site_name", "title", "site_title"):
        if readable(config.get(key)):
            return clean_place_name(readable(config[key]))
    return ""


def site_places(
    name: str, options: ReadOptions, rows: pd.DataFrame, outlines, root: Path, report: ImportReport
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The city row, then one district per GeoCode; and GeoCode -> place_id. Without
    options.country the gazetteer gives the country, or the place id goes without one."""
    centre = None
    if outlines is not None and len(outlines):
        centre = (float(outlines["lon"].mean()), float(outlines["lat"].mean()))
    nation = places.country_iso3(name)
    if nation and not options.country:
        iso3, reason = nation, ""
    else:
        iso3, reason = city_iso3(name, options.country, centre)
    kind, part = ("country", "region") if nation and nation == iso3 else ("city", "district")
    if reason:
        message = f"{reason}; the place id has no country prefix (pass --country)"
        report.add(root, message, column="place", value=name, severity=WARNING)
    city_id = places.place_id(kind, name, iso3)
    coded = rows.loc[rows["geocode"].fillna("") != "", ["geocode", "geoname"]]
    data_names = coded[coded["geoname"] != ""].drop_duplicates("geocode")
    data_names = dict(zip(data_names["geocode"], data_names["geoname"], strict=True))
    drawn = outlines.set_index("code") if outlines is not None else pd.DataFrame()
    table = [{"place_id": city_id, "name": name, "kind": kind, "country_iso3": iso3, "source": root.name}]
    for code in coded["geocode"].unique():
        known = code in drawn.index
        label = (drawn.at[code, "name"] if known else "") or data_names.get(code, code)
        table.append(
            {
                "place_id": places.place_id("district", label, parent_id=city_id, code=code),
                "name": label,
                "kind": part,
                "parent_id": city_id,
                "code": code,
                "country_iso3": iso3,
                "source": root.name,
                "lat": drawn.at[code, "lat"] if known else pd.NA,
                "lon": drawn.at[code, "lon"] if known else pd.NA,
            }
        )
    place_table = schema.conform("places", pd.DataFrame(table)).assign(country=options.country)
    districts = place_table.iloc[1:]
    return place_table, dict(zip(districts["code"], districts["place_id"], strict=True))
