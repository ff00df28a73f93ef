"""PNG and SVG of an embed for places where scripts cannot run (e-mail, PDF reports).

Rendered by Kaleido (plotly's own exporter), which drives a headless Chromium: the same
Debian `chromium` package the browser tests use, run in the bounded pool of dashboard/pictures.py.
Map topology comes from this app's files, passed with each picture, so nothing is fetched.
"""

from __future__ import annotations

import json
import textwrap
from html import escape

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.embed.page import panel_titles_above
from dashboard.embed.png_size import smaller
from dashboard.embed.svg_numbers import trimmed
from dashboard.pictures import PoolBusy, RendererMissing, pool

__all__ = ["FORMATS", "SIZE", "PoolBusy", "RendererMissing", "captioned", "image"]

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SIZE = {"width": 960, "height": 600}


CAVEAT_CHARS = 150
"""Characters of a picture's caveat on one line of its 960 px width (11 px type)."""
TITLE_CHARS = 95
"""Characters of a picture's title on one line of its 960 px width (16 px type)."""
TITLE_LINE = 20
"""Pixels a title's second and later lines take."""


def captioned(figure: go.Figure, title: str, footer: str, caveat: str = "") -> go.Figure:
    """The figure with the embed's title on top and its source line under the title, as a picture
    has no page; then what the chart leaves out (`View.caveat`): a ranking's picture titled "all
    places" drew the first 200 of 339, a map's 74 of 339 places without a word of the others.
    Under the title, not under the chart: there a legend or colour bar at the bottom of the picture
    was drawn over it."""
    shown = go.Figure(figure)
    legend = shown.layout.legend
    on_top = legend.yanchor == "bottom" and (legend.y or 0) >= 1  # a legend above the plot
    lines = [footer, *(escape(line) for line in textwrap.wrap(caveat, CAVEAT_CHARS))]  # footer: escaped
    # on lines of its own: Bristol's trend of pupils' early learning ran past the picture's edge with
    # its years ("..., 2012/13 to 2018/19"); textwrap splits a hyphenated word only between letters,
    # so a period ("2020-21") stays whole
    titled = textwrap.wrap(title, TITLE_CHARS) or [title]
    caption = (110 if on_top else 80) + 14 * (len(lines) - 1) + TITLE_LINE * (len(titled) - 1)
    heading = {"text": "<br>".join(titled), "x": 0.01,
               "subtitle": {"text": "<br>".join(lines), "font": {"size": 11, "color": "#495057"}}}
    above = room_above(shown)
    if above:  # the caption pinned to the top, the panels' titles kept below it (see room_above)
        height = shown.layout.height or SIZE["height"]
        heading.update(yref="container", yanchor="top", y=1 - CAPTION_TOP / height)
        caption -= CAPTION_GAP
    shown.update_layout(title=heading, margin={"t": caption + above, "b": 40}, paper_bgcolor="#ffffff")
    return shown


CAPTION_TOP = 14
"""Pixels above a pinned caption's title (`captioned`), about where plotly centres it otherwise."""
CAPTION_GAP = 20
"""Pixels of a caption's room under its source line that a panel's own title may take."""


def room_above(figure: go.Figure) -> int:
    """The figure's own top margin when titles of its panels stand above the plot (a paper
    annotation at or above its top: "Projects serving each goal" and "Budget (USD million)"), else
    0. The caption took that margin for itself, and its source line was drawn over those titles."""
    over = panel_titles_above({"annotations": [note.to_plotly_json() for note in figure.layout.annotations]})
    return int(figure.layout.margin.t or 0) if over else 0


def image(figure: go.Figure, fmt: str) -> bytes:
    """PNG or SVG bytes, drawn in the picture pool (the app's response cache keeps them); an SVG's
    coordinates rounded to hundredths of a pixel (`svg_numbers`: a world map 870 -> 360 kB), a PNG
    written again in fewer bytes, pixel for pixel the same (`png_size`: about 30 % less)."""
    figure_dict = json.loads(pio.to_json(figure, validate=False))
    drawn = pool.draw(figure_dict, fmt, **SIZE)
    return trimmed(drawn) if fmt == "svg" else smaller(drawn)
