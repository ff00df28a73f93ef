"""The store an app serves: each version opened once per process for serving (`loaders.serving.served`:
small tables in memory, large ones read by slice from Parquet, whose pages every worker shares
through the OS page cache)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from flask import current_app, g, has_app_context, has_request_context

from dashboard import config
from layouts import i18n, names
from loaders import schema
from loaders.serving.served import read_served
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
        return shown(current_version())
    if "served_version" not in g:
        g.served_version = current_version()
    return shown(g.served_version)  # in the language in force when asked (a page's answer may set it)


def shown(store: StoreData) -> StoreData:
    """The version as the pages show it in the reader's language: where countries have data (the
    SDR's, the ECOWAS countries beside Benin's départements), named in that language
    (`names.countries_named`; once per version and language). Any other version is served as it
    is: a store of cities, whose catalogues one copy per language would triple. The API serves the
    names as the source wrote them."""
    return store.with_places(("shown", i18n.language()), countries_with_data)


def countries_with_data(store: StoreData) -> pd.DataFrame | None:
    index, places = store.tables.get("index"), store.places
    if index is None or index.empty or places.empty:
        return None
    scored = places["place_id"].astype(str).isin(set(index["place_id"].astype(str)))
    if not ((places["kind"] == "country").fillna(False) & scored).any():
        return None
    return names.countries_named(places)


def current_version() -> StoreData:
    store = serving_store()
    version = store.current_version()
    return empty_store() if version is None else load_version(str(store.root), version)


@lru_cache(maxsize=1)
def empty_store() -> StoreData:
    return StoreData("", {}, {name: schema.empty(name) for name in schema.TABLES})
