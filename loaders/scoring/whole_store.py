"""The few whole-store facts partitioned scoring needs first, from one pass over every observation:
places, years, and which places have data when."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from loaders.memory import streamed
from loaders.scoring import membership, panel
from loaders.scoring.settings import Settings

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
