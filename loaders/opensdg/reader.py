"""Open SDG sites in their three shapes: one site (a city or a country) and its districts or regions.

layout.py finds the data (a repository's CSV or SDMX-ML input, or a built site's CSV or JSON);
rows.py reads each indicator table, sdmx.py the SDMX messages with their structure definition,
built.py a build's JSON and map layers, meta.py the metadata, place.py the site and its
districts, texts.py the translations.

Series and units: an indicator published as one series in one unit keeps its id. Several
series (a `Series`/`SERIES` column), or several units within a series (`Units`/`UNIT_MEASURE`),
make one indicator each, '<id>-<series>' or '<id>-<series>-<unit>' (slugs cut at 40 characters,
and a short digest of the whole label added where two cut slugs are alike), named by the series (after
the indicator's name when the series label is short) with the unit as its unit; the series
and unit the metadata's `data_start_values` names (Open SDG's headline selection) keeps the
indicator's own id. Their rows' breakdown never holds the series or the unit.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from loaders import schema, textio, yamltext
from loaders.bundle import Bundle
from loaders.codes import slugify
from loaders.opensdg import built, layout, place, rows, sdmx
from loaders.opensdg import meta as opensdg_meta
from loaders.opensdg import texts as opensdg_texts
from loaders.opensdg.rows import distinct, year_of  # noqa: F401  (tests and callers use rows.year_of here)
from loaders.opensdg.sdmx import Table
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError

NAME = "opensdg"
INDICATOR_FILE = layout.INDICATOR_FILE
CODE_LIKE = re.compile(r"^[A-Z0-9_]+$")
SHORT_LABEL = 3
"""A series label of fewer words than this ('Ward') is shown after the indicator's name."""


def sniff(path: Path) -> bool:
    """A repository folder (CSV or SDMX input), a built site, its data folder, or one indicator file."""
    return layout.sniff(path)


def read(path: Path, report: ImportReport, options: ReadOptions) -> Bundle:
    """Indicators, observations, the site and its districts or regions, and their boundaries."""
    root, files = layout.locate(Path(path), options.language)
    for file in layout.shadowed(root, files):
        report.add(file, f"not read: the repository root holds a file for the same indicator "
                   f"({file.name}), read instead", severity=WARNING)
    build = layout.unread_build(Path(path), root, options.language)
    if build is not None:
        report.add(build, f"not read: the site's source in {root} was read instead of its build; "
                   "import the build folder itself to read it", severity=WARNING)
    mapping = opensdg_meta.read_mapping(root)
    config = opensdg_meta.read_config(root, report)
    tables, counts, area = gather(root, files, config, options, report)
    translations = opensdg_texts.read_translations(root, report)
    own, siblings = layout.build_languages(root)
    language = own or options.language  # a build's 'ca/' folder is in Catalan, whatever was asked
    if own or siblings:
        folders = ", ".join(folder.name for folder in layout.language_folders(root.parent))
        report.add(root, f"the build's {root.name}/ folder was read (it has {folders}); the other "
                   "languages' names and descriptions are kept as translations; --language chooses the "
                   "folder", severity=INFO)
    siblings.pop(language, None)
    known = set(translations) | opensdg_texts.metadata_languages(root)
    languages = sorted(known - {language} - set(siblings))
    metas, indicators, text_rows, frames, seen = {}, {}, [], [], set()
    for table in tables:
        parsed = rows.table_rows(table.file, table.frame, table.roles, report)
        if parsed is None:
            counts.pop(table.file, None)
            continue
        kept, problems, multiplier = parsed
        counts[table.file][1].append(problems)
        indicator_id = table.indicator_id
        if indicator_id not in metas:
            raw = opensdg_meta.indicator_metadata(root, indicator_id, mapping, report, ("", language))
            defaults = {k: v for k, v in table.defaults.items() if not opensdg_meta.readable(raw.get(k))}
            raw = {**raw, **defaults}
            metas[indicator_id] = opensdg_texts.resolve(raw, translations.get(language, {}))
            text_rows += opensdg_texts.translated_texts(root, indicator_id, mapping, raw, languages,
                                                        translations, report)
            text_rows += opensdg_texts.sibling_texts(siblings, indicator_id, mapping, translations, report)
        meta = metas[indicator_id]
        base = opensdg_meta.indicator_row(indicator_id, meta, "", report, table.file)
        source = base["source"] if pd.notna(base["source"]) else root.name
        named = bool(opensdg_meta.indicator_name(meta))
        for part_id, series, unit, by_unit, part in split_series(indicator_id, kept, start_values(meta)):
            row = {**base, "indicator_id": part_id, "language": language}
            row.update(part_texts(base, part_id != indicator_id, named, series, unit, by_unit, multiplier))
            indicators.setdefault(part_id, row)
            frames.append(part.assign(indicator_id=part_id, source=source))
            seen.add(part_id)
    record_counts(counts, report)
    observations = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame({"geocode": pd.Series(dtype="string"), "geoname": pd.Series(dtype="string")})
    )
    name = place.site_name(root, options, list(metas.values()), report, config, area[1],
                           lambda: translated_metadata(root, list(metas), mapping, languages))
    outlines, outline_source = place.site_boundaries(root, options, config, observations["geocode"], report)
    if frames and outlines is not None:
        observations = place.codes_of_the_whole_city(observations, set(outlines["code"]), root, report)
    place_table, place_of = place.site_places(name, options, observations, outlines, root, report)
    city_id = place_table["place_id"].iloc[0]
    if frames:
        observations["place_id"] = [place_of.get(code, city_id) for code in observations["geocode"]]
    bundle = Bundle(
        places=place_table,
        indicators=schema.conform("indicators", pd.DataFrame(list(indicators.values()))),
        indicator_texts=opensdg_texts.texts_table(text_rows),
        observations=schema.conform("observations", observations) if frames else schema.empty("observations"),
        sources=[{"format": NAME, "file": str(root), "place": name, "indicators": len(seen)}],
        options=place.region_option(place_table),
    )
    if outlines is not None:
        bundle.boundaries = outlines.assign(place_id=outlines["code"].map(place_of))[
            ["place_id", "code", "geometry"]
        ]
        bundle.sources.append(outline_source)
    return bundle


def gather(root: Path, files: list[Path], config: dict, options: ReadOptions, report: ImportReport):
    """Every indicator table of the site; {file: (rows read, [rejected rows])}; the SDMX site area."""
    tables: list[Table] = []
    counts: dict[Path, tuple[int, list[pd.DataFrame]]] = {}
    area = ("", "")
    for file in files:
        if file.suffix.lower() == ".xml":
            continue
        try:
            json_file = file.suffix.lower() == ".json"
            frame = built.read_json_table(file) if json_file else rows.read_csv(file, report)
        except LoadError as error:
            report.unreadable(file, str(error))
            continue
        roles = rows.column_roles(frame)
        if rows.template_example(frame, roles):  # every row rejected, with the reason, not read as data
            line = frame[textio.LINE] if textio.LINE in frame else pd.Series(range(2, len(frame) + 2))
            counts[file] = (len(frame), [pd.DataFrame({
                "line": line.to_numpy(), "row": range(len(frame)), "column": "Group",
                "value": frame[next(c for c in frame.columns if c.strip().casefold() == "group")].to_numpy(),
                "reason": rows.TEMPLATE_REASON})])
            continue
        tables.append(Table(file, layout.indicator_id(file), frame, roles, {}))
        counts[file] = (len(frame), [])
    wanted = set(files)
    for settings in sdmx.inputs(root, config):
        settings.files = [f for f in settings.files if f in wanted]
        if not settings.files:
            continue
        found, read, site = sdmx.read_tables(root, settings, options.language, report)
        tables += found
        counts |= {f: (total, [rejected]) for f, (total, rejected) in read.items()}
        area = site if site[1] else area
    return tables, counts, area


def record_counts(counts: dict, report: ImportReport) -> None:
    """Rows read, kept and rejected per file; a row rejected for two indicators counts once."""
    for file, (total, problems) in counts.items():
        rejected = pd.concat(problems, ignore_index=True) if problems else pd.DataFrame()
        if len(rejected):
            rejected = rejected.drop_duplicates(["row", "reason"])
            report.add_rejected_rows(file, rejected)
        count = report.count(file)
        lines = rejected["row"].nunique() if len(rejected) else 0
        count.rows_read, count.rows_rejected, count.rows_kept = total, lines, total - lines


def start_values(meta: dict) -> dict[str, str]:
    """Open SDG's data_start_values ([{field, value}], possibly as JSON text): field -> value."""
    value = meta.get("data_start_values")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            try:
                value = yamltext.load(value)
            except yaml.YAMLError:
                value = None
    pairs = value if isinstance(value, list) else []
    return {
        str(p.get("field", "")).strip().lower(): str(p.get("value", "")).strip()
        for p in pairs
        if isinstance(p, dict)
    }


def translated_metadata(root: Path, indicator_ids: list[str], mapping: dict[str, str],
                        languages: list[str]) -> list[dict]:
    """Each indicator's metadata in each of the site's other languages, alone (what its own
    metadata does not say, a translation may: the place it covers). Read quietly: a file that
    cannot be read is reported where its own language's copy is."""
    quiet = ImportReport()
    return [opensdg_meta.indicator_metadata(root, indicator_id, mapping, quiet, (language,))
            for language in languages for indicator_id in indicator_ids]


def split_series(indicator_id: str, kept: pd.DataFrame, start: dict[str, str] | None = None):
    """(indicator id, series label, unit, split by unit, rows) per series, and per unit of a
    series with several. One part keeps the indicator's id; so does the part `start` names, or
    else the part with neither series nor unit; every other part is '<id>-<series>[-<unit>]'."""
    start = start or {}
    parts = []
    for series_id in distinct(kept["series_id"]) or [""]:
        group = kept[kept["series_id"].str.strip() == series_id] if series_id else kept
        units = distinct(group["unit"])
        labels = distinct(group["series"])
        label = labels[0] if labels else series_id
        if len(units) <= 1:
            parts.append((series_id, label, units[0] if units else "", False, group))
            continue
        for unit in [*units, ""]:
            piece = group[group["unit"].str.strip() == unit]
            if len(piece):
                parts.append((series_id, label, unit, True, piece))
    if len(parts) == 1:
        series_id, label, unit, _, group = parts[0]
        return [(indicator_id, label if series_id else "", unit, False, group)]
    headline = headline_part(parts, start)
    ids = [
        indicator_id if index == headline else suffixed(indicator_id, series_id, unit if by_unit else "")
        for index, (series_id, _, unit, by_unit, _) in enumerate(parts)
    ]
    for index, (series_id, _, unit, by_unit, _) in enumerate(parts):
        if ids.count(ids[index]) > 1 and index != headline:  # long labels alike in their first 40 characters
            digest = hashlib.sha1(f"{series_id}|{unit if by_unit else ''}".encode()).hexdigest()[:6]
            ids[index] = f"{ids[index]}-{digest}"
    return [
        (part_id, label, unit, by_unit, group)
        for part_id, (_, label, unit, by_unit, group) in zip(ids, parts, strict=True)
    ]


def headline_part(parts: list, start: dict[str, str]) -> int | None:
    """The part the metadata's start values name, else the one with no series and no unit."""
    series_value = next((v for k, v in start.items() if k in rows.SERIES_COLUMNS), "")
    unit_value = next((v for k, v in start.items() if k in rows.UNIT_COLUMNS), "")
    if series_value or unit_value:
        for index, (series_id, label, unit, _, _) in enumerate(parts):
            if (not series_value or series_value in (series_id, label)) and (
                not unit_value or unit_value == unit
            ):
                return index
    return next((i for i, p in enumerate(parts) if not p[0] and not (p[3] and p[2])), None)


def suffixed(indicator_id: str, series_id: str, unit: str) -> str:
    words = [slugify(w)[:40].strip("-") for w in (series_id, unit) if w]
    return "-".join([indicator_id, *[w for w in words if w]])


def part_texts(base: dict, own: bool, named: bool, series: str, unit: str, by_unit: bool,
               multiplier: str) -> dict:
    """Name and unit of one series/unit part (see the module docstring)."""
    unit_text = " ".join(w for w in (unit, multiplier) if w)
    readable_series = series if series and not CODE_LIKE.match(series) else ""
    if not own:
        texts = {"name": readable_series} if readable_series and not named else {}
        return texts | ({"unit": unit_text} if pd.isna(base["unit"]) and unit_text else {})
    name = base["name"]
    if readable_series:
        short = len(readable_series.split()) < SHORT_LABEL
        name = f"{base['name']}: {readable_series}" if short else readable_series
    if by_unit and unit:
        name = f"{name} ({unit})"
    return {"name": name, "unit": unit_text or base["unit"]}
