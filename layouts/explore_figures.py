"""Explore charts as pure functions of a view's frame: ranking, scatter, distribution, time series."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts import design, i18n, names, ranking
from layouts.i18n import _
from layouts.names import alphabetical
from layouts.reference import DASHBOARD_COLOURS, rating

PALETTE = design.PALETTE
"""Colour-blind-safe categorical colours; every series also has its own marker or line style."""
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon",
           "triangle-down", "pentagon", "circle-open", "square-open"]
DASHES = ["solid", "dot", "dash", "longdash", "dashdot", "longdashdot"]
RATING_PATTERNS = {"green": "", "yellow": ".", "orange": "/", "red": "x", "grey": "-"}
"""Each rating also has its own bar fill pattern, so colour is never the only signal."""
GRAPH_CONFIG = design.GRAPH_CONFIG
GRID = {"gridcolor": "#e3e3e3", "zerolinecolor": "#bbbbbb", "linecolor": "#888888"}
TEMPLATE = design.TEMPLATE
"""The dashboard's one chart template (layouts/design.py). Each builder collects plain dict traces
and layout and validates them once, in `finish`."""


COMPACT_FROM = 1_000_000
"""From here a ranking's bars are labelled shortened ("14.3M")."""
LARGE = 1000
"""From here a value is shown without decimals: a city's 14,348,535 people read '14,348,535.0'."""


def number(value: float, unit: str = "", whole: bool = False) -> str:
    """A value for display: the locale's decimal sign, one decimal (none from LARGE up, nor for
    values that are all whole: `whole`), and the unit when given."""
    if pd.isna(value):
        return _("no data")
    shown = i18n.number(value, 0 if whole or abs(value) >= LARGE else 1)
    return _("{number} {unit}").format(number=shown, unit=unit) if unit else shown


def all_whole(values: object) -> bool:
    """Whether every known value below LARGE is a whole number (people, counts): then none is
    written with a decimal ("ADAMSTOWN (49.0)" beside "Shanghai (14,348,535)"; the values from LARGE
    up have none anyway, whatever their fractions)."""
    known = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy(dtype="float64")
    small = known[np.abs(known) < LARGE]
    return bool(len(known)) and bool(np.all(small == np.round(small)))


def numbers(values: pd.Series, unit: str = "") -> list[str]:
    """`number` of every value, formatted at once (a ranking of 10,000 places)."""
    values = pd.to_numeric(pd.Series(values), errors="coerce").reset_index(drop=True)
    large = (values.abs() >= LARGE).to_numpy(dtype=bool)
    shown = pd.Series(i18n.numbers(values, 0 if all_whole(values) else 1), dtype=object)
    if large.any():
        shown[large] = i18n.numbers(values[large], 0)
    no_data = _("no data")
    template = _("{number} {unit}") if unit else "{number}"
    return [template.format(number=text, unit=unit) if text else no_data for text in shown]


def axis_title(column: str, unit: str = "") -> str:
    if column == "score":
        return _("Score (0-100)")
    return _("Value ({unit})").format(unit=unit) if unit else _("Value")


def region_name(region: object) -> str:
    """A UN region as the reader's language names it; places without one are grouped together."""
    return names.region(region) if isinstance(region, str) and region else _("No UN region")


def by_region(frame: pd.DataFrame):
    """(region shown, rows) per UN region, in the order of the shown names."""
    groups = frame.groupby(frame["un_region"].astype("string").fillna(""))
    return sorted(((region_name(region), part) for region, part in groups),
                  key=lambda pair: alphabetical(pair[0]))


def place_labels(frame: pd.DataFrame) -> pd.Series:
    """Place names, with the country (and the id) added where two places share a name."""
    return names.place_labels(frame)


def wrap(title: str, width: int = 45) -> str:
    """Plotly never wraps an axis title; break long ones so they fit a phone."""
    return "<br>".join(textwrap.wrap(title, width))


def finish(traces: list[dict], layout: dict, height: int = 460) -> go.Figure:
    """Legend at the very bottom, so the margin grows to fit it and it never covers the plot.
    The chart's title is an HTML heading above the graph: it wraps on a phone, plotly titles do not."""
    return design.figure(traces, {
        "font": {"size": 13}, "height": height,
        "margin": {"l": 10, "r": 20, "t": 40, "b": 20}, "separators": i18n.separators(),
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom",
                   "title": {"text": ""}},
        **layout,
    })


def empty() -> go.Figure:
    hidden = {"visible": False}
    note = {"text": _("No data for this selection."), "showarrow": False, "font": {"size": 16}}
    return finish([], {"xaxis": hidden, "yaxis": hidden, "annotations": [note]}, 240)


MAX_BARS = 200
"""Bars a ranking draws at most (24 px each): 10,000 places would make a chart a quarter of a
million pixels tall. The summary says how many more there are; the table view lists every one."""


def ranking_figure(frame: pd.DataFrame, column: str, unit: str = "") -> go.Figure:
    """Horizontal bars in the frame's order (best on top), each labelled with its number: the first
    MAX_BARS places."""
    if frame.empty:
        return empty()
    # named among every place ranked, not only those drawn: Bolivia's San Pedro (Santa Cruz, 61st)
    # was bare because its namesake (Pando) is 336th, past the bars drawn
    labels = place_labels(frame)
    frame = frame.head(MAX_BARS)
    # a ranking's scores carry the decimals that part neighbours, as the sentence under it and the
    # map's list write them: Ghana's 62.21 and Côte d'Ivoire's 62.19 were two bars labelled "62.2"
    texts = (ranking.score_texts(frame[column]) if column == "score" and not unit
             else numbers(frame[column], unit))
    frame = frame.assign(label=labels.head(MAX_BARS), text=texts)
    line = _("{place}: {value}")  # each template translated once, not once per bar
    hover = [line.format(place=label, value=value)
             for label, value in zip(frame["label"], frame["text"], strict=True)]
    if "rating" in frame:
        ratings = i18n.once_each(frame["rating"], lambda words: _("Rating: {rating}").format(rating=words))
        trends = i18n.once_each(frame["trend"], lambda trend: _("Trend: {trend}").format(trend=trend))
        hover = ["<br>".join(parts) for parts in zip(hover, ratings, trends, strict=True)]
    # taken as arrays once, each rating a mask of them (not a filtered frame per rating)
    # millions shortened beside the bars ("14.3M"): "14,348,535" was cut at a phone's width; the
    # hover text and the table keep every digit
    labels_text = (i18n.once_each(frame[column], i18n.compact) if frame[column].abs().max() >= COMPACT_FROM
                   else frame["text"])
    bars = {"x": frame[column].to_numpy(float, na_value=np.nan),
            "y": frame["label"].astype("string").fillna("").to_numpy(str),
            "text": np.array(list(labels_text), dtype=str), "hovertext": np.array(hover, dtype=str)}
    # the frame's ratings are words in the reader's language: group on the same words
    groups = [(rating(c), c) for c in DASHBOARD_COLOURS] if "rating" in frame else [(None, None)]
    ratings = frame["rating"].to_numpy(object) if "rating" in frame else None
    traces = []
    for words, colour in groups:
        chosen = np.ones(len(frame), dtype=bool) if words is None else ratings == words
        count = int(chosen.sum())
        if not count:
            continue
        traces.append({
            "type": "bar", **{key: values[chosen] for key, values in bars.items()}, "orientation": "h",
            "textposition": "outside", "cliponaxis": False, "hoverinfo": "text",
            "showlegend": words is not None,
            "name": _("{rating} ({count})").format(rating=words, count=i18n.integer(count))
            if words else axis_title(column, unit),
            "marker": {"color": DASHBOARD_COLOURS[colour] if colour else PALETTE[0],
                       "pattern": {"shape": RATING_PATTERNS[colour] if colour else "", "fillmode": "overlay",
                                   "fgcolor": "rgba(255,255,255,0.75)", "solidity": 0.25},
                       "line": {"width": 0.5, "color": "#333333"}},
        })
    high = frame[column].max()
    upper = 115 if column == "score" else (high * 1.25 if high > 0 else None)
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
    for position, (region, part) in enumerate(by_region(frame)):
        hover = ["<br>".join([label, _("{axis}: {value}").format(axis=x_title, value=number(across)),
                              _("{axis}: {value}").format(axis=y_title, value=number(up)),
                              _("Population: {population}").format(
                                  population=_("no data") if pd.isna(people) else i18n.integer(people))])
                 for label, across, up, people
                 in zip(place_labels(part), part[x], part[y], part["population"], strict=True)]
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
        {"type": "box", "y": part[column], "boxpoints": "all", "jitter": 0.4, "pointpos": 0,
         "name": wrap(_("{region} ({count})").format(region=region, count=i18n.integer(len(part))), 8),
         "hoverinfo": "text",
         "hovertext": [_("{place}: {value}").format(place=label, value=number(value, unit))
                       for label, value in zip(place_labels(part), part[column], strict=True)],
         "marker": {"color": PALETTE[position % len(PALETTE)], "symbol": SYMBOLS[position % len(SYMBOLS)]}}
        for position, (region, part) in enumerate(by_region(frame))
    ]
    layout = {"yaxis": {"title": {"text": axis_title(column, unit)}, "automargin": True},
              "xaxis": {"automargin": True, "tickangle": 0}, "showlegend": False}
    return finish(traces, layout)


def trend_figure(frame: pd.DataFrame, column: str, unit: str = "",
                 told: dict[int, str] | None = None) -> go.Figure:
    """A line with markers per place, each with its own colour, dash style and marker shape; `told`:
    the years the source writes otherwise than as the number (`layouts.years`: Bristol's 2021 is
    "2020-21"), so written in the hover and on the axis, whose ticks keep their whole-year step."""
    if frame.empty:
        return empty()
    told = told or {}
    first = frame.drop_duplicates("place_id")
    label_of = dict(zip(first["place_id"], place_labels(first), strict=True))
    traces = []
    for position, (place, part) in enumerate(frame.groupby("place_id", sort=False)):
        name = label_of[place]
        traces.append({
            "type": "scatter", "x": part["year"], "y": part[column], "mode": "lines+markers",
            "name": name, "hoverinfo": "text",
            "hovertext": [_("{place}, {year}: {value}").format(place=name, year=told.get(year, year),
                                                               value=number(v, unit))
                          for year, v in zip(part["year"], part[column], strict=True)],
            "line": {"color": PALETTE[position % len(PALETTE)], "dash": DASHES[position % len(DASHES)],
                     "width": 2.5},
            "marker": {"symbol": SYMBOLS[position % len(SYMBOLS)], "size": 8},
        })
    axis = design.year_axis(sorted(frame["year"].dropna().unique()))
    if told:
        axis.update(design.year_ticks(axis, told))
    layout = {"xaxis": {**axis, "title": {"text": _("Year")}, "automargin": True},
              "yaxis": {"title": {"text": axis_title(column, unit)}, "automargin": True}}
    if len(traces) <= DIRECT_LABELS:
        labels = line_labels(traces, 480)
        layout.update(annotations=labels, showlegend=False, margin={
            "l": 10, "t": 40, "b": 20, "r": 12 + 7 * max((len(a["text"]) for a in labels), default=0)})
    return finish(traces, layout, 480)


DIRECT_LABELS = 6
"""Up to this many lines are named at their ends, where the eye already is; more get a legend."""
LABEL_CHARACTERS = 16


def line_labels(traces: list[dict], height: int) -> list[dict]:
    """A label at the last point of each line, in its colour, nudged apart so none overlap (about
    16 px between labels on a plot of `height`); long names are shortened (the hover has them whole)."""
    ends = []
    for trace in traces:
        points = [(x, y) for x, y in zip(trace["x"], trace["y"], strict=True) if pd.notna(y)]
        if points:
            name = trace["name"]
            short = name if len(name) <= LABEL_CHARACTERS else name[:LABEL_CHARACTERS - 1].rstrip() + "…"
            ends.append((float(points[-1][1]), points[-1][0], short, trace["line"]["color"]))
    if not ends:
        return []
    ys = [trace_y for trace in traces for trace_y in trace["y"] if pd.notna(trace_y)]
    span = (max(ys) - min(ys)) or 1.0
    gap = span * 16 / max(height - 120, 100)
    ends.sort(key=lambda end: end[0])
    placed: list[float] = []
    for y, *_rest in ends:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    return [{"x": x, "y": at, "text": text, "xanchor": "left", "yanchor": "middle", "xshift": 8,
             "showarrow": False, "font": {"color": colour, "size": 12}}
            for at, (_y, x, text, colour) in zip(placed, ends, strict=True)]
