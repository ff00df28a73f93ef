"""HTTP 404 for a page address that names nothing: the page still shows its words in the reader's
language (Dash serves the same document for every path), but a crawler, a link checker or a
monitor learns from the status that the address is wrong."""

from __future__ import annotations

import dash
from dash import _pages
from flask import Flask, Response, request

from dashboard import data

SERVED_ELSEWHERE = ("_dash", "_reload", "_favicon", "assets", "api", "embed", "oembed", "health",
                    "healthz", "readyz", "static", "vendor")
"""First parts of the addresses of the app's files and services, which answer for themselves."""


def page_exists(path: str) -> bool:
    """Whether `path` (relative to the app's routes: no prefix, no leading slash) is a page: a
    registered path, and for a city page a place of the current data version."""
    page, variables = _pages._path_to_page(path)
    if not page or page.get("module", "").endswith("not_found_404"):
        return False
    if page.get("path_template") == "/city/<place_id>":
        from views import city as city_view

        return (variables or {}).get("place_id") in city_view.context(data.current()).places.index
    return True


def page_path(app: dash.Dash, full: str) -> str | None:
    """`full` (the request's path) relative to the app's routes, or None outside them (an embed or
    the API at the server's root while the pages have a prefix)."""
    prefix = app.config.routes_pathname_prefix or "/"
    if not full.startswith(prefix) and full + "/" != prefix:
        return None
    return full[len(prefix):].strip("/")


def install(app: dash.Dash) -> None:
    server: Flask = app.server

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code != 200 \
                or response.mimetype != "text/html":
            return response
        path = page_path(app, request.path)
        first = (path or "").split("/", 1)[0]
        if path is None or first in SERVED_ELSEWHERE or first.startswith("_dash") or page_exists(path):
            return response
        response.status_code = 404
        return response
