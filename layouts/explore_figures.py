"""Explore charts as pure functions of a view's frame: ranking, scatter, distribution, time series."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from layouts.reference import DASHBOARD_COLOURS, RATING_WORDS

PALETTE = qualitative.Safe
"""Colour-blind-safe categorical colours; every series also has its own marker or line style."""
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon",
           "triangle-down", "pentagon", "circle-open", "square-open"]
DASHES = ["solid", "dot", "dash", "longdash", "dashdot", "longdashdot"]
RATING_PATTERNS = {"green": "", "yellow": ".", "orange": "/", "red": "x", "grey": "-"}
"""Each rating also has its own bar fill pattern, so colour is never the only signal."""
GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"]}
GRID = {"gridcolor": "#e3e3e3", "zerolinecolor": "#bbbbbb", "linecolor": "#888888"}
TEMPLATE = {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white", "xaxis": GRID, "yaxis": GRID,
                       "colorway": PALETTE, "hoverlabel": {"bgcolor": "white"}}}
"""A light white template as a plain dict: plotly's named templates cost ~20 ms a figure to copy.
Each builder also collects plain dict traces and layout and validates them once, in `finish`."""


def number(value: float, unit: str = "") -> str:
    if pd.isna(value):
        return "no data"
    return f"{value:,.1f} {unit}".strip()


def axis_title(column: str, unit: str = "") -> str:
    return "Score (0-100)" if column == "score" else f"Value ({unit})" if unit else "Value"


def place_labels(frame: pd.DataFrame) -> pd.Series:
    """Place names, with the country added where two places share a name."""
    duplicated = frame["name"].duplicated(keep=False)
    return frame["name"].where(~duplicated, frame["name"] + " (" + frame["country_iso3"] + ")")


def wrap(title: str, width: int = 45) -> str:
    """Plotly never wraps an axis title; break long ones so they fit a phone."""
    return "<br>".join(textwrap.wrap(title, width))


def finish(traces: list[dict], layout: dict, height: int = 460) -> go.Figure:
    """Legend at the very bottom, so the margin grows to fit it and it never covers the plot.
    The chart's title is an HTML heading above the graph: it wraps on a phone, plotly titles do not."""
    return go.Figure(data=traces, layout={
        "template": TEMPLATE, "font": {"size": 13}, "height": height,
        "margin": {"l": 10, "r": 20, "t": 40, "b": 20},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom",
                   "title": {"text": ""}},
        **layout,
    })


def empty() -> go.Figure:
    hidden = {"visible": False}
    note = {"text": "No data for this selection.", "showarrow": False, "font": {"size": 16}}
    return finish([], {"xaxis": hidden, "yaxis": hidden, "annotations": [note]}, 240)


def ranking_figure(frame: pd.DataFrame, column: str, unit: str = "") -> go.Figure:
    """Horizontal bars in the frame's order (best on top), each labelled with its number."""
    if frame.empty:
        return empty()
    frame = frame.assign(label=place_labels(frame), text=frame[column].map(lambda v: number(v, unit)))
    hover = frame["label"] + ": " + frame["text"]
    if "rating" in frame:
        hover = hover + "<br>Rating: " + frame["rating"] + "<br>Trend: " + frame["trend"]
    frame = frame.assign(hover=hover)
    groups = [(RATING_WORDS[c], c) for c in DASHBOARD_COLOURS] if "rating" in frame else [(None, None)]
    traces = []
    for words, colour in groups:
        part = frame if words is None else frame[frame["rating"] == words]
        if part.empty:
            continue
        traces.append({
            "type": "bar", "x": part[column], "y": part["label"], "orientation": "h",
            "text": part["text"], "textposition": "outside", "cliponaxis": False,
            "hovertext": part["hover"], "hoverinfo": "text", "showlegend": words is not None,
            "name": f"{words} ({len(part)})" if words else axis_title(column, unit),
            "marker": {"color": DASHBOARD_COLOURS[colour] if colour else PALETTE[0],
                       "pattern": {"shape": RATING_PATTERNS[colour] if colour else "", "fillmode": "overlay",
                                   "fgcolor": "rgba(255,255,255,0.75)", "solidity": 0.25},
                       "line": {"width": 0.5, "color": "#333333"}},
        })
    high = frame[column].max()
    upper = 115 if column == "score" else (high * 1.2 if high > 0 else None)
    layout = {
        "xaxis": {"title": {"text": axis_title(column, unit)}, "range": [min(0, frame[column].min()), upper],
                  "automargin": True},
        "yaxis": {"categoryorder": "array", "categoryarray": list(frame["label"]),
                  "autorange": "reversed", "automargin": True},
        "barmode": "overlay", "bargap": 0.25,
    }
    return finish(traces, layout, 110 + 24 * len(frame))


def scatter_figure(frame: pd.DataFrame, x: str, y: str, titles: tuple[str, str],
                   size: bool = False) -> go.Figure:
    """Places as points, x against y; one trace (colour and shape) per UN region; size by population."""
    x_title, y_title = titles
    if frame.empty:
        return empty()
    biggest = frame["population"].max() if size else None
    traces = []
    for position, (region, part) in enumerate(frame.groupby(frame["un_region"].fillna("Unknown"))):
        hover = (place_labels(part) + "<br>" + x_title + ": " + part[x].map(number)
                 + "<br>" + y_title + ": " + part[y].map(number)
                 + "<br>Population: " + part["population"].map(lambda p: number(p).replace(".0", "")))
        marker = {"color": PALETTE[position % len(PALETTE)], "symbol": SYMBOLS[position % len(SYMBOLS)],
                  "line": {"width": 1, "color": "#333333"}, "size": 10, "opacity": 0.85}
        if size and pd.notna(biggest) and biggest > 0:
            marker.update(size=part["population"].fillna(0), sizemode="area",
                          sizeref=2.0 * biggest / 45**2, sizemin=4)
        traces.append({"type": "scatter", "x": part[x], "y": part[y], "mode": "markers", "name": region,
                       "hovertext": hover, "hoverinfo": "text", "marker": marker})
    layout = {"xaxis": {"title": {"text": wrap(x_title, 36)}, "automargin": True},
              "yaxis": {"title": {"text": wrap(y_title, 36)}, "automargin": True}}
    return finish(traces, layout, 520)


def distribution_figure(frame: pd.DataFrame, column: str, unit: str = "") -> go.Figure:
    """A box per UN region with every place as a point, named on hover."""
    if frame.empty:
        return empty()
    traces = [
        {"type": "box", "y": part[column], "name": f"{region} ({len(part)})", "boxpoints": "all",
         "jitter": 0.4, "pointpos": 0, "hoverinfo": "text",
         "hovertext": place_labels(part) + ": " + part[column].map(lambda v: number(v, unit)),
         "marker": {"color": PALETTE[position % len(PALETTE)], "symbol": SYMBOLS[position % len(SYMBOLS)]}}
        for position, (region, part) in enumerate(frame.groupby(frame["un_region"].fillna("Unknown")))
    ]
    layout = {"yaxis": {"title": {"text": axis_title(column, unit)}, "automargin": True},
              "xaxis": {"automargin": True}, "showlegend": False}
    return finish(traces, layout)


def trend_figure(frame: pd.DataFrame, column: str, unit: str = "") -> go.Figure:
    """A line with markers per place, each with its own colour, dash style and marker shape."""
    if frame.empty:
        return empty()
    first = frame.drop_duplicates("place_id")
    label_of = dict(zip(first["place_id"], place_labels(first), strict=True))
    traces = []
    for position, (place, part) in enumerate(frame.groupby("place_id", sort=False)):
        name = label_of[place]
        traces.append({
            "type": "scatter", "x": part["year"], "y": part[column], "mode": "lines+markers",
            "name": name, "hoverinfo": "text",
            "hovertext": name + ", " + part["year"].astype(str) + ": "
            + part[column].map(lambda v: number(v, unit)),
            "line": {"color": PALETTE[position % len(PALETTE)], "dash": DASHES[position % len(DASHES)],
                     "width": 2.5},
            "marker": {"symbol": SYMBOLS[position % len(SYMBOLS)], "size": 8},
        })
    layout = {"xaxis": {"title": {"text": "Year"}, "dtick": 1, "automargin": True},
              "yaxis": {"title": {"text": axis_title(column, unit)}, "automargin": True}}
    return finish(traces, layout, 480)
