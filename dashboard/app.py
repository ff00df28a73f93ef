"""The app factory: the page shell in the request's language, offline Bootstrap, and the store it serves."""

from __future__ import annotations

import os
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import flask_bootstrap
from dash import html
from flask import send_from_directory
from flask_compress import Compress

from dashboard import answers, api, callbacks_guard, data, embed, health, language, limits, security
from dashboard.cache import cache
from dashboard.embed.dialog import dialog
from dashboard.embed.dialog import register as register_dialog
from layouts import i18n
from layouts.i18n import N_, _

BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
VENDOR_URL = "/vendor/bootstrap"
NAV_LINKS = [(N_("Map"), "/"), (N_("Explore"), "/explore"), (N_("Projects"), "/projects"),
             (N_("About"), "/about")]


def serve_bootstrap(server) -> None:
    """Bootstrap 5 from the Bootstrap-Flask package, so no stylesheet comes from a CDN."""

    @server.route(f"{VENDOR_URL}/<path:filename>")
    def bootstrap_file(filename: str):
        response = send_from_directory(BOOTSTRAP_DIR, filename, max_age=86400)
        return response


def create_app(store_path: str | None = None) -> dash.Dash:
    if store_path:
        os.environ[data.STORE_PATH_ENV] = str(store_path)
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(Path(__file__).parent / "pages"),
        external_stylesheets=[f"{VENDOR_URL}/css/bootstrap.min.css"],
        serve_locally=True,
        title="City SDG Dashboard",
        update_title=None,
        # Each page's components exist only while that page is shown, so the browser cannot
        # check callbacks against the one layout it has; tests/test_wiring.py checks every
        # callback against every page's layout instead.
        suppress_callback_exceptions=True,
    )
    serve_bootstrap(app.server)
    Compress(app.server)
    health.install(app.server)
    cache.init_app(app.server)
    language.install(app.server)
    embed.register(app.server)
    api.register(app.server)
    answers.install(app.server)
    limits.install(app.server, api.blueprint)
    register_dialog(app)
    callbacks_guard.install(app)
    app.layout = shell
    security.install(app)  # last: the pages' policy hashes every inline script registered above
    return app


def language_menu() -> dbc.DropdownMenu:
    """The same page in each language, named in itself; url_state.js keeps the rest of the query."""
    current = i18n.language()
    items = [
        dbc.DropdownMenuItem(
            html.Span(i18n.native_name(code), lang=code), href=f"?lang={code}", active=code == current,
            class_name="language-choice", external_link=True)
        for code in i18n.languages()
    ]
    label = [html.Span(_("Language:"), className="visually-hidden"), " ",
             html.Span(i18n.native_name(current), lang=current)]
    return dbc.DropdownMenu(items, label=label, nav=True, in_navbar=True, align_end=True,
                            class_name="language-menu")


def widget_labels() -> html.Div:
    """Accessible names that dash-bootstrap-components writes in English (the phone menu button,
    dialogs' close button); url_state.js puts these translations on them."""
    return html.Div(id="widget-labels", hidden=True, **{
        "data-toggle-navigation": _("Show or hide the navigation"), "data-close": _("Close")})


def shell() -> dbc.Container:
    """The frame around every page, in the request's language (a function, so Dash builds it
    per page load)."""
    return dbc.Container(
        [
            html.A(_("Skip to content"), href="#main", className="visually-hidden-focusable"),
            dbc.NavbarSimple(
                [*(dbc.NavItem(dbc.NavLink(_(label), href=i18n.href(href))) for label, href in NAV_LINKS),
                 language_menu()],
                brand=_("City SDG Dashboard"),
                brand_href=i18n.href("/"),
                color="dark",
                dark=True,
                fluid=True,
                className="mb-3",
            ),
            html.Main(dash.page_container, id="main", tabIndex="-1"),
            widget_labels(),
            dialog(),
            html.Footer(
                _("Place names and populations: GeoNames (CC BY 4.0). Boundaries: Natural Earth. "
                  "See About for every data source."),
                className="small text-muted border-top mt-4 py-2",
            ),
        ],
        fluid=True,
    )
