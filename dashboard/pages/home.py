"""Home: what the served store holds, until the map page lands."""

from __future__ import annotations

import dash
from dash import html

from dashboard import data
from layouts.store_summary import store_summary

dash.register_page(__name__, path="/", title="City SDG Dashboard")


def layout(**query: str) -> html.Div:
    return store_summary(data.current())
