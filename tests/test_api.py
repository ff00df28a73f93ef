"""The open data API: every route's status, type and columns; filters, paging, errors, versions."""

from __future__ import annotations

import io
import json
import re
from html import unescape

import pandas as pd
import pytest

from dashboard import api
from dashboard.api import respond, tables
from dashboard.api.spec import DEFAULT_LIMIT, MAX_LIMIT, RESOURCES
from layouts import i18n, projects
from loaders.paths import DEMO_STORE
from loaders.store import Store
from tests.components import page_module
from views import params as links

LISTS = [r for r in RESOURCES.values() if r.kind != "version"]
TABLES = [r for r in RESOURCES.values() if r.kind in ("table", "versions")]


def api_app(store, monkeypatch):
    """The dashboard on `store` (create_app registers the API)."""
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    app = create_app(str(store))
    assert api.NAME in app.server.blueprints
    return app


@pytest.fixture(scope="module")
def demo_app():
    with pytest.MonkeyPatch.context() as patch:
        yield api_app(DEMO_STORE, patch)


@pytest.fixture
def client(demo_app, monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    return demo_app.server.test_client()


def body(response) -> dict:
    assert response.content_type == "application/json", response.get_data(as_text=True)[:300]
    return json.loads(response.get_data(as_text=True))


def ok(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return body(response)


def frame(client, url: str) -> pd.DataFrame:
    found = ok(client, url)
    return pd.DataFrame(found["data"], columns=found["meta"]["columns"])


# ---------------------------------------------------------------- routes, types, columns


@pytest.mark.parametrize("resource", LISTS, ids=lambda r: r.name)
def test_every_resource_answers_json_and_csv_with_its_columns(client, resource):
    found = ok(client, f"/api/v1/{resource.name}")
    meta = found["meta"]
    assert meta["version"] == "demo-1" and meta["demo"] is True and meta["total"] >= len(found["data"]) > 0
    if resource in TABLES:
        assert meta["columns"] == [c.name for c in resource.columns]
    else:
        assert set(meta["columns"]) <= {c.name for c in resource.columns}
    csv = client.get(f"/api/v1/{resource.name}.csv")
    assert csv.status_code == 200 and csv.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.match(r'attachment; filename="city-sdg-[\w.-]+\.csv"', csv.headers["Content-Disposition"])
    assert csv.get_data(as_text=True).startswith(respond.BOM)  # Excel reads accents right
    assert csv.get_data(as_text=True).removeprefix(respond.BOM).splitlines()[0].split(",") == meta["columns"]
    for response in (csv, client.get(f"/api/v1/{resource.name}?format=json")):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Set-Cookie" not in response.headers


def test_table_resources_are_paged_by_default_and_views_are_not(client):
    assert ok(client, "/api/v1/observations")["meta"]["limit"] == DEFAULT_LIMIT
    assert len(ok(client, "/api/v1/observations")["data"]) == DEFAULT_LIMIT
    projects = ok(client, "/api/v1/projects")
    assert projects["meta"]["limit"] is None and len(projects["data"]) == projects["meta"]["total"] == 300


def test_versions_list_and_one_version(client):
    versions = frame(client, "/api/v1/versions")
    assert versions[["version", "current", "demo"]].values.tolist() == [["demo-1", True, True]]
    one = ok(client, "/api/v1/versions/demo-1")
    assert one["data"]["version"] == "demo-1" and one["data"]["counts"]["projects"] == 300
    assert ok(client, "/api/v1/versions/demo-1.json")["data"]["version"] == "demo-1"
    assert client.get("/api/v1/versions/demo-1.csv").status_code == 400


def test_docs_page_is_local_accessible_html_with_examples(client):
    response = client.get("/api/v1/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.content_type.startswith("text/html")
    assert '<html lang="en"' in html and "<title>" in html and html.count("<h1") == 1
    assert not re.search(r'(src|href)="(https?:)?//', html), "the page loads nothing from other origins"
    assert 'href="/vendor/bootstrap/css/bootstrap.min.css"' in html
    for resource in RESOURCES.values():
        assert f"/api/v1/{resource.name}" in html
    assert "curl " in html and 'href="/api/v1/observations.csv?indicator=' in html
    assert html.count("<caption>") == html.count("<table")
    for url in ("/api", "/api/", "/api/v1"):
        assert client.get(url).status_code in (301, 302, 308)
    assert_examples_work(client)


def assert_examples_work(client) -> None:
    """Every example link of the docs page answers 200 on the store served."""
    html = client.get("/api/v1/").get_data(as_text=True)
    examples = {unescape(href) for href in re.findall(r'href="(/api/v1/[^"#]+)"', html)}
    assert len(examples) >= 2 * len(LISTS)
    for url in examples:
        assert client.get(url).status_code == 200, url


def test_openapi_describes_every_route_from_the_same_spec(client):
    spec = ok(client, "/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {f"/{name}" for name in RESOURCES}
    places = spec["components"]["schemas"]["Places"]["properties"]
    assert list(places) == [c.name for c in RESOURCES["places"].columns]
    observations = spec["paths"]["/observations"]["get"]
    names = [p["name"] for p in observations["parameters"]]
    assert {"goal", "indicator", "place", "region", "country", "year", "from", "to", "limit",
            "offset", "version", "format"} <= set(names)
    assert set(observations["responses"]["200"]["content"]) == {"application/json", "text/csv"}


# ---------------------------------------------------------------- filters


def test_filters_goal_indicator_place_region_country_and_years(client):
    indicators = frame(client, "/api/v1/indicators?goal=11")
    assert len(indicators) and set(indicators["goal"]) == {11}
    goal_11 = set(indicators["indicator_id"])
    obs = frame(client, f"/api/v1/observations?goal=11&limit={MAX_LIMIT}")
    assert len(obs) and set(obs["indicator_id"]) == goal_11
    one = frame(client, "/api/v1/observations?indicator=pm25-concentration&place=ken-nairobi,uga-kampala")
    assert set(one["place_id"]) == {"ken-nairobi", "uga-kampala"} and set(one["indicator_id"]) == {
        "pm25-concentration"}
    places = frame(client, "/api/v1/places?limit=5000")
    africa = set(places.loc[places["un_region"] == "Africa", "place_id"])
    scores = frame(client, f"/api/v1/scores/index?region=Africa&limit={MAX_LIMIT}")
    assert len(scores) and set(scores["place_id"]) <= africa
    kenya = frame(client, "/api/v1/scores/goals?country=ken&goal=6&from=2018&to=2020")
    assert set(kenya["place_id"]) <= set(places.loc[places["country_iso3"] == "KEN", "place_id"])
    assert set(kenya["goal"]) == {6} and set(kenya["year"]) == {2018, 2019, 2020}
    year = frame(client, "/api/v1/scores/indicators?indicator=pm25-concentration&year=2020")
    assert set(year["year"]) == {2020} and year["place_id"].is_unique
    cities = frame(client, "/api/v1/places?kind=city&country=KEN,UGA")
    assert set(cities["kind"]) == {"city"} and set(cities["country_iso3"]) == {"KEN", "UGA"}


# ---------------------------------------------------------------- paging and formats


def test_paging_walks_every_row_once_with_next_links(client):
    url = "/api/v1/observations?indicator=pm25-concentration&region=Africa"
    whole = frame(client, f"{url}&limit={MAX_LIMIT}")
    first = client.get(f"{url}&limit=100")
    found = body(first)
    assert found["meta"]["total"] == len(whole) > 200 and found["meta"]["count"] == 100
    assert first.headers["X-Total-Count"] == str(len(whole))
    assert first.headers["Link"] == f'<{found["meta"]["next"]}>; rel="next"'
    assert "offset=100" in found["meta"]["next"] and "version=demo-1" in found["meta"]["next"]
    pages, following = [pd.DataFrame(found["data"])], found["meta"]["next"]
    while following:
        found = ok(client, following.replace("http://localhost", ""))
        pages.append(pd.DataFrame(found["data"]))
        following = found["meta"]["next"]
    pd.testing.assert_frame_equal(pd.concat(pages, ignore_index=True), whole)
    empty = ok(client, f"{url}&offset={len(whole)}")
    assert empty["data"] == [] and empty["meta"]["next"] is None
    assert ok(client, f"{url}&limit=0")["meta"]["total"] == len(whole)


@pytest.mark.parametrize("resource", ["places", "indicators", "observations", "scores/indicators",
                                      "scores/goals", "scores/index", "explore", "projects", "versions"])
def test_csv_and_json_hold_the_same_rows(client, resource):
    query = "limit=300&offset=7"
    as_json = frame(client, f"/api/v1/{resource}?{query}")
    text = client.get(f"/api/v1/{resource}.csv?{query}").get_data(as_text=True)
    as_csv = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    assert list(as_csv.columns) == list(as_json.columns) and len(as_csv) == len(as_json)
    for column in as_json.columns:
        left, right = as_json[column], as_csv[column]
        left = left.where(left != "", None)  # CSV cannot tell an empty text from a missing one
        if pd.api.types.is_numeric_dtype(right) and not pd.api.types.is_bool_dtype(right):
            pd.testing.assert_series_equal(pd.to_numeric(left).astype("float64"), right.astype("float64"),
                                           rtol=1e-12, check_names=False)
        else:
            assert left.isna().tolist() == right.isna().tolist(), column
            assert left.dropna().astype(str).tolist() == right.dropna().astype(str).tolist(), column


def test_missing_values_are_null_in_json_and_empty_in_csv(client):
    url = "/api/v1/indicators?indicator=poverty-national-line"
    row = ok(client, url)["data"][0]
    assert row["yellow_threshold"] is None and row["target_year"] is None
    text = client.get(url + "&format=csv").get_data(as_text=True)
    values = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).iloc[0]
    assert values["yellow_threshold"] == "" and values["target_year"] == ""


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/v1/observations?year=abc", "year"),
    ("/api/v1/observations?limit=-1", "limit"),
    (f"/api/v1/observations?limit={MAX_LIMIT + 1}", "limit"),
    ("/api/v1/observations?offset=x", "offset"),
    ("/api/v1/indicators?goal=99", "goal"),
    ("/api/v1/places?format=xml", "format"),
    ("/api/v1/places.xml", "format"),
    ("/api/v1/places.csv?format=json", "format"),
    ("/api/v1/observations?indicator=no-such-indicator", "indicator"),
    ("/api/v1/observations?place=atlantis", "place"),
    ("/api/v1/observations?country=KENYA", "country"),
    ("/api/v1/observations?country=XYZ", "country"),
    ("/api/v1/observations?region=Atlantis", "region"),
    ("/api/v1/observations?from=2021&to=2019", "from"),
    ("/api/v1/observations?year=2020&from=2019", "year"),
    ("/api/v1/observations?colour=green", "colour"),
    ("/api/v1/places?kind=planet", "kind"),
    ("/api/v1/explore?year=1900", "year"),
    ("/api/v1/explore?view=pie", "view"),
    ("/api/v1/explore?goal=3&target=4.1", "target"),
    ("/api/v1/explore?goal=3&places=ken-nairobi,atlantis", "places"),
    ("/api/v1/projects?theme=nope", "theme"),
    ("/api/v1/projects?budget_min=10&budget_max=5", "budget_min"),
    ("/api/v1/projects?goal=0", "goal"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    error = body(response)["error"]
    assert response.status_code == 400 and error["status"] == 400
    assert error["parameter"] == parameter and error["message"]
    assert "Traceback" not in response.get_data(as_text=True)
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_bad_value_given_alone_is_not_blamed_on_other_parameters(client):
    """'/projects?region=europe' answered "... with the other parameters given", when none was."""
    alone = body(client.get("/api/v1/projects?region=europe"))["error"]["message"]
    assert alone == "'europe' is not a value of 'region' here."
    paired = body(client.get("/api/v1/explore?goal=3&target=4.1"))["error"]["message"]
    assert paired == "'4.1' is not accepted for 'target' with the other parameters given."


def test_views_and_the_description_refuse_a_parameter_they_do_not_take(client):
    """`views?bogus=1` and `openapi.json?x=1` answered 200 where every other resource answers 400."""
    for url, name in (("/api/v1/views?bogus=1", "bogus"), ("/api/v1/openapi.json?x=1", "x")):
        answer = client.get(url)
        assert answer.status_code == 400 and answer.get_json()["error"]["parameter"] == name
    assert client.get("/api/v1/views?lang=fr").status_code == 200


@pytest.mark.parametrize(("method", "url", "status", "parameter"), [
    ("get", "/api/v1/nothing", 404, None),
    ("get", "/api/v1/nothing.csv", 404, None),
    ("get", "/api/v2/places", 404, None),
    ("get", "/api/v1/versions/no-such-version", 404, "version"),
    ("get", "/api/v1/observations?version=no-such-version", 404, "version"),
    ("get", "/api/v1/places?version=../demo-1", 404, "version"),
    ("post", "/api/v1/places", 405, None),
    ("delete", "/api/v1/versions/demo-1", 405, None),
    ("put", "/api/v1/nothing", 405, None),
])
def test_unknown_paths_and_versions_and_writes_are_json_errors(client, method, url, status, parameter):
    response = getattr(client, method)(url)
    error = body(response)["error"]
    assert response.status_code == status and (error["status"], error["parameter"]) == (status, parameter)
    assert "Traceback" not in response.get_data(as_text=True)
    if status == 405:
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_a_failure_inside_is_a_plain_500(client, monkeypatch):
    def broken(*_args):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(tables, "select", broken)
    response = client.get("/api/v1/observations?limit=3")  # a query no other test asked (no cached answer)
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and body(response)["error"]["status"] == 500
    assert "secret internals" not in text and "Traceback" not in text


def test_preflight_and_head(client):
    response = client.options("/api/v1/places")
    assert response.status_code == 204 and response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    head = client.head("/api/v1/places.csv")
    assert head.status_code == 200 and head.headers["Content-Type"] == "text/csv; charset=utf-8"


# ---------------------------------------------------------------- the pages' downloads


@pytest.mark.parametrize("query", [
    {}, {"view": "ranking", "goal": "3"}, {"indicator": "pm25-concentration", "measure": "value"},
    {"view": "table", "region": "Africa", "sort": "name-asc", "q": "a"},
    {"view": "distribution", "goal": "6", "year": "2018"},
    {"view": "trend", "from": "2016", "to": "2020", "places": "ken-nairobi,uga-kampala"},
    {"view": "scatter", "x": "pm25-concentration", "y": "life-expectancy", "size": "population"},
])
def test_explore_resource_equals_the_explore_download(client, query):
    from views.explore import rows
    from views.explore import state as explore_state

    page = page_module("/explore")
    store, cat = page.current()
    state, problems = explore_state.parse(query, cat)
    assert problems == []
    expected = rows.filtered_frame(store, cat, state)
    url = links.download_url("explore", explore_state.to_query(state, cat), "csv")
    assert page.update_downloads(explore_state.to_query(state, cat))[0] == i18n.href(url)  # in its language
    assert client.get(url).get_data(as_text=True) == respond.csv_text(expected)
    found = ok(client, url.replace(".csv", ".json"))
    assert found["data"] == json.loads(respond.records(expected))


@pytest.mark.parametrize("query", [
    {}, {"goal": "11"}, {"status": "active,planned", "region": "Africa"},
    {"theme": "financing", "from": "2019", "to": "2024"}, {"place": "ken-nairobi"},
    {"funding": "municipal budget", "budget_min": "10000", "budget_max": "5000000"},
])
def test_projects_resource_equals_the_projects_download(client, query):
    page = page_module("/projects")
    _, cat = page.current()
    filters, problems = page.parse(query, cat)
    assert problems == []
    expected = projects.select(cat, filters).projects.drop(columns=list(projects.ORDERING_COLUMNS))
    from views import projects as project_views

    url = links.download_url("projects", project_views.to_query(filters, cat), "csv")
    assert page.update_downloads(project_views.to_query(filters, cat))[0] == i18n.href(url)
    assert client.get(url).get_data(as_text=True) == respond.csv_text(expected)
    found = ok(client, url.replace(".csv", ".json"))
    assert found["data"] == json.loads(respond.records(expected))


def test_download_url_builds_api_links():
    assert links.download_url("explore", {"view": "ranking", "goal": "3"}, "csv") == (
        "/api/v1/explore.csv?view=ranking&goal=3")
    assert links.download_url("projects", {"status": ("active", "planned"), "goal": 11, "place": None},
                              "json") == "/api/v1/projects.json?status=active%2Cplanned&goal=11"
    assert links.download_url("scores/goals", {}, "json") == "/api/v1/scores/goals.json"
    assert links.download_url("explore", {"q": "São Paulo & co"}, "csv").endswith("q=S%C3%A3o+Paulo+%26+co")
    with pytest.raises(ValueError):
        links.download_url("explore", {}, "xml")


# ---------------------------------------------------------------- frozen versions


MAPPING = """\
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
"""


def test_a_pinned_version_keeps_its_numbers_after_a_new_import(tmp_path, monkeypatch):
    from dashboard.cli import main

    store = tmp_path / "store"
    (tmp_path / "mapping.yml").write_text(MAPPING)
    versions = []
    for name, nairobi in (("first.csv", 10), ("second.csv", 25)):
        (tmp_path / name).write_text("City,Country,Indicator,Year,Value\n"
                                     f"Nairobi,KEN,11.6.2,2020,{nairobi}\nKampala,UGA,11.6.2,2020,30\n")
        command = ["import", str(tmp_path / name), "--mapping", str(tmp_path / "mapping.yml"),
                   "--store", str(store)]
        assert main(command) == 0
        versions.append(Store(store).current_version())
    first, second = versions
    client = api_app(store, monkeypatch).server.test_client()
    url = "/api/v1/observations?place=ken-nairobi&indicator=11-6-2&year=2020"
    pinned, current = ok(client, f"{url}&version={first}"), ok(client, url)
    assert [r["value"] for r in pinned["data"]] == [10.0] and pinned["meta"]["version"] == first
    assert [r["value"] for r in current["data"]] == [25.0] and current["meta"]["version"] == second
    assert "immutable" in client.get(f"{url}&version={first}").headers["Cache-Control"]
    scores = "/api/v1/scores/indicators?place=ken-nairobi&year=2020"
    assert ok(client, f"{scores}&version={first}")["data"][0]["value"] == 10.0
    listed = frame(client, "/api/v1/versions")
    assert listed[["version", "current"]].values.tolist() == [[first, False], [second, True]]
    assert ok(client, f"/api/v1/versions/{first}")["data"]["version"] == first
    assert_examples_work(client)


@pytest.mark.browser
def test_docs_page_in_a_browser_is_offline_and_passes_axe(dash_duo, app):
    from tests.browser import foreign_requests, serious_violations, start

    start(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/api/v1/")
    dash_duo.wait_for_text_to_equal("h1", "Open data API")
    assert foreign_requests(dash_duo.driver, dash_duo.server_url) == []
    assert serious_violations(dash_duo.driver) == []


def test_docs_api_md_names_every_resource_and_column():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    for resource in RESOURCES.values():
        assert f"/api/v1/{resource.name}`" in text, resource.name
        # each column a row of its own resource's table, described (projects' `language` was in the
        # CSV and named elsewhere in the page, and in no table)
        section = text[text.index(f"`GET /api/v1/{resource.name}`"):]
        section = section[:section.find("\n### ")] if "\n### " in section else section
        for column in resource.columns:
            assert f"| `{column.name}` |" in section, (resource.name, column.name)
            assert column.description, (resource.name, column.name)


def test_json_numbers_are_the_shortest_exact_floats():
    frame = pd.DataFrame({"place_id": ["a/b", "ç", None], "year": [2015, 2016, 2017],
                          "value": [42.1, 27.874999999999993, float("nan")],
                          "share": pd.array([0.1 + 0.2, None, 1e-07], dtype="Float64")})
    text = respond.records(frame)
    assert '"value":42.1,' in text and "42.100000000000001" not in text
    found = json.loads(text)
    assert [row["value"] for row in found] == [42.1, 27.874999999999993, None]
    assert [row["share"] for row in found] == [0.30000000000000004, None, 1e-07]
    assert [row["place_id"] for row in found] == ["a/b", "ç", None]
    assert [row["year"] for row in found] == [2015, 2016, 2017]
    assert respond.records(frame[[]]) == "[]"


@pytest.fixture(scope="module")
def laid_out_app(tmp_path_factory):
    """The demo store copied with the serving layout (by-place files), as an import writes it."""
    import shutil

    from loaders import serving

    folder = tmp_path_factory.mktemp("laid-out") / "store"
    shutil.copytree(DEMO_STORE, folder)
    store = Store(folder)
    assert serving.write_layout(store.version_dir(store.current_version()))
    with pytest.MonkeyPatch.context() as patch:
        yield api_app(folder, patch)


PAGED_QUERIES = [
    "observations", "observations?limit=1000&offset=5000",
    "observations.csv?region=Africa&limit=700&offset=300",
    "observations?indicator=pm25-concentration&from=2018&to=2020&limit=200&offset=150",
    "observations?goal=11&country=KEN", "observations?place=ken-nairobi&year=2020",
    "observations?region=Africa&country=FRA", "observations?offset=99999999",
    "observations?region=Europe&limit=0", "scores/indicators?goal=3&limit=50&offset=10",
    "scores/indicators.csv?subregion=Eastern%20Africa&year=2019",
    "scores/goals?goal=6&year=2020", "scores/goals?region=Europe&limit=100&offset=100",
    "scores/goals.csv?place=ken-nairobi,fra-paris&to=2018",
]


@pytest.mark.parametrize("query", PAGED_QUERIES)
def test_large_tables_are_paged_from_disk_with_the_same_answers(laid_out_app, demo_app, query, monkeypatch):
    """A version with the serving layout answers the large tables from its by-place files, a few row
    groups at a time, never loading the table whole; every page, total and link is the in-memory one."""
    monkeypatch.setattr(tables, "prepared", lambda *_a: pytest.fail("a large table was loaded whole"))
    served = laid_out_app.server.test_client().get(f"/api/v1/{query}")
    monkeypatch.undo()
    memory = demo_app.server.test_client().get(f"/api/v1/{query}")
    assert served.status_code == memory.status_code == 200
    assert served.get_data(as_text=True) == memory.get_data(as_text=True)
    for header in ("X-Total-Count", "Link", "Content-Type"):
        assert served.headers.get(header) == memory.headers.get(header)


def test_a_year_of_a_project_list_without_years_is_refused_saying_so(client, monkeypatch):
    """Berlin's projects state no start year: '2020' was "not a year from 0 to 0"."""
    from dataclasses import replace

    from views import projects as project_views

    real = project_views.context
    monkeypatch.setattr(project_views, "context", lambda store: replace(real(store), years=[]))
    response = client.get("/api/v1/projects?from=2020")
    error = body(response)["error"]
    assert response.status_code == 400 and error["parameter"] == "from"
    assert error["message"] == "'2020' cannot be chosen: the data here has no years."
    assert client.get("/api/v1/projects?goal=11").status_code == 200


def test_explore_rows_carry_the_rating_and_trend_codes_in_every_language(client):
    """The explore rows held the rating and trend in words only ("• aucune tendance évaluée" under
    lang=fr): a client reading them broke with the language. The codes sit beside the words."""
    english = pd.read_csv(io.StringIO(client.get("/api/v1/explore.csv?goal=6").get_data(as_text=True)))
    french = pd.read_csv(io.StringIO(client.get("/api/v1/explore.csv?goal=6&lang=fr").get_data(as_text=True)))
    assert english[["colour", "arrow"]].equals(french[["colour", "arrow"]])
    assert set(english["colour"]) <= {"green", "yellow", "orange", "red", "grey"}
    assert set(english["arrow"]) <= {"on_track", "maintaining", "improving", "stagnating", "decreasing",
                                     "no_data"}
    assert not english["rating"].equals(french["rating"])
    from views.explore import rows

    _store, cat = page_module("/explore").current()
    assert {"colour", "arrow"}.isdisjoint(rows.display_frame(english, cat).columns)  # the page shows words


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text():
    """A place named `+cmd|' /C calc'!A0` was accepted at import (only a leading `=` is refused) and
    written as it is to every CSV: a spreadsheet opening the download runs it."""
    frame = pd.DataFrame({"name": ["+cmd|' /C calc'!A0", "Potosí", None, "-5", "@SUM(A1)", "Cali"],
                          "value": [-1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
                          "kind": pd.Categorical(["=1+1", "city", "city", "city", "city", "\tx"])})
    text = respond.csv_text(frame)
    assert text.startswith(respond.BOM)
    back = pd.read_csv(io.StringIO(text.removeprefix(respond.BOM)), keep_default_na=False)
    assert back["name"].tolist() == ["'+cmd|' /C calc'!A0", "Potosí", "", "'-5", "'@SUM(A1)", "Cali"]
    assert back["value"].tolist() == [-1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # numbers are never touched
    assert back["kind"].tolist() == ["'=1+1", "city", "city", "city", "city", "'\tx"]
    # whole numbers without a decimal (a population of 6435.0, one job "1.0"); others as they are
    counts = pd.DataFrame({"population": [6435.0, None, 120.0], "value": [1.5, 2.0, 3.0]})
    assert respond.csv_text(counts).removeprefix(respond.BOM).splitlines() == [
        "population,value", "6435,1.5", ",2.0", "120,3.0"]
    safe = frame.iloc[[1, 5]].drop(columns="kind")
    assert respond.spreadsheet_safe(safe) is safe  # nothing to change: the frame itself, not a copy


def test_a_parameter_given_twice_with_two_values_is_refused(client):
    """`?goal=3&goal=4` (what `requests` sends for params={'goal': [3, 4]}) answered goal 4's rows
    alone, with a 200, as if they were all; the same value twice is still one."""
    answer = client.get("/api/v1/observations?goal=3&goal=4")
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["parameter"] == "goal" and error["message"] == (
        "'goal' is given more than once ('3', '4'); give it once, several values separated by commas "
        "where it takes a list.")
    assert client.get("/api/v1/explore?goal=3&goal=4").status_code == 400
    assert client.get("/api/v1/observations?goal=3&goal=3").status_code == 200
    assert ok(client, "/api/v1/observations?goal=3,4")["meta"]["total"] > ok(
        client, "/api/v1/observations?goal=4")["meta"]["total"]
