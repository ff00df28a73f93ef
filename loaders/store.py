"""The data store: a folder of Parquet versions; every write is a new version, switched atomically."""

from __future__ import annotations

import contextlib
import copy
import fcntl
import json
import os
import re
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from loaders import schema
from loaders.report import LoadError

CURRENT = "CURRENT"
VERSIONS = "versions"
META = "meta.json"
BOUNDARIES = "boundaries"
KEPT_LOCK = threading.Lock()
"""Guards every loaded version's `kept` memos (a worker serves from several threads)."""
INCOMING_PREFIX = ".incoming-"
LOCK = ".lock"
VERSION_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
"""What a version name may be (every name `write` makes, and `demo-1`): no path, no dot first."""
STALE_SECONDS = 3600
"""An incoming folder this old belongs to an import that died; younger ones may be in use."""


@dataclass
class StoreData:
    """One version of the store, loaded: canonical tables, derived tables and metadata."""

    version: str
    meta: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    boundaries: object | None = None

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def is_demo(self) -> bool:
        return bool(self.meta.get("demo"))

    def select(self, name: str, columns: list[str] | None = None, **where: object) -> pd.DataFrame:
        """The rows of table `name` whose columns hold the values in `where` (column=value, or
        column=[values]), in stored order; the same answer whether the table is in memory (here)
        or read by slice from disk (`loaders.serving.ServedData`)."""
        frame = self.tables.get(name)
        if frame is None:
            frame = schema.empty(name) if name in schema.TABLES else pd.DataFrame()
        index = self.__dict__.get("row_index")
        found = index.rows(name, frame, where) if index is not None and where else None
        if found is not None:
            rows = frame.take(found).reset_index(drop=True)
            return rows if columns is None else rows[columns]
        mask = pd.Series(True, index=frame.index)
        for column, value in where.items():
            many = isinstance(value, list | tuple | set | frozenset | pd.Index | pd.Series)
            mask &= frame[column].astype(object).isin(list(value) if many else [value])
        rows = frame[mask.to_numpy(dtype=bool)].reset_index(drop=True)
        return rows if columns is None else rows[columns]

    def prepared(self, build):
        """What `build` (a module-level function of a StoreData) makes of this version, computed once
        and kept on the loaded version itself, so it goes when the version goes: the views'
        catalogues and the small frames every request of a view starts from."""
        cache = self.__dict__.setdefault("_prepared", {})
        if build not in cache:
            cache[build] = build(self)
        return cache[build]

    def with_places(self, key: Hashable, rename: Callable[[StoreData], pd.DataFrame | None]) -> StoreData:
        """This version with the places `rename` gives for it (its countries named in a reader's
        language), made once per `key` and kept on this version: this very version where `rename`
        changes nothing (None), else a copy that shares every table, file and slice but the places,
        with catalogues of its own (`prepared`, `kept`: names in one language are not another's)."""
        with KEPT_LOCK:
            shown = self.__dict__.setdefault("_shown", {})
            if key in shown:
                return shown[key]
        places = rename(self)
        made = self
        if places is not None:
            made = copy.copy(self)
            made.__dict__ = {name: value for name, value in self.__dict__.items()
                             if name not in ("_prepared", "_kept")}  # `_shown` shared: no copy of a copy
            tables = copy.copy(self.tables)
            dict.__setitem__(tables, "places", places)
            made.__dict__["tables"] = tables
        with KEPT_LOCK:
            return shown.setdefault(key, made)

    def kept(self, kind: str, key: Hashable, build: Callable[[], object], limit: int = 256) -> object:
        """What `build()` makes for `key`, kept on this loaded version for the last `limit` keys of
        `kind` asked about: what many requests of a view share (a subregion's peers in a year, a
        year's index rows), bounded so that a crawler's walk cannot grow a worker. Read only."""
        with KEPT_LOCK:
            kept = self.__dict__.setdefault("_kept", {}).setdefault(kind, OrderedDict())
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        made = build()  # outside the lock: other requests go on
        with KEPT_LOCK:
            kept[key] = made
            while len(kept) > limit:
                kept.popitem(last=False)
        return made

    def map_grid(self):
        """Every place's goal scores and value spans of a goal and year as arrays, when the version
        has them written for serving (`loaders.serving.MapGrid`); None here: the caller selects."""
        return None

    def value_spans(self, goal: int | None, year: int) -> pd.DataFrame | None:
        """The first and last value year behind each place's score of a goal (None: the index) and
        year, when the version has them written for serving (`loaders.serving.SPANS`); None here:
        the caller reads the indicator_scores rows themselves."""
        return None

    def highest_values(self, indicators: list[str], above: float) -> pd.Series:
        """The highest value of each of `indicators` whose values pass `above`, by indicator id
        (the others are left out). Here from the table in memory; a served version reads only the
        row groups whose statistics may hold such a value (`loaders.serving.ServedData`)."""
        values = self.select("observations", ["indicator_id", "value"], indicator_id=indicators)
        return highs_above(values, above)

    def year_labels(self) -> pd.DataFrame:
        """Each (indicator_id, year, year_label) the observations hold, once: how the sources wrote
        their years (`layouts.years`). Here from the table in memory; a served version streams its
        file (`loaders.serving.ServedData.year_labels`)."""
        if "_year_labels" not in self.__dict__:  # kept beside the tables: a language's copy shares it
            obs = self.tables.get("observations")
            columns = ["indicator_id", "year", "year_label"]
            self.__dict__["_year_labels"] = (
                pd.DataFrame({column: [] for column in columns}, dtype=object)
                if obs is None or not set(columns) <= set(obs.columns)
                else obs[columns].astype(object).drop_duplicates().reset_index(drop=True))
        return self.__dict__["_year_labels"]

    def index_rows(self) -> None:
        """Answer `select` from an index of each asked column's values (built on first use) instead of
        a mask over the whole table: for a reader that asks thousands of questions of one version
        whose tables it never changes (the static export asks for one place, goal or year about
        2,000 times per language; a mask over the demo's 100,000 rows took about 10 ms)."""
        self.__dict__["row_index"] = RowIndex()


def with_later_columns(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the columns the schema gained after its version was written, empty (a store of
    an earlier release has no places' `area`): every reader finds every column."""
    missing = [name for name in schema.TABLES[table] if name not in frame.columns]
    if not missing:
        return frame
    frame = frame.assign(**{name: pd.Series(pd.NA, index=frame.index, dtype=schema.TABLES[table][name])
                            for name in missing})
    order = [name for name in schema.TABLES[table] if name in frame.columns]  # as a new version's
    return frame[order + [name for name in frame.columns if name not in schema.TABLES[table]]]


def in_one_piece(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each Arrow-backed column in one chunk. A Parquet file read whole gives a chunk
    per row group, and pandas takes rows from a chunked column about ten times slower (3.5 ms
    against 0.26 ms for 1,000 of 900,000 rows of text), which every `select` of a table held in
    memory pays."""
    for column in frame.columns:
        values = frame[column].array
        if isinstance(values, pd.arrays.ArrowExtensionArray):
            chunks = values.__arrow_array__()
            if chunks.num_chunks > 1:
                with contextlib.suppress(pa.ArrowInvalid):  # more text than one chunk can hold
                    frame[column] = pd.array(chunks.combine_chunks(), dtype=values.dtype)
    return frame


class RowIndex:
    """The row positions of every value of a table's column, found once per (table, column)."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], ColumnIndex] = {}

    def column(self, name: str, frame: pd.DataFrame, column: str) -> ColumnIndex:
        held = self.found.get((name, column))
        if held is None or held.frame is not frame:
            held = self.found[(name, column)] = ColumnIndex(frame, column)
        return held

    def rows(self, name: str, frame: pd.DataFrame, where: dict) -> np.ndarray | None:
        """Positions (ascending: stored order) of the rows matching every condition; None when a
        condition asks for a missing value or an unhashable one (then `select` masks as before).
        The condition with the fewest rows gives the candidates; the others are checked on those
        rows only (a place's thousand rows, not a year's hundred thousand)."""
        asked = []
        for column, value in where.items():
            many = isinstance(value, list | tuple | set | frozenset | pd.Index | pd.Series)
            wanted = list(value) if many else [value]
            try:
                if any(pd.isna(v) for v in wanted):
                    return None
                index = self.column(name, frame, column)
                codes = sorted({index.numbers[v] for v in wanted if v in index.numbers})
            except TypeError:
                return None
            asked.append((sum(len(index.groups[c]) for c in codes), index, np.array(codes, dtype=np.int64)))
        if not asked:
            return None
        asked.sort(key=lambda condition: condition[0])
        _, first, codes = asked[0]
        hits = [first.groups[c] for c in codes]
        chosen = np.sort(np.concatenate(hits)) if hits else np.empty(0, dtype=np.intp)
        for _, index, codes in asked[1:]:
            chosen = chosen[np.isin(index.codes[chosen], codes)]
        return chosen


class ColumnIndex:
    """One column's values as codes: each row's code (-1: missing), each value's code, and each
    code's row positions in stored order."""

    def __init__(self, frame: pd.DataFrame, column: str):
        self.frame = frame
        # the values as objects: the same equality as `select`'s isin on objects
        self.codes, uniques = pd.factorize(frame[column].astype(object).to_numpy(), use_na_sentinel=True)
        self.numbers = {value: number for number, value in enumerate(uniques)}
        order = np.argsort(self.codes, kind="stable")
        bounds = np.searchsorted(self.codes[order], np.arange(len(uniques) + 1))
        self.groups = [order[bounds[i]:bounds[i + 1]] for i in range(len(uniques))]


class Store:
    """A store folder. `read_only` stores (the shipped demo) refuse writes."""

    def __init__(self, root: str | Path, read_only: bool = False):
        self.root = Path(root)
        self.read_only = read_only

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    def exists(self) -> bool:
        return (self.root / CURRENT).is_file()

    def current_version(self) -> str | None:
        path = self.root / CURRENT
        return path.read_text(encoding="utf-8").strip() if path.is_file() else None

    def version_dir(self, version: str) -> Path:
        # checked before the file system is asked: a name too long or with a NUL raises OSError there
        if not VERSION_NAME.fullmatch(version or "") or not (self.root / VERSIONS / version / META).is_file():
            shown = version if len(version or "") <= 80 else version[:80] + "…"
            raise LoadError(f"store {self.root} has no version '{shown}'.")
        return self.root / VERSIONS / version

    def versions(self) -> list[dict]:
        """Every complete version, oldest first, with its metadata and a `current` flag."""
        folder = self.root / VERSIONS
        if not folder.is_dir():
            return []
        current = self.current_version()
        found = []
        for path in folder.iterdir():
            if path.name.startswith(".") or not (path / META).is_file():
                continue
            meta = json.loads((path / META).read_text(encoding="utf-8"))
            meta["current"] = path.name == current
            found.append(meta)
        return sorted(found, key=lambda m: m.get("created_at", m.get("created", "")))

    def read(self, version: str | None = None, only: tuple[str, ...] | None = None) -> StoreData:
        """Load a version (default: the current one) into memory; `only` names the tables to
        load (an import reads the small ones and streams the observations)."""
        version = version or self.current_version()
        if version is None:
            raise LoadError(f"{self.root} is not a data store (no {CURRENT} file).")
        path = self.version_dir(version)
        meta = json.loads((path / META).read_text(encoding="utf-8"))
        tables = {}
        for file in sorted(path.glob("*.parquet")):
            if file.stem == BOUNDARIES or (only is not None and file.stem not in only):
                continue
            tables[file.stem] = in_one_piece(pd.read_parquet(file))
        for table in schema.TABLES:
            if only is None or table in only:
                tables.setdefault(table, schema.empty(table))
                tables[table] = with_later_columns(table, tables[table])
        boundaries = None
        if (path / f"{BOUNDARIES}.parquet").is_file():
            import geopandas

            boundaries = geopandas.read_parquet(path / f"{BOUNDARIES}.parquet")
        return StoreData(version, meta, tables, boundaries)

    def write(
        self,
        tables: dict[str, pd.DataFrame],
        meta: dict,
        boundaries: object | None = None,
        version: str | None = None,
    ) -> str:
        """Write a new version beside the others, then switch CURRENT to it in one rename.

        A failure at any point leaves the previous version current and intact.
        """
        with self.draft(version) as draft:
            for name, frame in tables.items():
                draft.put(name, frame)
            if boundaries is not None and len(boundaries):
                boundaries.to_parquet(draft.folder / f"{BOUNDARIES}.parquet", index=False)
            return draft.commit(meta)

    @contextmanager
    def draft(self, version: str | None = None) -> Iterator[Draft]:
        """A new version's folder, hidden until `commit`; removed if anything fails first."""
        if self.read_only:
            raise LoadError(
                f"{self.root} is the read-only demo store; import into your own store "
                "(--store or CITY_SDG_STORE)."
            )
        version = version or (
            datetime.now(UTC).strftime("%Y%m%dT%H%M%S-%f") + "-" + uuid.uuid4().hex[:4]
        )
        versions = self.root / VERSIONS
        versions.mkdir(parents=True, exist_ok=True)
        self._clean_incoming()
        incoming = versions / f"{INCOMING_PREFIX}{version}"
        incoming.mkdir()
        draft = Draft(self, version, incoming)
        try:
            yield draft
        finally:
            if incoming.exists():
                shutil.rmtree(incoming, ignore_errors=True)

    def prune(self, keep: int) -> list[str]:
        """Delete all but the `keep` newest versions (the current one is always kept).
        Files shared with kept versions by hard links stay on disk for them."""
        if self.read_only:
            raise LoadError(f"{self.root} is the read-only demo store.")
        if keep < 1:
            raise LoadError("--keep must be at least 1.")
        if not self.exists():  # a mistyped path made a folder, pruned nothing and said all was well
            raise LoadError(f"{self.root} holds no store (no {CURRENT} file): nothing to prune.")
        with self.lock():
            old = [m["version"] for m in self.versions()[:-keep] if not m["current"]]
            for version in old:
                doomed = self.root / VERSIONS / f"{INCOMING_PREFIX}pruned-{version}"
                os.rename(self.version_dir(version), doomed)
                shutil.rmtree(doomed)
            if (self.root / VERSIONS).is_dir():
                self._clean_incoming()  # an import killed mid-way left its folder (45 MB of the SDR)
        return old

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store for one read-merge-write at a time, across processes."""
        if self.read_only:
            raise LoadError(f"{self.root} is the read-only demo store.")
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def restore(self, version: str) -> None:
        """Make an earlier version current again (nothing is deleted), once no import holds the
        store: an import running meanwhile made its own version current when it finished, with the
        data of the version before the restore, and the restore was undone in silence."""
        if self.read_only:
            raise LoadError(f"{self.root} is the read-only demo store.")
        self.version_dir(version)
        with self.lock():
            self.version_dir(version)  # not pruned while we waited
            self._switch(version)

    def _switch(self, version: str) -> None:
        pointer = self.root / f"{CURRENT}.tmp"
        pointer.write_text(version + "\n", encoding="utf-8")
        os.replace(pointer, self.root / CURRENT)

    def incoming(self) -> tuple[int, int]:
        """(folders, bytes) that imports left unfinished (killed, or running now): `info` says so,
        as a killed import's 100 MB stayed for an hour with nothing to tell of it."""
        folders = [p for p in (self.root / VERSIONS).glob(f"{INCOMING_PREFIX}*") if p.is_dir()] \
            if (self.root / VERSIONS).is_dir() else []
        size = 0
        for folder in folders:
            size += sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        return len(folders), size

    def _clean_incoming(self) -> None:
        now = time.time()
        for stale in (self.root / VERSIONS).glob(f"{INCOMING_PREFIX}*"):
            if now - stale.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)


class Draft:
    """A version being written: tables are put or linked into `folder`, then committed."""

    def __init__(self, store: Store, version: str, folder: Path):
        self.store, self.version, self.folder = store, version, folder

    def put(self, name: str, frame: pd.DataFrame) -> None:
        frame.to_parquet(self.folder / f"{name}.parquet", index=False)

    def link(self, name: str, previous: Path) -> None:
        """Reuse a table of an earlier version unchanged: a hard link (versions never modify a
        file after commit, so sharing one is safe), or a copy where links are not possible."""
        source, target = previous / f"{name}.parquet", self.folder / f"{name}.parquet"
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    def commit(self, meta: dict) -> str:
        """Write the metadata, move the folder into place and make it current."""
        import pyarrow.parquet as pq

        from loaders.serving.layout import write_layout
        from loaders.serving.names import LAYOUT

        write_layout(self.folder)
        created = meta.get("created") or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        counts = {
            file.stem: int(pq.ParquetFile(file).metadata.num_rows)
            for file in sorted(self.folder.glob("*.parquet"))
            if file.stem != BOUNDARIES
        }
        full_meta = {
            **meta,
            "version": self.version,
            "created": created,
            "created_at": meta.get("created") or datetime.now(UTC).isoformat(),
            "parent": self.store.current_version(),
            "counts": counts,
            "layout": LAYOUT,
        }
        (self.folder / META).write_text(
            json.dumps(full_meta, indent=2, sort_keys=True, default=str) + "\n", encoding="utf-8"
        )
        final = self.store.root / VERSIONS / self.version
        if final.exists():
            shutil.rmtree(final)
        os.rename(self.folder, final)
        self.store._switch(self.version)
        return self.version


def highs_above(values: pd.DataFrame, above: float) -> pd.Series:
    """Per indicator of `values` (indicator_id, value), its highest value where that passes `above`."""
    numbers = pd.to_numeric(values["value"], errors="coerce").astype("float64")
    highs = numbers.groupby(values["indicator_id"].astype(str).to_numpy(object)).max()
    return highs[highs > above]
