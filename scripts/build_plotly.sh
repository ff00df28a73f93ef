#!/usr/bin/env bash
# Build dashboard/vendor/plotly: a partial plotly.js with only the trace types the views draw
# (dashboard/plotly_bundle.py lists them) and the dictionaries of the languages the dashboard has
# catalogues for (plotly_bundle.locales), from the plotly.js npm package at the version of the
# plotly.min.js that the installed plotly Python package gives Dash, bundled with esbuild.
# Idempotent: does nothing when the bundle for that version and trace list is already there;
# `--check` only says (exit status 1) whether it needs building.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
out=dashboard/vendor/plotly
version="$("$python" -c 'from dashboard.plotly_bundle import dash_plotly_version; print(dash_plotly_version())')"
traces="$("$python" -c 'from dashboard.plotly_bundle import BUNDLED; print(" ".join(BUNDLED))')"
locales="$("$python" -c 'from dashboard.plotly_bundle import locales; print(" ".join(locales()))')"
stamp="plotly.js ${version}; esbuild ${ESBUILD_VERSION:=0.28.2}; traces: ${traces}; locales: ${locales}; offline defaults"
if [ -f "$out/plotly.min.js" ] && [ "$(cat "$out/VERSION" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
[ "${1:-}" = "--check" ] && { echo "dashboard/vendor/plotly is not built for: $stamp" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is needed to build the plotly.js bundle" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo '{"name": "city-sdg-plotly-build", "private": true}' > "$work/package.json"
(cd "$work" && npm install --silent --no-audit --no-fund --ignore-scripts \
  "plotly.js@${version}" "esbuild@${ESBUILD_VERSION}" >/dev/null)
{
  echo "var Plotly = require('plotly.js/lib/core');"
  echo "Plotly.register(["
  for trace in $traces; do echo "  require('plotly.js/lib/${trace}'),"; done
  for locale in $locales; do
    if [ -f "$work/node_modules/plotly.js/lib/locales/${locale}.js" ]; then
      echo "  require('plotly.js/lib/locales/${locale}'),"
    else
      echo "plotly.js ${version} has no dictionary for '${locale}': its charts keep plotly's English" >&2
    fi
  done
  echo "]);"
  echo "module.exports = Plotly;"
} > "$work/entry.js"
(cd "$work" && node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
  --target=es2016 --define:global=window --define:define.amd=false --legal-comments=none --log-level=warning \
  --banner:js="/* plotly.js v${version} (MIT licence, Plotly, Inc.), partial: ${traces}; locales: ${locales} */" \
  --outfile=plotly.min.js)
# Offline defaults: plotly's own defaults name two hosts of Plotly's, the topology CDN (geo maps
# fetch it when a graph's config gives no topojsonURL) and the chart-studio address. The bundle
# defaults to this app's topology folder instead, and to no chart-studio address at all.
patch_default() {
  grep -q "dflt:\"$1\"" "$work/plotly.min.js" || { echo "plotly.js no longer defaults to $1" >&2; exit 1; }
  sed -i "s#dflt:\"$1\"#dflt:\"$2\"#" "$work/plotly.min.js"
}
patch_default "https://cdn.plot.ly/un/" "/assets/topojson/"
patch_default "https://cloud.plotly.com/newchart" ""
mkdir -p "$out"
cp "$work/plotly.min.js" "$out/plotly.min.js.tmp" && mv "$out/plotly.min.js.tmp" "$out/plotly.min.js"
cp "$work/node_modules/plotly.js/LICENSE" "$out/LICENSE-plotly.js"
echo "$stamp" > "$out/VERSION"
ls -l "$out"
