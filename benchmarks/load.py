"""Load and fault test on loopback: nginx in front of two app servers (gunicorn) sharing one Redis, on a
1,000-place store (benchmarks/scoring_speed.py's generator, via api_speed.build_store).

Run: nice -n 10 .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 60] [--picture-seconds 20]
Prints, for a mix of pages, Dash callbacks, API, embeds and oEmbed: requests, errors, requests per
second and p50/p95/p99; for 5 clients asking for embed PNGs: answers by status, 503s without
Retry-After, the most browser processes and memory seen; then a worker killed, Redis stopped and an
import, each during load; and an import that runs out of disk space or is killed mid-write.
All rate limits are raised for the run: every client comes from 127.0.0.1, one address.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from faults import import_cut_short, marked, process_figures  # noqa: E402

from tests.cluster import Cluster, missing_binaries  # noqa: E402

UNLIMITED = {"CITY_SDG_RATE_API": "10000000 per minute", "CITY_SDG_RATE_EMBEDS": "10000000 per minute",
             "CITY_SDG_RATE_PICTURES": "10000000 per minute"}


def router(path: str, search: str) -> dict:
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}


def map_callback(goal: str, year: int) -> dict:
    outputs = ["map-title.children", "map-graph.figure", "map-summary.children", "map-table.children"]
    return {"output": ".." + "...".join(outputs) + "..",
            "outputs": [dict(zip(("id", "property"), o.split("."), strict=True)) for o in outputs],
            "inputs": [{"id": "map-goal", "property": "value", "value": goal},
                       {"id": "map-year", "property": "value", "value": year},
                       {"id": "map-view", "property": "value", "value": "places"}],
            "changedPropIds": ["map-goal.value"], "state": []}


def pick(front: str, places: int = 1000) -> tuple[str, str, str, dict | None]:
    """(kind, method, url, json body) of one request of the mix."""
    goal, year = random.randint(1, 17), random.randint(2015, 2024)
    place = f"city-{random.randint(0, places - 1):05d}"
    choice = random.random()
    if choice < 0.15:
        return "page", "GET", random.choice([f"{front}/", f"{front}/city/{place}", f"{front}/explore",
                                              f"{front}/about"]), None
    if choice < 0.35:
        if random.random() < 0.5:
            return "callback", "POST", f"{front}/_dash-update-component", map_callback(str(goal), year)
        return "callback", "POST", f"{front}/_dash-update-component", router("/city/" + place, "")
    if choice < 0.65:
        return "api", "GET", random.choice([
            f"{front}/api/v1/observations?indicator=ind-{random.randint(0, 99):03d}&region=Africa&from=2018",
            f"{front}/api/v1/scores/goals?goal={goal}&year={year}&limit=100",
            f"{front}/api/v1/places?limit=50&offset={random.randint(0, 900)}"]), None
    if choice < 0.9:
        return "embed", "GET", random.choice([f"{front}/embed/map?goal={goal}&year={year}",
                                               f"{front}/embed/city-goals?place={place}",
                                               f"{front}/embed/ranking?goal={goal}"]), None
    return "oembed", "GET", f"{front}/oembed?url={front}/%3Fgoal%3D{goal}", None


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: list[tuple[str, float, int, str]] = []

    def add(self, kind: str, seconds: float, status: int, version: str = "") -> None:
        with self.lock:
            self.rows.append((kind, seconds, status, version))


def client(front: str, stop: threading.Event, recorder: Recorder, chooser=pick) -> None:
    session = requests.Session()
    while not stop.is_set():
        kind, method, url, body = chooser(front)
        started = time.perf_counter()
        try:
            response = session.request(method, url, json=body, timeout=60)
            status, version = response.status_code, response.headers.get("X-Data-Version", "")
            if kind == "api" and status == 200 and response.json()["meta"]["version"] != version:
                status = 999  # body and header from two versions
        except requests.RequestException:
            status, version = 0, ""
        recorder.add(kind, time.perf_counter() - started, status, version)


def run_load(front: str, clients: int, seconds: float, chooser=pick, during=None) -> tuple[Recorder, float]:
    """Clients for `seconds`; with `during`, it runs after a third of them and the load goes on at least
    5 s after it returns. Returns the recorder and the seconds the load really lasted."""
    recorder, stop, started = Recorder(), threading.Event(), time.monotonic()
    threads = [threading.Thread(target=client, args=(front, stop, recorder, chooser)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    if during:
        time.sleep(seconds / 3)
        during()
        time.sleep(max(5.0, seconds - (time.monotonic() - started)))
    else:
        time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return recorder, time.monotonic() - started


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms"


def report(title: str, load: tuple[Recorder, float]) -> None:
    recorder, seconds = load
    rows = recorder.rows
    errors = [r for r in rows if r[2] >= 400 or r[2] == 0]
    print(f"\n{title}: {len(rows):,} requests in {seconds:.0f} s = {len(rows) / seconds:.1f} req/s, "
          f"{len(errors)} errors {dict(Counter(r[2] for r in errors))}")
    print(f"  all: {percentiles([r[1] for r in rows])}")
    for kind in sorted({r[0] for r in rows}):
        times = [r[1] for r in rows if r[0] == kind]
        print(f"  {kind:<9} {len(times):>6,} requests, {percentiles(times)}")


def picture_test(cluster: Cluster, seconds: float) -> None:
    front = cluster.url()

    def chooser(_front):
        return "picture", "GET", f"{front}/embed/map.png?goal={random.randint(1, 17)}&year=" \
            f"{random.randint(2015, 2024)}&view={random.choice(['places', 'countries'])}", None

    recorder, peaks, stop = Recorder(), {"browsers": 0, "chromium": 0, "rss": 0.0}, threading.Event()

    def sample():
        while not stop.is_set():
            ours = {*marked(f"CITY_SDG_CACHE_URL={cluster.redis_url}".encode()),
                    cluster.processes["redis"].pid, cluster.processes["nginx"].pid}
            figures = process_figures(sorted(ours))
            for name, value in zip(("browsers", "chromium", "rss"), figures, strict=True):
                peaks[name] = max(peaks[name], value)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    session_retry = {}

    def picture_client(until: float) -> None:
        session = requests.Session()
        while time.monotonic() < until:
            _kind, _method, url, _body = chooser(front)
            started = time.perf_counter()
            try:
                response = session.get(url, timeout=60)
                status = response.status_code
                if status == 503 and not response.headers.get("Retry-After"):
                    session_retry["missing"] = session_retry.get("missing", 0) + 1
            except requests.RequestException:
                status = 0
            recorder.add("picture", time.perf_counter() - started, status)

    until = time.monotonic() + seconds
    threads = [threading.Thread(target=picture_client, args=(until,)) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    sampler.join()
    statuses = Counter(r[2] for r in recorder.rows)
    print(f"\npictures, 5 clients for {seconds:.0f} s: {len(recorder.rows)} answers {dict(statuses)}; "
          f"503 without Retry-After: {session_retry.get('missing', 0)}; "
          f"200s {percentiles([r[1] for r in recorder.rows if r[2] == 200])}")
    print(f"  most browsers at once: {peaks['browsers']} ({peaks['chromium']} chromium processes with their "
          f"helpers); most memory of servers, workers, browsers, Redis and nginx: {peaks['rss']:,.0f} MiB")


def faults(cluster: Cluster, clients: int, tmp: Path, places: int) -> None:
    front = cluster.url()

    def kill_worker():
        pids = cluster.worker_pids("app1")
        if pids:
            import os
            import signal

            os.kill(pids[0], signal.SIGKILL)
            print(f"  killed worker {pids[0]} of app1")

    mix = functools.partial(pick, places=places)
    report("worker killed during load", run_load(front, clients, 15, chooser=mix, during=kill_worker))

    def stop_redis():
        cluster.stop_redis()
        print("  stopped Redis")

    report("Redis stopped during load", run_load(front, clients, 15, chooser=mix, during=stop_redis))
    cluster.start_redis()

    def api_only(_front):
        return "api", "GET", f"{front}/api/v1/scores/goals?goal={random.randint(1, 17)}&limit=20", None

    def run_import():
        from faults import import_file

        version = import_file(cluster.store, tmp)
        print(f"  imported version {version}")

    load = run_load(front, clients, 15, chooser=api_only, during=run_import)
    report("import during load (API only)", load)
    recorder = load[0]
    versions = Counter(r[3] for r in recorder.rows)
    mixed = sum(1 for r in recorder.rows if r[2] == 999)
    print(f"  answers per version {dict(versions)}; answers mixing two versions: {mixed}")
    for way in ("disk-full", "killed"):
        print(f"  import {way}: {import_cut_short(cluster.store, tmp, way)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--picture-seconds", type=float, default=20)
    parser.add_argument("--places", type=int, default=1000)
    args = parser.parse_args()
    if missing_binaries():
        print(f"needs {', '.join(missing_binaries())} (scripts/setup.sh with EXTRAS=test installs them)")
        return 2
    from api_speed import build_store

    with tempfile.TemporaryDirectory(prefix="city-sdg-load-") as folder:
        tmp = Path(folder)
        started = time.perf_counter()
        build_store(tmp / "store", args.places)
        print(f"store of {args.places:,} places built in {time.perf_counter() - started:.0f} s")
        cluster = Cluster(tmp, tmp / "store", workers=2, threads=4, env=UNLIMITED)
        try:
            cluster.start(apps=2)
            print(f"nginx {cluster.url()} -> 2 app servers x 2 workers x 4 threads, "
                  f"Redis {cluster.redis_url}")
            run_load(cluster.url(), 10, 10, chooser=functools.partial(pick, places=args.places))  # warm-up
            mix = functools.partial(pick, places=args.places)
            report(f"mixed load, {args.clients} clients", run_load(cluster.url(), args.clients, args.seconds,
                                                                   chooser=mix))
            picture_test(cluster, args.picture_seconds)
            faults(cluster, 20, tmp, args.places)
        finally:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
