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

The package, by concern: `names` (the files and their shapes), `runs` (sorted runs and row groups),
`writer` (by-place slice files), `slices` (reading by slice), `spans` (the map's tables), `layout`
(writing a version's serving copies at import), `served` (a version served in place). What the rest
of the project uses is named here.
"""

from loaders.serving.layout import place_row_group, store_places, write_layout, write_sorted
from loaders.serving.names import (
    BY_PLACE,
    FINE,
    FINE_KEYS,
    FINE_TABLES,
    GRID,
    LARGE,
    LAYOUT,
    PLACE_KEYS,
    PLACE_TABLES,
    SLICES,
    SLICES_INDEX,
    SPANS,
    YEAR_LABELS,
)
from loaders.serving.runs import (
    aligned_marker,
    aligned_starts,
    group_starts,
    is_aligned,
    link_or_rechunk,
    pieces,
    rechunk,
    write_aligned,
)
from loaders.serving.served import ServedData, group_highs, may_pass, read_served
from loaders.serving.slices import PlaceSlices, Slicer, Slicers, member, touched
from loaders.serving.spans import MapGrid, SpanGrid, Spans, holds_values, write_spans, year_labels_of
from loaders.serving.writer import SliceWriter

__all__ = [
    "BY_PLACE",
    "FINE",
    "FINE_KEYS",
    "FINE_TABLES",
    "GRID",
    "LARGE",
    "LAYOUT",
    "PLACE_KEYS",
    "PLACE_TABLES",
    "SLICES",
    "SLICES_INDEX",
    "SPANS",
    "YEAR_LABELS",
    "MapGrid",
    "PlaceSlices",
    "ServedData",
    "SliceWriter",
    "Slicer",
    "Slicers",
    "SpanGrid",
    "Spans",
    "aligned_marker",
    "aligned_starts",
    "group_highs",
    "group_starts",
    "holds_values",
    "is_aligned",
    "link_or_rechunk",
    "may_pass",
    "member",
    "pieces",
    "place_row_group",
    "read_served",
    "rechunk",
    "store_places",
    "touched",
    "write_aligned",
    "write_layout",
    "write_sorted",
    "write_spans",
    "year_labels_of",
]
