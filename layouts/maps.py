"""Maps of places: markers by dashboard rating or score, and a country choropleth."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts import i18n, names
from layouts.i18n import _
from layouts.reference import DASHBOARD_COLOURS, SCORE_SCALE, arrow, rating

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
    """One hover label per place, each line a whole translated sentence fragment."""
    lines = [frame["name"].astype("string")]
    lines.append(frame["score"].map(
        lambda s: _("Score: no data") if pd.isna(s)
        else _("Score: {score} / 100").format(score=i18n.number(s))))
    if "colour" in frame:
        lines.append(frame["colour"].astype("string").map(
            lambda c: _("Rating: {rating}").format(rating=rating(c))))
    if "arrow" in frame:
        lines.append(frame["arrow"].astype("string").map(
            lambda a: _("Trend: {trend}").format(trend=" ".join(arrow(a)))))
    text = lines[0].astype("string")
    for line in lines[1:]:  # column-wise: a row-wise join costs a Python call per place
        text = text + "<br>" + line.astype("string")
    return text.rename(None)


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
        separators=i18n.separators(),
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
        for key, colour in DASHBOARD_COLOURS.items():
            part = located[located["colour"].fillna("grey") == key]
            if part.empty:
                continue
            figure.add_trace(
                go.Scattergeo(
                    lat=part["lat"], lon=part["lon"], text=hover_text(part),
                    customdata=part[["place_id"]], hoverinfo="text",
                    name=_("{rating} ({count})").format(rating=rating(key), count=len(part)),
                    marker={"size": 10, "color": colour, "symbol": RATING_SYMBOLS[key],
                            "line": {"width": 1, "color": "#333333"}},
                )
            )
    else:
        figure.add_trace(
            go.Scattergeo(
                lat=located["lat"], lon=located["lon"], text=hover_text(located),
                customdata=located[["place_id"]], hoverinfo="text", name=_("score"),
                marker={"size": 10, "color": located["score"], "colorscale": SCORE_SCALE,
                        "cmin": 0, "cmax": 100, "line": {"width": 1, "color": "#333333"},
                        "colorbar": {"title": {"text": _("Score (0-100)")}, "thickness": 12}},
            )
        )
    return base_geo(figure, title)


def country_map(frame: pd.DataFrame, title: str) -> go.Figure:
    """Countries shaded by the mean score of their places. `frame`: country_iso3, score, places."""
    figure = go.Figure(
        go.Choropleth(
            locations=frame["country_iso3"], z=frame["score"], locationmode="ISO-3",
            colorscale=SCORE_SCALE, zmin=0, zmax=100,
            text=[
                i18n.ngettext("{country}: mean {score} over {count} place",
                              "{country}: mean {score} over {count} places", int(count)).format(
                    country=names.country(iso3), score=i18n.number(score), count=int(count))
                for iso3, score, count in zip(frame["country_iso3"], frame["score"], frame["places"],
                                              strict=True)
            ],
            hoverinfo="text", colorbar={"title": {"text": _("Mean score")}, "thickness": 12},
        )
    )
    return base_geo(figure, title)
