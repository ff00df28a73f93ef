"""Every page, callback and embed on every kind of store, read as a reader reads it.

The stores (tests/store_matrix.py) each lack something real imports lack: scores, coordinates,
money columns, years, places, ISO3 codes. On each, every page renders (no 500), every callback
answers with the values its page put in the controls, every embed renders, and the visible text
holds only true things: no template markup, no year the data do not have, no "x of y" with x > y,
and the map's counts match the places it draws."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from loaders.paths import DEMO_STORE
from loaders.store import Store
from tests import store_matrix
from tests.dash_requests import callback_body, router_body
from views.registry import EMBEDS

pytestmark = pytest.mark.slow

SHAPES = ["demo", *store_matrix.SHAPES]
PAGES = ("/", "/city/{place}", "/explore", "/projects", "/projects/financing", "/about")
MARKUP = re.compile(r"`|\{[a-z_]*\}|\*\*|\[\[|\bnan\b|\bNaN\b|\bNone\b(?! of)|<[a-z]+[ >]")
OF = re.compile(r"\b(\d[\d,]*) of (\d[\d,]*)\b")
YEAR = re.compile(r"(?<![\d.,/-])(19[5-9]\d|20\d\d)(?![\d.,%])")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    root = tmp_path_factory.mktemp("matrix")
    return {"demo": DEMO_STORE, **{shape: store_matrix.build(shape, root) for shape in store_matrix.SHAPES}}


def client_for(store_path, monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(store_path))
    monkeypatch.setenv("CITY_SDG_RATE_EMBEDS", "1000000 per minute")
    monkeypatch.setenv("CITY_SDG_RATE_API", "1000000 per minute")
    return create_app(str(store_path)).server.test_client()


def components(node, found: dict, texts: list[str]) -> None:
    """Collect every component's props by id, and the strings a reader sees (children)."""
    if isinstance(node, list):
        for child in node:
            components(child, found, texts)
    elif isinstance(node, str):
        texts.append(node)
    elif isinstance(node, dict) and "props" in node:
        props = node["props"]
        if isinstance(props.get("id"), str):
            found[props["id"]] = props
        if node.get("type") != "Markdown":  # Markdown is rendered: its `code` marks are not seen
            components(props.get("children"), found, texts)


def allowed_years(store_path) -> set[int]:
    data = Store(store_path).read()
    years = {2030}  # the SDGs' own target year, named by the trend charts
    for table in ("observations", "index", "goal_scores", "indicator_scores"):
        frame = data.tables.get(table)
        for column in ("year", "value_year"):
            if frame is not None and column in frame:
                years |= {int(y) for y in pd.to_numeric(frame[column], errors="coerce").dropna().unique()}
    for column in ("start_date", "end_date", "last_updated"):
        dates = pd.to_datetime(data.projects[column], errors="coerce").dropna()
        years |= {int(y) for y in dates.dt.year.unique()}
    years |= {int(y) for y in re.findall(r"\b(20\d\d)\b", json.dumps(data.meta))}
    return years


def check_text(where: str, text: str, years: set[int]) -> list[str]:
    problems = []
    if found := MARKUP.search(text):
        around = text[max(0, found.start() - 60):][:140]
        problems.append(f"{where}: template markup {found.group(0)!r} in {around!r}")
    for part, whole in OF.findall(text):
        if int(part.replace(",", "")) > int(whole.replace(",", "")):
            problems.append(f"{where}: '{part} of {whole}'")
    for year in {int(y) for y in YEAR.findall(text)} - years:
        problems.append(f"{where}: year {year} is in no table of this store")
    return problems


def first_place(store_path) -> str:
    places = Store(store_path).read().places
    cities = places[places["kind"] == "city"]
    return str((cities if len(cities) else places)["place_id"].iloc[0]) if len(places) else "none"


@pytest.mark.parametrize("shape", SHAPES)
def test_every_page_callback_and_embed(shape, stores, monkeypatch):
    store_path = stores[shape]
    client = client_for(store_path, monkeypatch)
    years, problems = allowed_years(store_path), []
    dependencies = [c for c in client.get("/_dash-dependencies").get_json()
                    if not c.get("clientside_function") and "_pages_content" not in c["output"]]
    for page in PAGES:
        path = page.format(place=first_place(store_path))
        assert client.get(path).status_code == 200, path
        answer = client.post("/_dash-update-component", json=router_body(path))
        assert answer.status_code == 200, (path, answer.get_data(as_text=True)[:400])
        found, texts = {}, []
        components(answer.get_json()["response"]["_pages_content"]["children"], found, texts)
        problems += check_text(f"{shape} {path}", " ".join(texts), years)
        if page.startswith("/city"):
            problems += check_city(f"{shape} {path}", " ".join(texts), store_path, path.rsplit("/", 1)[-1])
        for callback in dependencies:
            ids = [item["id"] for item in callback["inputs"]]
            if not ids or not all(i in found for i in ids):
                continue
            body = callback_body(callback, lambda cid, prop, found=found: found.get(cid, {}).get(prop))
            response = client.post("/_dash-update-component", json=body)
            assert response.status_code in (200, 204), (shape, path, callback["output"],
                                                        response.get_data(as_text=True)[:400])
            if response.status_code == 200:
                texts = []
                components(list(response.get_json()["response"].values()), {}, texts)
                problems += check_text(f"{shape} {path} -> {callback['output'][:50]}", " ".join(texts), years)
    for name in EMBEDS:
        response = client.get(f"/embed/{name}?place={first_place(store_path)}")
        assert response.status_code in (200, 404), (shape, name, response.status_code)
        visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ",
                         response.get_data(as_text=True), flags=re.S)
        problems += check_text(f"{shape} embed {name}", visible, years)
    assert problems == [], "\n".join(problems)


def test_the_map_says_how_many_places_it_draws_and_cannot(stores, monkeypatch):
    """On the store where most cities lack coordinates, the map's sentence counts what is drawn."""
    from views import map as map_view

    data = Store(stores["no-coordinates"]).read()
    state, _ = map_view.parse({"goal": "6"}, data)
    view = map_view.build(data, state)
    cities = data.places[data.places["kind"] == "city"]
    scores = data.goal_scores[(data.goal_scores["goal"] == 6) & (data.goal_scores["year"] == state.year)]
    scored = cities[cities["place_id"].isin(scores.dropna(subset=["score"])["place_id"])]
    drawn = scored.dropna(subset=["lat", "lon"])
    assert view.summary.startswith(f"{len(drawn)} of {len(cities)} places are on the map")
    hidden = len(cities) - len(cities.dropna(subset=["lat", "lon"]))
    cannot = f"{hidden} places cannot be drawn: they have no coordinates ({len(scored) - len(drawn)} "
    assert cannot in view.summary
    drawn_names = set(drawn["name"])
    named = re.search(r"highest: (.+?) \(.*lowest: (.+?) \(", view.summary).groups()
    assert set(named) <= drawn_names
    assert view.notes == [("How places without coordinates get on the map", "/about#not-drawn")]
    points = sum(len(trace.lat) for trace in view.figure.data)
    assert points == len(cities.dropna(subset=["lat", "lon"]))


def check_city(where: str, text: str, store_path, place: str) -> list[str]:
    """The city page's index, rank with its group size, and largest challenge, against the tables."""
    data = Store(store_path).read()
    index = data.tables.get("index")
    if index is None or index.empty or place not in set(index["place_id"].astype("string")):
        shown = re.search(r"SDG Index (score is )?\d", text)
        return [f"{where}: an index with no row"] if shown else []
    latest = index[index["year"] == index["year"].max()]
    row = latest[latest["place_id"].astype("string") == place].iloc[0]
    problems = []
    if bool(row["ranked"]) and int(latest["ranked"].sum()) == 1:  # a rank among one place says nothing
        if re.search(r"ranked \d", text):
            problems.append(f"{where}: a rank among one place said")
    elif bool(row["ranked"]):
        expected = f"ranked {int(row['rank']):,} of {int(latest['ranked'].sum()):,}"
        if expected not in text:
            problems.append(f"{where}: '{expected}' not said")
    elif "No SDG Index" not in text or re.search(r"ranked \d", text):
        problems.append(f"{where}: an index or rank shown below the coverage rule")
    goals = data.goal_scores
    goals = goals[(goals["place_id"].astype("string") == place) & (goals["year"] == row["year"])]
    goals = goals.dropna(subset=["score"]).sort_values(["score", "goal"])
    if len(goals) > 1 and "largest challenge is Goal" in text:
        worst = int(goals.iloc[0]["goal"])
        if f"largest challenge is Goal {worst}:" not in text:
            problems.append(f"{where}: the largest challenge is not goal {worst}, the lowest score")
    return problems
