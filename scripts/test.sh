#!/usr/bin/env bash
# Install the test needs (Chromium and chromium-driver included) and run lint and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test bash scripts/setup.sh
.venv/bin/ruff check .
# a last stop for a hang outside any test (pytest-timeout stops one inside a test; tests/conftest.py
# one after the summary): the suite takes about 10 minutes on 2 cores. --foreground: Ctrl-C still
# reaches pytest from a terminal
status=0
timeout --foreground --kill-after=60 45m .venv/bin/python -m pytest -n 2 "$@" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "scripts/test.sh: the test run was stopped after 45 minutes" >&2
fi
exit "$status"
