"""Whole answers of the expensive GET endpoints (API, embeds, embed pictures) kept in the shared
cache, keyed by (data version, language, the address links are written with, path and normalised
query): one server computes an answer, every server behind the same Redis serves it. `X-Cache:
hit|miss` says which happened. Kept in the process (no cache URL), they are bounded by bytes."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from flask import Flask, Response, current_app, g, request

from dashboard import answer_state, config, data
from dashboard.cache import cache, key
from layouts import i18n
from loaders.store import VERSION_NAME

CACHED_PATHS = ("/api/v1/", "/embed/")
KEPT_HEADERS = ("Content-Type", "Cache-Control", "X-Data-Version", "X-Total-Count", "Link",
                "Content-Disposition")
MAX_BYTES = 1_000_000
"""Answers larger than this (a page of 50,000 rows as CSV, 4.2 MB) are served but not kept: 150 such
pages at other offsets grew a worker by 600 MB."""
IN_PROCESS_BYTES = 64 * 1024 * 1024
"""What a worker keeps of answers at most when there is no shared cache ($CITY_SDG_CACHE_URL), the
least recently served let go first: its 2,000 entries could hold 8 GB of large answers."""


ENTRY_BYTES = 600
"""What a kept answer costs besides its body (its key, headers, tuple and dict slot), counted so
that 50,000 small answers (1.6 MB of bodies, 34 MB of memory) do not pass for 1.6 MB."""
MAX_ENTRIES = 2000


class Kept:
    """Answers kept in this process for `seconds` ($CITY_SDG_CACHE_SECONDS), the least recently
    served let go once they pass `budget` bytes (bodies and ENTRY_BYTES each) or MAX_ENTRIES."""

    def __init__(self, budget: int = IN_PROCESS_BYTES, seconds: float = 86400.0,
                 entries: int = MAX_ENTRIES) -> None:
        self.budget, self.seconds, self.entries, self.total = budget, seconds, entries, 0
        self.items: OrderedDict[str, tuple[object, int, float]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, name: str) -> object:
        with self.lock:
            found = self.items.get(name)
            if found is None:
                return None
            if time.monotonic() > found[2]:  # older than an answer may live
                self.total -= self.items.pop(name)[1]
                return None
            self.items.move_to_end(name)
            return found[0]

    def set(self, name: str, value: object, size: int) -> None:
        cost = size + len(name) + ENTRY_BYTES
        with self.lock:
            if name in self.items:
                self.total -= self.items.pop(name)[1]
            self.items[name] = (value, cost, time.monotonic() + self.seconds)
            self.total += cost
            while (self.total > self.budget or len(self.items) > self.entries) and self.items:
                self.total -= self.items.popitem(last=False)[1][1]


KEPT = "city_sdg_answers"


def store_of() -> Kept | object:
    """Where answers are kept: the shared cache (Redis, disk), else this app's own `Kept`."""
    return current_app.extensions[KEPT] if cache.kind == "in-process" else cache


def cacheable() -> bool:
    return request.method in ("GET", "HEAD") and request.path.startswith(CACHED_PATHS) \
        and request.path != "/api/v1/"


def version() -> str | None:
    """The version an answer will come from; None (not cached) for a name no version can have."""
    asked = request.args.get("version")
    if asked:
        return asked if VERSION_NAME.fullmatch(asked) else None
    return data.serving_store().current_version()


def install(server: Flask) -> None:
    """Call after the language is set per request (dashboard.language.install)."""
    server.extensions[KEPT] = Kept(seconds=config.cache_seconds())

    @server.before_request
    def serve_kept() -> Response | None:
        if not cacheable():
            return None
        served = version()
        if served is None:
            return None
        # the address its links are written with: a forged Host (or X-Forwarded-Host) header made an
        # answer whose links led to another site, then served to every reader from the cache
        root = config.public_url(request.root_url)
        asked = answer_state.pairs(request.path, request.args, served)  # ?goal=03 is ?goal=3's answer
        state = [("root", root), ("path", request.path), *asked]
        g.answer_version, g.answer_key = served, key("answer", served, i18n.language(), state)
        found = store_of().get(g.answer_key)
        if found is None:
            return None
        status, headers, body = found
        response = Response(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Cache"] = "hit"
        return response

    @server.after_request
    def keep(response: Response) -> Response:
        if "answer_key" not in g or response.headers.get("X-Cache") == "hit":
            return response
        response.headers["X-Cache"] = "miss"
        if request.method == "HEAD":  # a picture's HEAD is not drawn (embed.asked.unseen): nothing to keep
            return response
        # an import between reading CURRENT and building the answer: keep it only under its own version
        same_version = response.headers.get("X-Data-Version") == g.answer_version
        if response.status_code == 200 and same_version and not response.direct_passthrough:
            body = response.get_data()
            if len(body) <= MAX_BYTES:
                headers = [(k, v) for k, v in response.headers.items() if k in KEPT_HEADERS]
                kept = (response.status_code, headers, body)
                if cache.kind == "in-process":
                    current_app.extensions[KEPT].set(g.answer_key, kept, len(body))
                else:
                    cache.set(g.answer_key, kept)
        return response

