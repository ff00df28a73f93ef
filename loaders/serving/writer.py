"""By-place slice files (SLICES): Arrow batches of whole places, and where each place begins."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.serving.names import decoded, index_path
from loaders.serving.runs import group_starts

SLICE_BATCH = 2_048


UNCOMPRESSED_SLICES = 64 * 2**20
"""A by-place slice file whose batches would hold up to this many bytes is written uncompressed
(read without decoding: 41 MB for 600,000 indicator scores at 1,000 places); a larger one in
LZ4-compressed batches (a national store's 25 M indicator scores: 483 MB, not 1.7 GB; about 0.3 ms
more a read)."""


WRITE_BUFFER = 4 * 2**20
"""Bytes a SLICES file is written in at once."""


class SliceWriter:
    """Writes a SLICES file from tables of whole places sorted by place, as `write_sorted` hands
    them over, and its index when closed. An Arrow file holds one dictionary per column for all
    its batches: each table's dictionary columns are put on `dictionaries` (every word of the file,
    given before the first table when the tables' own dictionaries differ), else on the first
    table's."""

    def __init__(self, path: Path, rows: int, dictionaries: dict[str, pa.Array] | None = None):
        self.path, self.expected, self.dictionaries = path, rows, dict(dictionaries or {})
        self.out: pa.ipc.RecordBatchFileWriter | None = None
        self.sink: pa.NativeFile | None = None
        self.compression: str | None = None
        self.batches = 0
        self.index: dict[str, list] = {"place_id": [], "batch": [], "offset": [], "rows": []}

    def add(self, table: pa.Table, places: np.ndarray) -> None:
        """`table`'s rows (sorted by place; `places`: where each place's run begins, `run_starts`)."""
        if not table.num_rows:
            return
        table = self.on_one_dictionary(table.combine_chunks())
        if self.out is None:
            estimate = table.nbytes / table.num_rows * max(self.expected, table.num_rows)
            self.compression = None if estimate <= UNCOMPRESSED_SLICES else "lz4"
            # compressed in this thread, which the layout runs beside another: handed to Arrow's pool
            # buffer by buffer, 25 M rows made 1.8 million lock waits (the import 93 s, not 82)
            self.sink = pa.BufferedOutputStream(pa.OSFile(str(self.path), "wb"), buffer_size=WRITE_BUFFER)
            options = pa.ipc.IpcWriteOptions(compression=self.compression, use_threads=False)
            self.out = pa.ipc.new_file(self.sink, table.schema, options=options)
        starts = [*group_starts(places, table.num_rows, SLICE_BATCH), table.num_rows]
        for begin, end in zip(starts[:-1], starts[1:], strict=True):
            self.out.write_batch(table.slice(begin, end - begin).to_batches()[0])
        batch_starts = np.asarray(starts[:-1])
        batch = np.searchsorted(batch_starts, places, side="right") - 1
        ids = decoded(table["place_id"]).take(pa.array(places)).combine_chunks()
        self.index["place_id"].append(ids.cast(pa.string()))
        self.index["batch"].append(batch + self.batches)
        self.index["offset"].append(places - batch_starts[batch])
        self.index["rows"].append(np.diff(np.r_[places, table.num_rows]))
        self.batches += len(starts) - 1

    def on_one_dictionary(self, table: pa.Table) -> pa.Table:
        for position, field in enumerate(table.schema):
            if not pa.types.is_dictionary(field.type):
                continue
            column = table.column(position).chunk(0) if table.column(position).num_chunks else None
            if column is None:
                continue
            kept = self.dictionaries.setdefault(field.name, column.dictionary)
            if kept.equals(column.dictionary):
                continue
            at = pc.index_in(column.dictionary, value_set=kept)
            if at.null_count > column.dictionary.null_count:
                raise ValueError(f"{self.path.name}: a word of {field.name} is not in the file's dictionary")
            codes = pc.take(at, column.indices).cast(field.type.index_type)
            table = table.set_column(position, field, pa.DictionaryArray.from_arrays(codes, kept))
        return table

    def close(self, schema_: pa.Schema) -> None:
        """Finish both files (an empty source: a file of no batches, and an empty index)."""
        if self.out is None:
            self.sink = pa.OSFile(str(self.path), "wb")
            self.out = pa.ipc.new_file(self.sink, schema_)
        self.out.close()
        self.sink.close()
        index = pa.table({
            "place_id": pa.chunked_array(self.index["place_id"], type=pa.string()),
            **{name: pa.array(np.concatenate(self.index[name]) if self.index[name] else [], pa.int64())
               for name in ("batch", "offset", "rows")}})
        with pa.ipc.new_file(str(index_path(self.path)), index.schema) as out:
            out.write_table(index)


class Words:
    """Every word of `schema_`'s dictionary columns over the tables shown to `add`, in the order they
    come: the dictionaries of a SLICES file written from buckets whose own dictionaries differ."""

    def __init__(self, schema_: pa.Schema):
        self.types = {field.name: field.type for field in schema_ if pa.types.is_dictionary(field.type)}
        self.seen: dict[str, list[pa.Array]] = {name: [] for name in self.types}

    def add(self, table: pa.Table) -> None:
        for name in self.types:
            if name in table.column_names:
                for chunk in table[name].chunks:
                    coded = pa.types.is_dictionary(chunk.type)
                    words = chunk.dictionary if coded else pc.unique(chunk).drop_null()
                    self.seen[name].append(words.cast(self.types[name].value_type))

    def dictionaries(self) -> dict[str, pa.Array]:
        found = {}
        for name, seen in self.seen.items():
            if seen:
                empty = pa.array([], pa.int32())
                column = pa.chunked_array([pa.DictionaryArray.from_arrays(empty, words) for words in seen])
                found[name] = pa.table({name: column}).unify_dictionaries()[name].chunk(0).dictionary
        return found
