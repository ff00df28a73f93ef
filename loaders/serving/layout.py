"""A version's serving layout, written at import in bounded memory and linked where unchanged."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders import schema
from loaders.serving import runs
from loaders.serving.names import (
    ALIGNED_ON,
    BY_PLACE,
    FINE,
    FINE_KEYS,
    FINE_TABLES,
    GRID,
    LAYOUT,
    PLACE_KEYS,
    PLACE_TABLES,
    SLICES,
    SLICES_INDEX,
    SPANS,
    YEAR_LABELS,
    decoded,
    encoded,
)
from loaders.serving.runs import (
    coalesced,
    group_starts,
    link_or_rechunk,
    pieces,
    run_starts,
    sorted_rows,
)
from loaders.serving.spans import write_spans, write_year_labels
from loaders.serving.writer import SliceWriter, Words

PLACE_GROUPS, SMALLEST_PLACE_GROUP = 1_024, 2_048
"""A by-place file of a smaller store has smaller groups, as many as PLACE_GROUPS, each at least
SMALLEST_PLACE_GROUP rows (`place_row_group`): a city page's four slices each decode a group, and
at 1,000 places a group of 2,048 rows is read in 0.3-0.6 ms against 0.8-1.2 ms for 16,384. The
footer, which every worker keeps, grows with the groups: more of them at 10,000 places would cost
megabytes per worker."""


VERSIONS_LOOKED_AT = 3
"""Earlier versions (the newest) looked at for copies to link (`linked_copies`)."""


BUCKET_ROWS = 1_000_000
"""Rows sorted together at most while writing the by-place layout (memory follows this, times
LAYOUT_THREADS)."""


SPOOL_BATCH = 256_000
"""Rows read, sorted into buckets and spooled at once while writing the by-place layout."""


LAYOUT_THREADS = 2
"""Files of the layout written at once (at most one per CPU)."""


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
    return int(min(runs.PLACE_ROW_GROUP, max(SMALLEST_PLACE_GROUP, -(-rows // PLACE_GROUPS))))
