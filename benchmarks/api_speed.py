"""API throughput: a filtered observations query on a 1,000-place store, through a real HTTP server.

Run: .venv/bin/python benchmarks/api_speed.py [--places N] [--clients N] [--seconds S]
     [--server gunicorn|werkzeug] [--store DIR] [--broad]
Builds a temporary store (benchmarks/scoring_speed.py's generator: 1,000 places x 100 indicators x 10
years, scored), serves it with gunicorn as the Procfile does (2 sync workers) or werkzeug's threaded
server, then has client threads ask for one indicator, one UN region and a five-year range as JSON
(default page, gzip accepted) for a fixed time. Prints requests per second, latency percentiles and
each worker's resident memory at the end. `--store DIR` serves an existing store instead (for
example one of benchmarks/serving_speed.py's, 10,000 places x 100 indicators x 25 years); `--broad`
asks what a careless or hostile client would: a region's or every observation, pages deep inside.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")


def build_store(root: Path, n_places: int) -> None:
    from scoring_speed import synthetic

    from loaders import schema
    from loaders.scoring import score_store
    from loaders.store import Store

    places, indicators, observations = synthetic(n_places, 100, 10)
    # every real import names its indicators; views that title a chart by them need the names
    indicators = indicators.assign(name=[f"Indicator {i}" for i in range(len(indicators))], unit="%")
    count = len(places)
    places = places.assign(
        name=[f"City {i}" for i in range(count)], kind="city",
        country_iso3=[f"C{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}" for i in range(count)],
        un_region=[REGIONS[i % len(REGIONS)] for i in range(count)])
    tables = {"places": schema.conform("places", places),
              "indicators": schema.conform("indicators", indicators),
              "observations": schema.conform("observations", observations)}
    tables.update(score_store(tables["places"], tables["indicators"], tables["observations"],
                              {"goal_colour_rule": "two_worst"}))
    Store(root).write(tables, {"demo": True, "sources": [{"name": "api_speed synthetic data"}]})


def wsgi():
    """The gunicorn entry point: the dashboard with its API on $CITY_SDG_STORE."""
    from dashboard import api
    from dashboard.app import create_app

    app = create_app(os.environ["CITY_SDG_STORE"])
    api.register(app.server)
    return app.server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(kind: str, port: int, store: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "CITY_SDG_STORE": str(store), "PYTHONPATH": str(HERE.parent)}
    if kind == "gunicorn":
        command = [str(Path(sys.executable).with_name("gunicorn")), "--chdir", str(HERE), "--workers", "2",
                   "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "api_speed:wsgi()"]
    else:
        command = [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import api_speed; "
                   "from werkzeug.serving import run_simple; "
                   "run_simple('127.0.0.1', int(sys.argv[2]), api_speed.wsgi(), threaded=True)",
                   str(HERE), str(port)]
    # the log goes to a file: an unread pipe fills up and stalls a server that logs every request
    with open(log, "wb") as sink:
        server = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=30)
            return server
        except requests.ConnectionError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start: " + log.read_text()[-2000:])


BROAD = [False]


def query(rng: np.random.Generator) -> str:
    first = int(rng.integers(2015, 2020))
    if BROAD[0]:
        region = f"region={REGIONS[rng.integers(0, len(REGIONS))]}&" if rng.integers(0, 2) else ""
        return f"/api/v1/observations?{region}limit=1000&offset={int(rng.integers(0, 50)) * 10_000}"
    return (f"/api/v1/observations?indicator=ind-{rng.integers(0, 100):03d}"
            f"&region={REGIONS[rng.integers(0, len(REGIONS))]}&from={first}&to={first + 4}")


def worker_memory(master: int) -> list[float]:
    """Resident memory (MiB) of each worker process of the server."""
    children = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master)], capture_output=True, text=True)
    return [int(kib) / 1024 for kib in children.stdout.split()]


def client(base: str, until: float, seed: int, latencies: list[float], sizes: list[int],
           failures: list[str]) -> None:
    session, rng = requests.Session(), np.random.default_rng(seed)
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            response = session.get(base + query(rng), timeout=30)
        except requests.RequestException as error:
            failures.append(str(error))
            continue
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            failures.append(f"{response.status_code}: {response.text[:200]}")
        sizes.append(int(response.headers.get("Content-Length", len(response.content))))


def in_process(store: Path, n: int = 200) -> np.ndarray:
    """Milliseconds per request without HTTP or other processes: the API's own cost (gzip included)."""
    os.environ["CITY_SDG_STORE"] = str(store)
    test_client, rng = wsgi().test_client(), np.random.default_rng(7)
    test_client.get(query(rng))
    times = []
    for _ in range(n):
        started = time.perf_counter()
        assert test_client.get(query(rng), headers={"Accept-Encoding": "gzip"}).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    return np.array(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--server", choices=("gunicorn", "werkzeug"), default="gunicorn")
    parser.add_argument("--store", help="serve this store instead of building one")
    parser.add_argument("--broad", action="store_true", help="broad queries, pages deep inside")
    args = parser.parse_args()
    BROAD[0] = args.broad
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            started = time.perf_counter()
            build_store(store, args.places)
            print(f"store: {args.places:,} places x 100 indicators x 10 years, built in "
                  f"{time.perf_counter() - started:.1f} s")
        port = free_port()
        server = start_server(args.server, port, store, Path(tmp) / "server.log")
        try:
            base = f"http://127.0.0.1:{port}"
            cold = time.perf_counter()
            first = requests.get(base + query(np.random.default_rng(0)), timeout=60)
            print(f"first request (loads and prepares the version): {time.perf_counter() - cold:.2f} s, "
                  f"{first.json()['meta']['total']:,} rows")
            failures: list[str] = []
            client(base, time.perf_counter() + 3, 99, [], [], failures)  # every worker loads the version
            latencies: list[float] = []
            sizes: list[int] = []
            until = time.perf_counter() + args.seconds
            threads = [threading.Thread(target=client, args=(base, until, i, latencies, sizes, failures))
                       for i in range(args.clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - began
            memory = worker_memory(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
        alone = in_process(store)
    ms = np.array(latencies) * 1000
    how = "2 sync workers, as in the Procfile" if args.server == "gunicorn" else "threaded"
    print(f"server: {args.server} ({how}); {args.clients} client threads for {elapsed:.1f} s; "
          f"{len(ms):,} requests")
    print(f"throughput: {len(ms) / elapsed:,.1f} requests per second")
    print(f"latency: p50 {np.percentile(ms, 50):.1f} ms, p95 {np.percentile(ms, 95):.1f} ms, "
          f"p99 {np.percentile(ms, 99):.1f} ms, max {ms.max():.1f} ms")
    print(f"response body (gzip): median {statistics.median(sizes) / 1024:.1f} KiB")
    print("worker resident memory at the end: " + ", ".join(f"{m:,.0f} MiB" for m in memory))
    print(f"in process, one request at a time: median {np.median(alone):.1f} ms, "
          f"p95 {np.percentile(alone, 95):.1f} ms")
    print(f"failed requests: {len(failures)}" + (f" (first: {failures[0]})" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
