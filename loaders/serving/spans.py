"""The map's tables written at import: span of value years (SPANS), grid of scores (GRID), year labels."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from threading import Lock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders.memory import streamed
from loaders.serving.names import (
    GRID,
    GRID_PLACES,
    GRID_SCHEMA,
    GRID_WORDS,
    GRID_YEARS,
    LABEL_COLUMNS,
    SPAN_KEYS,
    group_statistics,
)
from loaders.serving.runs import coalesced, write_aligned

SPAN_BATCH = 1_000_000
"""Rows of indicator_scores read at once to write SPANS."""


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
