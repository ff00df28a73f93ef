"""Projects charts, map, card and table as pure functions of the tallies in `layouts.projects`."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from babel.numbers import format_compact_decimal

from layouts import design, i18n, maps, projects, projects_text
from layouts.extents import longitude_span
from layouts.i18n import _, ngettext
from layouts.projects_text import KINDS, share, usd, usds
from layouts.reference import goal_label
from layouts.scores import LOCAL_SPAN
from layouts.vocabulary import NOT_STATED, label, labels

PALETTE = design.PALETTE
PATTERNS = ["", "/", ".", "x", "-", "+", "\\"]
"""Stacked series also differ by fill pattern, so colour is never the only signal."""
MARKER = "#1f5f8b"
GRID = {"gridcolor": "#e3e3e3", "zerolinecolor": "#bbbbbb", "linecolor": "#888888", "automargin": True}
TEMPLATE = design.TEMPLATE
GRAPH_CONFIG = design.GRAPH_CONFIG


def compact(values: pd.Series) -> list[str]:
    """Short bar labels in the reader's language: 1.2K, 3.4M, 5.6B ('1,2 k', '3,4 M', '5,6 Md')."""
    return [format_compact_decimal(value, format_type="short", fraction_digits=1, locale=i18n.locale())
            if abs(value) >= 1000 else i18n.integer(value) for value in values]


def million_labels(millions: pd.Series) -> list[str]:
    """Budget bar labels in the axis's unit (USD million): '154', '6.3', '0.4'; three characters
    or so, narrow enough to sit on a bar 20 px wide at full size."""
    return [i18n.number(value, 0 if abs(value) >= 10 else 1) if pd.notna(value) else ""
            for value in millions]


def finish(traces: list[dict], layout: dict, height: int) -> dict:
    """A plain figure dict: validating it as a go.Figure costs more than the rest of a callback.
    The chart's title is an HTML heading above the graph, so it wraps on a phone."""
    return {"data": traces, "layout": {
        "template": TEMPLATE, "font": {"size": 13}, "height": height, "showlegend": False,
        "separators": i18n.separators(), "margin": {"l": 10, "r": 30, "t": 30, "b": 20}, "bargap": 0.25,
        # a value label that would shrink below 9 px is left out (hover and the table have it)
        "uniformtext": {"minsize": 9, "mode": "hide"},
        **layout}}


PANEL_TITLE_WIDTH = 18
"""Characters per line of a panel's title: it starts where the bars start, right of the category
names, and on a 375 px phone about 170 px are left there."""


def panel_title(text: str, axis: str) -> dict:
    """A panel's title above it: panels stacked on y axes ("y", "y2"), or side by side on x axes
    ("x", "x2"), each title starting where its panel does."""
    lines = "<br>".join(f"<b>{line}</b>" for line in textwrap.wrap(text, PANEL_TITLE_WIDTH))
    place = ({"xref": f"{axis} domain", "yref": "paper", "y": 1.0} if axis.startswith("x")
             else {"xref": "paper", "yref": f"{axis} domain", "y": 1.02})
    return {"text": lines, **place, "x": 0, "xanchor": "left", "yanchor": "bottom", "align": "left",
            "showarrow": False}


PLACE_HOVER = "<b>%{text}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>"
"""A place's hover label: its name (`text`), then its projects by status and their budget (the
second and third customdata; the first is the place's id, which a click opens). The markup is
written once for the map, not once per place: the labels were half of a 10,000-place map's
answer, a third of it plotly's escapes of their tags."""


def place_lines(counts: list, statuses: list, budgets: list) -> tuple[list[str], list[str]]:
    """Each place's projects by status ('2 projects: 1 active and 1 completed') and its budget line
    ('Budget: $100'; `budgets` as text). Each count's line (its plural form and number text) and the
    budget line are made once and filled in, not translated and formatted per place."""
    mark = "\x00"
    budget_pre, budget_post = _("Budget: {budget}").format(budget=mark).split(mark)
    lines: dict[int, tuple[str, str]] = {}
    projects, money = [], []
    for count, words, budget in zip(counts, statuses, budgets, strict=True):
        count = int(count)
        if count not in lines:
            line = ngettext("{count} project: {statuses}", "{count} projects: {statuses}", count)
            lines[count] = tuple(line.format(count=i18n.integer(count), statuses=mark).split(mark))
        pre, post = lines[count]
        projects.append(f"{pre}{words}{post}")
        money.append(f"{budget_pre}{budget}{budget_post}")
    return projects, money


def project_map(places: pd.DataFrame, focus: bool) -> dict:
    """One marker per place, its area proportional to the number of projects; hover lists the counts."""
    located = places.dropna(subset=["lat", "lon"])
    biggest = max(int(located["projects"].max()) if len(located) else 1, 1)
    sizes = 7 + 23 * np.sqrt(located["projects"].to_numpy(dtype=float) / biggest)
    projects, money = place_lines(located["projects"].tolist(), located["statuses"].tolist(),
                                  usds(located["budget_usd"]))
    # arrays, not lists (numbers as typed arrays in the JSON, text as fixed-width NumPy strings):
    # plotly deep-copies a figure's lists element by element, about 15 ms for 10,000 places' hover
    # texts and ids, and one copy of memory for an array (as the map page's `located_columns`)
    trace = {"type": "scattergeo", "lat": located["lat"].to_numpy(dtype="float64"),
             "lon": located["lon"].to_numpy(dtype="float64"),
             "text": located["name"].to_numpy(dtype=str), "hovertemplate": PLACE_HOVER, "name": _("Projects"),
             "customdata": np.column_stack([located["place_id"].to_numpy(dtype=str),
                                            np.array(projects, dtype=str).reshape(-1),
                                            np.array(money, dtype=str).reshape(-1)]).reshape(-1, 3),
             "marker": {"size": sizes.round(1), "color": MARKER, "opacity": 0.75,
                        "line": {"width": 1, "color": "#ffffff"}}}
    # no fixed height: the page sizes the map to its width (site.css #projects-map), so a phone
    # gets no empty bands above and below a map 190 px tall
    focus = focus or local(trace["lon"], trace["lat"])
    lon, lat = trace["lon"], trace["lat"]
    if len(located) == 1:  # one city's projects (Berlin's 420): its surroundings, not a continent
        lon, lat = lon[0] + np.array([-CITY_SPAN, CITY_SPAN]), lat[0] + np.array([-CITY_SPAN, CITY_SPAN]) / 2
    fitted = maps.fitted_extent(lon, lat) if focus and len(located) else None
    layout = {**maps.geo_layout(extent=fitted), "showlegend": False,
              "margin": {"l": 0, "r": 0, "t": 0, "b": 0}}
    return {"data": [trace], "layout": layout}


CITY_SPAN = 5.0
"""Degrees of longitude either side of the one place a map of projects is fitted to (half as many of
latitude): its country around it, by which a reader finds it on maps without place names (scale 4
showed all Europe; a degree, a grey square with one border line)."""


def local(lon: np.ndarray, lat: np.ndarray) -> bool:
    """Whether the markers lie within one country's span (`scores.LOCAL_SPAN`), so that the map is
    fitted to them as a chosen region is: Berlin's 420 projects were one dot on a map of the world."""
    span = longitude_span(lon) if len(lon) else None
    if span is None:
        return False
    return span[1] - span[0] <= LOCAL_SPAN[0] and float(np.max(lat)) - float(np.min(lat)) <= LOCAL_SPAN[1]


def goal_bars(frame: pd.DataFrame, with_budget: bool = True) -> dict:
    """Projects (left) and budget (right) by goal, one row per goal in the official goal colours,
    every bar labelled with its value; without budgets (no project reports one) only the projects,
    never bars of zero. Rows, not columns: 17 goal numbers under columns at a phone's width touched
    ("10111213141516"), and the values over the columns had no room and were left out."""
    y = frame["goal"].astype(str).tolist()
    names = [goal_label(int(g)) for g in frame["goal"]]
    marker = {"color": frame["colour"].tolist(), "line": {"color": "#333333", "width": 0.5}}
    millions = frame["budget_usd"] / 1e6
    counted = [ngettext("{count} project", "{count} projects", int(p)).format(count=i18n.integer(p))
               for p in frame["projects"]]
    traces = [
        {"type": "bar", "orientation": "h", "y": y, "x": frame["projects"].tolist(),
         "text": [i18n.integer(p) for p in frame["projects"]],
         "hovertext": [f"{n}<br>{c}" for n, c in zip(names, counted, strict=True)],
         "xaxis": "x", "yaxis": "y"},
        {"type": "bar", "orientation": "h", "y": y, "x": millions.tolist(), "text": million_labels(millions),
         "hovertext": [f"{n}<br>{usd(b)}" for n, b in zip(names, frame["budget_usd"], strict=True)],
         "xaxis": "x2", "yaxis": "y"},
    ]
    for trace in traces:
        trace.update(marker=marker, textposition="outside", cliponaxis=False, hoverinfo="text")
    goals = {"type": "category", "autorange": "reversed", "title": {"text": _("Goal")},
             "tickfont": {"size": 12}, "ticksuffix": " "}
    # the values are written beside the bars: the value axes keep their grid, not numbers
    values = {"showticklabels": False, "zeroline": True, "fixedrange": True}
    projects_axis = {**values, "range": [0, headroom(frame["projects"], BESIDE)]}
    height = 110 + ROW_HEIGHT * len(y)
    if not with_budget:  # the whole width: the room for a half panel's labels left half of it empty
        whole = {**values, "range": [0, headroom(frame["projects"])]}
        return finish(traces[:1], {"yaxis": goals, "xaxis": {**whole, "domain": [0, 1]},
                                   "annotations": [panel_title(_("Projects serving each goal"), "x")],
                                   "margin": {"l": 10, "r": 30, "t": 50, "b": 10}}, height=height)
    return finish(traces, {
        "yaxis": goals,
        "xaxis": {**projects_axis, "domain": [0, 0.46]},
        "xaxis2": {**values, "range": [0, headroom(millions, BESIDE)], "domain": [0.54, 1], "anchor": "y"},
        "annotations": [panel_title(_("Projects serving each goal"), "x"),
                        panel_title(_("Budget (USD million)"), "x2")],
        "margin": {"l": 10, "r": 30, "t": 50, "b": 10},
    }, height=height)


ROW_HEIGHT = 22
"""Pixels per goal's row: room for its 12 px number and its value's 13 px label."""
BESIDE = 1.5
"""An axis end half again beyond the longest bar: its value written beside it fits a phone's panel
(about 140 px of a 375 px screen holds the bar and "1,234")."""


def headroom(values: pd.Series, room: float = 1.22) -> float:
    """An axis top a fifth (`room`) above the tallest bar, so its label sits beyond it at full size."""
    top = float(values.max()) if len(values) and pd.notna(values.max()) else 0.0
    return top * room if top > 0 else 1.0


def hbars(labels: list[str], values: list[float], text: list[str], axis_title: str,
          colour: str = MARKER) -> dict:
    """Horizontal bars, largest on top, each labelled with its value; the right margin holds the
    longest label beside the longest bar (French's "395 (52 %)" was cut at 70 px on a phone)."""
    lines = [textwrap.wrap(str(name), CATEGORY_WIDTH, break_long_words=False) or [""] for name in labels]
    trace = {"type": "bar", "orientation": "h", "y": ["<br>".join(parts) for parts in lines], "x": values,
             "text": text, "textposition": "outside", "cliponaxis": False, "marker": {"color": colour},
             "hovertemplate": "%{y}: %{text}<extra></extra>"}
    room = max(70, round(LABEL_CHARACTER * max((len(t) for t in text), default=0)) + 12)
    # every bar carries its value: the axis keeps its title and grid, not numbers, which at 320 px
    # had room for a bar of 100 px only and were turned on end across the title
    return finish([trace], {"yaxis": {"autorange": "reversed", "type": "category"},
                            "xaxis": {"title": {"text": axis_title}, "showticklabels": False},
                            "margin": {"l": 10, "r": room, "t": 36, "b": 20}},
                  # every bar gets the room of the tallest name: plotly spaces categories evenly
                  height=90 + len(lines) * max(30, 17 * max(len(parts) for parts in lines)) if lines else 120)


CATEGORY_WIDTH = 20
"""Characters per line of a bar's category name: longer names wrap, so that on a phone the name,
the bar and its label fit ("achats publics avant commercialisation" lost its first word)."""


LABEL_CHARACTER = 8.5
"""Pixels a character of a bar's label takes at the charts' 13 px font, for the room a label needs
beside its bar: a digit of DejaVu Sans (a phone's or Linux's fallback for the system font) is 8.3 px
wide, and at 7.6 a label ten characters long still lost its last one."""


def shown(frame: pd.DataFrame, column: str) -> list[str]:
    """A tally's label column ('source', 'method', 'theme') in the reader's words."""
    return labels(KINDS[column], frame[column])


def count_bars(frame: pd.DataFrame, column: str) -> dict:
    text = [_("{count} ({share})").format(count=i18n.integer(n), share=share(s))
            for n, s in zip(frame["projects"], frame["project_share"], strict=True)]
    return hbars(shown(frame, column), frame["projects"].tolist(), text, _("Projects"))


def budget_share_bars(frame: pd.DataFrame, column: str) -> dict:
    frame = frame.sort_values("budget_share", ascending=False)
    text = [share(s, 1) for s in frame["budget_share"]]
    return hbars(shown(frame, column), frame["budget_share"].round(1).tolist(), text,
                 _("Share of budget (USD), %"), colour=PALETTE[0])


TITLE_LINE_SHARE = 0.05
"""The share of the themes chart's 460 px a panel title's line takes (about 20 px with its gap)."""


def theme_bars(frame: pd.DataFrame) -> dict:
    """Jobs created (top) and people reached (bottom) by theme."""
    themes = shown(frame, "theme")
    traces = []
    for column, axis, colour in (("jobs_created", "", PALETTE[2]), ("beneficiaries", "2", PALETTE[0])):
        traces.append({"type": "bar", "orientation": "h", "y": themes, "x": frame[column].tolist(),
                       "text": compact(frame[column]), "textposition": "outside", "cliponaxis": False,
                       "marker": {"color": colour}, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                       "hovertemplate": "%{y}: %{x:,.0f}<extra></extra>"})
    category = {"type": "category", "autorange": "reversed"}
    jobs = panel_title(_("Jobs created"), "y")
    # room above the top panel for its title's lines only: 0.92 left a blank band over one line
    top = 1 - TITLE_LINE_SHARE * jobs["text"].count("<br>") - TITLE_LINE_SHARE
    return finish(traces, {
        "yaxis": {**category, "domain": [0.58, top], "anchor": "x"}, "xaxis": {"anchor": "y", "nticks": 4},
        "yaxis2": {**category, "domain": [0, 0.34], "anchor": "x2"}, "xaxis2": {"anchor": "y2", "nticks": 4},
        "annotations": [jobs, panel_title(_("Beneficiaries (people reached)"), "y2")],
        "margin": {"l": 10, "r": 60, "t": 10, "b": 20},
    }, height=460)


def year_status_bars(table: pd.DataFrame) -> dict:
    """Projects per start year, stacked by status, each status with its own colour and pattern."""
    years = [str(y) for y in table.index]
    traces = [{"type": "bar", "x": years, "y": table[status].tolist(), "name": label("status", status),
               "marker": {"color": PALETTE[i % len(PALETTE)],
                          "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "fillmode": "overlay",
                                      "fgcolor": "#222222", "fgopacity": 0.5, "size": 7}},
               "hovertemplate": _("{year}, {status}: {count}").format(
                   year="%{x}", status=label("status", status), count="%{y}") + "<extra></extra>"}
              for i, status in enumerate(table.columns)]
    return finish(traces, {
        "barmode": "stack", "showlegend": True,
        "xaxis": {"type": "category", "title": {"text": _("Start year")}},
        "yaxis": {"title": {"text": _("Projects")}},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
    }, height=420)


LABEL_SIDES = ("top center", "bottom center", "middle right", "middle left")
LABEL_OFFSETS = {"top center": (0, 14), "bottom center": (0, -14), "middle right": (16, 0),
                 "middle left": (-16, 0)}
"""Where a label's middle sits from its point, in pixels, on each side."""
LABEL_ROOM = 16
"""Pixels a label's middle keeps from any other point and any other label's middle (a label beside
its point: more than its own distance from it): nearer, it reads as the other point's label (goal
16's "16" sat beside goal 3's dot) or runs into it ("155")."""


LEADER_OFFSETS = [(round(38 * math.cos(k * math.pi / 8)), round(38 * math.sin(k * math.pi / 8)))
                  for k in (4, 3, 5, 2, 6, 1, 7, 0, 8, 12, 11, 13, 10, 14, 9, 15)]
"""Where a crowded point's label goes, in pixels from the point (x right, y up), tried in this order:
above first, then fanning out; a line leads from the label to its point."""


PLOT_PIXELS = 260
"""The plot's width the labels are placed for: a phone's (the chart at 375 px has about 260 px of
plot; placed for 350, labels "10" and "4" ran together there). Wider screens have room to spare."""


def label_positions(xs: list[float], ys: list[float], span: float,
                    pixels: float = PLOT_PIXELS) -> list[str | tuple[int, int]]:
    """Where each point's label goes, for points drawn on two axes of the same `span` over about
    `pixels`: a side beside it (above unless that puts the label within LABEL_ROOM of another point
    or label, then below (not under the axis), right or left); where every side is crowded (points
    whose markers touch), an offset (dx, dy) in pixels for a label with a line to its point, at the
    first place with room, else the roomiest."""
    unit = span / pixels
    points = list(zip(xs, ys, strict=True))
    placed: list[tuple[float, float]] = []
    chosen: list[str | tuple[int, int]] = []

    def room(index: int, lx: float, ly: float) -> float:
        others = points[:index] + points[index + 1:] + placed
        return min((math.hypot(lx - ox, ly - oy) / unit for ox, oy in others), default=math.inf)

    def inside(lx: float, ly: float) -> bool:
        return ly >= 6 * unit and 8 * unit <= lx <= span - 8 * unit and ly <= span - 6 * unit

    for index, (x, y) in enumerate(points):
        where: str | tuple[int, int] | None = None
        for side in LABEL_SIDES:
            dx, dy = LABEL_OFFSETS[side]
            lx, ly = x + dx * unit, y + dy * unit
            cut = (dy < 0 and ly < 6 * unit) or (dx < 0 and lx < 8 * unit)  # at an axis
            # nearer its own point than any other, by a margin, and clear of the other labels
            if not cut and room(index, lx, ly) >= max(LABEL_ROOM, math.hypot(dx, dy) + 3):
                where = side
                break
        if where is None:
            def spare(offset: tuple[int, int], index: int = index, x: float = x, y: float = y) -> float:
                return room(index, x + offset[0] * unit, y + offset[1] * unit)

            fits = [o for o in LEADER_OFFSETS if inside(x + o[0] * unit, y + o[1] * unit)] or LEADER_OFFSETS
            where = next((o for o in fits if spare(o) >= LABEL_ROOM), max(fits, key=spare))
        dx, dy = LABEL_OFFSETS[where] if isinstance(where, str) else where
        placed.append((x + dx * unit, y + dy * unit))
        chosen.append(where)
    return chosen


def gap_scatter(frame: pd.DataFrame) -> dict:
    """Share of places rated red (x) against share of budget (y) per goal; flagged goals drawn as crosses."""
    rated = frame.dropna(subset=["red_share"])
    top = max(rated["red_share"].max() if len(rated) else 0, frame["budget_share"].max(), 10) * 1.1
    traces = []
    # one placement for every goal's label, whichever trace draws it; a crowded goal's label is an
    # annotation with a line to its point
    places = pd.Series(label_positions(rated["red_share"].round(1).tolist(),
                                       rated["budget_share"].round(1).tolist(), top), index=rated.index)
    beside = places.map(lambda where: isinstance(where, str))
    led = [{"x": round(x, 1), "y": round(y, 1), "text": str(g), "showarrow": True, "arrowhead": 0,
            "arrowwidth": 1, "arrowcolor": "#555555", "ax": where[0], "ay": -where[1], "standoff": 7,
            "font": {"size": 12}}
           for g, x, y, where in zip(rated["goal"], rated["red_share"], rated["budget_share"], places,
                                     strict=True) if not isinstance(where, str)]
    for flagged, symbol, name in ((False, "circle", _("goal")), (True, "x", _("red goal with few projects"))):
        part = rated[rated["flagged"] == flagged]
        hover = [_("{goal}<br>{red} of places red<br>{budget} of budget").format(
                     goal=goal_label(int(g)), red=share(r, 1), budget=share(b, 1))
                 for g, r, b in zip(part["goal"], part["red_share"], part["budget_share"], strict=True)]
        traces.append({
            "type": "scatter", "mode": "markers+text", "x": part["red_share"].round(1).tolist(),
            "y": part["budget_share"].round(1).tolist(),
            "text": [str(g) if beside[i] else "" for g, i in zip(part["goal"], part.index, strict=True)],
            "textposition": [where if beside[i] else "top center" for where, i in
                             zip(places[part.index], part.index, strict=True)],
            "name": name, "showlegend": flagged,
            "marker": {"color": part["colour"].tolist(), "size": 16 if flagged else 12, "symbol": symbol,
                       "line": {"width": 1, "color": "#333333"}},
            "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
    traces.append({"type": "scatter", "mode": "lines", "x": [0, top], "y": [0, top], "hoverinfo": "skip",
                   "line": {"dash": "dot", "color": "#888888"}, "name": _("budget share = red share"),
                   "showlegend": True})
    return finish(traces, {
        "showlegend": True, "xaxis": {"title": {"text": _("Places rated red on the goal (%)")},
                                      "range": [0, top]},
        "yaxis": {"title": {"text": _("Share of budget (USD), %")}, "range": [0, top]},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        "margin": {"l": 10, "r": 20, "t": 10, "b": 50}, "annotations": led,
    }, height=460)


def mix_rows(frame: pd.DataFrame, column: str, header: str) -> pd.DataFrame:
    """A funding or procurement tally as table rows: the value in words, counts, money and shares."""
    return pd.DataFrame({header: shown(frame, column), _("Projects"): frame["projects"].to_numpy(),
                         _("% of projects"): [share(s) for s in frame["project_share"]],
                         _("Budget (USD)"): [usd(b) for b in frame["budget_usd"]],
                         _("% of budget"): [share(s, 1) for s in frame["budget_share"]]})


def reported(themes: pd.DataFrame) -> bool:
    return bool(themes[["jobs_created", "beneficiaries"]].notna().any().any())


def goals_part(sel: projects.Selection) -> tuple:
    goals_ = projects.by_goal(sel)

    def goal_rows() -> pd.DataFrame:
        # a goal none of whose projects states a USD budget has none, not "$0" (Berlin's 420 projects
        # state none, and every goal read "$0" beside a sentence saying so)
        known = sel.projects["budget_usd"].notna().to_numpy(dtype=bool)
        stated = (np.asarray(sel.goals, dtype=bool) & known[:, None]).any(axis=0)
        budgets = goals_["budget_usd"].where(stated)
        return pd.DataFrame({_("Goal"): goals_["goal"].map(goal_label), _("Projects"): goals_["projects"],
                             _("Budget"): budgets.map(usd)})
    budgets = int(sel.projects["budget_usd"].notna().sum())
    stated = bool(projects_text.stated_budgets(sel.projects).any())
    goal_chart = goal_bars(goals_, budgets > 0) if goals_["projects"].sum() else None
    said = projects_text.goal_summary(goals_, budgets, stated)
    if not budgets:  # Berlin's 420 projects state no budget: no "budget" in the title
        return _("Projects by goal"), goal_chart, said, goal_rows, _("Projects by goal")
    return (_("Projects and budget by goal"), goal_chart, said,
            goal_rows, _("Projects by goal (budget shared equally among a project's goals)"))


def funding_part(sel: projects.Selection) -> tuple:
    funding = projects.by_funding(sel)
    return (_("Funding source mix"), count_bars(funding, "source") if len(funding) else None,
            projects_text.mix_summary(funding, "source", len(sel.projects)),
            lambda: mix_rows(funding, "source", _("Source")),
            _("Projects by funding source (a project may have several)"))


def procurement_part(sel: projects.Selection) -> tuple:
    methods = projects.by_procurement(sel)
    stated = methods[methods["method"] != NOT_STATED]
    # only "not stated" (Berlin's 420 projects): one bar at 100 % says nothing a sentence does not
    return (_("Procurement methods"), count_bars(methods, "method") if len(stated) else None,
            projects_text.mix_summary(methods, "method", len(sel.projects)),
            lambda: mix_rows(methods, "method", _("Method")), _("Projects by procurement method"))


def themes_part(sel: projects.Selection) -> tuple:
    themes = projects.by_theme(sel)

    def theme_rows() -> pd.DataFrame:
        return pd.DataFrame({_("Theme"): shown(themes, "theme"), _("Projects"): themes["projects"].to_numpy(),
                             _("Jobs created"): themes["jobs_created"].map(i18n.integer).to_numpy(),
                             _("Beneficiaries"): themes["beneficiaries"].map(i18n.integer).to_numpy()})
    summary = projects_text.theme_summary(themes, sel.projects)
    return (_("Jobs created and people reached, by theme"), theme_bars(themes) if reported(themes) else None,
            summary, theme_rows, _("Jobs and beneficiaries by theme"))


def years_part(sel: projects.Selection) -> tuple:
    years = projects.by_year_status(sel)

    def year_rows() -> pd.DataFrame:
        named = years.rename(columns=lambda status: label("status", status)).rename_axis(_("Start year"))
        return named.reset_index()
    return (_("Projects by start year and status"), year_status_bars(years) if len(years) else None,
            projects_text.year_summary(years), year_rows, _("Projects by start year and status"))


CHART_PARTS = (goals_part, funding_part, procurement_part, themes_part, years_part)
"""Each chart of the projects page, in the page's order: (title, figure, summary, table rows, table
caption) of a selection, the rows as a function that makes them (the page sends a chart's table only
when it is opened: formatting the five tables was about 2 ms of a filter change at 1,000 places);
the figure is None when the selection gives the chart nothing to draw (its summary says why). One
at a time, so an embed of one chart builds only that chart."""

