"""The app's own folders (static assets, documentation shown on About), resolved in one place."""

from __future__ import annotations

from pathlib import Path

from loaders.paths import REPO_ROOT

APP_DIR = Path(__file__).resolve().parent
ASSETS_DIR = APP_DIR / "assets"
STATIC_DIR = APP_DIR / "static"
DOCS_DIR = REPO_ROOT / "docs"
