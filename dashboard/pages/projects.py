"""Innovation projects: where they are, which goals they serve, how they are paid for and contracted."""

from __future__ import annotations

import functools
from collections.abc import Callable

import dash
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html

from dashboard import data
from dashboard.cache import state_pairs, view_answer
from dashboard.chrome import (
    folding_filters,
    page_messages,
    table_payload,
    table_when_opened,
    toggle_fold,
    view_card,
    without_projects,
)
from dashboard.pages.projects_controls import CONTROLS, Ids, controls, place_options
from dashboard.widgets import Select
from layouts import bootstrap, i18n, projects, projects_cards, projects_text, ranking
from layouts.i18n import _, ngettext
from loaders.store import StoreData
from views import projects as project_views
from views.params import download_url

dash.register_page(__name__, path="/projects", title=lambda: _("City SDG Dashboard: projects"),
                   name="Projects")


def current() -> tuple[StoreData, projects.Catalogue]:
    """The store and its prepared catalogue (built once per store version)."""
    store = data.current()
    return store, project_views.context(store)


def parse(raw: dict, cat: projects.Catalogue) -> tuple[projects.Filters, list[str]]:
    return project_views.parse(raw, cat)


def render(store: StoreData, cat: projects.Catalogue, f: projects.Filters,
           sel: projects.Selection | None = None) -> dict:
    """What the filters change besides the table: overview sentence, map card and chart cards (`sel`:
    the selection of `f`, when made already)."""
    sel = projects.select(cat, f) if sel is None else sel  # once for the overview, map, charts, table
    drawn = project_views.drawn_charts(cat)
    charts = project_views.charts(store, f, drawn, sel=sel, with_tables=False)  # each sent when opened
    left_out = project_views.left_out_sentence(cat)
    return {"overview": projects_text.overview(sel, len(cat.projects)),
            # the places table is sent when its reader opens it (`map_table`): at 1,000 places it
            # was 230 kB of each answer, more than the map
            "map": view_card(project_views.project_map(store, f, sel, with_table=False), "projects-map",
                             Ids.MAP, table_id=Ids.MAP_TABLE, table_later=True,
                             table_summary_id=Ids.MAP_TABLE_OPEN),
            # each chart's table too (`chart_table`): five tables were a quarter of each answer
            "charts": [bootstrap.row([bootstrap.col(view_card(view, ids.chart, table_id=ids.table,
                                                              table_later=True, table_summary_id=ids.opener),
                                                    lg=6 if len(drawn) > 1 else 12)  # one alone: the width
                                      for view, ids in zip(charts, (CHART_TABLE[name] for name in drawn),
                                                           strict=True)],
                                     className="g-3"),
                       *([html.P(left_out, className="text-muted mt-2")] if left_out else [])]}


class ChartTable:
    """The ids of one chart's table sent when opened (`chart`: its name in project_views.CHARTS):
    the table's area, its <summary>, and the stores of the state asked for and the table sent.
    A plain class: Dash loads a page's module under a name of its own, where a dataclass fails."""

    def __init__(self, chart: str):
        self.chart = chart
        self.table, self.opener, self.ask, self.data = (f"{chart}-table{part}"
                                                         for part in ("", "-open", "-ask", "-data"))


CHART_TABLES = [ChartTable(name) for name in project_views.CHARTS]
CHART_TABLE = {ids.chart: ids for ids in CHART_TABLES}


PAGER = (Ids.FIRST, Ids.PREVIOUS, Ids.NEXT, Ids.LAST)
SEARCH_PAUSE = 0.6
"""Seconds of no typing after which the search box's words search the table (or Enter at once)."""
TABLE_CONTROLS = (Ids.SORT, Ids.SEARCH, *PAGER)
"""The table's own controls: a change of one of them changes the table only."""
def table_part(cat: projects.Catalogue, sel: projects.Selection, sort: str, search: str, page: int) -> tuple:
    """A page of the table of matching projects: (the sentence saying which, the table, the page
    number, and whether each page button leads nowhere: first, previous, next, last)."""
    shown = projects_cards.table_page(cat, sel, sort, search, page)
    first, last = shown.page <= 1, shown.page >= shown.pages
    return (projects_cards.table_status(shown, search),
            projects_cards.projects_table(cat, shown, Ids.TABLE, sort),
            shown.page, first, first, last, last)


def table_card(cat: projects.Catalogue, sel: projects.Selection, sort: str, search: str, page: int) -> list:
    """The table's own controls (a search in titles and places, the order), the sentence saying which
    projects it shows, the page asked for and the buttons to page through the rest."""
    status, table, page, *ends = table_part(cat, sel, sort, search, page)
    offered = projects_cards.offered_sorts(cat)
    orders = [{"label": _(words), "value": key} for key, (words, _columns) in projects_cards.SORTS.items()
              if key in offered]
    return [
        html.P(projects_cards.phone_hint(cat), className="small text-muted d-sm-none mb-2"),
        bootstrap.row([
            bootstrap.col([bootstrap.field_label(_("Search titles and places"), Ids.SEARCH),
                           dcc.Input(id=Ids.SEARCH, type="search", value=search, debounce=SEARCH_PAUSE,
                                     maxLength=projects_cards.SEARCH_LENGTH, className="form-control")],
                          md=6),
            bootstrap.col([bootstrap.field_label(_("Order"), Ids.SORT),
                           Select(id=Ids.SORT, options=orders, value=sort)], md=6),
        ], className="g-2 mb-2"),
        # the page buttons move the focus here (`citySdg.revealPage`), the top of the new page
        html.P(status, id=Ids.TABLE_STATUS, className="small mb-1", tabIndex="-1", **{"aria-live": "polite"}),
        html.Div(table, id=Ids.TABLE_AREA),
        html.Nav([html.Button(words, id=button, type="button", disabled=end,
                              className="btn btn-outline-primary btn-sm")
                  for words, button, end in zip(
                      (_("First page"), _("Previous page"), _("Next page"), _("Last page")), PAGER, ends,
                      strict=True)],
                 className="d-flex flex-wrap gap-2", **{"aria-label": _("Pages of the table")}),
        dcc.Store(id=Ids.TABLE_PAGE, data=page), html.Div(id=Ids.TABLE_SINK, hidden=True),
    ]


def layout(**query: str) -> html.Div:
    store, cat = current()
    if cat.projects.empty:
        return without_projects(_("Innovation projects"))
    f, problems = parse(query, cat)
    sel = projects.select(cat, f)
    (sort, search, page), table_problems = project_views.table_state(query, cat, sel)
    parts = render(store, cat, f, sel)
    picker = html.Div([
        bootstrap.label(_("Projects in the selected place"), Ids.PICK, id=Ids.PICK_LABEL,
                        className="form-label mb-1"),
        Select(id=Ids.PICK, options=[], value=None, className="form-select mb-2"),
    ], id=Ids.PICK_BOX, hidden=True)
    downloads = html.Div([
        *download_links(project_views.to_query(f, cat)),
        " ", html.Span(_("every project that matches the filters above, from the open data API (the "
                         "table's own search and order only change the table)."),
                       className="small text-muted"),
    ], className="mb-2")
    return html.Div([
        html.Div(page_messages(store, problems + table_problems), id=Ids.MESSAGES),
        html.H1(_("Innovation projects"), className="h3"),
        html.P(projects_text.intro(projects.stated(cat))),
        *folding_filters(controls(f, cat), Ids.FILTERS, Ids.TOGGLE),
        html.P(parts["overview"], id=Ids.OVERVIEW, className="lead", **{"aria-live": "polite"}),
        bootstrap.row([
            bootstrap.col(html.Div(parts["map"], id=Ids.MAP_AREA), lg=8),
            # not a live region: arrowing through the picker read each whole card (2,400 characters)
            # aloud; the status line says which project is shown (clientside `reveal`)
            bootstrap.col(html.Section([
                html.H2(_("Project details"), className="h5"), picker,
                html.P(id=Ids.CARD_STATUS, className="visually-hidden", **{"aria-live": "polite"}),
                html.Div(html.P(_("Select a place on the map, or a project's title in the table."),
                                className="text-muted"), id=Ids.CARD)], id=Ids.DETAILS), lg=4),
        ], className="g-3"),
        html.Div(parts["charts"], id=Ids.CHARTS),
        bootstrap.card([
            html.H2(_("All matching projects"), className="h5"), downloads,
            *table_card(cat, sel, sort, search, page)], className="mb-3"),
        dcc.Store(id=Ids.STATE, data={**project_views.to_query(f, cat),
                                      **project_views.table_query(cat, sort, search, page)}),
        dcc.Store(id=Ids.MAP_TABLE_DATA), dcc.Store(id=Ids.MAP_TABLE_ASK),
        *(dcc.Store(id=store_id) for ids in CHART_TABLES for store_id in (ids.data, ids.ask)),
        html.Div(id=Ids.URL_SINK, hidden=True),
        html.Div(id=Ids.CARD_SINK, hidden=True),
    ])


toggle_fold(Ids.FILTERS, Ids.TOGGLE)


@callback(Output(Ids.MAP_TABLE_DATA, "data"), Input(Ids.MAP_TABLE_ASK, "data"), prevent_initial_call=True)
def map_table(query: dict | None) -> dict | None:
    """The places table of the projects shown, as data for assets/tables.js, once it is opened."""
    store, cat = current()
    f, _problems = parse(query if isinstance(query, dict) else {}, cat)
    return view_answer("projects-map-table", store.version, f, lambda: map_table_answer(store, cat, f))


def map_table_answer(store: StoreData, cat: projects.Catalogue, f: projects.Filters) -> dict | None:
    payload = table_payload(project_views.map_table(store, f))
    return None if payload is None else {**payload, "query": project_views.to_query(f, cat)}


table_when_opened(Ids.MAP_TABLE_OPEN, Ids.STATE, Ids.MAP_TABLE_ASK, Ids.MAP_TABLE, Ids.MAP_TABLE_DATA)


def chart_table(name: str, query: dict | None) -> dict | None:
    """The table of chart `name` for the projects shown, as data for assets/tables.js, once opened."""
    store, cat = current()
    f, _problems = parse(query if isinstance(query, dict) else {}, cat)
    return view_answer(ChartTable(name).table, store.version, f,
                       lambda: chart_table_answer(store, cat, f, name))


def chart_table_answer(store: StoreData, cat: projects.Catalogue, f: projects.Filters,
                       name: str) -> dict | None:
    payload = table_payload(project_views.charts(store, f, (name,))[0].table)
    return None if payload is None else {**payload, "query": project_views.to_query(f, cat)}


def chart_table_callback(name: str) -> Callable[[dict | None], dict | None]:
    def answer(query: dict | None) -> dict | None:
        return chart_table(name, query)
    answer.__name__ = f"chart_table_{name.replace('-', '_')}"
    return answer


for _ids in CHART_TABLES:
    callback(Output(_ids.data, "data"), Input(_ids.ask, "data"), prevent_initial_call=True)(
        chart_table_callback(_ids.chart))
    table_when_opened(_ids.opener, Ids.STATE, _ids.ask, _ids.table, _ids.data)


def triggered() -> object:
    """The id of the control whose change called the callback; None when it was called as a
    function (the tests, a page asking for the first state)."""
    try:
        return ctx.triggered_id
    except dash.exceptions.MissingCallbackContextException:
        return None


@callback(
    Output(Ids.OVERVIEW, "children"), Output(Ids.MAP_AREA, "children"), Output(Ids.CHARTS, "children"),
    Output(Ids.MESSAGES, "children"), Output(Ids.STATE, "data"),
    Output(Ids.TABLE_STATUS, "children"), Output(Ids.TABLE_AREA, "children"), Output(Ids.TABLE_PAGE, "data"),
    *(Output(button, "disabled") for button in PAGER),
    inputs={**{key: Input(cid, "value") for key, cid in CONTROLS.items()},
            "sort": Input(Ids.SORT, "value"), "search": Input(Ids.SEARCH, "value"),
            "pager": [Input(button, "n_clicks") for button in PAGER]},
    state={"page": State(Ids.TABLE_PAGE, "data")},
    prevent_initial_call=True,
)
def update(sort: str | None = None, search: str | None = None, pager: list | None = None,
           page: int | None = None, **values) -> tuple:
    """A filter's change redraws everything and shows the table's first page; a change of the
    table's search or order shows its first page, a page button the first, the one before or after,
    or the last."""
    store, cat = current()
    f, problems = parse(values, cat)
    trigger = triggered()
    most = project_views.page_count(cat)
    current_page = min(max(1, page), most) if isinstance(page, int) and not isinstance(page, bool) else 1
    asked = {Ids.FIRST: 1, Ids.PREVIOUS: max(1, current_page - 1), Ids.NEXT: min(most, current_page + 1),
             Ids.LAST: most}.get(trigger, 1) if isinstance(trigger, str) else 1
    (sort, search, _page), _problems = project_views.table_state(
        {"sort": sort if isinstance(sort, str) else "", "q": search if isinstance(search, str) else ""}, cat)
    selection = functools.cache(lambda: projects.select(cat, f))  # once, if either answer is not cached
    table = view_answer("projects-table", store.version,
                        [*state_pairs(f), ("sort", sort), ("search", search), ("page", asked)],
                        lambda: table_part(cat, selection(), sort, search, asked))
    address = {**project_views.to_query(f, cat), **project_views.table_query(cat, sort, search, table[2])}
    if trigger in TABLE_CONTROLS:
        return (dash.no_update,) * 4 + (address,) + tuple(table)
    parts = view_answer("projects-filter", store.version, f, lambda: render(store, cat, f, selection()))
    return (parts["overview"], parts["map"], parts["charts"], page_messages(store, problems), address, *table)


@callback(Output(Ids.PLACE, "options"), Output(Ids.PLACE_FOUND, "children"), Input(Ids.PLACE_FIND, "value"),
          State(Ids.PLACE, "value"), prevent_initial_call=True)
def find_places(typed: object, chosen: object) -> tuple[list[dict], str]:
    """The place filter's options for what the reader typed in the box above it (a national store's:
    the box is hidden where every place is listed): "All places", the chosen place, then up to
    `ranking.PLACE_MATCHES` places whose name holds every word typed, and a sentence saying how many
    (the chosen place counted when it is among them)."""
    _store, cat = current()
    if len(cat.places) <= ranking.PLACE_LIST:
        raise dash.exceptions.PreventUpdate
    kept = [chosen] if isinstance(chosen, str) and chosen else []
    found = cat.places["place_id"].iloc[ranking.holding(folded_places(cat), typed)].tolist()
    others = [p for p in found if p not in kept][:ranking.PLACE_MATCHES]
    listed = len(others) + sum(p in kept for p in found)
    if not isinstance(typed, str) or not typed.strip():
        said = _("Type a name: the places found are listed in the choice below.")
    elif not found:
        said = _("No place matches '{typed}'. Try fewer letters.").format(typed=typed[:ranking.MAX_TYPED])
    elif len(found) > listed:
        said = _("The first {shown} of {count} places found are listed below; more letters find "
                 "fewer.").format(shown=i18n.integer(listed), count=i18n.integer(len(found)))
    else:
        said = ngettext("{count} place found, listed below.", "{count} places found, listed below.",
                        len(found)).format(count=i18n.integer(len(found)))
    return place_options(cat, kept + others), said


def folded_places(cat: projects.Catalogue) -> list[str]:
    """The places' labels as a search compares them, once per catalogue (a data version)."""
    memo = projects.kept(cat)
    if "folded labels" not in memo:
        memo["folded labels"] = [ranking.folded(label) for label in cat.places["label"].tolist()]
    return memo["folded labels"]


def picker(query: dict | None, place_id: str | None, project_id: str | None = None) -> tuple:
    """The matching projects of a place (the clicked one, or the chosen project's) for the project select."""
    _store, cat = current()
    chosen = cat.projects[cat.projects["project_id"] == project_id]
    place_id = chosen["place_id"].iloc[0] if len(chosen) else place_id
    sel = projects.select(cat, parse(query or {}, cat)[0]).projects
    mine = sel[sel["place_id"] == place_id]
    if mine.empty and chosen.empty:
        raise dash.exceptions.PreventUpdate
    mine = pd.concat([chosen, mine]).drop_duplicates("project_id") if len(chosen) else mine
    name = mine["place_name"].iloc[0]
    options = [{"label": t, "value": i} for t, i in zip(mine["title"], mine["project_id"], strict=True)]
    label = ngettext("Projects in {place} ({count})", "Projects in {place} ({count})", len(mine)).format(
        place=name, count=i18n.integer(len(mine)))
    return options, mine["project_id"].iloc[0], label, False


@callback(
    Output(Ids.PICK, "options"), Output(Ids.PICK, "value"), Output(Ids.PICK_LABEL, "children"),
    Output(Ids.PICK_BOX, "hidden"),
    Input(Ids.MAP, "clickData"), Input(Ids.TABLE, "chosen"), State(Ids.STATE, "data"),
    prevent_initial_call=True,
)
def pick(click: dict | None, chosen: dict | None, query: dict | None) -> tuple:
    if ctx.triggered_id == Ids.TABLE:  # a project's title in the table (`StaticTree.chosen`)
        if not isinstance(chosen, dict) or not isinstance(chosen.get("value"), str):
            raise dash.exceptions.PreventUpdate
        return picker(query, None, chosen["value"])
    point = (click or {}).get("points", [{}])[0]
    return picker(query, (point.get("customdata") or [None])[0])


@callback(Output(Ids.CARD, "children"), Input(Ids.PICK, "value"), prevent_initial_call=True)
def show(project_id: str | None):
    _store, cat = current()
    rows = cat.projects[cat.projects["project_id"] == project_id]
    if rows.empty:
        raise dash.exceptions.PreventUpdate
    return projects_cards.project_card(rows.iloc[0].to_dict())


# A page button at the table's foot shows the new page from its top (on a phone 25 cards above).
clientside_callback(
    ClientsideFunction("citySdg", "revealPage"),
    Output(Ids.TABLE_SINK, "className"),
    *(Input(button, "n_clicks") for button in PAGER),
    State(Ids.TABLE_STATUS, "id"),
    prevent_initial_call=True,
)


# A card chosen from the table, far below it on a phone, comes into view.
clientside_callback(
    ClientsideFunction("citySdg", "reveal"),
    Output(Ids.CARD_SINK, "className"),
    Input(Ids.CARD, "children"),
    State(Ids.DETAILS, "id"),
    prevent_initial_call=True,
)


def download_links(query: dict) -> list[html.A]:
    """CSV and JSON of the matching projects, straight from the API, in the page's language."""
    return [html.A(_("Download CSV"), id=Ids.CSV, href=i18n.href(download_url("projects", query, "csv")),
                   className="btn btn-outline-primary me-2", download=""),
            html.A(_("Download JSON"), id=Ids.JSON, href=i18n.href(download_url("projects", query, "json")),
                   className="btn btn-outline-primary", download="")]


@callback(Output(Ids.CSV, "href"), Output(Ids.JSON, "href"), Input(Ids.STATE, "data"),
          prevent_initial_call=True)
def update_downloads(query: dict | None) -> tuple[str, str]:
    table_keys = project_views.TABLE_DECLARATION.names  # the table's own state: not the downloads'
    filters = {key: value for key, value in (query or {}).items() if key not in table_keys}
    return tuple(link.href for link in download_links(filters))


clientside_callback(
    ClientsideFunction("citySdg", "pushQuery"),
    Output(Ids.URL_SINK, "className"),
    Input(Ids.STATE, "data"),
)
