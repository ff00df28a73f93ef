"""Read a big mapped CSV in batches (pyarrow's streaming CSV reader), check each batch with the
mapped reader's own vectorised rules and spool its observations, so memory follows the batch.

Only regular files take this path: UTF-8, one record per physical line, every row as wide as
the header. Anything else (a quoted line break, a ragged or blank row, another encoding) is
found while streaming, the streamed rows are dropped and the file is read whole by
`reader.read`, which handles every irregularity, so reports are the same either way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from loaders import textio
from loaders.bundle import Bundle
from loaders.mapped import fast, mapping, reader
from loaders.numbers import DECIMAL_COMMA, DECIMAL_POINT, MARK_DEPENDENT
from loaders.options import ReadOptions
from loaders.progress import SILENT, Progress
from loaders.report import INFO, REJECTED, ImportReport, LoadError, listing
from loaders.spool import Spool

MIN_BYTES = 8_000_000
"""Smaller files are read whole: streaming saves nothing there."""
BLOCK = 16 << 20
SAMPLE = 1 << 20


class Irregular(Exception):
    """The file needs the careful whole-file reader."""


def header(path: Path, spec: mapping.Mapping) -> tuple[int, list[str], str]:
    """Header row index, clean names and delimiter from the file's first megabyte."""
    with open(path, "rb") as handle:
        data = handle.read(SAMPLE)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    cut = data.rfind(b"\n")
    try:
        text = data[: cut if cut > 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError as error:
        raise Irregular from error
    if "\r" in text and "\r\n" not in text:
        raise Irregular
    delimiter = textio.sniff_delimiter(text[:100_000])
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[:200]
    index = textio.find_header(rows, spec.named_columns())
    if not rows or index >= len(rows):
        raise Irregular
    return index, textio.clean_header(rows[index]), delimiter


def physical_lines(path: Path) -> int:
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(BLOCK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def batches(path: Path, index: int, names: list[str], delimiter: str):
    def irregular(row) -> str:
        raise Irregular

    options = pacsv.ReadOptions(skip_rows=index + 1, column_names=names, block_size=BLOCK,
                                use_threads=False)
    parse = pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=False,
                               invalid_row_handler=irregular)
    convert = pacsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                   strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        yield from pacsv.open_csv(path, options, parse, convert)
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise Irregular from error


def read(
    path: Path, report: ImportReport, options: ReadOptions, spool: Spool, key: str,
    progress: Progress = SILENT,
) -> Bundle | None:
    """Stream `path` into `spool`; None when the file must be read whole instead."""
    path = Path(path)
    if options.mapping is None or path.stat().st_size < MIN_BYTES or path.suffix.lower() in \
            textio.EXCEL_SUFFIXES:
        return None
    spec = mapping.load(options.mapping, options)
    try:
        index, names, delimiter = header(path, spec)
        columns = mapping.resolve(spec, names, path)
    except (Irregular, LoadError):
        return None
    file_number = spool.file_number(str(path))
    spool.file_columns(file_number, columns.fields.get("value", "value"))
    local = ImportReport()
    try:
        places, indicators = stream(path, spec, columns, (index, names, delimiter), options, local,
                                    spool, (file_number, key), progress)
    except Irregular:
        spool.void(file_number)
        return None
    source = spec.source or path.name
    unused = [c for c in names if c not in columns.used()]
    if unused:
        report.add(path, f"columns not used by the mapping: {listing(unused)}", severity=INFO)
    merge_reports(report, local)
    bundle = Bundle(
        places=reader.make_places(places, path),
        indicators=reader.make_indicators(indicators, spec, source, report, path),
        sources=[{"file": str(path), "format": reader.NAME, "mapping": str(spec.path),
                  **({"name": spec.source} if spec.source else {})}],  # credited under every chart
    )
    if spec.goal_colour_rule:
        bundle.options["goal_colour_rule"] = spec.goal_colour_rule
    return bundle


def stream(path, spec, columns, layout, options, report, spool, file, progress):
    """Check every batch; return one row per place and per (indicator, unit) seen, in order.
    Rows `fast.check_batch` decides are spooled as Arrow; the others go through the reader's
    own rules, with the decimal mark found from the whole batch's value column.

    A thread checks each batch while the main thread reads the next from the file and spools the
    one before (checking is about 60 % of reading, mostly in Arrow and NumPy, which let go of
    Python's lock); a batch's issues go to the report in batch order, so it is the same."""
    index, names, delimiter = layout
    source = spec.source or path.name
    keys = fast.key_columns(spec, columns, names)
    places, indicators = [], []
    tick: Callable[[int, int], None] = progress.stage(f"reading {path.name}", "rows")

    marks = DecimalMark(spec.decimal)

    def check(batch: pa.RecordBatch, line: int, mark: str) -> tuple[fast.Checked, ImportReport]:
        found = ImportReport()
        return fast.check_batch(batch, keys, spec, columns, line, (path, source, file[1], options.rename),
                                found, mark), found

    def finish(batch: pa.RecordBatch, line: int, checking: Future | None, mark: str) -> None:
        firsts, issues, slow, slow_spec = [], [], np.arange(batch.num_rows), replace(spec, decimal=mark)
        if checking is not None:
            checked, found = checking.result()
            report.issues.extend(found.issues)
            spool.add_table(checked.observations, file[0], checked.buckets)
            counts = report.count(path)
            counts.rows_read += checked.read
            counts.rows_kept += checked.kept
            counts.rows_rejected += checked.read - checked.kept
            firsts.append(checked.firsts)
            issues.append(checked.issues)
            slow = checked.slow
        if len(slow):
            kept, rejected = slow_rows(batch.take(pa.array(slow)), line + slow, names, slow_spec,
                                       columns, report, path)
            if len(kept):
                observations = reader.make_observations(kept, source)
                if options.rename:
                    observations["indicator_id"] = observations["indicator_id"].replace(options.rename)
                observations["imported_from"] = pd.Series(file[1], index=observations.index, dtype="string")
                spool.add(observations, file[0], kept["line"])
            firsts.append(kept)
            issues.append(rejected)
        add_issues(report, path, issues)
        kept = pd.concat([f for f in firsts if len(f)] or firsts[:1], ignore_index=True)
        if len(kept):
            kept = kept.sort_values("line", kind="stable")
            places.append(kept.drop_duplicates("place_id"))
            by = ["indicator_id", "unit"] if "unit" in kept else ["indicator_id"]
            indicators.append(kept.drop_duplicates(by))
        tick(line + batch.num_rows - index - 2, 0)

    line = index + 2
    with ThreadPoolExecutor(1, thread_name_prefix="check") as pool:
        waiting = None
        for batch in batches(path, index, names, delimiter):
            mark = marks.of(batch.column(columns.fields["value"])) if "value" in columns.fields else "."
            checking = pool.submit(check, batch, line, mark) if keys is not None else None
            if waiting is not None:
                finish(*waiting)
            waiting = (batch, line, checking, mark)
            line += batch.num_rows
        if waiting is not None:
            finish(*waiting)
    if line - 1 != physical_lines(path):
        raise Irregular  # a record spanned lines: line numbers would be wrong
    if not places:
        return pd.DataFrame(columns=["place_id"]), pd.DataFrame(columns=["indicator_id"])
    return (pd.concat(places, ignore_index=True).drop_duplicates("place_id"),
            pd.concat(indicators, ignore_index=True))


def slow_rows(batch, lines, names, spec, columns, report, path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reader's own rules on some rows of a batch: kept records and rejected rows."""
    frame = batch.to_pandas().astype("string")
    frame[textio.LINE] = pd.array(lines, dtype="Int64")
    blank = (frame[names].apply(lambda c: c.str.strip()) == "").all(axis=1)
    records = reader.to_records(frame[~blank].reset_index(drop=True), spec, columns)
    records = reader.check(records, spec, columns, report, path, duplicates=False)
    return count(records, report, path)


class DecimalMark:
    """The file's decimal mark as far as its batches have shown it, by the whole-file reader's rule
    (`numbers.decimal_comma_column`): a comma where some cell can only be a decimal comma ('95,6')
    and none only a decimal point. A 17 MB file whose first 150,000 rows wrote '95,6' and the next
    '726.705' (726,705 people) stored 726.705: each batch was read by its own cells. Cells whose
    reading depends on the mark ('1.250') are read with the mark known when their batch comes; if
    a later batch changes it, the file is read whole (`Irregular`), as a small file would be."""

    def __init__(self, declared: str | None):
        self.declared = declared
        self.comma = self.point = False
        self.used: set[str] = set()
        """Marks that read cells depending on them."""

    def of(self, value: pa.Array) -> str:
        """The mark to read this batch's value cells with."""
        if self.declared:
            return self.declared
        if self.point:  # a cell only a decimal point writes: the file is read with points, whatever follows
            return "."
        text = pc.utf8_trim_whitespace(value)
        if not any(pc.any(pc.match_substring(text, sign)).as_py() for sign in (".", ",")):
            return "," if self.comma else "."
        self.point = bool(pc.any(pc.match_substring_regex(text, DECIMAL_POINT.pattern)).as_py())
        self.comma = self.comma or bool(pc.any(pc.match_substring_regex(text, DECIMAL_COMMA.pattern)).as_py())
        mark = "," if self.comma and not self.point else "."
        if self.used - {mark}:
            raise Irregular  # earlier batches read '1.250' with the other mark
        if mark not in self.used and pc.any(pc.match_substring_regex(text, MARK_DEPENDENT.pattern)).as_py():
            self.used.add(mark)
        return mark


def count(records: pd.DataFrame, report: ImportReport, path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count the batch's records as `reader.read` does; return the kept ones and the rejected
    rows (line, column, value, reason)."""
    rejected = records[records["reason"].notna()]
    kept = records[records["reason"].isna()]
    counts = report.count(path)
    counts.rows_read += len(records)
    counts.rows_kept += len(kept)
    counts.rows_rejected += len(rejected)
    return kept, rejected[["line", "column", "value", "reason"]].fillna({"value": ""})


def add_issues(report: ImportReport, path: Path, issues: list[pd.DataFrame]) -> None:
    """A batch's rejected rows in line order, one issue per line, column and reason."""
    issues = [i for i in issues if len(i)]
    if issues:
        frame = pd.concat(issues, ignore_index=True).sort_values("line", kind="stable")
        report.add_rejected_rows(path, frame.drop_duplicates(["line", "column", "reason"]))


def merge_reports(report: ImportReport, local: ImportReport) -> None:
    """The file's counts and issues; a warning repeated by several batches is kept once."""
    seen = set()
    for issue in local.issues:
        key = (issue["file"], issue["column"], issue["value"], issue["reason"], issue["severity"])
        if issue["severity"] != REJECTED:
            if key in seen:
                continue
            seen.add(key)
        report.issues.append(issue)
    for name, counts in local.counts.items():
        total = report.count(name)
        total.rows_read += counts.rows_read
        total.rows_kept += counts.rows_kept
        total.rows_rejected += counts.rows_rejected
