"""A measured value as a reader sees it, and an indicator's values over the years: a sparkline with
its words, the trend chart."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from layouts import design, explain, i18n
from layouts.i18n import _
from layouts.reference import DASHBOARD_COLOURS

SPARK_BARS = "▁▂▃▄▅▆▇█"


SIGNIFICANT = 4
"""Measured values are shown with up to this many significant digits (never an exponent)."""


def value_text(value: object) -> str:
    """A measured value with up to 4 significant digits in the locale's signs; '–' when missing."""
    return value_text_in(value, i18n.language())


def value_texts(values: list) -> list[str]:
    """`value_text` of many values, the language looked up once (a city page of 100 indicators
    over 25 years spells out 2,500 values in its sparklines)."""
    code = i18n.language()
    return [value_text_in(value, code) for value in values]


def value_text_in(value: object, code: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    magnitude = math.floor(math.log10(abs(number))) + 1 if number else 1
    digits = max(0, SIGNIFICANT - magnitude)
    rounded = round(number, digits)
    while digits and round(rounded, digits - 1) == rounded:
        digits -= 1
    return i18n.formatted(rounded, math.copysign(1.0, rounded), digits, code)  # `i18n.number`'s text


def points_sparkline(points: list[tuple[object, float]],
                     told: dict[int, str] | None = None) -> tuple[str, str] | None:
    """A sparkline's blocks (one per year) and its values spelled out, from a history's known points;
    None without values. `told`: years the source wrote otherwise than as the number
    (`years.by_year`)."""
    if not points:
        return None
    values = [v for _y, v in points]
    low, high = min(values), max(values)
    span = (high - low) or 1
    blocks = "".join(SPARK_BARS[int((v - low) / span * (len(SPARK_BARS) - 1))] for v in values)
    return blocks, spoken_points([int(y) for y, _v in points], value_texts(values), told)


def spoken_points(years: list[int], texts: list[str], told: dict[int, str] | None = None) -> str:
    """Values spelled out by runs of consecutive years, each run a sentence that names its years
    once: "2015–2017: 6.6, 6.8, 7. 2019: 5.7." (a listener hears the years once, not once per value;
    a city page of 80 sparklines is 5 kB lighter), each year as its source wrote it (`told`):
    "2017-18 to 2020-21: 69.6, 65, 63.6, 62.9." Values are parted by semicolons where the
    language writes decimals with a comma."""
    runs: list[list] = []  # [first year, last year, values]
    for year, text in zip(years, texts, strict=True):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
            runs[-1][2].append(text)
        else:
            runs.append([year, year, [text]])
    decimal_comma = i18n.separators().startswith(",")
    parted = i18n.pgettext("numbers written with decimal commas", "; ") if decimal_comma else ", "
    one, several = _("{year}: {values}."), _("{first}–{last}: {values}.")  # translated once a sparkline
    told = told or {}
    said = []
    for first, last, spoken in runs:
        if first == last:
            said.append(one.format(year=told.get(first, first), values=spoken[0]))
        elif first in told or last in told:  # "2017-18–2020-21" is not read: "2017-18 to 2020-21"
            period = _("{first} to {last}").format(first=told.get(first, first), last=told.get(last, last))
            said.append(one.format(year=period, values=parted.join(spoken)))
        else:
            said.append(several.format(first=first, last=last, values=parted.join(spoken)))
    return " ".join(said)


def sparkline_tree(series: pd.Series) -> list | str:
    """A text sparkline (one block per year) with the values spelled out for screen readers."""
    return points_tree(explain.known_points(series))


def points_tree(points: list[tuple[object, float]], told: dict[int, str] | None = None) -> list | str:
    parts = points_sparkline(points, told)
    if parts is None:
        return "–"
    return ["span", {"role": "img", "aria-label": parts[1]}, parts[0]]  # site.css: `td > [role="img"]`


UNIT_WIDTH = 32
"""Characters of a trend's unit on one line of its vertical axis title (the chart is 320 px tall)."""


def trend_figure(history: pd.Series, name: str, unit: str, target: float | None,
                 green: float | None, labels: list[str] | None = None) -> go.Figure:
    """One indicator over the years, with the 2030 target and the green threshold where known.
    `name` and `unit` are display text (already in the reader's language or marked); `labels`: each
    point's year as the source wrote it (`years.written_all`), on the axis where one differs from its
    year.
    Every chart here is built from plain dicts and made a figure once (`design.figure`)."""
    traces = [{"type": "scatter", "x": history.index, "y": history.values, "mode": "lines+markers",
               "name": name, "line": {"color": design.SERIES, "width": 3}}]
    years = [int(y) for y in history.index]
    told = labels is not None and any(label != str(year) for year, label in zip(years, labels, strict=True))
    if told:
        traces[0]["customdata"] = labels
        traces[0]["hovertemplate"] = "%{customdata}: %{y}<extra></extra>"
    has_target = target is not None and not pd.isna(target)
    if has_target:
        label = _("2030 target")
        traces.append({"type": "scatter", "x": [2030], "y": [target], "mode": "markers+text", "name": label,
                       "text": [label], "textposition": "top left",
                       "marker": {"symbol": "star", "size": 14, "color": "#333333"}})
    # a long unit on two lines or more: "per 100 Extremely Low Income Renter Households" was cut at
    # the chart's 320 px height
    unit_lines = "<br>".join(textwrap.wrap(unit, UNIT_WIDTH)) if unit else ""
    layout = {"yaxis": {"title": {"text": unit_lines}, "automargin": True}, "showlegend": False,
              "xaxis": {**design.year_axis([*history.index, *([2030] if has_target else [])]),
                        **({"tickvals": years, "ticktext": labels} if told else {}),
                        "title": {"text": _("Year")}},
              "separators": i18n.separators(), "margin": {"l": 10, "r": 10, "t": 20, "b": 10}, "height": 320}
    if green is not None and not pd.isna(green):
        line = {"xref": "x domain", "yref": "y", "y0": green, "y1": green, "x0": 0, "x1": 1}
        layout["shapes"] = [{"type": "line", **line,
                             "line": {"color": DASHBOARD_COLOURS["green"], "dash": "dash"}}]
        layout["annotations"] = [{"text": _("green threshold"), "showarrow": False, "xref": "x domain",
                                  "yref": "y", "x": 1, "xanchor": "right", "y": green, "yanchor": "top"}]
    return design.figure(traces, layout)
