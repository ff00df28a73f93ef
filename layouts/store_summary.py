"""A plain summary of a store version: which data, how much, from where."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from loaders.store import StoreData


def demo_banner(store: StoreData) -> dbc.Alert | None:
    if not store.is_demo:
        return None
    return dbc.Alert(
        [
            html.Strong("Demonstration data. "),
            "These numbers are generated for trying the dashboard; they describe no real city.",
        ],
        color="warning",
        className="demo-banner",
    )


def places_by_region(places: pd.DataFrame) -> pd.DataFrame:
    cities = places[places["kind"].isin(["city", "district"])]
    counts = cities.groupby(cities["un_region"].fillna("Unknown")).size()
    return counts.rename_axis("UN region").reset_index(name="places")


def table(frame: pd.DataFrame, caption: str) -> dbc.Table:
    header = html.Thead(html.Tr([html.Th(c, scope="col") for c in frame.columns]))
    body = html.Tbody([html.Tr([html.Td(v) for v in row]) for row in frame.astype(str).values])
    return dbc.Table([html.Caption(caption), header, body], bordered=True, size="sm")


def store_summary(store: StoreData) -> html.Div:
    counts = store.meta.get("counts", {})
    facts = [
        f"{counts.get('places', len(store.places)):,} places",
        f"{counts.get('indicators', len(store.indicators)):,} indicators",
        f"{counts.get('observations', len(store.observations)):,} observations",
        f"{counts.get('projects', len(store.projects)):,} projects",
    ]
    sources = [html.Li(s.get("name") or s.get("file", "")) for s in store.meta.get("sources", [])]
    return html.Div(
        [
            demo_banner(store),
            html.H1("City SDG Dashboard"),
            html.P(f"Data version {store.version}: " + ", ".join(facts) + "."),
            html.H2("Sources"),
            html.Ul(sources),
            table(places_by_region(store.places), "Places by UN region"),
        ]
    )
