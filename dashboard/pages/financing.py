"""Financing and procurement for analysts: how a region's projects are paid for and contracted, and which
goals rated red get the least."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.chrome import page_messages, view_card, without_projects
from dashboard.widgets import Select
from layouts import bootstrap, i18n, names
from layouts.i18n import _
from loaders.store import StoreData
from views import financing
from views import projects as project_views

dash.register_page(__name__, path="/projects/financing", name="Financing",
                   title=lambda: _("City SDG Dashboard: financing and procurement"))


class Ids:
    REGION = "financing-region"
    MESSAGES = "financing-messages"
    CONTENT = "financing-content"
    SUMMARY = "financing-summary"
    STATE = "financing-state"
    URL_SINK = "financing-url-sink"


def render(store: StoreData, state: financing.State) -> tuple[list, str]:
    """The three cards for a UN region (None = every place), and the page's summary sentence."""
    views, summary = financing.charts(store, state)
    cards = [view_card(view, name) for view, name in zip(views, financing.CHARTS, strict=True)]
    return [cards[0], bootstrap.row([bootstrap.col(cards[1], lg=6), bootstrap.col(cards[2], lg=6)],
                                        className="g-3")], summary


def layout(**query: str) -> html.Div:
    store = data.current()
    if project_views.context(store).projects.empty:
        return without_projects(_("Financing and procurement"))
    state, problems = financing.parse(query, store)
    cards, summary = render(store, state)
    regions = project_views.regions(project_views.context(store))
    options = [{"label": _("All regions"), "value": ""}] + [{"label": names.region(r), "value": r}
                                                           for r in regions]
    return html.Div([
        html.Div(page_messages(store, problems), id=Ids.MESSAGES),
        html.H1(_("Financing and procurement"), className="h3"),
        html.P([_("How projects are paid for and contracted, and which goals rated red get the least."), " ",
                dcc.Link(_("Back to all projects"), href=i18n.href("/projects"))]),
        bootstrap.row(bootstrap.col([bootstrap.field_label(_("UN region"), Ids.REGION),
                                     Select(id=Ids.REGION, options=options, value=state.region or "")], md=4),
                      className="mb-3"),
        html.P(summary, id=Ids.SUMMARY, className="lead", **{"aria-live": "polite"}),
        html.Div(cards, id=Ids.CONTENT),
        dcc.Store(id=Ids.STATE, data=financing.query(state, store)),
        html.Div(id=Ids.URL_SINK, hidden=True),
    ])


@callback(Output(Ids.CONTENT, "children"), Output(Ids.SUMMARY, "children"), Output(Ids.MESSAGES, "children"),
          Output(Ids.STATE, "data"), Input(Ids.REGION, "value"), prevent_initial_call=True)
def update(region: str | None) -> tuple:
    store = data.current()
    state, problems = financing.parse({"region": region or ""}, store)
    cards, summary = render(store, state)
    return cards, summary, page_messages(store, problems), financing.query(state, store)


clientside_callback(
    ClientsideFunction("citySdg", "pushQuery"),
    Output(Ids.URL_SINK, "className"),
    Input(Ids.STATE, "data"),
)
