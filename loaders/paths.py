"""Every filesystem path the project uses, resolved in one place."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = REPO_ROOT / "data"
DEMO_STORE = DATA_DIR / "demo"
REFERENCE_DIR = DATA_DIR / "reference"
SDG_GOALS_FILE = REFERENCE_DIR / "sdg_goals.json"
LOCALES_DIR = REPO_ROOT / "layouts" / "locales"
"""The shipped translation catalogues (read by the pages; the importer reads the goal names in them)."""

CACHE_ENV = "CITY_SDG_CACHE"


def cache_folder(env: Mapping[str, str] = os.environ) -> Path:
    """Where files computed once are kept (the server's compressed static files, the importer's
    gazetteer): $CITY_SDG_CACHE, else the XDG cache folder."""
    if env.get(CACHE_ENV):
        return Path(env[CACHE_ENV]).expanduser()
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "city-sdg"  # set but empty: unset
