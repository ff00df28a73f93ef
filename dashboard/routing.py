"""The page for the URL inside the first layout, so the page starts without a router round trip.

Dash Pages sends an empty `page_container` and fills it by a callback once the browser's
`dcc.Location` reports its URL: one more request, and one more render, before any page can
start. The layout request's Referer is the page's own URL (the app keeps it whole on its own
origin, as the language rule needs), so the shell here builds that page's layout into the
container and gives the Location the same pathname and search: the Location then reports no
change and Dash's router callback does not fire. assets/route_check.js, run by Dash's
documented `layout_post` renderer hook, compares that URL with the browser's and, when they
differ (a Referer cut short by a privacy setting), empties the container so the router
callback renders the page as usual.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
from dash import _pages, dcc, html
from flask import has_request_context, request

LOCATION, CONTENT, STORE, DUMMY = "_pages_location", "_pages_content", "_pages_store", "_pages_dummy"
HOOKS = {"layout_post": "function (layout) { window.citySdg.checkRoute(layout); }"}


def page_url() -> tuple[str, str] | None:
    """(pathname, search) of the page asking for its layout; None if it cannot be known."""
    if not has_request_context() or not request.path.endswith("/_dash-layout") or not request.referrer:
        return None
    referrer = urlsplit(request.referrer)
    if referrer.netloc != request.host:
        return None
    return referrer.path or "/", f"?{referrer.query}" if referrer.query else ""


def page_layout(pathname: str, search: str):
    """What Dash's router callback would return for this URL: (layout, title)."""
    app = dash.get_app()
    page, variables = _pages._path_to_page(app.strip_relative_path(pathname))
    if not page:
        page = next((p for m, p in _pages.PAGE_REGISTRY.items() if m.split(".")[-1] == "not_found_404"), {})
        variables = None
    layout, title = page.get("layout", html.H1("404")), page.get("title", app.title)
    if callable(layout):
        layout = layout(**{**(variables or {}), **_pages._parse_query_string(search)})
    if callable(title):
        title = title(**(variables or {}))
    return layout, title


def page_container() -> html.Div:
    """dash.page_container, with the requested page already in it when the URL is known."""
    url = page_url()
    if url is None:
        return dash.page_container
    pathname, search = url
    layout, title = page_layout(pathname, search)
    return html.Div([
        dcc.Location(id=LOCATION, refresh="callback-nav", pathname=pathname, search=search),
        html.Div(layout, id=CONTENT, disable_n_clicks=True),
        dcc.Store(id=STORE, data={"title": title}),
        html.Div(id=DUMMY, disable_n_clicks=True),
    ])
