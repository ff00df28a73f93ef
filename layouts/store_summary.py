"""The banner that marks demonstration data on every page and embed."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from layouts.i18n import _
from loaders.store import StoreData


def demo_banner(store: StoreData) -> dbc.Alert | None:
    if not store.is_demo:
        return None
    return dbc.Alert(
        [
            html.Strong(_("Demonstration data.")),
            " ",
            _("These numbers are generated for trying the dashboard; they describe no real city."),
        ],
        color="warning",
        className="demo-banner",
    )
