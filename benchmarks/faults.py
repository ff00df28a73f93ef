"""Fault helpers for benchmarks/load.py: imports into a store (whole, out of disk space, killed
mid-write) and the processes and memory under the app servers."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

CITY_SDG = Path(sys.executable).with_name("city-sdg")
MAPPING = """\
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
"""


def write_source(tmp: Path, rows: int = 400) -> tuple[Path, Path]:
    """A mapped CSV of two real cities over many indicators and years."""
    (tmp / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    lines = ["City,Country,Indicator,Year,Value"]
    for i in range(rows // 2):
        indicator, year = f"extra-{i // 20:03d}", 2000 + i % 20
        lines += [f"Nairobi,KEN,{indicator},{year},{i % 97}", f"Kampala,UGA,{indicator},{year},{i % 89}"]
    source = tmp / f"source-{time.monotonic_ns()}.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source, tmp / "mapping.yml"


def import_command(store: Path, tmp: Path) -> list[str]:
    source, mapping = write_source(tmp)
    return [str(CITY_SDG), "import", str(source), "--mapping", str(mapping), "--store", str(store)]


def import_file(store: Path, tmp: Path) -> str:
    subprocess.run(import_command(store, tmp), check=True, capture_output=True)
    return (store / "CURRENT").read_text().strip()


def store_state(store: Path) -> tuple[str, list[str]]:
    versions = sorted(p.name for p in (store / "versions").iterdir() if not p.name.startswith("."))
    return (store / "CURRENT").read_text().strip(), versions


def import_cut_short(store: Path, tmp: Path, way: str) -> str:
    """'disk-full': files limited to 256 KiB (ulimit -f); 'killed': SIGKILL after 3 s. Says whether
    the store is as it was and still readable."""
    from loaders.store import Store

    before = store_state(store)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of a signal

    command = import_command(store, tmp)
    if way == "disk-full":
        done = subprocess.run(command, capture_output=True, text=True, preexec_fn=small_files)
        outcome = f"exit {done.returncode} ({(done.stderr.strip().splitlines() or [''])[-1][:100]})"
    else:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(3)
        process.kill()
        outcome = f"killed (exit {process.wait()})"
    after = store_state(store)
    readable = Store(store).read().version == after[0]
    leftovers = [p.name for p in (store / "versions").iterdir() if p.name.startswith(".incoming-")]
    same = "unchanged" if after == before else f"CHANGED {before} -> {after}"
    return f"{outcome}; store {same}; current version readable: {readable}; " \
           f"unfinished folders left (never listed, removed by a later import): {len(leftovers)}"


def marked(marker: bytes) -> list[int]:
    """Every process whose environment holds `marker`: the app servers, their workers and the browsers
    those started (a browser may be re-parented away from its worker, but it keeps the environment)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def process_figures(pids: list[int]) -> tuple[int, int, float]:
    """(browsers, chromium processes, resident MiB of all) among the given processes; a browser is a
    chromium process whose parent is not one (each browser runs several helper processes)."""
    names, parents, rss = {}, {}, 0.0
    for pid in pids:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        names[pid] = b"chrom" in os.path.basename(command)
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1]) / 1024
            elif line.startswith("PPid:"):
                parents[pid] = int(line.split()[1])
    chromium = [pid for pid, is_browser in names.items() if is_browser]
    browsers = [pid for pid in chromium if not names.get(parents.get(pid, 0), False)]
    return len(browsers), len(chromium), rss
