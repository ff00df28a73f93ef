"""Serving speed at 1,000 and 10,000 places, against a plain Dash app, over HTTP under gunicorn.

Run: nice .venv/bin/python benchmarks/serving_speed.py [--sizes 1000x60x10,10000x100x25]
     [--rounds 100] [--workers 2] [--keep DIR] [--crawl N] [--pause MS]

For each size, builds a store with benchmarks/scoring_speed.py's `synthetic` generator (written
directly: observations sorted as the importer writes them, scored goal by goal with the
importer's own `score_to_folder`, committed by `Store`, which adds the serving layout), serves it
with gunicorn as the Procfile does (`city-sdg serve`), and serves the plain Dash baseline
(benchmarks/plain_dash.py: one dcc.Graph, a callback filtering a long DataFrame with pandas and
returning px.scatter_geo) on the same data the same way. Requests are interleaved: each round
asks every view of the project once, then the baseline, each with a state not asked before (cold
cache), then the same states again (warm cache); then more new states from several clients at
once, each request on its own connection, so that every worker has served views before its memory
is read. Prints one table: view x size x p50/p95 server
time (cold, warm), ratio of the map callback to the baseline, first view after start, and each
worker's resident memory split into shared and private, and the whole server's (master and workers)
proportional share (/proc/PID/smaps_rollup). With --crawl N, N city pages of different places
are then asked from several clients (a crawler's walk) and memory is read again. With --pause MS,
each timed ask waits MS milliseconds after the one before, as a reader pauses between changes:
without pauses an ask on the same connection may wait for what the server does after sending
the one before (writing that answer to the cache).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

PORTS = iter(range(18300, 18400))
OPTIONS = {"goal_colour_rule": "two_worst"}
PROJECTS_PER_PLACE = 2
"""Projects of a built store: 2,000 at 1,000 places, 20,000 at 10,000."""


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


def synthetic_projects(places: pd.DataFrame, seed: int = 12) -> pd.DataFrame:
    """PROJECTS_PER_PLACE projects per place: the demo's projects as templates, moved to the places
    with jittered coordinates, budgets and start dates (as benchmarks/projects_speed.py does)."""
    from loaders import schema
    from loaders.paths import DEMO_STORE
    from loaders.store import Store

    demo = Store(DEMO_STORE).read().projects
    count = len(places) * PROJECTS_PER_PLACE
    rng = np.random.default_rng(seed)
    base = demo.sample(count, replace=True, random_state=seed).reset_index(drop=True)
    where = places.iloc[np.arange(count) % len(places)].reset_index(drop=True)
    factor = rng.lognormal(0, 0.5, count)
    shift = pd.to_timedelta(rng.integers(-730, 730, count), unit="D")
    projects = base.assign(
        project_id=[f"bench-{i:06d}" for i in range(count)], place_id=where["place_id"].to_numpy(),
        lat=where["lat"].to_numpy() + rng.normal(0, 0.05, count),
        lon=where["lon"].to_numpy() + rng.normal(0, 0.05, count),
        budget=(base["budget"].astype("float64") * factor).round(-2),
        budget_usd=(base["budget_usd"].astype("float64") * factor).round(-2),
        start_date=(pd.to_datetime(base["start_date"]) + shift).dt.strftime("%Y-%m-%d"))
    return schema.conform("projects", projects)


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
        draft.put("projects", synthetic_projects(places))
        write_observations(observations, draft.folder / "observations.parquet")
        del observations
        score_to_folder(places, indicators, draft.folder / "observations.parquet", OPTIONS, draft.folder)
        draft.commit({"sources": [{"name": f"synthetic {places_n}x{indicators_n}x{years_n}"}],
                      "options": OPTIONS})
    return time.perf_counter() - started




def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:  # a file, not a pipe: an unread pipe stalls a server that logs
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=HERE)


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} not ready in {seconds} s")


def project_server(store: Path, port: int, workers: int, threads: int, cache: Path, log: Path):
    """`city-sdg serve` as the Procfile runs it, with the on-disk view cache every worker shares."""
    env = {**os.environ, "CITY_SDG_CACHE_URL": cache.as_uri(), "CITY_SDG_CACHE": str(cache.parent / "static")}
    command = [str(Path(sys.executable).with_name("city-sdg")), "serve", "--store", str(store), "--host",
               "127.0.0.1", "--port", str(port), "--workers", str(workers), "--threads", str(threads)]
    return start(command, env, log)


def baseline_server(store: Path, port: int, workers: int, threads: int, log: Path):
    """The plain Dash app under gunicorn with the same workers, threads and worker class."""
    env = {**os.environ, "PLAIN_DASH_STORE": str(store), "PYTHONPATH": str(HERE)}
    worker_class = "gthread" if threads > 1 else "sync"
    command = [str(Path(sys.executable).with_name("gunicorn")), "--bind", f"127.0.0.1:{port}", "--workers",
               str(workers), "--threads", str(threads), "--worker-class", worker_class,
               "--timeout", "120", "plain_dash:server"]
    return start(command, env, log)


def first_view(base: str) -> float:
    """One reader's first page view: the HTML, Dash's layout (the map page's view) and callbacks."""
    started = time.perf_counter()
    with requests.Session() as session:
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            answer = session.get(base + path, headers={"Referer": base + "/"}, timeout=300)
            answer.raise_for_status()
    return time.perf_counter() - started


def callbacks(base: str) -> list[dict]:
    return requests.get(base + "/_dash-dependencies", timeout=60).json()


def find(dependencies: list[dict], output_part: str) -> dict:
    return next(d for d in dependencies if output_part in d["output"])


def body(dependency: dict, values: dict) -> dict:
    """A Dash callback request for `dependency`, each input and state's value taken from `values`
    (by "id.property" or by id), None otherwise."""
    def entry(item: dict) -> dict:
        key = f"{item['id']}.{item['property']}"
        return {**item, "value": values.get(key, values.get(item["id"]))}

    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True))
               for o in dependency["output"].strip(".").split("...")]
    inputs = [entry(i) for i in dependency["inputs"]]
    return {"output": dependency["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": inputs, "state": [entry(s) for s in dependency.get("state", [])],
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}


def post(session: requests.Session, url: str, payload: dict) -> float:
    started = time.perf_counter()
    answer = session.post(url, json=payload, timeout=300)
    elapsed = time.perf_counter() - started
    if answer.status_code not in (200, 204):
        raise RuntimeError(f"{url}: {answer.status_code} {answer.text[:300]}")
    return elapsed


def states(size: tuple[int, int, int], rounds: int, seed: int = 5) -> list[dict]:
    """One state per round for each view, none asked twice (a cold cache for every first ask); the
    projects filter's from benchmarks/projects_speed.py (one to four filters set), the first of
    which, no filter, is left out (the page's first view, not a filter change)."""
    from projects_speed import filter_states

    places, _indicators, years = size
    rng = random.Random(seed)
    grid = [(goal, 2015 + year) for goal in range(1, 18) for year in range(years)]
    rng.shuffle(grid)
    picked = rng.sample(range(places), rounds)
    m49 = pd.read_csv(ROOT / "data" / "reference" / "m49.csv", dtype=str)
    filters = filter_states(rounds + 1, list(range(2018, 2031)), sorted(m49["region"].dropna().unique()),
                            [f"city-{p:05d}" for p in range(places)], seed=seed)[1:]
    return [{"goal": str(goal), "year": year, "place": f"city-{picked[r]:05d}", "projects": filters[r]}
            for r, (goal, year) in enumerate(grid[:rounds])]


NO_OP = "no-op callback (HTTP floor)"
"""The plain app's callback that does nothing: what any answer costs on this stack."""


def current_version(base: str) -> str:
    rows = requests.get(base + "/api/v1/versions", timeout=60).json()["data"]
    return next(row["version"] for row in rows if row["current"])


def requests_for(project: str, baseline: str, deps: list[dict], base_deps: list[dict], state: dict,
                 version: str = "") -> dict:
    router = find(deps, "_pages_content.children")
    return {
        "map callback": (project, body(find(deps, "map-graph.figure"), {
            "map-goal": state["goal"], "map-year": state["year"], "map-view": "places"})),
        "city page render": (project, body(router, {
            "_pages_location.pathname": f"/city/{state['place']}", "_pages_location.search": ""})),
        "explore update": (project, body(find(deps, "explore-content.children"), {
            "explore-view": "ranking", "explore-goal": state["goal"], "explore-year": state["year"],
            # what the page stores for its default state and its data version, as a browser sends them
            "explore-state": {}, "explore-version": version})),
        **({"projects filter": (project, body(find(deps, "projects-overview.children"), {
            f"projects-{key.replace('_', '-')}": value  # the page's control ids
            for key, value in state["projects"].items()}))} if any(
            "projects-overview.children" in d["output"] for d in deps) else {}),
        "plain Dash map": (baseline, body(find(base_deps, "map.figure"), {
            "goal": int(state["goal"]), "year": state["year"]})),
        NO_OP: (baseline, body(find(base_deps, "echo.data"), {"goal": int(state["goal"])})),
    }


def measure(project: str, baseline: str, size: tuple[int, int, int], rounds: int,
            pause: float = 0.0) -> dict[str, dict]:
    """Server time over HTTP of every view, cold (each state's first ask) and warm (the second),
    views interleaved: each round asks every view once, the plain app among them."""
    deps, base_deps = callbacks(project), callbacks(baseline)
    times: dict[str, dict[str, list[float]]] = {}
    version = current_version(project)
    plan = [requests_for(project, baseline, deps, base_deps, state, version)
            for state in states(size, rounds)]
    with requests.Session() as session:
        for temperature in ("cold", "warm"):
            for asks in plan:
                for view, (base, payload) in asks.items():
                    time.sleep(pause)
                    elapsed = post(session, base + "/_dash-update-component", payload)
                    times.setdefault(view, {}).setdefault(temperature, []).append(elapsed)
    return times


def spread(project: str, baseline: str, size: tuple[int, int, int], rounds: int, clients: int) -> None:
    """Work for every worker before memory is read: new states (cold), each request on its own
    connection, `clients` at once, so that the kernel hands them to every worker (the timed rounds
    keep one connection, which one worker serves)."""
    deps, base_deps = callbacks(project), callbacks(baseline)
    version = current_version(project)
    asks = [ask for state in states(size, rounds, seed=6)
            for ask in requests_for(project, baseline, deps, base_deps, state, version).values()]

    def one(ask: tuple[str, dict]) -> None:
        base, payload = ask
        answer = requests.post(base + "/_dash-update-component", json=payload, timeout=300)
        if answer.status_code not in (200, 204):
            raise RuntimeError(f"{base}: {answer.status_code}")

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, asks))


def crawl(project: str, places: int, pages: int, clients: int, seed: int = 8) -> None:
    """What a search engine's crawler does: `pages` city pages, each a different place, asked by
    `clients` at once, each on its own connection (so every worker serves some)."""
    deps = callbacks(project)
    router = find(deps, "_pages_content.children")
    picked = random.Random(seed).sample(range(places), min(pages, places))

    def one(place: int) -> None:
        payload = body(router, {"_pages_location.pathname": f"/city/city-{place:05d}",
                                "_pages_location.search": ""})
        answer = requests.post(project + "/_dash-update-component", json=payload, timeout=300)
        if answer.status_code not in (200, 204):
            raise RuntimeError(f"{project}: {answer.status_code}")

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, picked))


def smaps(pid: int) -> dict[str, float]:
    """One process's resident memory (MiB): total, proportional share, shared with other
    processes, private."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {"rss": fields["Rss"], "pss": fields["Pss"],
            "shared": fields["Shared_Clean"] + fields["Shared_Dirty"],
            "private": fields["Private_Clean"] + fields["Private_Dirty"]}


def memory(master: int) -> dict:
    """Each gunicorn worker's resident memory, and the whole server's (the master, which holds what
    it loaded before forking, and its workers): the sum of their proportional shares (PSS), which
    counts a page shared by n processes 1/n in each, so it is what the server costs the machine."""
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True)
    workers = [smaps(int(pid)) for pid in children.stdout.split()]
    total = smaps(master)["pss"] + sum(worker["pss"] for worker in workers)
    return {"workers": workers, "total_pss": total}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} / {percentile(values, 0.95) * 1000:.0f}"


def run_size(size: tuple[int, int, int], folder: Path, rounds: int, workers: int, threads: int,
             pages: int = 0, pause: float = 0.0) -> dict:
    store = folder / "x".join(map(str, size))
    if not (store / "CURRENT").is_file():
        print(f"building {store.name} ...", flush=True)
        print(f"  built in {build_store(store, *size):.0f} s", flush=True)
    project_port, baseline_port = next(PORTS), next(PORTS)
    project, baseline = f"http://127.0.0.1:{project_port}", f"http://127.0.0.1:{baseline_port}"
    cache = Path(tempfile.mkdtemp(prefix="views-", dir=folder))
    started = time.perf_counter()
    server = project_server(store, project_port, workers, threads, cache, folder / "project.log")
    plain = None
    try:
        wait_ready(project + "/healthz", server)
        ready = time.perf_counter() - started
        first = first_view(project)  # before the plain app starts: its loading would share the CPUs
        plain = baseline_server(store, baseline_port, workers, threads, folder / "baseline.log")
        wait_ready(baseline + "/", plain)
        times = measure(project, baseline, size, rounds, pause)
        spread(project, baseline, size, rounds, 2 * workers)
        memories = {"project": memory(server.pid), "plain Dash": memory(plain.pid)}
        if pages:
            crawl(project, size[0], pages, 2 * workers)
            memories[f"project, then {pages:,} city pages crawled"] = memory(server.pid)
    finally:
        for process in (server, plain):
            if process is not None:
                process.terminate()
                process.wait(timeout=60)
    return {"ready": ready, "first": first, "times": times, "memory": memories}


def report(results: dict) -> None:
    print("\n| view | size | cold p50 / p95 ms | warm p50 / p95 ms | cold p50 / p95 vs plain Dash |")
    print("|---|---|---|---|---|")
    for size, result in results.items():
        base = result["times"]["plain Dash map"]["cold"]
        for view, measured in result["times"].items():
            cold, warm = measured["cold"], measured["warm"]
            ratio = (f"{statistics.median(base) / statistics.median(cold):.1f}x / "
                     f"{percentile(base, 0.95) / percentile(cold, 0.95):.1f}x faster"
                     if view not in ("plain Dash map", NO_OP) else "")
            print(f"| {view} | {size} | {ms(cold)} | {ms(warm)} | {ratio} |")
    for size, result in results.items():
        base, floor = result["times"]["plain Dash map"]["cold"], result["times"][NO_OP]["cold"]
        print(f"\n{size}: 3x the plain Dash map asks for a cold p50 of "
              f"{statistics.median(base) * 1000 / 3:.1f} ms; a callback that does nothing takes "
              f"{statistics.median(floor) * 1000:.1f} ms on the same stack", end="")
    print()
    print("\n| size | server ready | first view after ready | app "
          "| per worker RSS / PSS / shared / private MiB | whole server (master + workers), PSS MiB |")
    print("|---|---|---|---|---|---|")
    for size, result in results.items():
        for app, found in result["memory"].items():
            shown = "; ".join(f"{w['rss']:.0f} / {w['pss']:.0f} / {w['shared']:.0f} / {w['private']:.0f}"
                              for w in found["workers"])
            print(f"| {size} | {result['ready']:.1f} s | {result['first']:.2f} s | {app} | {shown} "
                  f"| {found['total_pss']:.0f} |")


def sizes(text: str) -> list[tuple[str, tuple[int, int, int]]]:
    """'1000x60x10,10000x100x25' as (text, (places, indicators, years)) pairs; a clear error otherwise."""
    found = []
    for part in text.split(","):
        numbers = part.strip().split("x")
        if len(numbers) != 3 or not all(n.isdigit() and int(n) > 0 for n in numbers):
            raise argparse.ArgumentTypeError(f"{part!r} is not PLACESxINDICATORSxYEARS, e.g. 1000x60x10")
        found.append((part.strip(), tuple(int(n) for n in numbers)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=sizes, default="1000x60x10,10000x100x25",
                        help="stores to serve, places x indicators x years, comma-separated")
    parser.add_argument("--rounds", type=int, default=100,
                        help="cold states per view (a p95 of 40 asks was their second slowest: one "
                        "hiccup of a shared machine decided it)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", help="folder for the stores, kept for the next run (default: temporary)")
    parser.add_argument("--crawl", type=int, default=0, metavar="N",
                        help="then ask N city pages of different places and read memory again")
    parser.add_argument("--pause", type=float, default=0.0, metavar="MS",
                        help="milliseconds between timed asks, a reader's pause (default 0)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="serving-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    for text, size in args.sizes:
        results[text] = run_size(size, folder, args.rounds, args.workers, args.threads, args.crawl,
                                 args.pause / 1000)
        report({text: results[text]})
        sys.stdout.flush()
    if len(results) > 1:
        report(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
