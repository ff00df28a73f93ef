#!/usr/bin/env bash
# Refresh docs/screenshots (desktop and 375 px) from the real-browser page tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SCREENSHOT_DIR="$PWD/docs/screenshots" .venv/bin/python -m pytest -q -p no:warnings \
  tests/test_pages_browser.py -k "offline_accessible"
