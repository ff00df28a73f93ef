"""The city profile: goal tiles, index and peers, every indicator with its trend, projects."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.chrome import chart_card, page_messages
from dashboard.query import Query
from layouts import city, districts, summaries, views
from layouts.reference import goals, text
from layouts.tables import data_table

dash.register_page(__name__, path_template="/city/<place_id>", title="City profile",
                   name="City")


class Ids:
    INDICATOR = "city-indicator"
    TREND = "city-trend"
    TREND_SUMMARY = "city-trend-summary"
    TREND_TABLE = "city-trend-table"
    COMPARE = "city-compare"
    COMPARE_OUT = "city-compare-out"
    YEAR = "city-year"


def header(place: pd.Series, index_row, peers: pd.DataFrame) -> html.Div:
    facts = [text(place["country_iso3"]), text(place["un_subregion"])]
    if not pd.isna(place["population"]):
        facts.append(f"population {place['population']:,.0f}")
    badges = []
    if index_row is not None:
        badges.append(dbc.Badge(f"SDG Index {index_row['score']:.1f}", color="dark", className="me-2"))
        if not pd.isna(index_row["rank"]):
            badges.append(dbc.Badge(f"rank {int(index_row['rank'])}", color="secondary",
                                    className="me-2"))
    for row in peers.itertuples(index=False):
        group = "its UN subregion" if row.peer_group == "un_subregion" else "cities of its size"
        badges.append(html.Span(
            f"Better than {row.percentile:.0f}% of {group} ({row.n_peers} places). ",
            className="me-2"))
    return html.Div([html.H1(place["name"], className="h3"),
                     html.P(" · ".join(f for f in facts if f), className="text-muted"),
                     html.Div(badges, className="mb-2")])


def trend_view(store, place_id: str, indicator_id: str, year: int):
    obs = store.observations
    series = obs[(obs["place_id"] == place_id) & (obs["indicator_id"] == indicator_id)
                 & (obs["breakdown"] == "") & (obs["year"] <= year)].sort_values("year")
    meta = store.indicators.set_index("indicator_id").loc[indicator_id]
    bounds = store.tables["bounds"].set_index("indicator_id")
    green = bounds["green_threshold"].get(indicator_id)
    history = series.set_index("year")["value"]
    figure = city.trend_figure(history, meta["name"], meta["unit"], meta["target_value"], green)
    unit = text(meta["unit"]) or "no unit"
    if history.empty:
        sentence = f"No values of {meta['name']} for this place."
    else:
        sentence = (f"{meta['name']}: {history.iloc[0]:,.4g} in {history.index[0]}, "
                    f"{history.iloc[-1]:,.4g} in {history.index[-1]} ({unit}).")
    table = data_table(series[["year", "value", "flag"]].rename(
        columns={"year": "Year", "value": "Value", "flag": "Flag"}), f"{meta['name']} by year")
    return figure, sentence, table


def compare_view(store, place_id: str, others: list[str], year: int):
    ids = [place_id, *others]
    frame = city.compare_frame(store, ids, year)
    figure = go.Figure([go.Bar(y=frame["Goal"], x=frame[c], name=c, orientation="h",
                               text=frame[c].round(0), textposition="outside")
                        for c in frame.columns[1:]])
    figure.update_layout(barmode="group", height=640, margin={"l": 10, "r": 10, "t": 40, "b": 30},
                         title={"text": f"Goal scores, {year}", "x": 0.01},
                         yaxis={"autorange": "reversed"}, xaxis={"range": [0, 110]},
                         legend={"orientation": "h", "y": -0.05})
    names = ", ".join(frame.columns[1:])
    return chart_card(dcc.Graph(figure=figure, config={"displaylogo": False}),
                      html.P(f"Goal scores of {names} in {year}, side by side."),
                      data_table(frame, f"Goal scores, {year}"))


def layout(place_id: str | None = None, **query: str) -> html.Div:
    store = data.current()
    places = store.places.set_index("place_id")
    if place_id not in places.index:
        message = f"There is no place '{place_id}' in this data. Choose one on the map."
        return html.Div([page_messages(store, []), dbc.Alert(message, color="warning"),
                         dcc.Link("Back to the map", href="/")])
    place = places.loc[place_id]
    years = views.years(store)
    q = Query(query)
    year = q.integer("year", years[0], years[-1], years[-1])
    rows = city.indicator_rows(store, place_id, year)
    indicator_ids = rows["indicator_id"].tolist() if len(rows) else []
    indicator = q.text("indicator", indicator_ids, indicator_ids[0] if indicator_ids else None)
    peers = city.peer_table(store, place_id, year)
    others = [p for p in peers["place_id"] if p != place_id]
    compare = q.many("compare", others)[:3]

    goal_scores = store.tables["goal_scores"]
    goal_rows = goal_scores[(goal_scores["place_id"] == place_id) & (goal_scores["year"] == year)]
    index = store.tables["index"]
    index_rows = index[(index["place_id"] == place_id) & (index["year"] == year)]
    index_row = index_rows.iloc[0] if len(index_rows) else None
    peer_rows = store.tables["peers"]
    peer_rows = peer_rows[(peer_rows["place_id"] == place_id) & (peer_rows["year"] == year)]
    project_counts = project_goal_counts(store, place_id)
    target_counts = city.target_project_counts(
        store.projects[store.projects["place_id"] == place_id])

    sections = [page_messages(store, q.problems), header(place, index_row, peer_rows),
                html.P(summaries.city_summary(place["name"], goal_rows, index_row),
                       className="lead city-summary"),
                html.H2(f"The 17 goals in {year}", className="h4"),
                city.goal_tiles(goal_rows, project_counts)]
    if indicator:
        figure, text, table = trend_view(store, place_id, indicator, year)
        options = [{"label": n, "value": i} for i, n in zip(rows["indicator_id"], rows["name"],
                                                              strict=True)]
        sections += [
            html.H2("One indicator over time", className="h4 mt-4"),
            dbc.Label("Indicator", html_for=Ids.INDICATOR),
            dbc.Select(id=Ids.INDICATOR, options=options, value=indicator, className="mb-2"),
            chart_card(dcc.Graph(id=Ids.TREND, figure=figure, config={"displaylogo": False}),
                       html.P(text, id=Ids.TREND_SUMMARY), html.Div(table, id=Ids.TREND_TABLE)),
        ]
    map_section = districts.district_section(store, place_id, year)
    if map_section is not None:
        sections.append(map_section)
    sections.append(html.H2("Indicators by goal", className="h4 mt-4"))
    for goal in sorted(rows["goal"].dropna().unique()) if len(rows) else []:
        goal = int(goal)
        sections += [html.H3(f"Goal {goal}: {goals().loc[goal, 'name']}", id=f"goal-{goal}",
                             className="h5 mt-3"),
                     projects_link(place_id, goal, project_counts.get(goal, 0)),
                     html.Div(city.indicator_table(rows, goal, place_id, target_counts),
                              className="table-responsive")]
    sections += project_section(store, place_id)
    peer_list = peers.assign(link="/city/" + peers["place_id"]).rename(columns={
        "name": "Place", "country_iso3": "Country", "population": "Population",
        "score": "SDG Index", "rank": "Rank"})
    sections += [
        html.H2(f"Peers in {place['un_subregion']}", className="h4 mt-4"),
        data_table(peer_list[["Place", "Country", "Population", "SDG Index", "Rank", "link"]],
                   "Cities in the same UN subregion", links={"Place": "link"}),
        dbc.Label("Compare side by side with (up to 3)", html_for=Ids.COMPARE),
        dbc.Checklist(id=Ids.COMPARE, value=compare, inline=True,
                      options=[{"label": places.loc[p, "name"], "value": p} for p in others]),
        html.Div(compare_view(store, place_id, compare, year) if compare else None,
                 id=Ids.COMPARE_OUT, className="mt-2"),
        dcc.Store(id=Ids.YEAR, data={"place_id": place_id, "year": year}),
    ]
    return html.Div(sections)


def projects_link(place_id: str, goal: int, count: int):
    if not count:
        return html.P("No project in this data addresses this goal.", className="small")
    words = "1 project addresses" if count == 1 else f"{count} projects address"
    return html.P(dcc.Link(f"{words} this goal", href=f"/projects?place={place_id}&goal={goal}"),
                  className="small")


def project_section(store, place_id: str) -> list:
    mine = store.projects[store.projects["place_id"] == place_id]
    if mine.empty:
        return []
    listing = mine.assign(Goals=mine["goals"].str.replace(";", ", "))[
        ["title", "Goals", "theme", "status", "budget_usd"]].rename(columns={
            "title": "Project", "theme": "Theme", "status": "Status", "budget_usd": "Budget (USD)"})
    return [
        html.H2(f"Innovation projects ({len(mine)})", className="h4 mt-4"),
        data_table(listing, "Projects in this city"),
        dcc.Link("See them on the projects page", href=f"/projects?place={place_id}"),
    ]


def project_goal_counts(store, place_id: str) -> dict[int, int]:
    projects = store.projects[store.projects["place_id"] == place_id]
    goals_listed = projects["goals"].dropna().str.split(";").explode()
    numbers = pd.to_numeric(goals_listed, errors="coerce").dropna().astype(int)
    return numbers.value_counts().to_dict()


@callback(Output(Ids.TREND, "figure"), Output(Ids.TREND_SUMMARY, "children"),
          Output(Ids.TREND_TABLE, "children"), Input(Ids.INDICATOR, "value"),
          Input(Ids.YEAR, "data"), prevent_initial_call=True)
def update_trend(indicator_id: str, context: dict):
    return trend_view(data.current(), context["place_id"], indicator_id, context["year"])


@callback(Output(Ids.COMPARE_OUT, "children"), Input(Ids.COMPARE, "value"),
          Input(Ids.YEAR, "data"), prevent_initial_call=True)
def update_compare(others: list[str] | None, context: dict):
    others = (others or [])[:3]
    if not others:
        return None
    return compare_view(data.current(), context["place_id"], others, context["year"])


clientside_callback(
    """(indicator, compare, context) => window.citySdg.pushQuery(
        {year: context.year, indicator: indicator, compare: compare})""",
    Output(Ids.COMPARE_OUT, "className"),
    Input(Ids.INDICATOR, "value"), Input(Ids.COMPARE, "value"), Input(Ids.YEAR, "data"),
    prevent_initial_call=True,
)
