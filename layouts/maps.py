"""Maps of places: markers by dashboard rating or score, and a country choropleth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts import design, i18n, names
from layouts.design import GRAPH_CONFIG, RATING_SYMBOLS, SCORE_SCALE, TOPOJSON_URL  # noqa: F401
from layouts.i18n import _
from layouts.reference import DASHBOARD_COLOURS, arrow, rating

REGIONS = {
    "world": ((-180, 180), (-56, 84)),
    "africa": ((-20, 55), (-36, 38)),
    "americas": ((-170, -30), (-56, 72)),
    "asia": ((25, 150), (-12, 56)),
    "europe": ((-25, 45), (34, 71)),
    "oceania": ((110, 180), (-48, 2)),
}
"""Each region's longitude and latitude range: the world leaves out Antarctica and the far Arctic."""
MARKER_LINE = {"width": 1, "color": "#333333"}
COLOURBAR = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
             "len": 0.7, "thickness": 10, "title": {"side": "top", "font": {"size": 12}},
             "tickfont": {"size": 11}}
"""A horizontal colour bar under the map: on a phone it takes the map's width, not its height."""


def hover_text(frame: pd.DataFrame) -> pd.Series:
    """One hover label per place, each line a whole translated sentence fragment. Built column by
    column (numbers formatted at once, each rating and trend phrase translated once), so ten
    thousand places cost about as much as a hundred."""
    template, no_data = _("Score: {score} / 100"), _("Score: no data")
    lines = [[name if isinstance(name, str) else "" for name in frame["name"].astype(object).tolist()],
             [template.format(score=text) if text else no_data for text in i18n.numbers(frame["score"])]]
    if "colour" in frame:
        words = _("Rating: {rating}")
        colours = frame["colour"].astype("string")
        lines.append(i18n.once_each(colours, lambda c: words.format(rating=rating(c))))
    if "arrow" in frame:
        trend = _("Trend: {trend}")
        arrows = frame["arrow"].astype("string")
        lines.append(i18n.once_each(arrows, lambda a: trend.format(trend=" ".join(arrow(a)))))
    return pd.Series(["<br>".join(parts) for parts in zip(*lines, strict=True)], index=frame.index,
                     dtype="string")


def geo_layout(title: str = "", region: str = "world") -> dict:
    """The one map style as a plain layout dict (the region's ranges, no Antarctica, the template).
    Without a title the map starts at the top: the page's heading says what it shows."""
    lon, lat = REGIONS.get(region, REGIONS["world"])
    layout = {
        "template": design.TEMPLATE,
        "geo": {"projection": {"type": "natural earth", "rotation": {"lon": 0}},
                "lonaxis": {"range": list(lon)}, "lataxis": {"range": list(lat)},
                "center": {"lon": sum(lon) / 2, "lat": sum(lat) / 2},
                "showcountries": True, "countrycolor": "#bbbbbb", "showland": True, "landcolor": "#f2f2f2",
                "showocean": True, "oceancolor": "#e8f1f8", "showframe": False, "resolution": 110},
        "margin": {"l": 0, "r": 0, "t": 40 if title else 10, "b": 0},
        "separators": i18n.separators(),
        "legend": {"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "title": {"text": ""}},
    }
    if title:
        layout["title"] = {"text": title}
    return layout


def map_figure(traces: list[dict], title: str, region: str) -> go.Figure:
    """Traces and the map style made into a figure once: plotly checks a figure built from plain
    dicts in a few milliseconds, where each `update_layout` with the template took about 0.1 s."""
    return design.figure(traces, geo_layout(title, region))


def marker_trace(located: dict, chosen: np.ndarray, name: str, marker: dict) -> dict:
    """The chosen rows of the located places' columns (`located_columns`) as one marker trace."""
    return {"type": "scattergeo", "lat": located["lat"][chosen], "lon": located["lon"][chosen],
            "text": located["text"][chosen], "customdata": located["place_id"][chosen][:, None],
            "hoverinfo": "text", "name": name, "marker": marker}


def located_columns(located: pd.DataFrame) -> dict[str, np.ndarray]:
    """What the markers draw, as arrays taken once: each trace is then a mask of them (a map state
    took about 25 ms in pandas filtering and indexing one frame per rating)."""
    return {"lat": located["lat"].to_numpy(float), "lon": located["lon"].to_numpy(float),
            "text": hover_text(located).to_numpy(object), "place_id": located["place_id"].to_numpy(object)}


def place_map(frame: pd.DataFrame, title: str, by_rating: bool, region: str = "world") -> go.Figure:
    """Places as markers. `frame`: place_id, name, lat, lon, score, and colour/arrow for ratings.

    By rating: one trace per rating (named in words in the legend, own colour and shape).
    Otherwise: one trace coloured by score on a colour-blind-safe scale.
    """
    located = frame.dropna(subset=["lat", "lon"])
    columns = located_columns(located)
    traces = []
    if by_rating:
        colours = located["colour"].fillna("grey").to_numpy(object)
        for key, colour in DASHBOARD_COLOURS.items():
            chosen = colours == key
            count = int(chosen.sum())
            if not count:
                continue
            traces.append(marker_trace(
                columns, chosen, _("{rating} ({count})").format(rating=rating(key), count=count),
                {"size": 7, "color": colour, "symbol": RATING_SYMBOLS[key], "line": MARKER_LINE}))
    else:
        scores = located["score"].to_numpy(float, na_value=float("nan"))
        unscored = np.isnan(scores)
        if unscored.any():
            traces.append(marker_trace(
                columns, unscored, _("no score ({count})").format(count=int(unscored.sum())),
                {"size": 7, "color": DASHBOARD_COLOURS["grey"], "symbol": RATING_SYMBOLS["grey"],
                 "line": MARKER_LINE}))
        traces.append(marker_trace(columns, ~unscored, _("score"), {
            "size": 7, "color": scores[~unscored],
            "colorscale": SCORE_SCALE, "cmin": 0, "cmax": 100, "line": MARKER_LINE,
            "colorbar": {**COLOURBAR, "title": {**COLOURBAR["title"],
                                                "text": _("Score (0-100), darker = better")}}}))
    return map_figure(traces, title, region)


def country_map(frame: pd.DataFrame, title: str, region: str = "world") -> go.Figure:
    """Countries shaded by the mean score of their places. `frame`: country_iso3, score, places.
    Countries without data keep the plain land colour, which the colour bar's title names."""
    trace = {
        "type": "choropleth", "locations": frame["country_iso3"], "z": frame["score"],
        "locationmode": "ISO-3", "colorscale": SCORE_SCALE, "zmin": 0, "zmax": 100,
        "text": [
            i18n.ngettext("{country}: mean {score} over {count} place",
                          "{country}: mean {score} over {count} places", int(count)).format(
                country=names.country(iso3), score=i18n.number(score), count=int(count))
            for iso3, score, count in zip(frame["country_iso3"], frame["score"], frame["places"], strict=True)
        ],
        "hoverinfo": "text", "marker": {"line": {"color": "#ffffff", "width": 0.5}},
        "colorbar": {**COLOURBAR, "title": {**COLOURBAR["title"], "text": "<br>".join(
            [_("Mean score (0-100), darker = better"), _("pale grey = no data")])}},
    }
    return map_figure([trace], title, region)
