"""A district choropleth on the city page, where the store holds district boundaries."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from layouts.reference import SCORE_SCALE
from layouts.tables import data_table
from loaders.store import StoreData


def district_values(store: StoreData, place_id: str, year: int) -> tuple[pd.DataFrame, str | None]:
    """Headline values of the city's districts for the indicator with most district data."""
    if store.boundaries is None or not len(store.boundaries):
        return pd.DataFrame(), None
    districts = store.places[store.places["parent_id"] == place_id]
    outlined = districts[districts["place_id"].isin(store.boundaries["place_id"])]
    if outlined.empty:
        return pd.DataFrame(), None
    obs = store.observations
    mine = obs[obs["place_id"].isin(outlined["place_id"]) & (obs["year"] <= year)
               & obs["value"].notna()]
    if mine.empty:
        return pd.DataFrame(), None
    indicator = mine.groupby("indicator_id")["place_id"].nunique().idxmax()
    rows = mine[mine["indicator_id"] == indicator]
    # a district's breakdowns differ by file; take its most common breakdown, latest year
    breakdown = rows["breakdown"].mode().iloc[0]
    rows = rows[rows["breakdown"] == breakdown].sort_values("year").groupby("place_id").tail(1)
    frame = rows.merge(outlined[["place_id", "name"]], on="place_id")
    return frame[["place_id", "name", "year", "value"]], indicator


def district_section(store: StoreData, place_id: str, year: int) -> html.Div | None:
    frame, indicator = district_values(store, place_id, year)
    if frame.empty:
        return None
    name = store.indicators.set_index("indicator_id")["name"].get(indicator, indicator)
    shapes = store.boundaries[store.boundaries["place_id"].isin(frame["place_id"])]
    geojson = json.loads(shapes[["place_id", "geometry"]].to_json())
    figure = go.Figure(go.Choropleth(
        geojson=geojson, featureidkey="properties.place_id", locations=frame["place_id"],
        z=frame["value"], colorscale=SCORE_SCALE, text=frame["name"],
        hovertemplate="%{text}: %{z:,.4g}<extra></extra>", marker_line_color="#ffffff",
    ))
    figure.update_geos(fitbounds="locations", visible=False)
    figure.update_layout(title={"text": f"{name}, by district", "x": 0.01}, height=460,
                         margin={"l": 0, "r": 0, "t": 40, "b": 0})
    ordered = frame.sort_values("value", ascending=False)
    text = (f"{len(frame)} districts. Highest: {ordered.iloc[0]['name']} "
            f"({ordered.iloc[0]['value']:,.4g}); lowest: {ordered.iloc[-1]['name']} "
            f"({ordered.iloc[-1]['value']:,.4g}).")
    table = data_table(ordered[["name", "year", "value"]].rename(
        columns={"name": "District", "year": "Year", "value": "Value"}), f"{name} by district")
    return html.Div([
        html.H2("Districts", className="h4 mt-4"),
        dcc.Graph(figure=figure, config={"displaylogo": False}),
        html.P(text),
        html.Details([html.Summary("Data table"), table]),
    ])
