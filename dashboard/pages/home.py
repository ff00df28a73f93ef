"""The map: every place coloured by the SDG Index or one goal, for a chosen year."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.chrome import chart_card, page_messages
from dashboard.query import Query
from layouts import i18n, maps, views
from layouts.i18n import _
from layouts.map_view import map_view
from layouts.reference import goal_label

dash.register_page(__name__, path="/", title=lambda: _("City SDG Dashboard: map"), name="Map")


class Ids:
    GOAL = "map-goal"
    YEAR = "map-year"
    VIEW = "map-view"
    GRAPH = "map-graph"
    TITLE = "map-title"
    SUMMARY = "map-summary"
    TABLE = "map-table"
    NAV = "map-nav"


GOALS = ["index", *(str(g) for g in range(1, 18))]


def goal_options() -> list[dict]:
    return [{"label": _("SDG Index (all goals)"), "value": "index"}] + [
        {"label": goal_label(g), "value": str(g)} for g in range(1, 18)
    ]


def view_options() -> list[dict]:
    return [{"label": _("Places"), "value": "places"},
            {"label": _("Countries (mean)"), "value": "countries"}]


def render(goal: str, year: int, view: str):
    """Title, figure, summary and table for one state of the current store. The title is an HTML
    heading (it wraps on a phone, where a long one would run under the chart's mode bar)."""
    shown = map_view(data.current(), None if goal == "index" else int(goal), year, view)
    shown.figure.update_layout(title=None, margin={"t": 30})
    return shown.title, shown.figure, shown.summary, shown.table


def layout(**query: str) -> html.Div:
    store = data.current()
    years = views.years(store)
    q = Query(query)
    goal = q.text("goal", GOALS, "index")
    year = q.integer("year", years[0], years[-1], years[-1]) if years else None
    view = q.text("view", ["places", "countries"], "places")
    if year is None:
        return html.Div([page_messages(store, q.problems), html.H1(_("No place has scores yet")),
                         html.P(_("Import indicator data with `city-sdg import` to see the map."))])
    title, figure, summary, table = render(goal, year, view)
    controls = dbc.Row(
        [
            dbc.Col([dbc.Label(_("Colour by"), html_for=Ids.GOAL),
                     dbc.Select(id=Ids.GOAL, options=goal_options(), value=goal)], md=5),
            dbc.Col([dbc.Label(_("Year"), html_for=Ids.YEAR, id=f"{Ids.YEAR}-label"),
                     dcc.Slider(id=Ids.YEAR, min=years[0], max=years[-1], step=1, value=year,
                                marks={y: str(y) for y in years[:: max(1, len(years) // 6)]},
                                allow_direct_input=False,
                                tooltip={"placement": "bottom", "always_visible": False})],
                    md=4),
            dbc.Col([dbc.Label(_("Show"), html_for=Ids.VIEW),
                     dbc.RadioItems(id=Ids.VIEW, options=view_options(), value=view, inline=True)], md=3),
        ],
        className="g-3 mb-2",
    )
    return html.Div(
        [
            page_messages(store, q.problems),
            html.H1(_("How are cities doing on the SDGs?"), className="h3"),
            controls,
            dcc.Location(id=Ids.NAV, refresh="callback-nav"),
            chart_card(
                html.Div([html.H2(title, id=Ids.TITLE, className="h6 mb-0"),
                          dcc.Graph(id=Ids.GRAPH, figure=figure, config=maps.GRAPH_CONFIG,
                                    responsive=True)]),
                html.P(summary, id=Ids.SUMMARY, **{"aria-live": "polite"}),
                html.Div(table, id=Ids.TABLE),
                _("Select a place on the map, or in the table, to open its page."),
                embed="map",
            ),
        ]
    )


@callback(
    Output(Ids.TITLE, "children"),
    Output(Ids.GRAPH, "figure"),
    Output(Ids.SUMMARY, "children"),
    Output(Ids.TABLE, "children"),
    Input(Ids.GOAL, "value"),
    Input(Ids.YEAR, "value"),
    Input(Ids.VIEW, "value"),
    prevent_initial_call=True,
)
def update(goal: str, year: int, view: str):
    return render(goal, int(year), view)


@callback(Output(Ids.NAV, "href"), Input(Ids.GRAPH, "clickData"), prevent_initial_call=True)
def open_city(click: dict | None) -> str:
    point = (click or {}).get("points", [{}])[0]
    place = (point.get("customdata") or [None])[0]
    if not place:
        raise dash.exceptions.PreventUpdate
    return i18n.href(f"/city/{place}")


clientside_callback(
    """(goal, year, view) => window.citySdg.pushQuery(
        {goal: goal === 'index' ? null : goal, year: year, view: view === 'places' ? null : view})""",
    Output(Ids.GRAPH, "className"),
    Input(Ids.GOAL, "value"),
    Input(Ids.YEAR, "value"),
    Input(Ids.VIEW, "value"),
    prevent_initial_call=True,
)
