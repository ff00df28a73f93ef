"""SDSN index workbooks: codebook, one row per place with raw values and SDSN's results, and the
time series sheet that dates the values; sheets are found by their content, not their names."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import places, schema
from loaders.bundle import Bundle
from loaders.languages import guess
from loaders.mapped.reader import parse_years
from loaders.numbers import parse_numbers
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from loaders.sdsn import checks
from loaders.sdsn.codebook import Layout, find_layout, read_codebook
from loaders.sdsn.columns import classify, index_columns
from loaders.sdsn.common import count_rows, edition_year, fold, in_sheet, melt_cells, numbers
from loaders.sdsn.published import published_tables
from loaders.sdsn.series import SOURCE, join_years, read_trend_sheet, source_options
from loaders.sdsn.sheets import Workbook
from loaders.sdsn.units import country_in_texts, place_columns, unit_rows
from loaders.textio import LINE
from loaders.unit_words import region_word
from loaders.workbook import report_percent

LEGEND_WORDS = {"red", "orange", "yellow", "green", "grey", "gray"}


def colour_legend(sheets: dict[str, list[list[str]]]) -> dict[str, str]:
    """{'0': 'red', ...} from a legend table whose rows pair a colour word with a number (the US
    2018 workbook codes its colours 0-4 and decodes them only there)."""
    legend: dict[str, str] = {}
    for rows in sheets.values():
        for row in rows:
            cells = [c.strip() for c in row if c and c.strip()]
            if len(cells) >= 2 and cells[0].lower() in LEGEND_WORDS and re.fullmatch(r"\d+(\.0)?", cells[1]):
                legend[str(int(float(cells[1])))] = cells[0].lower()
    return legend if len(legend) >= 3 else {}


def header_row(rows: list[list[str]], codes: list[str]) -> list[str]:
    return max(rows, key=lambda row: len(classify(row, codes)), default=[])


def map_columns(columns: list[str], book: pd.DataFrame, rename: dict) -> tuple[dict, dict, dict]:
    """Raw column -> indicator id; result column -> (kind, key); {indicator: its trend series}.
    A raw value column named by its label (cut at 80 characters) is found by name, or as the
    column just before its indicator's block of result columns."""
    pillars = book["pillar"].dropna().unique().tolist()
    roles = classify(columns, [*book["indicator_id"], *rename], pillars)
    structured, raw, block_start = {}, {}, {}
    for position, column in enumerate(columns):
        if column not in roles:
            continue
        kind, key = roles[column]
        key = rename.get(key, key) if isinstance(key, str) and not kind.startswith("pillar") else key
        if kind == "raw":
            raw[column] = key
        else:
            structured[column] = (kind, key)
            if not kind.startswith(("goal", "pillar")) and kind != "trend":
                block_start.setdefault(key, position)
    pair_leftover_pillar(structured, pillars)
    owner, series = None, {}
    for column in columns:
        kind, key = structured.get(column, (None, None))
        owner = key if kind in ("colour", "score", "year", "impute") else owner if kind == "trend" else None
        if kind == "trend" and owner is not None and key != owner:
            series[owner] = key
            structured[column] = ("trend", owner)
    free = {fold(c): c for c in columns if c not in structured and c not in raw}
    for code, name in zip(book["indicator_id"], book["name"], strict=True):
        if code in raw.values():
            continue
        wanted = fold(name)
        hit = free.get(wanted)
        if hit is None:  # headers are cut at 80 characters
            hit = next((c for f, c in free.items() if len(f) >= 30 and wanted.startswith(f)), None)
        if hit is None and block_start.get(code, 0) > 0:
            before = columns[block_start[code] - 1]
            hit = before if before not in structured and before not in raw else None
        if hit is not None:
            raw[hit] = code
    return raw, structured, series


def pair_leftover_pillar(structured: dict, pillars: list[str]) -> None:
    """A pillar header word that names no codebook pillar ('Genre' for 'Égalité des sexes') takes
    the one pillar left over, when exactly one word and one pillar are left."""
    keys = {k for kind, k in structured.values() if kind.startswith("pillar")}
    words, left = keys - set(pillars), [p for p in pillars if p not in keys]
    if len(words) == 1 and len(left) == 1:
        word = words.pop()
        for column, (kind, key) in structured.items():
            if key == word and kind.startswith("pillar"):
                structured[column] = (kind, left[0])


def headline_values(
    frame: pd.DataFrame, pid: pd.Series, raw: dict, structured: dict, path: Path, report: ImportReport
) -> pd.DataFrame:
    """The data sheet's values, flagged 'imputed' where SDSN's impute column says 1, dated by
    the indicator's year column where it has one."""
    values = numbers(melt_cells(frame, pid, raw), path, report)
    keys = ["place_id", "key"]
    impute = {c: k[1] for c, k in structured.items() if k[0] == "impute"}
    imputed = melt_cells(frame, pid, impute)
    imputed = imputed.loc[imputed["text"].astype("string").str.strip().isin(["1", "yes"]), keys]
    values = values.merge(imputed.assign(imputed=True).drop_duplicates(keys), how="left")
    values["flag"] = values["flag"].mask(values["imputed"].notna(), "imputed")
    dated = melt_cells(frame, pid, {c: k[1] for c, k in structured.items() if k[0] == "year"})
    # as the other readers read a year: '2018/19' is 2019 (published when it ends), a date its year;
    # a year cell not understood is said, where its value was quietly dated by the edition
    texts = dated["text"].astype("string").str.strip()
    dated["year"] = parse_years(texts)["year"].to_numpy(dtype="float64", na_value=np.nan)
    unread = (texts.fillna("") != "").to_numpy(dtype=bool) & np.isnan(dated["year"].to_numpy(dtype="float64"))
    if unread.any():
        examples = ", ".join(repr(t) for t in texts[unread].drop_duplicates().head(3))
        report.add(path, f"{int(unread.sum())} year cells not understood ({examples}): their values are "
                   "dated by the codebook's reference year or the edition", severity=WARNING)
    dated = dated[dated["year"].between(1900, 2100)].drop_duplicates(keys)[[*keys, "year"]]
    values = values.merge(dated, how="left")
    return values.rename(columns={"key": "indicator_id"}).drop(columns="imputed")


def edition_of(layout: Layout, columns: list[str], path: Path, report: ImportReport) -> int:
    first = next(iter(layout.sheets.values()), [])
    title = " ".join(c for row in first[:3] for c in row)
    edition = edition_year(layout.data, title, " ".join(columns), path.name)
    if edition is None:
        edition = pd.Timestamp.now().year
        report.add(
            path,
            f"no edition year in sheet names, title, headers or file name; {edition} assumed",
            severity=WARNING,
        )
    return edition


def workbook_country(layout: Layout, options: ReadOptions, path: Path, report: ImportReport) -> str | None:
    """The country of a sub-national workbook: --country, else the one its title names."""
    if options.country:
        found = places.country_iso3(options.country)
        if found is None:
            report.add(path, f"--country '{options.country}' is not a country; ignored", severity=WARNING)
        return found
    first = next(iter(layout.sheets.values()), [])
    return country_in_texts([c for row in first[:3] for c in row if c])


def region_option(layout: Layout, place: pd.DataFrame) -> dict:
    """{'region_word': ...} where the places are a country's units and the workbook's opening sheet
    names their kind (Benin's 'départements'), for the pages to call them so."""
    if not place["kind"].eq("region").any():
        return {}
    first = next(iter(layout.sheets.values()), [])
    word = region_word([cell for row in first for cell in row if cell])
    return {"region_word": word} if word else {}


def read_workbook(path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    book = Workbook(path)
    try:
        read = read_book(book, path, report, options)
        for sheet, percent in book.shown_percent.items():
            report_percent(report, in_sheet(path, sheet), percent)
        return read
    finally:
        book.close()


def read_book(book: Workbook, path: Path, report: ImportReport, options: ReadOptions) -> tuple[Bundle, dict]:
    layout = find_layout(book, options.sheet)
    hidden = [name for name in book.hidden() if name != options.sheet]
    if hidden and layout is not None:
        report.add(path, "hidden sheets not read (an earlier edition's data or codebook is often kept out "
                   f"of view): {', '.join(repr(name) for name in hidden)}", severity=WARNING)
    if layout is None:
        raise LoadError(
            f"{path.name}: no codebook sheet (indicator codes with bounds or thresholds) and data sheet "
            "(one column per codebook code) found; it is not an SDSN workbook."
        )
    rename = dict(options.rename)
    data_header = header_row(layout.sheets[layout.data], layout.codes)
    codebook = read_codebook(path, layout, data_header, report, rename, options.language or "en")
    frame = book.sheet(layout.data, expected=[c for c in data_header if c.strip()]).frame
    columns = [c for c in frame.columns if c != LINE]
    raw, structured, series = map_columns(columns, codebook, rename)
    edition = edition_of(layout, columns, path, report)
    country = workbook_country(layout, options, path, report)
    at = in_sheet(path, layout.data)  # a row's line is the data sheet's
    place = unit_rows(frame, columns, at, layout.data, report, country)
    name_column = place_columns(columns)[0] or ""
    pid = place["place_id"] = checks.reject_rows(place["place_id"], frame, place["name"], name_column, at,
                                                 report)
    count_rows(report, str(at), len(frame), int(pid.isna().sum()))
    used = {*raw, *structured, *index_columns(columns).values(), *place_columns(columns)}
    opts = source_options(codebook, frame, columns, pid, used, series, path, report)
    opts.update(region_option(layout, place))
    if "missing_goal_values" in opts:  # a workbook states its regional means for its own edition
        opts["missing_goal_years"] = dict.fromkeys(opts["missing_goal_values"], edition)
    if not opts["trend_indicators"]:  # no trend set in the codebook: the indicators with a trend column
        opts["trend_indicators"] = sorted({k for kind, k in structured.values() if kind == "trend"})
    population = next(
        (c for c in columns if c not in used and fold(c).startswith(("population", "pop "))), None
    )
    if population:
        used.add(population)
        place["population"] = parse_numbers(frame[population])["value"].to_numpy()
    for column in [c for c in columns if c not in used]:
        report.add(
            at, "data column without a codebook entry; not imported", column=column, severity=WARNING
        )
    for code in sorted(set(codebook["indicator_id"]) - set(raw.values())):
        report.add(path, "codebook entry without a data column", column=code, severity=WARNING)
    wanted = set(codebook["indicator_id"]) | set(series.values())
    trend = (read_trend_sheet(book, layout.trend, wanted, rename, report, country, set(pid.dropna()))
             if layout.trend else None)
    headline = with_reference_years(headline_values(frame, pid, raw, structured, at, report), codebook)
    legend = colour_legend(layout.sheets)
    published = published_tables(frame, columns, pid, structured, edition, legend)
    codebook = directions_from_colours(codebook, headline, published["indicator_scores"], path, report)
    owners = codebook.set_index("indicator_id").reindex(list(series)).reset_index()
    extra = owners.assign(
        indicator_id=list(series.values()), name=owners["name"] + " (time series used for its trend)"
    )
    indicators = pd.concat([codebook, extra[~extra["indicator_id"].isin(codebook["indicator_id"])]])
    indicators["description"] = describe_pillars(indicators)
    texts = translated_texts(codebook, indicators)
    observations = join_years(headline, trend, edition, in_sheet(path, layout.trend or ""), report)
    bundle = Bundle(
        places=schema.conform("places", place.dropna(subset=["place_id"]).assign(source=SOURCE)),
        indicators=schema.conform("indicators", indicators.assign(source=SOURCE)),
        indicator_texts=texts,
        observations=schema.conform("observations", observations),
        options={**opts, "edition_year": edition, **pillar_option(codebook)},
    )
    return bundle, published


def translated_texts(codebook: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The `indicator_texts` rows of the codebook's names in other languages (`name@fr` columns), and
    the descriptions where their words are of one of those languages: the ECOWAS 2023 codebook names
    each indicator in English and French and describes it in French. Such descriptions leave the
    indicators table (`indicators` is changed), whose texts are read as in the names' language: a
    French text would be read in an English voice on the English page, marked as English."""
    languages = {str(column).split("@", 1)[1]: column for column in codebook.columns
                 if str(column).startswith("name@")}
    if not languages:
        return schema.empty("indicator_texts")
    described = guess(indicators["description"]) if "description" in indicators else None
    descriptions = codebook["indicator_id"].map(indicators.set_index("indicator_id")["description"])
    parts = []
    for code, column in languages.items():
        part = pd.DataFrame({"indicator_id": codebook["indicator_id"], "language": code,
                             "name": codebook[column].replace("", pd.NA)})
        if described == code:
            part["description"] = descriptions.to_numpy()
        parts.append(part.dropna(subset=["name"]))
    if described in languages:
        indicators["description"] = pd.NA
    return schema.conform("indicator_texts", pd.concat(parts, ignore_index=True))


def directions_from_colours(codebook: pd.DataFrame, values: pd.DataFrame, colours: pd.DataFrame, path: Path,
                            report: ImportReport) -> pd.DataFrame:
    """Which way is better for the codebook's indicators that state neither a direction nor bounds
    (the US 2018 workbook states none): from how their values rise or fall with the colours SDSN
    published for them (`cities.infer_directions`), else from words in their names, as for SDSN's
    files without a codebook. Without it, 55 of the US workbook's indicators (working poor,
    incomplete plumbing...) were scored as if more were better."""
    from loaders.sdsn.cities import COLOUR_RANK, infer_directions

    stated = pd.Series(False, index=codebook.index)
    if "direction" in codebook:
        stated |= codebook["direction"].notna()
    for bound in ("best", "worst"):
        if bound in codebook:
            stated |= pd.to_numeric(codebook[bound], errors="coerce").notna()
    unstated = codebook.loc[~stated, ["indicator_id", "name"]]
    if unstated.empty:
        return codebook
    rated = values[["place_id", "indicator_id", "value"]].merge(
        colours[["place_id", "indicator_id", "colour"]], how="left")
    rated = rated.assign(rank=rated["colour"].map(COLOUR_RANK)).merge(unstated, on="indicator_id")
    if rated.empty:
        rated = unstated.assign(place_id=pd.NA, value=np.nan, rank=np.nan)
    found = infer_directions(rated)
    codebook = codebook.copy()
    at = codebook["indicator_id"].isin(found.index) & ~stated
    codebook.loc[at, "direction"] = codebook.loc[at, "indicator_id"].map(found["direction"])
    for code, direction, how in zip(found.index, found["direction"], found["how"], strict=True):
        report.add(path, f"the codebook states no direction or bounds: '{direction} is better' inferred "
                   f"from {how}", column=code, severity=INFO if how.startswith("published") else WARNING)
    return codebook


def pillar_option(codebook: pd.DataFrame) -> dict:
    """{'pillars': {indicator: pillar}} for an index built on pillars rather than goals."""
    pillars = codebook.dropna(subset=["pillar"])
    return (
        {"pillars": dict(zip(pillars["indicator_id"], pillars["pillar"], strict=True))}
        if len(pillars)
        else {}
    )


def with_reference_years(headline: pd.DataFrame, book: pd.DataFrame) -> pd.DataFrame:
    """A value without its own year takes its indicator's reference year from the codebook
    ('Date of Data' in the US 2018 codebook), when that is a single year."""
    reference = pd.to_numeric(book.set_index("indicator_id")["reference_year"], errors="coerce")
    reference = reference[reference.between(1900, 2100)]
    by_code = headline["indicator_id"].map(reference).astype("Float64")
    headline["year"] = headline["year"].astype("Float64").fillna(by_code) if "year" in headline else by_code
    return headline


def describe_pillars(indicators: pd.DataFrame) -> pd.Series:
    """A pillar (Benin's 'leave no one behind' categories) goes into the description."""
    pillar = "Pillar: " + indicators["pillar"].astype("string") + ". "
    text = pillar.fillna("") + indicators["description"].astype("string").fillna("")
    return text.str.strip().replace("", pd.NA)
