"""Check a tidy batch by its distinct cells instead of row by row, with the mapped reader's own
rules, so a national file is checked at the speed of pyarrow.

A tidy row is its key cells (place, country, indicator, unit, breakdown... every mapped column
but the year and the value), its year and its value. The key cells of a batch repeat: a few
thousand distinct combinations for hundreds of thousands of rows. So each distinct combination
goes once through `reader.to_records` and `reader.check` (with a plain year and value standing
in), each distinct year cell once through `reader.parse_years`, and the value cells are read by
pyarrow when they are plain numbers (which `parse_numbers` takes as they are, whatever the
other cells of the column say). A row's reason is then its combination's, else its year's:
the order of the reader's rules. Rows this cannot decide exactly (a value that is not a plain
number or is out of range, a year cell holding a formula, a blank row) are returned to be checked
the usual way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders import textio
from loaders.mapped import reader
from loaders.mapped.mapping import Columns, Mapping
from loaders.numbers import MAX_MAGNITUDE, NONZERO_NUMBER, SMALLEST
from loaders.report import ImportReport
from loaders.spool import SPOOL_SCHEMA, bucket_of

PLAIN = r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$"
"""Value cells read by pyarrow: `pd.to_numeric` reads these to the same number."""
STAND_IN = {"year": "2000", "value": "0"}


def key_columns(spec: Mapping, columns: Columns, names: list[str]) -> list[str] | None:
    """The mapped columns other than the year and the value, or None when the batch must be
    checked row by row (a wide file, a year or value not in a column of its own)."""
    if spec.spread is not None or "value" not in columns.fields or "year" not in columns.fields:
        return None
    used = [*columns.fields.values(), *columns.breakdown]
    value, year = columns.fields["value"], columns.fields["year"]
    if value == year or used.count(value) != 1 or used.count(year) != 1:
        return None
    return [n for n in names if n in columns.used() and n not in (value, year)]


@dataclass
class Checked:
    observations: pa.Table
    """Kept rows, in the spool's schema (`_file` still 0)."""
    buckets: np.ndarray
    """The spool bucket of each kept row."""
    issues: pd.DataFrame
    """line, column, value, reason of each rejected row decided here."""
    firsts: pd.DataFrame
    """The first kept record of each key combination (with its first kept line)."""
    slow: np.ndarray
    """Positions of the rows to check the usual way."""
    read: int
    kept: int


def check_batch(batch: pa.RecordBatch, keys: list[str], spec: Mapping, columns: Columns,
                first_line: int, context: tuple, report: ImportReport, mark: str = ".") -> Checked:
    """Check the rows of `batch` (its first row on `first_line`) that can be decided by their
    distinct cells. `context` is (path, source, imported_from key, indicator renames). Where the
    file's decimal mark is a comma (`mark`), a cell with a dot ('726.705', 726,705) is left to the
    reader's rules."""
    path, source, imported_from, rename = context
    n = batch.num_rows
    lines = np.arange(first_line, first_line + n, dtype=np.int64)
    code, first = combination_codes(batch, keys)
    combos = checked_combinations(batch, keys, spec, columns, first, lines[first], report, path)
    years = year_cells(batch.column(columns.fields["year"]))
    year_at = years.pop("index")
    value = batch.column(columns.fields["value"])
    plain = pc.match_substring_regex(value, PLAIN).to_numpy(zero_copy_only=False)
    if mark == ",":
        plain &= ~pc.match_substring(value, ".").to_numpy(zero_copy_only=False)
    number = pc.cast(pc.if_else(plain, value, "0"), pa.float64()).to_numpy(zero_copy_only=False)
    plain &= np.abs(number) <= MAX_MAGNITUDE
    tiny = np.flatnonzero(plain & (np.abs(number) < SMALLEST))
    if len(tiny):  # '1e-400' is read as 0: `parse_numbers` rejects it, as it does '1e400'
        nonzero = pc.match_substring_regex(value.take(pa.array(tiny)), NONZERO_NUMBER.pattern)
        plain[tiny[nonzero.to_numpy(zero_copy_only=False)]] = False
    slow = ~plain | years["formula"][year_at]
    bad_combo = combos["reason"].notna().to_numpy()[code] & ~slow
    bad_year = years["reason"].notna().to_numpy()[year_at] & ~slow & ~bad_combo
    kept = ~slow & ~bad_combo & ~bad_year
    issues = pd.concat([
        pd.DataFrame({"line": lines[bad_combo], **{c: combos[c].to_numpy()[code[bad_combo]]
                                                    for c in ("column", "value", "reason")}}),
        pd.DataFrame({"line": lines[bad_year], "column": columns.fields["year"],
                      "value": years["text"].to_numpy()[year_at[bad_year]],
                      "reason": years["reason"].to_numpy()[year_at[bad_year]]}),
    ], ignore_index=True)
    ids = combos["indicator_id"].astype(str)
    ids = ids.replace(rename) if rename else ids
    at, year_kept = code[kept], year_at[kept]
    table = pa.table({
        "place_id": taken(combos["place_id"], at),
        "indicator_id": taken(ids, at),
        "year": pa.array(years["year"].to_numpy(dtype="int64", na_value=0)[year_kept]),
        "year_label": taken(years["year_label"], year_kept),
        "value": pa.array(number[kept]),
        "flag": pa.repeat(pa.scalar("", pa.string()), int(kept.sum())),
        "breakdown": taken(combos["breakdown"], at),
        "source": pa.repeat(pa.scalar(source, pa.string()), int(kept.sum())),
        "note": taken(combos["note"], at),
        "imported_from": pa.repeat(pa.scalar(imported_from, pa.string()), int(kept.sum())),
        "_file": pa.array(np.zeros(int(kept.sum()), np.int32)),
        "_line": pa.array(lines[kept]),
    }, schema=SPOOL_SCHEMA)
    id_code, unique_ids = pd.factorize(ids)
    buckets = np.array([bucket_of(i) for i in unique_ids], dtype=np.int64)[id_code][at]
    firsts = first_kept(combos, at, lines[kept])
    return Checked(table, buckets, issues, firsts, np.flatnonzero(slow), int((~slow).sum()),
                   int(kept.sum()))


def combination_codes(batch: pa.RecordBatch, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """One code per distinct combination of the key cells, and the first row of each."""
    code, size = np.zeros(batch.num_rows, dtype=np.int64), 1
    for name in keys:
        encoded = pc.dictionary_encode(batch.column(name))
        index = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        if size * len(encoded.dictionary) >= 2**62:
            code = pd.factorize(code)[0].astype(np.int64)
            size = int(code.max()) + 1
        code, size = code * len(encoded.dictionary) + index, size * len(encoded.dictionary)
    _, first, code = np.unique(code, return_index=True, return_inverse=True)
    return code.reshape(-1).astype(np.int64), first


def checked_combinations(batch, keys, spec, columns, first, first_lines, report, path) -> pd.DataFrame:
    """`reader.check` of each distinct combination, with a plain year and value standing in."""
    frame = batch.select(keys).take(pa.array(first)).to_pandas().astype("string")
    for key, text in STAND_IN.items():
        frame[columns.fields[key]] = pd.Series(text, index=frame.index, dtype="string")
    frame[textio.LINE] = pd.array(first_lines, dtype="Int64")
    records = reader.to_records(frame, spec, columns)
    return reader.check(records, spec, columns, report, path, duplicates=False).reset_index(drop=True)


def year_cells(cells: pa.Array) -> dict:
    """Each distinct year cell parsed once: number, label, reason; `index` maps rows to them."""
    encoded = pc.dictionary_encode(cells)
    text = pd.Series(encoded.dictionary.to_pylist(), dtype="string").str.strip()
    parsed = reader.parse_years(text)
    return {"index": encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64),
            "text": text, "year": parsed["year"], "year_label": parsed["year_label"],
            "reason": parsed["reason"], "formula": reader.is_formula(text).fillna(False).to_numpy(bool)}


def taken(values: pd.Series, at: np.ndarray) -> pa.Array:
    small = pa.array(values.astype(object).where(values.notna(), None).tolist(), pa.string())
    return small.take(pa.array(at, pa.int64()))


def first_kept(combos: pd.DataFrame, at: np.ndarray, lines: np.ndarray) -> pd.DataFrame:
    """The combinations with a kept row, each on the line of its first kept row."""
    if not len(at):
        return combos.iloc[:0]
    first_line = pd.Series(lines).groupby(at, sort=True).min()
    out = combos.iloc[first_line.index.to_numpy()].copy()
    out["line"] = pd.array(first_line.to_numpy(), dtype="Int64")
    return out
