"""Pieces every page shares: the demo banner, problem messages, the chart card."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.embed.dialog import embed_button
from layouts.i18n import _
from layouts.store_summary import demo_banner
from loaders.store import StoreData


def page_messages(store: StoreData, problems: list[str]) -> html.Div:
    """The demo banner and, for a bad URL parameter, what was wrong and what is shown instead."""
    alerts = [dbc.Alert(p, color="info", className="url-problem") for p in problems]
    return html.Div([demo_banner(store), *alerts])


def chart_card(graph, summary, table, hint: str = "", embed: str | None = None) -> dbc.Card:
    """A chart with its text summary and, one click away, its data table; `embed` names the
    /embed/<view> that shows the same chart, which adds an Embed button."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(embed_button(embed), className="d-flex justify-content-end") if embed else None,
                graph,
                summary,
                html.P(hint, className="small text-muted") if hint else None,
                html.Details(
                    [html.Summary(_("Data table")), table], className="chart-table mt-2"
                ),
            ]
        ),
        className="mb-3",
    )
