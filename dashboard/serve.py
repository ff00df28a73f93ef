"""`city-sdg serve`: the app under gunicorn, as a city deploys it (workers and threads from the CPU
count or the command line), or Flask's reloading development server with --dev."""

from __future__ import annotations

import gc
import logging
import os
import signal
import threading
import time

from gunicorn.app.base import BaseApplication

from dashboard import config

LOG_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"


def configure_logging() -> None:
    """The app's request and error lines on stderr, beside gunicorn's own."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the request log is ours


def warm(server, first_view: bool = False) -> None:
    """Run Dash's first-request setup (callbacks, page routes) before any real request: Dash does it
    lazily, and concurrent first requests in a threaded worker could see it half done. With
    `first_view`, also draw the map page once: the store's current version is opened (its small
    tables read, its large ones mapped) and the first view's catalogues made, so that workers
    forked after this share them with the process that made them. Then every object made so far
    (modules, plotly's validators, the app, the data) is set aside from the garbage collector: a
    full collection walked them all, 70-100 ms that fell on whichever request was running, about
    one request in eight at 10,000 places (benchmarks/serving_speed.py), and a collection in a
    forked worker would write to every page it walked, so that the worker held its own copy."""
    client = server.test_client()
    client.get("/healthz")
    if first_view:
        answer = client.get("/")
        if answer.status_code != 200:
            logging.getLogger("city_sdg.serve").warning("the first view before forking answered %d",
                                                        answer.status_code)
    gc.collect()
    give_back_free_memory()
    gc.freeze()


def give_back_free_memory() -> None:
    """Return to the system what loading freed but the allocators kept (Arrow's pool, the C heap's
    free pages): in the master, pages a forked worker would otherwise map, and then fill with its
    own objects, each write copying a page (about 60 MB at 10,000 places)."""
    import ctypes
    import ctypes.util

    import pyarrow

    pyarrow.default_memory_pool().release_unused()
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim this way
        trim = None
    if trim is not None:
        trim(0)


class Production(BaseApplication):
    """gunicorn started from Python, so `city-sdg serve` needs no separate command line.

    The app and the store's current version are loaded here, in gunicorn's master, before it forks
    the workers, which share those pages. A new import is served at once (every request looks for
    the current version), each worker then reading the new version's small tables on its own; so
    the master looks for a new version every `config.version_poll_seconds()` and, when it finds
    one, opens it itself and replaces its workers gracefully (SIGHUP: in-flight requests finish),
    so that the new workers share the new version as the first ones shared the old."""

    def __init__(self, store: str, options: dict):
        self.store, self.options = store, options
        self.server = None
        self.version: str | None = None
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)
        self.cfg.set("when_ready", lambda arbiter: self.watch_versions())
        self.cfg.set("on_reload", lambda arbiter: self.share_current_version())

    def load(self):
        from dashboard.app import create_app

        configure_logging()
        self.server = create_app(self.store).server
        self.version = self.current_version()
        warm(self.server, first_view=True)
        return self.server

    def current_version(self) -> str | None:
        try:
            return config.serving_store(self.store).current_version()
        except OSError:
            return None

    def share_current_version(self) -> None:
        """On SIGHUP, before the new workers are forked: open the current version here (the older
        ones are let go) and draw its first view, for every new worker to share."""
        if self.server is None:
            return
        from dashboard import data

        try:
            gc.unfreeze()
            data.load_version.cache_clear()
            self.version = self.current_version()
            warm(self.server, first_view=True)
            logging.getLogger("city_sdg.serve").info("sharing data version %s with new workers",
                                                     self.version)
        except Exception:  # the workers still read the store on their own; never stop the master
            logging.getLogger("city_sdg.serve").exception("opening the new data version before forking")

    def watch_versions(self) -> None:
        """A thread of the master that only looks and signals: the loading is done by
        `share_current_version`, in the master's own thread, so no lock is held while it forks."""
        seconds = config.version_poll_seconds()
        if not seconds:
            return
        master = os.getpid()

        def look() -> None:
            while True:
                time.sleep(seconds)
                found = self.current_version()
                if found is not None and found != self.version:
                    self.version = found  # one signal per new version
                    os.kill(master, signal.SIGHUP)

        threading.Thread(target=look, name="version-watch", daemon=True).start()


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        # the app, its modules and the store's current version are loaded once, before the workers
        # are forked: they share those pages instead of each loading its own copy
        "preload_app": True,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": 60,
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": None,  # one line per request comes from dashboard/health.py
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "city-sdg",
        "control_socket_disable": True,  # one fixed socket path per user would clash between servers
    }


def run(store: str, host: str, port: int, workers: int | None = None, threads: int | None = None,
        dev: bool = False) -> None:
    if dev:
        from dashboard.app import create_app

        configure_logging()
        create_app(store).run(host=host, port=port, debug=config.dev_debug())
        return
    default_workers, default_threads = config.workers_and_threads()
    options = gunicorn_options(host, port, workers or default_workers, threads or default_threads)
    print(f"gunicorn: {options['workers']} workers x {options['threads']} threads", flush=True)
    Production(store, options).run()
