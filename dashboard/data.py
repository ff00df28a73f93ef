"""The store, loaded once per process and version behind a cached read-only function."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from dashboard import config
from loaders.store import Store, StoreData

T = TypeVar("T")

STORE_PATH_ENV = "CITY_SDG_SERVE_STORE"
"""Set by the app factory so every worker process serves the same store."""


def serving_store() -> Store:
    return config.serving_store(os.environ.get(STORE_PATH_ENV))


@lru_cache(maxsize=4)
def load_version(root: str, version: str) -> StoreData:
    return Store(root).read(version)


def current() -> StoreData:
    """The store's current version; a new import is picked up on the next request."""
    store = serving_store()
    return load_version(str(store.root), store.current_version())


@lru_cache(maxsize=16)
def prepared(build: Callable[[StoreData], T], root: str, version: str) -> T:
    return build(load_version(root, version))


def current_with(build: Callable[[StoreData], T]) -> tuple[StoreData, T]:
    """The current version and what `build` (a module-level function) makes of it, both
    computed once per store version: the pages' filter catalogues."""
    store = serving_store()
    root, version = str(store.root), store.current_version()
    return load_version(root, version), prepared(build, root, version)
