"""The banner that marks demonstration data on every page and embed."""

from __future__ import annotations

from dash import html

from layouts import bootstrap
from layouts.i18n import _
from loaders.store import StoreData


def demo_banner(store: StoreData) -> html.Div | None:
    if not store.is_demo:
        return None
    return bootstrap.alert(
        [
            html.Strong(_("Demonstration data.")),
            " ",
            _("These numbers are generated for trying the dashboard; they describe no real city."),
        ],
        "warning",
        className="demo-banner",
    )
