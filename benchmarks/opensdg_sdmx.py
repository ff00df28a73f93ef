"""Reading an Open SDG repository with SDMX-ML input: seconds and peak memory for N observations.

Run: .venv/bin/python benchmarks/opensdg_sdmx.py [--observations N]
Writes a StructureSpecific data message in a temporary folder, coded with Nepal's structure
definition (read in place from ../shared/realdata/nepal-opensdg-sdmx/source/CBS_DSD.xml): its
annotated series, the seven provinces and the country, sexes and years, then reads it with
loaders.opensdg.reader as `city-sdg import` does. Prints the file size, the wall and CPU time
of a read, and the peak traced Python memory of a second, traced read (tracemalloc).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DSD = HERE.parent.parent / "shared" / "realdata" / "nepal-opensdg-sdmx" / "source" / "CBS_DSD.xml"


def write_message(path: Path, observations: int, series_codes: list[str]) -> int:
    areas = ["NP", *[f"NP{i}" for i in range(1, 8)]]
    combos = list(itertools.product(series_codes, areas, ("_T", "F", "M")))
    keys = iter(combos)
    years = range(1850, 1850 + min(250, max(25, -(-observations // len(combos)))))  # no key repeats
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<message:StructureSpecificData '
                  'xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">\n'
                  "<message:DataSet>\n")
        while written < observations:
            series, area, sex = next(keys)
            out.write(f'<Series SERIES="{series}" REF_AREA="{area}" SEX="{sex}" AGE="_T" '
                      'UNIT_MEASURE="PT">\n')
            for year in years:
                if written == observations:
                    break
                value = (written % 997) / 10
                out.write(f'  <Obs TIME_PERIOD="{year}" OBS_VALUE="{value}" OBS_STATUS="A"/>\n')
                written += 1
            out.write("</Series>\n")
        out.write("</message:DataSet>\n</message:StructureSpecificData>\n")
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=200_000)
    args = parser.parse_args()
    if not DSD.is_file():
        sys.exit(f"the structure definition is not at {DSD}")

    from loaders.opensdg import reader
    from loaders.opensdg.sdmx_structure import read_structure
    from loaders.options import ReadOptions
    from loaders.report import ImportReport

    codes = sorted(read_structure(DSD).indicators)[:60]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "data").mkdir()
        size = write_message(root / "data" / "data.xml", args.observations, codes)
        (root / "config_data.yml").write_text(
            f"inputs:\n  - class: InputSdmxMl_Multiple\n    path_pattern: data/*.xml\n    dsd: {DSD}\n"
        )
        start, cpu = time.perf_counter(), time.process_time()
        report = ImportReport()
        bundle = reader.read(root, report, ReadOptions())
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        tracemalloc.start()  # a second read for memory: tracing slows Python down several times
        reader.read(root, ImportReport(), ReadOptions())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"observations written: {args.observations:,} ({size / 1e6:.1f} MB, {len(codes)} series)")
    print(f"rows read {report.rows_read:,}, kept {report.rows_kept:,}; "
          f"{len(bundle.indicators)} indicators, {len(bundle.places)} places")
    print(f"read in {seconds:.2f} s wall, {cpu:.2f} s CPU ({args.observations / cpu:,.0f} observations "
          f"per CPU second); peak traced memory {peak / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
