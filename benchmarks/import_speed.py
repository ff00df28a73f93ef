"""Import speed and peak memory: a 1,000,000-row tidy CSV through `city-sdg import`.

Run: .venv/bin/python benchmarks/import_speed.py [--rows N]
Goal (issue 2): under 20 s and under 2 GB on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from loaders.places import gazetteer

YEARS = list(range(2016, 2026))


def make_csv(path: Path, rows: int) -> None:
    """Real city names (so places go through the gazetteer), 100 indicators, 10 years."""
    cities = (
        gazetteer()
        .drop_duplicates("geonameid")
        .sort_values("population", ascending=False)
        .drop_duplicates(["name", "iso3"])
    )
    n_places = max(1, rows // (100 * len(YEARS)))
    cities = cities.head(n_places)
    rng = np.random.default_rng(1)
    grid = pd.MultiIndex.from_product(
        [range(len(cities)), range(100), YEARS], names=["city", "indicator", "year"]
    ).to_frame(index=False)
    grid = grid.head(rows)
    frame = pd.DataFrame(
        {
            "City": cities["name"].to_numpy()[grid["city"]],
            "Country": cities["iso3"].to_numpy()[grid["city"]],
            "Indicator": [f"{1 + i % 17}.{1 + i // 17}.1" for i in grid["indicator"]],
            "Year": grid["year"],
            "Value": rng.normal(50, 15, len(grid)).round(3),
        }
    )
    frame.to_csv(path, index=False)


MAPPING = """\
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, mapping = folder / "tidy.csv", folder / "mapping.yml"
        make_csv(source, args.rows)
        mapping.write_text(MAPPING)
        size_mb = source.stat().st_size / 1e6
        command = [
            str(Path(sys.executable).with_name("city-sdg")), "import", str(source),
            "--mapping", str(mapping), "--store", str(folder / "store"),
        ]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        tail = done.stdout.strip().splitlines()[-2:]
        print(f"rows: {args.rows:,} ({size_mb:.0f} MB CSV)")
        print(f"import time: {seconds:.1f} s (goal < 20 s)")
        print(f"peak memory: {peak_mb:.0f} MB (goal < 2048 MB)")
        print(f"exit status: {done.returncode}; " + " | ".join(tail))
        if done.returncode not in (0, 1):
            print(done.stderr, file=sys.stderr)
        return 0 if done.returncode in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
