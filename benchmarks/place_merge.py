"""The import's place checks on a national store: a second source naming the store's cities.

Run: python benchmarks/place_merge.py [--places 10000] [--repeat 3]

A store holds `--places` cities of one source; a second source brings the same cities, a tenth of
them under another name on the same point (joined to the stored city: `same_cities`), a tenth with
another population (kept as stored, warned: `keep_stored`), and a GeoNames id for each
(`report_other_ids`: each id's names against the row's). Prints the median seconds of each step.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.bundle import Bundle  # noqa: E402
from loaders.gazetteer_table import gazetteer  # noqa: E402
from loaders.places import report_other_ids  # noqa: E402
from loaders.report import ImportReport  # noqa: E402
from loaders.same_cities import same_cities  # noqa: E402
from loaders.stored_places import keep_stored  # noqa: E402


def stored_cities(count: int) -> pd.DataFrame:
    """Real gazetteer cities (names, points, ids), as the first source placed them."""
    table = gazetteer().drop_duplicates("geonameid").head(count).reset_index(drop=True)
    return pd.DataFrame({
        "place_id": [f"city-{i:05d}" for i in range(len(table))], "name": table["name"], "kind": "city",
        "country_iso3": table["iso3"], "lat": table["lat"], "lon": table["lon"],
        "population": table["population"].astype(float), "source": "index.csv",
        "geonameid": table["geonameid"].astype(str)})


def second_source(stored: pd.DataFrame) -> pd.DataFrame:
    new = stored.assign(source="transport.csv")
    renamed = new.index % 10 == 0  # another name, the same point: a new id
    new.loc[renamed, "place_id"] = new.loc[renamed, "place_id"] + "-other"
    new.loc[renamed, "name"] = new.loc[renamed, "name"] + " Other"
    bigger = new.index % 10 == 5
    new.loc[bigger, "population"] = new.loc[bigger, "population"] * 1.5
    return new


def timed(step, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    stored = stored_cities(args.places)
    new = second_source(stored)
    joined = timed(lambda: same_cities(Bundle(places=new.copy()), stored, ImportReport()), args.repeat)
    kept = timed(lambda: keep_stored(new, stored, ImportReport()), args.repeat)
    ids = timed(lambda: report_other_ids(new.copy(), ImportReport(), "transport.csv"), args.repeat)
    report = ImportReport()
    renamed = same_cities(Bundle(places=new.copy()), stored, report)
    print(f"{len(stored):,} stored cities, {len(new):,} brought again by another source")
    print(f"same_cities (joined {len(renamed):,}):      {joined:.3f} s")
    print(f"keep_stored:                       {kept:.3f} s")
    print(f"report_other_ids ({len(new):,} ids):      {ids:.3f} s")


if __name__ == "__main__":
    main()
