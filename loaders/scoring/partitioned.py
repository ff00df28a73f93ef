"""Score a store too big for memory: one goal at a time from the observations Parquet file,
with the few whole-store facts (places, years, which places have data when) computed first.

The results equal `score_store`'s (tests/test_scoring_partitioned.py compares them): every rule
is per indicator, except coverage shares and goal rows, which count the places with any value
in a year, and the index, ranks and peers, which are computed once from all goal rows.
A partition is a goal's indicators (goal-less indicators form one more), joined with the
partitions their trend series come from. A partition whose inputs did not change since the
previous version is copied from it instead of scored again (see docs/architecture.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.ipc  # noqa: F401 (pa.ipc)
import pyarrow.parquet as pq

from loaders import schema
from loaders.memory import give_back_free_memory, streamed
from loaders.scoring import (
    COLUMNS,
    goals,
    index_group_codes,
    indicator_table,
    kind_codes,
    membership,
    normalise,
    output_index,
    panel,
    peers,
    progress_table,
    score_cells,
    stated_means,
    whole_codes,
)
from loaders.scoring import goal_output as goal_frame
from loaders.scoring.settings import Settings, landlocked_countries, parents_of, wholes_of
from loaders.serving.names import FINE, FINE_KEYS, SPANS
from loaders.serving.runs import aligned_marker, aligned_starts
from loaders.serving.spans import SpanGrid, Spans

PARTS = "scoring.json"
ROW_GROUP = 256_000
SCORED = ("indicator_scores", "progress")
SORT = {
    "indicator_scores": ["indicator_id", "year", "place_id"],
    "progress": ["indicator_id", "year", "place_id"],
    "goal_scores": ["goal", "year", "place_id"],
    "index": ["year", "place_id"],
}
"""Row order written, so a view's slice (indicator or goal, year) is a few row groups."""
SCORING_THREADS = 2
"""Partitions scored at once, while their rows together stay within IN_FLIGHT_ROWS."""
IN_FLIGHT_ROWS = 3_000_000
"""Observation rows of the partitions scored at once, at most (a partition larger than this is
scored alone). Scoring holds about 400 bytes per row at its peak, so this bounds the second
thread's memory: at 25 M rows two goals of 1.5 M rows are scored at once, and the import's peak
is 1.9 GiB; a store whose goals hold 3 M rows each scores them one at a time."""
BUDGET = 1_000_000
"""Observation rows scored together at most (whole goals are never split): about 0.5 GiB."""
GOAL_KEYS = ["place", "goal", "column", "score", "n_index", "n_available"]
KEPT_CODES = {"place": np.int32, "goal": np.int16, "column": np.int16, "n_index": np.int32,
              "n_available": np.int32}
"""The integer columns of the goal rows every partition leaves for the index, kept this narrow while
the other partitions are scored (the end of scoring is the import's peak: at 10,000 places x 26
years they held 220 MB as int64, 90 MB so) and widened back before the index is computed."""
WHOLE_BATCH = 1_000_000
"""Rows per batch of the pass over every observation (`whole_store_frame`)."""


def whole_store_frame(path: Path, settings: Settings) -> tuple[panel.Frame, np.ndarray, pd.Series, dict]:
    """Places and years of every headline value; presence[place, scored column]: the place
    has a value (carried forward within max_data_age) in that year; headline rows per indicator;
    each place's main import when there are several (`membership.primary_imports`).

    One pass over the file's batches, ids read as dictionaries: each batch's place codes are
    mapped to codes of the whole store (a dictionary holds at most a few thousand ids) and marked
    in a place x year grid, and its rows counted per indicator code; Arrow's group-by on the
    text ids took 3.5 s at 25 M rows, this about 1 s."""
    import pyarrow.compute as pc

    code_of: dict[str, int] = {}  # place id -> its row of `seen`, in order of first appearance
    counts: dict[str, int] = {}
    seen = Presence()
    imports: dict[str, np.ndarray] = {}  # import key -> values per store place code
    indicators_of: dict[str, set[str]] = {}  # import key -> the indicators it brings
    named_imports = "imported_from" in pq.read_schema(path).names  # not in a file another writer made
    source = streamed(path, read_dictionary=["place_id", "indicator_id",
                                             *(["imported_from"] if named_imports else [])])
    for batch in source.iter_batches(columns=["place_id", "indicator_id", "year", "value", "breakdown",
                                              *(["imported_from"] if named_imports else [])],
                                     batch_size=WHOLE_BATCH):
        table = pa.Table.from_batches([batch])
        usable = pc.and_(pc.equal(pc.fill_null(table["breakdown"], ""), ""),
                         pc.and_(pc.is_valid(table["year"]), pc.is_valid(table["value"])))
        usable = pc.and_(usable, pc.invert(pc.is_nan(pc.fill_null(table["value"], 0.0))))
        usable = pc.and_(usable, pc.is_valid(table["place_id"]))  # the old group-by put these on a place
        table = table.filter(usable)
        if not table.num_rows:
            continue
        ids, at = coded(table["place_id"])
        store_code = np.full(len(ids), -1, dtype=np.int64)
        named = np.flatnonzero(np.bincount(at, minlength=len(ids)))  # the ids its usable rows name
        for k in named.tolist():
            store_code[k] = code_of.setdefault(ids[k], len(code_of))
        seen.mark(store_code[at], table["year"].to_numpy(zero_copy_only=False).astype(np.int64))
        names, indicator = coded(table["indicator_id"])
        if named_imports:  # a batch holds one import's rows, or a few at the seams
            keys, which = coded(table["imported_from"])
            place = store_code[at]  # every place code of a usable row is known (>= 0)
            whole = len(keys) == 1 and not table["imported_from"].null_count
            for position, key in enumerate(keys):
                mine = slice(None) if whole else which == position  # not the rows without an import
                tally = np.bincount(place[mine], minlength=len(code_of))
                before = imports.get(key, np.zeros(0, dtype=np.int64))
                tally[: len(before)] += before
                imports[key] = tally
                brought = indicator[mine]
                used = np.flatnonzero(np.bincount(brought[brought >= 0], minlength=len(names)))
                indicators_of.setdefault(key, set()).update(names[i] for i in used.tolist())
        at = indicator
        tally = np.bincount(at[at >= 0], minlength=len(names))  # a row without an indicator: no count
        for name, count in zip(names, tally.tolist(), strict=True):
            if count:
                counts[name] = counts.get(name, 0) + count
    per_indicator = pd.Series(counts, dtype="int64").sort_index() if counts else pd.Series(
        [], dtype="int64", index=pd.Index([], dtype=str))
    per_indicator.index.name = "indicator_id"
    per_indicator.name = "year_count"
    if not code_of:
        empty = np.array([], dtype=int)
        return (panel.Frame(pd.Index([], dtype=object), empty, empty), np.zeros((0, 0), bool), per_indicator,
                {})
    names = np.array(list(code_of), dtype=object)
    order = np.argsort(names, kind="stable")  # places sorted, as pd.factorize(sort=True) gave them
    marked = seen.grid[: len(names)][order]
    observed = seen.first + np.flatnonzero(marked.any(axis=0))
    wanted = np.array(sorted(set(settings.years)), dtype=int) if settings.years else observed
    every = np.concatenate([observed, wanted])
    span = np.arange(every.min(), every.max() + 1)
    has = np.full((len(names), len(span)), np.nan)
    within = marked[:, observed - seen.first]
    has[:, observed - span[0]] = np.where(within, 1.0, np.nan)
    filled, filled_year = panel.forward_fill(has, span)
    present = ~np.isnan(filled)
    if settings.max_data_age is not None:
        present &= span[None, :] - filled_year <= settings.max_data_age
    frame = panel.Frame(pd.Index(names[order], dtype=object), wanted, span)
    return frame, present[:, wanted - span[0]], per_indicator, main_imports(imports, names, indicators_of)


def main_imports(imports: dict[str, np.ndarray], names: np.ndarray,
                 indicators_of: dict[str, set[str]]) -> dict[str, str]:
    """`membership.primary_imports` of the values counted per import and store place code."""
    used = [key for key, tally in imports.items() if tally.any()]
    if len(used) <= 1:
        return {}
    place = np.concatenate([np.flatnonzero(imports[key]) for key in used])
    source = np.concatenate([np.full(np.count_nonzero(imports[key]), i) for i, key in enumerate(used)])
    counts = np.concatenate([imports[key][imports[key] > 0] for key in used])
    joined = membership.editions({key: indicators_of.get(key, set()) for key in used})
    return membership.primary_imports(place, source, list(names), used, counts, joined)


def coded(column: pa.ChunkedArray) -> tuple[list[str], np.ndarray]:
    """A column of ids as its distinct ids (as text) and each row's position among them (-1: none):
    read as a dictionary, or encoded here when another writer stored the ids as numbers."""
    array = column.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        array = array.dictionary_encode()
    positions = array.indices.fill_null(-1).to_numpy(zero_copy_only=False)
    return [str(v) for v in array.dictionary.to_pylist()], positions


class Presence:
    """A growing place x year grid of booleans: which store place has a value in which year."""

    def __init__(self) -> None:
        self.grid = np.zeros((0, 0), dtype=bool)
        self.first = 0

    def mark(self, places: np.ndarray, years: np.ndarray) -> None:
        low, high = int(years.min()), int(years.max())
        rows, (first, last) = self.grid.shape[0], (self.first, self.first + self.grid.shape[1] - 1)
        if self.grid.shape[1]:
            low, high = min(low, first), max(high, last)
        need = int(places.max()) + 1
        if need > rows or low != first or high != last or not self.grid.shape[1]:
            grown = np.zeros((max(need, 2 * rows), high - low + 1), dtype=bool)
            if self.grid.size:
                grown[:rows, first - low:first - low + self.grid.shape[1]] = self.grid
            self.grid, self.first = grown, low
        self.grid[places, years - self.first] = True


def partitions(
    indicators: pd.DataFrame, rows: pd.Series, settings: Settings, budget: int = 0
) -> dict[str, list[str]]:
    """Indicator ids per partition: whole goals ('goal 0' holds goal-less indicators), goals
    joined where a trend series crosses them, then packed together up to `budget` rows."""
    meta = indicators.drop_duplicates("indicator_id", keep="last")
    goal = pd.Series(pd.to_numeric(meta["goal"], errors="coerce").to_numpy(),
                     index=meta["indicator_id"].astype(str))
    every = pd.Index(goal.index).union(pd.Index(rows.index)).sort_values()
    label = goal.reindex(every).fillna(0).astype(int).to_dict()
    parent = {g: g for g in set(label.values())}

    def root(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    for source, series in settings.trend_series.items():
        if str(source) in label and str(series) in label:
            parent[root(label[str(series)])] = root(label[str(source)])
    groups: dict[int, list[str]] = {}
    for indicator_id, g in label.items():
        groups.setdefault(root(g), []).append(indicator_id)
    packed: dict[str, list[str]] = {}
    name, size = "", 0
    for g in sorted(groups):
        count = int(rows.reindex(groups[g]).fillna(0).sum())
        if not name or size + count > budget:
            name, size = f"goal-{g}", 0
            packed[name] = []
        packed[name] += groups[g]
        size += count
    return packed


def digest(*parts: object) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, pd.DataFrame):
            hashed = pd.util.hash_pandas_object(part, index=False).to_numpy()
            part = (len(hashed), int(np.bitwise_xor.reduce(hashed, initial=0)), int(hashed.sum()))
        elif isinstance(part, np.ndarray):
            part = part.tobytes()
        hasher.update(part if isinstance(part, bytes) else repr(part).encode())
    return hasher.hexdigest()


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


def score_to_folder(
    places: pd.DataFrame,
    indicators: pd.DataFrame,
    observations: Path,
    options: dict | None,
    folder: Path,
    previous: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: int = BUDGET,
) -> dict:
    """Write every derived table of `score_store` into `folder` as Parquet, scoring one
    partition at a time; returns what was scored and what was copied from `previous`."""
    settings = Settings.from_options(options)
    frame, presence, rows, imports = whole_store_frame(Path(observations), settings)
    # several imports: coverage within each; a landlocked country's Goal 14 scored as not applying
    settings = replace(settings, import_groups=imports, no_sea=landlocked_countries(places),
                       wholes=wholes_of(places), parents=parents_of(places, frame.places))
    give_back_free_memory()  # the pass over every row leaves about 500 MB with the allocators at 25 M
    indicator_ids = sorted(set(indicators["indicator_id"].dropna().astype(str)))
    all_ids = pd.Index(sorted(set(indicator_ids) | set(rows.index)), dtype=object)
    context = digest(repr(settings), frame.wanted, frame.span, frame.places.to_numpy(dtype=str),
                     np.packbits(presence),  # the groups only when there are (one import: as before)
                     *([json.dumps(sorted(imports.items()))] if imports else []),
                     *([json.dumps(settings.missing_goal_years)] if settings.missing_goal_years else []))
    old = load_parts(previous)
    writers, coded, outputs, bounds, parts = Writers(folder), [], GoalRows(folder), [], {}
    spans = span_counter(folder, indicators, frame)
    groups = partitions(indicators, rows, settings, budget)
    try:
        score_partitions(groups, indicators, observations, context, old, previous, settings, frame, presence,
                         all_ids, writers, coded, outputs, bounds, parts, progress, rows, spans)
        finish(places, indicators, settings, frame, writers, coded, outputs, bounds, folder)
    finally:
        writers.stop()
        outputs.remove()
    give_back_free_memory()  # what the index and peers freed, before the grid's goal scores are read
    (folder / FINE).mkdir(exist_ok=True)
    spans.write(folder / FINE / f"{SPANS}.parquet", folder / "goal_scores.parquet")
    del spans
    (folder / PARTS).write_text(json.dumps(parts, indent=1) + "\n", encoding="utf-8")
    return {"partitions": len(parts), "rescored": sorted(p for p in parts if not parts[p]["reused"])}


def span_counter(folder: Path, indicators: pd.DataFrame, frame: panel.Frame) -> Spans:
    """The serving layout's SPANS and GRID (`loaders.serving.Spans`), counted from each partition's
    indicator scores as they are written: the layout read all of them back for it (8 s of CPU at
    25 M rows). Its grid is sized ahead for the indicators' goals and the scored years."""
    spans = Spans(folder / "places.parquet")
    goals = pd.to_numeric(indicators["goal"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan) \
        if "goal" in indicators else np.array([])
    goals = goals[np.isfinite(goals) & (goals >= 1) & (goals <= 17)]
    years = np.asarray(frame.wanted)
    if len(years):  # a goal or year beyond these widens the grid as it comes (`Spans.add`)
        spans.grid = SpanGrid(int(goals.max()) if len(goals) else 0, int(years.min()),
                              int(years.max() - years.min()) + 1, len(spans.codes.ids))
    return spans


def score_partitions(groups, indicators, observations, context, old, previous, settings, frame, presence,
                     all_ids, writers, coded, outputs, bounds, parts, progress, counts, spans) -> None:
    """Score (or copy from `previous`) each partition, recording it in `parts`. SCORING_THREADS
    threads read and score partitions at once (most of the work is in NumPy, pandas and Arrow,
    which let go of Python's lock); their results are written here, in the partitions' order, so
    the files are the same as one thread's. At most SCORING_THREADS partitions are in flight, and
    more than one only while their rows (`counts`, per indicator) stay within IN_FLIGHT_ROWS."""

    def work(name: str, ids: list[str]) -> tuple[str, Scored | None]:
        meta = indicators[indicators["indicator_id"].astype(str).isin(ids)]
        obs = read_partition(observations, ids)
        key = digest(context, sorted(ids), meta.sort_values("indicator_id").reset_index(drop=True),
                     obs[["place_id", "indicator_id", "year", "value", "breakdown"]])
        if old.get(name, {}).get("key") == key:
            return key, None
        return key, scored_partition(obs, meta, settings, frame, presence, all_ids)

    items = list(groups.items())
    sizes = [int(counts.reindex(ids).fillna(0).sum()) for _, ids in items]
    threads = max(1, min(SCORING_THREADS, os.cpu_count() or 1))
    with ThreadPoolExecutor(threads, thread_name_prefix="scoring") as pool:
        pending: deque[Future] = deque()
        try:
            for done, (name, ids) in enumerate(items):
                while len(pending) < threads and done + len(pending) < len(items) and (
                        not pending or sum(sizes[done:done + len(pending) + 1]) <= IN_FLIGHT_ROWS):
                    pending.append(pool.submit(work, *items[done + len(pending)]))
                key, result = pending.popleft().result()
                if result is None:
                    parts[name] = copy_partition(previous, old[name], writers, frame, coded, outputs, bounds,
                                                 spans)
                else:
                    parts[name] = write_partition(result, writers, coded, outputs, bounds, spans)
                parts[name].update(key=key, indicators=ids)
                del result
                if progress is not None:
                    progress(done + 1, len(groups))
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def read_partition(observations: Path, ids: list[str]) -> pd.DataFrame:
    """The partition's headline-scoring columns; ids as Categoricals, so no text is copied. Only the
    row groups whose indicator statistics can hold one of `ids` are read (the file is sorted by
    indicator), then filtered: about ten times faster than a dataset filter, which costs 0.7 s per
    partition of 25 M rows."""
    import pyarrow.compute as pc

    file = pq.ParquetFile(observations, read_dictionary=["place_id", "indicator_id", "breakdown"])
    column = file.schema_arrow.get_field_index("indicator_id")
    groups = []
    for group in range(file.metadata.num_row_groups):
        stats = file.metadata.row_group(group).column(column).statistics
        try:
            skip = stats is not None and stats.has_min_max and \
                not any(stats.min <= i <= stats.max for i in ids)
        except TypeError:  # text statistics another writer left as bytes: read the group, filter it
            skip = False
        if not skip:
            groups.append(group)
    table = file.read_row_groups(groups, columns=["place_id", "indicator_id", "year", "value", "breakdown"])
    wanted = pc.is_in(table["indicator_id"].cast(pa.string()), pa.array(ids, pa.string()))
    return table.filter(pc.fill_null(wanted, False)).to_pandas()


def load_parts(previous: Path | None) -> dict:
    if previous is None or not (previous / PARTS).is_file():
        return {}
    return json.loads((previous / PARTS).read_text(encoding="utf-8"))


def arrow(frame: pd.DataFrame, name: str) -> pa.Table:
    return pa.Table.from_pandas(frame.sort_values(SORT[name], kind="stable"), preserve_index=False)


class Scored(NamedTuple):
    """One partition's results, before they are written."""

    bounds: pd.DataFrame
    tables: dict[str, pa.Table]
    coded: pd.DataFrame | None
    goal_rows: pd.DataFrame | None
    goals: list[int]


def scored_partition(obs, meta, settings, frame, presence, all_ids) -> Scored:
    """Score one partition: its bounds, its sorted scored tables and its goal rows (coded for
    the index, and as written). Pure: threads score several partitions at once."""
    grid = panel.build(obs, settings.years, settings.max_data_age, meta["indicator_id"], frame)
    bounds = normalise.bounds_table(meta, grid, settings.wholes, settings.parents)
    if not grid.n_pairs:
        return Scored(bounds, {}, None, None, [])
    cells, goal_table = score_cells(grid, bounds, settings, presence)
    # Both tables' rows in SORT order (indicator, year, place; ids in category order), built in that
    # order: sorting each frame after it is built held a second copy of it (100 MB per million rows).
    rank = all_ids.get_indexer(grid.indicators.astype(str))
    order = np.lexsort((cells["place"].to_numpy(), cells["year"].to_numpy(),
                        rank[cells["indicator"].to_numpy()]))
    tables = {}
    for name, make in (("indicator_scores", indicator_table), ("progress", progress_table)):
        table = make(cells, grid, order)  # one table's frame at a time
        table["indicator_id"] = table["indicator_id"].cat.set_categories(all_ids)
        tables[name] = pa.Table.from_pandas(table, preserve_index=False)
        del table
    del cells
    return Scored(bounds, tables, goal_table[GOAL_KEYS], goal_frame(goal_table, grid, frame.wanted),
                  sorted(set(goal_table["goal"].tolist())))


def write_partition(scored: Scored, writers, coded, outputs, bounds, spans) -> dict:
    """Write a scored partition's rows; keep its coded goal rows for the index."""
    bounds.append(scored.bounds)
    if "indicator_scores" in scored.tables:
        spans.add(scored.tables["indicator_scores"])
    written = {name: writers.write(name, scored.tables[name]) if name in scored.tables
               else [writers.groups[name]] * 2 for name in SCORED}
    if scored.coded is not None:
        coded.append(scored.coded.astype(KEPT_CODES))
        outputs.append(scored.goal_rows)
    return {"reused": False, "row_groups": written, "goals": scored.goals}


def copy_partition(previous, part, writers, frame, coded, outputs, bounds, spans):
    """The previous version's rows of an unchanged partition, copied without scoring."""
    written = {}
    for name in SCORED:
        first, end = part["row_groups"][name]
        source = pq.ParquetFile(previous / f"{name}.parquet")
        table = source.read_row_groups(list(range(first, end))) if end > first else None
        if name == "indicator_scores" and table is not None:
            spans.add(table)
        written[name] = writers.write(name, table) if table is not None else [writers.groups[name]] * 2
    old_bounds = pd.read_parquet(previous / "bounds.parquet")
    bounds.append(old_bounds[old_bounds["indicator_id"].isin(part.get("indicators", []))])
    if part["goals"]:
        rows = pd.read_parquet(previous / "goal_scores.parquet", filters=[("goal", "in", part["goals"])])
        rows = rows.astype({"place_id": str})
        outputs.append(rows)
        coded.append(pd.DataFrame({
            "place": frame.places.get_indexer(rows["place_id"]),
            "goal": rows["goal"].to_numpy(),
            "column": np.searchsorted(frame.wanted, rows["year"].to_numpy()),
            "score": rows["score"].to_numpy(),
            "n_index": rows["n_indicators"].to_numpy(),
            "n_available": rows["n_available"].to_numpy(),
        }).astype(KEPT_CODES))
    return {"reused": True, "row_groups": written, "goals": part["goals"]}


def write_groups(table: pa.Table, path: Path, starts: list[int], metadata: dict[bytes, bytes]) -> None:
    """`table` in one row group per span of `starts`, with `metadata` added to its schema."""
    written = table.schema.with_metadata({**(table.schema.metadata or {}), **metadata})
    with pq.ParquetWriter(path, written, use_dictionary=schema.dictionary_columns(written)) as out:
        for begin, end in zip(starts[:-1], starts[1:], strict=True):
            out.write_table(table.slice(begin, end - begin).cast(written), row_group_size=end - begin)
        if not table.num_rows:
            out.write_table(written.empty_table())


def finish(places, indicators, settings, frame, writers, coded, outputs, bounds, folder) -> None:
    """Goal scores, index, peers and bounds from every partition's rows. The goal rows are written
    first and let go, then the index is computed: the two never hold memory at once."""
    schemas = {name: pa.Schema.from_pandas(pd.DataFrame(columns=COLUMNS[name]), preserve_index=False)
               for name in SCORED}
    writers.close(schemas)
    give_back_free_memory()  # what the partitions' scoring freed, before the goal rows and the index
    order = indicators.drop_duplicates("indicator_id", keep="last")["indicator_id"].astype(str)
    bound = pd.concat(bounds, ignore_index=True) if bounds else pd.DataFrame(
        columns=normalise.BOUNDS_COLUMNS)
    bound = bound.set_index(bound["indicator_id"].astype(str)).reindex(order).reset_index(drop=True)
    bound.to_parquet(folder / "bounds.parquet", index=False)
    if not coded:
        for name in ("goal_scores", "index", "peers"):
            pd.DataFrame(columns=COLUMNS[name]).to_parquet(folder / f"{name}.parquet", index=False)
        return
    goal_out = pd.concat(outputs.frames(), ignore_index=True)
    place = goal_out["place_id"]  # scored partitions give a Categorical, copied ones text
    if not isinstance(place.dtype, pd.CategoricalDtype):
        place = place.astype(str)
    goal_out["place_id"] = pd.Categorical(place, categories=frame.places.astype(str))
    goal_table = arrow(goal_out, "goal_scores")
    del goal_out, place
    write_groups(goal_table, folder / "goal_scores.parquet", group_edges("goal_scores", goal_table),
                 aligned_marker(FINE_KEYS["goal_scores"]))
    del goal_table
    n_columns = len(frame.wanted)
    table = pd.concat(coded, ignore_index=True)
    coded.clear()  # the partitions' pieces go as soon as they are one table, then it is widened
    table = table.astype(dict.fromkeys(KEPT_CODES, np.int64))
    table["key"] = (table["place"] * 17 + table["goal"] - 1) * n_columns + table["column"]
    table = table.sort_values("key", kind="stable").reset_index(drop=True)
    grid = SimpleNamespace(places=frame.places)
    kinds = kind_codes(places, frame.places)
    index = goals.index_scores(table, index_group_codes(settings, places, frame.places), settings, n_columns,
                               stated_means(settings, frame.places, frame.wanted),
                               frame.places.isin(settings.no_sea), kinds,
                               whole_codes(settings.parents, frame.places, kinds))
    index_out = output_index(index, grid, frame.wanted)
    pq.write_table(arrow(index_out, "index"), folder / "index.parquet", row_group_size=ROW_GROUP)
    peers.peer_table(places, index_out).to_parquet(folder / "peers.parquet", index=False)
