"""Every filesystem path the project uses, resolved in one place."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
DATA_DIR = REPO_ROOT / "data"
DEMO_STORE = DATA_DIR / "demo"
REFERENCE_DIR = DATA_DIR / "reference"
SDG_GOALS_FILE = REFERENCE_DIR / "sdg_goals.json"
