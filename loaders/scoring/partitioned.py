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

import json
import os
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
import pyarrow.parquet as pq

from loaders.memory import give_back_free_memory
from loaders.scoring import (
    COLUMNS,
    goals,
    index_group_codes,
    indicator_table,
    kind_codes,
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
from loaders.scoring.partition_files import (
    GOAL_KEYS,
    KEPT_CODES,
    ROW_GROUP,
    SCORED,
    GoalRows,
    Writers,
    arrow,
    group_edges,
    write_groups,
)
from loaders.scoring.partition_plan import PARTS, copy_partition, digest, load_parts, partitions
from loaders.scoring.settings import Settings, landlocked_countries, parents_of, wholes_of
from loaders.scoring.whole_store import whole_store_frame
from loaders.serving.names import FINE, FINE_KEYS, SPANS
from loaders.serving.runs import aligned_marker
from loaders.serving.spans import SpanGrid, Spans

SCORING_THREADS = 2
"""Partitions scored at once, while their rows together stay within IN_FLIGHT_ROWS."""
IN_FLIGHT_ROWS = 3_000_000
"""Observation rows of the partitions scored at once, at most (a partition larger than this is
scored alone). Scoring holds about 400 bytes per row at its peak, so this bounds the second
thread's memory: at 25 M rows two goals of 1.5 M rows are scored at once, and the import's peak
is 1.9 GiB; a store whose goals hold 3 M rows each scores them one at a time."""
BUDGET = 1_000_000
"""Observation rows scored together at most (whole goals are never split): about 0.5 GiB."""


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
