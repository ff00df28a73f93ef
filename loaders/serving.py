"""Serving a store version in place: small tables in memory, large ones read slice by slice.

A server process must not hold 25 M observation rows per worker. `ServedData` keeps the small
tables (places, indicators, the index, peers, projects...) in memory like `StoreData`, and
answers `select(table, **where)` on the large ones (observations, indicator and goal scores,
progress) by reading only the row groups whose statistics can hold the wanted values from the
Parquet file (with pread: the file's pages live in the operating system's page cache, which every
worker on the machine shares); a worker keeps only each file's footer and row-group ranges.

The versions are written sorted by indicator or goal, then year, then place, so a view's slice
by indicator/goal and year is a few row groups. Slices by place (a city's page) would read every
row group, so `write_layout` adds `by_place/<table>.parquet` at import: the same rows sorted by
place, in small row groups, written in bounded memory (a bucket of places at a time), and beside
it an Arrow copy in batches of whole places with an index of where each place begins (SLICES),
which a city page's slices are cut from.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from threading import Lock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders import schema
from loaders.memory import streamed
from loaders.store import Store, StoreData, highs_above, in_one_piece

LARGE = ("observations", "indicator_scores", "progress", "goal_scores", "peers")
"""Tables read by slice when served; every other table is small and loaded whole."""
BY_PLACE = "by_place"
PLACE_TABLES = ("observations", "indicator_scores", "goal_scores", "peers")
"""Large tables the views read by place (`progress` is read by indicator only)."""
SLICED_WHEN_LAID_OUT = ("peers",)
"""Large tables read by slice only from their by-place copy: a city page reads its own peer ranks
(2 rows of 500,000 at 10,000 places x 25 years, which in memory were 44 MiB of every worker).
A version written before that copy existed keeps them in memory, as then, instead of reading its
one big row group for every city page."""
FINE = "fine"
FINE_TABLES = ("indicator_scores", "goal_scores")
"""Large tables the views read by indicator or goal and year: copied in their own order, in row
groups of at most PLACE_ROW_GROUP rows that never cut an indicator's (goal's) year in two unless it
is longer than that (`write_aligned`), so such a slice is one small group."""
FINE_KEYS = {"indicator_scores": ["indicator_id", "year"], "goal_scores": ["goal", "year"]}
"""What one slice of a FINE copy (and of SPANS, by goal and year) is read by."""
ALIGNED_ON = b"city_sdg.aligned_on"
"""Schema metadata of a main file written in row groups aligned on its FINE_KEYS already (scoring
writes them so, `aligned_starts`): its FINE copy is then a hard link to it, not a second file."""
PLACE_KEYS = {"observations": ["place_id", "indicator_id", "year", "breakdown"],
              "indicator_scores": ["place_id", "indicator_id", "year"],
              "progress": ["place_id", "indicator_id", "year"],
              "goal_scores": ["place_id", "goal", "year"],
              "peers": ["place_id", "year", "peer_group"]}
SPANS = "value_spans"
"""`fine/value_spans.parquet`: for each goal (0: the SDG Index), year and place, the first and last
year of the values behind the place's score (indicator_scores rows counted in the index). The map
states its span of value years from it by reading one small row group, instead of every indicator's
rows of the year (the index of 10,000 places x 100 indicators reads a million rows otherwise)."""
GRID = "map_grid.arrow"
"""`fine/map_grid.arrow`, written with SPANS: for each goal (0: the SDG Index) and year, one record
batch with a row for every place of the version in one fixed order (GRID_PLACES, in the schema's
metadata): the span of value years (`first`, `last`; NaN: no value) and, for goals 1 to 17, the
goal's score, rating colour and trend arrow (as codes into GRID_WORDS; -1: none). An Arrow file read
memory-mapped: a map state takes its batch whole, without decoding (every worker shares the pages
through the OS), where a Parquet slice cost a read, a decode and a join, about 3 ms each for the
scores and the spans at 1,000 places."""
GRID_PLACES, GRID_WORDS, GRID_YEARS = b"city_sdg.places", b"city_sdg.words", b"city_sdg.years"
GRID_SCHEMA = pa.schema([("first", pa.float32()), ("last", pa.float32()), ("score", pa.float64()),
                         ("colour", pa.int8()), ("arrow", pa.int8())])
YEAR_LABELS = "year_labels"
"""`fine/year_labels.parquet`: each (indicator_id, year, year_label) the observations hold, once,
written at import so that a worker's first map or page does not read three columns of every
observation to learn how the sources wrote their years (`ServedData.year_labels`)."""
LABEL_COLUMNS = ["indicator_id", "year", "year_label"]
SPAN_KEYS = ["goal", "year", "place_id"]
SPAN_BATCH = 1_000_000
"""Rows of indicator_scores read at once to write SPANS."""
PLACE_ROW_GROUP = 16_384
"""Rows per row group sorted by place, at most: a city's rows of one table are one group, unless
they are more than a group holds."""
PLACE_GROUPS, SMALLEST_PLACE_GROUP = 1_024, 2_048
"""A by-place file of a smaller store has smaller groups, as many as PLACE_GROUPS, each at least
SMALLEST_PLACE_GROUP rows (`place_row_group`): a city page's four slices each decode a group, and
at 1,000 places a group of 2,048 rows is read in 0.3-0.6 ms against 0.8-1.2 ms for 16,384. The
footer, which every worker keeps, grows with the groups: more of them at 10,000 places would cost
megabytes per worker."""
SLICES, SLICES_INDEX = ".arrow", ".places.arrow"
"""`by_place/<table>.arrow` beside each by-place Parquet file: the same rows in the same order, as
Arrow IPC record batches of whole places (SLICE_BATCH rows, unless a place has more), and
`by_place/<table>.places.arrow`, where each place's rows begin (batch, offset) and how many there
are. A city page's slice is then one batch read and cut at known rows: no Parquet group decoded
and no row tested, 0.2-0.7 ms a table at 1,000 places where the Parquet group took 0.8-1.6 ms.
The Parquet copy stays for paging the API (`Slicer.page`), which tests other columns than the
place's."""
SLICE_BATCH = 2_048
UNCOMPRESSED_SLICES = 64 * 2**20
"""A by-place slice file whose batches would hold up to this many bytes is written uncompressed
(read without decoding: 41 MB for 600,000 indicator scores at 1,000 places); a larger one in
LZ4-compressed batches (a national store's 25 M indicator scores: 483 MB, not 1.7 GB; about 0.3 ms
more a read)."""
WRITE_BUFFER = 4 * 2**20
"""Bytes a SLICES file is written in at once."""
VERSIONS_LOOKED_AT = 3
"""Earlier versions (the newest) looked at for copies to link (`linked_copies`)."""
LAYOUT = 1
"""What the serving copies of a version are, as `meta.json` records it (`layout`): raised when
`write_layout` writes them otherwise, so that a version never links copies of an older kind (a
version from before the map grid, linked, would keep new versions without one)."""
MAX_BY_PLACE = 64
"""Up to this many places, a slice is read from the by-place file; more, from the main one."""
COUNTED, COUNT_BATCH = 64, 32
"""Questions whose per-row-group match counts a file keeps (the API's paging), and how many row
groups are read at once to count (about 500,000 rows of the filter columns)."""
MEMO_SIZE, MEMO_ROWS = 32, 20_000
"""Slices a worker keeps from its last questions (`Recent`), and the longest slice it keeps."""
BUCKET_ROWS = 1_000_000
"""Rows sorted together at most while writing the by-place layout (memory follows this, times
LAYOUT_THREADS)."""
SPOOL_BATCH = 256_000
"""Rows read, sorted into buckets and spooled at once while writing the by-place layout."""
LAYOUT_THREADS = 2
"""Files of the layout written at once (at most one per CPU)."""


def wanted(value: object) -> list:
    many = isinstance(value, list | tuple | set | frozenset | np.ndarray | pd.Index | pd.Series)
    return list(value) if many else [value]


def touched(lows: np.ndarray, highs: np.ndarray, values: list) -> np.ndarray:
    """Which row groups' [low, high] hold at least one of `values`: a sorted search for many values
    (a region's 2,000 place ids against 1,400 row groups), one comparison per value for a few."""
    hit = np.zeros(len(lows), dtype=bool)
    if len(values) > 8:
        try:
            ordered = np.array(sorted(set(values)), dtype=object)
            first = np.searchsorted(ordered, lows, side="left")  # the first value at or above each low
            inside = first < len(ordered)
            hit[inside] = ordered[first[inside]] <= highs[inside]
            return hit
        except TypeError:  # values of several types: one by one below
            pass
    for value in values:
        try:
            hit |= (lows <= value) & (value <= highs)
        except TypeError:  # a value of another type than the column's: no row matches
            continue
    return hit


class Slicer:
    """One Parquet file, read by row groups whose min/max can hold the wanted values."""

    def __init__(self, path: Path):
        self.path = path
        # read with pread, not mapped: the file's pages stay in the page cache every worker shares
        # either way, but a mapped page a worker touched counted in its resident memory, which a
        # crawler's walk through 600 city pages took from 510-550 to 675-710 MiB per worker (at
        # 10,000 places; the same times). No pre-buffering: it would keep the groups read.
        self.file = pq.ParquetFile(path, memory_map=False, pre_buffer=False)
        self.names = self.file.schema_arrow.names
        self.ranges: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}
        self.counted: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self.lock = Lock()

    def range_of(self, column: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Each row group's (min, max) of `column`, or None where a group has no statistics."""
        if column not in self.ranges:
            position = self.names.index(column)
            meta = self.file.metadata
            lows, highs = [], []
            for group in range(meta.num_row_groups):
                stats = meta.row_group(group).column(position).statistics
                if stats is None or not stats.has_min_max:
                    self.ranges[column] = None
                    return None
                lows.append(stats.min)
                highs.append(stats.max)
            self.ranges[column] = (np.array(lows, dtype=object), np.array(highs, dtype=object))
        return self.ranges[column]

    def groups(self, where: dict[str, list]) -> list[int]:
        keep = np.ones(self.file.metadata.num_row_groups, dtype=bool)
        for column, values in where.items():
            bounds = self.range_of(column)
            if bounds is None or not values:
                continue
            keep &= touched(*bounds, values)
        return [int(g) for g in np.flatnonzero(keep)]

    def mask(self, table: pa.Table, where: dict[str, list], years: tuple[float, float] | None = None):
        return row_mask(table, where, years)

    def counts(self, where: dict[str, list], years: tuple[float, float] | None) -> np.ndarray:
        """Rows that match in each row group (0 in a group its statistics rule out), kept for the
        last COUNTED questions: the next page of the same question reads only its own groups."""
        key = (tuple(sorted((column, tuple(values)) for column, values in where.items())), years)
        with self.lock:
            if key in self.counted:
                self.counted.move_to_end(key)
                return self.counted[key]
        meta = self.file.metadata
        found = np.zeros(meta.num_row_groups, dtype=np.int64)
        tested = [*where, *(["year"] if years is not None else [])]
        candidates = self.groups(where)
        sizes = np.array([meta.row_group(g).num_rows for g in range(meta.num_row_groups)], dtype=np.int64)
        if not tested:
            found[candidates] = sizes[candidates]
        for start in range(0, len(candidates) if tested else 0, COUNT_BATCH):
            batch = candidates[start:start + COUNT_BATCH]  # one read for many groups: a read costs ~1 ms
            with self.lock:
                table = self.file.read_row_groups(batch, columns=tested)
            hits = self.mask(table, where, years).to_numpy(zero_copy_only=False).astype(np.int64)
            found[batch] = np.add.reduceat(hits, np.r_[0, np.cumsum(sizes[batch])[:-1]]) if len(hits) else 0
        with self.lock:
            self.counted[key] = found
            while len(self.counted) > COUNTED:
                self.counted.popitem(last=False)
        return found

    def page(self, where: dict[str, list], years: tuple[float, float] | None, columns: list[str],
             offset: int, limit: int | None) -> tuple[pd.DataFrame, int]:
        """Rows offset..offset+limit (in the file's order) of those matching, and how many match:
        only the filter columns of the candidate row groups are read to count, then whole rows of
        the groups the page falls in, so memory stays at a few row groups whatever is asked."""
        if any(not values for values in where.values()):
            return self.file.schema_arrow.empty_table().select(columns).to_pandas(), 0
        found = self.counts(where, years)
        total = int(found.sum())
        stop = total if limit is None else min(total, offset + limit)
        ends = np.cumsum(found)
        parts = []
        for group in np.flatnonzero(found):
            first = int(ends[group] - found[group])
            if ends[group] <= offset or first >= stop:
                continue
            with self.lock:
                table = self.file.read_row_group(int(group), columns=list(dict.fromkeys(
                    [*columns, *where, *(["year"] if years is not None else [])])))
            mask = self.mask(table, where, years)
            table = table if mask is None else table.filter(mask)
            parts.append(table.slice(max(0, offset - first), stop - max(first, offset)).select(columns))
        if not parts:
            return self.file.schema_arrow.empty_table().select(columns).to_pandas(), total
        return plain_codes(pa.concat_tables(parts)).to_pandas(), total

    def select(self, where: dict[str, list], columns: list[str] | None = None) -> pd.DataFrame:
        groups = self.groups(where)
        read = None if columns is None else list(dict.fromkeys([*columns, *where]))
        with self.lock:  # a ParquetFile is not safe to read from two threads at once
            table = (self.file.read_row_groups(groups, columns=read) if groups
                     else self.file.schema_arrow.empty_table())
        if read is not None:
            table = table.select(read)
        mask = self.mask(table, where)
        if mask is not None:
            table = table.filter(mask)
        frame = plain_codes(table).to_pandas(split_blocks=True)
        return frame if columns is None else frame[columns]


def row_mask(table: pa.Table, where: dict[str, list], years: tuple[float, float] | None = None):
    """Which rows of `table` hold one of the wanted values in every `where` column (and a year
    within `years`, inclusive); None: every row."""
    mask = None
    for column, values in where.items():
        test = member(table[column], values)
        mask = test if mask is None else pc.and_(mask, test)
    if years is not None:
        year = pc.cast(table["year"], pa.float64())
        test = pc.and_(pc.greater_equal(year, years[0]), pc.less_equal(year, years[1]))
        mask = test if mask is None else pc.and_(mask, test)
    return None if mask is None else pc.fill_null(mask, False)


class PlaceSlices:
    """A by-place SLICES file and its index: the rows of a few places, read by position. Read with
    pread (not mapped), as `Slicer`, so that the batches a worker read do not count in its memory."""

    def __init__(self, path: Path):
        self.reader = pa.ipc.open_file(pa.OSFile(str(path)))
        self.names = self.reader.schema.names
        index = pa.ipc.open_file(pa.OSFile(str(index_path(path)))).read_all()
        self.at = {place: row for row, place in enumerate(index["place_id"].to_pylist())}
        self.spans = np.column_stack([index[name].to_numpy() for name in ("batch", "offset", "rows")])
        self.lock = Lock()

    def rows(self, places: list[str]) -> pa.Table:
        """The rows of `places`, in the file's order."""
        found = sorted(self.spans[self.at[place]].tolist() for place in set(places) if place in self.at)
        parts = []
        with self.lock:
            for batch, offset, rows in found:
                while rows > 0:  # a place longer than a batch continues in the next ones
                    read = self.reader.get_batch(batch)
                    taken = min(rows, read.num_rows - offset)
                    parts.append(read.slice(offset, taken))
                    batch, offset, rows = batch + 1, 0, rows - taken
        return pa.Table.from_batches(parts, schema=self.reader.schema)

    def select(self, where: dict[str, list], columns: list[str] | None = None) -> pd.DataFrame:
        """As `Slicer.select`, for a `where` that names its places (`place_id`)."""
        table = self.rows(where["place_id"])
        read = None if columns is None else list(dict.fromkeys([*columns, *where]))
        if read is not None:
            table = table.select(read)
        mask = row_mask(table, {column: values for column, values in where.items() if column != "place_id"})
        if mask is not None:
            table = table.filter(mask)
        frame = plain_codes(table).to_pandas(split_blocks=True)
        return frame if columns is None else frame[columns]


def index_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SLICES) + SLICES_INDEX)


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


def member(column: pa.ChunkedArray, values: list) -> pa.ChunkedArray:
    """Whether each row of `column` is one of `values` (a missing row: whether None is). A dictionary
    column is tested on its dictionary, then the answer taken by code: decoding 25 M place ids of a
    file in small row groups (each with its dictionary of every place) took 1.8 s for 200 places."""
    parts = []
    for chunk in column.chunks:
        data = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
        try:
            hit = pc.is_in(data, value_set=pa.array(values, type=data.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            hit = pa.array(np.zeros(len(data), dtype=bool))  # a value the column cannot hold
        if pa.types.is_dictionary(chunk.type):
            hit = pc.take(hit, chunk.indices)
            if chunk.null_count:  # a missing row: as is_in answers on the text
                hit = pc.if_else(pc.is_null(chunk.indices), any(value is None for value in values), hit)
        parts.append(hit)
    return pa.chunked_array(parts, type=pa.bool_())


def plain_codes(table: pa.Table) -> pa.Table:
    """Dictionary columns of a small slice as plain text: pandas makes a Categorical of the whole
    dictionary (10,000 place ids for a city's 60 rows), which costs more than the read. A longer
    slice keeps its codes: as text, pandas 3's `isin` on 10,000 place ids took 38 ms (0.5 ms as
    a Categorical), more than the text saves in `to_pandas` (about 2 ms)."""
    for position, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            column = table.column(position)
            size = max((len(chunk.dictionary) for chunk in column.chunks), default=0)
            if table.num_rows < size:
                table = table.set_column(position, field.name, decoded(column))
    return table


def decoded(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


class Slicers:
    """The large tables of one version folder: the main file, and the by-place file when written."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.open: dict[tuple[str, bool | str], Slicer | None] = {}
        self.lock = Lock()

    def get(self, name: str, layout: bool | str) -> Slicer | PlaceSlices | None:
        """The main file (False), the by-place one (True), its SLICES ("slices") or the fine-grained
        one ("fine")."""
        key = (name, layout)
        with self.lock:
            if key not in self.open:
                self.open[key] = self.opened(name, layout)
            return self.open[key]

    def opened(self, name: str, layout: bool | str) -> Slicer | PlaceSlices | None:
        if layout == "slices":
            path = self.folder / BY_PLACE / f"{name}{SLICES}"
            try:  # a version written before them, or a damaged file: the Parquet copy serves
                return PlaceSlices(path) if path.is_file() and index_path(path).is_file() else None
            except (OSError, pa.ArrowException, KeyError):
                return None
        folder = {True: self.folder / BY_PLACE, "fine": self.folder / FINE}.get(layout, self.folder)
        path = folder / f"{name}.parquet"
        return Slicer(path) if path.is_file() else None

    def select(self, name: str, where: dict[str, object], columns: list[str] | None) -> pd.DataFrame | None:
        """The rows of `name` matching every `where` (column -> value or values); None: no such file."""
        lists = {column: wanted(value) for column, value in where.items()}
        places = lists.get("place_id", ())
        if len(places) in range(1, MAX_BY_PLACE + 1) and all(isinstance(place, str) for place in places):
            slices = self.get(name, "slices")
            if slices is not None:
                return slices.select(lists, columns)
        by_place = (len(places) in range(1, MAX_BY_PLACE + 1) and self.get(name, True) is not None)
        slicer = self.get(name, True) if by_place else (self.get(name, "fine") or self.get(name, False))
        return None if slicer is None else slicer.select(lists, columns)


def write_layout(folder: Path, tables: Iterable[str] = PLACE_TABLES,
                 progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Write `by_place/<table>.parquet` for each large table in a version folder being written:
    the same rows sorted by place, in row groups of whole places (`place_row_group` rows at most; a
    table whose file is already there is kept), and the FINE copies and SPANS. Returns the tables
    written by place.

    The files are independent, so LAYOUT_THREADS threads write them at once, longest first: their
    work is in Arrow and NumPy, which let go of Python's lock, so two threads use two cores."""
    work: list[tuple[Callable[..., None], Path, Path, list[str] | None]] = []
    placed = []
    for name in tables:
        source, target = folder / f"{name}.parquet", folder / BY_PLACE / f"{name}.parquet"
        if source.is_file() and not target.is_file():  # its SLICES written with it
            if not linked_copies(folder, [name], [f"{BY_PLACE}/{name}{end}" for end in PLACE_COPIES]):
                work.append((write_sorted, source, target, PLACE_KEYS[name]))
            placed.append(name)
    for name in FINE_TABLES:
        source, target = folder / f"{name}.parquet", folder / FINE / f"{name}.parquet"
        if source.is_file() and not target.is_file():
            work.append((link_or_rechunk, source, target, FINE_KEYS[name]))
    source, target = folder / "indicator_scores.parquet", folder / FINE / f"{SPANS}.parquet"
    spans_from = ["indicator_scores", "goal_scores", "places"]
    if source.is_file() and not target.is_file() and not linked_copies(
            folder, spans_from, [f"{FINE}/{SPANS}.parquet"], optional=(f"{FINE}/{GRID}",)):
        work.append((write_spans, source, target, None))
    source, target = folder / "observations.parquet", folder / FINE / f"{YEAR_LABELS}.parquet"
    if source.is_file() and not target.is_file() and not linked_copies(
            folder, ["observations"], [f"{FINE}/{YEAR_LABELS}.parquet"]):
        work.append((write_year_labels, source, target, None))
    work.sort(key=lambda job: -job[1].stat().st_size * (2 if job[0] is write_sorted else 1))
    for _, _, target, _ in work:
        target.parent.mkdir(exist_ok=True)
    if progress is not None:
        progress(0, len(work))
    with ThreadPoolExecutor(max(1, min(LAYOUT_THREADS, os.cpu_count() or 1))) as pool:
        futures = [pool.submit(job, source, target, *([keys] if keys else []))
                   for job, source, target, keys in work]
        try:
            for done, future in enumerate(as_completed(futures), 1):
                future.result()
                if progress is not None:
                    progress(done, len(work))
        except BaseException:  # a failed file fails the version: the files not started are not
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return placed


PLACE_COPIES = (".parquet", SLICES, SLICES_INDEX)
"""The files of a table's by-place copy."""


def linked_copies(folder: Path, tables: list[str], copies: list[str], optional: tuple[str, ...] = ()) -> bool:
    """Link `copies` (paths in a version folder) from an earlier version of the same store whose
    `tables` are the very files of `folder` (hard links: the version reused them unchanged), as
    the copies are made from those files alone: an import that changed nothing wrote the 25 M
    rows' by-place copies and spans again, about 25 s. `optional` copies are linked when the
    earlier version has them: it lacks one only where those files give none (no goal scores, no
    map grid). False (nothing linked) when no earlier version shares the files, or one of its copies is
    missing, or links cannot be made."""
    try:
        own = [(folder / f"{name}.parquet").stat() for name in tables]
        for other in sorted((path for path in folder.parent.iterdir()
                             if path.is_dir() and path != folder and not path.name.startswith(".")),
                            reverse=True)[:VERSIONS_LOOKED_AT]:
            theirs = [other / f"{name}.parquet" for name in tables]
            pairs = zip(theirs, own, strict=True)
            if not all(path.is_file() and same_file(path.stat(), mine) for path, mine in pairs):
                continue
            if layout_of(other) != LAYOUT:  # its copies are of another kind: written again
                return False
            if not all((other / copy).is_file() for copy in copies):
                return False
            made = []
            try:
                for copy in [*copies, *(extra for extra in optional if (other / extra).is_file())]:
                    (folder / copy).parent.mkdir(exist_ok=True)
                    os.link(other / copy, folder / copy)
                    made.append(folder / copy)
            except OSError:
                for path in made:
                    path.unlink(missing_ok=True)
                return False
            return True
    except OSError:
        return False
    return False


def layout_of(folder: Path) -> int | None:
    """The LAYOUT a committed version's copies were written as (None: before it was recorded)."""
    try:
        found = json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("layout")
    except (OSError, ValueError, AttributeError):
        return None
    return found if isinstance(found, int) else None


def same_file(left: os.stat_result, right: os.stat_result) -> bool:
    return (left.st_dev, left.st_ino) == (right.st_dev, right.st_ino)


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


def write_sorted(source: Path, target: Path, keys: list[str]) -> None:
    """Rows of `source` sorted by `keys` into `target`, in buckets of places of at most about
    BUCKET_ROWS rows, so memory follows a bucket and not the table. Buckets wait in uncompressed
    Arrow streams (written and read back at disk speed); rows are sorted by integer codes of their
    keys, not by their text. Text columns are read, moved and sorted as dictionaries (codes, not
    strings) and written back as the text they were: observations' eight text columns made their
    25 M rows take 19.6 s, 12.7 s this way. The file written is the same either way.
    The same rows go to the SLICES file beside `target` (`SliceWriter`) as they are written."""
    written = pq.read_schema(source)
    written = written.with_metadata({key: value for key, value in (written.metadata or {}).items()
                                     if key != ALIGNED_ON})  # sorted by place, it is no longer
    text = [field.name for field in written
            if pa.types.is_string(field.type) or pa.types.is_large_string(field.type)]
    file = pq.ParquetFile(source, pre_buffer=False, read_dictionary=text)  # `streamed`, with codes
    read = file.schema_arrow
    rows = file.metadata.num_rows
    buckets = max(1, -(-rows // BUCKET_ROWS))

    size = place_row_group(rows)
    slices = None

    def put(table: pa.Table) -> None:
        if not table.num_rows:
            out.write_table(table.cast(written))
            return
        table = sorted_rows(table.unify_dictionaries().combine_chunks(), keys)
        places = run_starts(table, ["place_id"])  # once, for the row groups and the slices
        starts = [*group_starts(places, table.num_rows, size), table.num_rows]
        table = table.cast(written)
        for begin, end in zip(starts[:-1], starts[1:], strict=True):  # a place's rows in one group
            out.write_table(table.slice(begin, end - begin), row_group_size=size)
        slices.add(table, places)

    with pq.ParquetWriter(target, written, use_dictionary=schema.dictionary_columns(written)) as out:
        if buckets == 1:
            slices = SliceWriter(target.with_suffix(SLICES), rows)
            put(file.read())
            slices.close(written)
            return
        places = store_places(source)
        places = place_names(source) if places is None else places
        edges = np.asarray(places[[len(places) * b // buckets for b in range(1, buckets)]], dtype=object)
        spool = target.with_name(target.stem + ".spool")
        spool.mkdir(exist_ok=True)
        try:
            # streams, not files: each batch's dictionaries are its own, which only a stream may replace
            writers: dict[int, pa.ipc.RecordBatchStreamWriter] = {}
            words = Words(written)
            for table in coalesced(file.iter_batches(batch_size=SPOOL_BATCH), read, SPOOL_BATCH):
                words.add(table)
                ids = encoded(table["place_id"])
                of_id = np.searchsorted(edges, ids.dictionary.to_numpy(zero_copy_only=False).astype(object),
                                        side="right")
                bucket = of_id[ids.indices.fill_null(0).to_numpy(zero_copy_only=False)] if len(of_id) else \
                    np.zeros(len(ids), dtype=np.int64)
                order = np.argsort(bucket, kind="stable")
                table, start = table.take(pa.array(order)), 0
                for number, count in enumerate(np.bincount(bucket, minlength=buckets)):
                    if count:
                        if number not in writers:
                            writers[number] = pa.ipc.new_stream(spool / f"{number}.arrows", read)
                        writers[number].write_table(table.slice(start, count))
                    start += count
            for writer in writers.values():
                writer.close()
            slices = SliceWriter(target.with_suffix(SLICES), rows, words.dictionaries())
            for number in sorted(writers):
                with pa.memory_map(str(spool / f"{number}.arrows")) as spooled:
                    for piece in pieces(pa.ipc.open_stream(spooled).read_all(), BUCKET_ROWS):
                        put(piece)
            if not writers:
                out.write_table(written.empty_table())
            slices.close(written)
        finally:
            shutil.rmtree(spool, ignore_errors=True)


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


def store_places(source: Path) -> np.ndarray | None:
    """The sorted place ids of the store version `source` is in (its `places.parquet`), which cut
    the buckets of `write_sorted`: reading them took 10 ms where a scores file's own ids took 2.6 s
    at 25 M rows (each of its 2,500 row groups holds the dictionary of every place). They only
    balance the buckets: a bucket they leave too full is cut again by its own ids (`pieces`).
    None: no readable places file there."""
    try:
        ids = pq.read_table(source.parent / "places.parquet", columns=["place_id"])["place_id"]
    except (OSError, KeyError, pa.ArrowInvalid):
        return None
    found = pc.unique(decoded(ids).drop_null()).to_numpy(zero_copy_only=False).astype(object)
    return np.sort(found) if len(found) else None


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


def place_names(source: Path) -> np.ndarray:
    """The distinct place ids of a file, sorted, read a row group at a time as a dictionary: memory is
    a group's ids, not the file's (25 M ids as text would be about 0.5 GB)."""
    file = pq.ParquetFile(source, read_dictionary=["place_id"], pre_buffer=False)
    read = pa.schema([file.schema_arrow.field("place_id")])
    found: set[str] = set()
    batches = file.iter_batches(batch_size=SPOOL_BATCH, columns=["place_id"])
    for table in coalesced(batches, read, SPOOL_BATCH):
        for chunk in table["place_id"].chunks:
            if not pa.types.is_dictionary(chunk.type):
                chunk = chunk.dictionary_encode()
            used = pc.unique(chunk.indices.drop_null())
            found.update(chunk.dictionary.take(used).cast(pa.string()).to_pylist())
    return np.array(sorted(found), dtype=object)


def place_row_group(rows: int) -> int:
    """Rows per group of a by-place file of `rows` rows (PLACE_GROUPS)."""
    return int(min(PLACE_ROW_GROUP, max(SMALLEST_PLACE_GROUP, -(-rows // PLACE_GROUPS))))


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


def encoded(column: pa.ChunkedArray) -> pa.DictionaryArray:
    """A text column as one dictionary array. A column that is a dictionary already keeps its
    codes (its chunks' dictionaries unified), which costs far less than decoding it to text."""
    if pa.types.is_dictionary(column.type):
        if column.num_chunks > 1:
            column = pa.table({"c": column}).unify_dictionaries()["c"]
        return column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    return pc.dictionary_encode(column.combine_chunks())


class Codes:
    """Place ids as integers shared by every batch of a file (each batch's dictionary may differ;
    a dictionary met before is mapped once)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.seen: tuple[pa.Array, np.ndarray] | None = None

    def of(self, column: pa.ChunkedArray | pa.Array, missing: int | None = None) -> np.ndarray:
        """Each row's code; a missing row gets `missing` when it is given (else the code of the
        dictionary's first word: callers that keep no missing rows)."""
        column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
        if not pa.types.is_dictionary(column.type):
            column = column.dictionary_encode()
        dictionary = column.dictionary.cast(pa.string())
        if self.seen is not None and self.seen[0].equals(dictionary):
            local = self.seen[1]
        else:
            local = np.array([self.ids.setdefault(word, len(self.ids)) for word in dictionary.to_pylist()],
                             dtype=np.int64)
            self.seen = (dictionary, local)
        if missing is not None:
            at = column.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
            return np.append(local, missing)[at]  # -1 takes the appended slot
        indices = column.indices.fill_null(0).to_numpy(zero_copy_only=False)
        return local[indices] if len(local) else np.zeros(len(indices), dtype=np.int64)

    def names(self) -> pa.Array:
        return pa.array(list(self.ids), pa.string())


class SpanGrid:
    """The earliest and latest value year of every goal (0: the index), year and place, kept in two
    dense arrays (goal x year x place) updated batch by batch: memory is the grid (about 35 MB at
    10,000 places x 25 years, as float32: a value year is a whole year, which float32 holds exactly),
    not the table, and a batch costs one pass."""

    def __init__(self, goals: int, first_year: int, years: int, places: int):
        self.goals, self.first_year, self.years, self.places = goals, first_year, years, max(places, 1)
        self.first = np.full((goals + 1) * years * self.places, np.inf, dtype=np.float32)
        self.last = np.full(len(self.first), -np.inf, dtype=np.float32)

    def grow(self, places: int) -> None:
        """Room for more places (an id not in the places table still gets its span)."""
        self.refit(self.goals, self.first_year, self.years, max(places, self.places * 2))

    def cover(self, goals: int, first_year: int, last_year: int) -> None:
        """Room for goals up to `goals` and the years `first_year`..`last_year`."""
        start = min(self.first_year, first_year)
        end = max(self.first_year + self.years - 1, last_year)
        if goals > self.goals or start < self.first_year or end - start + 1 > self.years:
            self.refit(max(goals, self.goals), start, end - start + 1, self.places)

    def refit(self, goals: int, first_year: int, years: int, places: int) -> None:
        """The same spans in a grid of these goals, years and places (each dimension cut to what is
        kept, or widened with empty cells)."""
        if (goals, first_year, years, places) == (self.goals, self.first_year, self.years, self.places):
            return
        kept_goals, kept_places = min(goals, self.goals) + 1, min(places, self.places)
        start = max(first_year, self.first_year)
        end = min(first_year + years, self.first_year + self.years)
        for name, fill in (("first", np.inf), ("last", -np.inf)):
            grid = np.full((goals + 1, years, places), fill, dtype=np.float32)
            if end > start:
                old = getattr(self, name).reshape(self.goals + 1, self.years, self.places)
                grid[:kept_goals, start - first_year:end - first_year, :kept_places] = \
                    old[:kept_goals, start - self.first_year:end - self.first_year, :kept_places]
            setattr(self, name, grid.ravel())
        self.goals, self.first_year, self.years, self.places = goals, first_year, years, places

    def add(self, goal: np.ndarray, year: np.ndarray, place: np.ndarray, value_year: np.ndarray) -> None:
        """Count each row's value year into its goal's cell and, when `goal` is not None, the index's
        (goal 0) too: rows whose goal is below 1 or missing count for the index only."""
        if len(place) and place.max() >= self.places:
            self.grow(int(place.max()) + 1)
        value_year = value_year.astype(np.float32)
        cell = (year - self.first_year) * self.places + place  # the index's: goal 0
        for cells, values in ((cell, value_year), *self.goal_cells(goal, cell, value_year)):
            np.fmin.at(self.first, cells, values)
            np.fmax.at(self.last, cells, values)

    def goal_cells(self, goal: np.ndarray | None, cell: np.ndarray, value_year: np.ndarray) -> list:
        if goal is None:
            return []
        has_goal = np.isfinite(goal) & (goal >= 1)  # goal 0 is the index's own slot
        step = self.years * self.places
        return [(cell[has_goal] + goal[has_goal].astype(np.int64) * step, value_year[has_goal])]

    def rows(self, names: pa.Array) -> pa.Table:
        """The cells that hold a value, in goal, year and place order (place ids as a dictionary)."""
        cells = np.flatnonzero(np.isfinite(self.first))
        goal_year, place = np.divmod(cells, self.places)
        goal, year = np.divmod(goal_year, self.years)
        return pa.table({"goal": goal.astype("int64"), "year": (year + self.first_year).astype("int64"),
                         "place_id": pa.DictionaryArray.from_arrays(pa.array(place.astype("int32")), names),
                         "first": self.first[cells].astype(np.float64),
                         "last": self.last[cells].astype(np.float64)}, schema=SPAN_SCHEMA)


SPAN_COLUMNS = ["place_id", "goal", "year", "value_year", "in_index"]
"""The columns of indicator_scores that SPANS is made from."""


class Spans:
    """SPANS and GRID made from indicator_scores as its rows come: from the written file, batch by
    batch (`write_spans`), or from each partition's table while scoring writes it (`loaders.scoring.
    partitioned`), which spares the import a second pass over 25 M scored rows (8 s of CPU). The
    grid covers the goals and years of every row given (as a file's statistics would), whether or
    not the row counts in a span, so both ways write the same files."""

    def __init__(self, places: Path | None):
        self.codes = Codes()
        if places is not None and places.is_file():  # every known place gets its column up front
            self.codes.of(pq.read_table(places, columns=["place_id"])["place_id"])
        self.grid: SpanGrid | None = None  # made by the first rows with a year, or sized ahead
        self.seen: list = [None, None, None]  # the rows' highest goal, first and last year

    def add(self, table: pa.Table | pa.RecordBatch) -> None:
        """Count a table's rows (SPAN_COLUMNS at least) into the grid."""
        if not table.num_rows:
            return
        goal_range, year_range = pc.min_max(table.column("goal")), pc.min_max(table.column("year"))
        high, low, top = goal_range["max"].as_py(), year_range["min"].as_py(), year_range["max"].as_py()
        if low is None:  # no row with a year: nothing to place in the grid
            return
        seen = self.seen
        seen[0] = high if seen[0] is None or (high is not None and high > seen[0]) else seen[0]
        seen[1] = low if seen[1] is None or low < seen[1] else seen[1]
        seen[2] = top if seen[2] is None or top > seen[2] else seen[2]
        goals = max(int(seen[0]), 0) if seen[0] is not None else 0
        if self.grid is None:  # room for the 17 goals at once (a file sorted by goal brings them one by one)
            self.grid = SpanGrid(max(goals, 17), int(seen[1]), int(seen[2]) - int(seen[1]) + 1,
                                 len(self.codes.ids))
        else:
            self.grid.cover(goals, int(seen[1]), int(seen[2]))
        years = table.column("value_year").cast(pa.float64()).to_numpy(zero_copy_only=False)
        keep = table.column("in_index").fill_null(False).to_numpy(zero_copy_only=False).astype(bool)
        keep &= np.isfinite(years)
        goal = table.column("goal").cast(pa.float64()).to_numpy(zero_copy_only=False)[keep]
        year = table.column("year").cast(pa.int64()).to_numpy(zero_copy_only=False)[keep]
        place, years = self.codes.of(table.column("place_id"))[keep], years[keep]
        self.grid.add(goal, year, place, years)  # each row's goal, and the index

    def write(self, target: Path, scores: Path | None = None) -> None:
        """SPANS into `target` and, from `scores` (goal_scores) when given, GRID beside it."""
        grid = self.grid if self.seen[1] is not None else None  # no row with a year: no grid
        if grid is not None:  # cut to the rows' goals and years (a grid sized ahead may be wider)
            goals = max(int(self.seen[0]), 0) if self.seen[0] is not None else 0
            grid.refit(goals, int(self.seen[1]), int(self.seen[2]) - int(self.seen[1]) + 1, grid.places)
        spans = grid.rows(self.codes.names()) if grid is not None else SPAN_SCHEMA.empty_table()
        partial = target.with_name(target.name + ".partial")
        with pq.ParquetWriter(partial, spans.schema) as out:
            write_aligned(out, [spans], SPAN_KEYS[:2])
            if spans.num_rows == 0:
                out.write_table(spans)
        os.replace(partial, target)
        if grid is not None and scores is not None and scores.is_file():
            write_grid(grid, self.codes, streamed(scores), target.with_name(GRID))


def write_spans(source: Path, target: Path) -> None:
    """`target` (SPANS) from indicator_scores read in batches; written sorted by goal, year and place
    in small row groups, with GRID beside it when the version has goal_scores."""
    file = streamed(source)
    spans = Spans(source.with_name("places.parquet"))  # its grid sized by the rows as they come
    if set(SPAN_COLUMNS) <= set(file.schema_arrow.names):
        read = pa.schema([file.schema_arrow.field(column) for column in SPAN_COLUMNS])
        for batch in coalesced(file.iter_batches(batch_size=SPAN_BATCH, columns=SPAN_COLUMNS), read,
                               SPAN_BATCH):
            spans.add(batch)
    spans.write(target, source.with_name("goal_scores.parquet"))


def year_labels_of(file: pq.ParquetFile) -> pd.DataFrame:
    """Each (indicator_id, year, year_label) of an observations file once, read a row group at a
    time (a national store's 25 M rows are never in memory at once); none read when the row
    groups' statistics say no value has a label (every national store of calendar years)."""
    groups = range(file.metadata.num_row_groups)
    if not set(LABEL_COLUMNS) <= set(file.schema_arrow.names) or not any(
            holds_values(file, group, "year_label") for group in groups):
        return pd.DataFrame({column: [] for column in LABEL_COLUMNS}, dtype=object)
    found = [file.read_row_group(group, columns=LABEL_COLUMNS).group_by(LABEL_COLUMNS).aggregate([])
             .to_pandas() for group in groups]
    return (pd.concat(found)[LABEL_COLUMNS].astype(object).drop_duplicates().reset_index(drop=True))


def write_year_labels(source: Path, target: Path) -> None:
    """`target` (YEAR_LABELS) from the observations file `source`."""
    pq.write_table(pa.Table.from_pandas(year_labels_of(streamed(source)), preserve_index=False), target)


def holds_values(file: pq.ParquetFile, group: int, column: str) -> bool:
    """Whether row group `group` of `file` may hold a value of `column`: not when its statistics
    count every row as null (a file written without statistics may)."""
    stats, rows = group_statistics(file, group).get(column), file.metadata.row_group(group).num_rows
    return stats is None or stats.null_count is None or stats.null_count < rows


def write_grid(spans: SpanGrid, codes: Codes, scores: pq.ParquetFile, target: Path) -> None:
    """GRID from the spans' grid and the goal scores (read in batches; a place only they name is
    added to the places), one batch per goal and year in goal then year order. A row without a
    place, goal or year is left out, as a select by place, goal and year never finds it; goal
    scores the grid cannot hold (a year beyond the spans, more than 127 ratings or arrows) get no
    grid, and the map selects them instead."""
    wanted = ["place_id", "goal", "year", "score", "colour", "arrow"]
    if not set(wanted) <= set(scores.schema_arrow.names):
        return
    words = {"colour": Codes(), "arrow": Codes()}
    cells = (spans.goals + 1) * spans.years
    found: dict[str, np.ndarray] = {}
    read = pa.schema([scores.schema_arrow.field(column) for column in wanted])
    for batch in coalesced(scores.iter_batches(batch_size=SPAN_BATCH, columns=wanted), read, SPAN_BATCH):
        known = np.ones(batch.num_rows, dtype=bool)
        for column in ("place_id", "goal", "year"):
            known &= batch.column(column).is_valid().to_numpy(zero_copy_only=False)
        place = codes.of(batch.column("place_id"))
        if len(place) and place.max() >= spans.places:
            spans.grow(int(place.max()) + 1)
        if not found or found["score"].shape[1] < spans.places:
            grown = {"score": np.full((cells, spans.places), np.nan),
                     **{name: np.full((cells, spans.places), -1, dtype=np.int8) for name in words}}
            for name, old in found.items():
                grown[name][:, :old.shape[1]] = old
            found = grown
        goal = batch.column("goal").fill_null(-1).cast(pa.int64()).to_numpy(zero_copy_only=False)
        year = batch.column("year").fill_null(-1).cast(pa.int64()).to_numpy(zero_copy_only=False)
        year = year - spans.first_year
        inside = known & (goal >= 1) & (goal <= spans.goals) & (year >= 0) & (year < spans.years)
        if not inside[known & (goal >= 1)].all():  # a goal or year beyond the spans' grid
            return
        row, place = (goal * spans.years + year)[inside], place[inside]
        score = batch.column("score").cast(pa.float64()).to_numpy(zero_copy_only=False)
        found["score"][row, place] = score[inside]
        for name, known in words.items():
            code = known.of(batch.column(name), missing=-1)
            if len(known.ids) > 127:  # codes are one byte
                return
            found[name][row, place] = code[inside]
    if not found:
        return
    first = spans.first.reshape(cells, spans.places)
    last = spans.last.reshape(cells, spans.places)
    places = len(codes.ids)
    said = {name: list(known.ids) for name, known in words.items()}
    metadata = {GRID_PLACES: json.dumps(list(codes.ids)).encode("utf-8"),
                GRID_WORDS: json.dumps(said).encode("utf-8"),
                GRID_YEARS: json.dumps([spans.goals, spans.first_year, spans.years]).encode("utf-8")}
    schema = GRID_SCHEMA.with_metadata(metadata)
    partial = target.with_name(target.name + ".partial")
    with pa.OSFile(str(partial), "wb") as sink, pa.ipc.new_file(sink, schema) as out:
        for cell in range(cells):
            out.write_batch(pa.record_batch([
                np.where(np.isfinite(first[cell, :places]), first[cell, :places], np.nan).astype(np.float32),
                np.where(np.isfinite(last[cell, :places]), last[cell, :places], np.nan).astype(np.float32),
                found["score"][cell, :places], found["colour"][cell, :places], found["arrow"][cell, :places]],
                schema=schema))
    os.replace(partial, target)


class MapGrid:
    """A version's GRID, opened memory-mapped once per process: `cells(goal, year)` gives a goal's
    (0: the index's) year as arrays over `places`, or None outside the grid."""

    def __init__(self, path: Path):
        self.reader = pa.ipc.open_file(pa.memory_map(str(path)))
        metadata = self.reader.schema.metadata
        self.places = pd.Index(json.loads(metadata[GRID_PLACES]), dtype=object)
        self.words = {name: np.array(values, dtype=object)
                      for name, values in json.loads(metadata[GRID_WORDS]).items()}
        self.goals, self.first_year, self.years = json.loads(metadata[GRID_YEARS])
        self.lock = Lock()

    def cells(self, goal: int, year: int) -> dict[str, np.ndarray] | None:
        goal, at = int(goal), int(year) - self.first_year
        if not (0 <= goal <= self.goals and 0 <= at < self.years):
            return None
        with self.lock:
            batch = self.reader.get_batch(goal * self.years + at)
        return {name: batch.column(name).to_numpy(zero_copy_only=False) for name in GRID_SCHEMA.names}

    def where(self, place_ids: Iterable) -> np.ndarray:
        """Each place's row in a batch (-1: not in the grid). The ids as text at once: one `str()` an
        id over a pandas column cost 5.7 ms at 10,000 places, a fifth of a map state."""
        ids = place_ids if isinstance(place_ids, pd.Series | pd.Index | np.ndarray) else list(place_ids)
        return self.places.get_indexer(pd.Index(ids, dtype=object).astype(str))

    def texts(self, name: str, codes: np.ndarray) -> np.ndarray:
        """Colour or arrow codes as their words (None for -1)."""
        table = np.append(self.words[name], None)
        return table[np.where(codes >= 0, codes, len(table) - 1)]


SPAN_SCHEMA = pa.schema([("goal", pa.int64()), ("year", pa.int64()),
                         ("place_id", pa.dictionary(pa.int32(), pa.string())),
                         ("first", pa.float64()), ("last", pa.float64())])


def sliced(folder: Path, name: str) -> bool:
    """Whether the version in `folder` serves table `name` by slice (see SLICED_WHEN_LAID_OUT)."""
    if name in SLICED_WHEN_LAID_OUT:
        return (folder / BY_PLACE / f"{name}.parquet").is_file()
    return name in LARGE


class LazyTables(dict):
    """A version's tables: the small ones loaded, a large one only when asked for whole (a path
    not yet reading by slice, or a tool); `in` and `get` answer for files not loaded yet."""

    def __init__(self, folder: Path, loaded: dict[str, pd.DataFrame]):
        super().__init__(loaded)
        self.folder = folder
        self.lock = Lock()
        # a version never changes: which tables it serves from disk is found once, not per select
        self.large = frozenset(name for name in LARGE
                               if sliced(folder, name) and (folder / f"{name}.parquet").is_file())

    def on_disk(self, name: str) -> bool:
        return name in self.large

    def __missing__(self, name: str) -> pd.DataFrame:
        if not self.on_disk(name):
            if name in schema.TABLES:
                return schema.empty(name)
            raise KeyError(name)
        with self.lock:
            if not dict.__contains__(self, name):
                dict.__setitem__(self, name, in_one_piece(pd.read_parquet(self.folder / f"{name}.parquet")))
        return dict.__getitem__(self, name)

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or (isinstance(name, str) and (
            self.on_disk(name) or name in schema.TABLES))

    def get(self, name, default=None):
        return self[name] if name in self else default  # noqa: SIM401 (dict.get skips __missing__)


class Recent:
    """The last slices a worker read, by question: a city page asks for the same place's goal and
    indicator scores several times (its tiles, title, summary and reasons). Only slices of up to
    MEMO_ROWS rows are kept, so a worker holds at most a few megabytes; each answer is a new frame
    over the same columns (pandas copies on write, so a caller changing it changes only its own)."""

    def __init__(self, size: int = MEMO_SIZE):
        self.size, self.kept, self.lock = size, OrderedDict(), Lock()

    @staticmethod
    def key(name: str, columns: list[str] | None, where: dict[str, object]) -> tuple | None:
        try:
            asked = tuple(sorted((column, tuple(wanted(value))) for column, value in where.items()))
            key = (name, None if columns is None else tuple(columns), asked)
            hash(key)
        except TypeError:
            return None
        return key

    def get(self, key: tuple | None) -> pd.DataFrame | None:
        if key is None:
            return None
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
        return None if found is None else found.copy(deep=False)

    def keep(self, key: tuple | None, rows: pd.DataFrame) -> pd.DataFrame:
        if key is not None and len(rows) <= MEMO_ROWS:
            with self.lock:
                self.kept[key] = rows
                while len(self.kept) > self.size:
                    self.kept.popitem(last=False)
            return rows.copy(deep=False)
        return rows


def group_highs(file: pq.ParquetFile, group: int, indicators: pa.Array, above: float) -> pd.Series:
    """`highs_above` of row group `group`'s rows of `indicators`: from its statistics when it holds
    one indicator's rows (a national store's row groups do), else read."""
    high = one_indicator_high(file, group)
    return high if high is not None else highs_above(group_rows(file, group, indicators).to_pandas(), above)


def one_indicator_high(file: pq.ParquetFile, group: int) -> pd.Series | None:
    """A row group of one indicator's rows: its highest value, from the statistics alone (None:
    rows of several indicators, or no statistics)."""
    stats = group_statistics(file, group)
    value, ids = stats.get("value"), stats.get("indicator_id")
    if value is None or ids is None or not value.has_min_max or not ids.has_min_max or ids.min != ids.max:
        return None
    return pd.Series({str(ids.min): float(value.max)}, dtype="float64")


def group_statistics(file: pq.ParquetFile, group: int) -> dict:
    meta = file.metadata.row_group(group)
    return {meta.column(at).path_in_schema: meta.column(at).statistics for at in range(meta.num_columns)}


def group_rows(file: pq.ParquetFile, group: int, indicators: pa.Array) -> pa.Table:
    """The (indicator_id, value) rows of row group `group` of one of `indicators`."""
    read = file.read_row_group(group, columns=["indicator_id", "value"])
    return read.filter(pc.is_in(pc.cast(read["indicator_id"], pa.string()), indicators))


def may_pass(file: pq.ParquetFile, group: int, indicators: list[str], above: float) -> bool:
    """Whether row group `group` may hold a value past `above` of one of `indicators` (sorted), by
    its statistics (a column without them may)."""
    stats = group_statistics(file, group)
    value, ids = stats.get("value"), stats.get("indicator_id")
    if value is not None and value.has_min_max and not value.max > above:
        return False
    if ids is not None and ids.has_min_max:
        low, high = str(ids.min), str(ids.max)
        return any(low <= indicator <= high for indicator in indicators)
    return True


class ServedData(StoreData):
    """A store version as a server reads it: see the module's docstring."""

    def __init__(self, version: str, meta: dict, tables: LazyTables, boundaries: object | None = None):
        super().__init__(version, meta, tables, boundaries)
        self.__dict__["slicers"] = Slicers(tables.folder)
        self.__dict__["recent"] = Recent()

    def places_with_rows(self, name: str) -> set[str] | None:
        """The places `name` has rows for, from its by-place index (a national store's 25 M rows
        are not read for it); None: the version has no such index."""
        slices = self.__dict__["slicers"].get(name, "slices")
        return None if slices is None else set(slices.at)

    def map_grid(self) -> MapGrid | None:
        """The version's GRID, when it was written (opened once per process)."""
        if "_map_grid" not in self.__dict__:
            path = self.__dict__["slicers"].folder / FINE / GRID
            try:
                grid = MapGrid(path) if path.is_file() else None
            except (OSError, pa.ArrowException, ValueError, KeyError, TypeError):
                grid = None  # unreadable: the map selects its slices, as for a version without one
            self.__dict__["_map_grid"] = grid
        return self.__dict__["_map_grid"]

    def value_spans(self, goal: int | None, year: int) -> pd.DataFrame | None:
        """Written spans (SPANS) of one goal (None: the index) and year: place_id, first, last."""
        return self.__dict__["slicers"].select(SPANS, {"goal": goal or 0, "year": year},
                                               ["place_id", "first", "last"])

    def year_labels(self) -> pd.DataFrame:
        """`StoreData.year_labels` from the version's YEAR_LABELS (a version written before it:
        from the observations file, a row group at a time), once per process and version."""
        if "_year_labels" not in self.__dict__:
            folder = self.__dict__["slicers"].folder
            written, path = folder / FINE / f"{YEAR_LABELS}.parquet", folder / "observations.parquet"
            if not self.tables.on_disk("observations") or not path.is_file():
                return super().year_labels()
            try:
                found = pq.read_table(written).to_pandas()[LABEL_COLUMNS].astype(object) \
                    if written.is_file() else None
            except (OSError, pa.ArrowException, KeyError):
                found = None  # unreadable: read from the observations, as a version without it
            self.__dict__["_year_labels"] = found if found is not None else \
                year_labels_of(pq.ParquetFile(path, memory_map=False, pre_buffer=False))
        return self.__dict__["_year_labels"]

    def highest_values(self, indicators: list[str], above: float) -> pd.Series:
        """`StoreData.highest_values`, reading only the observations' row groups whose statistics
        may hold one of `indicators` with a value past `above`: a national store whose indicators
        all say "Percentage (%)" read every value of them, 5.4 s and 1.4 GB on a worker's first page,
        to learn that none passes 100."""
        path = self.__dict__["slicers"].folder / "observations.parquet"
        if not self.tables.on_disk("observations") or not path.is_file():
            return super().highest_values(indicators, above)
        file = pq.ParquetFile(path, memory_map=False, pre_buffer=False)
        if not {"indicator_id", "value"} <= set(file.schema_arrow.names):
            return pd.Series(dtype="float64")
        wanted = sorted(set(indicators))
        asked = pa.array(wanted, pa.string())
        found = [group_highs(file, group, asked, above)
                 for group in range(file.metadata.num_row_groups) if may_pass(file, group, wanted, above)]
        found = [highs for highs in found if len(highs)]
        return pd.concat(found).groupby(level=0).max() if found else pd.Series(dtype="float64")

    def page(self, name: str, where: dict[str, list], years: tuple[float, float] | None, columns: list[str],
             offset: int, limit: int | None) -> tuple[pd.DataFrame, int] | None:
        """One page of `name`'s rows in place order (PLACE_KEYS) and how many match, read from the
        by-place file in bounded memory (`Slicer.page`); None: the version has no such file."""
        slicer = self.__dict__["slicers"].get(name, True) if name in PLACE_TABLES else None
        if slicer is None or not set(columns) <= set(slicer.names):
            return None
        return slicer.page(where, years, columns, offset, limit)

    def select(self, name: str, columns: list[str] | None = None, **where: object) -> pd.DataFrame:
        tables = self.tables
        laid_out = isinstance(tables, LazyTables) and tables.on_disk(name)
        if dict.__contains__(tables, name) or not laid_out or "row_index" in self.__dict__:
            return super().select(name, columns, **where)  # in memory (index_rows: loaded whole)
        recent: Recent = self.__dict__["recent"]
        key = recent.key(name, columns, where)
        found = recent.get(key)
        if found is not None:
            return found
        rows = self.__dict__["slicers"].select(name, where, columns)
        return super().select(name, columns, **where) if rows is None else recent.keep(key, rows)


def read_served(store: Store, version: str) -> ServedData:
    """A version for serving: small tables loaded, large ones left on disk for `select`."""
    folder = store.version_dir(version)
    known = {file.stem for file in folder.glob("*.parquet")}
    served = {name for name in LARGE if sliced(folder, name)}
    loaded = store.read(version, only=tuple(sorted((known | set(schema.TABLES)) - served)))
    tables = LazyTables(folder, {name: frame for name, frame in loaded.tables.items() if name not in served})
    return ServedData(version, loaded.meta, tables, loaded.boundaries)
