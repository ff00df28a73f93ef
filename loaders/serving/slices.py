"""A large table read by slice: the row groups that may hold the values asked, or a few places' rows."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from threading import Lock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders.serving.names import BY_PLACE, FINE, SLICES, decoded, index_path, wanted

MAX_BY_PLACE = 64
"""Up to this many places, a slice is read from the by-place file; more, from the main one."""


COUNTED, COUNT_BATCH = 64, 32
"""Questions whose per-row-group match counts a file keeps (the API's paging), and how many row
groups are read at once to count (about 500,000 rows of the filter columns)."""


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
