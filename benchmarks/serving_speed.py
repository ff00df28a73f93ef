"""Serving speed at 1,000 and 10,000 places, against a plain Dash app, over HTTP under gunicorn.

Run: nice .venv/bin/python benchmarks/serving_speed.py [--sizes 1000x60x10,10000x100x25]
     [--rounds 40] [--workers 2] [--keep DIR]

For each size, builds a store with benchmarks/scoring_speed.py's `synthetic` generator (written
directly: observations sorted as the importer writes them, scored goal by goal with the
importer's own `score_to_folder`, committed by `Store`, which adds the serving layout), serves it
with gunicorn as the Procfile does (`city-sdg serve`), and serves the plain Dash baseline
(benchmarks/plain_dash.py: one dcc.Graph, a callback filtering a long DataFrame with pandas and
returning px.scatter_geo) on the same data the same way. Requests are interleaved: each round
asks every view of the project once, then the baseline, each with a state not asked before (cold
cache), then the same states again (warm cache). Prints one table: view x size x p50/p95 server
time (cold, warm), ratio of the map callback to the baseline, first view after start, and each
worker's resident memory split into shared and private (/proc/PID/smaps_rollup).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PORTS = iter(range(18300, 18400))
OPTIONS = {"goal_colour_rule": "two_worst"}


def decorated_places(places: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """The generator's places with what a map needs: names, countries, regions, coordinates."""
    rng = np.random.default_rng(seed)
    count = len(places)
    m49 = pd.read_csv(ROOT / "data" / "reference" / "m49.csv", dtype=str).dropna(subset=["iso3", "region"])
    chosen = m49.iloc[[i % len(m49) for i in range(count)]]
    return places.assign(
        name=[f"City {i}" for i in range(count)], kind="city",
        country_iso3=chosen["iso3"].to_numpy(), un_region=chosen["region"].to_numpy(),
        un_subregion=chosen["subregion"].to_numpy(),
        lat=rng.uniform(-50, 65, count), lon=rng.uniform(-170, 175, count))


def write_observations(observations: pd.DataFrame, path: Path) -> None:
    """Observations as the importer writes them: sorted by indicator, year, place; a run of row
    groups (at most 256,000 rows) per indicator."""
    from loaders import schema

    indicator = pd.Categorical(observations["indicator_id"])
    place = pd.Categorical(observations["place_id"])
    order = np.lexsort((place.codes, observations["year"].to_numpy(), indicator.codes))
    codes = indicator.codes[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(order)]
    writer = None
    for start, end in zip(starts, ends, strict=True):
        chunk = schema.conform("observations", observations.iloc[order[start:end]])
        table = pa.Table.from_pandas(chunk, preserve_index=False)
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table, row_group_size=256_000)
    if writer is not None:
        writer.close()


def build_store(root: Path, places_n: int, indicators_n: int, years_n: int) -> float:
    """A scored store of the given size in `root`; returns the seconds it took."""
    from scoring_speed import synthetic

    from loaders import schema
    from loaders.scoring.partitioned import score_to_folder
    from loaders.store import Store

    started = time.perf_counter()
    places, indicators, observations = synthetic(places_n, indicators_n, years_n)
    places = schema.conform("places", decorated_places(places))
    indicators = schema.conform("indicators", indicators.assign(
        name=[f"Indicator {i}" for i in range(len(indicators))], unit="%",
        target=[f"{g}.1" for g in indicators["goal"]]))
    with Store(root).draft() as draft:
        draft.put("places", places)
        draft.put("indicators", indicators)
        write_observations(observations, draft.folder / "observations.parquet")
        del observations
        score_to_folder(places, indicators, draft.folder / "observations.parquet", OPTIONS, draft.folder)
        draft.commit({"sources": [{"name": f"synthetic {places_n}x{indicators_n}x{years_n}"}],
                      "options": OPTIONS})
    return time.perf_counter() - started


if __name__ == "__main__" and sys.argv[1:2] == ["build"]:
    size = [int(n) for n in sys.argv[3].split("x")]
    print(f"built {sys.argv[2]} in {build_store(Path(sys.argv[2]), *size):.0f} s", flush=True)
    raise SystemExit(0)
