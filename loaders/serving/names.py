"""Names and shapes of a version's serving files, shared by their writers and their readers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

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


SLICES, SLICES_INDEX = ".arrow", ".places.arrow"
"""`by_place/<table>.arrow` beside each by-place Parquet file: the same rows in the same order, as
Arrow IPC record batches of whole places (SLICE_BATCH rows, unless a place has more), and
`by_place/<table>.places.arrow`, where each place's rows begin (batch, offset) and how many there
are. A city page's slice is then one batch read and cut at known rows: no Parquet group decoded
and no row tested, 0.2-0.7 ms a table at 1,000 places where the Parquet group took 0.8-1.6 ms.
The Parquet copy stays for paging the API (`Slicer.page`), which tests other columns than the
place's."""


LAYOUT = 1
"""What the serving copies of a version are, as `meta.json` records it (`layout`): raised when
`write_layout` writes them otherwise, so that a version never links copies of an older kind (a
version from before the map grid, linked, would keep new versions without one)."""


def wanted(value: object) -> list:
    many = isinstance(value, list | tuple | set | frozenset | np.ndarray | pd.Index | pd.Series)
    return list(value) if many else [value]


def index_path(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(SLICES) + SLICES_INDEX)


def decoded(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


def encoded(column: pa.ChunkedArray) -> pa.DictionaryArray:
    """A text column as one dictionary array. A column that is a dictionary already keeps its
    codes (its chunks' dictionaries unified), which costs far less than decoding it to text."""
    if pa.types.is_dictionary(column.type):
        if column.num_chunks > 1:
            column = pa.table({"c": column}).unify_dictionaries()["c"]
        return column.combine_chunks() if column.num_chunks else pa.array([], column.type)
    return pc.dictionary_encode(column.combine_chunks())


def group_statistics(file: pq.ParquetFile, group: int) -> dict:
    meta = file.metadata.row_group(group)
    return {meta.column(at).path_in_schema: meta.column(at).statistics for at in range(meta.num_columns)}
