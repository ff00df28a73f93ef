"""Which partitions a store is scored in (a goal's indicators with those their trends come from), and
how a partition whose inputs did not change is copied from the previous version."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from loaders.scoring.partition_files import KEPT_CODES, SCORED
from loaders.scoring.settings import Settings

PARTS = "scoring.json"


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


def load_parts(previous: Path | None) -> dict:
    if previous is None or not (previous / PARTS).is_file():
        return {}
    return json.loads((previous / PARTS).read_text(encoding="utf-8"))


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
