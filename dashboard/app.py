"""The app factory: the page shell in the request's language, offline Bootstrap, and the store it serves."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import dash
from dash import dcc, html
from flask import send_from_directory
from flask_compress import Compress

from dashboard import (
    answers,
    api,
    callbacks_guard,
    config,
    data,
    embed,
    first_paint,
    health,
    language,
    limits,
    long_address,
    not_found,
    routing,
    security,
    validation,
)
from dashboard.cache import cache
from dashboard.chrome import credit, toggle_fold
from dashboard.delivery import files, serve, worker
from dashboard.embed.dialog import dialog
from dashboard.embed.dialog import register as register_dialog
from dashboard.validation import skeleton
from layouts import i18n
from layouts.i18n import N_, _

VENDOR_URL = "/vendor/bootstrap"
NAV_LINKS = [(N_("Map"), "/"), (N_("Explore"), "/explore"), (N_("Projects"), "/projects"),
             (N_("About"), "/about")]


def serve_bootstrap(server) -> None:
    """Bootstrap 5 from the Bootstrap-Flask package, so no stylesheet comes from a CDN."""

    @server.route(f"{VENDOR_URL}/<path:filename>")
    def bootstrap_file(filename: str):
        response = send_from_directory(files.BOOTSTRAP_DIR, filename, max_age=86400)
        return response


POLYFILL_TAG = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
TABLE_TAG = re.compile(r'<script src="([^"]*/dash_table/bundle[^"]*\.js)"></script>')


def without_table(tags: str) -> str:
    """Dash's page without dash_table's script: Dash registers it on import, and no page draws a
    DataTable (the projects table is paged on the server and drawn as a plain table)."""
    return TABLE_TAG.sub("", tags, count=1)


class DashboardApp(dash.Dash):
    """Dash with a light validation layout: Dash builds one from every page's full default layout on the
    first request and would send it with every page; this keeps only the components' ids and types."""

    @property
    def validation_layout(self):
        found = self.__dict__.get("_validation_skeleton")
        if not found:
            return None
        if "_stand_ins" not in self.__dict__ and self._callback_list:  # once every callback is known
            present = {str(node.id) for node in found}
            self.__dict__["_stand_ins"] = validation.stand_ins(self._callback_list, present)
        return html.Div(found + self.__dict__.get("_stand_ins", []))

    @validation_layout.setter
    def validation_layout(self, value) -> None:
        self.__dict__["_validation_skeleton"] = skeleton(value) if value is not None else None
        self.__dict__.pop("_stand_ins", None)

    def _generate_scripts_html(self) -> str:
        """Dash's script tags, with its Babel polyfill (core-js for old browsers, 100 kB, 0.2 s to run
        on a slow phone) swapped for regenerator-runtime, the one part of it Dash's bundles still call
        in today's browsers, when scripts/build_runtime.sh has fetched it."""
        tags = without_table(super()._generate_scripts_html())
        if "regenerator-runtime.js" not in files.named_files():
            return tags
        runtime = f'<script src="{files.url("regenerator-runtime.js")}"></script>'
        return POLYFILL_TAG.sub(runtime, tags, count=1)

    def csp_hashes(self, hash_algorithm: str = "sha256") -> list[str]:
        """Dash's inline scripts and the pages' own head script (`first_paint.head_scripts`)."""
        digest = getattr(hashlib, hash_algorithm)
        own = first_paint.head_scripts("/", self.config.requests_pathname_prefix or "/")
        hashes = (base64.b64encode(digest(script.encode()).digest()).decode() for script in own)
        return [*super().csp_hashes(hash_algorithm), *(f"'{hash_algorithm}-{h}'" for h in hashes)]


def create_app(store_path: str | None = None) -> dash.Dash:
    """The dashboard serving `store_path` (else the configured store: the user's, or the demo)."""
    settings = config.settings()
    i18n.configure(settings.language, settings.locale_dirs)
    app = DashboardApp(
        __name__,
        use_pages=True,
        pages_folder=str(Path(__file__).parent / "pages"),
        external_stylesheets=[files.url("bootstrap.min.css")],
        # no plotly.js script tag among Dash's: the page's head starts the partial bundle
        # (first_paint.PLOTLY_LOADER) from its hashed address, so Dash's renderer never waits for
        # it and it runs as soon as it has arrived
        serve_locally=True,
        title="City SDG Dashboard",
        update_title=None,
        hooks=routing.HOOKS,
    )
    routing.guard_layouts(app)
    if store_path:
        app.server.config[data.STORE_KEY] = str(store_path)
    serve.register(app)
    worker.register(app)
    first_paint.install(app)
    serve_bootstrap(app.server)
    Compress(app.server)
    health.install(app.server)
    cache.init_app(app.server)
    language.install(app.server)
    long_address.install(app.server)
    embed.register(app.server)
    api.register(app.server)
    answers.install(app.server)
    limits.install(app.server, api.blueprint)
    register_dialog()
    toggle_fold(NAV_LINKS_ID, NAV_TOGGLE_ID)
    callbacks_guard.install(app)
    not_found.install(app)
    app.layout = shell
    security.install(app)  # last: the pages' policy hashes every inline script registered above
    return app


def language_menu() -> html.Li:
    """The same page in each language, named in itself (url_state.js keeps the rest of the query):
    a native <details>, which opens and closes from the keyboard without a script."""
    current = i18n.language()
    items = [
        html.Li(html.A(html.Span(i18n.native_name(code), lang=code), href=f"?lang={code}",
                       className="dropdown-item language-choice" + (" active" if code == current else ""),
                       **({"aria-current": "true"} if code == current else {})))
        for code in i18n.languages()
    ]
    label = [html.Span(_("Language:"), className="visually-hidden"), " ",
             html.Span(i18n.native_name(current), lang=current)]
    return html.Li(html.Details([html.Summary(label, className="nav-link dropdown-toggle"),
                                 html.Ul(items, className="dropdown-menu dropdown-menu-end show")],
                                className="dropdown language-menu"), className="nav-item")


NAV_LINKS_ID, NAV_TOGGLE_ID = "nav-links", "nav-toggle"


def navigation() -> html.Nav:
    """The site's name and pages; on phones the pages fold behind a menu button (`chrome.toggle_fold`)."""
    try:  # a store without projects has no page of them to open
        projects = not data.current().projects.empty
    except Exception:  # noqa: BLE001 - a store that cannot be read: the frame still stands (/readyz says so)
        projects = False
    pages = [html.Li(dcc.Link(_(label), href=i18n.href(href), className="nav-link"), className="nav-item")
             for label, href in NAV_LINKS if projects or href != "/projects"]
    return html.Nav(html.Div([
        dcc.Link(_("City SDG Dashboard"), href=i18n.href("/"), className="navbar-brand"),
        html.Button(html.Span(className="navbar-toggler-icon"), id=NAV_TOGGLE_ID, type="button",
                    className="navbar-toggler", **{"aria-controls": NAV_LINKS_ID, "aria-expanded": "false",
                                                   "aria-label": _("Show or hide the navigation")}),
        html.Div(html.Ul([*pages, language_menu()], className="navbar-nav ms-auto"),
                 id=NAV_LINKS_ID, className="collapse navbar-collapse"),
    ], className="container-fluid"), className="navbar navbar-expand-md navbar-dark bg-dark mb-3",
        **{"aria-label": _("Pages")})


def shell() -> html.Div:
    """The frame around every page, in the request's language (a function, so Dash builds it
    per page load)."""
    return html.Div(
        [
            html.A(_("Skip to content"), href="#main", className="visually-hidden-focusable"),
            navigation(),
            html.Main(routing.page_container(), id="main", tabIndex="-1"),
            dialog(),
            html.Footer(credit(), className="small text-muted border-top mt-4 py-2"),
        ],
        className="container-fluid",
    )
