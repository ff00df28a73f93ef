"""The one cache every server process shares: Redis when $CITY_SDG_CACHE_URL is redis://..., a folder
every worker of one machine shares when it is file:///path, in-process otherwise; bypassed (serving
goes on, uncached) while Redis cannot be reached.

Use it through `cache.get_or_compute(kind, version, language, state, compute)`: the key holds the
store version, the language and the normalised state, so an import never serves an old answer and
nothing needs to be deleted. `state` is any mapping or list of (name, value) pairs; its order and
repeated keys are normalised away (sorted pairs).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import Flask, Response, after_this_request, current_app, has_app_context, has_request_context
from flask_caching import Cache

from dashboard import config

T = TypeVar("T")
log = logging.getLogger("city_sdg.cache")
PREFIX = "city-sdg:"
RETRY_SECONDS = 10.0
"""After a Redis error, the cache is skipped this long before Redis is tried again."""
KIND = "city_sdg_cache_kind"
DOWN_UNTIL = "city_sdg_cache_down_until"
"""Per app (so per server process): when the cache may be tried again after a failure."""


def normalised(state: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> str:
    pairs = state.items() if isinstance(state, Mapping) else state
    return json.dumps(sorted((str(k), str(v)) for k, v in pairs), ensure_ascii=False)


CODE_PARTS = ("dashboard", "layouts", "views", "loaders")
"""The packages whose code and files make the answers."""
CODE_FILES = (".py", ".js", ".po")
"""The files of CODE_PARTS an answer depends on: code, the pages' own scripts (clientside callbacks
answer in the browser what the server's answers leave out), translations; not the vendored
plotly.js, map topology or styles, which are served as files with their own hashed names."""


def code_fingerprint(root: Path | None = None) -> str:
    """What answers this code makes, as a short hash: the CODE_FILES of CODE_PARTS (name and
    bytes) and the Dash and plotly versions, which shape the JSON.
    In the cache keys, so that during a rolling deploy sharing Redis or a cache folder, a worker
    of the old code never serves an answer the new code made (a projects answer whose tables the
    old page has no callbacks to send), nor the reverse. About 3 MB read in
    6 ms, once per process."""
    import dash
    import plotly

    root = Path(__file__).resolve().parent.parent if root is None else root
    digest = hashlib.sha256(f"{dash.__version__} {plotly.__version__}".encode())
    for part in CODE_PARTS:
        for path in sorted((root / part).rglob("*")):
            skipped = {"__pycache__", "vendor"} & set(path.parts)
            if path.suffix in CODE_FILES and not skipped and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def code() -> str:
    return code_fingerprint()


def key(kind: str, version: str, language: str, state: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> str:
    digest = hashlib.sha256(normalised(state).encode("utf-8")).hexdigest()[:32]
    return f"{kind}:{code()}:{version}:{language}:{digest}"


class SharedCache:
    """flask-caching's Cache with a circuit breaker: a cache failure costs one lookup, never a request."""

    def __init__(self) -> None:
        self.backend = Cache()

    def init_app(self, server: Flask) -> None:
        url = config.cache_url()
        settings: dict[str, Any] = {"CACHE_DEFAULT_TIMEOUT": config.cache_seconds(),
                                    "CACHE_KEY_PREFIX": PREFIX}
        if url.startswith("file://"):  # one machine: every worker reads the others' answers
            settings.update(CACHE_TYPE="FileSystemCache", CACHE_DIR=url2pathname(urlsplit(url).path),
                            CACHE_THRESHOLD=4000)  # at most about 4 GB of disk (answers.MAX_BYTES each)
            kind = "disk"
        elif url:
            settings.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=url, CACHE_OPTIONS={
                "socket_connect_timeout": 0.5, "socket_timeout": 1.0})
            kind = "redis"
        else:
            settings.update(CACHE_TYPE="SimpleCache", CACHE_THRESHOLD=2000)
            kind = "in-process"
        server.extensions[KIND] = kind
        self.backend.init_app(server, config=settings)

    @property
    def kind(self) -> str:
        return current_app.extensions.get(KIND, "none")

    def available(self) -> bool:
        return time.monotonic() >= current_app.extensions.get(DOWN_UNTIL, 0.0)

    def _failed(self, error: Exception) -> None:
        if self.available():
            log.warning("cache unreachable (%s: %s); serving uncached for %.0f s",
                        type(error).__name__, error, RETRY_SECONDS)
        current_app.extensions[DOWN_UNTIL] = time.monotonic() + RETRY_SECONDS

    def get(self, cache_key: str) -> Any:
        """The stored value, or None when absent or when the cache is down."""
        if not self.available():
            return None
        try:
            return self.backend.get(cache_key)
        except Exception as error:  # any backend failure means: not cached
            self._failed(error)
            return None

    def set(self, cache_key: str, value: Any, timeout: int | None = None) -> bool:
        if not self.available():
            return False
        try:
            return bool(self.backend.set(cache_key, value, timeout=timeout))
        except Exception as error:
            self._failed(error)
            return False

    def get_or_compute(self, kind: str, version: str, language: str,
                       state: Mapping[str, Any] | Iterable[tuple[str, Any]],
                       compute: Callable[[], T], timeout: int | None = None) -> tuple[T, bool]:
        """(value, True) from the cache, else (compute(), False) after storing it."""
        cache_key = key(kind, version, language, state)
        found = self.get(cache_key)
        if found is not None:
            return found, True
        value = compute()
        self.set_after_response(cache_key, value, timeout)
        return value, False

    def set_after_response(self, cache_key: str, value: Any, timeout: int | None = None) -> None:
        """`set`, once the request's response has been sent (`call_on_close`), or at once outside a
        request: pickling and writing an answer took 1.0-2.3 ms of a cold callback (a map's, a
        city page's, at 1,000 places), which the reader then waited for. Until the write is done
        another worker asking the same computes it too, as it would a moment earlier."""
        if not has_request_context():
            self.set(cache_key, value, timeout)
            return
        app = current_app._get_current_object()

        def store() -> None:
            with app.app_context():
                self.set(cache_key, value, timeout)

        def when_sent(response: Response) -> Response:
            response.call_on_close(store)
            return response

        after_this_request(when_sent)

    def status(self) -> str:
        """'in-process', 'redis', or 'redis-bypassed' (unreachable: serving uncached)."""
        if self.kind != "redis":
            return self.kind
        if not self.available():
            return "redis-bypassed"
        try:
            self.backend.cache._read_client.ping()
        except Exception as error:
            self._failed(error)
            return "redis-bypassed"
        return "redis"


cache = SharedCache()


def state_pairs(state: Any) -> list[tuple[str, Any]]:
    """A view's state (a dataclass, a mapping or pairs) as (name, value) pairs for `key`."""
    if hasattr(state, "__dataclass_fields__"):
        return [(name, getattr(state, name)) for name in state.__dataclass_fields__]
    return list(state.items()) if isinstance(state, Mapping) else list(state)


def view_answer(kind: str, version: str, state: Any, compute: Callable[[], T]) -> T:
    """What a page or callback computes for one view state, computed once per (data version,
    language, normalised state) and shared by every worker through the cache. A new import
    changes the version, so an answer of an older version is never served for the current one."""
    from layouts import i18n

    if not has_app_context() or KIND not in current_app.extensions:
        return compute()  # outside a served request (a test calling a page's layout directly)
    return cache.get_or_compute(kind, version, i18n.language(), state_pairs(state), compute)[0]
