"""A service worker that keeps the pages' scripts and styles, so a repeat visit starts at once.

On a cheap phone a repeat visit is not slowed by the network (every script is cached for ever,
`serve.IMMUTABLE`) but by compiling them: plotly.js alone is 1.4 MB, and Chromium keeps a
compiled copy of a script only after it has run on two visits. Scripts a service worker stores
while it installs are compiled and kept at once, so the second visit already runs them from
that copy (about 0.5 s less on the slow-phone profile, `benchmarks/slow_phone.py`).

What it keeps: only addresses that name their content (Dash's fingerprinted bundles, the assets'
`?m=` addresses, the `/h/<hash>/` files, plotly.js among them), each checked against the hash of
its file as the install fetches it (a server of the old release, during a rolling upgrade, cannot
put its file under a new address: the install fails and is tried again on a later visit). A new
release has new addresses and a new cache; the old cache is dropped when the new worker takes
over. Only those addresses are routed to the cache (one URLPattern each); every other request
(pages, callbacks, the API, the topology, Dash's lazily loaded chunks) never meets the worker.
Chromium answers the kept addresses from the cache without even starting the worker (the static
routing of `InstallEvent.addRoutes`); a browser without it keeps its usual HTTP cache, and the
worker stores nothing there.

All servers behind one address must run one build (one image): Dash's fingerprints and the
assets' `?m=` carry file times, so two builds serve two workers, and a reader moving between
servers would install one, then the other.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import dash
from flask import Response, request

from dashboard.delivery import files, precompress, serve

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
PATTERN_SPECIALS = re.compile(r"([:*(){}?+\\])")
"""Characters with a meaning in a URLPattern, escaped so that a route matches one address only."""

WORKER = """// City SDG Dashboard: keeps the pages' scripts and styles (dashboard/delivery/worker.py).
const CACHE = %(cache)s;
const KEPT = %(kept)s;
const ROUTES = %(routes)s;
self.addEventListener("install", (event) => {
  if (!event.addRoutes) { self.skipWaiting(); return; }  // no static routing: the HTTP cache is enough
  // each file checked against the hash of its content: a server still on the old release (a
  // rolling upgrade) cannot put its file under the new address; the install then fails and is
  // tried again on a later visit
  const requests = KEPT.map(([address, integrity]) => new Request(address, {integrity: integrity}));
  event.waitUntil(Promise.all([
    event.addRoutes([{condition: {requestMode: "navigate"}, source: "network"},
                     {condition: {or: ROUTES}, source: {cacheName: CACHE}}]),
    caches.open(CACHE).then((cache) => cache.addAll(requests)),
  ]).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  const old = (name) => name.startsWith("city-sdg-") && name !== CACHE;
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter(old).map((name) => caches.delete(name)))));
});
"""


def kept(app: dash.Dash) -> list[tuple[str, str]]:
    """The addresses every page loads that name their content (Dash's scripts and stylesheets, and
    plotly.js, which the page's head starts), each with the subresource-integrity hash of its file."""
    prefix = app.config.requests_pathname_prefix or "/"
    tags = app._generate_css_dist_html() + app._generate_scripts_html()  # as app.py's page does
    found = []
    for url in dict.fromkeys([*URL.findall(tags), files.plotly_address(prefix)]):
        path = urlsplit(url).path
        if prefix != "/" and path.startswith(prefix):
            path = path[len(prefix) - 1:]
        file, _immutable = serve.locate(app, path)
        if FINGERPRINTED.search(url) and file is not None:
            found.append((url, integrity(file)))
    return found


def integrity(file: Path) -> str:
    """The file's subresource-integrity hash (SHA-256 of its bytes, as precompress keeps it)."""
    return "sha256-" + base64.b64encode(bytes.fromhex(precompress.digest(file))).decode()


def route(url: str) -> dict:
    """A URLPattern matching `url` alone (its path and its query, exactly)."""
    parts = urlsplit(url)
    return {"urlPattern": {"pathname": PATTERN_SPECIALS.sub(r"\\\1", parts.path),
                           "search": PATTERN_SPECIALS.sub(r"\\\1", parts.query)}}


def script(app: dash.Dash) -> str:
    """The worker's source: the files to keep, their routes, and a cache named by their contents."""
    files_kept = kept(app)
    cache = "city-sdg-" + hashlib.sha256(json.dumps(files_kept).encode()).hexdigest()[:16]
    return WORKER % {"cache": json.dumps(cache), "kept": json.dumps(files_kept),
                     "routes": json.dumps([route(url) for url, _integrity in files_kept])}


def meta(app: dash.Dash) -> str:
    """The page's `<meta>` naming the worker (assets/worker.js registers what it names)."""
    prefix = app.config.requests_pathname_prefix or "/"
    return f'<meta name="{META_NAME}" content="{prefix}{WORKER_NAME}">'


def register(app: dash.Dash) -> None:
    """Serve the worker at the root of the app's addresses (its scope is every page)."""

    @app.server.route(f"{app.config.routes_pathname_prefix or '/'}{WORKER_NAME}")
    def service_worker():
        response = Response(script(app), mimetype="text/javascript")
        response.headers["Cache-Control"] = "no-cache"  # a new release's worker is seen at once
        # the browser checks for a new worker as readers move between pages: unchanged, it is a 304
        response.add_etag()
        return response.make_conditional(request)
