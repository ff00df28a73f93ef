"""The view layer: one declaration per view, read tolerantly and written canonically, and the same view
through the page, the embed and the API."""

from __future__ import annotations

import html
import sys

import dash
import pytest

from layouts import i18n, names
from loaders.paths import DEMO_STORE
from loaders.store import Store
from tests.components import text
from views import city, registry
from views import map as map_view
from views import projects as project_views
from views.explore import state as explore_state
from views.params import Declaration, Known, Param


@pytest.fixture(scope="module")
def store():
    return Store(DEMO_STORE).read(Store(DEMO_STORE).current_version())


@pytest.fixture
def app(monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    return create_app(str(DEMO_STORE))


def page(path: str):
    return sys.modules[next(p["module"] for p in dash.page_registry.values()
                            if path in (p["path"], p.get("path_template")))]


# ------------------------------------------------------------------ declarations

TINY = Declaration((
    Param("kind", "choice", "Kind", ("a", "b"), "a"),
    Param("year", "integer", "Year", default=lambda _c, _v: 2020, bounds=lambda _c, _v: (2010, 2020)),
    Param("places", "many", "Places", lambda _c, values: ["x", "y"] if values["kind"] == "a" else ["z"]),
    Param("big", "flag", "Big", on="yes"),
    Param("q", "text", "Find", attr="find", max_length=5),
))


def test_a_declaration_reads_tolerantly_and_names_each_problem():
    values, problems = TINY.read({"kind": "c", "year": "２０１５", "places": "x,z", "big": "yes",
                                  "q": "abcdefgh"}, None)
    assert values == {"kind": "a", "year": 2020, "places": ("x",), "big": True, "find": "abcde"}
    assert len(problems) == 3 and "kind 'c'" in problems[0] and "year must be a whole number" in problems[1]
    assert "unknown places: z" in problems[2]


def test_choices_made_once_read_as_a_list_of_them_would():
    """A choice given as `Known` (a store's places, made once per version) reads, writes and
    describes itself as the same values given as a list; one value can be left out of it."""
    as_list = Declaration((Param("place", "choice", "Place", ("p1", "p2", "p3"), "p1"),
                           Param("others", "many", "Others", lambda _c, v: [p for p in ("p1", "p2", "p3")
                                                                             if p != v["place"]])))
    known = Known.of(["p1", "p2", "p3"])
    as_known = Declaration((Param("place", "choice", "Place", known, "p1"),
                            Param("others", "many", "Others", lambda _c, v: known.without(v["place"]))))
    for raw in ({"place": "p2", "others": "p1,p2,p3,p9"}, {"place": "p9", "others": "p1"}, {},
                {"place": "", "others": ",,p3"}):
        assert as_known.read(raw, None) == as_list.read(raw, None)
    assert as_known.describe(None) == as_list.describe(None)
    assert list(known.without("p2")) == ["p1", "p3"] and len(known.without("p2")) == 2
    assert "p2" not in known.without("p2") and "p2" in known and len(known.without("zz")) == 3
    assert {"a": 1} not in known and list(Known.of(["x", "y", "x"])) == ["x", "y"]


def test_a_declaration_writes_only_what_differs_from_the_defaults():
    assert TINY.write({"kind": "a", "year": 2020, "places": (), "big": False, "find": ""}, None) == {}
    written = TINY.write({"kind": "b", "year": 2015, "places": ("z",), "big": True, "find": "ab"}, None)
    assert written == {"kind": "b", "year": "2015", "places": "z", "big": "yes", "q": "ab"}
    assert TINY.read(written, None)[0] == {"kind": "b", "year": 2015, "places": ("z",), "big": True,
                                           "find": "ab"}


@pytest.mark.parametrize("raw", [
    {"goal": "6", "year": "2019", "view": "countries"}, {}, {"goal": "index", "year": "2025"},
])
def test_map_state_round_trips_through_its_query(store, raw):
    state, problems = map_view.parse(raw, store)
    assert problems == []
    assert map_view.parse(map_view.query(state, store), store)[0] == state


@pytest.mark.parametrize("raw", [
    {"view": "trend", "region": "Africa", "from": "2016", "places": "ken-nairobi,uga-kampala"},
    {"view": "scatter", "x": "pm25-concentration", "y": "life-expectancy", "size": "population"},
    {"view": "table", "sort": "name-asc", "q": "san", "band": "large"}, {"goal": "11", "target": "11.6"},
])
def test_explore_state_round_trips_through_its_query(store, raw):
    cat = explore_state.context(store)
    state, problems = explore_state.parse(raw, cat)
    assert problems == []
    assert explore_state.parse(explore_state.to_query(state, cat), cat)[0] == state


@pytest.mark.parametrize("raw", [
    {"year": "<script>", "goal": "../../etc", "view": "x" * 5000}, {"places": "\u202e,,,", "q": "\x00"},
    {"from": "2030", "to": "2010"}, {"goal": ["3", "4"]}, {"indicator": "nope", "target": "99.9"},
])
def test_hostile_queries_give_problems_never_errors(store, raw):
    cat = explore_state.context(store)
    state, problems = explore_state.parse(raw, cat)
    assert registry.build("ranking", raw, store).title
    assert isinstance(problems, list)
    assert map_view.parse(raw, store)[0].year == 2025


# ------------------------------------------------------------------ titles say what is shown

@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_titles_carry_every_filter_in_every_language(store, language):
    with i18n.use(language):
        ranking = registry.build("ranking", {"region": "Africa", "goal": "6"}, store)
        assert names.region("Africa") in ranking.subtitle
        country = registry.build("distribution", {"country": "KEN", "band": "large"}, store)
        assert names.country("KEN") in country.subtitle and "1" in country.subtitle
        trend = registry.build("trend", {}, store)
        five = {"en": "five best", "es": "cinco mejores", "fr": "cinq meilleurs"}[language]
        assert five in trend.subtitle
        chosen = registry.build("trend", {"places": "ken-nairobi,uga-kampala"}, store)
        assert "Nairobi" in chosen.subtitle and "Kampala" in chosen.subtitle
        projects = registry.build("projects-goals", {"region": "Africa", "status": "active"}, store)
        assert names.region("Africa") in projects.subtitle
        assert registry.build("map", {"view": "countries"}, store).subtitle


def test_embeds_and_their_pictures_carry_the_subtitle(app, store):
    client = app.server.test_client()
    body = client.get("/embed/ranking?region=Africa&lang=fr").get_data(as_text=True)
    assert "Afrique" in body and 'class="embed-subtitle' in body
    with i18n.use("en"):
        view = registry.build("ranking", {"region": "Africa"}, store)
    assert view.heading == f"{view.title}: {view.subtitle}"


# ------------------------------------------------------------------ one view, three readers

CASES = [
    ("map", "/", {"goal": "6", "year": "2020"}),
    ("ranking", "/explore", {"region": "Africa", "goal": "3"}),
    ("trend", "/explore", {"view": "trend", "places": "ken-nairobi,uga-kampala"}),
    ("projects-map", "/projects", {"region": "Africa", "status": "active"}),
    ("financing-gaps", "/projects/financing", {"region": "Asia"}),
    ("city-goals", "/city/<place_id>", {"place": "ken-nairobi", "year": "2020"}),
    ("city-trend", "/city/<place_id>", {"place": "ken-nairobi", "indicator": "child-stunting"}),
]


@pytest.mark.parametrize(("name", "path", "query"), CASES)
def test_page_embed_and_api_show_the_same_view(app, store, name, path, query):
    client = app.server.test_client()
    with i18n.use("en"):
        view = registry.build(name, query, store)
        raw = {k: v for k, v in query.items() if k != "place"}
        if path.startswith("/city/"):
            tree = page("/city/<place_id>").layout(place_id=query["place"], **raw)
        else:
            tree = page(path).layout(**raw)
    shown = " ".join(text(tree).split())  # text() joins a heading's runs and its year's span with a space
    # the city page names the place once, in its h1, and heads the tiles "The 17 goals in <year>"
    title = view.title.split(": ", 1)[1].capitalize() if name == "city-goals" else view.title
    assert title in shown and view.summary in shown
    if view.subtitle:
        assert view.subtitle in shown
    embed = html.unescape(client.get(f"/embed/{name}", query_string=query).get_data(as_text=True))
    assert view.title in embed and view.summary in embed and view.subtitle in embed
    if view.table is not None:
        assert view.table.caption in embed
    assert registry.page_embed(path.replace("<place_id>", query.get("place", "")), query, store)[0] in (
        name, "ranking", "city-goals", "city-trend")
    if name in ("ranking", "trend"):
        rows = client.get(view.api_path).get_data(as_text=True).splitlines()
        assert len(rows) - 1 == len(view.table.rows)
    if name == "projects-map":
        found = client.get(view.api_path).get_data(as_text=True).splitlines()
        assert len(found) - 1 == int(view.table.rows.iloc[:, 1].sum())


def test_every_embed_builds_from_its_declaration(store):
    for name in registry.EMBEDS:
        query = {"place": "ken-nairobi"} if name.startswith("city-") else {}
        if name == "city-districts":
            with pytest.raises(registry.NotAvailable):  # the demo has no district boundaries
                registry.build(name, query, store)
            continue
        view = registry.build(name, query, store)
        assert view.title and view.summary and view.full_path.startswith("/")


def test_the_api_serves_the_declarations(app):
    found = app.server.test_client().get("/api/v1/views").get_json()["data"]
    params = {p["name"]: p for p in found["views"]["explore"]}
    assert params["year"]["default"] == 2025 and params["year"]["bounds"] == [2015, 2025]
    assert "Africa" in params["region"]["choices"]
    assert [p["name"] for p in found["views"]["map"]] == ["goal", "year", "view", "region"]
    assert found["embeds"]["map"]["height"] == 640


def test_city_parse_keeps_only_known_comparisons(store):
    state, problems = city.parse({"place": "ken-nairobi", "compare": "uga-kampala,ken-nairobi,zzz"}, store)
    assert state.compare == ("uga-kampala",) and len(problems) == 2  # itself, and an unknown place
    assert project_views.to_query(project_views.parse({"goal": "3"}, project_views.context(store))[0],
                                  project_views.context(store)) == {"goal": "3"}




def test_a_comparison_says_which_kind_of_place_it_compares():
    """A store of regions and their country compares its regions: the country named in a
    comparison is left out with words about regions, not about cities (Benin's départements)."""
    import pandas as pd

    places = pd.DataFrame({"place_id": ["ben", "alibori", "atacora"], "name": ["Benin", "Alibori", "Atacora"],
                           "kind": ["country", "region", "region"]}).set_index("place_id", drop=False)
    ctx = city.Context(places, ["alibori", "atacora"], [2021], Known.of(places.index),
                       Known.of(["alibori", "atacora"]), {}, ("region",))
    raw, said = city.checked_compare({"place": "alibori", "compare": "ben,atacora"}, ctx)
    assert raw["compare"] == "atacora"
    assert said == ["Only regions are compared side by side here, so Benin is left out."]
    cities = city.Context(places, ["alibori"], [2021], Known.of(places.index), Known.of(["alibori"]), {})
    assert city.checked_compare({"place": "atacora", "compare": "ben,alibori"}, cities)[1] == [
        "Only cities and districts are compared side by side, so Benin is left out."]


def test_an_amount_s_bounds_in_a_message_are_grouped_and_a_year_s_are_not():
    """'budget_min must be a whole number from 0 to 10000000000000' was unread; years stay '2015'."""
    from views.params import Query

    query = Query({"budget_min": "-5", "year": "1800"})
    query.integer("budget_min", 0, 10**13, None)
    query.integer("year", 2000, 2030, 2020)
    assert "from 0 to 10,000,000,000,000, not '-5'" in query.problems[0]
    assert "from 2000 to 2030, not '1800'" in query.problems[1]


def test_a_summary_s_links_each_stand_on_their_own_line():
    """Bolivia's map summary ended in two links side by side, read as one ("...sin coordenadas Cómo
    calcula este panel..."): each is a block of its own after the sentences."""
    from dashboard.chrome import summary_parts
    from views.base import View

    view = View("t", "Two places cannot be drawn.", None, "/",
                notes=[("How places get on the map", "/about#not-drawn"),
                       ("How the index is made", "/about")])
    parts = summary_parts(view)
    assert parts[0] == "Two places cannot be drawn."
    blocks = parts[1:]
    assert [type(b).__name__ for b in blocks] == ["Span", "Span"]
    assert all("d-block" in b.className for b in blocks)
    assert [b.children.children for b in blocks] == ["How places get on the map", "How the index is made"]
