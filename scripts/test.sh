#!/usr/bin/env bash
# Install the test needs (Chromium and chromium-driver included) and run lint and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest -n 2 "$@"
