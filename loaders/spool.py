"""Observations on their way into a version: spooled to disk by indicator bucket as they are
read, then merged bucket by bucket with the previous version's rows, so memory follows a
bucket, not the store.

Merging: a source imported again replaces its rows (rows it no longer has go, changed rows
change) unless `append`; a key repeated within one file is rejected as a duplicate of its
first line, and a key an earlier file of the same import brought as a duplicate of that file's
line: the first file's row is kept. (The later file used to win silently, so a value was lost
with no trace; a deliberate correction belongs in a later import, whose merge reports it as a
change.) The result is written sorted by indicator, year and place, one run of row groups per
indicator, so a view's slice is read from a few row groups found by their statistics.
"""

from __future__ import annotations

import os
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc  # noqa: F401 (pa.ipc)
import pyarrow.parquet as pq

from loaders import schema
from loaders.repeats import SAME_KEY, number_text, repeat_reason
from loaders.report import INFO, REJECTED, WARNING, ImportReport

BUCKETS = 128
MERGE_THREADS = 2
"""Buckets read and sorted at once while merging (`merge_into`)."""
ROW_GROUP = 256_000
KEY = schema.PRIMARY_KEYS["observations"]
ORDER = ["indicator_id", "year", "place_id", "breakdown"]
COMPARED = ["value", "flag", "year_label", "source", "note", "imported_from"]
DUPLICATE_OF_FILE = "duplicate of {file} line {line} " + SAME_KEY
DUPLICATE_OF_ROW = "duplicate of a row of {file} " + SAME_KEY
"""The same key in an earlier file whose rows have no line (an Open SDG site, a UN file)."""
KEPT_FIRST = " with another value: the first file's is kept"
ECHOED = "{count} values repeat those of {files} exactly (same key, same value): read once"
STORED = {**schema.OBSERVATIONS, "imported_from": schema.STRING}
"""The store's observation columns: the canonical ones and `imported_from`, the file or folder
the importer read the row from (importing it again replaces the rows it brought)."""
SCHEMA = pa.schema([(name, pa.int64() if dtype == schema.INT else pa.float64() if dtype == schema.FLOAT
                     else pa.string()) for name, dtype in STORED.items()])
SPOOL_SCHEMA = SCHEMA.append(pa.field("_file", pa.int32())).append(pa.field("_line", pa.int64()))


@dataclass
class Changes:
    added: int = 0
    changed: int = 0
    removed: int = 0
    kept: int = 0


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical observation columns plus `imported_from`."""
    out = schema.conform("observations", frame)
    source = frame["imported_from"].to_numpy() if "imported_from" in frame else pd.NA
    out["imported_from"] = pd.Series(source, index=out.index, dtype="string")
    return out


def bucket_of(indicator_id: str) -> int:
    return zlib.crc32(str(indicator_id).encode("utf-8")) % BUCKETS


@dataclass
class Spool:
    """Observation rows written to one Parquet file per bucket as they arrive."""

    folder: Path
    files: list[str] = field(default_factory=list)
    """Reported file of each `_file` number."""
    sources: set[str] = field(default_factory=set)
    """`imported_from` keys of the files read: their earlier rows are replaced."""
    rows: int = 0

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.writers: dict[int, pa.ipc.RecordBatchFileWriter] = {}
        self.per_file: dict[int, int] = {}
        self.voided: set[int] = set()
        self.value_columns: dict[int, str] = {}
        self.renamed: dict[str, str] = {}
        """{place id: the id its rows take}, applied as buckets are read (`same_cities`)."""

    def file_columns(self, file: int, value_column: str) -> None:
        """The header of the value column, named in duplicate reports."""
        self.value_columns[file] = value_column

    def void(self, file: int) -> None:
        """Forget the rows spooled for `file` (it is read again another way)."""
        self.voided.add(file)
        self.rows -= self.per_file.pop(file, 0)

    def file_number(self, file: str) -> int:
        self.files.append(file)
        return len(self.files) - 1

    def add(self, observations: pd.DataFrame, file: int, lines: pd.Series | None = None) -> None:
        """Spool observation rows of file number `file`, with their source lines when the reader
        kept them (a repeated key is reported against its first line)."""
        if not len(observations):
            return
        frame = observations.reset_index(drop=True)
        if list(frame.columns) != list(STORED) or any(str(frame[c].dtype) != t for c, t in STORED.items()):
            frame = conform(frame)
        frame["_file"] = np.int32(file)
        frame["_line"] = pd.array(lines.to_numpy() if lines is not None else [pd.NA] * len(frame),
                                  dtype="Int64")
        self.rows += len(frame)
        self.per_file[file] = self.per_file.get(file, 0) + len(frame)
        codes, uniques = pd.factorize(frame["indicator_id"])
        buckets = np.array([bucket_of(u) for u in uniques], dtype=np.int64)[codes]
        for bucket, part in frame.groupby(buckets, sort=False):
            self.write(int(bucket), pa.Table.from_pandas(part, schema=SPOOL_SCHEMA, preserve_index=False))

    def add_table(self, table: pa.Table, file: int, buckets: np.ndarray) -> None:
        """Spool rows already in `SPOOL_SCHEMA` (their `_file` set here), with their buckets."""
        if not len(table):
            return
        table = table.set_column(table.schema.get_field_index("_file"), "_file",
                                 pa.array(np.full(len(table), file, np.int32)))
        self.rows += len(table)
        self.per_file[file] = self.per_file.get(file, 0) + len(table)
        order = np.argsort(buckets, kind="stable")
        table, buckets = table.take(pa.array(order)), buckets[order]
        starts = np.flatnonzero(np.r_[True, buckets[1:] != buckets[:-1]])
        for start, end in zip(starts, np.r_[starts[1:], len(buckets)], strict=True):
            self.write(int(buckets[start]), table.slice(start, end - start))

    def write(self, bucket: int, table: pa.Table) -> None:
        if bucket not in self.writers:  # Arrow files: written and read back at memory speed
            self.writers[bucket] = pa.ipc.new_file(self.folder / f"{bucket}.arrow", SPOOL_SCHEMA)
        self.writers[bucket].write_table(table)

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers = {}

    def bucket(self, bucket: int) -> pa.Table | None:
        path = self.folder / f"{bucket}.arrow"
        if not path.is_file():
            return None
        with pa.memory_map(str(path)) as source:
            table = pa.ipc.open_file(source).read_all()
        if self.voided:
            voided = pa.array(sorted(self.voided), pa.int32())
            table = table.filter(pc.invert(pc.is_in(table["_file"], voided)))
        if self.renamed and len(table):
            ids = table["place_id"]
            at = pc.index_in(ids, value_set=pa.array(list(self.renamed), pa.string()))
            taken = pc.take(pa.array(list(self.renamed.values()), pa.string()), at)
            table = table.set_column(table.schema.get_field_index("place_id"), "place_id",
                                     pc.if_else(pc.is_null(at), ids, taken))
        return table.combine_chunks() if len(table) else None  # one chunk sorts 2.5x faster


def merge_into(
    spool: Spool,
    previous: Path | None,
    target: Path,
    report: ImportReport,
    append: bool,
    progress: Callable[[int, int], None] | None = None,
) -> Changes:
    """Write `target` (the new observations file) from the spool and the previous version's
    observations file; report within-file duplicates; count added, changed, removed rows.

    MERGE_THREADS threads read and sort buckets ahead (Arrow's reading and sorting let go of
    Python's lock); each bucket is then merged, reported and written here, in bucket order, so
    the file and the report are the same as one thread's. At most MERGE_THREADS buckets wait."""
    spool.close()
    old_ids: dict[int, list[str]] = {}
    if previous is not None and previous.is_file():
        column = pq.read_table(previous, columns=["indicator_id"]).column(0).unique().to_pylist()
        for indicator_id in column:
            if indicator_id is not None:
                old_ids.setdefault(bucket_of(indicator_id), []).append(indicator_id)

    def read(bucket: int) -> tuple[pa.Table | None, tuple[pa.Table, np.ndarray] | None]:
        new = spool.bucket(bucket)
        old = None
        if bucket in old_ids:
            old = in_schema(pq.read_table(previous, filters=[("indicator_id", "in", old_ids[bucket])]))
        return old, (sorted_with_repeats(new) if new is not None else None)

    changes = Changes()
    threads = max(1, min(MERGE_THREADS, os.cpu_count() or 1))
    with pq.ParquetWriter(target, SCHEMA, use_dictionary=schema.dictionary_columns(SCHEMA)) as writer, \
            ThreadPoolExecutor(threads, thread_name_prefix="merge") as pool:
        pending: deque[Future] = deque()
        try:
            for bucket in range(BUCKETS):
                while len(pending) < threads and bucket + len(pending) < BUCKETS:
                    pending.append(pool.submit(read, bucket + len(pending)))
                old, new = pending.popleft().result()
                if new is not None:
                    new = without_duplicates(*new, spool, report)
                merged = merge_bucket(old, new, spool.sources, append, changes)
                write_sorted(writer, merged, presorted=old is None)
                del old, new, merged
                if progress is not None:
                    progress(bucket + 1, BUCKETS)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
    return changes


def in_schema(table: pa.Table) -> pa.Table:
    """A stored version's rows in this importer's schema: a store written before a column existed
    (the shipped demo's, an earlier release's) gets that column empty (`imported_from`: no file of
    this import replaces those rows), and its text columns in the same Arrow type."""
    columns = [table[f.name].cast(f.type) if f.name in table.column_names else pa.nulls(len(table), f.type)
               for f in SCHEMA]
    return pa.Table.from_arrays(columns, schema=SCHEMA)


def sorted_with_repeats(new: pa.Table) -> tuple[pa.Table, np.ndarray]:
    """Spooled rows in the store's order, and which rows repeat the key of the row before: an error,
    reported against the first row of the key (`without_duplicates`)."""
    ordered = new.sort_by([(c, "ascending") for c in ORDER])
    return ordered, same_as_previous(ordered)


def without_duplicates(ordered: pa.Table, same: np.ndarray, spool: Spool, report: ImportReport) -> pa.Table:
    """`ordered` without its repeated keys, each reported (`drop_duplicate_rows`). Only the rows of a
    repeated key go through pandas; the others stay in Arrow, in their order."""
    if not same.any():
        return ordered.drop_columns(["_file", "_line"])
    involved = same | np.r_[same[1:], False]  # every row of a key that comes more than once
    rows = ordered.filter(pa.array(involved)).to_pandas()
    rows["_position"] = np.flatnonzero(involved)
    keep = ~involved
    keep[drop_duplicate_rows(rows, spool, report)["_position"].to_numpy()] = True
    return ordered.filter(pa.array(keep)).drop_columns(["_file", "_line"])


def report_repeats(spool: Spool, report: ImportReport) -> None:
    """Report every repeated key of the spool as the import does (`without_duplicates`), without a
    store to merge into: `city-sdg validate` said nothing of a key two files bring, which the import
    then rejected."""
    spool.close()
    for bucket in range(BUCKETS):
        new = spool.bucket(bucket)
        if new is not None:
            without_duplicates(*sorted_with_repeats(new), spool, report)


def same_as_previous(table: pa.Table) -> np.ndarray:
    """For each row of `table` (sorted by KEY), whether it has the key of the row before it."""
    same = np.zeros(len(table), dtype=bool)
    if len(table) < 2:
        return same
    equal = None
    for column in KEY:
        values = table[column]
        after, before = values.slice(1), values.slice(0, len(table) - 1)
        pair = pc.or_(pc.fill_null(pc.equal(after, before), False),
                      pc.and_(pc.is_null(after), pc.is_null(before)))
        equal = pair if equal is None else pc.and_(equal, pair)
    same[1:] = equal.to_numpy(zero_copy_only=False) if isinstance(equal, pa.Array) else \
        equal.combine_chunks().to_numpy(zero_copy_only=False)
    return same


def drop_duplicate_rows(new: pd.DataFrame, spool: Spool, report: ImportReport) -> pd.DataFrame:
    """One row per key: the first file's (files are numbered as read). A repeat within a file whose
    rows have lines is rejected against its first line. A later file's row with the same key:
    - with the same value, it is the same figure published twice (the European cities' CSV and
      JSON): dropped, and one line per file says how many;
    - with another value, in a file of one value per line (a tidy file), the row is rejected against
      the kept one's file and line; in a file of several values per line (a wide SDSN or UN table)
      the line stays kept and the value is a warning, so rows read still equal kept + rejected (a
      wide file's 2,277 values once counted as rejected rows gave "45 rows read, -2232 kept").
    Within a file without lines (an Open SDG site) the last row is kept, as its reader left it."""
    # within a file, a row with a value comes before a blank one of its key, so it is the one kept
    blank = new["value"].isna() & new["_line"].notna()
    new = new.assign(_blank=blank).sort_values(["_file", "_blank", "_line"], kind="stable")
    new = new.drop(columns="_blank")
    files, lines = new["_file"].to_numpy(), new["_line"].astype("Int64").to_numpy(object, na_value=None)
    keys = new.groupby(KEY, dropna=False, sort=False).ngroup().to_numpy()
    first = np.flatnonzero(~new.duplicated(KEY).to_numpy())[keys]  # position of each key's first row
    values = new["value"].to_numpy(dtype=float, na_value=np.nan)
    later_file = files != files[first]
    same = (values == values[first]) | (np.isnan(values) & np.isnan(values[first]))
    if "flag" in new:
        flags = new["flag"].astype("string").fillna("").to_numpy(object)
        same &= flags == flags[first]
    echo = later_file & same  # the same figure in a later file
    within = new.duplicated([*KEY, "_file"]).to_numpy() & new["_line"].notna().to_numpy()
    clash = (later_file & ~same) | (within & ~later_file)
    tidy = one_value_per_line(spool, report, files)
    in_tidy = np.array([tidy[int(number)] for number in files], dtype=bool) & new["_line"].notna().to_numpy()
    for position in np.flatnonzero(clash):
        number, kept = int(files[position]), int(first[position])
        line, first_line = (None if n is None else int(n) for n in (lines[position], lines[kept]))
        if files[kept] == number:
            reason = repeat_reason(f"line {first_line}", values[kept], values[position])
        elif first_line is None:
            reason = DUPLICATE_OF_ROW.format(file=spool.files[files[kept]])
        else:
            reason = DUPLICATE_OF_FILE.format(file=spool.files[files[kept]], line=first_line)
        counted = files[kept] == number or in_tidy[position]
        value = values[position]
        report.add(spool.files[number], reason if counted else reason + KEPT_FIRST, line=line,
                   column=spool.value_columns.get(number) or str(new["indicator_id"].iloc[position]),
                   value="" if np.isnan(value) else number_text(value),
                   severity=REJECTED if counted else WARNING)
    rejected = np.flatnonzero(clash & ((files == files[first]) | in_tidy))
    for number, count in zip(*np.unique(files[rejected], return_counts=True), strict=True):
        tally = report.count(spool.files[number])
        tally.rows_kept -= int(count)
        tally.rows_rejected += int(count)
    for number, count in zip(*np.unique(files[echo], return_counts=True), strict=True):
        earlier = sorted({spool.files[f] for f in files[first[echo & (files == number)]]})
        said = ECHOED.format(count=int(count), files=", ".join(earlier))
        report.add(spool.files[number], said, severity=INFO)
    return new[~(later_file | within)].drop_duplicates(KEY, keep="last").drop(columns=["_file", "_line"])


def one_value_per_line(spool: Spool, report: ImportReport, numbers: np.ndarray) -> dict[int, bool]:
    """For each file, whether it holds one value per line (a tidy file, where a rejected value is a
    rejected line): it has lines, and no more values spooled than lines read. A wide SDSN or UN table
    has dozens of values per line."""
    found = {}
    for number in np.unique(numbers):
        count = report.count(spool.files[int(number)])
        found[int(number)] = 0 < spool.per_file.get(int(number), 0) <= count.rows_read
    return found


def merge_bucket(old: pa.Table | None, new: pa.Table | None, sources: set[str], append: bool,
                 changes: Changes) -> pa.Table | None:
    """The bucket's rows of the new version. Only old rows of an indicator and year the new rows
    have can be matched by them: those are compared in pandas (`combine`); the others are kept,
    or dropped when their file was imported again (unless `append`)."""
    if old is None or not len(old):
        changes.added += len(new) if new is not None else 0
        return new
    replaced = np.zeros(len(old), bool)
    if not append and sources:
        replaced = pc.fill_null(pc.is_in(old["imported_from"], pa.array(sorted(sources), pa.string())),
                                False).to_numpy(zero_copy_only=False)
    near = np.zeros(len(old), bool)
    if new is not None and len(new):
        near = pc.and_(pc.is_in(old["year"], pc.unique(new["year"])),
                       pc.is_in(old["indicator_id"], pc.unique(new["indicator_id"])))
        near = pc.fill_null(near, False).to_numpy(zero_copy_only=False)
    far = ~near & ~replaced
    changes.removed += int((~near & replaced).sum())
    changes.kept += int(far.sum())
    parts = [old.filter(pa.array(far))]
    if new is not None and len(new):
        matching = old.filter(pa.array(near))
        if same_rows(matching, new):
            parts.append(matching)  # brought again as they are: nothing added, changed or removed
        else:
            joined = combine(matching.to_pandas(), new.to_pandas(), sources, append, changes)
            parts.append(pa.Table.from_pandas(conform(joined), schema=SCHEMA, preserve_index=False))
    return pa.concat_tables(parts)


def same_rows(old: pa.Table, new: pa.Table) -> bool:
    """Whether the stored rows an import's rows can match are those rows, in the same order (both
    sorted by ORDER, and a key is never twice in either), every column equal: a nightly import of
    a full extract that changed nothing. Matching 25 M such rows in pandas (`combine`) took 69 s;
    anything else (a value changed, a row more, an older file's order) goes through it. Arrow
    holds -0.0 equal to 0.0, which the row-by-row comparison counted as a change: such a value
    brought again is kept as stored."""
    return len(old) == len(new) and old.select(SCHEMA.names).equals(new.select(SCHEMA.names))


def combine(old, new, sources: set[str], append: bool, changes: Changes) -> pd.DataFrame | None:
    if old is None or not len(old):
        if new is not None:
            changes.added += len(new)
        return new
    old = conform(old)
    if new is None or not len(new):
        if not append:
            replaced = old["imported_from"].isin(sources).fillna(False).to_numpy(bool)
            changes.removed += int(replaced.sum())
            old = old[~replaced]
        changes.kept += len(old)
        return old
    both = old.merge(new[KEY + COMPARED], on=KEY, how="left", suffixes=("", "_new"), indicator=True)
    matched = (both["_merge"] == "both").to_numpy()
    differs = np.zeros(len(both), dtype=bool)
    for column in COMPARED:
        a = both[column].astype("string").fillna("\x00")
        b = both[f"{column}_new"].astype("string").fillna("\x00")
        differs |= (a != b).to_numpy(bool)
    changes.changed += int((matched & differs).sum())
    replaced = ~matched & (np.zeros(len(old), bool) if append
                           else old["imported_from"].isin(sources).fillna(False).to_numpy(bool))
    changes.removed += int(replaced.sum())
    changes.added += len(new) - int(matched.sum())
    remaining = old[~matched & ~replaced]
    changes.kept += len(remaining)
    return pd.concat([remaining, new], ignore_index=True)


def write_sorted(writer: pq.ParquetWriter, table: pa.Table | None, presorted: bool = False) -> None:
    """One run of row groups per indicator, rows sorted by year, place and breakdown."""
    if table is None or not len(table):
        return
    table = table.select(SCHEMA.names).cast(SCHEMA)
    if not presorted:
        table = table.combine_chunks().sort_by([(c, "ascending") for c in ORDER])
    ids = pc.dictionary_encode(table["indicator_id"]).combine_chunks().indices.to_numpy(zero_copy_only=False)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    for start, end in zip(starts, ends, strict=True):
        for begin in range(start, end, ROW_GROUP):
            writer.write_table(table.slice(begin, min(ROW_GROUP, end - begin)))
