"""Projects builders on tiny inline frames, and the projects pages' layouts and callbacks as functions."""

from __future__ import annotations

import json
import sys

import dash
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from layouts import i18n, ranking, static_svg, vocabulary
from layouts import projects as P
from layouts import projects_cards as C
from layouts import projects_figures as F
from layouts import projects_text as T
from layouts.static_tree import tree_html
from loaders.paths import DEMO_STORE
from loaders.projects.vocab import VOCABULARIES
from loaders.schema import empty
from tests.components import by_class, find, text, walk


def project(**values) -> dict:
    row = {"title": "A project", "summary": "", "goals": "11", "theme": "livelihoods", "status": "active",
           "start_date": "2022-01-01", "end_date": "2024-01-01", "budget": 100.0, "currency": "USD",
           "budget_usd": 100.0, "funding_sources": "municipal budget", "procurement_method": "open tender",
           "jobs_created": 1.0, "beneficiaries": 10.0, "lat": 0.0, "lon": 0.0, "url": "https://example.org"}
    return {**row, **values}


@pytest.fixture
def cat() -> P.Catalogue:
    rows = [
        project(project_id="p1", place_id="a", goals="1;11", budget_usd=300.0, status="active",
                funding_sources="municipal budget;private", start_date="2020-05-01"),
        project(project_id="p2", place_id="a", goals="11", budget_usd=100.0, status="completed",
                theme="financing", procurement_method="direct award", start_date="2021-02-01"),
        project(project_id="p3", place_id="b", goals="13", budget_usd=None, status=None, lat=5.0, lon=6.0,
                funding_sources="crowd money", procurement_method=None, start_date="2021-07-01"),
    ]
    projects = pd.concat([empty("projects"), pd.DataFrame(rows)]).astype(empty("projects").dtypes)
    places = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["Springfield", "Springfield", "Shelbyville"],
                           "kind": ["city", "city", "city"], "country_iso3": ["USA", "CAN", "USA"],
                           "un_region": ["Americas", "Americas", "Europe"], "lat": [1.0, None, 3.0],
                           "lon": [2.0, None, 4.0]})
    return P.catalogue(projects, places)


def test_catalogue_parses_lists_years_and_place_labels(cat):
    assert cat.goals[:, [0, 10, 12]].tolist() == [[True, True, False], [False, True, False],
                                                   [False, False, True]]
    assert cat.funding_names[-1] == "crowd money" and cat.funding[2, -1]
    assert cat.years == [2020, 2021]
    assert list(cat.places["label"]) == ["Shelbyville", "Springfield (CAN)", "Springfield (USA)"]
    assert list(cat.projects["status"]) == ["active", "completed", P.NOT_STATED]


@pytest.mark.parametrize(("filters", "expected"), [
    (P.Filters(), ["p1", "p2", "p3"]), (P.Filters(goal=11), ["p1", "p2"]),
    (P.Filters(goal=11, theme="financing"), ["p2"]),
    (P.Filters(status=("active", P.NOT_STATED)), ["p1", "p3"]),
    (P.Filters(funding="private"), ["p1"]), (P.Filters(procurement="direct award"), ["p2"]),
    (P.Filters(place="b"), ["p3"]), (P.Filters(region="Europe"), []), (P.Filters(start=2021), ["p2", "p3"]),
    (P.Filters(end=2020), ["p1"]), (P.Filters(budget_min=150), ["p1"]), (P.Filters(budget_max=150), ["p2"]),
])
def test_each_filter(cat, filters, expected):
    assert list(P.select(cat, filters).projects["project_id"]) == expected


def test_filters_query_uses_url_keys(cat):
    from views import projects as project_views

    assert project_views.to_query(P.Filters(goal=3, status=("active",), start=2020), cat) == {
        "goal": "3", "status": "active", "from": "2020"}


def test_tallies_share_budgets_among_goals_and_sources(cat):
    sel = P.select(cat, P.Filters())
    goals = P.by_goal(sel).set_index("goal")
    assert len(goals) == 17 and goals.loc[11, "projects"] == 2
    assert goals.loc[1, "budget_usd"] == 150 and goals.loc[11, "budget_usd"] == 250
    assert goals.loc[1, "colour"] == "#E5243B"
    funding = P.by_funding(sel).set_index("source")
    assert funding.loc["municipal budget", "projects"] == 2 and funding.loc["private", "budget_usd"] == 150
    assert funding["budget_share"].sum() == pytest.approx(100)
    methods = P.by_procurement(sel).set_index("method")
    assert methods.loc[P.NOT_STATED, "projects"] == 1
    themes = P.by_theme(sel)
    assert list(themes["theme"]) == ["livelihoods", "financing"] and themes["jobs_created"].sum() == 3
    years = P.by_year_status(sel)
    assert years.index.tolist() == [2020, 2021]
    assert list(years.columns) == ["active", "completed", P.NOT_STATED]


def test_places_carry_counts_words_and_a_position(cat):
    places = P.by_place(P.select(cat, P.Filters()), cat).set_index("place_id")
    assert places.loc["a", "projects"] == 2 and places.loc["a", "statuses"] == "1 active and 1 completed"
    assert places.loc["a", "name"] == "Springfield (USA)" and places.loc["a", "lat"] == 1.0
    assert places.loc["b", "lat"] == 5.0  # no place coordinates: the projects' own


def test_goal_gaps_flag_red_goals_with_few_projects(cat):
    scores = pd.DataFrame({"place_id": ["a", "b", "a", "b", "a"], "goal": [9, 9, 11, 11, 9],
                           "year": [2024, 2024, 2024, 2024, 2023],
                           "colour": ["red", "red", "red", "green", "green"]})
    gaps, year = P.goal_gaps(P.select(cat, P.Filters()), scores, pd.Series(["a", "b"]))
    gaps = gaps.set_index("goal")
    assert year == 2024
    assert gaps.loc[9, "red_share"] == 100 and gaps.loc[9, "flagged"]
    assert gaps.loc[11, "red_share"] == 50 and not gaps.loc[11, "flagged"]
    assert np.isnan(gaps.loc[5, "red_share"]) and not gaps.loc[5, "flagged"]
    assert "Goal 9 (100% red, 0 projects)" in T.gap_summary(gaps.reset_index(), year, "here")


def test_sentences(cat):
    sel = P.select(cat, P.Filters())
    assert T.overview(sel, 3).startswith("3 of 3 projects match, in 2 places.")
    assert T.overview(sel, 3, "the Americas").startswith("3 of 3 projects are in the Americas, in 2 places.")
    assert T.usd(1_250_000) == "$1,250,000" and T.usd(None) == "no USD figure"
    assert "No project serves goals" in T.goal_summary(P.by_goal(sel), 1)
    nothing = P.select(cat, P.Filters(region="Europe"))
    assert T.overview(nothing, 3) == "No project of the 3 in the store matches these filters."
    assert T.place_summary(P.by_place(nothing, cat)) == "No place has a matching project."
    assert T.year_summary(P.by_year_status(nothing)) == "No matching project has a start date."


def test_projects_without_a_budget_are_charted_under_a_title_without_budget(cat):
    """Berlin's 420 projects, none with a budget, were charted as "Projects and budget by goal"."""
    with_money = F.goals_part(P.select(cat, P.Filters()))
    assert with_money[0] == "Projects and budget by goal" and "budget" in with_money[4]
    none = F.goals_part(P.select(cat, P.Filters(goal=13)))  # p3, the one without a budget
    assert none[0] == "Projects by goal" and none[4] == "Projects by goal"
    assert len(none[1]["data"]) == 1


def test_figures_are_valid_and_labelled(cat):
    sel = P.select(cat, P.Filters())
    gaps, _ = P.goal_gaps(sel, pd.DataFrame(columns=["place_id", "goal", "year", "colour"]), pd.Series([]))
    figures = [F.project_map(P.by_place(sel, cat), True), F.goal_bars(P.by_goal(sel)),
               F.count_bars(P.by_funding(sel), "source"),
               F.budget_share_bars(P.by_procurement(sel), "method"),
               F.theme_bars(P.by_theme(sel)), F.year_status_bars(P.by_year_status(sel)), F.gap_scatter(gaps)]
    for figure in figures:
        go.Figure(figure)  # plotly accepts every property
    bars = figures[1]["data"][0]
    assert len(bars["y"]) == 17 and bars["text"][10] == "2" and bars["marker"]["color"][0] == "#E5243B"
    assert figures[0]["data"][0]["customdata"][:, 0].tolist() == ["a", "b"]  # the id a click opens
    geo, located = figures[0]["layout"]["geo"], figures[0]["data"][0]
    (west, east), (south, north) = geo["lonaxis"]["range"], geo["lataxis"]["range"]  # fitted to its places
    assert all(west <= x <= east for x in located["lon"]) and all(south <= y <= north for y in located["lat"])
    assert [t["marker"]["pattern"]["shape"] for t in figures[5]["data"]] == ["", "/", "."]
    # panel titles start where the bars start: on a phone a long one is cut at the right, so it wraps
    titles = [a["text"] for a in figures[4]["layout"]["annotations"]]
    assert titles == ["<b>Jobs created</b>", "<b>Beneficiaries</b><br><b>(people reached)</b>"]


def test_card_shows_text_never_html_and_links_only_web_addresses():
    row = project(project_id="p9", place_id="a", place_name="Springfield", title="<b>Bold</b>",
                  summary="<script>alert(1)</script>\nline two", goals="2;11", budget=1000.0, currency="EUR",
                  budget_usd=1100.0, url="javascript:alert(1)")
    card = C.project_card(row)
    assert "<script>alert(1)</script>\nline two" in text(card) and "<b>Bold</b>" in text(card)
    assert "€1,000 ($1,100)" in text(card) and "Goal 2: Zero hunger" in text(card)
    assert "January 1, 2022 to January 1, 2024" in text(card)
    links = [getattr(n, "href", None) for n in by_class(card, "text-break")]
    assert links == [None]
    assert C.safe_link("https://example.org/x").href == "https://example.org/x"


def test_the_table_puts_projects_missing_the_sorted_value_last_either_way(cat):
    everything = P.select(cat, P.Filters())
    for sort in ("budget", "oldest", "newest"):
        listed = cat.projects["project_id"].iloc[C.table_page(cat, everything, sort).positions].tolist()
        column = C.SORTS[sort][1][0][0]
        missing = cat.projects.set_index("project_id").loc[listed, column].isna().tolist()
        assert missing == sorted(missing) and any(missing) or not cat.projects[column].isna().any(), sort


def test_newest_first_orders_by_the_start_date_not_only_its_year(cat):
    """p2 (February 2021) and p3 (July 2021) started the same year: newest first listed them by
    title; it lists July first, and oldest first February first."""
    everything = P.select(cat, P.Filters())
    def listed(sort: str) -> list[str]:
        return cat.projects["project_id"].iloc[C.table_page(cat, everything, sort).positions].tolist()
    assert listed("newest") == ["p3", "p2", "p1"] and listed("oldest") == ["p1", "p2", "p3"]
    assert P.start_day(pd.Series(["2024-09-17", "2024", "2024-04", None, "x"], dtype="string")).tolist() == [
        20240917, 20240000, 20240400, pd.NA, pd.NA]


def test_a_register_in_its_own_currency_shows_and_orders_its_budgets():
    """A Bolivian register's budgets are in bolivianos and no rate table converts them: the table's
    Budget (USD) column said "–" on every row, its largest budget first was by title, and a phone
    card left the budget out as if none was stated."""
    rows = [project(project_id=f"b{n}", place_id="a", title=title, budget=budget, currency="BOB",
                    budget_usd=None) for n, (title, budget) in enumerate(
                        [("Agua", 155000.0), ("Bosque", 848000.0), ("Calles", None), ("Diques", 461000.0)])]
    projects = pd.concat([empty("projects"), pd.DataFrame(rows)]).astype(empty("projects").dtypes)
    places = pd.DataFrame({"place_id": ["a"], "name": ["Sucre"], "kind": ["city"], "country_iso3": ["BOL"],
                           "un_region": ["Americas"], "lat": [-19.0], "lon": [-65.3]})
    bob = P.catalogue(projects, places)
    everything = P.select(bob, P.Filters())
    assert "budget" in C.offered_sorts(bob) and "budget_usd" not in C.phone_hidden(bob)
    page = C.table_page(bob, everything, "budget")
    assert bob.projects["title"].iloc[page.positions].tolist() == ["Bosque", "Diques", "Agua", "Calles"]
    with i18n.use("es"):
        cells = C.page_cells(bob.projects.iloc[page.positions])["budget_usd"]
        headers = [c["name"] for c in C.table_columns(C.in_own_currencies_of(bob))]
    assert cells == ["848.000\u00a0BOB", "461.000\u00a0BOB", "155.000\u00a0BOB", "–"]
    assert "Presupuesto" in headers and "Presupuesto (USD)" not in headers  # not "(USD): 304.000 BOB"
    assert C.in_own_currencies_of(bob) and not C.in_own_currencies(P.catalogue(
        projects.assign(currency="USD", budget_usd=projects["budget"]), places).projects)
    # Budgets of two currencies and no dollar figure are not compared: the order is by title.
    mixed = P.catalogue(projects.assign(currency=["BOB", "PEN", "BOB", "BOB"]), places)
    page = C.table_page(mixed, P.select(mixed, P.Filters()), "budget")
    listed = mixed.projects["title"].iloc[page.positions]
    assert listed.tolist() == ["Agua", "Bosque", "Calles", "Diques"]
    with i18n.use("en"):
        assert C.page_cells(mixed.projects)["budget_usd"] == [
            "BOB\u00a0155,000", "PEN\u00a0848,000", "–", "BOB\u00a0461,000"]
        dollars = mixed.projects.assign(budget_usd=[None, None, 2500.0, None])
        assert C.page_cells(dollars, own_currencies=True)["budget_usd"][2:] == ["$2,500", "BOB\u00a0461,000"]
        unknown = mixed.projects.assign(currency=[None, "BOB", None, None])
        assert C.page_cells(unknown)["budget_usd"][0] == "155,000 (currency not stated)"
        assert T.overview(everything, 4).endswith(
            "None of them has a USD figure; 3 state a budget in BOB, BOB\u00a01,464,000 in all.")
        assert T.overview(P.select(mixed, P.Filters()), 4).endswith("None of them reports a budget in USD.")
    # budgets of no stated currency are not ordered as if they were of one
    blank = P.catalogue(projects.assign(currency=None), places)
    assert blank.projects["budget_order"].isna().all()
    with i18n.use("fr"):
        said = T.overview(everything, 4)
        assert "3 indiquent un budget en BOB, 1\u202f464\u202f000\u00a0BOB au total." in said


def test_table_records_are_json_ready(cat):
    records = C.table_records(cat.projects)
    assert records[2]["budget_usd"] is None and records[0]["goal_list"] == "1, 11"
    json.dumps(records)


# The pages, on the shipped demo store.

@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    from dashboard.app import create_app

    create_app(str(DEMO_STORE))
    # The modules Dash loaded from the pages folder: importing dashboard.pages.* again would register
    # each page a second time, under another module name and without a layout.
    modules = {page["path"]: sys.modules[page["module"]] for page in dash.page_registry.values()}
    return modules["/projects"], modules["/projects/financing"]


def test_projects_page_reads_the_city_page_links(pages):
    page, _ = pages
    tree = page.layout(place="ken-nairobi", goal="11")
    assert find(tree, page.Ids.PLACE).value == "ken-nairobi" and find(tree, page.Ids.GOAL).value == "11"
    assert text(find(tree, page.Ids.OVERVIEW)).startswith("1 of 300 projects match, in 1 place.")
    assert find(tree, page.Ids.STATE).data == {"goal": "11", "place": "ken-nairobi"}
    assert row_ids(find(tree, page.Ids.TABLE_AREA)) == ["demo-0001"]
    assert text(find(tree, page.Ids.TABLE_STATUS)) == "Projects 1–1 of 1 (page 1 of 1)"
    assert "Demonstration data" in text(tree)


def test_projects_page_bad_parameters_fall_back_with_a_message(pages):
    page, _ = pages
    tree = page.layout(goal="99", status="active,asleep", budget_min="5", budget_max="1", to="x")
    messages = text(by_class(tree, "url-problem"))
    assert "goal '99', which is not known" in messages and "unknown status: asleep" in messages
    assert "budget_min 5 is above budget_max 1" in messages and "to must be a whole number" in messages
    assert find(tree, page.Ids.STATE).data == {"status": "active"}


def test_projects_callbacks(pages):
    page, _ = pages
    values = {"goal": "", "theme": "financing", "status": ["active", "completed"], "funding": "",
              "procurement": "", "region": "Africa", "place": "", "from": "2020", "to": "",
              "budget_min": 100000.0, "budget_max": None}
    overview, _, _, _, state, status, table_area, number, *ends = page.update(**values)
    assert state == {"theme": "financing", "status": "active,completed", "region": "Africa",
                     "from": "2020", "budget_min": "100000"}
    listed = row_ids(table_area)
    assert overview.startswith(f"{len(listed)} of 300 projects match") and 0 < len(listed) <= C.PAGE_ROWS
    assert status == f"Projects 1–{len(listed)} of {len(listed)} (page 1 of 1)"
    assert number == 1 and ends == [True, True, True, True]  # one page: every page button leads nowhere
    options, chosen, label, hidden = page.picker({}, "ken-nairobi")
    assert [o["value"] for o in options] == ["demo-0001", "demo-0002"] and chosen == "demo-0001"
    assert label == "Projects in Nairobi (2)" and hidden is False
    assert page.picker({}, None, "demo-0002")[1] == "demo-0002"
    assert text(page.show("demo-0001")).startswith("Urban farms on vacant lots")
    csv_link, json_link = page.update_downloads({"goal": 3})
    assert csv_link == "/api/v1/projects.csv?goal=3&lang=en"
    assert json_link == "/api/v1/projects.json?goal=3&lang=en"
    assert page.update_downloads({"status": ["active", "completed"]})[0] == (
        "/api/v1/projects.csv?status=active%2Ccompleted&lang=en")
    with i18n.use("es"):  # the page's language, which the rating and trend words of a file follow
        assert page.update_downloads({"goal": 3})[0] == "/api/v1/projects.csv?goal=3&lang=es"


def test_a_national_store_s_place_filter_lists_the_places_found_by_name(pages, monkeypatch):
    """Where every place is listed (the demo), the search box above the place filter is hidden and
    does nothing; beyond PLACE_LIST places the page lists only the chosen place, and the box lists
    the places whose name holds the words typed, the chosen one kept, and says how many."""
    import dash

    page, _ = pages
    tree = page.layout()
    assert len(find(tree, page.Ids.PLACE).options) > 100 and find(tree, page.Ids.PLACE_FINDER).hidden
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.find_places("nairobi", "")
    monkeypatch.setattr(ranking, "PLACE_LIST", 2)
    tree = page.layout(place="ken-nairobi")
    assert [o["value"] for o in find(tree, page.Ids.PLACE).options] == ["", "ken-nairobi"]
    assert not find(tree, page.Ids.PLACE_FINDER).hidden
    options, said = page.find_places("  SÃO paulo ", "ken-nairobi")
    assert [o["value"] for o in options] == ["", "ken-nairobi", "bra-sao-paulo"]
    assert said == "1 place found, listed below."
    options, said = page.find_places("nairobi", "ken-nairobi")  # the one found is the one chosen
    assert [o["value"] for o in options] == ["", "ken-nairobi"] and said == "1 place found, listed below."
    monkeypatch.setattr(ranking, "PLACE_MATCHES", 3)
    options, said = page.find_places("a", "")
    assert len(options) == 4 and said.startswith("The first 3 of ") and "more letters find fewer" in said
    options, said = page.find_places("qqqq", "")
    assert options == [{"label": "All places", "value": ""}]
    assert said == "No place matches 'qqqq'. Try fewer letters."
    for hostile in (None, 7, "", "x" * 10_000, "[(.*"):
        options, _said = page.find_places(hostile, ["not", "text"])
        assert options == [{"label": "All places", "value": ""}]


def test_each_chart_s_table_is_sent_when_opened_and_is_the_chart_s_own(pages):
    """The charts' tables are not in a filter's answer; each is sent alone, for the filters shown
    (the state the browser sends back), and equals the table of the chart the page draws; an
    address or a state the page does not know gives the default filters' table."""
    from dashboard.chrome import table_payload
    from views import projects as project_views

    page, _ = pages
    store, cat = page.current()
    tree = page.layout(goal="11", status="active")
    for name in project_views.CHARTS:
        ids = page.ChartTable(name)
        assert find(tree, ids.table).children is None and find(tree, ids.opener).children == "Data table"
    for raw in ({}, {"goal": "11", "status": "active"}, {"region": "Africa", "from": "2020"}):
        f = page.parse(raw, cat)[0]
        shown = project_views.charts(store, f)
        for name, view in zip(project_views.CHARTS, shown, strict=True):
            sent = page.chart_table(name, project_views.to_query(f, cat))
            assert sent == {**table_payload(view.table), "query": project_views.to_query(f, cat)}
            assert sent["caption"] == view.table.caption and len(sent["rows"]) == len(view.table.rows)
    default = page.chart_table("projects-themes", {})
    for hostile in ("x" * 10_000, None, [1, 2], {"goal": "99", "status": "<script>"}):
        assert page.chart_table("projects-themes", hostile)["rows"] == default["rows"]


def row_ids(area) -> list[str]:
    """The project ids of the table's title buttons, in the table's order."""
    return [node.data_choice for node in walk(area) if getattr(node, "tag", None) == "button"]


def test_the_table_pages_orders_and_searches_every_matching_project_on_the_server(pages, monkeypatch):
    """All 300 projects can be paged through, 25 at a time, in the order chosen; the search keeps
    those whose title or place holds every word (accents and case aside); a page button's change
    redraws the table only; hostile values fall back."""
    from dash import no_update

    page, _ = pages
    _store, cat = page.current()
    everything = P.select(cat, P.Filters())
    seen, number = [], 1
    while True:
        shown = C.table_page(cat, everything, "title", "", number)
        seen += cat.projects["project_id"].iloc[shown.positions].tolist()
        if shown.page == shown.pages:
            break
        number += 1
    assert number == 12 and len(seen) == 300 and len(set(seen)) == 300
    titles = cat.projects.set_index("project_id").loc[seen, "title"].map(str.casefold).tolist()
    assert titles == sorted(titles)
    newest = C.table_page(cat, everything, "newest", "", 1)
    years = cat.projects["start_year"].iloc[newest.positions].tolist()
    assert years == sorted(years, reverse=True) and years[0] == max(cat.projects["start_year"].dropna())
    budgets = cat.projects["budget_usd"].iloc[C.table_page(cat, everything, "budget", "", 1).positions]
    assert budgets.tolist() == sorted(budgets.tolist(), reverse=True)
    assert C.table_page(cat, everything, "title", "", 99).page == 12  # beyond the last: the last
    found = C.table_page(cat, everything, "title", "NAIROBI farms", 1)
    assert cat.projects["project_id"].iloc[found.positions].tolist() == ["demo-0001"]
    assert C.table_page(cat, everything, "title", "nairobi", 1).total == 2
    accents = cat.projects[cat.projects["place_name"].str.contains("ã|é|í|ó", regex=True)]
    if len(accents):  # a place written with accents is found without them
        plain = str(accents["place_name"].iloc[0]).translate(str.maketrans("ãéíó", "aeio"))
        assert C.table_page(cat, everything, "title", plain, 1).total >= 1
    none = C.table_page(cat, everything, "title", "zzzz qqqq", 1)
    assert none.total == 0 and row_ids(C.projects_table(cat, none)) == []
    assert C.table_status(none, "zzzz qqqq") == ("No matching project has \u201czzzz qqqq\u201d in its title "
                                                 "or place.")
    filters = {key: None for key in page.CONTROLS}
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.NEXT)
    answer = page.update(sort="title", search="", page=2, **filters)
    assert answer[:4] == (no_update,) * 4 and answer[7] == 3 and answer[8:] == (False, False, False, False)
    assert answer[4] == {**({"sort": "title"} if C.default_sort(cat) != "title" else {}), "page": "3"}
    assert row_ids(answer[6]) == seen[50:75] and answer[5] == "Projects 51–75 of 300 (page 3 of 12)"
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.PREVIOUS)
    assert page.update(sort="title", search="", page=1, **filters)[7] == 1  # never before the first
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.LAST)
    last = page.update(sort="title", search="", page=1, **filters)
    assert last[7] == 12 and last[8:] == (False, False, True, True) and row_ids(last[6]) == seen[275:]
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.NEXT)
    assert page.update(sort="title", search="", page=10 ** 5000, **filters)[7] == 12  # clamped, no error
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.FIRST)
    assert page.update(sort="title", search="", page=7, **filters)[7] == 1
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.SORT)
    assert page.update(sort=["title"], search=["x"], page=True, **filters)[7] == 1  # not strings, no int
    hostile = page.update(sort="<script>", search="x" * 100_000, page={"a": 1}, **filters)
    assert hostile[7] == 1 and hostile[5].startswith("No matching project")
    empty = next((place, goal) for place in cat.places["place_id"] for goal in range(1, 18)
                 if not len(P.select(cat, P.Filters(place=place, goal=goal)).positions))
    nothing = {**filters, "place": empty[0], "goal": str(empty[1])}
    assert page.update(sort="title", search="farms", page=1, **nothing)[5] == (
        "No project matches the filters.")  # the filters, not the search, leave nothing
    assert len(hostile[5]) < 400


def test_filters_offer_only_values_some_project_has(pages, cat):
    """Berlin's 420 projects name no theme, funding source or procurement method, and the filters
    offered twelve themes, ten sources and nine methods that each matched nothing."""
    page, _ = pages

    def options(tree, key: str) -> list[str]:
        return [o["value"] for o in find(tree, page.CONTROLS[key]).options if o["value"]]

    def hidden(tree, key: str) -> bool:
        column = next(node for node in walk(tree) if getattr(node, "children", None) is not None
                      and any(getattr(child, "id", None) == page.CONTROLS[key] for child in
                              (node.children if isinstance(node.children, list) else [node.children])))
        return "d-none" in (column.className or "")

    tree = page.controls(P.Filters(), cat)
    assert options(tree, "theme") == ["livelihoods", "financing"] and not hidden(tree, "theme")
    assert options(tree, "procurement") == ["open tender", "direct award", P.NOT_STATED]  # of 9 and other
    assert options(tree, "funding") == ["municipal budget", "private", "crowd money"]
    kept = page.controls(P.Filters(theme="other"), cat)  # an address's choice stays offered
    assert options(kept, "theme") == ["livelihoods", "financing", "other"]
    from dataclasses import replace

    import numpy as np

    nothing = cat.projects.assign(theme=pd.Series([None] * len(cat.projects), dtype="category"),
                                  procurement_method=pd.Categorical([P.NOT_STATED] * len(cat.projects)))
    bare = replace(cat, projects=nothing, funding=np.zeros_like(cat.funding))
    plain = page.controls(P.Filters(), bare)
    assert all(hidden(plain, key) for key in ("theme", "procurement", "funding"))
    assert not hidden(plain, "goal")


def test_a_phone_card_shows_the_goals_where_status_and_budget_say_nothing(cat):
    """Berlin's cards on a phone were "Status: not stated / Budget: –" without the goals, the one
    thing its projects state."""
    from dataclasses import replace

    assert C.phone_hidden(cat) == set(C.PHONE_HIDDEN)
    berlin = replace(cat, projects=cat.projects.assign(
        status=pd.Categorical([P.NOT_STATED] * len(cat.projects)), budget_usd=float("nan"),
        budget=float("nan")))
    hidden = C.phone_hidden(berlin)
    assert "goal_list" not in hidden
    # and the status and budget, which no project states, are no column at all (at any width)
    assert {"status", "budget_usd"}.isdisjoint(c["id"] for c in C.shown_columns(berlin))
    assert {"status", "budget_usd"} <= {c["id"] for c in C.shown_columns(cat)}
    tree = C.projects_table(berlin, C.table_page(berlin, P.select(berlin, P.Filters()), "title", "", 1))

    def elements(node):
        if isinstance(node, list) and node and isinstance(node[0], str):
            yield node
            for child in node[2:]:
                yield from elements(child)

    shown_cells = [node for node in elements(tree[0].tree) if node[0] == "td"
                   and node[1].get("data-label") == "Goals"]
    assert shown_cells and all("phone-hide" not in (cell[1].get("className") or "") for cell in shown_cells)
    labels = {node[1].get("data-label") for node in elements(tree[0].tree) if node[0] == "td"}
    assert not labels & {"Status", "Budget (USD)", "Budget"}


def test_the_table_s_order_search_and_page_are_in_the_address(pages):
    """A link shared from page 2 of a search opened on the first page of everything; the download
    links still name only the filters."""
    from tests.components import find

    page, _ = pages
    _store, cat = page.current()
    tree = page.layout(goal="11", q="a", sort="title", page="2")
    state = find(tree, page.Ids.STATE).data
    assert state == {"goal": "11", "q": "a", "sort": "title", "page": "2"}
    assert find(tree, page.Ids.SEARCH).value == "a" and find(tree, page.Ids.SORT).value == "title"
    assert text(find(tree, page.Ids.TABLE_STATUS)).startswith("Projects 26–")
    csv, _json = page.update_downloads(state)
    assert "goal=11" in csv and "page" not in csv and "q=" not in csv and "sort" not in csv
    hostile = page.layout(page="abc", sort="<script>", q="x" * 10_000)
    words = text(find(hostile, page.Ids.MESSAGES))
    assert "page must be a whole number" in words and "sort '<script>'" in words
    assert find(hostile, page.Ids.STATE).data == {"q": "x" * C.SEARCH_LENGTH}
    assert find(page.layout(), page.Ids.STATE).data == {}  # a first view's address stays bare
    # a page past the last of the address's own search is named with the search's pages: it was
    # bounded by every project's ("from 1 to 12" for a search of one page) and shown as the last
    searched = C.table_page(cat, P.select(cat, P.Filters(goal=11)), search="a")
    beyond = page.layout(goal="11", q="a", page=str(searched.pages + 1))
    words = text(find(beyond, page.Ids.MESSAGES))
    assert f"page must be a whole number from 1 to {searched.pages}, not '{searched.pages + 1}'" in words
    assert text(find(beyond, page.Ids.TABLE_STATUS)).startswith("Projects 1–")


def test_the_table_is_one_page_of_accessible_rows(pages):
    page, _ = pages
    tree = page.layout()
    area = find(tree, page.Ids.TABLE_AREA)
    table = area.children[0]
    assert table.id == page.Ids.TABLE
    html_text = tree_html(table.tree)
    assert "<caption>Matching projects</caption>" in html_text and len(row_ids(area)) == C.PAGE_ROWS
    assert html_text.count('scope="col"') == 9 and html_text.count('scope="row"') == C.PAGE_ROWS
    assert html_text.count("<button ") == html_text.count("data-choice=") == C.PAGE_ROWS
    assert html_text.count("<td ") == html_text.count("data-label=") == 8 * C.PAGE_ROWS
    assert find(tree, page.Ids.PREVIOUS).disabled is True and find(tree, page.Ids.NEXT).disabled is False
    assert text(find(tree, page.Ids.TABLE_STATUS)) == "Projects 1–25 of 300 (page 1 of 12)"
    assert [o["value"] for o in find(tree, page.Ids.SORT).options] == list(C.SORTS)
    with i18n.use("fr"):
        tree = page.layout()
        assert text(find(tree, page.Ids.TABLE_STATUS)) == "Projets 1–25 sur 300 (page 1 sur 12)"


def test_project_downloads_are_the_api_rows(pages, app):
    page, _ = pages
    client = app.server.test_client()
    csv_link, json_link = page.update_downloads({"goal": 3})
    everything = client.get(csv_link).get_data(as_text=True).splitlines()
    assert everything[0].startswith("\ufeffproject_id,place_id,title") and len(everything) == 41
    rows = client.get(json_link).get_json()["data"]
    assert len(rows) == 40 and all("3" in r["goals"].split(";") for r in rows)


def test_financing_page(pages):
    _, financing = pages
    tree = financing.layout(region="Oceania")
    assert find(tree, financing.Ids.REGION).value == "Oceania"
    assert text(find(tree, financing.Ids.SUMMARY)).startswith("16 of 300 projects are in Oceania")
    assert "Red goals with few or no projects: Goal 16" in text(tree)
    assert "red, few projects" in text(tree)
    content, summary, messages, query = financing.update("")
    assert summary.startswith("300 of 300 projects match") and "url-problem" not in str(messages)
    bad = financing.layout(region="Atlantis")
    assert "region 'Atlantis', which is not known" in text(by_class(bad, "url-problem"))


# Other languages: the vocabulary is translated at display time, numbers, money and dates follow the locale.

def test_every_vocabulary_key_has_a_display_label():
    for kind, keys in VOCABULARIES.items():
        extra = {vocabulary.NOT_STATED} if kind in ("status", "procurement_method") else set()
        assert set(vocabulary.LABELS[kind]) == set(keys) | extra, kind
    assert vocabulary.label("funding_sources", "crowd money") == "crowd money"  # a source's own word
    assert vocabulary.label("theme", None) == "" and vocabulary.label("status", "active") == "active"


def test_french_sentences_use_french_numbers_money_and_lists(cat):
    sel = P.select(cat, P.Filters())
    with i18n.use("fr"):
        assert "400\u00a0$US" in T.overview(sel, 3) and "," not in T.usd(1_250_000)
        assert T.usd(1_250_000) == "1\u202f250\u202f000\u00a0$US"
        funding = P.by_funding(sel)
        assert "67\u00a0%" in T.mix_summary(funding, "source", 3)
        assert "62,5\u00a0%" in T.budget_summary(funding, "source")
        assert " et " in P.by_place(sel, cat).set_index("place_id").loc["a", "statuses"]  # CLDR's list
        scores = pd.DataFrame({"place_id": ["a", "b"], "goal": [9, 9], "year": [2024, 2024],
                               "colour": ["red", "red"]})
        gaps, year = P.goal_gaps(sel, scores, pd.Series(["a", "b"]))
        summary = T.gap_summary(gaps, year, "Amériques")
        assert "100\u00a0%" in summary and "0,0\u00a0%" in summary
        assert "Amériques" in summary and "2\u202f024" not in summary
        assert "1\u202f000" in T.theme_summary(P.by_theme(P.select(cat, P.Filters())).assign(
            beneficiaries=[1000.0, 10.0]))


def test_french_figures_follow_the_locale(cat):
    sel = P.select(cat, P.Filters())
    with i18n.use("fr"):
        assert F.compact(pd.Series([1_250_000.0, 2_500.0, 12.0])) == ["1,2\u00a0M", "2,5\u00a0k", "12"]
        figures = [F.project_map(P.by_place(sel, cat), True), F.goal_bars(P.by_goal(sel)),
                   F.count_bars(P.by_funding(sel), "source"), F.theme_bars(P.by_theme(sel)),
                   F.year_status_bars(P.by_year_status(sel))]
        for figure in figures:
            go.Figure(figure)
            assert figure["layout"]["separators"] == ",\u202f"
        assert "400\u00a0$US" in figures[0]["data"][0]["customdata"][0][2]
        assert figures[2]["data"][0]["text"][0] == "2 (67\u00a0%)"
        cat.projects.loc[0, "budget_usd"] = 1_234_567.0
        table = C.projects_table(cat, C.table_page(cat, P.select(cat, P.Filters()), "budget"))
        assert "1\u202f234\u202f567" in text(table)  # the budget column in the page's number format
        row = project(project_id="p9", place_id="a", place_name="Springfield", budget=1000.0, currency="EUR",
                      budget_usd=1100.0, start_date="2021-03", end_date="2022-12-31", jobs_created=1500.0)
        card = text(C.project_card(row))
        assert "1\u202f000\u00a0€ (1\u202f100\u00a0$US)" in card and "mars 2021" in card
        assert "31 décembre 2022" in card and "1\u202f500" in card
        link = next(n for n in by_class(C.project_card(row), "col-sm-8") if hasattr(n.children, "href"))
        assert link.children.href == "/city/a?lang=fr"


def test_pages_in_french_keep_english_values_and_french_numbers(pages):
    page, financing = pages
    with i18n.use("fr"):
        tree = page.layout(place="ken-nairobi", region="Africa")
        assert "98\u202f100\u00a0$US" in text(find(tree, page.Ids.OVERVIEW))
        regions = {o["value"]: o["label"] for o in find(tree, page.Ids.REGION).options}
        assert regions["Africa"] == "Afrique" and find(tree, page.Ids.REGION).value == "Africa"
        assert {o["value"] for o in find(tree, page.Ids.STATUS).options} >= {"active", P.NOT_STATED}
        hrefs = [getattr(n, "href", "") for n in walk(tree) if getattr(n, "href", None)]
        # in-app links keep the language; API links serve data with stable English columns
        assert "/projects?lang=fr" in hrefs
        assert all("lang=fr" in h for h in hrefs if not h.startswith("/api/"))
        overview, _, _, _, state, *_ = page.update(goal="", theme="", status=[], funding="", procurement="",
                                          region="Oceania", place="", budget_min=1000000.0, budget_max=None,
                                          **{"from": "", "to": ""})
        assert state == {"region": "Oceania", "budget_min": "1000000"} and "\u202f" in overview
        problems = text(by_class(page.layout(budget_min="2000000", budget_max="1000"), "url-problem"))
        assert "2\u202f000\u202f000" in problems and "budget_max 1\u202f000" in problems
        tree = financing.layout(region="Oceania")
        assert "Océanie" in text(find(tree, financing.Ids.SUMMARY))
        assert "55\u00a0%" in text(tree) and "2,7\u00a0%" in text(tree)


def place_hovers(names: list, counts: list, statuses: list, budgets: list) -> list[str]:
    """The hover labels plotly shows: the map's template filled with each place's name and lines
    (as layouts/static_svg fills it for the static site)."""
    projects, money = F.place_lines(counts, statuses, budgets)
    trace = go.Scattergeo(lat=[0] * len(names), lon=[0] * len(names), text=names,
                          customdata=[["id", line, budget]
                                      for line, budget in zip(projects, money, strict=True)],
                          hovertemplate=F.PLACE_HOVER)
    return [label.removesuffix("<extra></extra>") for label in static_svg.point_texts(trace)]


def test_hover_texts_of_many_places_are_each_place_s_own():
    """Each place's hover text: singular and plural lines, numbers and punctuation of the language,
    names and words kept as they are (braces and markup are not read as placeholders)."""
    names = ["Springfield", "Zürich {x}", "São Paulo", "A<b>"]
    counts = [1, 2, 1, 1234]
    statuses = ["1 active", "1 active and 1 completed", "1 {planned}", ""]
    budgets = ["$100", "no USD figure", "$0", "$1,234,567"]
    assert place_hovers(names, counts, statuses, budgets) == [
        "<b>Springfield</b><br>1 project: 1 active<br>Budget: $100",
        "<b>Zürich {x}</b><br>2 projects: 1 active and 1 completed<br>Budget: no USD figure",
        "<b>São Paulo</b><br>1 project: 1 {planned}<br>Budget: $0",
        "<b>A<b></b><br>1,234 projects: <br>Budget: $1,234,567"]
    with i18n.use("fr"):
        assert place_hovers(names, counts, statuses, budgets) == [
            "<b>Springfield</b><br>1 projet\xa0: 1 active<br>Budget\xa0: $100",
            "<b>Zürich {x}</b><br>2 projets\xa0: 1 active and 1 completed<br>Budget\xa0: no USD figure",
            "<b>São Paulo</b><br>1 projet\xa0: 1 {planned}<br>Budget\xa0: $0",
            "<b>A<b></b><br>1\u202f234 projets\xa0: <br>Budget\xa0: $1,234,567"]


def status_counts(p: pd.DataFrame, by: str) -> pd.DataFrame:
    """Projects per `by` value (rows) and status (columns, in lifecycle order), by pandas' group-by."""
    table = p.groupby([by, "status"], sort=False, observed=True).size().unstack("status", fill_value=0)
    order = [s for s in (*P.PROJECT_STATUSES, P.NOT_STATED) if s in table.columns]
    return table[order].rename_axis(columns=None)


def reference_procurement(sel) -> pd.DataFrame:
    """`P.by_procurement` as pandas' group-by wrote it before."""
    grouped = sel.projects.groupby("procurement_method", observed=True)
    frame = pd.DataFrame({"projects": grouped.size(), "budget_usd": grouped["budget_usd"].sum()})
    frame["budget_usd"] = frame["budget_usd"].astype("float64")
    frame = frame.rename_axis("method").reset_index().sort_values(["projects", "method"],
                                                                  ascending=[False, True])
    frame = frame.reset_index(drop=True)
    total_projects, total_budget = frame["projects"].sum(), frame["budget_usd"].sum()
    frame["project_share"] = frame["projects"] / total_projects * 100 if total_projects else 0.0
    frame["budget_share"] = frame["budget_usd"] / total_budget * 100 if total_budget else 0.0
    return frame


def reference_themes(sel) -> pd.DataFrame:
    """`P.by_theme` as pandas' group-by wrote it before."""
    grouped = sel.projects.groupby("theme", observed=True)
    frame = pd.DataFrame({"projects": grouped.size(),
                          "jobs_created": grouped["jobs_created"].sum(min_count=1),
                          "beneficiaries": grouped["beneficiaries"].sum(min_count=1)})
    themes = set(frame.index)
    order = [t for t in P.PROJECT_THEMES if t in themes] + sorted(themes - set(P.PROJECT_THEMES))
    return frame.reindex(order).rename_axis("theme").reset_index().astype(
        {"jobs_created": "float64", "beneficiaries": "float64"})


def reference_years(sel) -> pd.DataFrame:
    """`P.by_year_status` as pandas' group-by wrote it before."""
    p = sel.projects.dropna(subset=["start_year"])
    return status_counts(p.assign(year=p["start_year"].astype(int)), "year").sort_index()


def test_tallies_by_code_equal_pandas_group_by():
    """The procurement, theme and start-year tallies (counted by code with NumPy) equal pandas'
    group-by on the demo's projects for many filters, and on a selection with nothing in it:
    values, missing sums (a theme with no jobs reported), orders and column names."""
    from loaders.store import Store

    store = Store(DEMO_STORE).read()
    projects = store.projects.copy()
    silent = projects["theme"] == projects["theme"].dropna().iloc[0]  # a theme reporting no jobs
    projects.loc[silent, "jobs_created"] = pd.NA
    cents = np.random.default_rng(6).integers(1, 100, len(projects)) / 100  # budgets converted to USD
    projects["budget_usd"] = projects["budget_usd"] + cents
    projects.loc[projects.index[:7], "start_date"] = pd.NA  # projects without a start year
    cat = P.catalogue(projects, store.places)
    assert P.by_theme(P.select(cat, P.Filters()))["jobs_created"].isna().sum() == 1
    rng = np.random.default_rng(4)
    filters = [P.Filters(), P.Filters(goal=11), P.Filters(status=("active", "idea")),
               P.Filters(region="Asia"),
               P.Filters(place="ken-nairobi"), P.Filters(goal=1, budget_min=10**12),
               *(P.Filters(goal=int(rng.integers(1, 18)), end=int(rng.integers(2018, 2026)))
                 for _ in range(8))]
    for f in filters:
        sel = P.select(cat, f)
        # exactly: a sum in cents that differs in its last bit can round the other way on screen
        pd.testing.assert_frame_equal(P.by_procurement(sel), reference_procurement(sel), check_dtype=False,
                                      check_categorical=False, check_exact=True, obj=f"procurement {f}")
        pd.testing.assert_frame_equal(P.by_theme(sel), reference_themes(sel), check_dtype=False,
                                      check_categorical=False, check_index_type=False, check_exact=True,
                                      obj=f"themes {f}")
        years, reference = P.by_year_status(sel), reference_years(sel)
        if reference.empty:
            assert years.empty and list(years.columns) == list(reference.columns), f
        else:
            pd.testing.assert_frame_equal(years, reference, check_dtype=False, check_names=False,
                                          check_column_type=False, check_categorical=False, obj=f"years {f}")
    assert len(P.select(cat, P.Filters(goal=1, budget_min=10**12)).projects) == 0


def reference_by_place(sel, places: pd.DataFrame) -> pd.DataFrame:
    """`P.by_place` as pandas' group-by wrote it before (the reference it must equal)."""
    p = sel.projects
    grouped = p.groupby("place_id", sort=False)
    frame = pd.DataFrame({"projects": grouped.size(), "budget_usd": grouped["budget_usd"].sum(min_count=1),
                          "lat": grouped["lat"].mean(), "lon": grouped["lon"].mean()})
    status = status_counts(p, "place_id").reindex(frame.index)
    statuses, said = list(status.columns), {}  # words once per distinct tally (most places share one)
    for row in map(tuple, status.to_numpy().tolist()):
        if row not in said:
            said[row] = P.status_words(dict(zip(statuses, row, strict=True)))
    frame["statuses"] = [said[row] for row in map(tuple, status.to_numpy().tolist())]
    info = places.set_index("place_id")
    frame["name"] = info["label"].reindex(frame.index).fillna(pd.Series(frame.index, index=frame.index))
    for axis in ("lat", "lon"):
        frame[axis] = info[axis].reindex(frame.index).astype("float64").fillna(frame[axis].astype("float64"))
    frame = frame.rename_axis("place_id").reset_index().astype({"place_id": "string"})
    return frame.sort_values(["projects", "name"], ascending=[False, True]).reset_index(drop=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_places_of_a_selection_are_counted_as_pandas_groups_them(language, cat):
    """`by_place` (counted by code) equals pandas' group-by on the demo's projects for many filters:
    counts, budgets (missing where no project has one), coordinates, status words and order."""
    from loaders.store import Store

    small = cat  # a project without a budget, a place without coordinates, one with two projects
    store = Store(DEMO_STORE).read()
    projects = store.projects.copy()
    cents = np.random.default_rng(7).integers(1, 100, len(projects)) / 100  # budgets converted to USD
    projects["budget_usd"] = projects["budget_usd"] + cents
    cat = P.catalogue(projects, store.places)
    rng = np.random.default_rng(3)
    filters = [P.Filters(), P.Filters(goal=11), P.Filters(status=("active",)), P.Filters(region="Africa"),
               P.Filters(place="ken-nairobi"), P.Filters(goal=9, status=("idea", "stopped")),
               *(P.Filters(goal=int(rng.integers(1, 18)), start=int(rng.integers(2018, 2026)))
                 for _ in range(10))]
    with i18n.use(language):
        for catalogue, f in [*((cat, f) for f in filters), (small, P.Filters()), (small, P.Filters(goal=13))]:
            sel = P.select(catalogue, f)
            found, expected = P.by_place(sel, catalogue), reference_by_place(sel, catalogue.places)
            # budgets exactly (shown to the dollar: a last bit can move a rounding tie)
            np.testing.assert_array_equal(found["budget_usd"].to_numpy(float, na_value=np.nan),
                                          expected["budget_usd"].to_numpy(float, na_value=np.nan))
            pd.testing.assert_frame_equal(P.by_place(sel, catalogue),
                                          reference_by_place(sel, catalogue.places), check_dtype=False,
                                          obj=str(f))


def test_the_places_table_sent_alone_is_the_map_view_s_own():
    """What the page sends when its places table is opened equals the map view's table."""
    from loaders.store import Store
    from views import projects as project_views

    store = Store(DEMO_STORE).read()
    for f in (P.Filters(), P.Filters(goal=11, status=("active",)), P.Filters(place="ken-nairobi")):
        alone, shown = project_views.map_table(store, f), project_views.project_map(store, f).table
        assert alone.caption == shown.caption and alone.links == shown.links
        pd.testing.assert_frame_equal(alone.rows, shown.rows)


def test_the_places_with_most_projects_name_every_tie():
    """"The most are in Beijing (6), Istanbul (6), and Mexico City (5)" left out Seoul's 5: a place
    tied with the last one named is named too, or, past five names, the tied ones are counted."""
    frame = pd.DataFrame({"name": ["Beijing", "Istanbul", "Mexico City", "Seoul", "Lima"],
                          "projects": [6, 6, 5, 5, 2]})
    assert T.most_projects(frame) == ["Beijing (6)", "Istanbul (6)", "Mexico City (5)", "Seoul (5)"]
    many = pd.DataFrame({"name": [f"P{i}" for i in range(9)], "projects": [7, 3, 3, 3, 3, 3, 3, 1, 1]})
    assert T.most_projects(many) == ["P0 (7)", "6 places with 3 each"]
    assert T.most_projects(frame.head(2)) == ["Beijing (6)", "Istanbul (6)"]
    # every place tied, too many to name: "the most are in 10,000 places with 2 each" said it badly
    tied = pd.DataFrame({"name": [f"P{i}" for i in range(10_000)], "projects": 2, "lat": 0.0, "lon": 0.0})
    assert T.place_summary(tied) == "10,000 places have matching projects, 2 each."
    assert T.place_summary(tied.head(4)) == ("4 places have matching projects; the most are in P0 (2), "
                                             "P1 (2), P2 (2), and P3 (2).")
    with i18n.use("fr"):
        assert T.place_summary(tied) == "10\u202f000 territoires ont des projets correspondants, 2 chacun."


def test_a_bar_label_has_room_beside_the_longest_bar():
    """The right margin of horizontal bars holds their longest label: French writes "395 (52 %)"
    (ten characters, with spaces), which a fixed 70 px margin cut on a phone."""
    frame = pd.DataFrame({"source": ["municipal budget", "private"], "projects": [1395, 46],
                          "project_share": [52.4, 2.0]})
    with i18n.use("fr"):
        figure = F.count_bars(frame, "source")
    longest = max(len(text) for text in figure["data"][0]["text"])
    assert figure["data"][0]["text"][0] == "1\u202f395 (52\u00a0%)" and longest == 12
    assert figure["layout"]["margin"]["r"] >= longest * 7.5
    with i18n.use("en"):
        assert F.count_bars(frame.head(0), "source")["layout"]["margin"]["r"] == 70


def test_a_long_category_name_wraps_and_every_bar_gets_its_room():
    """A category name longer than a line wraps (on a phone it was cut at the card's left edge),
    and every bar gets the height of the tallest name, since plotly spaces categories evenly."""
    frame = pd.DataFrame({"method": ["open tender", "pre-commercial procurement of innovation"],
                          "projects": [9, 3], "project_share": [75.0, 25.0]})
    with i18n.use("en"):
        figure = F.count_bars(frame, "method")
    names = figure["data"][0]["y"]
    assert names[0] == "open tender" and names[1].count("<br>") == 2
    assert all(len(line) <= F.CATEGORY_WIDTH for line in names[1].split("<br>"))
    assert figure["layout"]["height"] == 90 + 2 * 3 * 17


def test_a_focused_projects_map_fits_places_across_the_antimeridian():
    """Sydney, Apia and Papeete: the shorter way round the globe is across 180 degrees. Plotly's own
    fitting to locations drew the demo's Oceania as a map of the world."""
    places = pd.DataFrame({"place_id": ["syd", "apw", "ppt"], "name": ["Sydney", "Apia", "Papeete"],
                           "lat": [-33.87, -13.83, -17.53], "lon": [151.21, -171.77, -149.57],
                           "projects": [3, 1, 2], "statuses": ["3 active", "1 idea", "2 planned"],
                           "budget_usd": [1.0, 2.0, 3.0]})
    geo = F.project_map(places, True)["layout"]["geo"]
    west, east = geo["lonaxis"]["range"]
    assert 140 < west < 151.21 and 210.43 < east < 240  # Papeete at -149.57 is 210.43 east
    assert geo["projection"]["rotation"]["lon"] == pytest.approx(((west + east) / 2 + 180) % 360 - 180)
    assert "fitbounds" not in geo
    # not focused (no region or place chosen): fitted all the same, being within a country's span
    assert F.project_map(places, False)["layout"]["geo"]["lonaxis"]["range"] == geo["lonaxis"]["range"]
    spread = pd.concat([places, places.assign(place_id="lim", name="Lima", lat=-12.05, lon=-77.04)])
    world = F.project_map(spread, False)["layout"]["geo"]  # across the Pacific and South America
    assert list(world["lonaxis"]["range"]) == [-180, 180]


def test_a_store_of_one_city_s_projects_maps_the_city_not_the_world():
    """Berlin's 420 projects were one dot on a map of the world, at 320 px a pixel."""
    berlin = pd.DataFrame({"place_id": ["deu-berlin"], "name": ["Berlin"], "lat": [52.52], "lon": [13.40],
                           "projects": [420], "statuses": ["420 active"], "budget_usd": [float("nan")]})
    geo = F.project_map(berlin, False)["layout"]["geo"]
    # the city and its surroundings (scale 4 around it showed all of Europe)
    west, east = geo["lonaxis"]["range"]
    south, north = geo["lataxis"]["range"]
    assert west < 13.40 < east and east - west <= 12 and south < 52.52 < north and north - south <= 12


def test_the_table_offers_only_orders_its_projects_have_values_for(cat):
    """Berlin's 420 projects have no start date, budget or jobs: the table said "Newest first" and
    was in fact in title order; it offered orders by budget and jobs that changed nothing."""
    from layouts import projects_cards

    assert projects_cards.default_sort(cat) == "newest"
    assert {"newest", "budget", "title", "place"} <= set(projects_cards.offered_sorts(cat))
    raw = cat.projects[list(empty("projects").columns)]
    blank = raw.assign(start_date=None, budget=None, budget_usd=None, jobs_created=None, beneficiaries=None)
    bare = P.catalogue(blank.astype(empty("projects").dtypes), cat.places.assign(kind="city"))
    assert projects_cards.offered_sorts(bare) == ["title", "place"]
    assert projects_cards.default_sort(bare) == "title"


def test_a_tally_of_only_not_stated_is_said_not_drawn():
    """Berlin's 420 projects state no procurement method: one bar of "not stated (100%)" under an
    axis whose numbers a 320 px phone turned on end across its title."""
    from layouts.vocabulary import NOT_STATED

    frame = pd.DataFrame({"method": [NOT_STATED], "projects": [420], "project_share": [100.0]})
    with i18n.use("en"):
        assert T.mix_summary(frame, "method", 420) == "No matching project names a procurement method."
        stated = pd.concat([pd.DataFrame({"method": ["open tender"], "projects": [3],
                                          "project_share": [0.7]}), frame])
        assert T.mix_summary(stated, "method", 423).startswith("The most common procurement methods: open")
        bars = F.count_bars(stated, "method")
    assert bars["layout"]["xaxis"]["showticklabels"] is False and bars["data"][0]["text"][0] == "3 (1%)"


def test_the_table_state_is_read_and_written_by_one_declaration(pages, monkeypatch):
    """The address and the table's callback read the order and search by the same declaration: the
    callback took any known order, even one the table does not offer (by budget, where no project
    has one), which the address then carried and a reload refused."""
    from views import projects as project_views

    page, _ = pages
    _store, cat = page.current()
    state, problems = project_views.table_state({"sort": "title", "q": "  solar ", "page": "2"}, cat)
    assert state == ("title", "solar", 2) and problems == []
    written = project_views.table_query(cat, *state)
    assert project_views.table_state(written, cat) == (state, [])
    assert project_views.table_query(cat, C.default_sort(cat), "", 1) == {}
    filters = {key: None for key in page.CONTROLS}
    monkeypatch.setattr(page, "triggered", lambda: page.Ids.SORT)
    monkeypatch.setattr(C, "offered_sorts", lambda _cat: ["title", "place"])  # a list without budgets
    for unoffered in ("budget", "newest", "<script>"):
        answer = page.update(sort=unoffered, search="", page=1, **filters)
        assert "sort" not in answer[4], unoffered
    assert page.update(sort="place", search="", page=1, **filters)[4] == {"sort": "place"}


def test_a_list_without_start_years_refuses_a_year_by_saying_so(cat):
    """Berlin's projects state no start year: the address's from=2020 said "from must be a whole
    number from 0 to 0", and the API's "'2020' is not a year from 0 to 0"."""
    from dataclasses import replace

    from views import projects as project_views

    undated = replace(cat, years=[])
    f, problems = project_views.parse({"from": "2020", "goal": "11"}, undated)
    assert f.start is None and f.goal == 11
    assert problems == ["The address asks for from '2020', but the data here has no years to choose from; "
                        "all are shown instead."]
    described = {p["name"]: p for p in project_views.DECLARATION.describe(undated)}
    assert described["from"]["bounds"] is None and described["to"]["bounds"] is None
    assert project_views.parse({"from": "2020"}, cat)[1] == []  # a list with years takes it


def test_the_narrow_screen_hint_names_the_columns_a_phone_shows(cat):
    """It said "title, place, status and budget" above Berlin's cards of title, place and goals."""
    from layouts import projects_cards

    hidden = projects_cards.phone_hidden(cat)
    hint = projects_cards.phone_hint(cat)
    for column in projects_cards.table_columns():
        word = projects_cards.PHONE_WORDS[column["id"]]
        assert (f" {word}" in hint or f"{word}," in hint) == (column["id"] not in hidden), word


def hidden_filter(tree, control_id: str) -> bool:
    """Whether the filter `control_id` sits in a column hidden by `shown_if` (class d-none)."""
    def holds(node) -> bool:
        return getattr(node, "id", None) == control_id or any(holds(child) for child in children(node))

    def children(node) -> list:
        kids = getattr(node, "children", None)
        return kids if isinstance(kids, list) else [] if kids is None or isinstance(kids, str) else [kids]

    return any("d-none" in (getattr(node, "className", None) or "") and holds(node) for node in walk(tree))


def test_what_no_project_states_gets_no_filter_chart_or_column(pages, cat):
    """Berlin's 420 projects state their goals alone: the page drew four chart cards that each said
    "no matching project ...", five table columns of "–", and start year, budget and status filters
    that could choose nothing. Each is left out, one sentence says which charts, and a filter the
    address chose stays shown so the reader can see and undo it."""
    from dataclasses import replace

    from views import projects as V

    page, _ = pages
    bare = replace(cat, projects=cat.projects.assign(
        status=pd.Categorical([P.NOT_STATED] * len(cat.projects)), budget_usd=float("nan"),
        budget=float("nan"), start_year=pd.array([None] * len(cat.projects), dtype="Int64"),
        jobs_created=float("nan"), beneficiaries=float("nan"),
        theme=pd.Series([None] * len(cat.projects), dtype="category"),
        procurement_method=pd.Categorical([P.NOT_STATED] * len(cat.projects))),
        funding=np.zeros_like(cat.funding), years=[])
    assert P.stated(cat) == set(P.FIELDS) and P.stated(bare) == frozenset()
    assert V.drawn_charts(cat) == V.CHARTS and V.drawn_charts(bare) == ("projects-goals",)
    assert V.left_out_sentence(cat) == ""
    assert V.left_out_sentence(bare) == ("No project in this list states a funding source, a procurement "
                                         "method, jobs created, people reached, or a start date, so no chart "
                                         "of it is drawn.")
    assert [c["id"] for c in C.shown_columns(bare)] == ["title", "place_name", "goal_list"]
    assert T.intro(P.stated(bare)) == "What cities are trying: each project's goals."
    assert T.intro(P.stated(cat)).endswith("how it is paid for and how it was contracted.")
    assert T.intro(frozenset({"procurement"})).endswith("goals and how it was contracted.")
    keys = ("from", "to", "budget_min", "budget_max", "status")
    full, plain = page.controls(P.Filters(), cat), page.controls(P.Filters(), bare)
    assert not any(hidden_filter(full, page.CONTROLS[key]) for key in keys)
    assert all(hidden_filter(plain, page.CONTROLS[key]) for key in keys)
    chosen = page.controls(P.Filters(budget_min=5, status=("active",)), bare)
    assert not hidden_filter(chosen, page.CONTROLS["budget_min"])
    assert not hidden_filter(chosen, page.CONTROLS["status"])
    assert hidden_filter(chosen, page.CONTROLS["from"])
    # one project stating jobs brings the chart of jobs and beneficiaries back, and its column
    jobs = replace(bare, projects=bare.projects.assign(jobs_created=[3.0, None, None]))
    assert V.drawn_charts(jobs) == ("projects-goals", "projects-themes")
    assert V.left_out_sentence(jobs).startswith(
        "No project in this list states a funding source, a procurement method, or a start date")
    assert "jobs_created" in [c["id"] for c in C.shown_columns(jobs)]


def test_berlins_projects_page_draws_what_its_list_states(realdata, tmp_path, monkeypatch, pages):
    """The real list (goals, titles and one place only): one chart card, the sentence for the others,
    a table of title, place and goals; the static site's page the same, without its theme and status
    filters."""
    from dashboard.cli import main
    from dashboard.static_site.projects_pages import project_filter
    from loaders.paths import REFERENCE_DIR

    page, _ = pages
    store = tmp_path / "store"
    source = realdata / "global-goals-berlin-projects" / "masterlist.csv"
    assert main(["import", "--kind", "projects", str(source),
                 "--mapping", str(REFERENCE_DIR / "mappings" / "berlin-global-goals.yml"),
                 "--store", str(store), "--quiet"]) == 0
    from dashboard import config

    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    config.settings.cache_clear()  # read once per process
    tree = page.layout()
    assert "What cities are trying: each project's goals." in text(tree)  # not "how it is paid for"
    charts = find(tree, page.Ids.CHARTS)
    words = text(charts)
    assert "Projects by goal" in words and "Funding source mix" not in words
    assert "No project in this list states a funding source" in words
    table = find(tree, page.Ids.TABLE_AREA).children[0].tree
    headers = [node[2] for node in static_nodes(table) if node[0] == "th" and node[1].get("scope") == "col"]
    assert headers == ["Title", "Place", "Goals"]
    _store, cat = page.current()
    form = project_filter("projects.html", "projects.json", len(cat.projects),
                          set(cat.projects["status"].astype("string")), set(cat.projects["theme"].dropna()))
    assert 'name="goal"' in form and 'name="theme"' not in form and 'name="status"' not in form


def static_nodes(node):
    if isinstance(node, list) and node and isinstance(node[0], str):
        yield node
        for child in node[2:]:
            yield from static_nodes(child)
