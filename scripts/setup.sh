#!/usr/bin/env bash
# Create .venv with the project installed; EXTRAS="test" adds what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
  apt_install python3-venv python3-pip
fi
if [ "${EXTRAS:-}" = "test" ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  apt_install chromium chromium-driver
elif ! command -v chromium >/dev/null 2>&1; then
  # the server draws the PNG/SVG pictures of embeds with Chromium (through Kaleido)
  apt_install chromium || echo "Chromium is not installed: /embed/<view>.png and .svg will answer 503." >&2
fi
if [ "${EXTRAS:-}" = "test" ] && ! { command -v redis-server && command -v nginx; } >/dev/null 2>&1; then
  # the scale-out test runs nginx in front of two app servers sharing one Redis (tests/test_scale_out.py)
  apt_install redis-server nginx
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ -n "${EXTRAS:-}" ]; then
  .venv/bin/python -m pip install -q -e ".[${EXTRAS}]"
else
  .venv/bin/python -m pip install -q -e .
fi
# The partial plotly.js (dashboard/vendor/plotly) is committed, built for the plotly.js version
# the installed plotly package gives Dash; when pip brings another version it is rebuilt (npm).
if ! PYTHON=.venv/bin/python bash scripts/build_plotly.sh --check 2>/dev/null; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  PYTHON=.venv/bin/python bash scripts/build_plotly.sh
fi
# Dash's pages need only regenerator-runtime of Dash's 100 kB Babel polyfill: from npm into
# dashboard/vendor (not committed). Without npm the pages keep Dash's polyfill and still work.
if ! bash scripts/build_runtime.sh --check 2>/dev/null; then
  if [ "${EXTRAS:-}" = "test" ] && ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
  if command -v npm >/dev/null 2>&1; then
    bash scripts/build_runtime.sh >/dev/null
  else
    echo "npm is not installed: pages load Dash's whole Babel polyfill (scripts/build_runtime.sh)." >&2
  fi
fi
# The browser tests' accessibility engine: axe-core 4.x from npm into tests/vendor (not committed).
if [ "${EXTRAS:-}" = "test" ] && ! bash scripts/build_axe.sh --check 2>/dev/null; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  bash scripts/build_axe.sh
fi
