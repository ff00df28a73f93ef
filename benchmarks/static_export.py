"""Static export: time, CPU time, size and files of `city-sdg export-static`, then a second export.

Run: .venv/bin/python benchmarks/static_export.py [--places N] [--lang en ...] [--jobs N] [--no-pictures]
Without --places it exports the shipped demo store (aims: under 2 minutes on 2 cores, under 60 MB).
With --places N it builds a temporary scored store of N places x 100 indicators x 10 years
(benchmarks/api_speed.py's generator) and exports that (aim for 1,000 places: under 10 minutes).
The second export into the same folder shows the incremental path: nothing changed, nothing rewritten.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--places", type=int, default=0, help="a synthetic store of N places (default: the demo)"
    )
    parser.add_argument("--lang", action="append", help="languages (default: every one)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-pictures", action="store_true")
    args = parser.parse_args()

    from dashboard.static_site.export import export
    from loaders.paths import DEMO_STORE

    with tempfile.TemporaryDirectory() as work:
        store = DEMO_STORE
        if args.places:
            from api_speed import build_store

            store = Path(work) / "store"
            started = time.perf_counter()
            build_store(store, args.places)
            print(
                f"store: {args.places:,} places x 100 indicators x 10 years, built in "
                f"{time.perf_counter() - started:.0f} s"
            )
        site = Path(work) / "site"
        for attempt in ("first export", "second export (nothing changed)"):
            cpu, started = cpu_seconds(), time.perf_counter()
            report = export(
                store, site, "https://example.org/sdg", args.lang, not args.no_pictures, args.jobs
            )
            wall, used = time.perf_counter() - started, cpu_seconds() - cpu
            print(f"{attempt}: {wall:.1f} s wall, {used:.1f} s CPU on {args.jobs} processes")
            print("\n".join(report.lines()))
        on_disk = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"on disk: {on_disk / 1e6:.1f} MB in {sum(1 for p in site.rglob('*') if p.is_file()):,} files")
        for folder in sorted(p for p in site.iterdir() if p.is_dir()):
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            print(f"  {folder.name + '/':<10} {size / 1e6:6.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
