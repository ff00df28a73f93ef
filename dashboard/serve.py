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
from loaders.memory import give_back_free_memory

LOG_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"
log = logging.getLogger("city_sdg.serve")


MALLOC_ARENAS = 2
"""glibc's malloc arenas per process. By default a threaded process may have 8 per core, each
keeping what its threads freed; a gthread worker then holds memory no request is using. With two,
10,000-place workers held 536 MiB resident on average instead of 555 (the largest 561 instead of
589), the whole server 815 MiB instead of 852, at the same speed (benchmarks/serving_speed.py,
40 rounds, two runs of each, interleaved)."""
M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


def limit_malloc_arenas(count: int = MALLOC_ARENAS) -> bool:
    """Limit this process's malloc arenas (inherited by the workers it forks); False where the C
    library is not glibc, or when MALLOC_ARENA_MAX is set (the operator's setting stands)."""
    import ctypes

    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        return ctypes.CDLL(None).mallopt(M_ARENA_MAX, count) == 1
    except (OSError, AttributeError):
        return False


def configure_logging() -> None:
    """The app's request and error lines on stderr, beside gunicorn's own."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the request log is ours


def warm(server, first_view: bool = False) -> str | None:
    """Run Dash's first-request setup (callbacks, page routes) before any real request: Dash does it
    lazily, and concurrent first requests in a threaded worker could see it half done. With
    `first_view`, also draw the map page once: the store's current version is opened (its small
    tables read, its large ones opened) and the first view's catalogues made, so that workers
    forked after this share them with the process that made them; returns that version. Then every
    object made so far (modules, plotly's validators, the app, the data) is set aside from the
    garbage collector: a full collection walked them all, 70-100 ms that fell on whichever request
    was running, about one request in eight at 10,000 places (benchmarks/serving_speed.py), and a
    collection in a forked worker would write to every page it walked, so that the worker held its
    own copy. The freeze happens whatever the first view does."""
    version = None
    try:
        client = server.test_client()
        client.get("/healthz").close()
        if first_view:
            answer = client.get("/")
            answer.close()  # as a server does once it has sent it: the views it made are then cached
            if answer.status_code != 200:
                log.warning("the first view before forking answered %d", answer.status_code)
            from dashboard import data
            from views import city as city_view

            with server.app_context():
                store = data.current()
                version = store.version or None
                # a city page's context (its places by id, opening years): the validation layout no
                # longer reads the store, so each worker made it on its first city page (25 ms at
                # 10,000 places), and the test that says the master makes it passed by running order
                city_view.context(store)
    finally:
        give_back_free_memory()  # pages a forked worker would otherwise map, then copy as it writes
        gc.freeze()
    return version


def let_go_of_old_versions(server) -> None:
    """Before a new version is opened in the master: drop what it kept of the older ones (the opened
    versions, their pictures, answers in an in-process cache), which every new worker would
    otherwise inherit."""
    from dashboard import data, first_paint
    from dashboard.cache import cache

    data.load_version.cache_clear()
    first_paint.forget()
    with server.app_context():
        if cache.kind == "in-process":
            cache.backend.clear()


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
        """The version the master opened; the watch signals only for another one."""
        self.reloading = threading.Event()
        """Set by the watch when it signals, cleared once the master has opened the new version."""
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
        self.version = warm(self.server, first_view=True)
        return self.server

    def current_version(self) -> str | None:
        try:
            return config.serving_store(self.store).current_version()
        except (OSError, ValueError, RuntimeError):  # unreadable or half-synced CURRENT: look again later
            return None

    def share_current_version(self) -> None:
        """On SIGHUP, before the new workers are forked: open the current version here (the older
        ones let go) and draw its first view, for every new worker to share."""
        if self.server is None:
            return
        try:
            gc.unfreeze()
            let_go_of_old_versions(self.server)
            self.version = warm(self.server, first_view=True)  # freezes again, even if it fails
            log.info("sharing data version %s with new workers", self.version)
        except Exception:  # the workers still read the store on their own; never stop the master
            log.exception("opening the new data version before forking")
        finally:
            self.reloading.clear()

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
                try:
                    found = self.current_version()
                    if found is not None and found != self.version and not self.reloading.is_set():
                        self.reloading.set()  # one signal until the master has opened a version
                        os.kill(master, signal.SIGHUP)
                except Exception:  # keep watching whatever one look met
                    log.exception("looking for a new data version")

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
        # a shared explore address naming a few hundred places runs past gunicorn's 4 KB line, which
        # was answered with a bare 414; 8 KB, as nginx's default buffers allow
        "limit_request_line": 8190,
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
    limit_malloc_arenas()  # before the app's threads and the workers exist
    Production(store, options).run()
