"""`city-sdg serve`: the app under gunicorn, as a city deploys it (workers and threads from the CPU
count or the command line), or Flask's reloading development server with --dev."""

from __future__ import annotations

import gc
import logging

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
    gc.freeze()


class Production(BaseApplication):
    """gunicorn started from Python, so `city-sdg serve` needs no separate command line."""

    def __init__(self, store: str, options: dict):
        self.store, self.options = store, options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        from dashboard.app import create_app

        configure_logging()
        server = create_app(self.store).server
        warm(server, first_view=True)
        return server


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
