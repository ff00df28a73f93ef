"""Configuration from environment variables, with defaults, read in one place."""

from __future__ import annotations

import os
import re
from pathlib import Path

from loaders.paths import DEMO_STORE
from loaders.store import Store

STORE_ENV = "CITY_SDG_STORE"
HOST = os.environ.get("CITY_SDG_HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", os.environ.get("CITY_SDG_PORT", "8050")))


def user_store_path() -> Path:
    """Where imports go without --store: $CITY_SDG_STORE, else the XDG data folder."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "city-sdg" / "store"


def demo_store() -> Store:
    return Store(DEMO_STORE, read_only=True)


def serving_store(explicit: str | Path | None = None) -> Store:
    """The store `serve` shows: --store, else the user's store when it exists, else the demo."""
    if explicit:
        path = Path(explicit).expanduser()
        return Store(path, read_only=path.resolve() == DEMO_STORE.resolve())
    user = Store(user_store_path())
    return user if user.exists() else demo_store()


def import_store(explicit: str | Path | None = None) -> Store:
    """The store `import` writes to: --store, else the user's store (never the demo)."""
    path = Path(explicit).expanduser() if explicit else user_store_path()
    return Store(path, read_only=path.resolve() == DEMO_STORE.resolve())

EMBED_ANCESTORS_ENV = "CITY_SDG_EMBED_ANCESTORS"
PUBLIC_URL_ENV = "CITY_SDG_PUBLIC_URL"


def embed_frame_ancestors() -> str:
    """Which sites may frame the embeds (a CSP frame-ancestors source list); default: any."""
    # one line of space-separated sources: a comma, semicolon or newline would break the header
    sources = re.split(r"[\s,;]+", os.environ.get(EMBED_ANCESTORS_ENV, ""))
    return " ".join(s for s in sources if s) or "*"


def public_url(request_root: str) -> str:
    """The dashboard's address for embed snippets: $CITY_SDG_PUBLIC_URL, else the request's."""
    return (os.environ.get(PUBLIC_URL_ENV, "").strip() or request_root).rstrip("/")


def _number(name: str, default: float) -> float:
    """A numeric setting; an unreadable value falls back to the default rather than stop the server."""
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def cache_url() -> str:
    """$CITY_SDG_CACHE_URL (redis://host:port/db): the cache and rate limits every server shares;
    empty: each process keeps its own."""
    return os.environ.get("CITY_SDG_CACHE_URL", "").strip()


def cache_seconds() -> int:
    """How long a cached answer lives ($CITY_SDG_CACHE_SECONDS, default a day): keys carry the
    data version, so an import never serves an old answer; this only bounds the cache's size."""
    return int(_number("CITY_SDG_CACHE_SECONDS", 86400))


def rate_limits() -> dict[str, str]:
    """Requests per client (flask-limiter notation) for the expensive endpoints."""
    return {"pictures": os.environ.get("CITY_SDG_RATE_PICTURES", "30 per minute"),
            "api": os.environ.get("CITY_SDG_RATE_API", "1200 per minute"),
            "embeds": os.environ.get("CITY_SDG_RATE_EMBEDS", "1200 per minute")}


def picture_pool() -> tuple[int, int, float]:
    """Pictures drawn at once per process, pictures waiting, and seconds one may take."""
    return (max(1, int(_number("CITY_SDG_PICTURE_WORKERS", 1))),
            max(0, int(_number("CITY_SDG_PICTURE_QUEUE", 2))),
            _number("CITY_SDG_PICTURE_SECONDS", 20.0))


def max_request_bytes() -> int:
    """The largest request body accepted (Dash callbacks post JSON; the API takes none)."""
    return int(_number("CITY_SDG_MAX_REQUEST_BYTES", 1_000_000))


def trusted_proxies() -> int:
    """How many reverse proxies stand in front ($CITY_SDG_PROXIES): their X-Forwarded-* headers
    give the client's address (rate limits) and scheme (HSTS); 0 trusts none."""
    return int(_number("CITY_SDG_PROXIES", 0))


def workers_and_threads(cpus: int | None = None) -> tuple[int, int]:
    """gunicorn workers and threads: $WEB_CONCURRENCY / $CITY_SDG_THREADS, else from the CPU count."""
    cpus = cpus or os.cpu_count() or 1
    workers = int(_number("WEB_CONCURRENCY", min(cpus + 1, 9)))
    threads = int(_number("CITY_SDG_THREADS", 4))
    return max(1, workers), max(1, threads)
