"""A service worker that keeps the pages' scripts and styles, so a repeat visit starts at once.

On a cheap phone a repeat visit is not slowed by the network (every script is cached for ever,
`serve.IMMUTABLE`) but by compiling them: plotly.js alone is 1.4 MB, and Chromium keeps a
compiled copy of a script only after it has run on two visits. Scripts a service worker stores
while it installs are compiled and kept at once, so the second visit already runs them from
that copy (about 0.5 s less on the slow-phone profile, `benchmarks/slow_phone.py`).

What it keeps: only addresses that name their content (Dash's fingerprinted bundles, the assets'
`?m=` addresses, the `/h/<hash>/` files, plotly.js among them): a new release has new addresses,
so nothing stale is ever served, and an old cache is dropped when the new worker takes over.
Nothing else goes through it: pages, callbacks and the API always come from the server.
Chromium answers the kept addresses from the cache without even starting the worker (the static
routing of `InstallEvent.addRoutes`); a browser without it keeps its usual HTTP cache, and the
worker stores nothing there.
"""

from __future__ import annotations

import hashlib
import json
import re

import dash
from flask import Response

from dashboard.delivery import files

WORKER_NAME = "sw.js"
META_NAME = "city-sdg-worker"
"""The `<meta>` that names the worker's address: assets/worker.js registers it only where the
server put one (not on the static site, which has no worker to serve)."""

FINGERPRINTED = re.compile(r"(/_dash-component-suites/.+\.v[0-9_]+m[0-9]+[^/]*\.(js|css)$)"
                           r"|(/assets/[^?]+\?m=[0-9.]+$)"
                           rf"|({re.escape(files.HASHED_PREFIX)}[0-9a-f]{{{files.HASH_LENGTH}}}/)")
"""An address whose content can never change: Dash's bundles carry their package version and file
time, the assets their file time, the named files a hash of their bytes."""
URL = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"')

WORKER = """// City SDG Dashboard: keeps the pages' scripts and styles (dashboard/delivery/worker.py).
const CACHE = %(cache)s;
const KEPT = %(kept)s;
self.addEventListener("install", (event) => {
  if (!event.addRoutes) { self.skipWaiting(); return; }  // no static routing: the HTTP cache is enough
  event.waitUntil(Promise.all([
    event.addRoutes([{condition: {requestMode: "navigate"}, source: "network"},
                     {condition: {requestMethod: "GET"}, source: {cacheName: CACHE}}]),
    caches.open(CACHE).then((cache) => cache.addAll(KEPT)),
  ]).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  const old = (name) => name.startsWith("city-sdg-") && name !== CACHE;
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter(old).map((name) => caches.delete(name)))));
});
"""


def kept_urls(app: dash.Dash) -> list[str]:
    """The addresses every page loads that name their content: Dash's scripts and stylesheets and
    plotly.js (which the page's head starts, `first_paint.PLOTLY_LOADER`)."""
    prefix = (app.config.requests_pathname_prefix or "/").rstrip("/")
    tags = app._generate_css_dist_html() + app._generate_scripts_html()
    urls = [*URL.findall(tags), prefix + files.url("plotly.min.js")]
    return list(dict.fromkeys(url for url in urls if FINGERPRINTED.search(url)))


def script(app: dash.Dash) -> str:
    kept = kept_urls(app)
    cache = "city-sdg-" + hashlib.sha256("\n".join(kept).encode()).hexdigest()[:16]
    return WORKER % {"cache": json.dumps(cache), "kept": json.dumps(kept)}


def meta(app: dash.Dash) -> str:
    prefix = app.config.requests_pathname_prefix or "/"
    return f'<meta name="{META_NAME}" content="{prefix}{WORKER_NAME}">'


def register(app: dash.Dash) -> None:
    """Serve the worker at the root of the app's addresses (its scope is every page)."""

    @app.server.route(f"{app.config.routes_pathname_prefix or '/'}{WORKER_NAME}")
    def service_worker():
        response = Response(script(app), mimetype="text/javascript")
        response.headers["Cache-Control"] = "no-cache"  # a new release's worker is seen at once
        return response
