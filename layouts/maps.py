"""Maps of places: markers by dashboard rating or score, and a country choropleth."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts.reference import DASHBOARD_COLOURS, RATING_WORDS, SCORE_SCALE, arrow

RATING_SYMBOLS = {
    "green": "circle",
    "yellow": "diamond",
    "orange": "square",
    "red": "triangle-down",
    "grey": "circle-open",
}
"""Each rating also has its own marker shape, so colour is never the only signal."""

TOPOJSON_URL = "/assets/topojson/"
GRAPH_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "scrollZoom": False}
"""Map topology from the app itself, never from plotly's CDN."""


def hover_text(frame: pd.DataFrame) -> pd.Series:
    score = frame["score"].map(lambda s: "no data" if pd.isna(s) else f"{s:.1f} / 100")
    parts = frame["name"] + "<br>Score: " + score
    if "colour" in frame:
        ratings = frame["colour"].astype("string").map(lambda c: RATING_WORDS.get(c, "no data"))
        parts = parts + "<br>Rating: " + ratings.astype("string")
    if "arrow" in frame:
        trends = frame["arrow"].astype("string").map(lambda a: " ".join(arrow(a)))
        parts = parts + "<br>Trend: " + trends.astype("string")
    return parts


def base_geo(figure: go.Figure, title: str) -> go.Figure:
    figure.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#bbbbbb",
        showland=True,
        landcolor="#f2f2f2",
        showocean=True,
        oceancolor="#e8f1f8",
        showframe=False,
        resolution=110,
    )
    figure.update_layout(
        title={"text": title, "x": 0.01},
        margin={"l": 0, "r": 0, "t": 40, "b": 0},
        legend={"orientation": "h", "y": -0.02, "title": {"text": ""}},
        height=480,
    )
    return figure


def place_map(frame: pd.DataFrame, title: str, by_rating: bool) -> go.Figure:
    """Places as markers. `frame`: place_id, name, lat, lon, score, and colour/arrow for ratings.

    By rating: one trace per rating (named in words in the legend, own colour and shape).
    Otherwise: one trace coloured by score on a colour-blind-safe scale.
    """
    located = frame.dropna(subset=["lat", "lon"])
    figure = go.Figure()
    if by_rating:
        for rating, colour in DASHBOARD_COLOURS.items():
            part = located[located["colour"].fillna("grey") == rating]
            if part.empty:
                continue
            figure.add_trace(
                go.Scattergeo(
                    lat=part["lat"], lon=part["lon"], text=hover_text(part),
                    customdata=part[["place_id"]], hoverinfo="text",
                    name=f"{RATING_WORDS[rating]} ({len(part)})",
                    marker={"size": 10, "color": colour, "symbol": RATING_SYMBOLS[rating],
                            "line": {"width": 1, "color": "#333333"}},
                )
            )
    else:
        figure.add_trace(
            go.Scattergeo(
                lat=located["lat"], lon=located["lon"], text=hover_text(located),
                customdata=located[["place_id"]], hoverinfo="text", name="score",
                marker={"size": 10, "color": located["score"], "colorscale": SCORE_SCALE,
                        "cmin": 0, "cmax": 100, "line": {"width": 1, "color": "#333333"},
                        "colorbar": {"title": {"text": "Score (0-100)"}, "thickness": 12}},
            )
        )
    return base_geo(figure, title)


def country_map(frame: pd.DataFrame, title: str) -> go.Figure:
    """Countries shaded by the mean score of their places. `frame`: country_iso3, score, places."""
    figure = go.Figure(
        go.Choropleth(
            locations=frame["country_iso3"], z=frame["score"], locationmode="ISO-3",
            colorscale=SCORE_SCALE, zmin=0, zmax=100,
            text=frame["country_iso3"] + ": mean " + frame["score"].round(1).astype(str)
            + " over " + frame["places"].astype(str) + " places",
            hoverinfo="text", colorbar={"title": {"text": "Mean score"}, "thickness": 12},
        )
    )
    return base_geo(figure, title)
