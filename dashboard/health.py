"""Health checks for load balancers, and one log line per request.

`/healthz`: the process answers. `/readyz`: the store's current version can be read and the shared
cache answers (or is bypassed, which still serves). Each request logs one line: method, path, the
view (the Flask endpoint, or the Dash callback's output), status and milliseconds.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pyarrow.parquet as pq
from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from dashboard import data
from dashboard.cache import cache
from loaders.store import META

log = logging.getLogger("city_sdg.requests")
DASH_CALLBACK = "/_dash-update-component"


def plain(body: dict, status: int) -> Response:
    response = Response(json.dumps(body), status=status, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


READABLE: set[str] = set()
"""Version folders whose every table was found readable (checked once each; a failure is checked again)."""


def readable(folder: Path) -> None:
    """Raise unless every table of a version folder opens: its meta.json parses and each Parquet
    file's footer reads. A half-synced or damaged version (an empty places.parquet) answered
    "ready" while every page failed, so a load balancer kept sending readers to it."""
    key = str(folder)
    if key in READABLE:
        return
    json.loads((folder / META).read_text(encoding="utf-8"))
    for path in sorted(folder.rglob("*.parquet")):
        try:
            pq.read_metadata(path)
        except Exception as error:
            raise OSError(f"{path.relative_to(folder)} cannot be read ({error})") from error
    READABLE.add(key)


def readiness() -> tuple[dict, int]:
    store = data.serving_store()
    body: dict = {"store": str(store.root), "cache": cache.status()}
    try:
        version = store.current_version()
        if version is None:
            raise FileNotFoundError("no CURRENT version")
        readable(store.version_dir(version))
        data.current()  # the version this worker serves opens, as a page would open it
        body["version"] = version
    except Exception as error:  # whatever makes the store unreadable makes this server not ready
        body["error"] = f"{type(error).__name__}: {error}"
        return {"ready": False, **body}, 503
    return {"ready": True, **body}, 200


def loggable(text: object, limit: int = 500) -> str:
    """`text` for one log line: control characters (a newline, a NUL) and line separators escaped, so
    that an address such as `/city/x%0AFORGED` cannot write a line of its own into the log, and cut
    to `limit` characters."""
    text = str(text)[:limit]
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
                   for char in text)


def callback_body() -> object:
    """A callback request's parsed body, or None: malformed, too large, or nested too deep to parse."""
    try:
        return request.get_json(silent=True, cache=True)
    except (RecursionError, HTTPException):
        return None


def view_name() -> str:
    if request.path == DASH_CALLBACK:
        payload = callback_body()
        output = payload.get("output") if isinstance(payload, dict) else None
        return f"callback:{loggable(output, 120)}"
    return request.endpoint or "-"


def install(server: Flask) -> None:
    @server.route("/healthz")
    def healthz() -> Response:
        return plain({"alive": True}, 200)

    @server.route("/readyz")
    def readyz() -> Response:
        body, status = readiness()
        return plain(body, status)

    @server.before_request
    def start_clock() -> None:
        g.started = time.perf_counter()

    @server.after_request
    def log_request(response: Response) -> Response:
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s view=%s status=%d ms=%.1f", loggable(request.method, 20), loggable(request.path),
                 view_name(), response.status_code, elapsed)
        return response
