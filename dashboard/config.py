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

CACHE_ENV = "CITY_SDG_CACHE"


def cache_dir() -> Path:
    """Where files computed once are kept (compressed static files): $CITY_SDG_CACHE, else the
    XDG cache folder."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "city-sdg"
