#!/usr/bin/env bash
# Install regenerator-runtime (the one part of Dash's Babel polyfill that Dash's own bundles need
# in today's browsers: the global `regeneratorRuntime`) from the npm package into
# dashboard/vendor/regenerator-runtime. Not committed (MIT, 25 kB); scripts/setup.sh runs this, and
# the app serves Dash's whole polyfill (100 kB, core-js for old browsers) while it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${REGENERATOR_RUNTIME_VERSION:-0.14.1}"
target=dashboard/vendor/regenerator-runtime
if [ "${1:-}" = "--check" ]; then
  [ -f "$target/runtime.js" ] && grep -qx "regenerator-runtime ${version}" "$target/VERSION"
  exit
fi
command -v npm >/dev/null || { echo "npm is needed to fetch regenerator-runtime" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "regenerator-runtime@${version}" >/dev/null && tar xzf regenerator-runtime-*.tgz)
grep -q "regeneratorRuntime = runtime" "$work/package/runtime.js" \
  || { echo "regenerator-runtime ${version} no longer sets the global regeneratorRuntime" >&2; exit 1; }
mkdir -p "$target"
cp "$work/package/runtime.js" "$target/runtime.js.tmp" && mv "$target/runtime.js.tmp" "$target/runtime.js"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "regenerator-runtime ${version}" > "$target/VERSION"
ls "$target"
