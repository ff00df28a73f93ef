"""Answer static requests with the precompressed copy the browser accepts, and the right caching.

Content-hashed URLs (`/h/<hash>/...`), Dash's fingerprinted component bundles
(`name.v4_4_1m<mtime>.js`) and assets linked with Dash's `?m=<mtime>` are cached for a year as
`immutable`, so a repeat visit asks for none of them; other static files for an hour with an
ETag. Dash's own request for the full plotly.js gets the partial bundle.
"""

from __future__ import annotations

import logging
import mimetypes
import sys
import threading
from pathlib import Path

import dash
from dash.fingerprint import check_fingerprint
from flask import abort, request, send_file
from werkzeug.security import safe_join

from dashboard import plotly_bundle
from dashboard.delivery import files, precompress
from dashboard.paths import ASSETS_DIR, STATIC_DIR

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=3600"
TYPES = {".js": "application/javascript", ".css": "text/css", ".json": "application/json",
         ".map": "application/json"}
FOLDERS = {"/assets/": ASSETS_DIR, "/vendor/bootstrap/": files.BOOTSTRAP_DIR, "/embed-static/": STATIC_DIR}
DASH_PLOTLY = ("plotly", "package_data/plotly.min.js")


def inside(folder: Path, relative: str) -> Path | None:
    joined = safe_join(str(folder), relative)
    try:
        return Path(joined) if joined and Path(joined).is_file() else None
    except OSError:  # a name longer than the file system takes: no such file (it answered 500)
        return None


def hashed_file(rest: str) -> tuple[Path | None, bool]:
    digest, _slash, name = rest.partition("/")
    path = files.named_files().get(name)
    if path is None:
        return None, False
    # an old hash (a page cached before an upgrade) still gets today's file, but not for ever
    return path, precompress.digest(path).startswith(digest) and len(digest) == files.HASH_LENGTH


def component_file(app: dash.Dash, rest: str) -> tuple[Path | None, bool]:
    package, _slash, fingerprinted = rest.partition("/")
    in_package, has_fingerprint = check_fingerprint(fingerprinted)
    if (package, in_package) == DASH_PLOTLY:
        return plotly_bundle.bundle_path(), has_fingerprint
    module = sys.modules.get(package)
    if module is None or in_package not in app.registered_paths.get(package, ()):
        # Dash's own route refused it with an exception, a 500 and 2 kB of log per scanner's guess
        abort(404)
    return inside(Path(module.__file__).parent, in_package), has_fingerprint


def locate(app: dash.Dash, path: str) -> tuple[Path | None, bool]:
    """The file on disk for a static URL, and whether its URL names its content."""
    if path.startswith(files.HASHED_PREFIX):
        return hashed_file(path[len(files.HASHED_PREFIX):])
    if path.startswith("/_dash-component-suites/"):
        return component_file(app, path[len("/_dash-component-suites/"):])
    if path == "/vendor/plotly/plotly.min.js":
        return plotly_bundle.bundle_path(), False
    for prefix, folder in FOLDERS.items():
        if path.startswith(prefix):
            return inside(folder, path[len(prefix):]), prefix == "/assets/" and "m" in request.args
    return None, False


def respond(path: Path, immutable: bool):
    accepted = request.accept_encodings
    encoding = next((name for name in precompress.ENCODINGS if accepted[name]), None)
    body = path
    if encoding:
        try:
            body = precompress.encoded(path, encoding)
        except OSError as error:  # no writable cache folder: send the file as it is, still served
            logging.getLogger(__name__).warning("cannot cache compressed %s: %s", path.name, error)
            encoding = None
    mimetype = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    etag = f"{precompress.digest(path)[:32]}-{encoding or 'identity'}"
    response = send_file(body, mimetype=mimetype, conditional=True, etag=etag, max_age=None,
                         last_modified=None)
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = IMMUTABLE if immutable else SHORT
    return response


def register(app: dash.Dash) -> None:
    """Serve static files from the compressed cache, and warm it in the background at startup."""

    @app.server.before_request
    def static_file():
        if request.method not in ("GET", "HEAD"):
            return None
        path, immutable = locate(app, request.path)
        return respond(path, immutable) if path is not None else None

    @app.server.route(f"{files.HASHED_PREFIX}<path:rest>")
    def unknown_hashed(rest: str):
        abort(404)  # not Dash's catch-all page: a missing file is a 404

    threading.Thread(target=precompress.warm, args=(files.warm_list(), precompress.cache_folder()),
                     daemon=True, name="precompress").start()
