"""Writing an import's new version: observations merged from the spool, unchanged tables and
scores linked from the previous version, the rest scored, and the metadata."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from loaders.scoring.peers import peer_table
from loaders.spool import merge_into
from loaders.store import BOUNDARIES


def source_key(path: Path) -> str:
    """What identifies a source between imports: its absolute path."""
    return str(Path(path).resolve())


class Clock:
    """Seconds per import stage, wall and CPU (on a shared machine wall time also counts
    waiting for a core), kept in the version's metadata."""

    def __init__(self) -> None:
        self.last, self.laps = time.perf_counter(), {}
        self.last_cpu, self.cpu = time.process_time(), {}

    def __call__(self, stage: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.laps[stage] = round(now - self.last, 2)
        self.cpu[stage] = round(cpu - self.last_cpu, 2)
        self.last, self.last_cpu = now, cpu


def write_observations(spool, previous, draft, report, options, progress) -> bool:
    """The new observations file (or the previous one, linked, when no rows came in);
    True when its rows differ from the previous version's."""
    old = previous / "observations.parquet" if previous is not None else None
    if spool.rows == 0 and old is not None and old.is_file():
        shutil.rmtree(spool.folder, ignore_errors=True)
        draft.link("observations", previous)
        return False
    target = draft.folder / "observations.parquet"
    changes = merge_into(spool, old, target, report, options.append,
                         progress.stage("merging observations", "buckets"))
    shutil.rmtree(spool.folder, ignore_errors=True)
    report.changes = {"added": changes.added, "changed": changes.changed, "removed": changes.removed}
    differ = bool(changes.added or changes.changed or changes.removed)
    same_columns = old is not None and old.is_file() and pq.read_schema(old).equals(pq.read_schema(target))
    if not differ and same_columns:
        # every row the same (each column compared): the previous file, linked, so that its copies
        # for serving are linked too (`serving.linked_copies`), not written again
        target.unlink()
        draft.link("observations", previous)
    return differ


def write_scores(tables, options, draft, previous, changed, progress) -> dict:
    """Derived tables: linked from the previous version when nothing they depend on changed,
    else scored goal by goal, copying the goals whose inputs are unchanged."""
    from loaders.scoring import TABLES as DERIVED
    from loaders.scoring.partition_plan import PARTS
    from loaders.scoring.partitioned import score_to_folder

    if not changed and all((previous / f"{name}.parquet").is_file() for name in DERIVED):
        for name in DERIVED:
            if name == "peers":
                # ranked again from the index (about a second at national size), not linked: a version
                # scored before the size bands were explore's, or before peers were places of one kind
                # (a département ranked among countries), would keep its old ranks
                index = pd.read_parquet(previous / "index.parquet")
                draft.put(name, peer_table(tables["places"], index))
                continue
            draft.link(name, previous)
        if (previous / PARTS).is_file():
            os.link(previous / PARTS, draft.folder / PARTS)
        return {"rescored": [], "linked": True}
    return score_to_folder(tables["places"], tables["indicators"], draft.folder / "observations.parquet",
                           options, draft.folder, previous, progress.stage("scoring", "partitions"))


def write_boundaries(current, bundle, draft, previous) -> None:
    if bundle.boundaries is None and previous is not None and (previous / f"{BOUNDARIES}.parquet").is_file():
        draft.link(BOUNDARIES, previous)
        return
    from loaders.bundle import combine_boundaries

    boundaries = combine_boundaries(current.boundaries if current else None, bundle.boundaries)
    if boundaries is not None and len(boundaries):
        boundaries.to_parquet(draft.folder / f"{BOUNDARIES}.parquet", index=False)


def version_meta(current, bundle, report, source_options, note) -> dict:
    """Each source listed once: a file imported again replaces its entry."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    new = [{**source, "key": source_key(Path(source["file"])), "imported": now}
           for source in bundle.sources]
    keys = {source["key"] for source in new}
    old = [s for s in (current.meta.get("sources", []) if current else [])
           if s.get("key", source_key(Path(s.get("file", "")))) not in keys]
    return {
        "demo": False,
        "sources": old + new,
        "options": source_options,
        "note": note,
        "report": {
            "rows_read": report.rows_read,
            "rows_kept": report.rows_kept,
            "rows_rejected": report.rows_rejected,
            "rows_empty": report.rows_empty,
            **report.changes,
        },
    }
