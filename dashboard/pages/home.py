"""The map: every place coloured by the SDG Index or one goal, for a chosen year."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.cache import view_answer
from dashboard.chrome import heading_parts, page_messages, table_payload, view_card
from layouts import i18n
from layouts.i18n import _
from layouts.reference import goal_label
from views import map as map_view
from views.base import NotAvailable

dash.register_page(__name__, path="/", title=lambda: _("City SDG Dashboard: map"), name="Map")


class Ids:
    GOAL = "map-goal"
    YEAR = "map-year"
    VIEW = "map-view"
    GRAPH = "map-graph"
    TITLE = "map-title"
    SUMMARY = "map-summary"
    TABLE = "map-table"
    TABLE_DATA = "map-table-data"
    NAV = "map-nav"
    STATE = "map-state"
    URL_SINK = "map-url-sink"


def goal_options() -> list[dict]:
    return [{"label": _("SDG Index (all goals)"), "value": "index"}] + [
        {"label": goal_label(g), "value": str(g)} for g in range(1, 18)
    ]


def view_options() -> list[dict]:
    return [{"label": _("Places"), "value": "places"},
            {"label": _("Countries (mean)"), "value": "countries"}]


def controls(state: map_view.State, years: list[int]) -> dbc.Row:
    labels = {p.name: _(p.label) for p in map_view.DECLARATION}
    return dbc.Row([
        dbc.Col([dbc.Label(labels["goal"], html_for=Ids.GOAL),
                 dbc.Select(id=Ids.GOAL, options=goal_options(), value=state.goal)], md=5),
        dbc.Col([dbc.Label(labels["year"], html_for=Ids.YEAR, id=f"{Ids.YEAR}-label"),
                 dcc.Slider(id=Ids.YEAR, min=years[0], max=years[-1], step=1, value=state.year,
                            marks={y: str(y) for y in years[:: max(1, len(years) // 6)]},
                            allow_direct_input=False,
                            tooltip={"placement": "bottom", "always_visible": False})],
                md=4),
        dbc.Col([dbc.Label(labels["view"], html_for=Ids.VIEW),
                 dbc.RadioItems(id=Ids.VIEW, options=view_options(), value=state.view, inline=True)], md=3),
    ], className="g-3 mb-2")


def layout(**query: str) -> html.Div:
    store = data.current()
    state, problems = map_view.parse(query, store)
    try:
        view = view_answer("map-view", store.version, state, lambda: map_view.build(store, state))
    except NotAvailable:
        return html.Div([page_messages(store, problems),
                         html.H1(_("No place has scores yet"), className="h3"),
                         html.P([_("Import indicator data to see the map:"), " ",
                                 html.Code("city-sdg import")])])
    view.hint = _("Select a place on the map, or in the table, to open its page.")
    card = view_card(view, "map", Ids.GRAPH, Ids.TITLE, Ids.SUMMARY, Ids.TABLE, table_later=True)
    return html.Div([
        page_messages(store, problems),
        html.H1(_("How are cities doing on the SDGs?"), className="h3"),
        controls(state, map_view.context(store).years),
        dcc.Location(id=Ids.NAV, refresh="callback-nav"),
        card,
        dcc.Store(id=Ids.STATE, data=view.query),
        dcc.Store(id=Ids.TABLE_DATA, data=table_payload(view.table)),
        html.Div(id=Ids.URL_SINK, hidden=True),
    ])


@callback(
    Output(Ids.TITLE, "children"), Output(Ids.GRAPH, "figure"), Output(Ids.SUMMARY, "children"),
    Output(Ids.TABLE_DATA, "data"), Output(Ids.STATE, "data"),
    Input(Ids.GOAL, "value"), Input(Ids.YEAR, "value"), Input(Ids.VIEW, "value"),
    prevent_initial_call=True,
)
def update(goal: str, year: int, view: str):
    store = data.current()
    state, _problems = map_view.parse({"goal": goal, "year": year, "view": view}, store)
    return view_answer("map-update", store.version, state, lambda: answer(store, state))


def answer(store, state: map_view.State) -> tuple:
    """The map callback's outputs for one state: the table goes as data, drawn in the browser."""
    shown = map_view.build(store, state)
    return heading_parts(shown), shown.figure, shown.summary, table_payload(shown.table), shown.query


@callback(Output(Ids.NAV, "href"), Input(Ids.GRAPH, "clickData"), prevent_initial_call=True)
def open_city(click: dict | None) -> str:
    point = (click or {}).get("points", [{}])[0]
    place = (point.get("customdata") or [None])[0]
    if not place:
        raise dash.exceptions.PreventUpdate
    return i18n.href(f"/city/{place}")


clientside_callback(
    "(table) => window.citySdg.table(table)",
    Output(Ids.TABLE, "children"),
    Input(Ids.TABLE_DATA, "data"),
)


clientside_callback(
    "(query) => window.citySdg.pushQuery(query || {})",
    Output(Ids.URL_SINK, "className"),
    Input(Ids.STATE, "data"),
    prevent_initial_call=True,
)
