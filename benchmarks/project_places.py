"""A project list's place names looked up among a national store's places.

Run: python benchmarks/project_places.py [--places 10000] [--names 5000] [--sample 500]

A register imported into a store names its places; each name is looked for among the store's
places first (`PlaceFinder.known_place`). Prints the time for `--names` distinct names against
`--places` store places through the finder's index (made once), and, on `--sample` of the names,
the time of folding every store name for each name asked (what the lookup did before the index),
scaled to all the names.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders import places  # noqa: E402
from loaders.projects.places import PlaceFinder  # noqa: E402


def store_places(count: int) -> pd.DataFrame:
    """Places named with accents, as a national store's are, spread over 27 states."""
    return pd.DataFrame({"place_id": [f"bra-cidade-{i}" for i in range(count)],
                         "name": [f"São Cidade {i}" for i in range(count)], "country_iso3": "BRA",
                         "area": [f"Estado {i % 27}" for i in range(count)], "kind": "city"})


def folded_each_time(known: pd.DataFrame, name: str, iso3: str) -> dict | None:
    """The lookup without an index: every store name folded for the one name asked."""
    same_id = known[known["place_id"] == name]
    if len(same_id) == 1:
        return same_id.iloc[0].to_dict()
    same_name = known[places.fold_series(known["name"]) == places.fold(name)]
    same_name = same_name[same_name["country_iso3"] == iso3]
    return same_name.iloc[0].to_dict() if len(same_name) == 1 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--names", type=int, default=5_000)
    parser.add_argument("--sample", type=int, default=500)
    args = parser.parse_args()
    known = store_places(args.places)
    names = [f"Sao Cidade {(i * 2) % args.places}" for i in range(args.names)]  # typed without accents
    finder = PlaceFinder(known, "benchmark")
    start = time.perf_counter()
    found = sum(len(finder.known_place(name, "BRA")) == 1 for name in names)
    indexed = time.perf_counter() - start
    start = time.perf_counter()
    sampled = sum(folded_each_time(known, name, "BRA") is not None for name in names[:args.sample])
    folding = (time.perf_counter() - start) * len(names) / max(1, min(args.sample, len(names)))
    print(f"{args.places:,} store places, {args.names:,} names")
    print(f"  index made once:        {indexed:7.2f} s ({found:,} found)")
    print(f"  every name folded each: {folding:7.2f} s (from {min(args.sample, len(names)):,} names, "
          f"{sampled:,} found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
