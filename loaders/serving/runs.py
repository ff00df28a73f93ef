"""Runs of equal keys in sorted Arrow tables, and row groups cut at them: the order serving files keep."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders import schema
from loaders.memory import streamed
from loaders.serving.names import ALIGNED_ON, decoded, encoded

PLACE_ROW_GROUP = 16_384
"""Rows per row group sorted by place, at most: a city's rows of one table are one group, unless
they are more than a group holds."""


def aligned_marker(keys: list[str]) -> dict[bytes, bytes]:
    return {ALIGNED_ON: ",".join(keys).encode()}


def is_aligned(path: Path, keys: list[str]) -> bool:
    """Whether `path` says it was written in row groups aligned on `keys` (`aligned_starts`)."""
    metadata = pq.read_schema(path).metadata or {}
    return metadata.get(ALIGNED_ON) == aligned_marker(keys)[ALIGNED_ON]


def link_or_rechunk(source: Path, target: Path, keys: list[str]) -> None:
    """The FINE copy: a hard link to `source` when it is aligned on `keys` already (a version never
    changes a file, so sharing one is safe; copied where links are not possible), else `rechunk`.
    At 10,000 places x 100 x 25, rechunking indicator_scores cost 8.6 s of CPU and 639 MB."""
    if not is_aligned(source, keys):
        rechunk(source, target, keys)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def aligned_starts(table: pa.Table, keys: list[str], limit: int | None = None) -> list[int]:
    """Where the row groups of `table` (sorted so that equal `keys` are adjacent) begin, with its
    length last: whole runs of equal keys packed up to `limit` rows (PLACE_ROW_GROUP), a longer run
    cut into pieces of `limit`. A writer whose every table ends where a run ends (scoring writes a
    partition at a time, and an indicator or goal is in one partition) writes an aligned file."""
    limit = PLACE_ROW_GROUP if limit is None else limit
    if not table.num_rows:
        return [0]
    return [*group_starts(run_starts(table, keys), table.num_rows, limit), table.num_rows]


def rechunk(source: Path, target: Path, keys: list[str]) -> None:
    """`source`'s rows in their order (sorted by `keys`), in row groups aligned on `keys`
    (`write_aligned`), streamed."""
    file = streamed(source)
    with pq.ParquetWriter(target, file.schema_arrow,
                          use_dictionary=schema.dictionary_columns(file.schema_arrow)) as out:
        write_aligned(out, (pa.Table.from_batches([batch], schema=file.schema_arrow)
                            for batch in file.iter_batches(batch_size=PLACE_ROW_GROUP * 8)), keys)
        if file.metadata.num_rows == 0:
            out.write_table(file.schema_arrow.empty_table())


def write_aligned(out: pq.ParquetWriter, tables: Iterable[pa.Table], keys: list[str]) -> None:
    """Rows sorted by `keys`, arriving in `tables`, written in row groups of whole runs of equal
    keys (`group_starts`): a slice by those keys is then read from one group, not from the ends of
    two or three (a goal's year of 10,000 places read 49,000 rows of three groups). The last group
    of each table waits for the next one, which may continue its run."""
    waiting = None
    for table in tables:
        if waiting is not None:
            table = pa.concat_tables([waiting, table]).unify_dictionaries().combine_chunks()
        starts = group_starts(run_starts(table, keys), table.num_rows, PLACE_ROW_GROUP)
        for begin, end in zip(starts[:-1], starts[1:], strict=True):
            out.write_table(table.slice(begin, end - begin), row_group_size=PLACE_ROW_GROUP)
        waiting = table.slice(starts[-1])
    if waiting is not None and waiting.num_rows:
        out.write_table(waiting, row_group_size=PLACE_ROW_GROUP)


def run_starts(table: pa.Table, keys: list[str]) -> np.ndarray:
    """The rows where a run of equal `keys` begins (the first row always does)."""
    change = np.zeros(table.num_rows, dtype=bool)
    change[:1] = True
    if table.num_rows > 1:
        for key in keys:
            column = table.column(key)
            if pa.types.is_dictionary(column.type):  # codes of one dictionary compare as its text
                codes = encoded(column).indices.fill_null(-1).to_numpy(zero_copy_only=False)
                change[1:] |= codes[1:] != codes[:-1]
                continue
            column = decoded(column)
            differs = pc.fill_null(pc.not_equal(column.slice(1), column.slice(0, table.num_rows - 1)), True)
            change[1:] |= differs.to_numpy(zero_copy_only=False)
    return np.flatnonzero(change)


def group_starts(starts: np.ndarray, rows: int, limit: int) -> list[int]:
    """Where row groups begin: whole runs (beginning at `starts`) packed up to `limit` rows; a run
    longer than `limit` cut into pieces of `limit`."""
    groups, begin, last_edge = [0], 0, 0
    for edge in [*starts[1:].tolist(), rows]:
        if edge - begin > limit:
            if last_edge > begin:
                groups.append(last_edge)
                begin = last_edge
            while edge - begin > limit:
                begin += limit
                groups.append(begin)
        last_edge = edge
    return groups


def coalesced(batches: Iterable[pa.RecordBatch], read: pa.Schema, rows: int) -> Iterable[pa.Table]:
    """`batches` as tables of at least `rows` rows (the last may be shorter), each chunk's
    dictionaries one. A file in small row groups (scoring writes indicator_scores in groups of one
    indicator's year) gives a batch per group, each with its own dictionary of every place: spooled
    one by one, the 10,000 place names went into each bucket's stream 2,500 times."""
    waiting: list[pa.RecordBatch] = []
    held = 0
    for batch in batches:
        waiting.append(batch)
        held += batch.num_rows
        if held >= rows:
            yield pa.Table.from_batches(waiting).cast(read).unify_dictionaries().combine_chunks()
            waiting, held = [], 0
    if waiting:
        yield pa.Table.from_batches(waiting).cast(read).unify_dictionaries().combine_chunks()


def pieces(table: pa.Table, rows: int) -> Iterable[pa.Table]:
    """`table` (one bucket's rows) whole, or, when it holds more than twice `rows`, cut into pieces of
    whole places of about `rows` rows, in place order: what is sorted at once then follows `rows`
    (a place with more rows than that stays one piece), besides a few bytes a row of the bucket
    to cut it."""
    if table.num_rows <= 2 * rows:
        yield table
        return
    ids = encoded(table["place_id"])
    words = len(ids.dictionary)
    codes = ids.indices.fill_null(words).to_numpy(zero_copy_only=False)  # a missing id: after all
    names = ids.dictionary.to_numpy(zero_copy_only=False).astype(object)
    in_order = [*np.argsort(names, kind="stable"), words]  # the places in text order, a missing id last
    counts = np.bincount(codes, minlength=words + 1)[in_order]
    piece = np.empty(words + 1, dtype=np.int64)
    piece[in_order] = (np.cumsum(counts) - counts) // rows  # by the rows before each place
    of_row = piece[codes]
    by_piece = np.argsort(of_row, kind="stable")  # once, then each piece is a slice of it
    ends = np.cumsum(np.bincount(of_row))
    for start, end in zip([0, *ends[:-1].tolist()], ends.tolist(), strict=True):
        if end > start:
            yield table.take(pa.array(by_piece[start:end]))


def sorted_rows(table: pa.Table, keys: list[str]) -> pa.Table:
    """`table`'s rows in the order of `keys` (each ascending, missing values last)."""
    codes = pa.table({key: sort_codes(table[key]) for key in keys if key in table.column_names})
    order = pc.sort_indices(codes, sort_keys=[(key, "ascending") for key in codes.column_names])
    return table.take(order)


def sort_codes(column: pa.ChunkedArray) -> pa.Array:
    """A text column as integers in the text's order (a missing value after every other), which
    sort several times faster than the text; other columns as they are."""
    text = decoded(column[:0]).type
    if not (pa.types.is_string(text) or pa.types.is_large_string(text)):
        return decoded(column)
    codes = encoded(column)
    words = len(codes.dictionary)
    rank = np.empty(words + 1, dtype=np.int64)
    rank[pc.array_sort_indices(codes.dictionary).to_numpy()] = np.arange(words)
    rank[words] = words
    return pa.array(rank[codes.indices.fill_null(words).to_numpy(zero_copy_only=False)])
