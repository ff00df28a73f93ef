"""Scoring speed: 1,000 places x 100 indicators x 10 years through `score_store` (goal < 5 s).

Run: python benchmarks/scoring_speed.py [--places N] [--indicators N] [--years N]
Prints the wall time of one full scoring run, then the peak memory a second (traced) run
allocates and the process's peak resident memory (input generation included).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.scoring import score_store  # noqa: E402

GOAL_SECONDS = 5.0


def synthetic(n_places: int, n_indicators: int, n_years: int, seed: int = 7) -> tuple:
    """Places in 20 subregions; indicators over 17 goals, half with metadata bounds and
    thresholds, half left to data bounds, a tenth with 2030 targets; 10% of values missing."""
    rng = np.random.default_rng(seed)
    places = pd.DataFrame(
        {
            "place_id": [f"city-{i:05d}" for i in range(n_places)],
            "un_subregion": [f"subregion {i % 20}" for i in range(n_places)],
            "population": rng.lognormal(12.5, 1.2, n_places),
        }
    )
    higher = rng.random(n_indicators) < 0.5
    has_bounds = np.arange(n_indicators) % 2 == 0
    best = np.where(higher, 100.0, 0.0)
    worst = np.where(higher, 0.0, 100.0)
    indicators = pd.DataFrame(
        {
            "indicator_id": [f"ind-{j:03d}" for j in range(n_indicators)],
            "goal": np.arange(n_indicators) % 17 + 1,
            "direction": np.where(higher, "higher", "lower"),
            "best": np.where(has_bounds, best, np.nan),
            "worst": np.where(has_bounds, worst, np.nan),
            "green_threshold": np.where(higher, 80.0, 20.0),
            "red_threshold": np.where(higher, 50.0, 50.0),
            "target_value": np.where(np.arange(n_indicators) % 10 == 0, np.where(higher, 90.0, 10.0), np.nan),
        }
    )
    years = np.arange(2015, 2015 + n_years)
    grid = pd.MultiIndex.from_product(
        [places["place_id"], indicators["indicator_id"], years], names=["place_id", "indicator_id", "year"]
    ).to_frame(index=False)
    level = rng.uniform(10, 90, n_places * n_indicators).repeat(n_years)
    drift = rng.normal(0.5, 1.0, n_places * n_indicators).repeat(n_years)
    step = np.tile(np.arange(n_years), n_places * n_indicators)
    grid["value"] = level + drift * step + rng.normal(0, 1.0, len(grid))
    grid["breakdown"] = ""
    observations = grid[rng.random(len(grid)) >= 0.10].reset_index(drop=True)
    return places, indicators, observations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    places, indicators, observations = synthetic(args.places, args.indicators, args.years)
    print(
        f"input: {len(places):,} places, {len(indicators):,} indicators, "
        f"{len(observations):,} observations over {args.years} years"
    )
    started = time.perf_counter()
    tables = score_store(places, indicators, observations, {"goal_colour_rule": "two_worst"})
    elapsed = time.perf_counter() - started
    tracemalloc.start()  # a second run, traced: tracing slows Python down, so it is not timed
    score_store(places, indicators, observations, {"goal_colour_rule": "two_worst"})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, table in tables.items():
        print(f"  {name}: {len(table):,} rows")
    verdict = "within" if elapsed < GOAL_SECONDS else "OVER"
    print(f"scoring time: {elapsed:.2f} s ({verdict} the {GOAL_SECONDS:.0f} s goal)")
    print(f"peak memory allocated while scoring: {peak / 2**20:,.0f} MiB (process peak RSS {rss:,.0f} MiB)")
    return 0 if elapsed < GOAL_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
