"""Configuration from environment variables, with defaults: read in this module only, once per process
(`settings()`); everything else receives the values it needs."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.paths import DEMO_STORE, cache_folder
from loaders.report import LoadError
from loaders.store import Store

STORE_ENV = "CITY_SDG_STORE"
EMBED_ANCESTORS_ENV = "CITY_SDG_EMBED_ANCESTORS"
PUBLIC_URL_ENV = "CITY_SDG_PUBLIC_URL"
LANGUAGE_ENV = "CITY_SDG_LANG"
LOCALE_DIRS_ENV = "CITY_SDG_LOCALE_DIRS"


@dataclass(frozen=True)
class Settings:
    host: str
    port: str
    """$PORT (else $CITY_SDG_PORT) as written: `serve` reads it as its --port default, and refuses
    one that is not a port; other commands never read it (PORT=8050.5 stopped a cron import)."""
    user_store: Path
    """Where imports go without --store, and what `serve` shows when it exists."""
    public_url: str
    """The dashboard's address for embed snippets and API links behind a proxy; empty: the request's."""
    embed_ancestors: str
    """Which sites may frame the embeds, as a CSP frame-ancestors source list."""
    language: str
    """The default language when neither the URL nor the browser names one we have."""
    locale_dirs: tuple[Path, ...]
    """Extra catalogue folders, searched after the shipped ones."""
    environ: dict
    """The environment as read at start, for the serving settings below (limits, pools, workers)."""
    cache: Path
    """Where files computed once are kept (compressed static files): $CITY_SDG_CACHE, else the XDG
    cache folder."""


@lru_cache(maxsize=1)
def settings() -> Settings:
    env = os.environ
    if env.get(STORE_ENV):
        user = Path(env[STORE_ENV]).expanduser()
    else:
        user = Path(env.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "city-sdg" / "store"
    # one line of space-separated sources: a comma, semicolon or newline would break the header
    ancestors = " ".join(s for s in re.split(r"[\s,;]+", env.get(EMBED_ANCESTORS_ENV, "")) if s) or "*"
    return Settings(
        environ=dict(env),
        host=env.get("CITY_SDG_HOST", "127.0.0.1"),
        port=env.get("PORT", env.get("CITY_SDG_PORT", "8050")).strip(),
        user_store=user,
        public_url=env.get(PUBLIC_URL_ENV, "").strip().rstrip("/"),
        embed_ancestors=ancestors,
        language=env.get(LANGUAGE_ENV, "en"),
        locale_dirs=tuple(Path(p) for p in env.get(LOCALE_DIRS_ENV, "").split(os.pathsep) if p),
        cache=cache_folder(env),
    )


def user_store_path() -> Path:
    return settings().user_store


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
    if path.exists() and not path.is_dir():  # it ended in "FileExistsError: [Errno 17]"
        raise LoadError(f"--store {path} is a file, not a store folder.")
    return Store(path, read_only=path.resolve() == DEMO_STORE.resolve())


def embed_frame_ancestors() -> str:
    return settings().embed_ancestors


def public_url(request_root: str) -> str:
    """The dashboard's address for embed snippets: $CITY_SDG_PUBLIC_URL, else the request's."""
    return (settings().public_url or request_root).rstrip("/")


def cache_dir() -> Path:
    return settings().cache


def environ() -> dict:
    return settings().environ


def _number(name: str, default: float) -> float:
    """A numeric setting; an unreadable value falls back to the default rather than stop the server."""
    try:
        return float(environ().get(name, "") or default)
    except ValueError:
        return default


def cache_url() -> str:
    """$CITY_SDG_CACHE_URL (redis://host:port/db): the cache and rate limits every server shares;
    empty: each process keeps its own."""
    return environ().get("CITY_SDG_CACHE_URL", "").strip()


def dev_debug() -> bool:
    """Dash's debugger and hot reload for `city-sdg serve --dev` ($CITY_SDG_DEBUG=1): off unless asked
    for, since the debugger runs code sent by the browser."""
    return environ().get("CITY_SDG_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def cache_seconds() -> int:
    """How long a cached answer lives ($CITY_SDG_CACHE_SECONDS, default a day): keys carry the
    data version, so an import never serves an old answer; this only bounds the cache's size."""
    return int(_number("CITY_SDG_CACHE_SECONDS", 86400))


RATE_SETTINGS = {"pictures": ("CITY_SDG_RATE_PICTURES", "30 per minute"),
                 "api": ("CITY_SDG_RATE_API", "1200 per minute"),
                 "embeds": ("CITY_SDG_RATE_EMBEDS", "1200 per minute")}


def rate_limits() -> dict[str, str]:
    """Requests per client (flask-limiter notation) for the expensive endpoints. A value flask-limiter
    cannot read is refused (LoadError), so the server does not start: it logged one line and then
    served without any limit."""
    from limits import parse_many

    found = {}
    for name, (variable, default) in RATE_SETTINGS.items():
        text = environ().get(variable, "").strip() or default
        try:
            parse_many(text)
        except ValueError as error:
            raise LoadError(f"${variable} is '{text}', which is not a rate limit such as "
                            f"'{default}'.") from error
        found[name] = text
    return found


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


def version_poll_seconds() -> float:
    """$CITY_SDG_VERSION_POLL: how often `city-sdg serve` looks for a new import to share with its
    workers (seconds; 0: never, each worker then reads a new version on its own)."""
    seconds = _number("CITY_SDG_VERSION_POLL", 10.0)
    return seconds if math.isfinite(seconds) and seconds > 0 else 0.0


def workers_and_threads(cpus: int | None = None) -> tuple[int, int]:
    """gunicorn workers and threads: $WEB_CONCURRENCY / $CITY_SDG_THREADS, else from the CPU count."""
    cpus = cpus or os.cpu_count() or 1
    workers = int(_number("WEB_CONCURRENCY", min(cpus + 1, 9)))
    threads = int(_number("CITY_SDG_THREADS", 4))
    return max(1, workers), max(1, threads)
