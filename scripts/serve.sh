#!/usr/bin/env bash
# Install the dashboard and serve it (the demo store unless you imported your own) on port 8050.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/city-sdg serve "$@"
