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
    """One hover label per place, each line a whole translated sentence fragment. Built column by
    column (numbers formatted at once, each rating and trend phrase translated once), so ten
    thousand places cost about as much as a hundred."""
    template, no_data = _("Score: {score} / 100"), _("Score: no data")
    lines = [[name if isinstance(name, str) else "" for name in frame["name"].astype(object).tolist()],
             [template.format(score=text) if text else no_data for text in i18n.numbers(frame["score"])]]
    if "colour" in frame:
        lines.append(phrases(frame["colour"], lambda c: _("Rating: {rating}").format(rating=rating(c))))
    if "arrow" in frame:
        lines.append(phrases(frame["arrow"], lambda a: _("Trend: {trend}").format(trend=" ".join(arrow(a)))))
    return pd.Series(["<br>".join(parts) for parts in zip(*lines, strict=True)], index=frame.index,
                     dtype="string")


def phrases(column: pd.Series, phrase) -> list[str]:
    """`phrase` of every value, computed once per distinct value (a handful of ratings or trends)."""
    found: dict = {}
    values = column.astype("string").astype(object).where(column.notna(), None).tolist()
    return [found[v] if v in found else found.setdefault(v, phrase(pd.NA if v is None else v))
            for v in values]


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
    texts = hover_text(located)
    figure = go.Figure()
    if by_rating:
        for key, colour in DASHBOARD_COLOURS.items():
            part = located[located["colour"].fillna("grey") == key]
            if part.empty:
                continue
            figure.add_trace(
                go.Scattergeo(
                    lat=part["lat"].to_numpy(float), lon=part["lon"].to_numpy(float),
                    text=texts[part.index].to_numpy(object),
                    customdata=part[["place_id"]].to_numpy(object), hoverinfo="text",
                    name=_("{rating} ({count})").format(rating=rating(key), count=len(part)),
                    marker={"size": 10, "color": colour, "symbol": RATING_SYMBOLS[key],
                            "line": {"width": 1, "color": "#333333"}},
                )
            )
    else:
        figure.add_trace(
            go.Scattergeo(
                lat=located["lat"].to_numpy(float), lon=located["lon"].to_numpy(float),
                text=texts.to_numpy(object), customdata=located[["place_id"]].to_numpy(object),
                hoverinfo="text", name=_("score"),
                marker={"size": 10, "color": located["score"].to_numpy(float, na_value=float("nan")),
                        "colorscale": SCORE_SCALE,
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
