"""The Embed button's dialog: a ready snippet for the chart, with size, language and "frozen"."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, dcc, html
from flask import request

from dashboard import config, data
from dashboard.embed import snippet
from dashboard.embed.discovery import CITY_PREFIX
from dashboard.embed.views import VIEWS
from layouts import i18n
from layouts.i18n import _


class Ids:
    OPEN = "embed-open"
    DIALOG = "embed-dialog"
    SIZE = "embed-size"
    LANGUAGE = "embed-language"
    FROZEN = "embed-frozen"
    CODE = "embed-code"
    COPY = "embed-copy"
    PREVIEW = "embed-preview"
    VIEW = "embed-view"
    URL = "embed-url"


def embed_button(view: str) -> dbc.Button:
    """The button beside a chart; `view` names its /embed/<view>."""
    return dbc.Button([_("Embed")], id={"type": Ids.OPEN, "view": view}, color="secondary",
                      outline=True, size="sm", className="embed-button")


def size_options() -> list[dict]:
    return [{"label": _("Compact ({height} px high)").format(height=snippet.HEIGHTS["compact"]),
             "value": "compact"},
            {"label": _("Standard ({height} px high)").format(height=snippet.HEIGHTS["standard"]),
             "value": "standard"},
            {"label": _("Tall ({height} px high)").format(height=snippet.HEIGHTS["tall"]), "value": "tall"}]


def dialog() -> html.Div:
    """One dialog per page frame, filled for whichever chart's Embed button was pressed."""
    languages = [{"label": i18n.native_name(code), "value": code} for code in i18n.languages()]
    return html.Div([
        dcc.Location(id=Ids.URL, refresh=False),
        dcc.Store(id=Ids.VIEW),
        dbc.Modal([
            dbc.ModalHeader(dbc.ModalTitle(_("Embed this chart on your website"))),
            dbc.ModalBody([
                dbc.Row([
                    dbc.Col([dbc.Label(_("Size"), html_for=Ids.SIZE),
                             dbc.Select(id=Ids.SIZE, options=size_options(), value="standard")], md=5),
                    dbc.Col([dbc.Label(_("Language"), html_for=Ids.LANGUAGE),
                             dbc.Select(id=Ids.LANGUAGE, options=languages, value=i18n.language())], md=4),
                    dbc.Col(dbc.Checklist(id=Ids.FROZEN, options=[
                        {"label": _("Frozen: keep today's numbers"), "value": "frozen"}], value=[],
                        className="mt-md-4"), md=3),
                ], className="g-2 mb-2"),
                dbc.Label(_("Code to paste into your web page"), html_for=Ids.CODE),
                dbc.Textarea(id=Ids.CODE, readOnly=True, rows=9, className="font-monospace small"),
                html.P(_("The iframe works on its own, also where a CMS removes scripts; the script "
                         "after it only fits the frame's height to the chart. Frozen embeds show the "
                         "data version of today even after new data is imported."),
                       className="small text-muted mt-2"),
            ]),
            dbc.ModalFooter([
                html.A(_("Preview the embed"), id=Ids.PREVIEW, href="#", target="_blank",
                       rel="noopener", className="me-auto"),
                dbc.Button(_("Copy code"), id=Ids.COPY, color="primary"),
            ]),
        ], id=Ids.DIALOG, is_open=False, size="lg"),
    ])


def embed_src(view: str, pathname: str, search: str, language: str, version: str | None) -> str:
    """The embed's address: the page's own query (its view state), its place, language, version."""
    query = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k not in ("lang", "version")]
    if (pathname or "").startswith(CITY_PREFIX):
        query.insert(0, ("place", pathname[len(CITY_PREFIX):]))
    query.append(("lang", language))
    if version:
        query.append(("version", version))
    return f"{config.public_url(request.root_url)}/embed/{view}?{urlencode(query)}"


def open_dialog(clicks: list[int | None]):
    trigger = dash.ctx.triggered_id
    if not trigger or not any(clicks):
        raise dash.exceptions.PreventUpdate
    return True, trigger["view"]


def write_code(view: str | None, size: str, language: str, frozen: list[str], pathname: str, search: str):
    if view not in VIEWS:
        raise dash.exceptions.PreventUpdate
    version = data.current().version if frozen else None
    language = language if language in i18n.languages() else i18n.language()
    src = embed_src(view, pathname, search, language, version)
    with i18n.use(language):
        title = _(VIEWS[view][0])
    height = snippet.HEIGHTS.get(size, snippet.HEIGHTS["standard"])
    origin = config.public_url(request.root_url)
    return snippet.snippet(src, title, height, origin), src


COPY_SCRIPT = """(clicks, code) => {
    if (!clicks || !code) { return window.dash_clientside.no_update; }
    const area = document.getElementById("embed-code");
    area.select();
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(code); }
    else { document.execCommand("copy"); }
    return window.dash_clientside.no_update;
}"""


def register(app: dash.Dash) -> None:
    """The dialog's callbacks, on this app (the dialog is part of the shell, not of a page module,
    so its callbacks are registered with each app rather than in Dash's global list)."""
    app.callback(Output(Ids.DIALOG, "is_open"), Output(Ids.VIEW, "data"),
                 Input({"type": Ids.OPEN, "view": ALL}, "n_clicks"),
                 prevent_initial_call=True)(open_dialog)
    app.callback(Output(Ids.CODE, "value"), Output(Ids.PREVIEW, "href"),
                 Input(Ids.VIEW, "data"), Input(Ids.SIZE, "value"), Input(Ids.LANGUAGE, "value"),
                 Input(Ids.FROZEN, "value"), State(Ids.URL, "pathname"), State(Ids.URL, "search"),
                 prevent_initial_call=True)(write_code)
    app.clientside_callback(COPY_SCRIPT, Output(Ids.COPY, "className"), Input(Ids.COPY, "n_clicks"),
                            State(Ids.CODE, "value"), prevent_initial_call=True)
