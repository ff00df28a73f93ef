"""The app's own static files by name, and their content-hashed URLs (`/h/<hash>/<name>`)."""

from __future__ import annotations

from pathlib import Path

import flask_bootstrap

from dashboard import plotly_bundle
from dashboard.delivery.precompress import digest
from dashboard.paths import APP_DIR, ASSETS_DIR, STATIC_DIR

BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
HASHED_PREFIX = "/h/"
HASH_LENGTH = 16
RUNTIME = APP_DIR / "vendor" / "regenerator-runtime" / "runtime.js"
"""Built by scripts/build_runtime.sh; pages load it instead of Dash's Babel polyfill when it is there."""


def named_files() -> dict[str, Path]:
    """Every file the app links by a hashed URL."""
    return {
        "bootstrap.min.css": BOOTSTRAP_DIR / "css" / "bootstrap.min.css",
        "plotly.min.js": plotly_bundle.bundle_path(),
        "embed.css": STATIC_DIR / "embed.css",
        "colours.css": ASSETS_DIR / "colours.css",  # the live pages have it as one of their assets
        "embed.js": STATIC_DIR / "embed.js",
        "map_fit.js": ASSETS_DIR / "map_fit.js",  # the live pages' map fit, for the embeds' maps too
        **({"regenerator-runtime.js": RUNTIME} if RUNTIME.is_file() else {}),
    }


def url(name: str) -> str:
    """The URL of a named file, carrying a hash of its bytes: a new content gets a new URL, so
    the old one may be cached for ever."""
    path = named_files()[name]
    return f"{HASHED_PREFIX}{digest(path)[:HASH_LENGTH]}/{name}"


def plotly_address(prefix: str = "/") -> str:
    """plotly.js at its content-hashed address, under the app's address prefix: the page's head
    loads it from there (`first_paint.PLOTLY_LOADER`), and the service worker keeps it."""
    return prefix.rstrip("/") + url("plotly.min.js")


def warm_list() -> list[Path]:
    """Files worth compressing before anyone asks: the named ones, the assets Dash links and the
    world topology every map loads."""
    assets = [p for p in ASSETS_DIR.glob("*") if p.is_file()]
    topology = sorted((ASSETS_DIR / "topojson").glob("world_*.json"))
    return [*named_files().values(), *assets, *topology]
