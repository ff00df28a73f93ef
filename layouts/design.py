"""The dashboard's one design system for charts: fonts, colours, margins, the rating palette and
its legend, the graph configuration. Every chart, page and embed takes its look from here."""

from __future__ import annotations

import base64
import os
import textwrap
from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.utils import to_typed_array_spec

from layouts import i18n
from layouts.reference import DASHBOARD_COLOURS, rating

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif'
INK = "#212529"
MUTED = "#5c636a"
GRID = "#e3e3e3"
SERIES = "#1f4e79"
"""The one colour of a single series: a dark blue that no rating uses."""
PALETTE = ["#1f4e79", "#7b3294", "#3690c0", "#4d4d4d", "#1b9e9e", "#b05aa5", "#0b3d66", "#8c8cd9"]
"""Categorical colours for several series: blues, purples, teal and dark grey, so no series is
mistaken for a rating's green, yellow, orange or red (every series also has its own marker, dash
or pattern)."""
RATING_ORDER = ("green", "yellow", "orange", "red", "grey")
RATING_SYMBOLS = {"green": "circle", "yellow": "diamond", "orange": "square", "red": "triangle-down",
                  "grey": "circle-open"}
"""Each rating also has its own marker shape, so colour is never the only signal."""
SCORE_SCALE = [[0.0, "#eff3ff"], [0.25, "#bdd7e7"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"]]
"""Scores without a rating (the SDG Index, country means): light to dark blue, darker = better.
No yellow, orange, red or green, so a score is never mistaken for a rating."""

AXIS = {"gridcolor": GRID, "zerolinecolor": "#9a9a9a", "linecolor": "#888888", "automargin": True,
        "fixedrange": True, "separatethousands": True,  # "1 000" as the labels and tables write it
        "exponentformat": "none",  # "55.000" in Spanish, not plotly's English "55k"
        "title": {"font": {"size": 13, "color": MUTED}}, "tickfont": {"size": 12}}
TEMPLATE = {"layout": {
    "font": {"family": FONT, "size": 14, "color": INK},
    "title": {"font": {"size": 16}, "x": 0.01, "xanchor": "left"},
    "paper_bgcolor": "white", "plot_bgcolor": "white", "colorway": PALETTE,
    "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    "xaxis": AXIS, "yaxis": AXIS,
    "hoverlabel": {"bgcolor": "white", "font": {"family": FONT, "size": 14, "color": INK}},
    "legend": {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "font": {"size": 13},
               "title": {"text": ""}},
    "dragmode": "pan",
    # the toolbar's icons at 7:1 or more on their white backing, over the map's grey land too
    # (plotly's own grey at 30 % opacity is 1.7:1: WCAG 1.4.11 asks 3:1 for a control)
    "modebar": {"color": "#505050", "activecolor": INK, "bgcolor": "rgba(255, 255, 255, 0.9)"},
}}
"""The chart template as a plain dict: plotly's Template objects cost ~20 ms a figure to copy.
Axes do not zoom or pan (`fixedrange`): on a phone a finger dragged over a chart scrolls the page
instead of moving the chart, and a reader narrows a chart by its filters, not by dragging."""
pio.templates["city_sdg"] = go.layout.Template(TEMPLATE)
"""Registered once by name (never made the default), for notebooks and scripts that want the look."""

TOPOJSON_URL = "/assets/topojson/"
GRAPH_CONFIG = {
    "topojsonURL": TOPOJSON_URL, "displaylogo": False, "scrollZoom": False, "responsive": True,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines",
                               "hoverClosestCartesian", "hoverCompareCartesian", "hoverClosestGeo",
                               "sendDataToCloud", "sendChartToCloud", "editInChartStudio"],
}
"""One graph configuration: map topology from this server, no logo, no box or lasso select,
a minimal mode bar (download picture, zoom, reset) shown on hover only."""


def graph_config(**extra: object) -> dict:
    """GRAPH_CONFIG in the reader's language: plotly's mode bar (tooltips, aria-labels) and its own
    words speak it where the bundle holds its dictionary (dashboard/plotly_bundle.locales)."""
    return {**GRAPH_CONFIG, "locale": i18n.language(), **extra}


def year_axis(years: list) -> dict:
    """Whole years only, one tick per year or per few years: never '2012 2013 2013 2014'."""
    span = (max(years) - min(years)) if len(years) else 0
    axis = {"tickformat": "d", "tick0": int(min(years)) if len(years) else 0,
            "dtick": max(1, -(-int(span) // 8))}
    if len(years):  # the years drawn and a little room for the end markers, never years without data
        axis["range"] = [float(min(years)) - 0.4, float(max(years)) + 0.4]
    return axis


def year_ticks(axis: dict, told: dict[int, str]) -> dict:
    """A `year_axis`'s ticks at its own step, each year written as `told` writes it (the source's
    "2020-21" for Bristol's 2021), the number otherwise."""
    ticks = list(range(axis["tick0"], int(axis["range"][1]) + 1, axis["dtick"]))
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [told.get(year, str(year)) for year in ticks]}


CHECK_FIGURES = os.environ.get("CITY_SDG_CHECK_FIGURES", "") not in ("", "0")
"""Whether plotly checks every property of every figure the views build. The test suite turns it
on (tests/conftest.py), so a misspelt property fails there on every view of every test store; a
server leaves it off: the check walks the whole figure and its template, about a quarter of a map
state's time at 1,000 places, and plotly.js ignores what it does not know anyway."""


def figure(traces: list[dict], layout: dict) -> go.Figure:
    """Plain trace and layout dicts made a figure once, in the template. `update_layout(template=...)`
    and `add_*` on a built figure re-walk it each time (about 0.1-0.2 s a chart, most of a static
    export's time); the check itself runs only where CHECK_FIGURES asks for it."""
    return Chart(data=traces, layout={"template": TEMPLATE, **layout}, _validate=CHECK_FIGURES)


def chart(plain: dict) -> go.Figure:
    """A figure from a plain {"data", "layout"} dict (its layout naming the template), checked
    only where CHECK_FIGURES asks for it: go.Figure(plain) walked the projects page's six charts
    and their template on every filter change, about half of the callback's time."""
    return Chart(plain, _validate=CHECK_FIGURES)


class Chart(go.Figure):
    """A plotly figure whose dict (for Dash's JSON, the view cache's pickle, pictures) copies the
    figure's structure but not its data: plotly's own `to_dict` deep-copies every list and array,
    about a third of a 10,000-place map's answer, three times per answer. Arrays and strings are
    shared, never changed: the base64 step of `to_dict` replaces arrays in the copy, not in them."""

    def to_dict(self) -> dict:
        if self._frame_objs:
            return super().to_dict()
        return {"data": typed(self._data), "layout": typed(self._layout)}

    def __reduce__(self):
        """Pickled (the view cache) with its number arrays as arrays, whose bytes pickle writes as
        they are (`to_dict`'s base64 text cost encoding and decoding on every cache write and read),
        and its text arrays as Python strings (`TextArray`)."""
        if self._frame_objs:
            return rebuilt, (self.to_dict(),)
        return rebuilt, ({"data": packed(self._data), "layout": packed(self._layout)},)


class TextArray:
    """A NumPy text array as the view cache keeps it: its values as Python strings (fixed-width
    text takes 4 bytes a character; a 10,000-place map's names and ids were 1.3 MB so)."""

    def __init__(self, array: np.ndarray):
        self.values = array.astype(object)

    def array(self) -> np.ndarray:
        return self.values.astype(str)


def packed(value: object) -> object:
    """`structure`, with NumPy text arrays as TextArray."""
    return structure(value, lambda leaf: TextArray(leaf) if isinstance(leaf, np.ndarray)
                     and leaf.dtype.kind == "U" else leaf)


def unpacked(value: object) -> object:
    """`packed`'s inverse: TextArray back to NumPy text."""
    return structure(value, lambda leaf: leaf.array() if isinstance(leaf, TextArray) else leaf)


def rebuilt(plain: dict) -> Chart:
    """A Chart from its dict (out of the view cache), unchecked: it was checked when first built."""
    return Chart(unpacked(plain), _validate=False)


def structure(value: object, leaf: Callable[[object], object] | None = None) -> object:
    """Dicts and lists copied, everything else (arrays, strings, numbers) shared, or given as
    `leaf` makes it."""
    if isinstance(value, dict):
        return {key: structure(item, leaf) for key, item in value.items()}
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict | list | tuple) for item in value):
            return [structure(item, leaf) for item in value]
        return list(value)
    return value if leaf is None else leaf(value)


SHORT_TYPES = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4",
               "uint32": "u4", "float32": "f4", "float64": "f8"}
"""NumPy types plotly.js reads as typed arrays, and their names in its typed-array spec."""
UNTYPED_KEYS = frozenset({"geojson", "layer", "layers", "range"})
"""Keys whose arrays plotly's JSON encoding leaves as they are (it skips them too)."""


def typed(value: object) -> object:
    """`structure`, with every NumPy number array as plotly.js's typed-array spec (base64 bytes),
    as plotly's `convert_to_base64` writes it. That one asks narwhals what each array is, about
    0.13 ms an array, 5-7 ms of a map's answer of 40 arrays; here a NumPy array is known at once,
    and anything else array-like (a pandas Series) still goes through plotly's own conversion."""
    if isinstance(value, dict):
        return {key: (structure(item) if key in UNTYPED_KEYS else typed(item)) for key, item in value.items()}
    if isinstance(value, list | tuple):  # an array in a list is left as it is, as plotly leaves it
        return [typed(item) if isinstance(item, dict | list | tuple) else item for item in value]
    if type(value) is np.ndarray:
        return typed_array(value)
    if isinstance(value, np.ndarray):  # a subclass (a masked array): plotly's own way
        return to_typed_array_spec(value)
    if hasattr(value, "__array__") or hasattr(value, "__array_interface__"):
        # a single NumPy number (a shape's y0) stays a number, as plotly leaves a 0-d value
        return value if np.ndim(value) == 0 else to_typed_array_spec(value)
    return value


INT_STEPS = {"int64": ("int8", "int16", "int32"), "uint64": ("uint8", "uint16", "uint32")}


def typed_array(array: np.ndarray) -> object:
    """One NumPy array as plotly's `to_typed_array_spec` gives it: 64-bit integers in the
    narrowest type that holds them (left as they are when none does), then bytes in base64 for
    the types plotly.js reads; other arrays (text, booleans, empty) unchanged."""
    if array.size == 0:
        return array
    kind = str(array.dtype)
    if kind in INT_STEPS:
        low, high = array.min(), array.max()
        narrow = next((step for step in INT_STEPS[kind]
                       if np.iinfo(step).min <= low and high <= np.iinfo(step).max), None)
        if narrow is None:
            return array
        array, kind = array.astype(narrow), narrow
    if kind not in SHORT_TYPES:
        return array
    data = base64.b64encode(np.ascontiguousarray(array)).decode("ascii")
    spec = {"dtype": SHORT_TYPES[kind], "bdata": data}
    if array.ndim > 1:
        spec["shape"] = str(array.shape)[1:-1]
    return spec


def rating_key(key: object) -> str:
    """A rating's key as drawn (an unknown or missing rating is grey)."""
    return key if isinstance(key, str) and key in DASHBOARD_COLOURS else "grey"


def rating_colour(key: object) -> str:
    return DASHBOARD_COLOURS[rating_key(key)]


def rating_legend() -> list[tuple[str, str, str]]:
    """(key, colour, words) for each rating, best first: the one legend every view shows."""
    return [(key, DASHBOARD_COLOURS[key], rating(key)) for key in RATING_ORDER]


EMPTY_LINE = 34
"""Characters of an empty chart's sentence a line: plotly does not wrap it, and on a 375 px phone a
longer line lost both its ends ("ace of this selection can be drawn on the")."""


def empty_figure(sentence: str) -> go.Figure:
    """An empty selection as one clear sentence, never as empty axes."""
    lines = textwrap.wrap(sentence, EMPTY_LINE) or [sentence]
    note = {"text": "<br>".join(lines), "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
            "showarrow": False, "font": {"size": 16, "color": MUTED}}
    return figure([], {"annotations": [note], "meta": SENTENCE,
                       "height": 90, "xaxis": {"visible": False}, "yaxis": {"visible": False},
                       "margin": {"l": 10, "r": 10, "t": 10, "b": 10}})


SENTENCE = "sentence"
"""`layout.meta` of a figure that is one sentence (`empty_figure`): shown as it is, not replaced."""


def is_sentence(figure: go.Figure) -> bool:
    return figure.layout.meta == SENTENCE


GEO_TRACES = ("scattergeo", "choropleth")


def is_map(figure: go.Figure) -> bool:
    """True for a map: a figure of places drawn as markers or areas (with none to draw too)."""
    return any(trace.type in GEO_TRACES for trace in figure.data)


def is_empty(figure: go.Figure) -> bool:
    """True when no trace has a single point to draw (a selection that matches nothing)."""
    for trace in figure.data:
        for key in ("x", "y", "z", "lat", "locations", "values"):
            values = getattr(trace, key, None)
            if values is not None and len(values):
                return False
    return True
