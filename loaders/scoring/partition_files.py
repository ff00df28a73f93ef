"""The files partitioned scoring writes: a Parquet writer per scored table on its own thread, row
groups aligned on the views' keys, and the goal rows kept on disk until the end."""

from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc  # noqa: F401 (pa.ipc)
import pyarrow.parquet as pq

from loaders import schema
from loaders.serving.names import FINE_KEYS
from loaders.serving.runs import aligned_marker, aligned_starts

ROW_GROUP = 256_000
SCORED = ("indicator_scores", "progress")
SORT = {
    "indicator_scores": ["indicator_id", "year", "place_id"],
    "progress": ["indicator_id", "year", "place_id"],
    "goal_scores": ["goal", "year", "place_id"],
    "index": ["year", "place_id"],
}
"""Row order written, so a view's slice (indicator or goal, year) is a few row groups."""
GOAL_KEYS = ["place", "goal", "column", "score", "n_index", "n_available"]
KEPT_CODES = {"place": np.int32, "goal": np.int16, "column": np.int16, "n_index": np.int32,
              "n_available": np.int32}
"""The integer columns of the goal rows every partition leaves for the index, kept this narrow while
the other partitions are scored (the end of scoring is the import's peak: at 10,000 places x 26
years they held 220 MB as int64, 90 MB so) and widened back before the index is computed."""


class Writers:
    """One Parquet writer per scored table; records each partition's row groups. A thread writes
    each table while scoring goes on (Arrow's Parquet writer lets go of Python's lock, so the
    writing is a second core's work); at most one table waits for it, which bounds the memory."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.groups: dict[str, int] = {name: 0 for name in SCORED}
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="scores-writer")
        self.pending: Future | None = None

    def write(self, name: str, table: pa.Table) -> list[int]:
        """Hand `table` to the writing thread; return [first, end) of the row groups it becomes."""
        first = self.groups[name]
        if not len(table):
            return [first, first]
        starts = group_edges(name, table)
        self.groups[name] += len(starts) - 1
        self.wait()
        self.pending = self.thread.submit(self.put, name, table, starts)
        return [first, self.groups[name]]

    def put(self, name: str, table: pa.Table, starts: list[int]) -> None:
        if name not in self.writers:
            written = table.schema
            if name in FINE_KEYS:
                marker = aligned_marker(FINE_KEYS[name])
                written = written.with_metadata({**(written.metadata or {}), **marker})
            self.writers[name] = pq.ParquetWriter(self.folder / f"{name}.parquet", written,
                                                  use_dictionary=schema.dictionary_columns(written))
        table = table.cast(self.writers[name].schema)
        for begin, end in zip(starts[:-1], starts[1:], strict=True):  # one row group each
            self.writers[name].write_table(table.slice(begin, end - begin), row_group_size=end - begin)

    def wait(self) -> None:
        """Until the table handed over last is written (its error raised here)."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def close(self, schemas: dict[str, pa.Schema]) -> None:
        self.wait()
        self.stop()
        for name in SCORED:
            if name in self.writers:
                self.writers[name].close()
            else:
                pq.write_table(schemas[name].empty_table(), self.folder / f"{name}.parquet")

    def stop(self) -> None:
        self.thread.shutdown(wait=True, cancel_futures=True)


def group_edges(name: str, table: pa.Table) -> list[int]:
    """Where `table`'s row groups begin, and its length: for a table the views read by indicator
    (goal) and year, groups aligned on those keys, so the file serves such slices itself and its
    serving copy is a link to it (`loaders.serving.link_or_rechunk`); others in ROW_GROUP rows."""
    if name in FINE_KEYS:
        return aligned_starts(table, FINE_KEYS[name])
    return [*range(0, len(table), ROW_GROUP), len(table)]


class GoalRows:
    """Each partition's goal rows, waiting on disk (uncompressed Arrow files in the draft folder)
    until `finish` writes goal_scores. Kept in memory, the goal rows of all partitions (about
    300 MB at 10,000 places x 26 years) added to the peak of the last partitions' scoring."""

    def __init__(self, folder: Path):
        self.folder = folder / ".goal-rows"
        self.files: list[Path] = []

    def append(self, frame: pd.DataFrame) -> None:
        self.folder.mkdir(exist_ok=True)
        path = self.folder / f"{len(self.files)}.arrow"
        table = pa.Table.from_pandas(frame, preserve_index=False)
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        self.files.append(path)

    def frames(self) -> list[pd.DataFrame]:
        found = []
        for path in self.files:
            with pa.memory_map(str(path)) as source:
                found.append(pa.ipc.open_file(source).read_pandas())
        return found

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.files = []


def arrow(frame: pd.DataFrame, name: str) -> pa.Table:
    return pa.Table.from_pandas(frame.sort_values(SORT[name], kind="stable"), preserve_index=False)


def write_groups(table: pa.Table, path: Path, starts: list[int], metadata: dict[bytes, bytes]) -> None:
    """`table` in one row group per span of `starts`, with `metadata` added to its schema."""
    written = table.schema.with_metadata({**(table.schema.metadata or {}), **metadata})
    with pq.ParquetWriter(path, written, use_dictionary=schema.dictionary_columns(written)) as out:
        for begin, end in zip(starts[:-1], starts[1:], strict=True):
            out.write_table(table.slice(begin, end - begin).cast(written), row_group_size=end - begin)
        if not table.num_rows:
            out.write_table(written.empty_table())
