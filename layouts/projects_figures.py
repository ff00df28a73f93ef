"""Projects charts, map, card and table as pure functions of the tallies in `layouts.projects`."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dash_table, dcc, html
from dash.dash_table.Format import Format, Group, Scheme
from plotly.colors import qualitative

from layouts import projects
from layouts.maps import base_geo
from layouts.projects import LIST_SEPARATOR, money
from layouts.reference import goal_label, goals
from layouts.tables import data_table

PALETTE = qualitative.Safe
PATTERNS = ["", "/", ".", "x", "-", "+", "\\"]
"""Stacked series also differ by fill pattern, so colour is never the only signal."""
MARKER = "#1f5f8b"
GRID = {"gridcolor": "#e3e3e3", "zerolinecolor": "#bbbbbb", "linecolor": "#888888", "automargin": True}
TEMPLATE = {"layout": {"plot_bgcolor": "white", "paper_bgcolor": "white", "xaxis": GRID, "yaxis": GRID,
                       "hoverlabel": {"bgcolor": "white"}}}
GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": False, "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"]}


def compact(values: pd.Series) -> list[str]:
    """Short bar labels: 1.2k, 3.4M, 5.6B."""
    labels = []
    for value in values:
        size, suffix = next(((s, w) for s, w in ((1e9, "B"), (1e6, "M"), (1e3, "k")) if abs(value) >= s),
                            (1, ""))
        labels.append(f"{value / size:,.1f}{suffix}" if suffix else f"{value:,.0f}")
    return labels


def finish(traces: list[dict], layout: dict, height: int) -> dict:
    """A plain figure dict: validating it as a go.Figure costs more than the rest of a callback.
    The chart's title is an HTML heading above the graph, so it wraps on a phone."""
    return {"data": traces, "layout": {
        "template": TEMPLATE, "font": {"size": 13}, "height": height, "showlegend": False,
        "margin": {"l": 10, "r": 30, "t": 30, "b": 20}, "bargap": 0.25, **layout}}


@lru_cache(maxsize=1)
def geo_layout() -> dict:
    """The shared map style of `layouts.maps.base_geo`, as a plain layout dict."""
    return base_geo(go.Figure(), "").to_plotly_json()["layout"]


def panel_title(text: str, axis: str) -> dict:
    return {"text": f"<b>{text}</b>", "xref": "paper", "yref": f"{axis} domain", "x": 0, "y": 1.02,
            "xanchor": "left", "yanchor": "bottom", "showarrow": False}


def project_map(places: pd.DataFrame, focus: bool) -> dict:
    """One marker per place, its area proportional to the number of projects; hover lists the counts."""
    located = places.dropna(subset=["lat", "lon"])
    biggest = max(int(located["projects"].max()) if len(located) else 1, 1)
    sizes = 7 + 23 * np.sqrt(located["projects"].to_numpy(dtype=float) / biggest)
    hover = [f"<b>{name}</b><br>{n} project{'s' * (n != 1)}: {statuses}<br>Budget: {money(budget)}"
             for name, n, statuses, budget in zip(located["name"], located["projects"],
                                                   located["statuses"], located["budget_usd"], strict=True)]
    trace = {"type": "scattergeo", "lat": located["lat"].tolist(), "lon": located["lon"].tolist(),
             "text": hover, "hoverinfo": "text", "name": "Projects",
             "customdata": [[p] for p in located["place_id"]],
             "marker": {"size": sizes.round(1).tolist(), "color": MARKER, "opacity": 0.75,
                        "line": {"width": 1, "color": "#ffffff"}}}
    layout = {**geo_layout(), "showlegend": False, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "height": 440}
    layout["title"] = {"text": ""}
    if focus and len(located) > 1:
        layout["geo"] = {**layout["geo"], "fitbounds": "locations"}
    elif focus and len(located) == 1:
        layout["geo"] = {**layout["geo"], "projection": {**layout["geo"].get("projection", {}), "scale": 4},
                         "center": {"lat": located["lat"].iloc[0], "lon": located["lon"].iloc[0]}}
    return {"data": [trace], "layout": layout}


def goal_bars(frame: pd.DataFrame) -> dict:
    """Projects (top) and budget (bottom) by goal, in the official goal colours, every bar labelled."""
    x = frame["goal"].astype(str).tolist()
    names = [f"Goal {g}: {n}" for g, n in zip(frame["goal"], frame["name"], strict=True)]
    marker = {"color": frame["colour"].tolist(), "line": {"color": "#333333", "width": 0.5}}
    millions = frame["budget_usd"] / 1e6
    traces = [
        {"type": "bar", "x": x, "y": frame["projects"].tolist(), "text": frame["projects"].tolist(),
         "hovertext": [f"{n}<br>{p} projects" for n, p in zip(names, frame["projects"], strict=True)],
         "xaxis": "x", "yaxis": "y"},
        {"type": "bar", "x": x, "y": millions.tolist(), "text": compact(frame["budget_usd"]),
         "hovertext": [f"{n}<br>{money(b)}" for n, b in zip(names, frame["budget_usd"], strict=True)],
         "xaxis": "x2", "yaxis": "y2"},
    ]
    for trace in traces:
        trace.update(marker=marker, textposition="outside", cliponaxis=False, hoverinfo="text")
    axis = {"type": "category", "tickangle": 0}
    return finish(traces, {
        "xaxis": {**axis, "anchor": "y"}, "yaxis": {"domain": [0.6, 0.93], "title": {"text": "Projects"}},
        "xaxis2": {**axis, "anchor": "y2", "title": {"text": "Goal"}},
        "yaxis2": {"domain": [0, 0.36], "title": {"text": "USD million"}},
        "annotations": [panel_title("Projects serving each goal", "y"),
                        panel_title("Budget (USD million)", "y2")],
    }, height=520)


def hbars(labels: list[str], values: list[float], text: list[str], axis_title: str,
          colour: str = MARKER) -> dict:
    """Horizontal bars, largest on top, each labelled with its value."""
    trace = {"type": "bar", "orientation": "h", "y": labels, "x": values, "text": text,
             "textposition": "outside", "cliponaxis": False, "marker": {"color": colour},
             "hovertemplate": "%{y}: %{text}<extra></extra>"}
    return finish([trace], {"yaxis": {"autorange": "reversed", "type": "category"},
                            "xaxis": {"title": {"text": axis_title}},
                            "margin": {"l": 10, "r": 70, "t": 36, "b": 20}},
                  height=90 + 30 * max(len(labels), 1))


def count_bars(frame: pd.DataFrame, label: str, axis_title: str = "Projects") -> dict:
    text = [f"{n} ({s:.0f}%)" for n, s in zip(frame["projects"], frame["project_share"], strict=True)]
    return hbars(frame[label].tolist(), frame["projects"].tolist(), text, axis_title)


def budget_share_bars(frame: pd.DataFrame, label: str) -> dict:
    frame = frame.sort_values("budget_share", ascending=False)
    text = [f"{s:.1f}%" for s in frame["budget_share"]]
    return hbars(frame[label].tolist(), frame["budget_share"].round(1).tolist(), text,
                 "Share of budget (USD), %", colour=PALETTE[0])


def theme_bars(frame: pd.DataFrame) -> dict:
    """Jobs created (top) and people reached (bottom) by theme."""
    themes = frame["theme"].tolist()
    traces = []
    for column, axis, colour in (("jobs_created", "", PALETTE[2]), ("beneficiaries", "2", PALETTE[0])):
        traces.append({"type": "bar", "orientation": "h", "y": themes, "x": frame[column].tolist(),
                       "text": compact(frame[column]), "textposition": "outside", "cliponaxis": False,
                       "marker": {"color": colour}, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                       "hovertemplate": "%{y}: %{x:,.0f}<extra></extra>"})
    category = {"type": "category", "autorange": "reversed"}
    return finish(traces, {
        "yaxis": {**category, "domain": [0.58, 0.92], "anchor": "x"}, "xaxis": {"anchor": "y"},
        "yaxis2": {**category, "domain": [0, 0.34], "anchor": "x2"}, "xaxis2": {"anchor": "y2"},
        "annotations": [panel_title("Jobs created", "y"),
                        panel_title("Beneficiaries (people reached)", "y2")],
        "margin": {"l": 10, "r": 60, "t": 10, "b": 20},
    }, height=460)


def year_status_bars(table: pd.DataFrame) -> dict:
    """Projects started per year, stacked by status, each status with its own colour and pattern."""
    years = [str(y) for y in table.index]
    traces = [{"type": "bar", "x": years, "y": table[status].tolist(), "name": status,
               "marker": {"color": PALETTE[i % len(PALETTE)],
                          "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "fillmode": "overlay",
                                      "fgcolor": "#222222", "fgopacity": 0.5, "size": 7}},
               "hovertemplate": f"%{{x}}, {status}: %{{y}}<extra></extra>"}
              for i, status in enumerate(table.columns)]
    return finish(traces, {
        "barmode": "stack", "showlegend": True,
        "xaxis": {"type": "category", "title": {"text": "Start year"}},
        "yaxis": {"title": {"text": "Projects started"}},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        "margin": {"l": 10, "r": 20, "t": 10, "b": 40},
    }, height=420)


def gap_scatter(frame: pd.DataFrame) -> dict:
    """Share of places rated red (x) against share of budget (y) per goal; flagged goals drawn as crosses."""
    rated = frame.dropna(subset=["red_share"])
    traces = []
    for flagged, symbol, name in ((False, "circle", "goal"), (True, "x", "red goal with few projects")):
        part = rated[rated["flagged"] == flagged]
        traces.append({
            "type": "scatter", "mode": "markers+text", "x": part["red_share"].round(1).tolist(),
            "y": part["budget_share"].round(1).tolist(), "text": [str(g) for g in part["goal"]],
            "textposition": "top center", "name": name, "showlegend": flagged,
            "marker": {"color": part["colour"].tolist(), "size": 16 if flagged else 12, "symbol": symbol,
                       "line": {"width": 1, "color": "#333333"}},
            "customdata": part["name"].tolist(),
            "hovertemplate": "Goal %{text}: %{customdata}<br>%{x}% of places red<br>%{y}% of budget"
                             "<extra></extra>"})
    top = max(rated["red_share"].max() if len(rated) else 0, frame["budget_share"].max(), 10) * 1.1
    traces.append({"type": "scatter", "mode": "lines", "x": [0, top], "y": [0, top], "hoverinfo": "skip",
                   "line": {"dash": "dot", "color": "#888888"}, "name": "budget share = red share",
                   "showlegend": True})
    return finish(traces, {
        "showlegend": True, "xaxis": {"title": {"text": "Places rated red on the goal (%)"},
                                      "range": [0, top]},
        "yaxis": {"title": {"text": "Share of budget (USD), %"}, "range": [0, top]},
        "legend": {"orientation": "h", "x": 0, "y": 0, "yref": "container", "yanchor": "bottom"},
        "margin": {"l": 10, "r": 20, "t": 10, "b": 50},
    }, height=460)


def goal_badges(listed: object) -> list:
    """Each goal in its official colour and with its name, so the colour is never the only signal."""
    ref = goals()
    numbers = [int(g) for g in str(listed or "").split(LIST_SEPARATOR) if g.strip().isdigit()]
    return [html.Span(f"Goal {g}: {ref.loc[g, 'name']}", className="badge me-1 mb-1 text-wrap",
                      style={"backgroundColor": ref.loc[g, "colour"], "color": ref.loc[g, "text_colour"]})
            for g in numbers if g in ref.index]


def words(value: object, empty: str = "not stated", listed: bool = False) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return empty
    return str(value).replace(LIST_SEPARATOR, ", ") if listed else str(value)


def budget_words(row: dict) -> str:
    budget, currency, usd = row.get("budget"), row.get("currency") or "", row.get("budget_usd")
    if budget is None or pd.isna(budget):
        return money(usd) if usd is not None and not pd.isna(usd) else "not stated"
    text = f"{budget:,.0f} {currency}".strip()
    return text if currency == "USD" else f"{text} ({money(usd)})"


def safe_link(url: object):
    """Only web addresses become links; anything else (javascript:, data:) stays plain text."""
    text = words(url, "none")
    if urlparse(text).scheme in ("http", "https"):
        return html.A(text, href=text, rel="noopener noreferrer", className="text-break")
    return html.Span(text, className="text-break")


def project_card(row: dict) -> dbc.Card:
    """Title, summary and facts of one project. All text is passed as text: HTML in it is never rendered."""
    count = lambda value: words(value if value is None or pd.isna(value) else f"{value:,.0f}")  # noqa: E731
    facts = [
        ("Place", dcc.Link(words(row.get("place_name")), href=f"/city/{row.get('place_id')}")),
        ("Theme", words(row.get("theme"))), ("Status", words(row.get("status"))),
        ("Dates", f"{words(row.get('start_date'), '?')} to {words(row.get('end_date'), '?')}"),
        ("Budget", budget_words(row)), ("Funding", words(row.get("funding_sources"), listed=True)),
        ("Procurement", words(row.get("procurement_method"))),
        ("Partners", words(row.get("partner_sectors"), listed=True)),
        ("Jobs created", count(row.get("jobs_created"))), ("Beneficiaries", count(row.get("beneficiaries"))),
        ("More", safe_link(row.get("url"))),
    ]
    body = []
    for term, value in facts:
        body += [html.Dt(term, className="col-sm-4"), html.Dd(value, className="col-sm-8 mb-1")]
    return dbc.Card(dbc.CardBody([
        html.H3(words(row.get("title"), "Untitled project"), className="h5"),
        html.Div(goal_badges(row.get("goals"))),
        html.P(words(row.get("summary"), ""), className="project-summary", style={"whiteSpace": "pre-line"}),
        html.Dl(body, className="row small mb-0"),
    ]), className="mb-3 project-card")


NUMBER = Format(group=Group.yes, precision=0, scheme=Scheme.fixed)
TABLE_COLUMNS = [
    {"name": "Title", "id": "title"}, {"name": "Place", "id": "place_name"},
    {"name": "Theme", "id": "theme"}, {"name": "Status", "id": "status"},
    {"name": "Start", "id": "start_year", "type": "numeric"},
    {"name": "Budget (USD)", "id": "budget_usd", "type": "numeric", "format": NUMBER},
    {"name": "Goals", "id": "goal_list"},
    {"name": "Jobs", "id": "jobs_created", "type": "numeric", "format": NUMBER},
    {"name": "Beneficiaries", "id": "beneficiaries", "type": "numeric", "format": NUMBER},
]


def table_records(projects: pd.DataFrame) -> list[dict]:
    """The rows of the sortable table, keyed by project id (the DataTable's row id)."""
    goal_list = projects["goals"].str.replace(LIST_SEPARATOR, ", ", regex=False)
    columns = {"id": projects["project_id"], "goal_list": goal_list,
               **{c["id"]: projects[c["id"]] for c in TABLE_COLUMNS if c["id"] != "goal_list"}}
    values = [column.astype(object).where(column.notna(), None).tolist() for column in columns.values()]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


@lru_cache(maxsize=4)
def catalogue_records(cat: projects.Catalogue) -> list[dict]:
    """Every project's table row, built once per catalogue; a selection picks its rows by position."""
    return table_records(cat.projects)


def projects_table(cat: projects.Catalogue, sel: projects.Selection, table_id: str) -> dash_table.DataTable:
    records = catalogue_records(cat)
    return dash_table.DataTable(
        id=table_id, data=[records[i] for i in sel.positions], columns=TABLE_COLUMNS,
        sort_action="native", filter_action="native", page_action="native", page_size=15,
        filter_options={"placeholder_text": "filter"},
        style_table={"overflowX": "auto"}, style_header={"fontWeight": "bold", "whiteSpace": "normal"},
        style_cell={"textAlign": "left", "whiteSpace": "normal", "height": "auto", "minWidth": "70px",
                    "maxWidth": "260px", "fontFamily": "var(--bs-body-font-family)", "fontSize": "0.9rem"},
    )


MIX_COLUMNS = {"projects": "Projects", "project_share": "% of projects", "budget_usd": "Budget (USD)",
               "budget_share": "% of budget"}


def chart_parts(sel: projects.Selection) -> list[tuple]:
    """(title, figure, summary, data table) of each chart of the projects page."""
    goals_, funding, methods = projects.by_goal(sel), projects.by_funding(sel), projects.by_procurement(sel)
    themes, years, count = projects.by_theme(sel), projects.by_year_status(sel), len(sel.projects)
    goal_rows = pd.DataFrame({"Goal": goals_["goal"].map(goal_label), "Projects": goals_["projects"],
                              "Budget": goals_["budget_usd"].map(money)})
    return [
        ("Projects and budget by goal", goal_bars(goals_), projects.goal_summary(goals_),
         data_table(goal_rows, "Projects by goal (budget shared equally among a project's goals)")),
        ("Funding source mix", count_bars(funding, "source"),
         projects.mix_summary(funding, "source", "funding source", count),
         data_table(funding[["source", *MIX_COLUMNS]].rename(columns={"source": "Source", **MIX_COLUMNS}),
                    "Projects by funding source (a project may have several)")),
        ("Procurement methods", count_bars(methods, "method"),
         projects.mix_summary(methods, "method", "procurement method", count),
         data_table(methods[["method", *MIX_COLUMNS]].rename(columns={"method": "Method", **MIX_COLUMNS}),
                    "Projects by procurement method")),
        ("Jobs created and people reached, by theme", theme_bars(themes), projects.theme_summary(themes),
         data_table(themes.set_axis(["Theme", "Projects", "Jobs created", "Beneficiaries"], axis=1),
                    "Jobs and beneficiaries by theme")),
        ("Projects started per year, by status", year_status_bars(years), projects.year_summary(years),
         data_table(years.reset_index().rename(columns={"year": "Start year"}),
                    "Projects started per year by status")),
    ]
