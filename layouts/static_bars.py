"""A horizontal bar chart drawn as a small, accessible SVG: a ranking's picture before any script.

Pure, like `static_svg` for maps: takes the plotly figure the live chart draws and its words and
returns an SVG string with a <title> and <desc>. One row per category, in the figure's order from
the top, each bar in its colour with the category's name and its value written beside it, so a
reader needs no colour and no hover to read it. Long charts are cut to the first `MAX_ROWS` rows,
and the description says so.
"""

from __future__ import annotations

import textwrap
from html import escape

import plotly.graph_objects as go

from layouts import i18n
from layouts.i18n import _

WIDTH, ROW, LABEL, TOP = 400, 20, 130, 8
NOTE_CHARS = 56
"""Characters a line of the picture's note holds within its width."""
LABEL_CHARS = 17
"""Characters a bar's label keeps (about 6.6 px each at 12 px): it must end within LABEL."""
"""Drawn at about its own size on a phone (375 px), so its 12 px words stay readable there."""
MAX_ROWS = 40
VALUE_CHAR = 6.6
"""Width of a character of the 12 px labels beside the bars."""
DEFAULT_FILL = "#3b6ea8"


def drawable(figure: go.Figure | None) -> bool:
    """Horizontal bars on one axis pair (a ranking, a share by source, cities side by side)."""
    if figure is None or not figure.data:
        return False
    return all(t.type == "bar" and t.orientation == "h" and (t.xaxis or "x") == "x" and t.x is not None
               and t.y is not None for t in figure.data)


def drawn_traces(figure: go.Figure) -> list:
    """The traces the picture draws: all of them, except for grouped bars (places side by side),
    where only the first is drawn: repeating each category's name once per trace, with only the
    colour to tell the traces apart, would be a picture read by colour alone."""
    grouped = figure.layout.barmode == "group" and len(figure.data) > 1
    return list(figure.data[:1]) if grouped else list(figure.data)


def rows_of(figure: go.Figure) -> list[tuple[str, float, str, str | None]]:
    """(category, value, colour, written) from the drawn traces, top row first (plotly draws the
    first y at the bottom unless the axis is reversed), in the axis's own category order when it has
    one; `written` is the label the live chart writes beside the bar, where it has one per bar."""
    rows = []
    for trace in drawn_traces(figure):
        colours = trace.marker.color if trace.marker is not None else None
        # the live chart's own labels (a ranking's 62.21 beside 62.19), not the value written again
        texts = trace.text if trace.text is not None and not isinstance(trace.text, str) \
            and len(trace.text) == len(trace.x) else None
        for index, (value, category) in enumerate(zip(trace.x, trace.y, strict=True)):
            if value is None or value != value:  # missing: no bar
                continue
            colour = colours if isinstance(colours, str) else (
                colours[index] if colours is not None and index < len(colours) else DEFAULT_FILL)
            written = str(texts[index]).replace("<br>", " ") if texts is not None and texts[index] else None
            name = str(category).replace("<br>", " ")
            rows.append((name, float(value), str(colour or DEFAULT_FILL), written))
    order = figure.layout.yaxis.categoryarray
    if order is not None:  # e.g. a ranking's traces, one per rating, on one axis in rank order
        position = {str(category): index for index, category in enumerate(order)}
        rows.sort(key=lambda row: position.get(row[0], len(position)))
    reversed_axis = figure.layout.yaxis.autorange == "reversed"
    return rows if reversed_axis else rows[::-1]


def bar_svg(figure: go.Figure, title: str, description: str, svg_id: str = "chart") -> str:
    """The figure's horizontal bars as an SVG (role="img", labelled by its title and description)."""
    rows = rows_of(figure)
    shown = rows[:MAX_ROWS]
    note = ""  # said in the picture too: a caption naming three places above bars of one read as false
    if len(drawn_traces(figure)) < len(figure.data):
        note = _("The picture shows {name} only; the table also has {others}.").format(
            name=figure.data[0].name, others=i18n.join([str(t.name) for t in figure.data[1:]]))
        description = " ".join((description, note))
    if len(rows) > len(shown):
        description = " ".join((description, _("The picture shows the first {shown} of {total} bars.").format(
            shown=i18n.integer(len(shown)), total=i18n.integer(len(rows)))))
    high = max([row[1] for row in shown] + [0.0]) or 1.0
    # the value's column holds the longest label written beside a bar ("72 · Major challenges")
    longest = max((len(row[3]) for row in shown if row[3]), default=0)
    span = WIDTH - LABEL - min(150, max(40, round(VALUE_CHAR * longest) + 8))
    labels, bars, values = [], [], []  # the shared attributes once, on their groups
    digits = 0 if all(float(row[1]).is_integer() for row in shown) else 1  # counts: '40', not '40.0'
    lines = textwrap.wrap(note, NOTE_CHARS) if note else []
    top = TOP + ROW * len(lines)
    for position, (name, value, colour, written) in enumerate(shown):
        y = top + position * ROW
        width = max(0.0, value) / high * span
        # at most LABEL_CHARS, so a right-aligned label ends within its column (a French goal's
        # "11. Villes et commu…" lost its number off the picture's left edge)
        label = name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1] + "…"
        labels.append(f'<text x="{LABEL - 6}" y="{y + 14}">{escape(label)}</text>')
        bars.append(
            f'<rect x="{LABEL}" y="{y + 2}" width="{width:.1f}" height="{ROW - 5}" fill="{escape(colour)}"/>')
        shown_value = written or i18n.number(value, digits)
        values.append(f'<text x="{LABEL + width + 4:.1f}" y="{y + 14}">{escape(shown_value)}</text>')
    height = top + TOP + ROW * len(shown)
    noted = "".join(f'<text x="0" y="{TOP + 12 + ROW * n}" font-style="italic">{escape(line)}</text>'
                    for n, line in enumerate(lines))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{svg_id}-title {svg_id}-desc" class="first-paint-bars" '
            f'preserveAspectRatio="xMinYMin meet" style="max-width:{WIDTH * 1.3:.0f}px">'
            f'<title id="{svg_id}-title">{escape(title)}</title>'
            f'<desc id="{svg_id}-desc">{escape(description)}</desc>'
            f'<g fill="#212529" font-family="system-ui, sans-serif" font-size="12">'
            f'{noted}<g text-anchor="end">{"".join(labels)}</g>{"".join(bars)}{"".join(values)}</g></svg>')
