#!/usr/bin/env bash
# Refresh docs/screenshots (desktop and 375 px, two languages, an embed on another site) from the
# real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export SCREENSHOT_DIR="$PWD/docs/screenshots"
.venv/bin/python -m pytest -q -p no:warnings tests/test_pages_browser.py -k "offline_accessible"
.venv/bin/python -m pytest -q -p no:warnings tests/test_language_browser.py -k "map or city"
.venv/bin/python -m pytest -q -p no:warnings tests/test_embed_browser.py -k "sandboxed"
