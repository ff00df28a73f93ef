"""HTTP 404 for a page address that names nothing: the page still shows its words in the reader's
language (Dash serves the same document for every path), but a crawler, a link checker or a
monitor learns from the status that the address is wrong."""

from __future__ import annotations

import dash
from dash import _pages
from flask import Flask, Response, request

from dashboard import data

SERVED_ELSEWHERE = ("/_dash", "/_reload", "/_favicon", "/assets", "/api", "/embed", "/oembed", "/health",
                    "/static", "/vendor")
"""Addresses of the app's files and services, which answer for themselves."""


def page_exists(path: str) -> bool:
    """Whether `path` (as `strip_relative_path` gives it: no prefix, no leading slash) is a page: a
    registered path, and for a city page a place of the current data version."""
    page, variables = _pages._path_to_page(path)
    if not page or page.get("module", "").endswith("not_found_404"):
        return False
    if page.get("path_template") == "/city/<place_id>":
        from views import city as city_view

        return (variables or {}).get("place_id") in city_view.context(data.current()).places.index
    return True


def install(app: dash.Dash) -> None:
    server: Flask = app.server

    @server.after_request
    def not_found_status(response: Response) -> Response:
        if request.method != "GET" or response.status_code != 200 or response.mimetype != "text/html":
            return response
        path = app.strip_relative_path(request.path) or ""
        if ("/" + path).startswith(SERVED_ELSEWHERE) or page_exists(path):
            return response
        response.status_code = 404
        return response
