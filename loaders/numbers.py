"""Value cells as publishers write them: plain numbers, bounds ('<1'), footnote markers ('12.5*',
'3.1 [a]'), values with a note ('(19)-converted value'), decimal commas and missing markers."""

from __future__ import annotations

import re
import sys
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
    # the same said in the languages of the sources this reads: Spanish, French, Portuguese, Italian
    # ('no disponible', 'non disponible', 'não disponível', 'non disponibile', 'sin dato') and German
    # ('keine Angabe', 'nicht verfügbar'), and French 'non communiqué', 'non renseigné', 'sans objet': a
    # Colombian city file's 'n.d.' was a rejected row
    **{word: f"not available ('{word}')" for word in (
        "n.d.", "n.d", "nd", "s.d.", "s/d", "s/i", "sin dato", "sin datos", "no disponible", "non disponible",
        "não disponível", "nao disponivel", "non disponibile", "k.a.", "k. a.", "keine angabe", "n.v.",
        "n.c.", "nc", "n.r.", "nr", "non communiqué", "non renseigné", "s.o.", "sans objet")},
    **{code.lower(): f"spreadsheet error ('{code}'): the workbook's formula gave no value"
       for code in ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                    "#CALC!", "#GETTING_DATA")},
}
"""Cells that say a value is missing, with the reason kept in `note`."""
MISSING = set(MISSING_REASONS)
SPREADSHEET_ERRORS = {key for key in MISSING_REASONS if key.startswith("#")}
"""The error values a spreadsheet writes where a formula fails, lower case ('#n/a', '#div/0!')."""


def spreadsheet_errors(cells: pd.Series) -> pd.Series:
    """Which cells hold a spreadsheet's error ('#N/A'): as a place or an indicator such a cell names
    nothing, and a workbook exported to CSV writes it as text."""
    return cells.fillna("").astype("string").str.strip().str.lower().isin(SPREADSHEET_ERRORS)
FLAG_PREFIX = r"(?:[<>]=?|≤|≥)?\s*[-+]?"
COMMA_THOUSANDS = re.compile(rf"{FLAG_PREFIX}[1-9]\d{{0,2}}(,\d{{3}})+(\.\d+)?\s*%?")
DOT_THOUSANDS = re.compile(rf"{FLAG_PREFIX}[1-9]\d{{0,2}}((\.\d{{3}})+,\d+|(\.\d{{3}}){{2,}})\s*%?")
DOT_GROUPS = re.compile(rf"{FLAG_PREFIX}[1-9]\d{{0,2}}(\.\d{{3}})+(,\d*)?\s*%?")
"""Where commas are decimal, dots group thousands: '1.234,5', '1.234.567' ('12.5.3' is no number)."""
SPACE_GROUPS = re.compile(rf"{FLAG_PREFIX}[1-9]\d{{0,2}}([ \u00a0\u202f]\d{{3}})+([.,]\d+)?\s*%?")
SPACE_THOUSANDS = r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))"
GROUPED_DIGITS = re.compile(r"[<>≤≥]?=?\s*[-+\u2212]?\d+([., \u00a0\u202f]+\d+)+\s*%?")
"""Digits parted by separators ('12.5.3', '1,23,4', '1234 567'): when not read, the groups are wrong."""
MAX_MAGNITUDE = 1e15
"""The largest size a value may have. No statistic in the units publishers use comes near it (the
world's GDP is about 1e14 dollars, its population 8e9), every whole number up to it is exact in a
float, and it leaves room for the sums and differences scoring takes; past it a cell is a typing
error ('1e400' reads as infinity, '-1e308' makes every span infinite) or wants a larger unit."""
SMALLEST = sys.float_info.min
"""A non-zero cell read as smaller than this ('1e-400' reads as 0) has lost its value."""
NONZERO_NUMBER = re.compile(r"^\D*[\d.,]*[1-9]")
"""The cell's first number has a non-zero digit."""
OUT_OF_RANGE = "number out of range (larger than 1e15, or too small for a float to hold)"
BAD_GROUPING = "digits grouped wrongly (thousands are groups of three: '1,234,567', '1.234,5', '1 234')"
NUM = r"[<>]?[-+]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][-+]?\d+)?%?"
FOOTNOTE = re.compile(
    rf"^(?P<number>{NUM})\s*(?P<mark>\*+|[†‡§¶#]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[[^\]]{{1,8}}\]|\([A-Za-z0-9]{{1,3}}\)|[A-Za-z])$"
)
"""'12.5*', '12.5 [a]', '12.5 (e)', '12.5¹', '12.5e' (a marker letter glued to the value)."""
NOTED = re.compile(rf"^\(?(?P<number>{NUM})\)?\s*(?:[-–—:;]\s*|\(\s*)(?P<note>[^\d\s].*?)\)?$")
"""'(19)-converted value', '19 - estimate', '19 (provisional)'; not '12.5 µg' (a unit is no note)."""
DECIMAL_COMMA = re.compile(r"^[<>]?[-+]?\d+,(\d{1,2}|\d{4,})%?$|^[<>]?[-+]?(0|\d{4,}),\d{3}%?$"
                           r"|^[<>]?[-+]?\d{1,3}(\.\d{3})+,\d+%?$")
DECIMAL_POINT = re.compile(r"^[<>]?[-+]?\d+\.(\d{1,2}|\d{4,})%?$|^[<>]?[-+]?(0|\d{4,})\.\d{3}%?$"
                           r"|^[<>]?[-+]?\d{1,3}(,\d{3})+\.\d+%?$")
"""Cells that can only be read one way: '0,5', '0,875' (no group of thousands starts with 0),
'1234,567' (nor has four digits), '1.234,5'; and their mirror images."""
MARK_DEPENDENT = re.compile(r"(^|[^\d.,])[1-9]\d{0,2}([.,]\d{3})+([^\d.,]|$)")
"""Cells read two ways, as the file's decimal mark says: '1.250' is 1.25 or 1250, '1,250' 1250 or
1.25; also with a flag, a footnote or a note around the number ('≥1.250', '1.250*', '1.250 (e)').
Searched, not matched whole, and with no look-behind: pyarrow's RE2 runs it on each batch."""
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
    cleaned = rest.str.replace("\u2212", "-", regex=False)
    space_groups = cleaned.str.fullmatch(SPACE_GROUPS.pattern).fillna(False)
    cleaned = cleaned.where(~space_groups, cleaned.str.replace(SPACE_THOUSANDS, "", regex=True))
    if comma_decimal:
        dot_groups = cleaned.str.fullmatch(DOT_GROUPS.pattern).fillna(False)
        cleaned = cleaned.where(~dot_groups, cleaned.str.replace(".", "", regex=False))
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
    'missing' or ''), note (the marker, the note or the missing reason), kind (a CLASSES key),
    ok (kept as a number or explicitly missing) and problem (why a cell that is not ok was
    rejected, when more can be said than 'not a number': OUT_OF_RANGE, BAD_GROUPING; else '').

    Thousands separators ('1,234', '1.234.567', '1 234') are understood; a column whose cells
    can only be decimal commas ('0,5') reads every comma as a decimal point and every dot as a
    thousands separator ('87.000' is 87000), as does `decimal=','`; `decimal='.'` reads commas
    as thousands. Elsewhere a lone '1.234' is 1.234. Groups have three digits: '12.5.3' and
    '1234 567' are rejected, not read as 1253 and 1234567.
    """
    raw = text.fillna("").astype("string").str.strip()
    quick = pd.to_numeric(raw, errors="coerce").astype("Float64")
    plain = (quick.notna() & (quick.abs() < float("inf"))).fillna(False).to_numpy(dtype=bool)
    if decimal == ",":  # '87.000' is 87000 where commas are the decimal marks, not what pandas reads
        plain &= ~raw.str.contains(".", regex=False).fillna(False).to_numpy(dtype=bool)
    out = pd.DataFrame(
        {
            "value": quick.where(plain),
            "flag": pd.Series("", index=raw.index, dtype="string"),
            "note": pd.Series("", index=raw.index, dtype="string"),
            "kind": pd.Series("number", index=raw.index, dtype="string"),
        }
    )
    if plain.all():
        return out_of_range(out.assign(ok=True, problem=""), raw)
    comma = decimal == "," or (decimal is None and decimal_comma_column(raw))
    if comma and decimal is None:  # found, not declared: its '87.000' is 87000 too, as declared
        dotted = plain & raw.str.contains(".", regex=False).fillna(False).to_numpy(dtype=bool)
        plain &= ~dotted
        out.loc[dotted, "value"] = pd.NA
    rest = raw[~plain]
    lower = rest.str.lower()
    missing = lower.isin(MISSING)
    out.loc[missing[missing].index, ["flag", "kind"]] = ["missing", "missing"]
    out.loc[missing[missing].index, "note"] = lower[missing].map(MISSING_REASONS)
    rest = rest[~missing]
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
    grouped = ~out["ok"].to_numpy(dtype=bool)
    if grouped.any():
        digits_only = raw[grouped].str.fullmatch(GROUPED_DIGITS.pattern).fillna(False)
        grouped[grouped] = digits_only.to_numpy(dtype=bool)
    out["problem"] = pd.Series("", index=raw.index, dtype="string").mask(grouped, BAD_GROUPING)
    return out_of_range(out, raw)


def out_of_range(out: pd.DataFrame, raw: pd.Series) -> pd.DataFrame:
    """Reject the numbers no statistic has (see MAX_MAGNITUDE) and the non-zero cells a float
    cannot hold: one such value made an indicator's bounds infinite and every score NaN."""
    size = out["value"].abs()
    too_big = (size > MAX_MAGNITUDE).fillna(False)
    tiny = (size < SMALLEST).fillna(False)
    if tiny.any():
        tiny &= raw.where(tiny, "").str.match(NONZERO_NUMBER.pattern).fillna(False)
    rejected = (too_big | tiny).to_numpy(dtype=bool)
    if rejected.any():
        out.loc[rejected, ["flag", "note", "kind", "problem"]] = ["", "", "bad", OUT_OF_RANGE]
        out.loc[rejected, "value"] = pd.NA
        out.loc[rejected, "ok"] = False
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
