"""Read delimited text and spreadsheets as they really arrive: any encoding, junk rows, odd headers."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from charset_normalizer import from_bytes

from loaders.numbers import MISSING, parse_numbers  # noqa: F401  (the number parser's old home)
from loaders.report import LoadError

LINE = "_line"
"""Column added to every raw table: the 1-based line (or spreadsheet row) the record came from."""

MAX_FIELD = 1_000_000
EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CUT = "\ufffd"
"""Stands for the last character of a file cut in the middle of it."""
SHORT_ROW = "has {cells} of {width} cells: the file may be cut short or use another delimiter"
CUT_ROW = "ends in the middle of a character: the file is cut short"
ISSUE_COLUMNS = ["line", "column", "value", "reason"]


def no_short_rows() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "line" else "string") for c in ISSUE_COLUMNS})


@dataclass
class RawTable:
    """A table of strings exactly as read, plus where it came from.

    `short_rows` lists the rows with fewer cells than the header (line, first missing column,
    value, reason): a cut file or a stray row. They stay in `frame`, padded with blanks, so a
    reader that rejects them by line keeps its counts whole (rows read = kept + rejected); a
    blank is a missing value, and a value that was never written must not replace a stored one.
    """

    frame: pd.DataFrame
    path: Path
    encoding: str = ""
    delimiter: str = ""
    header_line: int = 1
    sheet: str = ""
    short_rows: pd.DataFrame = field(default_factory=no_short_rows)
    trailing: dict | None = None
    """A second table after the data and a blank row (`trailing_table`): its line, columns and
    row count, left out of `frame`, for the reader to report."""
    percent: dict[str, int] = field(default_factory=dict)
    """{column: how many of its cells} of a workbook's numbers formatted as percentages, read as
    shown (0.299 as 29.9, `shown_percent`), for the reader to report (`report_percent`)."""


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM, else the best detected
    legacy encoding. A file cut inside its last character is still UTF-8: that character reads
    as U+FFFD (CUT), and the reader reports the cut row rather than garbling every name."""
    body = data[3:] if data.startswith(UTF8_BOM) else data[2:] if data.startswith(UTF16_BOMS) else data
    if not body.strip():
        raise LoadError(f"{path.name} is empty.")
    if b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):
        encoding = bomless_utf16(data[:4096])
        text = decode_cut(data, encoding) if encoding else None
        if not text or not text.strip():
            raise LoadError(f"{path.name} looks like a binary file, not delimited text.")
        return text, encoding
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith(UTF16_BOMS):
            continue
        text = decode_cut(data, encoding)
        if text is not None and not text.strip():
            raise LoadError(f"{path.name} is empty.")
        if text is not None:
            return text, encoding.replace("-sig", "")
    data = body if data.startswith(UTF8_BOM) else data  # a BOM over legacy bytes is still a BOM
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and looks_western(text):
        return text, "cp1252"
    guess = from_bytes(data[:200_000]).best()
    encoding = guess.encoding if guess is not None else "cp1252"
    if encoding.lower().replace("_", "") in {"ascii", "utf8"}:
        encoding = "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), "latin-1"


def bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text written in UTF-16 without a byte order mark (some
    Windows exports): Latin letters then have a zero byte beside each, always on the same side."""
    odd, even = head[1::2], head[0::2]
    if len(head) < 8:
        return None
    zeros_odd, zeros_even = odd.count(0) / len(odd), even.count(0) / len(even)
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def decode_cut(data: bytes, encoding: str) -> str | None:
    """The text in `encoding`, or None when the bytes are not in it. An incomplete last
    character becomes CUT, but only when the rest shows the encoding (a BOM, or another
    character beyond ASCII): a legacy file whose only accent ends it ('Bogot\xe1') is not UTF-8."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    if not decoder.getstate()[0]:
        return text
    if data.startswith((UTF8_BOM, *UTF16_BOMS)) or not text.isascii():
        return text + CUT
    return None


WESTERN_LETTER = "A-Za-zƒŠŒŽšœžŸµÀ-ÖØ-öø-ÿ"
NOT_WESTERN = re.compile(
    "|".join(
        (
            "[ƒŠŒŽšœžŸÀ-ÖØ-öø-ÿ]{3,}",  # Cyrillic or Greek bytes read as cp1252: runs of accents
            f"[{WESTERN_LETTER}][^\\x00-\\x7f{WESTERN_LETTER}’‘–—·][{WESTERN_LETTER}]",  # Wroc³aw
            "[a-zß-öø-ÿšœž][À-ÖØ-ÞŠŒŽŸ]",  # £ódŸ: a capital inside a word
            f"[ìòùÌÒÙ][{WESTERN_LETTER}]",  # Budìjovice: Czech ě read as cp1252
        )
    )
)


def looks_western(text: str) -> bool:
    """True when cp1252 gives plausible Western European text: accents only here and there.

    charset_normalizer cannot tell cp1252 from cp1250 (or even big5) on a short file of
    mostly ASCII with a few names like 'São Paulo', so this common case is decided first.
    """
    return NOT_WESTERN.search(text) is None


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
    """Index of the header row: the first row naming the most expected columns (so a junk
    line such as 'Country,United Kingdom' above the real header is skipped), else the first
    full row."""
    wanted = {e.strip().lower() for e in expected or ()}
    if wanted:
        hits = [
            len({str(c).strip().lower().replace("\ufeff", "") for c in row if c is not None} & wanted)
            for row in rows[:200]
        ]
        if hits and max(hits):
            return hits.index(max(hits))
    widths = [sum(1 for c in row if str(c).strip()) for row in rows[:200]]
    if not widths:
        return 0
    # The second widest row sets the bar: one data row with a stray extra cell must not win.
    widest = sorted(widths)[-2] if len(widths) > 1 else widths[0]
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
    if '"' not in text and len(text) > FAST_PATH_MIN:
        fast = read_unquoted(path, text, expected, delimiter, encoding)
        if fast is not None:
            return fast
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
        problem = str(error)
        if "field limit" in problem:
            problem = f"a field is longer than {MAX_FIELD:,} characters"
        raise LoadError(f"{path.name} cannot be parsed at line {reader.line_num}: {problem}.") from error
    if rows and ends_inside_quote(text, rows[-1], lines[-1], delimiter):
        raise LoadError(
            f"{path.name} ends inside a quoted field opened on line {lines[-1]}: "
            "the file is truncated or a quote is not closed."
        )
    header_index = find_header(rows, expected)
    header = clean_header(rows[header_index]) if rows else []
    named = named_width(rows[header_index]) if rows else 0
    body = rows[header_index + 1 :]
    body_lines = lines[header_index + 1 :]
    after = trailing_table(body, named, text, delimiter)
    trailing = None
    if after is not None:
        trailing = {"line": body_lines[after], "columns": [c.strip() for c in body[after] if c.strip()],
                    "rows": sum(1 for row in body[after + 1:] if any(c.strip() for c in row))}
        body, body_lines = body[:after], body_lines[:after]
    width = len(header)
    records = []
    kept_lines = []
    short = []
    for row, line in zip(body, body_lines, strict=True):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < named:
            short.append(short_row(line, len(row), header, named))
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
    if text.endswith(CUT) and records and (not short or short[-1]["line"] != kept_lines[-1]):
        last = records[-1][:width]
        short.append(cut_row(kept_lines[-1], last, header))
    table = RawTable(frame, path, encoding, delimiter, lines[header_index] if lines else 1, trailing=trailing)
    return with_short_rows(table, short)


def trailing_table(body: list[list[str]], named: int, text: str | None, delimiter: str = ",") -> int | None:
    """Where a second table starts after the data, or None: a blank row, then a row filling fewer
    cells than the header, all words (its own header), and rows filling no more (nine in ten) to
    the end. UNdata's exports put their footnotes so ('footnoteSeqID', 'Footnote'), and each became
    a rejected row ('empty place'). A file without a blank line before more text (`text`; blank lines
    at its end are most files') is not looked through; a workbook's rows (`text` None) are."""
    cell = re.escape(delimiter)
    if text is not None and not re.search(rf"\n[ \t{cell}]*\r?\n\s*[^\s{cell}]", text):
        return None
    blank = [not any(c.strip() for c in row) for row in body]
    widths = None
    for index in (i for i in range(1, len(body)) if blank[i - 1] and not blank[i]):
        row = body[index]
        width = filled_width(row)
        if width >= named or any(NUMERIC.match(c.strip()) for c in row if c.strip()):
            continue
        if widths is None:  # once, for every candidate
            widths = np.array([filled_width(r) for r in body], dtype=np.int64)
        after = widths[index + 1:]
        after = after[after > 0]
        if (after <= width).sum() >= 0.9 * len(after):  # a stray quote spreads one row over more
            return index
    return None


def filled_width(row: list[str]) -> int:
    """Cells up to the last filled one (a spreadsheet pads rows with empty cells)."""
    return max((i + 1 for i, cell in enumerate(row) if cell.strip()), default=0)


def report_trailing(table: RawTable, report) -> None:
    """One line of the report for a second table the file holds after its data, not read."""
    if table.trailing:
        found = table.trailing
        report.add(table.path, f"a second table after the data and a blank line ({found['rows']:,} rows "
                   "under its own header): not read as data", line=found["line"],
                   column=", ".join(found["columns"][:5]), severity="info")


NUMERIC = re.compile(r"^[-+]?[\d.,\s]+%?$")




def named_width(header_row: list[str]) -> int:
    """Cells up to the last named one: 'Year,Value,,' names two, so a row of two is whole
    (a spreadsheet writes such blank header cells; its rows need not fill them)."""
    names = [str(c).replace("\ufeff", "").strip() for c in header_row]
    return max((i + 1 for i, name in enumerate(names) if name), default=0)


def short_row(line: int, cells: int, header: list[str], named: int) -> dict:
    """The report of a row with fewer cells than the header, at its first missing column."""
    reason = SHORT_ROW.format(cells=cells, width=named)
    return {"line": line, "column": header[cells], "value": "", "reason": reason}


def cut_row(line: int, row: list[str], header: list[str]) -> dict:
    """The report of a whole last row whose last cell was cut inside a character."""
    filled = max((i for i, cell in enumerate(row) if cell.strip()), default=0)
    return {"line": line, "column": header[filled], "value": row[filled], "reason": CUT_ROW}


def with_short_rows(table: RawTable, short: list[dict]) -> RawTable:
    if short:
        table.short_rows = pd.DataFrame(short, columns=ISSUE_COLUMNS).astype(
            {"line": "Int64", "column": "string", "value": "string", "reason": "string"}
        )
    return table


FAST_PATH_MIN = 1_000_000
"""Files larger than this (in characters) with no quote at all are read by pandas' C parser."""


def read_unquoted(
    path: Path, text: str, expected: Iterable[str] | None, delimiter: str, encoding: str
) -> RawTable | None:
    """The fast path for big files without quotes: every physical line is one record, so line
    numbers stay exact. Returns None (use the careful path) when any row is too wide."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":  # blank lines at the end: pandas drops them, the count must too
        lines.pop()
    head = [line.split(delimiter) for line in lines[:200]]
    header_index = find_header(head, expected)
    header = clean_header(head[header_index]) if head else []
    if len(max(head, key=len, default=[])) > len(header) or not header:
        return None
    if max(map(len, lines)) > MAX_FIELD:
        return None
    body = "\n".join(lines[header_index + 1 :])
    try:
        frame = pd.read_csv(
            io.StringIO(body), sep=delimiter, header=None, names=range(len(header)),
            dtype=str, keep_default_na=False, skip_blank_lines=False,
            quoting=csv.QUOTE_NONE, engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        return None
    cells = pd.Series(lines[header_index + 1 :], dtype="string").str.count(re.escape(delimiter)) + 1
    if len(cells) != len(frame):
        return None
    named = named_width(head[header_index])
    frame = frame.fillna("").astype("string")
    frame.columns = header
    frame[LINE] = pd.array(range(header_index + 2, header_index + 2 + len(frame)), dtype="Int64")
    blank = frame[header].apply(lambda column: column.str.strip() == "").all(axis=1)
    short_lines = ~blank & (cells < named)
    short = [
        short_row(int(line), int(count), header, named)
        for line, count in zip(frame.loc[short_lines, LINE], cells[short_lines], strict=True)
    ]
    frame = frame[~blank].reset_index(drop=True)
    if text.endswith(CUT) and len(frame) and (not short or short[-1]["line"] != frame[LINE].iat[-1]):
        short.append(cut_row(int(frame[LINE].iat[-1]), frame[header].iloc[-1].tolist(), header))
    return with_short_rows(RawTable(frame, path, encoding, delimiter, header_index + 1), short)


def ends_inside_quote(text: str, last_row: list[str], last_line: int, delimiter: str) -> bool:
    """True when the last record never closes its quote (a cut file): the lenient reader
    would otherwise swallow every following line into one field."""
    cell = last_row[-1] if last_row else ""
    if text.endswith(("\n", "\r")) and not cell.endswith(("\n", "\r")):
        return False
    tail = "".join(io.StringIO(text, newline="").readlines()[last_line - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error)
    return False


def sheet_of(table: RawTable) -> Path:
    """`Book.xlsx [Sheet]` for a sheet's table (the SDSN reader's naming), the file for a text's."""
    return table.path.with_name(f"{table.path.name} [{table.sheet}]") if table.sheet else table.path


def read_any(
    path: str | Path, expected: Iterable[str] | None = None, sheet: str | int = 0
) -> RawTable:
    """Read a CSV/TSV/TXT or Excel file, chosen by its content rather than its name."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise LoadError(f"{path} cannot be opened: {error.strerror or error}.") from error
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        from loaders.workbook import read_excel  # it reads its tables as this module's

        return read_excel(path, sheet, expected)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        raise LoadError(f"{path.name} is named like a workbook but is not an Excel file.")
    return read_text(path, expected)
