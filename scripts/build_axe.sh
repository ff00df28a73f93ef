#!/usr/bin/env bash
# Install axe-core (the accessibility engine the browser tests run, WCAG 2.1 AA rules) from the
# npm package `axe-core` into tests/vendor/axe-core, as build_topojson.sh does for map topology.
# Not committed (MPL-2.0, ~550 kB): scripts/setup.sh runs this when the tests are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${AXE_CORE_VERSION:-4.11.4}"
target=tests/vendor/axe-core
if [ "${1:-}" = "--check" ]; then
  [ -f "$target/axe.min.js" ] && grep -qx "axe-core ${version}" "$target/VERSION"
  exit
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@${version}" >/dev/null && tar xzf axe-core-*.tgz)
mkdir -p "$target"
cp "$work"/package/axe.min.js "$work"/package/LICENSE "$target"/
echo "axe-core ${version}" > "$target/VERSION"
ls "$target"
