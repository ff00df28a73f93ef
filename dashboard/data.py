"""The store an app serves: each version opened once per process for serving (`loaders.serving`:
small tables in memory, large ones read by slice from Parquet, whose pages every worker shares
through the OS page cache)."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, g, has_app_context, has_request_context

from dashboard import config
from loaders import schema
from loaders.serving import read_served
from loaders.store import Store, StoreData

STORE_KEY = "CITY_SDG_STORE_ROOT"
"""Where create_app records the store it was given, in the Flask app's config."""


def serving_store() -> Store:
    """The store given to the app, else the configured one (the user's store, or the demo)."""
    root = current_app.config.get(STORE_KEY) if has_app_context() else None
    return config.serving_store(root)


@lru_cache(maxsize=4)
def load_version(root: str, version: str) -> StoreData:
    return read_served(Store(root), version)


def current() -> StoreData:
    """The store's current version; a new import is picked up on the next request, and one request
    reads one version however many of its parts ask (a projects filter asked seven times, each
    reading CURRENT from disk). A folder that holds no version yet is served as an empty store
    (every page says there is nothing to show; /readyz says the server is not ready)."""
    if not has_request_context():
        return current_version()
    if "served_version" not in g:
        g.served_version = current_version()
    return g.served_version


def current_version() -> StoreData:
    store = serving_store()
    version = store.current_version()
    return empty_store() if version is None else load_version(str(store.root), version)


@lru_cache(maxsize=1)
def empty_store() -> StoreData:
    return StoreData("", {}, {name: schema.empty(name) for name in schema.TABLES})
