"""The store an app serves, each version loaded once per process behind a cached read-only function."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, has_app_context

from dashboard import config
from loaders.store import Store, StoreData

STORE_KEY = "CITY_SDG_STORE_ROOT"
"""Where create_app records the store it was given, in the Flask app's config."""


def serving_store() -> Store:
    """The store given to the app, else the configured one (the user's store, or the demo)."""
    root = current_app.config.get(STORE_KEY) if has_app_context() else None
    return config.serving_store(root)


@lru_cache(maxsize=4)
def load_version(root: str, version: str) -> StoreData:
    return Store(root).read(version)


def current() -> StoreData:
    """The store's current version; a new import is picked up on the next request."""
    store = serving_store()
    return load_version(str(store.root), store.current_version())
