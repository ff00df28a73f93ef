"""The page for an address that names no page: in the reader's language, with a way back."""

from __future__ import annotations

import dash
from dash import dcc, html

from layouts import i18n
from layouts.i18n import _

dash.register_page(__name__, path="/404", title=lambda: _("Page not found · City SDG Dashboard"))


def layout(**_query: str) -> html.Div:
    return html.Div([
        html.H1(_("There is no page at this address."), className="h3"),
        html.P(dcc.Link(_("Go to the map of all places"), href=i18n.href("/"))),
    ])
