"""The city profile: goal tiles, index and peers, every indicator with its trend, projects."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.chrome import chart_card, page_messages
from dashboard.embed.dialog import embed_button
from dashboard.query import Query
from layouts import city, districts, i18n, names, summaries, texts, views
from layouts.i18n import _, ngettext
from layouts.reference import goal_label
from layouts.tables import data_table
from layouts.vocabulary import label


def page_title(place_id: str | None = None) -> str:
    """The browser tab's title: the place's name when the path names a known place."""
    places = data.current().places.set_index("place_id")["name"]
    if place_id in places.index:
        return _("City SDG Dashboard: {place}").format(place=places[place_id])
    return _("City SDG Dashboard: city profile")


dash.register_page(__name__, path_template="/city/<place_id>", title=page_title, name="City")


class Ids:
    INDICATOR = "city-indicator"
    TREND = "city-trend"
    TREND_SUMMARY = "city-trend-summary"
    TREND_TABLE = "city-trend-table"
    COMPARE = "city-compare"
    COMPARE_OUT = "city-compare-out"
    YEAR = "city-year"


def peer_sentence(peer_group: str, percentile: float, count: int) -> str:
    share = i18n.percent(percentile / 100, 0)
    if peer_group == "un_subregion":
        message = ngettext("Better than {share} of its UN subregion ({count} place).",
                           "Better than {share} of its UN subregion ({count} places).", count)
    else:
        message = ngettext("Better than {share} of cities of its size ({count} place).",
                           "Better than {share} of cities of its size ({count} places).", count)
    return message.format(share=share, count=i18n.integer(count))


def header(place: pd.Series, index_row, peers: pd.DataFrame) -> html.Div:
    facts = [names.country(place["country_iso3"]), names.region(place["un_subregion"])]
    if not pd.isna(place["population"]):
        facts.append(_("population {count}").format(count=i18n.integer(place["population"])))
    badges = []
    if index_row is not None:
        badges.append(dbc.Badge(_("SDG Index {score}").format(score=i18n.number(index_row["score"])),
                                color="dark", className="me-2"))
        if not pd.isna(index_row["rank"]):
            badges.append(dbc.Badge(_("rank {rank}").format(rank=i18n.integer(index_row["rank"])),
                                    color="secondary", className="me-2"))
    for row in peers.itertuples(index=False):
        badges.append(html.Span([peer_sentence(row.peer_group, row.percentile, int(row.n_peers)), " "],
                                className="me-2"))
    return html.Div([html.H1(place["name"], className="h3"),
                     html.P(" · ".join(f for f in facts if f), className="text-muted"),
                     html.Div(badges, className="mb-2")])


def trend_view(store, place_id: str, indicator_id: str, year: int):
    obs = store.observations
    series = obs[(obs["place_id"] == place_id) & (obs["indicator_id"] == indicator_id)
                 & (obs["breakdown"] == "") & (obs["year"] <= year)].sort_values("year")
    meta = store.indicators.set_index("indicator_id").loc[indicator_id]
    shown = texts.indicator_texts(store).set_index("indicator_id").loc[indicator_id]
    name = texts.marked(shown["name"], shown["name_language"])
    unit = texts.marked(shown["unit"], shown["unit_language"])
    bounds = store.tables["bounds"].set_index("indicator_id")
    green = bounds["green_threshold"].get(indicator_id)
    history = series.set_index("year")["value"]
    figure = city.trend_figure(history, name, unit, meta["target_value"], green)
    if history.empty:
        sentence = _("No values of {indicator} for this place.").format(indicator=name)
    else:
        sentence = _("{indicator}: {first} in {first_year}, {last} in {last_year} ({unit}).").format(
            indicator=name, first=city.value_text(history.iloc[0]), first_year=int(history.index[0]),
            last=city.value_text(history.iloc[-1]), last_year=int(history.index[-1]),
            unit=unit or _("no unit"))
    listing = series.assign(value=series["value"].map(city.value_text))[["year", "value", "flag"]]
    table = data_table(listing.rename(columns={"year": _("Year"), "value": _("Value"), "flag": _("Flag")}),
                       _("{indicator} by year").format(indicator=name))
    return figure, sentence, table


def compare_view(store, place_id: str, others: list[str], year: int):
    title, figure, summary, table = compare_parts(store, place_id, others, year)
    return chart_card(dcc.Graph(figure=figure, config={"displaylogo": False}), html.P(summary), table,
                      embed="city-compare")


def compare_parts(store, place_id: str, others: list[str], year: int) -> tuple:
    """(title, figure, summary, table) of the side-by-side goal scores (the page's and the embed's)."""
    ids = [place_id, *others]
    frame = city.compare_frame(store, ids, year)
    places = list(frame.columns[1:])
    figure = go.Figure([go.Bar(y=frame["goal"], x=frame[c], name=c, orientation="h",
                               text=[i18n.number(v, 0) for v in frame[c]], textposition="outside")
                        for c in places])
    title = _("Goal scores, {year}").format(year=year)
    figure.update_layout(barmode="group", height=640, margin={"l": 10, "r": 10, "t": 40, "b": 30},
                         title={"text": title, "x": 0.01}, separators=i18n.separators(),
                         yaxis={"autorange": "reversed"}, xaxis={"range": [0, 110]},
                         legend={"orientation": "h", "y": -0.05})
    summary = _("Goal scores of {places} in {year}, side by side.").format(
        places=i18n.join(places), year=year)
    return title, figure, summary, data_table(frame.rename(columns={"goal": _("Goal")}), title)


def missing_place(store, place_id: str | None) -> html.Div:
    message = _("There is no place '{place}' in this data. Choose one on the map.").format(place=place_id)
    return html.Div([page_messages(store, []), dbc.Alert(message, color="warning"),
                     dcc.Link(_("Back to the map"), href=i18n.href("/"))])


def whole_number(value: object) -> str | None:
    return None if pd.isna(value) else i18n.integer(value)


def peer_listing(peers: pd.DataFrame) -> pd.DataFrame:
    """The peers table's visible columns in the reader's language, with each place's link."""
    listing = pd.DataFrame({
        _("Place"): peers["name"], _("Country"): peers["country_iso3"].map(names.country),
        _("Population"): peers["population"].map(whole_number), _("SDG Index"): peers["score"],
        _("Rank"): peers["rank"].map(whole_number), "link": "/city/" + peers["place_id"]})
    return listing


def layout(place_id: str | None = None, **query: str) -> html.Div:
    store = data.current()
    places = store.places.set_index("place_id")
    if place_id not in places.index:
        return missing_place(store, place_id)
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
                html.Div([html.H2(_("The 17 goals in {year}").format(year=year), className="h4 me-auto"),
                          embed_button("city-goals")], className="d-flex align-items-start gap-2"),
                city.goal_tiles(goal_rows, project_counts)]
    if indicator:
        figure, sentence, table = trend_view(store, place_id, indicator, year)
        options = [{"label": texts.marked(n, lang), "value": i} for i, n, lang in zip(
            rows["indicator_id"], rows["name"], rows["name_language"], strict=True)]
        sections += [
            html.H2(_("One indicator over time"), className="h4 mt-4"),
            dbc.Label(_("Indicator"), html_for=Ids.INDICATOR),
            dbc.Select(id=Ids.INDICATOR, options=options, value=indicator, className="mb-2"),
            chart_card(dcc.Graph(id=Ids.TREND, figure=figure, config={"displaylogo": False}),
                       html.P(sentence, id=Ids.TREND_SUMMARY), html.Div(table, id=Ids.TREND_TABLE),
                       embed="city-trend"),
        ]
    map_section = districts.district_section(store, place_id, year, embed_button("city-districts"))
    if map_section is not None:
        sections.append(map_section)
    sections.append(html.H2(_("Indicators by goal"), className="h4 mt-4"))
    for goal in sorted(rows["goal"].dropna().unique()) if len(rows) else []:
        goal = int(goal)
        sections += [html.H3(goal_label(goal), id=f"goal-{goal}", className="h5 mt-3"),
                     projects_link(place_id, goal, project_counts.get(goal, 0)),
                     html.Div(city.indicator_table(rows, goal, place_id, target_counts),
                              className="table-responsive")]
    sections += project_section(store, place_id)
    sections += [
        html.H2(_("Peers in {subregion}").format(subregion=names.region(place["un_subregion"])),
                className="h4 mt-4"),
        data_table(peer_listing(peers), _("Cities in the same UN subregion"),
                   links={_("Place"): "link"}),
        dbc.Label(_("Compare side by side with (up to 3)"), html_for=Ids.COMPARE),
        dbc.Checklist(id=Ids.COMPARE, value=compare, inline=True,
                      options=[{"label": places.loc[p, "name"], "value": p} for p in others]),
        html.Div(compare_view(store, place_id, compare, year) if compare else None,
                 id=Ids.COMPARE_OUT, className="mt-2"),
        dcc.Store(id=Ids.YEAR, data={"place_id": place_id, "year": year}),
    ]
    return html.Div(sections)


def projects_link(place_id: str, goal: int, count: int):
    if not count:
        return html.P(_("No project in this data addresses this goal."), className="small")
    words = ngettext("{count} project addresses this goal", "{count} projects address this goal",
                     count).format(count=i18n.integer(count))
    return html.P(dcc.Link(words, href=i18n.href(f"/projects?place={place_id}&goal={goal}")),
                  className="small")


def project_section(store, place_id: str) -> list:
    mine = store.projects[store.projects["place_id"] == place_id]
    if mine.empty:
        return []
    goal_list = mine["goals"].fillna("").map(lambda g: i18n.join([n for n in g.split(";") if n]))
    listing = pd.DataFrame({
        _("Project"): mine["title"], _("Goals"): goal_list,
        _("Theme"): mine["theme"].map(lambda key: label("theme", key) or None),
        _("Status"): mine["status"].map(lambda key: label("status", key) or None),
        _("Budget"): mine["budget_usd"].map(lambda amount: i18n.money(amount, "USD") or None)})
    return [
        html.H2(_("Innovation projects ({count})").format(count=i18n.integer(len(mine))),
                className="h4 mt-4"),
        data_table(listing, _("Projects in this city")),
        dcc.Link(_("See them on the projects page"), href=i18n.href(f"/projects?place={place_id}")),
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
