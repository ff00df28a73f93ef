"""A small cluster on loopback for the scale-out test and the load benchmark: one Redis, app servers
(`city-sdg serve`, gunicorn) sharing it and one store, and nginx in front; everything in a temporary
folder, on free ports, run as the current user, stopped by `Cluster.stop`."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

BIN = Path(sys.executable).parent
SEARCH = ("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")


def binary(name: str) -> str | None:
    """A program on PATH or in the system folders (nginx lives in /usr/sbin, off a user's PATH)."""
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SEARCH))


CLUSTER_PORTS = (20_000, 30_000)
"""Where the cluster's servers listen: below Linux's ephemeral range (32768-60999), from which the
browser tests' servers and every client socket take theirs. A port the kernel handed out and we
closed could be handed to another test worker's server before ours bound it; nginx or an app
server then answered for the wrong app (a 404 for /api/v1/places, non-JSON from /readyz)."""
handed_out: set[int] = set()


def free_port() -> int:
    """A port nothing listens on, in this test worker's share of CLUSTER_PORTS (pytest-xdist's
    workers gw0, gw1... each get their own), never the same twice in one process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    share = (CLUSTER_PORTS[1] - CLUSTER_PORTS[0]) // 8
    start = CLUSTER_PORTS[0] + share * ((int(worker) if worker.isdigit() else 0) % 8)
    first = start + (os.getpid() * 7919) % share  # apart from another run's on the same machine
    for step in range(share):
        port = start + (first - start + step) % share
        if port in handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        handed_out.add(port)
        return port
    raise RuntimeError(f"no free port in {start}-{start + share - 1}")


def wait_for(url: str, seconds: float = 60.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f} s")


def wait_for_redis(port: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"redis on port {port} did not answer")


NGINX_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
daemon off;
{user}
events {{ worker_connections 1024; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;
  client_max_body_size 1m;
  upstream dashboard {{
{servers}
    keepalive 32;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://dashboard;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502 http_504 non_idempotent;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""


@dataclass
class Cluster:
    tmp: Path
    store: Path
    workers: int = 1
    threads: int = 4
    env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.ports['redis']}/0"

    def url(self, name: str = "nginx") -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def log(self, name: str) -> Path:
        return self.tmp / f"{name}.log"

    def spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
        # a log file, not a pipe: an unread pipe fills up and stalls a server that logs every request
        with open(self.log(name), "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                       start_new_session=True)
        self.processes[name] = process
        return process

    def start_redis(self) -> None:
        self.ports["redis"] = self.ports.get("redis") or free_port()
        self.spawn("redis", [binary("redis-server"), "--port", str(self.ports["redis"]),
                             "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(self.tmp)])
        wait_for_redis(self.ports["redis"])

    def stop_redis(self) -> None:
        self.stop_one("redis")

    def app_env(self) -> dict[str, str]:
        return {**os.environ, "CITY_SDG_CACHE_URL": self.redis_url, "CITY_SDG_PROXIES": "1",
                "CITY_SDG_STORE": str(self.store), "WEB_CONCURRENCY": str(self.workers),
                "CITY_SDG_THREADS": str(self.threads), **self.env}

    def start_app(self, name: str) -> None:
        self.ports[name] = self.ports.get(name) or free_port()
        process = self.spawn(name, [str(BIN / "city-sdg"), "serve", "--store", str(self.store),
                                    "--host", "127.0.0.1", "--port", str(self.ports[name])], self.app_env())
        wait_for(self.url(name) + "/healthz", process=process)

    def start_nginx(self, apps: list[str]) -> None:
        self.ports["nginx"] = free_port()
        servers = "\n".join(f"    server 127.0.0.1:{self.ports[a]} max_fails=1 fail_timeout=2s;"
                            for a in apps)
        user = "user root;" if os.geteuid() == 0 else ""  # workers may read this folder as its owner
        conf = self.tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=self.tmp, servers=servers, port=self.ports["nginx"], user=user))
        process = self.spawn("nginx", [binary("nginx"), "-p", str(self.tmp),
                                       "-e", str(self.tmp / "nginx-error.log"), "-c", str(conf)])
        wait_for(self.url() + "/healthz", process=process)

    def start(self, apps: int = 2) -> Cluster:
        self.start_redis()
        names = [f"app{i + 1}" for i in range(apps)]
        for name in names:
            self.start_app(name)
        self.start_nginx(names)
        return self

    def stop_one(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop(self) -> None:
        for name in list(self.processes)[::-1]:
            self.stop_one(name)

    def worker_pids(self, name: str) -> list[int]:
        """The gunicorn workers of app server `name` (children of its master)."""
        master = self.processes[name].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.is_file() else []


def missing_binaries() -> list[str]:
    return [name for name in ("redis-server", "nginx") if binary(name) is None]
