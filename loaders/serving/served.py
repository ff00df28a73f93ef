"""A version served in place (`read_served`): small tables in memory, large ones read by slice."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from threading import Lock

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders import schema
from loaders.serving.names import (
    BY_PLACE,
    FINE,
    GRID,
    LABEL_COLUMNS,
    LARGE,
    PLACE_TABLES,
    SLICED_WHEN_LAID_OUT,
    SPANS,
    YEAR_LABELS,
    group_statistics,
    wanted,
)
from loaders.serving.slices import Slicers
from loaders.serving.spans import MapGrid, year_labels_of
from loaders.store import Store, StoreData, highs_above, in_one_piece

MEMO_SIZE, MEMO_ROWS = 32, 20_000
"""Slices a worker keeps from its last questions (`Recent`), and the longest slice it keeps."""


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
