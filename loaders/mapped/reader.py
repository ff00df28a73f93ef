"""Reader for a city's own tidy or wide CSV/Excel file, described by a YAML mapping file.

The file becomes one record per value (a row in a tidy file, a filled cell in a wide one);
each record is kept or rejected with its line, column and reason, so kept + rejected == read.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from loaders import places, schema, textio
from loaders.bundle import Bundle
from loaders.codes import goal_in_id, indicator_slug, parse_sdg_code
from loaders.mapped import mapping as mapping
from loaders.mapped.mapping import Columns, Mapping
from loaders.numbers import parse_numbers, report_classes, spreadsheet_errors
from loaders.options import ReadOptions
from loaders.repeats import keepers, repeat_reason
from loaders.report import INFO, WARNING, ImportReport, LoadError, listing
from loaders.totals import totals
from loaders.workbook import report_percent

NAME = "mapped"
BREAKDOWN_SEPARATOR = "|"
"""As the Open SDG reader joins them: 'Sex=Female|Age=15-24'."""
OVERFLOW = "_overflow"
YEARS = re.compile(
    r"^(?P<start>\d{4})\s*[-/–]\s*(?P<end>\d{2}|\d{4})$"  # 2017-18, 2012/13, 1990-1999
    r"|^(?P<date>(?P<year>\d{4})-\d{2}-\d{2})(?:[ T][\d:.]+)?$"  # 2017-06-30 (an Excel date)
    r"|^(?:FY|fy|Fy)\s?(?P<fiscal>\d{4})$"  # FY2020: the fiscal year that ends in 2020
)
FIRST_YEAR, LAST_YEAR = 1800, 2100
NOT_A_DATE = "year not understood: not a real date (expected e.g. 2019-03-31)"
TOO_MANY_CELLS = "more cells than the header: check the delimiter or quoting"
FORMULA = "formula, not a value"
BAD_KIND = f"kind is not one of {', '.join(schema.PLACE_KINDS)}"
NO_ID = "indicator has no letters or digits to make an id"
ERROR_NAME = "{field} is a spreadsheet error ('{cell}'), not a name: the workbook's formula gave none"
DELIMITERS = {",": "commas", "\t": "tabs", ";": "semicolons", "|": "pipes"}


def sniff(path: Path) -> bool:
    """Never by content: the importer picks this reader when a mapping file is given."""
    return False


def read(path: Path, report: ImportReport, options: ReadOptions) -> Bundle:
    path = Path(path)
    if options.mapping is None:
        raise LoadError(f"{path.name} needs a mapping file (--mapping) to be read as 'mapped'.")
    spec = mapping.load(options.mapping, options)
    sheet = spec.sheet if spec.sheet is not None else 0
    raw = textio.read_any(path, expected=spec.named_columns(), sheet=sheet)
    textio.report_trailing(raw, report)
    report_percent(report, textio.sheet_of(raw), raw.percent)
    try:
        columns = mapping.resolve(spec, raw.frame.columns, path)
    except LoadError:
        split_header(path, spec, raw)
        raise
    frame = raw.frame
    if frame.empty:
        report.unreadable(path, f"{path.name} has a header but no data rows.")
    unused = [c for c in frame.columns if not c.startswith("_") and c not in columns.used()]
    if unused:
        report.add(path, f"columns not used by the mapping: {listing(unused)}", severity=INFO)
    records = check(to_records(frame, spec, columns, raw.short_rows), spec, columns, report, path)
    rejected = records[records["reason"].notna()]
    kept = records[records["reason"].isna()]
    counts = report.count(path)
    counts.rows_read += len(records)
    counts.rows_kept += len(kept)
    counts.rows_rejected += len(rejected)
    issues = rejected[["line", "column", "value", "reason"]].fillna({"value": ""})
    issues = issues.drop_duplicates(["line", "column", "reason"])
    report.add_rejected_rows(path, issues)
    source = spec.source or path.name
    bundle = Bundle(
        places=make_places(kept, path),
        indicators=make_indicators(kept, spec, source, report, path),
        observations=make_observations(kept, source),
        sources=[{"file": str(path), "format": NAME, "mapping": str(spec.path),
                  **({"name": spec.source} if spec.source else {})}],  # credited under every chart
    )
    if spec.goal_colour_rule:
        bundle.options["goal_colour_rule"] = spec.goal_colour_rule
    if spec.index:
        bundle.options["index_indicators"] = [indicator_slug(code) for code in spec.index]
        bundle.options["list_scope"] = sorted(
            {*bundle.indicators["indicator_id"], *bundle.options["index_indicators"]}
        )
    return bundle


def split_header(path: Path, spec: Mapping, raw: textio.RawTable) -> None:
    """When the header only matches the mapping under another delimiter than the rows use,
    say so: that is clearer than a list of columns that look like data."""
    if not raw.delimiter:
        return
    for delimiter in set(DELIMITERS) - {raw.delimiter}:
        try:
            header = textio.read_text(path, spec.named_columns(), delimiter=delimiter)
            mapping.resolve(spec, header.frame.columns, path)
        except LoadError:
            continue
        raise LoadError(
            f"{path.name}: the header is split by {DELIMITERS[delimiter]} but the rows by "
            f"{DELIMITERS[raw.delimiter]}; use one delimiter throughout."
        )


def to_records(
    frame: pd.DataFrame, spec: Mapping, columns: Columns, short_rows: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One record per value with the text of every mapped cell, its line and its columns; a
    row shorter than the header (textio's `short_rows`) gives at least one record, to reject."""
    text = frame.drop(columns=[textio.LINE]).fillna("").apply(lambda c: c.str.strip())
    rows = pd.DataFrame({"line": frame[textio.LINE]}, index=frame.index)
    short = (short_rows if short_rows is not None else textio.no_short_rows()).set_index("line")
    rows["short_column"] = rows["line"].map(short["column"]).astype("string").fillna("")
    rows["short_reason"] = rows["line"].map(short["reason"]).astype("string").fillna("")
    for key, spec_field in spec.fields.items():
        if spec_field.column:
            rows[key] = text[columns.fields[key]]
        elif not spec_field.spread:
            rows[key] = pd.Series(spec_field.value, index=frame.index, dtype="string")
    rows["breakdown"] = breakdown_text(text, columns.breakdown)
    rows["overflow"] = text.get(OVERFLOW, "")
    rows["formula_column"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    rows["formula_value"] = ""
    for header in [*columns.fields.values(), *columns.breakdown]:
        found = is_formula(text[header]) & rows["formula_column"].isna()
        rows.loc[found, "formula_column"] = header
        rows.loc[found, "formula_value"] = text.loc[found, header]
    spread = spec.spread
    if spread is None:
        rows["value_column"] = columns.fields["value"]
        rows["indicator_name"] = rows["indicator"]
        return rows
    cells = text[list(columns.spread)].melt(var_name="value_column", value_name="value", ignore_index=False)
    first_of_short_row = cells.index.isin(rows.index[rows["short_reason"] != ""]) & ~cells.index.duplicated()
    cells = cells[(cells["value"] != "") | first_of_short_row]
    records = rows.loc[cells.index].assign(
        value=cells["value"].to_numpy(), value_column=cells["value_column"].to_numpy()
    )
    records[spread.key] = records["value_column"].map(columns.spread)
    records["indicator_name"] = records["value_column"] if spread.key == "indicator" else records["indicator"]
    if spread.key == "year":
        records["year_column"] = records["value_column"]
    found = is_formula(records["value"]) & records["formula_column"].isna()
    records.loc[found, "formula_column"] = records.loc[found, "value_column"]
    records.loc[found, "formula_value"] = records.loc[found, "value"]
    return records.sort_values("line", kind="stable").reset_index(drop=True)


def is_formula(cells: pd.Series) -> pd.Series:
    """'=SUM(A1:A3)' and the like (cells are already stripped)."""
    return cells.str.startswith("=") & (cells.str.len() > 1)


def breakdown_text(text: pd.DataFrame, breakdown: dict[str, str]) -> pd.Series:
    """'Sex=Female; Age=15-24' from the breakdown columns; empty cells, and cells that say the value
    is not broken down by that column ('Total', 'Ambos sexos'), are left out."""
    out = pd.Series("", index=text.index, dtype="string")
    for header, label in breakdown.items():
        part = (label + "=" + text[header]).where(~totals(text[header]), "")
        joint = pd.Series(BREAKDOWN_SEPARATOR, index=text.index).where((out != "") & (part != ""), "")
        out = out + joint + part
    return out


def parse_years(text: pd.Series) -> pd.DataFrame:
    """Year, label and reason: '2017' -> 2017; a range gives its end year, as in the other readers
    (fiscal and academic years are published when they end): '2017-18' -> 2018 and
    '1999-00' -> 2000, with the label kept, and 'FY2020' -> 2020; an ISO date '2019-03-31' ->
    2019, when it is a real date ('2020-13-45' is a typing error, not 2020). A cell not read has
    its reason."""
    text = text.fillna("").astype("string").str.strip()
    number = pd.to_numeric(text, errors="coerce")
    plain = number.notna() & (number % 1 == 0)
    year = number.where(plain).astype("Float64")
    label = pd.Series("", index=text.index, dtype="string")
    not_real = pd.Series(False, index=text.index)
    if not plain.all():  # the regular expression is slow: only for labels like '2017-18'
        parts = text[~plain].str.extract(YEARS)
        start = pd.to_numeric(parts["start"], errors="coerce")
        short = parts["end"].str.len() == 2
        end = pd.to_numeric(
            parts["end"].where(~short, parts["start"].str[:2] + parts["end"]), errors="coerce"
        )
        end = end.where((end >= start) | ~short, end + 100)
        ranged = end.where(end >= start)
        real = pd.to_datetime(parts["date"], format="%Y-%m-%d", errors="coerce").notna()
        not_real[~plain] = (parts["date"].notna() & ~real).to_numpy(dtype=bool)
        found = ranged.fillna(pd.to_numeric(parts["year"].where(real), errors="coerce"))
        found = found.fillna(pd.to_numeric(parts["fiscal"], errors="coerce"))
        year[~plain] = found.astype("Float64")
        label[~plain] = text[~plain].where(found.notna(), "")
    year = year.where((year >= FIRST_YEAR) & (year <= LAST_YEAR)).astype("Int64")
    reason = pd.Series(pd.NA, index=text.index, dtype="string")
    reason[year.isna().to_numpy(dtype=bool)] = "year not understood"
    reason[not_real.to_numpy(dtype=bool)] = NOT_A_DATE
    reason[(text == "").to_numpy(dtype=bool)] = "empty year"
    return pd.DataFrame({"year": year, "year_label": label.where(year.notna(), ""), "reason": reason})


def error_names(field: str, cells: pd.Series, errors: pd.Series) -> pd.Series:
    """ERROR_NAME for each cell of `errors` (`spreadsheet_errors`), made for those cells only."""
    out = pd.Series("", index=cells.index, dtype="string")
    if errors.any():
        text = cells[errors].fillna("").astype("string").str.strip()
        out[errors] = [ERROR_NAME.format(field=field, cell=cell) for cell in text]
    return out


def check(
    records: pd.DataFrame, spec: Mapping, columns: Columns, report: ImportReport, path: Path,
    duplicates: bool = True,
) -> pd.DataFrame:
    """Parse each record and give it a rejection reason, column and value (reason NA = kept).
    The streaming reader finds repeated keys later, across batches (`duplicates=False`)."""
    out = records.copy()
    column_of = {key: columns.fields.get(key, key) for key in mapping.ROW_FIELDS}
    errors = {field: spreadsheet_errors(out[field]) for field in ("place", "indicator")}
    numbers = parse_values(out, spec.decimal)
    report_classes(report, path, numbers, columns.fields.get("value", ""))
    years = parse_years(out["year"])
    out["number"], out["flag"] = numbers["value"].array, numbers["flag"].array
    own = out["note"].fillna("") if "note" in out else pd.Series("", index=out.index, dtype="string")
    both = own.str.cat(numbers["note"].fillna(""), sep="; ").str.strip("; ")
    out["note"] = both.array
    out["year_number"], out["year_label"] = years["year"].array, years["year_label"].array
    out["kind"] = out["kind"].str.lower().replace("", "city")
    out["indicator_id"] = indicator_ids(out["indicator"], spec)
    out["iso3"] = country_codes(out, column_of["country"], report, path)
    out["place"] = places.clean_names(out["place"], out["line"], column_of["place"], report, path)
    out["place_id"] = make_place_ids(out)
    out["reason"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out["column"] = ""
    year_column = out["year_column"] if "year_column" in out else column_of["year"]
    year_reasons = pd.Series(years["reason"].array, index=out.index)
    problem = pd.Series(numbers["problem"].array, index=out.index)
    value_reasons = problem.where(problem != "", "not a number")
    col = column_of
    rules = [
        (out["short_reason"] != "", out["short_reason"], out["short_column"], ""),
        (out["overflow"] != "", TOO_MANY_CELLS, "", out["overflow"]),
        (out["formula_column"].notna(), FORMULA, out["formula_column"], out["formula_value"]),
        (errors["place"], error_names("place", records["place"], errors["place"]), col["place"],
         records["place"]),
        (errors["indicator"], error_names("indicator", records["indicator"], errors["indicator"]),
         col["indicator"], records["indicator"]),
        (out["place"] == "", "empty place", col["place"], out["place"]),
        (~out["kind"].isin(schema.PLACE_KINDS), BAD_KIND, col["kind"], out["kind"]),
        (out["indicator"] == "", "empty indicator", col["indicator"], out["indicator"]),
        (out["indicator_id"] == "", NO_ID, col["indicator"], out["indicator"]),
        (out["year_number"].isna(), year_reasons, year_column, out["year"]),
        (~numbers["ok"].to_numpy(), value_reasons, out["value_column"], out["value"]),
    ]
    for mask, reason, column, value in rules:
        apply_rule(out, mask, reason, column, value)
    if not duplicates:
        return out
    key = ["place_id", "indicator_id", "year_number", "breakdown"]
    candidates = out.index[out["reason"].isna()]
    number = pd.to_numeric(out["number"], errors="coerce")
    rows = out.loc[candidates, key].assign(number=number[candidates].to_numpy())
    keeper = candidates.to_numpy()[keepers(rows, key, "number")]
    again = keeper != candidates.to_numpy()
    repeated = pd.Series(False, index=out.index)
    repeated[candidates[again]] = True
    reason = pd.Series("", index=out.index, dtype="string")
    reason[candidates[again]] = [
        repeat_reason(f"line {int(line)}", kept, own) for line, kept, own in zip(
            out.loc[keeper[again], "line"], number[keeper[again]].to_numpy(dtype=float, na_value=np.nan),
            number[candidates[again]].to_numpy(dtype=float, na_value=np.nan), strict=True)
    ]
    apply_rule(out, repeated, reason, out["value_column"], out["value"])
    return out


def parse_values(out: pd.DataFrame, decimal: str | None) -> pd.DataFrame:
    """Value cells parsed with one decimal mark for the whole file, found from all its value cells
    (unless the mapping declares one): a wide file's columns read apart stored Linz's '1.234' in
    2018 as 1234 beside its '1.250' in 2019 as 1.25, because only 2018's column held a '12,5'."""
    return parse_numbers(out["value"], decimal)


def apply_rule(out: pd.DataFrame, mask, reason, column, value) -> None:
    hit = pd.Series(mask, index=out.index).fillna(False).astype(bool) & out["reason"].isna()
    pick = lambda v: v[hit] if isinstance(v, pd.Series) else v  # noqa: E731
    out.loc[hit, "reason"] = pick(reason)
    out.loc[hit, "column"] = pick(column)
    out.loc[hit, "value"] = pick(value)


def indicator_ids(raw: pd.Series, spec: Mapping) -> pd.Series:
    """Ids from the mapping's `indicators` keys (matched by key, slug or name), else slugs."""
    aliases: dict[str, str] = {}
    for key, meta in spec.indicators.items():
        canonical = indicator_slug(key)
        for alias in (key, canonical, meta.get("name")):
            if alias:
                aliases.setdefault(str(alias).casefold(), canonical)
    lookup = {
        text: aliases.get(text.casefold()) or aliases.get(indicator_slug(text)) or indicator_slug(text)
        for text in raw.dropna().unique()
    }
    return raw.map(lookup).fillna("").astype("string")


def country_codes(records: pd.DataFrame, column: str, report: ImportReport, path: Path) -> pd.Series:
    """ISO3 per record from its country, or from the place itself for kind 'country'."""
    country = records["country"] if "country" in records else pd.Series("", index=records.index)
    named = country.where(country.fillna("") != "", records["place"].where(records["kind"] == "country"))
    codes = {text: places.country_iso3(text) for text in named.dropna().unique() if text}
    unknown = [text for text, code in codes.items() if code is None]
    if unknown:  # said once per country, at its first row that names a place (others are rejected anyway)
        placed = records["place"].fillna("").astype(str).str.strip() != ""
        chosen = placed.to_numpy(dtype=bool) & country.isin(unknown).to_numpy(dtype=bool, na_value=False)
        rows = records[chosen]
        lines = rows.groupby(rows["country"].astype(str), sort=False)["line"].agg(["first", "size"]) \
            if "line" in rows and len(rows) else pd.DataFrame(columns=["first", "size"])
        for text, (first, count) in lines.iterrows():
            reason = "country not recognised" + (f" (on {count} rows; the first here)" if count > 1 else "")
            report.add(path, reason, line=int(first), column=column, value=text, severity=WARNING)
    return named.map(codes).astype("string")


def make_place_ids(records: pd.DataFrame) -> pd.Series:
    parts = ["kind", "place", "iso3", "parent", "place_code", "region"]
    frame = pd.DataFrame({p: records.get(p, pd.NA) for p in parts}, index=records.index)
    frame = frame.astype("string").fillna("")
    joined = frame[parts[0]].str.cat([frame[p] for p in parts[1:]], sep="\x1f")
    ids = {
        key: places.place_id(kind, name, iso3 or None, parent_id=parent or None, code=code or None,
                             region=region or None)
        for key, (kind, name, iso3, parent, code, region) in zip(
            joined.unique(), frame.loc[~joined.duplicated()].itertuples(index=False), strict=True
        )
    }
    return joined.map(ids).astype("string")


def make_observations(kept: pd.DataFrame, source: str) -> pd.DataFrame:
    """The canonical observation columns, and each row's line and value column (`bundle.WHERE`)."""
    table = pd.DataFrame(
        {
            "place_id": kept["place_id"],
            "indicator_id": kept["indicator_id"],
            "year": kept["year_number"],
            "year_label": kept["year_label"],
            "value": kept["number"],
            "flag": kept["flag"],
            "breakdown": kept["breakdown"],
            "source": source,
            "note": kept.get("note", pd.NA),
        }
    )
    where = {"line": kept["line"].to_numpy(), "column": kept["value_column"].to_numpy()}
    return schema.conform("observations", table).assign(**where)


def make_places(kept: pd.DataFrame, path: Path) -> pd.DataFrame:
    """One row per place, with the raw `country` that places.harmonise resolves further."""
    first = kept.drop_duplicates("place_id")
    table = pd.DataFrame(
        {
            "place_id": first["place_id"],
            "name": first["place"],
            "kind": first["kind"],
            "parent_id": first.get("parent"),
            "code": first.get("place_code"),
            "country_iso3": first["iso3"],
            "source": path.name,
        }
    )
    for column in ("lat", "lon", "population"):
        if column in first:
            table[column] = textio.parse_numbers(first[column])["value"].to_numpy()
    extra = {key: (first[key] if key in first else pd.Series(pd.NA, index=first.index)).to_numpy()
             for key in ("country", "region", "geonameid")}
    return schema.conform("places", table).assign(**extra)


def make_indicators(
    kept: pd.DataFrame, spec: Mapping, source: str, report: ImportReport, path: Path
) -> pd.DataFrame:
    """One row per indicator with data: the mapping's metadata, else what the file says."""
    rows = []
    for indicator_id, group in kept.groupby("indicator_id", sort=False):
        meta = next((m for k, m in spec.indicators.items() if indicator_slug(k) == indicator_id), {})
        units = group["unit"].replace("", pd.NA).dropna().unique() if "unit" in group else []
        if len(units) > 1 and "unit" not in meta:
            reason = f"indicator '{indicator_id}' has several units; kept '{units[0]}'"
            report.add(path, reason, column="unit", value=", ".join(units), severity=WARNING)
        name = str(group["indicator_name"].iloc[0])
        row = {"indicator_id": indicator_id, "name": name, "source": source}
        row["unit"] = units[0] if len(units) else pd.NA
        row.update(sdg_parts(indicator_id, name, meta))
        rows.append({**row, **meta})
    with_data = set(kept["indicator_id"])
    for key in (k for k in spec.indicators if indicator_slug(k) not in with_data):
        reason = "indicator in the mapping has no data in the file"
        report.add(path, reason, column="indicators", value=key, severity=WARNING)
    return schema.conform("indicators", pd.DataFrame(rows, columns=list(schema.INDICATORS)))


def sdg_parts(indicator_id: str, name: str, meta: dict) -> dict:
    """Goal, target and UN code from the first SDG code found in the metadata, id or name;
    else the goal an SDSN-style id names ('sdg08_desempleo', 'sdg8v2_x'). The mapping's own
    `goal` overrides all of these (the caller lays `meta` over the result)."""
    words = name.split()
    leading = words[0] if words else ""
    for text in (meta.get("un_code"), meta.get("target"), indicator_id, name, leading):
        parts = parse_sdg_code(text) if text else None
        if parts and (text != leading or parts["target"]):
            return {k: parts[k] for k in ("goal", "target", "un_code") if parts[k] is not None}
    goal = goal_in_id(meta.get("id")) or goal_in_id(indicator_id) or goal_in_id(leading)
    return {"goal": goal} if goal else {}
