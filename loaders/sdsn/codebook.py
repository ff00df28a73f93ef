"""Find an SDSN workbook's codebook, data sheet and time-series sheet by their content, and read the
codebook whatever its headers' spelling or language (Code/IndCode/Indicator/Data name, Best/Optimum/
Valeur cible, Worst/Lower Bound/Limite inférieure, greenthr/Green threshold/Seuil vert, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.codes import goal_in_id
from loaders.numbers import parse_numbers
from loaders.report import WARNING, ImportReport, LoadError, listing
from loaders.sdsn.columns import classify
from loaders.sdsn.common import count_rows, fold, in_sheet, pick_column
from loaders.sdsn.sheets import Workbook
from loaders.textio import LINE

CODEBOOK_FIELDS = [
    ("unit", ("units", "unit", "unite", "unidad")),
    ("best", ("best", "optimum", "valeur cible", "target value", "cible", "valor optimo", "upper bound",
              "upper limit", "limite superieure", "borne superieure", "limite superior")),
    ("worst", ("worst", "lower bound", "lower limit", "limite inferieure", "borne inferieure",
               "limite inferior")),
    ("green_threshold", ("green", "seuil vert", "umbral verde", "threshold green", "thr green")),
    ("yellow_threshold", ("yellow", "threshold yellow")),
    ("orange_threshold", ("orange", "threshold orange")),
    ("red_threshold", ("red", "seuil rouge", "umbral rojo", "threshold red", "thr red")),
    ("direction", ("direction", "sens", "sentido")),
    ("goal", ("sdg", "goal", "odd", "ods", "objectif", "objetivo")),
    ("reference_year", ("reference year", "annee de reference", "date of data", "ano de referencia")),
    ("source", ("source", "fuente")),
    ("description", ("description", "descripcion")),
]
"""Canonical field -> header starts (folded) in the spellings SDSN codebooks use: 'Threshold green' as
well as 'Green threshold', and 'Upper Bound (=100)' for the best value (the bound scored 100)."""
BOUND_FIELDS = ("best", "worst", "green_threshold", "yellow_threshold", "orange_threshold", "red_threshold")
"""The codebook's numbers, read as the data's are (`numbers.parse_numbers`): a codebook saved as CSV
with decimal commas had every bound and threshold with a comma taken for none, and 78 of SDR 2021's
indicators were scored on bounds from the data, with no thresholds to rate them."""
NAME_STARTS = ("label", "indicator name", "indicator", "indicateur", "indicador", "nombre", "name", "nom")
HEADER_WORDS = {w for _, starts in CODEBOOK_FIELDS for w in starts} | {"code", "indcode", "data name"}
PILLAR_STARTS = ("categor", "pilier", "pillar", "dimension")
DIRECTION_WORDS = {
    "positive": "higher",
    "increase": "higher",
    "+": "higher",
    "ascending": "higher",
    "croissant": "higher",
    "negative": "lower",
    "decrease": "lower",
    "-": "lower",
    "descending": "lower",
    "decroissant": "lower",
}
CODE_LIKE = re.compile(r"^[A-Za-z][\w.]{1,40}$")
TREND_WORDS = ("year", "annee", "ano")


@dataclass
class Layout:
    """Which sheet holds what, and the header of the data sheet."""

    codebook: str
    data: str
    trend: str | None
    sheets: dict[str, list[list[str]]] = field(default_factory=dict)
    codebook_frame: pd.DataFrame | None = None
    codes: list[str] = field(default_factory=list)


def sheet_heads(path: Path, rows: int = 10) -> dict[str, list[list[str]]]:
    """The first rows of every sheet, as text (cheap: read-only, stops after `rows`)."""
    book = Workbook(path)
    try:
        return book.heads(rows)
    finally:
        book.close()


CODEBOOK_HEADERS = {
    "code": re.compile(r"^(code|indcode|indicator code|data name|variable name|codigo)$"),
    "best": re.compile(r"^(best|optimum|valeur cible|target value|valor optimo)\b"),
    "worst": re.compile(r"^(worst|lower bound|limite inf|borne inf)"),
    "threshold": re.compile(r"thr\b|threshold|^seuil|^umbral"),
    "name": re.compile(r"^(indicator name|label|indicateur|units?)$"),
}
"""Header words only a codebook has (a data row full of 'red' and 'green' cells scores nothing)."""


def codebook_score(head: list[list[str]]) -> int:
    """How many kinds of codebook header (code, best, worst, threshold, name) one of the first rows has."""
    best = 0
    for row in head:
        folded = [fold(c) for c in row if c.strip()]
        best = max(best, sum(any(p.search(f) for f in folded) for p in CODEBOOK_HEADERS.values()))
    return best


def has_year_column(head: list[list[str]]) -> bool:
    return any(fold(c) in TREND_WORDS for row in head[:3] for c in row)


def content_score(head: list[list[str]], codes: list[str], roles: tuple = ()) -> int:
    """Columns of the best header row that name a code (only those of `roles`, when given)."""
    return max(
        (sum(not roles or r in roles for r, _ in classify(row, codes).values()) for row in head), default=0
    )


def find_layout(book: Workbook, sheet: str | None = None) -> Layout | None:
    """The codebook (most codebook header words), the data sheet (most columns naming codebook
    codes, no year column) and the time-series sheet (a year column and the most code columns)."""
    heads = book.heads()
    if sheet and sheet not in heads and sheet in book.hidden():  # a hidden sheet named by --sheet
        heads[sheet] = book.rows(sheet, 10)
    scored = {name: codebook_score(head) for name, head in heads.items() if name != sheet}
    codebook = max(scored, key=scored.get, default=None)
    if codebook is None or scored[codebook] < 2:
        return None
    frame = book.sheet(codebook, expected=sorted(HEADER_WORDS)).frame
    cells = frame.drop(columns=LINE).stack().astype(str).str.strip()
    codes = sorted({c for c in cells if CODE_LIKE.match(c)})
    others = {n: h for n, h in heads.items() if n != codebook}
    wide = {n: content_score(h, codes) for n, h in others.items() if not has_year_column(h)}
    data = sheet or max(wide, key=wide.get, default=None)
    if data is None or (sheet is None and wide[data] < 3):
        return None
    long = {
        n: content_score(h, codes, ("raw",)) for n, h in others.items() if has_year_column(h) and n != data
    }
    trend = max(long, key=long.get, default=None)
    return Layout(codebook, data, trend if trend and long[trend] >= 1 else None, heads, frame, codes)


def code_column(raw: pd.DataFrame, cols: list[str], data_header: list[str]) -> str | None:
    """The codebook column whose values name the most data-sheet columns."""
    best, best_hits = None, 0
    for column in cols:
        values = raw[column].dropna().str.strip()
        values = values[values != ""]
        if values.empty or values.str.match(CODE_LIKE).mean() < 0.8:
            continue
        hits = len({k for _, k in classify(data_header, values.tolist()).values()})
        if hits > best_hits:
            best, best_hits = column, hits
    return best


def read_codebook(
    path: Path,
    layout: Layout,
    data_header: list[str],
    report: ImportReport,
    rename: dict,
    language: str = "en",
) -> pd.DataFrame:
    """Indicator metadata, plus a boolean `set:<name>` column per yes/no column and `pillar`."""
    raw, sheet = layout.codebook_frame, layout.codebook
    cols = [c for c in raw.columns if c != LINE]
    code = code_column(raw, cols, data_header)
    if code is None:
        raise LoadError(f"{path.name}: no column of the {sheet} sheet holds the codes of the data columns.")
    book = pd.DataFrame({"indicator_id": raw[code].str.strip().replace(rename), "_line": raw[LINE]})
    others = [c for c in cols if c != code]
    name = None
    if language.startswith("en"):
        name = next((c for c in others if fold(c) in ("indicator en", "label en", "name en")), None)
    name = name or pick_column(others, *NAME_STARTS)
    book["name"] = raw[name].str.strip() if name else book["indicator_id"]
    for code, column in other_names(others, name).items():  # the ECOWAS codebook's French names
        if worded(raw[column]):
            book[f"name@{code}"] = raw[column].str.strip()
    read = {code, name, *other_names(others, name).values()}
    for key, starts in CODEBOOK_FIELDS:
        column = pick_column(others, *starts)
        book[key] = raw[column] if column else pd.NA
        if column and key in BOUND_FIELDS:  # "72,6" where the codebook was saved with decimal commas
            book[key] = parse_numbers(raw[column])["value"]
        read.add(column)
    from_code = pd.to_numeric(book["indicator_id"].map(goal_in_id), errors="coerce").astype(float)
    book["goal"] = pd.to_numeric(book["goal"], errors="coerce").astype(float).fillna(from_code)
    words = book["direction"].astype("string").str.lower().str.strip()
    book["direction"] = words.replace(DIRECTION_WORDS)
    pillar = pick_column(others, *PILLAR_STARTS)
    book["pillar"] = raw[pillar].str.strip() if pillar else pd.NA
    read |= {pillar, *add_sets(book, raw, cols)}
    report_unread(cols, read, in_sheet(path, sheet), report)
    bad = book["indicator_id"].fillna("").eq("") | (~book["goal"].between(1, 17) & book["pillar"].isna())
    for line, value in zip(book.loc[bad, "_line"], book.loc[bad, "indicator_id"], strict=True):
        report.add(in_sheet(path, sheet), "codebook row without an indicator code or goal", line=int(line),
                   column=code, value=value)
    count_rows(report, str(in_sheet(path, sheet)), len(book), int(bad.sum()))
    return book[~bad].drop_duplicates("indicator_id").reset_index(drop=True)


NAME_LANGUAGES = {"en": ("indicator", "indicator name"), "fr": ("indicateur", "nom de l indicateur"),
                  "es": ("indicador", "nombre del indicador")}
"""Name columns by language: a header of these words alone ('Indicateur'), or a name column ending in
the language's code ('Indicator_EN'). Not 'Nom', 'Nombre' or 'Label' alone: a French codebook's
'Nombre' is a count."""


def other_names(columns: list[str], chosen: str | None) -> dict[str, str]:
    """{language code: column} of the codebook's indicator names in other languages than the chosen
    column's: the ECOWAS 2023 codebook names each indicator in French ('Indicateur') and English
    ('Indicator_EN'); its French names were dropped, and a French page named indicators in English."""
    def language(column: str) -> str | None:
        words = fold(column).split()
        if len(words) > 1 and words[-1] in NAME_LANGUAGES and " ".join(words[:-1]) in NAME_STARTS:
            return words[-1]
        return next((code for code, names in NAME_LANGUAGES.items() if " ".join(words) in names), None)

    own = language(chosen) if chosen else None
    found: dict[str, str] = {}
    for column in columns:
        code = language(column)
        if column != chosen and code and code != own and own is not None:
            found.setdefault(code, column)
    return found


def worded(names: pd.Series) -> bool:
    """Whether a column holds names (mostly text that is not a number)."""
    texts = names.dropna().astype(str).str.strip()
    texts = texts[texts != ""]
    return len(texts) > 0 and pd.to_numeric(texts, errors="coerce").isna().mean() > 0.5


def add_sets(book: pd.DataFrame, raw: pd.DataFrame, cols: list[str]) -> list[str]:
    """A yes/no column is an indicator set: 'Global', 'OECD', 'Trend_Global', 'Tendance', ...
    named without spaces ('trendglobal'); 'tendance' is the trend set. Returns the columns read."""
    flags = raw[cols].apply(lambda column: column.str.strip().str.lower())
    sets = []
    for column in cols:
        values = flags[column].dropna()
        if values.isin(["yes", "no", "oui", "non", ""]).all() and values.isin(["yes", "oui"]).any():
            key = fold(column).replace(" ", "").replace("tendance", "trend")
            book[f"set:{key}"] = flags[column].isin(["yes", "oui"]).to_numpy()
            sets.append(column)
    return sets


def report_unread(columns: list[str], read: set, where: Path, report: ImportReport) -> None:
    """One warning naming the codebook's columns no field reads: 'Threshold green' and 'Upper Bound
    (=100)' were dropped without a word, and every indicator was scored on bounds from the data."""
    unread = [column for column in columns if column not in read and not column.startswith("column_")]
    if unread:
        report.add(where, "codebook columns not read (no field of the codebook is spelled so); their values "
                   "are not imported", column=listing(unread), severity=WARNING)
