"""The Embed button's dialog: a ready snippet for the chart, with size, language and "frozen"."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import dash
from dash import ALL, Input, Output, State, dcc, html
from flask import request

from dashboard import config, data
from dashboard.embed import snippet
from dashboard.embed.page import frame_title
from dashboard.widgets import Dialog, Select, checklist
from layouts import bootstrap, i18n
from layouts.i18n import _
from views.base import NotAvailable
from views.registry import CITY_PREFIX, EMBEDS, build


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
    LOCATION = "embed-location"


def embed_button(view: str, title_id: str) -> html.Button:
    """The button beside a chart; `view` names its /embed/<view>, `title_id` the element of the
    chart's heading, which names the button after its own word ("Embed Bristol: The 17 goals, ..."),
    also when a callback rewrites the heading: a page's buttons were named by their kind of chart
    ("Embed: A place's 17 goals"), the same on every city's page."""
    word = f"{Ids.OPEN}-{view}-word"
    return html.Button(html.Span(_("Embed"), id=word), id={"type": Ids.OPEN, "view": view}, type="button",
                       className="btn btn-outline-secondary btn-sm embed-button",
                       **{"aria-labelledby": f"{word} {title_id}", "aria-haspopup": "dialog"})


OWN_SIZE = "own"
"""The dialog's first size: the chart's own height (the registry's, as oEmbed answers), so a frame
whose CMS strips the resize script shows the whole chart instead of scrolling inside it."""


def size_options(view: str | None = None) -> list[dict]:
    """The sizes offered: the chart's own height first, then the three fixed ones."""
    own = EMBEDS[view].height if view in EMBEDS else None
    first = ([{"label": _("Fitted to this chart ({height} px high)").format(height=own), "value": OWN_SIZE}]
             if own else [{"label": _("Fitted to this chart"), "value": OWN_SIZE}])
    return first + [{"label": _("Compact ({height} px high)").format(height=snippet.HEIGHTS["compact"]),
             "value": "compact"},
            {"label": _("Standard ({height} px high)").format(height=snippet.HEIGHTS["standard"]),
             "value": "standard"},
            {"label": _("Tall ({height} px high)").format(height=snippet.HEIGHTS["tall"]), "value": "tall"}]


def dialog() -> html.Div:
    """One dialog per page frame, filled for whichever chart's Embed button was pressed."""
    languages = [{"label": i18n.native_name(code), "value": code} for code in i18n.languages()]
    return html.Div([
        dcc.Store(id=Ids.VIEW),
        dcc.Store(id=Ids.LOCATION),
        Dialog([
            bootstrap.row([
                bootstrap.col([bootstrap.label(_("Size"), Ids.SIZE),
                               Select(id=Ids.SIZE, options=size_options(), value=OWN_SIZE)], md=5),
                bootstrap.col([bootstrap.label(_("Language"), Ids.LANGUAGE),
                               Select(id=Ids.LANGUAGE, options=languages, value=i18n.language())], md=4),
                bootstrap.col(checklist(id=Ids.FROZEN, options=[
                    {"label": _("Frozen: keep today's numbers"), "value": "frozen"}], value=[],
                    className="mt-md-4"),
                    md=3),
            ], className="g-2 mb-2"),
            bootstrap.label(_("Code to paste into your web page"), Ids.CODE),
            dcc.Textarea(id=Ids.CODE, readOnly=True, rows=9, className="form-control font-monospace small"),
            html.P(_("The iframe works on its own, also where a CMS removes scripts; the script "
                     "after it only fits the frame's height to the chart. Frozen embeds show the "
                     "data version of today even after new data is imported."),
                   className="small text-muted mt-2"),
            html.Div([
                html.A(_("Preview the embed"), id=Ids.PREVIEW, href="#", target="_blank",
                       rel="noopener", className="me-auto"),
                html.Button(_("Copy code"), id=Ids.COPY, type="button", className="btn btn-primary"),
            ], className="modal-footer px-0 pb-0"),
        ], id=Ids.DIALOG, title=_("Embed this chart on your website"), close_label=_("Close"),
            className="modal-lg"),
    ])


PAGE_ONLY = {"city-districts": ("indicator",)}
"""Keys of a page's query that an embed does not take from it: the city page's `indicator` is its
trend's, while its district map draws its own default (the embed would draw the trend's indicator
by district, or refuse one the districts have no value of)."""


def embed_src(view: str, pathname: str, search: str, language: str, version: str | None) -> str:
    """The embed's address: the page's own query (its view state), its place, language, version."""
    skipped = ("lang", "version", *PAGE_ONLY.get(view, ()))
    query = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k not in skipped]
    if (pathname or "").startswith(CITY_PREFIX):
        query.insert(0, ("place", pathname[len(CITY_PREFIX):]))
    query.append(("lang", language))
    if version:
        query.append(("version", version))
    return f"{config.public_url(request.root_url)}/embed/{view}?{urlencode(query)}"


def write_code(location: dict | None, size: str, language: str, frozen: list[str], view: str | None):
    """The snippet for the chart whose button was pressed, from the address the page shows now
    (the pages update it with pushState, which a dcc.Location does not see)."""
    if view not in EMBEDS or not location:
        raise dash.exceptions.PreventUpdate
    pathname, search = location.get("pathname", "/"), location.get("search", "")
    version = data.current().version if frozen else None
    language = language if language in i18n.languages() else i18n.language()
    src = embed_src(view, pathname, search, language, version)
    with i18n.use(language):
        title = titled(view, src)
    height = snippet.HEIGHTS.get(size, EMBEDS[view].height)
    origin = config.public_url(request.root_url)
    return snippet.snippet(src, title, height, origin), src


def titled(view: str, src: str) -> str:
    """The frame's title for the embed at `src` (`page.frame_title`), in the language in force; a view
    the data cannot draw (its embed answers 404) is named by its kind."""
    query = {k: v for k, v in parse_qsl(urlsplit(src).query) if k not in ("lang", "version")}
    try:
        return frame_title(build(view, query, data.current()))
    except NotAvailable:
        return f"{_(EMBEDS[view].what)} · {_('City SDG Dashboard')}"


OPEN_SCRIPT = """(clicks) => {
    const trigger = window.dash_clientside.callback_context.triggered_id;
    if (!trigger || !(clicks || []).some(Boolean)) {
        const skip = window.dash_clientside.no_update;
        return [skip, skip, skip];
    }
    // the address as it is now: the pages keep their state in it with pushState
    return [true, trigger.view, {pathname: window.location.pathname, search: window.location.search}];
}"""

COPY_SCRIPT = """(clicks, code) => {
    if (!clicks || !code) { return window.dash_clientside.no_update; }
    const area = document.getElementById("embed-code");
    area.select();
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(code); }
    else { document.execCommand("copy"); }
    return window.dash_clientside.no_update;
}"""


def register() -> None:
    """The dialog's callbacks, for the app being built (the dialog is part of the shell, not of a page
    module that Dash runs for each app, so `create_app` registers them each time)."""
    dash.clientside_callback(OPEN_SCRIPT, Output(Ids.DIALOG, "is_open"), Output(Ids.VIEW, "data"),
                             Output(Ids.LOCATION, "data"), Input({"type": Ids.OPEN, "view": ALL}, "n_clicks"),
                             prevent_initial_call=True)
    dash.callback(Output(Ids.CODE, "value"), Output(Ids.PREVIEW, "href"),
                  Input(Ids.LOCATION, "data"), Input(Ids.SIZE, "value"), Input(Ids.LANGUAGE, "value"),
                  Input(Ids.FROZEN, "value"), Input(Ids.VIEW, "data"),
                  prevent_initial_call=True)(write_code)
    dash.callback(Output(Ids.SIZE, "options"), Input(Ids.VIEW, "data"),
                  prevent_initial_call=True)(size_options)
    dash.clientside_callback(COPY_SCRIPT, Output(Ids.COPY, "className"), Input(Ids.COPY, "n_clicks"),
                             State(Ids.CODE, "value"), prevent_initial_call=True)
