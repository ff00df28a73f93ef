"""HTTP 404 for a page address that names nothing: the page still shows its words in the reader's
language (Dash serves the same document for every path), but a crawler, a link checker or a
monitor learns from the status that the address is wrong."""

from __future__ import annotations

import dash
from dash import _pages
from flask import Flask, Response, request

from dashboard import data


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


def page_path(prefix: str, rule: str | None, view_args: dict | None) -> str | None:
    """The page address a request asks for, relative to the pages' `prefix`, when it reached Dash's
    own page routes (`<prefix>` and `<prefix><path:path>`, which serve the one document for every
    address); None for every other route (assets, embeds, the API answer for themselves)."""
    if rule not in (prefix, prefix + "<path:path>"):
        return None
    return str((view_args or {}).get("path", "")).strip("/")


def install(app: dash.Dash) -> None:
    server: Flask = app.server
    prefix = app.config.routes_pathname_prefix or "/"

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        path = page_path(prefix, request.url_rule.rule if request.url_rule else None, request.view_args)
        if path is not None and not page_exists(path):
            response.status_code = 404
        return response
