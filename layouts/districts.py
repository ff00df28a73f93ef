"""A district choropleth on the city page, where the store holds district boundaries."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from layouts import i18n, texts
from layouts.city import value_text
from layouts.i18n import _, ngettext
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


def district_view(store: StoreData, place_id: str, year: int) -> tuple | None:
    """(title, figure, summary, table) of the district map, or None where there are no districts;
    the city page and its embed draw these."""
    frame, indicator = district_values(store, place_id, year)
    if frame.empty:
        return None
    shown = texts.indicator_texts(store).set_index("indicator_id")
    if indicator in shown.index:
        meta = shown.loc[indicator]
        name = texts.marked(meta["name"], meta["name_language"])
        unit = texts.marked(meta["unit"], meta["unit_language"])
    else:
        name, unit = indicator, ""
    shapes = store.boundaries[store.boundaries["place_id"].isin(frame["place_id"])]
    geojson = json.loads(shapes[["place_id", "geometry"]].to_json())
    hover = [_("{district}: {value}").format(district=d, value=value_text(v))
             for d, v in zip(frame["name"], frame["value"], strict=True)]
    figure = go.Figure(go.Choropleth(
        geojson=geojson, featureidkey="properties.place_id", locations=frame["place_id"],
        z=frame["value"], colorscale=SCORE_SCALE, text=hover, hoverinfo="text",
        colorbar={"title": {"text": unit}, "thickness": 12}, marker_line_color="#ffffff",
    ))
    figure.update_geos(fitbounds="locations", visible=False)
    title = _("{indicator}, by district").format(indicator=name)
    figure.update_layout(title={"text": title, "x": 0.01}, height=460,
                         separators=i18n.separators(), margin={"l": 0, "r": 0, "t": 40, "b": 0})
    ordered = frame.sort_values("value", ascending=False)
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    summary = ngettext(
        "{count} district. Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}).",
        "{count} districts. Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}).",
        len(frame),
    ).format(count=i18n.integer(len(frame)), top=top["name"], top_value=value_text(top["value"]),
             bottom=bottom["name"], bottom_value=value_text(bottom["value"]))
    listing = ordered.assign(value=ordered["value"].map(value_text))[["name", "year", "value"]]
    table = data_table(listing.rename(columns={"name": _("District"), "year": _("Year"),
                                               "value": _("Value")}),
                       _("{indicator} by district").format(indicator=name))
    return title, figure, summary, table


def district_section(store: StoreData, place_id: str, year: int, embed=None) -> html.Div | None:
    """The city page's district map with its summary and table; `embed` is its Embed button."""
    view = district_view(store, place_id, year)
    if view is None:
        return None
    _title, figure, summary, table = view
    return html.Div([
        html.Div([html.H2(_("Districts"), className="h4 me-auto"), embed],
                 className="d-flex align-items-start gap-2 mt-4"),
        dcc.Graph(figure=figure, config={"displaylogo": False}),
        html.P(summary),
        html.Details([html.Summary(_("Data table")), table]),
    ])
