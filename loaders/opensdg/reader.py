"""Open SDG data repositories (data/indicator_*.csv plus metadata): one city and its districts.

Years: '2019' -> 2019; a range gives its END year, because fiscal and academic years are
published when they end: '2017-18' -> 2018, '2012/13' -> 2013, '1990-1999' -> 1999; an ISO
date '2019-03-31' -> 2019. The label as written is always kept in year_label.
Breakdown: 'Col=Value|Col2=Value2' for the non-blank disaggregation cells in column order
('' = headline). Units / Unit measure / Unit multiplier columns join the breakdown only when
the file holds more than one distinct value; a single value becomes the indicator's unit when
the metadata gives none. A GeoCode makes the row a district of the city (blank = the city);
a column naming those codes one to one ('Ward', 'Ward name') names the districts and is not a
disaggregation. Observation status, comments and footnotes go to `note` (the SDMX filler
'Undefined' is left out). The city is options.place, else the most common geographical
coverage in the metadata (reported as a warning). Metadata in other languages and
translation keys give indicator_texts rows (opensdg_texts.py); --language names the source's own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders import schema, textio
from loaders.boundaries import reader as boundaries
from loaders.bundle import Bundle
from loaders.codes import slugify
from loaders.opensdg import layout
from loaders.opensdg import meta as opensdg_meta
from loaders.opensdg import texts as opensdg_texts
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError

NAME = "opensdg"
INDICATOR_FILE = layout.INDICATOR_FILE
YEAR_RANGE = re.compile(r"^(?P<start>\d{4})(?:\.0+)?(?:\s*[-/–]\s*(?P<end>\d{4}|\d{2}))?$")
ISO_DATE = re.compile(r"^(?P<start>\d{4})-\d{2}-\d{2}$")
GEO_COLUMNS = {"ref_area", "reference area", "geo_code", "geo code"}
"""SDMX's REF_AREA (translated 'Reference area' in built sites) places a row as GeoCode does."""
SERIES_COLUMNS = {"SERIES"}
"""SDMX's SERIES (upper case, as SDMX and translated builds write it): which series of the
indicator a row belongs to, never a disaggregation. A 'Series' column of a CSV site stays one."""
CODE_LIKE = re.compile(r"^[A-Z0-9_]+$")
UNIT_COLUMNS = {"units", "unit", "unit measure", "unit_measure"}
MULTIPLIER_COLUMNS = {"unit multiplier", "unit_mult"}
NOTE_COLUMN = re.compile(r"^(observation status|obs_status|comments?|footnotes?|notes?)$")
NOTE_FILLERS = {"", "undefined"}
TRIVIAL_MULTIPLIERS = {"", "units", "unit", "1", "0"}
NAME_HINT = re.compile(r"ward|name|district|area|neighbo|borough|locality|suburb|zone", re.I)


def sniff(path: Path) -> bool:
    """A repository folder, a built site (flat or by language), its data folder, or one indicator file."""
    return layout.sniff(path)


def read(path: Path, report: ImportReport, options: ReadOptions) -> Bundle:
    """Indicators, observations, the city and its districts, and their joined boundaries."""
    root, files = layout.locate(Path(path), options.language)
    for file in layout.shadowed(root, files):
        report.add(file, f"not read: the repository root holds a file for the same indicator "
                   f"({file.name}), read instead", severity=WARNING)
    mapping = opensdg_meta.read_mapping(root)
    config = opensdg_meta.read_config(root, report)
    source_language = options.language
    translations = opensdg_texts.read_translations(root, report)
    languages = sorted((set(translations) | opensdg_texts.metadata_languages(root)) - {source_language})
    metas, indicator_rows, text_rows, frames = [], [], [], []
    for file in files:
        indicator_id = layout.indicator_id(file)
        raw = opensdg_meta.indicator_metadata(root, indicator_id, mapping, report, ("", source_language))
        meta = opensdg_texts.resolve(raw, translations.get(source_language, {}))
        metas.append(meta)
        parsed = read_indicator(file, report)
        if parsed is None:
            continue
        rows, file_unit = parsed
        indicator = opensdg_meta.indicator_row(indicator_id, meta, file_unit, report, file)
        text_rows += opensdg_texts.translated_texts(
            root, indicator_id, mapping, raw, languages, translations, report
        )
        source = indicator["source"] if pd.notna(indicator["source"]) else root.name
        for series_id, series_name, part in split_series(indicator_id, rows):
            fallback = series_id == indicator_id and not opensdg_meta.first_text(meta, opensdg_meta.NAME_KEYS)
            named = {"indicator_id": series_id, "name": series_name} if series_name and (
                series_id != indicator_id or fallback) else {}
            indicator_rows.append({**indicator, **named, "language": source_language})
            frames.append(part.assign(indicator_id=series_id, source=source))
    rows = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame({"geocode": pd.Series(dtype="string"), "geoname": pd.Series(dtype="string")})
    )
    name = opensdg_meta.site_name(root, options, metas, report, config)
    outlines, outline_source = site_boundaries(root, options, config, rows["geocode"], report)
    if frames and outlines is not None:
        rows = codes_of_the_whole_city(rows, set(outlines["code"]), root, report)
    place_table, place_of = opensdg_meta.site_places(name, options, rows, outlines, root, report)
    city_id = place_table["place_id"].iloc[0]
    if frames:
        rows["place_id"] = [place_of.get(code, city_id) for code in rows["geocode"]]
    bundle = Bundle(
        places=place_table,
        indicators=schema.conform("indicators", pd.DataFrame(indicator_rows)),
        indicator_texts=opensdg_texts.texts_table(text_rows),
        observations=schema.conform("observations", rows) if frames else schema.empty("observations"),
        sources=[{"format": NAME, "file": str(root), "place": name, "indicators": len(frames)}],
    )
    if outlines is not None:
        bundle.boundaries = outlines.assign(place_id=outlines["code"].map(place_of))[
            ["place_id", "code", "geometry"]
        ]
        bundle.sources.append(outline_source)
    return bundle


def split_series(indicator_id: str, rows: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(indicator id, name, rows) per SDMX series: an indicator published as one series keeps
    its id; several series become one indicator each, '<id>-<series>', named by the series."""
    series = distinct(rows["series"]) if "series" in rows else []
    if len(series) <= 1:
        return [(indicator_id, series[0] if series and not CODE_LIKE.match(series[0]) else "", rows)]
    return [
        (f"{indicator_id}-{slugify(name)[:40].strip('-')}", name, rows[rows["series"].str.strip() == name])
        for name in series
    ]


def year_of(label: str) -> int | None:
    """The year a label stands for (see the module docstring), or None."""
    text = str(label).strip()
    match = ISO_DATE.match(text) or YEAR_RANGE.match(text)
    if not match:
        return None
    year = int(match["start"])
    end = match.groupdict().get("end")
    if end:
        if len(end) == 2:
            stop = year - year % 100 + int(end)
            stop += 100 if stop < year else 0
            span = 20
        else:
            stop, span = int(end), 50
        if not year <= stop <= year + span:
            return None
        year = stop
    return year if 1800 <= year <= 2100 else None


def column_roles(frame: pd.DataFrame) -> dict[str, str]:
    """What each column of an indicator file is: year, value, geocode, unit, note, name..."""
    roles: dict[str, str] = {}
    for column in frame.columns:
        lower = column.lower().strip()
        if column in (textio.LINE, "_overflow"):
            role = "internal"
        elif lower in ("year", "value", "geocode") and lower not in roles.values():
            role = lower
        elif lower in GEO_COLUMNS and "geocode" not in roles.values():
            role = "geocode"
        elif column.strip() in SERIES_COLUMNS and "series" not in roles.values():
            role = "series"
        elif lower in UNIT_COLUMNS:
            role = "unit"
        elif lower in MULTIPLIER_COLUMNS:
            role = "multiplier"
        elif NOTE_COLUMN.match(lower):
            role = "note"
        else:
            role = "disaggregation"
        roles[column] = role
    geocode = next((c for c, r in roles.items() if r == "geocode"), None)
    for column, role in roles.items():
        if (
            geocode
            and role == "disaggregation"
            and NAME_HINT.search(column)
            and names_codes(frame[column], frame[geocode])
        ):
            roles[column] = "name"
            break
    return roles


def names_codes(names: pd.Series, codes: pd.Series) -> bool:
    """True when the column is blank wherever the code is, and names the codes one to one."""
    names, codes = names.fillna("").str.strip(), codes.fillna("").str.strip()
    if ((names != "") & (codes == "")).any():
        return False
    pairs = pd.DataFrame({"name": names, "code": codes})[(names != "") & (codes != "")]
    pairs = pairs.drop_duplicates()
    return len(pairs) > 0 and pairs["name"].is_unique and pairs["code"].is_unique


def joined_cells(frame: pd.DataFrame, columns: list[str], template: str, sep: str) -> pd.Series:
    """Per row, the non-blank cells of `columns` formatted with template and joined with sep."""
    cells = [frame[c].fillna("").str.strip().tolist() for c in columns]
    text = (
        [
            sep.join(
                template.format(c, v)
                for c, v in zip(columns, values, strict=True)
                if v and v.lower() not in NOTE_FILLERS
            )
            for values in zip(*cells, strict=True)
        ]
        if columns
        else [""] * len(frame)
    )
    return pd.Series(text, index=frame.index, dtype="string")


def codes_of_the_whole_city(
    rows: pd.DataFrame, layer_codes: set[str], root: Path, report: ImportReport
) -> pd.DataFrame:
    """An indicator whose rows all carry one code that the district layer lacks (Bristol's
    local-authority code E06000023 beside its ward codes) describes the city itself."""
    rows = rows.copy()
    for indicator_id, group in rows.groupby("indicator_id"):
        codes = distinct(group["geocode"])
        blank = (group["geocode"].fillna("").str.strip() == "").any()
        if len(codes) == 1 and not blank and codes[0] not in layer_codes:
            rows.loc[group.index, "geocode"] = ""
            report.add(root, f"GeoCode {codes[0]} is the only code of indicator {indicator_id} "
                       "and is not in the district layer: read as the city itself",
                       column="GeoCode", value=codes[0], severity=INFO)
    return rows


def distinct(series: pd.Series) -> list[str]:
    values = series.fillna("").str.strip()
    return sorted(set(values[values != ""]))


def read_indicator(file: Path, report: ImportReport) -> tuple[pd.DataFrame, str] | None:
    """Rows of one indicator file with year, value, breakdown, geocode; rejects reported."""
    try:
        frame = textio.read_text(file, expected=("Year", "Value")).frame
    except LoadError as error:
        report.unreadable(file, str(error))
        return None
    roles = column_roles(frame)
    by_role = {role: [c for c, r in roles.items() if r == role] for role in set(roles.values())}
    missing = [n for n in ("Year", "Value") if n.lower() not in by_role]
    if missing:
        report.unreadable(
            file, f"{file.name} has no {' or '.join(missing)} column, so it is not an Open SDG data file."
        )
        return None
    year_col, value_col = by_role["year"][0], by_role["value"][0]
    unit_cols = by_role.get("unit", []) + by_role.get("multiplier", [])
    varying = {c for c in unit_cols if len(distinct(frame[c])) > 1}
    parts = [c for c, r in roles.items() if r == "disaggregation" or c in varying]
    geocode = frame[by_role["geocode"][0]].fillna("").str.strip() if "geocode" in by_role else ""
    if "geocode" in by_role:  # a build writes numeric codes as floats: GeoCode 1 -> '1.0'
        geocode = geocode.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    geoname = frame[by_role["name"][0]].fillna("").str.strip() if "name" in by_role else ""
    numbers = textio.parse_numbers(frame[value_col])
    rows = pd.DataFrame(
        {
            "year": pd.array(frame[year_col].map(year_of), dtype="Int64"),
            "year_label": frame[year_col].fillna("").str.strip(),
            "value": numbers["value"],
            "flag": numbers["flag"],
            "breakdown": joined_cells(frame, parts, "{}={}", "|"),
            "note": joined_cells(frame, by_role.get("note", []), "{}: {}", "; "),
            "geocode": pd.Series(geocode, index=frame.index, dtype="string"),
            "series": frame[by_role["series"][0]].fillna("").str.strip() if "series" in by_role else "",
            "geoname": pd.Series(geoname, index=frame.index, dtype="string"),
            "line": frame[textio.LINE],
        }
    )
    problems = rejections(frame, rows, numbers["ok"], year_col, value_col)
    count = report.count(file)
    count.rows_read, count.rows_rejected = len(rows), len(problems)
    count.rows_kept = count.rows_read - count.rows_rejected
    if len(problems):
        report.add_rejected_rows(file, problems)
    kept = rows.drop(index=problems.index).reset_index(drop=True)
    return kept, file_unit(frame, [c for c in unit_cols if c not in varying])


def rejections(frame, rows, value_ok, year_col: str, value_col: str) -> pd.DataFrame:
    """One reason per rejected row: extra fields, a year or value not understood, a repeat."""
    reasons = pd.DataFrame({"line": rows["line"], "column": "", "value": "", "reason": ""})
    overflow = frame["_overflow"].fillna("") != "" if "_overflow" in frame else value_ok & False
    checks = [
        (overflow, "_overflow", "the row has more fields than the header"),
        (rows["year"].isna(), year_col, "year not understood (expected e.g. 2019, 2017-18, 2012/13)"),
        (~value_ok, value_col, "value is not a number"),
    ]
    for mask, column, reason in checks:
        hit = mask & (reasons["reason"] == "")
        if not hit.any():
            continue
        reasons.loc[hit, ["column", "reason"]] = [column, reason]
        reasons.loc[hit, "value"] = frame.loc[hit, column].fillna("")
    key = ["geocode", "year", "breakdown", "series"]
    valid = rows[reasons["reason"] == ""]
    repeats = valid.duplicated(key, keep="first")
    if repeats.any():
        first_line = valid.drop_duplicates(key).set_index(key)["line"]
        for index in valid.index[repeats]:
            earlier = first_line.loc[tuple(valid.loc[index, key])]
            reasons.loc[index, ["column", "value", "reason"]] = [
                year_col,
                rows.at[index, "year_label"],
                f"repeats line {earlier}: same year, place and breakdown",
            ]
    return reasons[reasons["reason"] != ""]


def file_unit(frame: pd.DataFrame, single_valued: list[str]) -> str:
    """The unit a file states in constant Units / Unit multiplier columns."""
    words = [
        v
        for c in single_valued
        for v in distinct(frame[c])
        if c.lower() in UNIT_COLUMNS or v.lower() not in TRIVIAL_MULTIPLIERS
    ]
    return " ".join(words[:1] + [f"({w})" for w in words[1:]])


def site_boundaries(
    root: Path, options: ReadOptions, config: dict, geocodes: pd.Series, report: ImportReport
):
    """The boundary layer (options.boundaries, else config map_layers) best matching GeoCodes."""
    codes = pd.Series(distinct(geocodes.astype("string")), dtype="string")
    candidates = []
    if options.boundaries:
        candidates.append((Path(options.boundaries), options.boundary_id, options.boundary_name))
    elif len(codes):
        for layer in opensdg_meta.map_layers(config):
            target = str(layer["geojson_file"])
            if re.match(r"^[a-z]+://", target, re.I):
                report.add(
                    root,
                    "a map layer is a web address and was not downloaded; pass "
                    "--boundaries with a local copy",
                    value=target,
                    severity=WARNING,
                )
                continue
            candidates.append(
                (
                    root / target,
                    options.boundary_id or layer.get("id_property"),
                    options.boundary_name or layer.get("name_property"),
                )
            )
    best = None
    for file, id_column, name_column in candidates:
        try:
            frame, source = boundaries.read_frame(file, report, options, id_column, name_column)
        except LoadError as error:
            report.unreadable(file, str(error))
            continue
        matches = int(frame["code"].isin(codes).sum())
        if best is None or matches > best[2]:
            best = (frame, source, matches, file)
    if best is None:
        return None, None
    return boundaries.join_boundaries(best[0], codes, report, best[3]), best[1]
