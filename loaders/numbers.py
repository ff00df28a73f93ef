"""Value cells as publishers write them: plain numbers, bounds ('<1'), footnote markers ('12.5*',
'3.1 [a]'), values with a note ('(19)-converted value'), decimal commas and missing markers."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.report import INFO, ImportReport

NUMBER = re.compile(
    r"^\s*(?P<flag>[<>]=?|≤|≥)?\s*(?P<number>[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?)\s*%?\s*$"
)
MISSING_REASONS = {
    "": "empty cell",
    "nan": "not available ('NaN')",
    "na": "not available ('NA')",
    "n/a": "not available ('n/a')",
    "n.a.": "not available ('n.a.')",
    ".": "missing ('.', Stata style)",
    "..": "not available ('..')",
    "...": "not available ('...')",
    ":": "not available (':')",
    "-": "nil or not applicable ('-')",
    "--": "nil or not applicable ('--')",
    "—": "nil or not applicable ('—')",
    "null": "missing ('null')",
    "none": "missing ('none')",
    "x": "suppressed ('x')",
}
"""Cells that say a value is missing, with the reason kept in `note`."""
MISSING = set(MISSING_REASONS)
FLAG_PREFIX = r"(?:[<>]=?|≤|≥)?\s*[-+]?"
COMMA_THOUSANDS = re.compile(rf"{FLAG_PREFIX}[1-9]\d{{0,2}}(,\d{{3}})+(\.\d+)?%?")
DOT_THOUSANDS = re.compile(rf"{FLAG_PREFIX}[1-9]\d{{0,2}}((\.\d{{3}})+,\d+|(\.\d{{3}}){{2,}})%?")
SPACE_THOUSANDS = r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))"
NUM = r"[<>]?[-+]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][-+]?\d+)?%?"
FOOTNOTE = re.compile(
    rf"^(?P<number>{NUM})\s*(?P<mark>\*+|[†‡§¶#]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[[^\]]{{1,8}}\]|\([A-Za-z0-9]{{1,3}}\)|[A-Za-z])$"
)
"""'12.5*', '12.5 [a]', '12.5 (e)', '12.5¹', '12.5e' (a marker letter glued to the value)."""
NOTED = re.compile(rf"^\(?(?P<number>{NUM})\)?\s*(?:[-–—:;]\s*|\(\s*)(?P<note>[^\d\s].*?)\)?$")
"""'(19)-converted value', '19 - estimate', '19 (provisional)'; not '12.5 µg' (a unit is no note)."""
DECIMAL_COMMA = re.compile(r"^[<>]?[-+]?\d+,(\d{1,2}|\d{4,})%?$|^[<>]?[-+]?\d{1,3}(\.\d{3})+,\d+%?$")
DECIMAL_POINT = re.compile(r"^[<>]?[-+]?\d+\.(\d{1,2}|\d{4,})%?$|^[<>]?[-+]?\d{1,3}(,\d{3})+\.\d+%?$")
CLASSES = {
    "number": "plain numbers",
    "bound": "bounds such as '<1' (number kept, flag '<' or '>')",
    "decimal_comma": "decimal commas read as points",
    "footnote": "numbers with a footnote marker (number kept, marker in note)",
    "noted": "numbers with a note (number kept, note kept)",
    "missing": "missing markers (no value, reason in note)",
    "bad": "cells that are not numbers",
}


def decimal_comma_column(raw: pd.Series) -> bool:
    """True when a column writes decimal commas: some cell can only be read that way
    ('0,5', '1.234,5') and none can only be read with a decimal point ('0.5', '1,234.5')."""
    cells = raw.dropna().astype(str).str.strip().drop_duplicates()
    return bool(cells.str.match(DECIMAL_COMMA).any()) and not bool(cells.str.match(DECIMAL_POINT).any())


def plain_numbers(rest: pd.Series, comma_decimal: bool) -> pd.DataFrame:
    """Number and bound flag of cells such as '1,234', '1.234,5', '<0.5', '12 %'."""
    cleaned = rest.str.replace("\u2212", "-", regex=False).str.replace(SPACE_THOUSANDS, "", regex=True)
    if comma_decimal:
        cleaned = cleaned.str.replace(".", "", regex=False)
    else:
        comma_groups = cleaned.str.fullmatch(COMMA_THOUSANDS.pattern).fillna(False)
        dot_groups = cleaned.str.fullmatch(DOT_THOUSANDS.pattern).fillna(False)
        cleaned = cleaned.where(~comma_groups, cleaned.str.replace(",", "", regex=False))
        cleaned = cleaned.where(~dot_groups, cleaned.str.replace(".", "", regex=False))
    parts = cleaned.str.extract(NUMBER)
    number = pd.to_numeric(parts["number"].str.replace(",", ".", regex=False), errors="coerce")
    flag = parts["flag"].fillna("").replace({"≤": "<=", "≥": ">="})
    return pd.DataFrame({"value": number.astype("Float64"), "flag": flag.astype("string")})


def parse_numbers(text: pd.Series, decimal: str | None = None) -> pd.DataFrame:
    """Parse value cells. Returns value (Float64), flag ('<', '>', 'footnote', 'note',
    'missing' or ''), note (the marker, the note or the missing reason), kind (a CLASSES key)
    and ok (kept as a number or explicitly missing).

    Thousands separators ('1,234', '1.234.567', '1 234') are understood; a column whose cells
    can only be decimal commas ('0,5') reads every comma as a decimal point, as does
    `decimal=','`; `decimal='.'` reads commas as thousands. A lone '1.234' is 1.234.
    """
    raw = text.fillna("").astype("string").str.strip()
    quick = pd.to_numeric(raw, errors="coerce").astype("Float64")
    plain = (quick.notna() & (quick.abs() < float("inf"))).fillna(False).to_numpy(dtype=bool)
    out = pd.DataFrame(
        {
            "value": quick.where(plain),
            "flag": pd.Series("", index=raw.index, dtype="string"),
            "note": pd.Series("", index=raw.index, dtype="string"),
            "kind": pd.Series("number", index=raw.index, dtype="string"),
        }
    )
    if plain.all():
        return out.assign(ok=True)
    rest = raw[~plain]
    lower = rest.str.lower()
    missing = lower.isin(MISSING)
    out.loc[missing[missing].index, ["flag", "kind"]] = ["missing", "missing"]
    out.loc[missing[missing].index, "note"] = lower[missing].map(MISSING_REASONS)
    rest = rest[~missing]
    comma = decimal == "," or (decimal is None and decimal_comma_column(raw))
    parsed = plain_numbers(rest, comma)
    out.loc[rest.index, "value"] = parsed["value"]
    out.loc[rest.index, "flag"] = parsed["flag"]
    bound = parsed["value"].notna() & (parsed["flag"] != "")
    out.loc[bound[bound].index, "kind"] = "bound"
    commas = parsed["value"].notna() & ~bound & rest.str.contains(",", regex=False) & comma
    out.loc[commas[commas].index, "kind"] = "decimal_comma"
    annotate(out, rest[parsed["value"].isna().to_numpy()], comma)
    out["ok"] = (out["value"].notna() | (out["kind"] == "missing")).astype(bool)
    out.loc[~out["ok"], "kind"] = "bad"
    return out


def annotate(out: pd.DataFrame, rest: pd.Series, comma: bool) -> None:
    """Numbers with a footnote marker or a note: the number is kept, the annotation is `note`."""
    for kind, pattern, group in (("footnote", FOOTNOTE, "mark"), ("noted", NOTED, "note")):
        if rest.empty:
            return
        parts = rest.str.extract(pattern)
        found = parts["number"].notna()
        numbers = plain_numbers(parts.loc[found, "number"], comma)
        good = numbers["value"].notna()
        hit = numbers.index[good.to_numpy()]
        out.loc[hit, "value"] = numbers.loc[hit, "value"]
        bound_flag = numbers.loc[hit, "flag"]
        marker = "footnote" if kind == "footnote" else "note"
        out.loc[hit, "flag"] = bound_flag.where(bound_flag != "", marker)
        out.loc[hit, "note"] = parts.loc[hit, group].str.strip("[]() ")
        out.loc[hit, "kind"] = kind
        rest = rest.drop(hit)


def report_classes(report: ImportReport, path: str | Path, parsed: pd.DataFrame, what: str = "") -> None:
    """One report line per class of value cell seen (besides plain numbers and empty cells)."""
    kinds = parsed.loc[parsed["note"] != "empty cell", "kind"].value_counts()
    for kind, count in kinds.items():
        if kind in ("number", "bad"):
            continue
        detail = ""
        if kind == "missing":
            reasons = parsed.loc[(parsed["kind"] == "missing") & (parsed["note"] != "empty cell"), "note"]
            detail = ": " + ", ".join(f"{n} {r}" for r, n in reasons.value_counts().items())
        report.add(path, f"{count} {CLASSES[kind]}{detail}", column=what, severity=INFO)
