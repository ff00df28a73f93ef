"""Imported text holding HTML and script (place names, indicator names, units, descriptions, source
names, project titles and summaries) is shown as text on every page, embed, picture and API answer,
never run as markup."""

from __future__ import annotations

import json

import pytest

from views.registry import EMBEDS as VIEWS

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MARKERS = ("<script>alert", "<img src=x")
MAPPING = f"""\
format: tidy
source: "{IMG} Council"
place: {{column: City}}
country: {{column: Country}}
indicator: {{column: Indicator}}
year: {{column: Year}}
value: {{column: Value}}
indicators:
  pm25:
    goal: 11
    target: "11.6"
    name: "{SCRIPT} PM2.5"
    unit: "<b>ug</b>"
    direction: lower
    best: 5
    worst: 50
    green_threshold: 10
    red_threshold: 25
    description: "{IMG} fine particles"
"""

PROJECTS = """\
title: {column: Name}
summary: {column: Text}
goals: {column: SDGs}
place: {column: City}
country: {value: KEN}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from dashboard.app import create_app
    from dashboard.cli import main
    from loaders.store import Store

    folder = tmp_path_factory.mktemp("hostile")
    rows = ["City,Country,Indicator,Year,Value"]
    for year, value in ((2018, 30), (2022, 20)):
        rows += [f'"{SCRIPT}Town",KEN,pm25,{year},{value}', f"Nairobi,KEN,pm25,{year},{value + 5}"]
    (folder / "data.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    store = folder / "store"
    assert main(["import", str(folder / "data.csv"), "--mapping", str(folder / "mapping.yml"),
                 "--store", str(store)]) in (0, 1)
    (folder / "projects.csv").write_text(
        "Name,Text,SDGs,City\n"
        f'"{SCRIPT} Clean air","{IMG} sensors on every school",11,Nairobi\n', encoding="utf-8")
    (folder / "projects.yml").write_text(PROJECTS, encoding="utf-8")
    assert main(["import", str(folder / "projects.csv"), "--kind", "projects", "--mapping",
                 str(folder / "projects.yml"), "--store", str(store)]) in (0, 1)
    data = Store(store).read()
    hostile_place = data.places.loc[data.places["name"].str.contains("<script>"), "place_id"].iloc[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CITY_SDG_STORE", str(store))
        client = create_app(str(store)).server.test_client()
        client.get("/")
        yield client, hostile_place


def markdown_with_markup(node) -> bool:
    """A dcc.Markdown (the one component that could read markup) carrying the imported markup."""
    if isinstance(node, dict):
        if node.get("type") == "Markdown" and any(m in json.dumps(node) for m in MARKERS):
            return True
        return any(markdown_with_markup(v) for v in node.values())
    if isinstance(node, list):
        return any(markdown_with_markup(v) for v in node)
    return False


def layout(client, path: str, search: str = ""):
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                       {"id": "_pages_location", "property": "search", "value": search}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, path
    return response.get_json()


def test_pages_show_imported_markup_as_text(hostile):
    client, place = hostile
    pages = [("/", ""), (f"/city/{place}", ""), (f"/city/{place}", "?indicator=pm25"),
             ("/explore", "?indicator=pm25"), ("/explore", "?view=table&indicator=pm25"), ("/about", "")]
    shown = 0
    for path, search in pages:
        answer = layout(client, path, search)
        assert not markdown_with_markup(answer), path
        shown += any(m in json.dumps(answer) for m in ("alert(1)",))
        page = client.get(path + search)
        assert page.status_code == 200 and not any(m in page.get_data(as_text=True) for m in MARKERS)
    assert shown >= 3, "the imported text should appear (as text) on the pages"


def test_embeds_and_api_show_imported_markup_as_text(hostile):
    client, place = hostile
    query = f"place={place}&indicator=pm25&compare=ken-nairobi"
    escaped = 0
    for view in VIEWS:
        response = client.get(f"/embed/{view}?{query}")
        body = response.get_data(as_text=True)
        assert response.status_code in (200, 404) and not any(m in body for m in MARKERS), view
        escaped += "&lt;script&gt;" in body or "\\u003cscript\\u003e" in body
    assert escaped >= 3
    for path in ("/api/v1/places", "/api/v1/indicators", "/api/v1/observations", "/api/v1/versions"):
        answer = client.get(path)
        assert answer.mimetype == "application/json" and answer.headers["X-Content-Type-Options"] == "nosniff"
        csv = client.get(path + ".csv")
        assert csv.mimetype == "text/csv" and csv.headers["Content-Disposition"].startswith("attachment")
    assert SCRIPT in client.get("/api/v1/indicators").get_json()["data"][0]["name"]  # kept, as data


def test_pictures_show_imported_markup_as_text(hostile):
    from dashboard.pictures import chromium

    if chromium() is None:
        pytest.skip("Chromium is not installed")
    client, place = hostile
    response = client.get(f"/embed/city-trend.svg?place={place}&indicator=pm25")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    assert "alert(1)" in svg and not any(m in svg for m in MARKERS)


def test_project_texts_show_as_text(hostile):
    client, _place = hostile
    assert SCRIPT in client.get("/api/v1/projects").get_json()["data"][0]["title"]  # kept, as data
    for path in ("/projects", "/projects?place=ken-nairobi", "/city/ken-nairobi"):
        answer = layout(client, path.split("?")[0], "?" + path.split("?")[1] if "?" in path else "")
        assert not markdown_with_markup(answer), path
        assert "alert(1)" in json.dumps(answer), path
        page = client.get(path)
        assert page.status_code == 200 and not any(m in page.get_data(as_text=True) for m in MARKERS)
    for view in ("projects-map", "projects-goals", "projects-themes"):
        body = client.get(f"/embed/{view}").get_data(as_text=True)
        assert not any(m in body for m in MARKERS), view
    csv = client.get("/api/v1/projects.csv")
    assert csv.mimetype == "text/csv" and csv.headers["X-Content-Type-Options"] == "nosniff"
