"""Every page renders on a store built by `city-sdg import` (one city, no projects), and odd
query strings (repeated keys, repeated ids) give messages, not errors."""

from __future__ import annotations

import importlib
import re

import dash
import pandas as pd
import pytest

from dashboard.cli import main
from loaders.paths import DEMO_STORE

pytestmark = pytest.mark.realdata


def page(path: str):
    module = next(p["module"] for p in dash.page_registry.values() if p["path"] == path)
    return importlib.import_module(module)


@pytest.fixture(scope="module")
def imported_store(tmp_path_factory):
    from tests.conftest import REALDATA

    if not REALDATA.is_dir():
        pytest.skip("real data folder is absent")
    store = tmp_path_factory.mktemp("imported") / "store"
    for folder in ("losangeles-opensdg", "bristol-opensdg"):
        assert main(["import", str(REALDATA / folder), "--store", str(store)]) in (0, 1)
    from dashboard.app import create_app

    create_app(str(store))
    return store


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/", {}), ("/", {"goal": "11", "view": "countries"}),
        ("/city/none", {"place_id": "usa-los-angeles"}),
        ("/city/none", {"place_id": "gbr-bristol"}),
        ("/explore", {}), ("/explore", {"indicator": "5-1-1"}),
        ("/explore", {"view": "scatter", "x": "5-1-1", "y": "16-2-1"}),
        ("/explore", {"measure": "value", "indicator": "11-2-1"}),
        ("/projects", {}), ("/projects/financing", {}), ("/about", {}),
    ],
)
def test_pages_render_on_an_imported_store(imported_store, monkeypatch, path, query):
    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    tree = page(path).layout(**query)
    assert tree is not None


def test_a_store_without_projects_says_so_once_and_leaves_them_out_of_the_menu(imported_store, monkeypatch):
    """Its projects page had filters of nothing and six empty panels, and every page linked to it."""
    from dashboard.app import navigation
    from tests.components import text, walk

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    pages = (("/projects", "Innovation projects"), ("/projects/financing", "Financing and procurement"))
    for path, heading in pages:
        tree = page(path).layout()
        assert text(tree) == f"{heading} This data holds no projects yet. Go to the map of all places"
    def menu() -> list[str]:
        return [node.href.split("?")[0] for node in walk(navigation()) if isinstance(node, dash.dcc.Link)]

    from dashboard.app import create_app

    for store, menu_of_store in ((imported_store, ["/", "/", "/explore", "/about"]),
                                 (DEMO_STORE, ["/", "/", "/explore", "/projects", "/about"])):
        with create_app(str(store)).server.test_request_context("/"):
            assert menu() == menu_of_store


def test_repeated_query_keys_and_ids_are_harmless(monkeypatch):
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    create_app(str(DEMO_STORE))
    assert page("/").layout(year=["2020", "2021"]) is not None
    city = page("/city/none")
    assert city.layout(place_id="ken-nairobi", compare="eth-addis-ababa,eth-addis-ababa") is not None
    assert city.layout(place_id="ken-nairobi", compare=["eth-addis-ababa", "uga-kampala"]) is not None


def test_every_embed_renders_on_an_imported_store(imported_store, monkeypatch):
    """Real data: Bristol's wards give the district map embed; views without data answer 404."""
    from dashboard.app import create_app
    from views.registry import EMBEDS as VIEWS

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    client = create_app(str(imported_store)).server.test_client()
    districts = client.get("/embed/city-districts?place=gbr-bristol&lang=fr")
    body = districts.get_data(as_text=True)
    # the wards' latest values are of the financial year 2020-21, written as the source wrote it
    assert districts.status_code == 200
    assert ', par district, <span class="text-nowrap">2020-21</span></h1>' in body  # kept on one line
    assert 'id="embed-figure"' in body and "choropleth" in body
    assert client.get("/embed/city-districts?place=usa-los-angeles").status_code == 404
    for name in VIEWS:
        status = client.get(f"/embed/{name}?place=gbr-bristol").status_code
        assert status in (200, 404), (name, status)


def test_the_district_map_is_a_chart_card_with_its_source_line(imported_store, monkeypatch):
    """Real data: Bristol's ward map sits in a card like every chart, with its heading, summary,
    source and data version, and its table one click away."""
    from tests.components import text, walk

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    tree = page("/city/none").layout(place_id="gbr-bristol")
    cards = [card for card in walk(tree) if "card" in str(getattr(card, "className", "")).split()
             and "by district" in text(card)]
    assert len(cards) == 1
    words = text(cards[0])
    assert "districts are drawn with a value" in words and "Data table" in words
    assert re.search(r"Source: .+\. Data version \S+ of ", words)
    assert "realdata" not in words  # never a path on somebody's machine
    assert "Bristol_Wards" not in words  # the site's own boundary file is credited to the site
    assert "Open SDG data of Bristol" in words  # the site by its city, not by its folder's name
    from dashboard import data
    from layouts import design
    from views.registry import build

    figure = build("city-districts", {"place": "gbr-bristol"}, data.current()).figure
    colourbar = figure.data[0].colorbar
    assert colourbar.orientation == "h" and "darker = higher" in colourbar.title.text  # fits a phone
    assert [list(step) for step in figure.data[0].colorscale] == [list(s) for s in design.SCORE_SCALE]


def test_the_about_page_names_each_real_source_and_what_it_gave(imported_store, monkeypatch):
    """Two Open SDG sites and Bristol's ward boundaries: each named by its city or its file, with
    what it gave (the boundary file gave no indicator values), and no path of the importing machine."""
    from tests.components import text

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    words = text(page("/about").layout())
    assert "Open SDG data of Los Angeles" in words and "Open SDG data of Bristol" in words
    assert "Bristol_Wards_(December_2020)_UK_BGC_V2.geojson" in words
    assert "the places' boundaries, drawn on the maps" in words
    assert "realdata" not in words and "/shared/" not in words


def test_los_angeles_indicators_without_a_total_are_on_its_page(imported_store, monkeypatch):
    """Four of Los Angeles' indicator files give values only broken down (staff and payroll by gender,
    beaches by station, commuting by mode, voting by election): its page showed none of them, because
    its other indicators have totals."""
    from dashboard import data
    from dashboard.app import create_app
    from tests.components import text

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    with create_app(str(imported_store)).server.test_request_context("/"):
        shown = text(page("/city/none").page(data.current(), "usa-los-angeles", {}))
    section = shown[shown.index("Values without a total"):]
    assert section.startswith("Values without a total 5 indicators have values for Los Angeles only broken "
                              "down (by Means of transportation to work, Station, Season")
    for words in ("Index of coastal eutrophication", "Cabrillo Beach (Oceanside)", "public transportation",
                  "City of LA Department", "The year 2015 is in the download."):
        assert words in section, words


def test_a_city_page_links_each_of_its_districts_mapped_or_not(imported_store, monkeypatch):
    """Baltimore's 96 scored neighbourhoods have no outlines: its page neither drew nor named nor
    linked them. Bristol's 34 wards are drawn; every ward's page is linked too; a country's page
    does not list its cities as districts."""
    from types import SimpleNamespace

    from dashboard import data
    from dashboard.app import create_app
    from dashboard.pages.city_parts import district_links
    from tests.components import text, walk

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    with create_app(str(imported_store)).server.test_request_context("/"):
        shown = page("/city/none").page(data.current(), "gbr-bristol", {})
        wards = data.current().places.query("kind == 'district' and parent_id == 'gbr-bristol'")
    said = text(shown)
    assert f"The pages of its {len(wards)} districts" in said and len(wards) == 34
    links = {node.href.split("?")[0] for node in walk(shown) if isinstance(getattr(node, "href", None), str)}
    assert {f"/city/{ward}" for ward in wards["place_id"]} <= links
    places = pd.DataFrame({"place_id": ["usa", "usa-baltimore", "b-1", "b-2", "usa-boston"],
                           "name": ["United States", "Baltimore", "Öland Park", "Arlington", "Boston"],
                           "kind": ["country", "city", "district", "district", "city"],
                           "parent_id": [None, None, "usa-baltimore", "usa-baltimore", "usa"]})
    with create_app(str(imported_store)).server.test_request_context("/"):
        listed = [text(li) for li in walk(district_links(SimpleNamespace(places=places), "usa-baltimore")[0])
                  if type(li).__name__ == "Li"]
        assert listed == ["Arlington", "Öland Park"]  # in alphabetical order, accents aside
        assert district_links(SimpleNamespace(places=places), "usa") == []


def test_the_district_embed_says_why_it_draws_no_map(imported_store, monkeypatch):
    """Bristol's wards have outlines and values from 2018: the embed of 2017 said they had "no
    outlines to draw"; a city without districts has no district data."""
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    client = create_app(str(imported_store)).server.test_client()
    early = client.get("/embed/city-districts?place=gbr-bristol&year=2017")
    assert early.status_code == 404
    assert "The districts of Bristol have no values up to 2017." in early.get_data(as_text=True)
    assert client.get("/embed/city-districts?place=gbr-bristol").status_code == 200
    none = client.get("/embed/city-districts?place=usa-los-angeles").get_data(as_text=True)
    assert "Los Angeles has no district data." in none


def test_the_district_embed_draws_the_indicator_it_is_asked_for(imported_store, monkeypatch):
    """Real data: Bristol's ward map embed drew the indicator with most ward data ("Percentage
    satisfied with their local area") whatever its ?indicator= asked; it draws the one asked, its
    data link and canonical query name it, and the city page's link leaves it out (the page's own
    indicator is its trend's)."""
    from dashboard import data
    from dashboard.app import create_app
    from views.registry import build

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    client = create_app(str(imported_store)).server.test_client()
    default = client.get("/embed/city-districts?place=gbr-bristol").get_data(as_text=True)
    kept = '<span class="text-nowrap">2020-21</span>'  # a period on one line (layouts.years.runs)
    assert f"<h1>Bristol: Percentage satisfied with their local area, by district, {kept}</h1>" in default
    asked = client.get("/embed/city-districts?place=gbr-bristol&indicator=16-1-4-ward")
    body = asked.get_data(as_text=True)
    assert asked.status_code == 200
    heading = "Bristol: Percentage who feel safe outdoors after dark: Ward, by district, 2020-21"
    assert f"<h1>{heading.replace('2020-21', kept)}</h1>" in body and f"<title>Map: {heading} · " in body
    assert "observations.csv?indicator=16-1-4-ward&amp;year=2021" in body
    assert "alert-info" not in body  # no "not known here"
    with client.application.test_request_context("/"):
        view = build("city-districts", {"place": "gbr-bristol", "indicator": "16-1-4-ward"}, data.current())
    assert view.query == {"indicator": "16-1-4-ward"} and view.full_path == "/city/gbr-bristol"
    assert len(view.figure.data[0].locations) == 34
    french = client.get("/embed/city-districts?place=gbr-bristol&indicator=16-1-4-ward&lang=fr")
    titled = (r"<title>Carte\u00a0: Bristol\u00a0: [^<]+, par district, 2020-21 · "
              r"Tableau de bord ODD des villes</title>")
    assert re.search(titled, french.get_data(as_text=True))


def test_the_district_embed_refuses_an_indicator_its_districts_have_no_value_of(imported_store, monkeypatch):
    """An unknown indicator, or one of Bristol itself only (4-2-1), gave the default map under an
    address naming another: a 404 that says why, as for a place the data does not have."""
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(imported_store))
    client = create_app(str(imported_store)).server.test_client()
    unknown = client.get("/embed/city-districts?place=gbr-bristol&indicator=no-such-thing")
    assert unknown.status_code == 404
    assert "There is no indicator &#x27;no-such-thing&#x27; in this data." in unknown.get_data(as_text=True)
    city_only = client.get("/embed/city-districts?place=gbr-bristol&indicator=4-2-1")
    assert city_only.status_code == 404
    assert re.search(r"The districts of Bristol have no values of Pupils achieving [^<]+ up to 2021\.",
                     city_only.get_data(as_text=True))
    assert client.get("/embed/city-districts.svg?place=gbr-bristol&indicator=4-2-1").status_code == 404
    # the city page's own indicator chooses its trend: its district map still draws its default
    from tests.components import page_module, text

    page_tree = page_module("/city/none").layout(place_id="gbr-bristol", indicator="4-2-1")
    shown = " ".join(text(page_tree).split())  # text() joins the title's runs with a space
    assert "Bristol: Percentage satisfied with their local area, by district, 2020-21" in shown
