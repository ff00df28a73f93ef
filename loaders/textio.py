"""Read delimited text and spreadsheets as they really arrive: any encoding, junk rows, odd headers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from charset_normalizer import from_bytes

from loaders.report import LoadError

LINE = "_line"
"""Column added to every raw table: the 1-based line (or spreadsheet row) the record came from."""

MAX_FIELD = 1_000_000
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


@dataclass
class RawTable:
    """A table of strings exactly as read, plus where it came from."""

    frame: pd.DataFrame
    path: Path
    encoding: str = ""
    delimiter: str = ""
    header_line: int = 1
    sheet: str = ""


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), else the best detected legacy encoding."""
    if not data.strip():
        raise LoadError(f"{path.name} is empty.")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(f"{path.name} looks like a binary file, not delimited text.")
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            pass
    guess = from_bytes(data[:200_000]).best()
    encoding = guess.encoding if guess is not None else "cp1252"
    if encoding.lower().replace("_", "") in {"ascii", "utf8"}:
        encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the sample's lines most consistently into several fields."""
    lines = [line for line in sample.splitlines()[:50] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in (",", "\t", ";", "|"):
        widths = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        if not widths or max(widths) < 2:
            continue
        modal = max(set(widths), key=widths.count)
        score = widths.count(modal) * (modal > 1) + modal / 1000
        if score > best_score:
            best, best_score = delimiter, score
    return best


def clean_header(names: Iterable[object]) -> list[str]:
    """Strip spaces and BOMs from header names, name blanks, and number repeated names."""
    seen: dict[str, int] = {}
    out = []
    for position, raw in enumerate(names):
        name = "" if raw is None or (isinstance(raw, float) and pd.isna(raw)) else str(raw)
        name = re.sub(r"\s+", " ", name.replace("\ufeff", "")).strip()
        if not name:
            name = f"column_{position + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def find_header(rows: list[list[str]], expected: Iterable[str] | None) -> int:
    """Index of the header row: the first row naming an expected column, else the first full row."""
    wanted = {e.lower() for e in expected or ()}
    if wanted:
        for index, row in enumerate(rows[:200]):
            cells = {str(c).strip().lower().replace("\ufeff", "") for c in row if c is not None}
            if cells & wanted:
                return index
    widths = [sum(1 for c in row if str(c).strip()) for row in rows[:200]]
    if not widths:
        return 0
    widest = max(widths)
    for index, width in enumerate(widths):
        if width >= max(2, widest * 0.8):
            return index
    return 0


def read_text(
    path: str | Path, expected: Iterable[str] | None = None, delimiter: str | None = None
) -> RawTable:
    """Read a delimited text file into strings, one row per record, with its line number."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path} cannot be opened: {error.strerror or error}.") from error
    text, encoding = decode(path, data)
    delimiter = delimiter or sniff_delimiter(text[:100_000])
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise LoadError(
            f"{path.name} cannot be parsed near line {reader.line_num + 1}: {error}."
        ) from error
    header_index = find_header(rows, expected)
    header = clean_header(rows[header_index]) if rows else []
    body = rows[header_index + 1 :]
    body_lines = lines[header_index + 1 :]
    width = len(header)
    records = []
    kept_lines = []
    for row, line in zip(body, body_lines, strict=True):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width:
            extra = [c for c in row[width:] if c.strip()]
            row = row[:width] + ([delimiter.join(extra)] if extra else [])
            if not extra:
                row = row[:width]
        records.append(row[: width + 1] if len(row) > width else row)
        kept_lines.append(line)
    columns = header + (["_overflow"] if any(len(r) > width for r in records) else [])
    records = [r + [""] * (len(columns) - len(r)) for r in records]
    frame = pd.DataFrame(records, columns=columns, dtype="string")
    frame[LINE] = pd.array(kept_lines, dtype="Int64")
    return RawTable(frame, path, encoding, delimiter, lines[header_index] if lines else 1)


def read_excel(
    path: str | Path, sheet: str | int = 0, expected: Iterable[str] | None = None
) -> RawTable:
    """Read one sheet of a workbook as strings (cached formula results, never formulas)."""
    path = Path(path)
    try:
        grid = pd.read_excel(path, sheet_name=sheet, header=None, dtype=object)
    except Exception as error:  # openpyxl raises many types for damaged workbooks
        raise LoadError(f"{path.name} cannot be read as a workbook: {error}.") from error
    rows = grid.where(grid.notna(), "").astype(str).values.tolist()
    header_index = find_header(rows, expected)
    header = clean_header(rows[header_index]) if rows else []
    body = grid.iloc[header_index + 1 :]
    frame = pd.DataFrame(body.values, columns=header)
    frame = frame.map(cell_text).astype("string")
    frame[LINE] = pd.array(range(header_index + 2, header_index + 2 + len(frame)), dtype="Int64")
    filled = frame.drop(columns=[LINE]).fillna("").apply(lambda c: c.str.strip() != "")
    frame = frame[filled.any(axis=1)].reset_index(drop=True)
    sheet_name = sheet if isinstance(sheet, str) else str(sheet)
    return RawTable(frame, path, "xlsx", "", header_index + 1, sheet_name)


def cell_text(value: object) -> str:
    """A spreadsheet cell as text; whole floats lose their '.0'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def read_any(
    path: str | Path, expected: Iterable[str] | None = None, sheet: str | int = 0
) -> RawTable:
    """Read a CSV/TSV/TXT or Excel file, chosen by its content rather than its name."""
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return read_excel(path, sheet, expected)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        raise LoadError(f"{path.name} is named like a workbook but is not an Excel file.")
    return read_text(path, expected)


NUMBER = re.compile(r"^\s*(?P<flag>[<>]=?|≤|≥)?\s*(?P<number>[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?)\s*%?\s*$")
MISSING = {"", "nan", "na", "n/a", "..", "...", "-", "--", "—", "null", "none", ":", "x"}


def parse_numbers(text: pd.Series) -> pd.DataFrame:
    """Parse value cells into `value` and `flag` (e.g. '<' for '<0.5', 'missing' for 'NaN').

    Returns columns value (Float64), flag (string), ok (bool: parsed or explicitly missing).
    Thousands separators ('1,234') and decimal commas ('0,5') are understood.
    """
    raw = text.fillna("").astype("string").str.strip()
    cleaned = raw.str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    has_thousands = cleaned.str.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?")
    cleaned = cleaned.where(~has_thousands.fillna(False), cleaned.str.replace(",", "", regex=False))
    parts = cleaned.str.extract(NUMBER)
    number = parts["number"].str.replace(",", ".", regex=False)
    value = pd.to_numeric(number, errors="coerce").astype("Float64")
    flag = parts["flag"].fillna("").replace({"≤": "<=", "≥": ">="}).astype("string")
    missing = raw.str.lower().isin(MISSING)
    flag = flag.mask(missing, "missing")
    ok = value.notna() | missing
    return pd.DataFrame({"value": value, "flag": flag, "ok": ok.astype(bool)})
