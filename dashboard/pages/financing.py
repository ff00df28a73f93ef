"""Financing and procurement for analysts: how a region's projects are paid for and contracted, and which
goals rated red get the least."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.chrome import chart_card, page_messages
from dashboard.query import Query
from layouts import i18n, names, projects
from layouts import projects_figures as figures
from layouts.i18n import _
from layouts.reference import goal_label
from layouts.tables import data_table
from loaders.store import StoreData

dash.register_page(__name__, path="/projects/financing", name="Financing",
                   title=lambda: _("City SDG Dashboard: financing and procurement"))


class Ids:
    REGION = "financing-region"
    MESSAGES = "financing-messages"
    CONTENT = "financing-content"
    SUMMARY = "financing-summary"
    URL_SINK = "financing-url-sink"


NO_SCORES = pd.DataFrame({"place_id": pd.Series(dtype="string"), "goal": pd.Series(dtype="int64"),
                          "year": pd.Series(dtype="int64"), "colour": pd.Series(dtype="string")})


def current() -> tuple[StoreData, projects.Catalogue]:
    """The store and its prepared catalogue, both built once per store version."""
    return data.current_with(projects.store_catalogue)


def regions(cat: projects.Catalogue) -> list[str]:
    return sorted(cat.places["un_region"].dropna().unique())


def graph(title: str, figure) -> html.Div:
    return html.Div([html.H2(title, className="h5"), dcc.Graph(
        figure=figure, config=figures.GRAPH_CONFIG, responsive=True,
        style={"height": f"{figure['layout']['height']}px"})])


def mix_table(frame: pd.DataFrame, column: str, header: str, caption: str):
    shown = pd.DataFrame({header: figures.shown(frame, column), _("Projects"): frame["projects"].to_numpy(),
                          _("Budget"): frame["budget_usd"].map(projects.usd).to_numpy(),
                          _("% of budget"): [projects.share(s, 1) for s in frame["budget_share"]]})
    return data_table(shown, caption)


def gap_table(gaps: pd.DataFrame, year: int | None):
    shown = pd.DataFrame({
        _("Goal"): gaps["goal"].map(goal_label), _("Projects"): gaps["projects"],
        _("Budget"): gaps["budget_usd"].map(projects.usd),
        _("% of budget"): gaps["budget_share"].map(lambda s: projects.share(s, 1)),
        _("Places rated"): gaps["places_rated"], _("Places red"): gaps["places_red"],
        _("% red"): gaps["red_share"].map(projects.share),
        _("Flag"): gaps["flagged"].map({True: _("red, few projects"), False: ""})})
    if year is None:
        caption = _("Goals by funding gap (no ratings): share of places rated red against share of budget")
    else:
        caption = _("Goals by funding gap ({year}): share of places rated red against share of "
                    "budget").format(year=year)
    return data_table(shown, caption)


FINANCING_CHARTS = ("financing-gaps", "financing-sources", "financing-methods")
"""The page's charts as embeds, in the order `parts` gives them."""


def parts(store: StoreData, cat: projects.Catalogue, region: str | None) -> tuple[list[tuple], str]:
    """(title, figure, summary, table, hint) of each chart for a UN region (None = every place),
    and the page's summary sentence; the page and its embeds draw these."""
    sel = projects.select(cat, projects.Filters(region=region))
    region_name = names.region(region) if region else None
    places = cat.places if region is None else cat.places[cat.places["un_region"] == region]
    scores = store.tables.get("goal_scores")
    gaps, year = projects.goal_gaps(sel, NO_SCORES if scores is None else scores, places["place_id"])
    funding, methods = projects.by_funding(sel), projects.by_procurement(sel)
    charts = [
        (_("Which goals get funded least, relative to their rating"), figures.gap_scatter(gaps),
         projects.gap_summary(gaps, year, region_name), gap_table(gaps, year),
         _("Below the dotted line a goal's share of the budget is smaller than its share of places "
           "rated red. A cross marks a goal where a quarter or more of places are red and projects "
           "number under half the mean per goal.")),
        (_("Share of budget by funding source"), figures.budget_share_bars(funding, "source"),
         projects.budget_summary(funding, "source"),
         mix_table(funding, "source", _("Source"), _("Budget by funding source")),
         _("A project with several sources has its budget shared equally among them.")),
        (_("Share of budget by procurement method"), figures.budget_share_bars(methods, "method"),
         projects.budget_summary(methods, "method"),
         mix_table(methods, "method", _("Method"), _("Budget by procurement method")), ""),
    ]
    return charts, projects.overview(sel, len(cat.projects), region_name)


def render(store: StoreData, cat: projects.Catalogue, region: str | None) -> tuple[list, str]:
    """The three cards for a UN region (None = every place), and the page's summary sentence."""
    charts, summary = parts(store, cat, region)
    cards = [chart_card(graph(title, figure), html.P(text), table, hint, embed=name)
             for (title, figure, text, table, hint), name in zip(charts, FINANCING_CHARTS, strict=True)]
    return [cards[0], dbc.Row([dbc.Col(cards[1], lg=6), dbc.Col(cards[2], lg=6)], className="g-3")], summary


def layout(**query: str) -> html.Div:
    store, cat = current()
    q = Query(query)
    region = q.text("region", regions(cat), None)
    cards, summary = render(store, cat, region)
    options = [{"label": _("All regions"), "value": ""}] + [{"label": names.region(r), "value": r}
                                                           for r in regions(cat)]
    return html.Div([
        html.Div(page_messages(store, q.problems), id=Ids.MESSAGES),
        html.H1(_("Financing and procurement"), className="h3"),
        html.P([_("How projects are paid for and contracted, and which goals rated red get the least."), " ",
                dcc.Link(_("Back to all projects"), href=i18n.href("/projects"))]),
        dbc.Row(dbc.Col([dbc.Label(_("UN region"), html_for=Ids.REGION, className="mb-1"),
                         dbc.Select(id=Ids.REGION, options=options, value=region or "",
                                    placeholder=_("All regions"))], md=4), className="mb-3"),
        html.P(summary, id=Ids.SUMMARY, className="lead", **{"aria-live": "polite"}),
        html.Div(cards, id=Ids.CONTENT),
        html.Div(id=Ids.URL_SINK, hidden=True),
    ])


@callback(Output(Ids.CONTENT, "children"), Output(Ids.SUMMARY, "children"), Output(Ids.MESSAGES, "children"),
          Input(Ids.REGION, "value"), prevent_initial_call=True)
def update(region: str | None) -> tuple:
    store, cat = current()
    q = Query({"region": region or ""})
    cards, summary = render(store, cat, q.text("region", regions(cat), None))
    return cards, summary, page_messages(store, q.problems)


clientside_callback(
    "(region) => window.citySdg.pushQuery({region: region || null})",
    Output(Ids.URL_SINK, "className"),
    Input(Ids.REGION, "value"),
    prevent_initial_call=True,
)
