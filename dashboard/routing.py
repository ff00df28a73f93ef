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

import functools
import logging
from collections.abc import Callable
from contextvars import ContextVar
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit

import dash
from dash import _pages, dcc, html
from dash._utils import to_json
from flask import has_request_context, request

from layouts import i18n

LOCATION, CONTENT, STORE, DUMMY = "_pages_location", "_pages_content", "_pages_store", "_pages_dummy"
HOOKS = {"layout_post": "function (layout) { window.citySdg.checkRoute(layout); }"}
INLINE_LAYOUT, INLINE_DEPENDENCIES = "_inline-layout", "_inline-dependencies"
log = logging.getLogger("city_sdg.pages")
_building_check: ContextVar[bool] = ContextVar("building_check", default=False)
_page_of_index: ContextVar[tuple[str, str] | None] = ContextVar("page_of_index", default=None)


def page_url() -> tuple[str, str] | None:
    """(pathname, search) of the page asking for its layout; None if it cannot be known."""
    inline = _page_of_index.get()
    if inline is not None:
        return inline
    if not has_request_context() or not request.path.endswith("/_dash-layout") or not request.referrer:
        return None
    referrer = urlsplit(request.referrer)
    if referrer.netloc != request.host:
        return None
    return referrer.path or "/", f"?{referrer.query}" if referrer.query else ""


def guard_layouts(app: dash.Dash) -> None:
    """Every page's layout, while Dash builds its check of the callbacks from all of them (in its
    router's first run, at the first request), gives way to an empty page where it fails, the
    failure logged (the callbacks' ids stand in: `validation.stand_ins`): one page failing on a
    store's data (Explore on a one-city store's indicator of no goal) answered every request of the
    site with 500, /healthz included. Asked for by a reader, a failing page still answers 500
    (`callbacks_guard.error_page`)."""
    for page in _pages.PAGE_REGISTRY.values():
        layout = page.get("layout")
        if callable(layout) and not getattr(layout, "guarded", False):
            page["layout"] = guarded(layout)
    funcs = app.server.before_request_funcs.setdefault(None, [])
    router = next(i for i, f in enumerate(funcs) if getattr(f, "__name__", "") == "router_sync")

    def start() -> None:
        if not app._got_first_request["pages"]:
            _building_check.set(True)

    def end() -> None:
        _building_check.set(False)

    funcs.insert(router + 1, end)
    funcs.insert(router, start)


def guarded(layout: Callable[..., object]) -> Callable[..., object]:
    @functools.wraps(layout)
    def safe(**kwargs: object) -> object:
        try:
            return layout(**kwargs)
        except Exception:
            if not _building_check.get():
                raise
            log.exception("the layout of %s failed while the callbacks' check was built", layout.__module__)
            return html.Div()

    safe.guarded = True
    return safe


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


def data_block(element_id: str, text: str) -> str:
    """JSON in a <script type="application/json"> (never run); every "<" escaped, so no text in the
    data (a place name from an imported file) can close the element."""
    safe = text.replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{safe}</script>'


def search_in_browser() -> str:
    """The page's query as the browser will show it once assets/url_state.js has added ?lang= (with
    URLSearchParams' encoding), so the layout's Location agrees with it and no router callback runs."""
    query = request.query_string.decode("utf-8", "replace")
    if "lang" not in request.args:
        pairs = [*parse_qsl(query, keep_blank_values=True), ("lang", i18n.language())]
        query = urlencode(pairs, quote_via=lambda text, *_: quote_plus(text, safe="*")).replace("~", "%7E")
    return f"?{query}" if query else ""


def inline_answers(app: dash.Dash) -> str:
    """The page's layout (as `_dash-layout` would answer it for this URL) and the callbacks' list
    (`_dash-dependencies`), for the page's own HTML: assets/inline_boot.js answers the renderer's
    first two requests from them, which saves a round trip before the page starts."""
    token = _page_of_index.set((request.path, search_in_browser()))
    try:
        layout = to_json(app.get_layout())
    finally:
        _page_of_index.reset(token)
    return data_block(INLINE_LAYOUT, layout) + data_block(INLINE_DEPENDENCIES, to_json(app._callback_list))
