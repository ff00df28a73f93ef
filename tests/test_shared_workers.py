"""`city-sdg serve` loads the app and the store's current version once, before forking its workers:
the workers share those pages (the data and the code), each keeps only what its own requests made,
a new import is still picked up without a restart, and nothing the loading process held locked is
left locked in a worker."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from loaders.paths import DEMO_STORE
from tests.cluster import free_port, wait_for


def memory_of(pid: int) -> dict[str, float]:
    """Resident memory of one process in MiB: shared with other processes, and its own."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0]) / 1024
    return {"shared": fields["Shared_Clean"] + fields["Shared_Dirty"],
            "private": fields["Private_Clean"] + fields["Private_Dirty"]}


def workers_of(master: int) -> list[int]:
    """The processes whose parent is `master` (from /proc: no `ps` needed on a bare machine)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master:
            found.append(int(stat.parent.name))
    return sorted(found)


def wait_for_workers(master: int, count: int, other_than: set[int] = frozenset(),
                     of_all: int | None = None) -> list[int]:
    """`count` workers of `master` not among `other_than`, once it has `of_all` (else `count`) in all."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = [pid for pid in workers_of(master) if pid not in other_than]
        if len(found) == count and len(workers_of(master)) == (of_all or count):
            return found
        time.sleep(0.2)
    raise AssertionError(f"{count} new workers of {master} expected, found {workers_of(master)}")


def opened_versions(pid: int) -> set[str]:
    """The store versions whose files process `pid` holds open: Parquet files (the serving layer
    reads them with pread) and the map's grid (an Arrow file it maps, listed in its maps)."""
    targets = [Path(f"/proc/{pid}/maps").read_text()]
    for link in Path(f"/proc/{pid}/fd").iterdir():
        try:
            targets.append(os.readlink(link))
        except OSError:  # closed meanwhile
            continue
    return set(re.findall(r"/versions/([^/\s]+)/\S*\.(?:parquet|arrow)", "\n".join(targets)))


@pytest.fixture()
def server(tmp_path):
    store = tmp_path / "store"
    shutil.copytree(DEMO_STORE, store)
    port = free_port()
    env = {**os.environ, "CITY_SDG_CACHE_URL": "", "CITY_SDG_CACHE": str(tmp_path / "cache"),
           "CITY_SDG_VERSION_POLL": "1"}
    with open(tmp_path / "serve.log", "wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("city-sdg")), "serve", "--store", str(store), "--host",
             "127.0.0.1", "--port", str(port), "--workers", "2", "--threads", "2"],
            stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for(f"http://127.0.0.1:{port}/readyz", 120, process)
        yield process, f"http://127.0.0.1:{port}", store, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(timeout=60)
        print((tmp_path / "serve.log").read_text(errors="replace")[-4000:])  # shown when a test fails


@pytest.mark.slow
def test_workers_share_what_was_loaded_before_they_were_forked(server):
    process, base, _store, _log = server
    # before any request, each worker has the version's files open: the master opened them
    for worker in wait_for_workers(process.pid, 2):
        assert opened_versions(worker) == {"demo-1"}, worker
        # started again with Arrow's memory from the C library's allocator (dashboard/cli.py)
        environment = Path(f"/proc/{worker}/environ").read_bytes().split(b"\0")
        assert b"ARROW_DEFAULT_MEMORY_POOL=system" in environment, worker
    for path in ("/", "/city/ken-nairobi", "/explore", "/api/v1/places?limit=5") * 3:
        assert requests.get(base + path, timeout=60).status_code == 200  # a new connection each
    for worker in workers_of(process.pid):
        memory = memory_of(worker)
        # each loading its own app and data held about 3x more of its own than it shared; sharing,
        # about 2.8x more shared than its own, down to 2.0x on a loaded machine (malloc's arenas)
        assert memory["shared"] > 1.5 * memory["private"], (worker, memory)
        assert memory["shared"] > 100, (worker, memory)  # the app's modules and the demo's tables (130 MiB)


@pytest.mark.slow
def test_a_new_import_is_served_at_once_then_shared_by_new_workers(server, tmp_path):
    from tests.test_scale_out import import_values

    process, base, store, log = server
    before = requests.get(base + "/api/v1/versions", timeout=30).json()["data"]
    first_workers = set(wait_for_workers(process.pid, 2))
    new = import_values(tmp_path, store, 25.5)
    seen = {requests.get(base + "/api/v1/places?limit=1", timeout=30).headers["X-Data-Version"]
            for _ in range(6)}
    assert seen == {new} and new not in {row["version"] for row in before}
    # within a few seconds the master has opened the new version and forked new workers from it
    for worker in wait_for_workers(process.pid, 2, other_than=first_workers):
        assert opened_versions(worker) == {new}, worker  # before any request of theirs
    assert opened_versions(process.pid) == {new}  # the master let the old version go
    text = log.read_text(errors="replace")
    assert f"sharing data version {new}" in text and "opening the new data version" not in text
    for path in ("/", "/city/ken-nairobi") * 2:
        assert requests.get(base + path, timeout=60).status_code == 200
    for _ in range(4):
        answer = requests.get(base + "/api/v1/observations?indicator=11-6-2", timeout=30)
        assert answer.headers["X-Data-Version"] == new and "25.5" in answer.text
    for worker in workers_of(process.pid):
        memory = memory_of(worker)
        assert memory["shared"] > 1.5 * memory["private"], (worker, memory)


def test_a_forked_worker_finds_no_compression_lock_held():
    from dashboard.delivery import precompress

    holding, release = threading.Event(), threading.Event()

    def compressing() -> None:  # the warm-up thread, caught mid-file by the fork
        with precompress._lock("some-file.br"):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=compressing)
    thread.start()
    holding.wait(10)
    pid = os.fork()
    if pid == 0:  # the worker: the thread holding the lock does not exist here
        code = 1
        try:
            code = 0 if precompress._lock("some-file.br").acquire(timeout=2) else 1
        finally:
            os._exit(code)
    release.set()
    thread.join()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.slow
def test_an_address_naming_hundreds_of_places_is_served(server):
    """A shared explore address with 400 chosen places is about 6 KB: gunicorn's default 4 KB
    request line answered it with a bare 414."""
    _process, base, _store, _log = server
    places = ",".join(f"zzz-place-{number:04d}" for number in range(400))
    answer = requests.get(f"{base}/explore?view=table&places={places}", timeout=60)
    assert len(answer.request.url) > 6000 and answer.status_code == 200
    assert requests.get(f"{base}/explore?q={'x' * 9000}", timeout=60).status_code in (400, 414)


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced_by_one_sharing_the_current_version(server, tmp_path):
    """gunicorn forks a new worker when one is killed (out of memory, a timeout, an operator): the
    new one is forked from the master, so it holds the version the master opened, the newest after
    an import, before any request of its own, and the server goes on answering meanwhile."""
    import signal

    from tests.test_scale_out import import_values

    process, base, _store, log = server
    first = wait_for_workers(process.pid, 2)
    os.kill(first[0], signal.SIGKILL)
    replaced = wait_for_workers(process.pid, 1, other_than=set(first), of_all=2)
    assert opened_versions(replaced[0]) == {"demo-1"}
    assert first[1] in workers_of(process.pid)  # the other one was left alone
    for path in ("/", "/city/ken-nairobi", "/api/v1/places?limit=5") * 2:
        assert requests.get(base + path, timeout=60).status_code == 200

    new = import_values(tmp_path, _store, 31.5)
    deadline = time.monotonic() + 60
    while f"sharing data version {new}" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the master did not open the new version"
        time.sleep(0.2)
    after_import = wait_for_workers(process.pid, 2, other_than=set(first) | set(replaced))
    os.kill(after_import[1], signal.SIGKILL)
    again = wait_for_workers(process.pid, 1, other_than=set(first) | set(replaced) | set(after_import),
                             of_all=2)
    assert opened_versions(again[0]) == {new}
    answer = requests.get(base + "/api/v1/observations?indicator=11-6-2", timeout=30)
    assert answer.headers["X-Data-Version"] == new and "31.5" in answer.text
