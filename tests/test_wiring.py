"""Every callback's inputs, outputs and states are in the app's validation layout, the one Dash itself
checks callbacks against in the browser (suppress_callback_exceptions is off)."""

from __future__ import annotations

import json

import pytest

from dashboard.validation import components
from loaders.paths import DEMO_STORE


@pytest.fixture(scope="module")
def served():
    from dashboard.app import create_app

    app = create_app(str(DEMO_STORE))
    client = app.server.test_client()
    page = client.get("/")  # the first request sets Dash up: callbacks, pages, validation layout
    assert page.status_code == 200
    return app, client, page.get_data(as_text=True)


def ids_of(tree) -> set:
    return {json.dumps(node.id, sort_keys=True) if isinstance(node.id, dict) else node.id
            for node in components(tree) if getattr(node, "id", None)}


def callback_ids(entry: dict) -> set:
    """The plain ids a callback reads and writes (pattern-matching ids match any number of components)."""
    found = {p["id"] for p in [*entry["inputs"], *entry["state"]]}
    if not entry.get("no_output"):
        found |= {piece.rsplit(".", 1)[0] for piece in entry["output"].strip(".").split("...")}
    return {i for i in found if isinstance(i, str) and not i.startswith("{")}


def test_callback_checks_are_on(served):
    app, _client, _page = served
    assert app.config.suppress_callback_exceptions is False
    assert app.validation_layout is not None


def test_every_callback_is_wired_to_the_validation_layout(served):
    app, _client, _page = served
    known = ids_of(app.validation_layout)
    callbacks = app._callback_list  # server and clientside callbacks alike
    assert len(callbacks) > 10
    missing = {c.get("output"): sorted(callback_ids(c) - known) for c in callbacks if callback_ids(c) - known}
    assert missing == {}


def test_the_validation_layout_is_light(served):
    """Ids and types only: every page's data would otherwise ride along with every page."""
    _app, client, _page = served
    body = client.get("/explore").get_data(as_text=True)
    start = body.index('<script id="_dash-config"')
    config = json.loads(body[body.index(">", start) + 1: body.index("</script>", start)])
    size = len(json.dumps(config["validation_layout"]))
    assert size < 40_000, size
    assert "ken-nairobi" not in json.dumps(config["validation_layout"])


def test_a_store_whose_first_city_has_no_scores_still_wires_every_callback(tmp_path):
    """One city alone in a store (Cape Town's values: one place gives no spread to score them
    against) has no scores, so its page is the "no scores" notice. Dash checked the callbacks
    against that first city's page, which then named none of the trend's and goal tables'
    components: every browser reported "ID not found in layout" on every page."""
    from dashboard.app import create_app
    from loaders.importer import import_files
    from loaders.options import ReadOptions
    from loaders.store import Store

    (tmp_path / "data.csv").write_text("City,Country,Indicator,Year,Value\nCape Town,ZAF,pm25,2019,4\n"
                                       "Cape Town,ZAF,pm25,2020,5\n", encoding="utf-8")
    (tmp_path / "mapping.yml").write_text("format: tidy\nplace: {column: City}\ncountry: {column: Country}\n"
                                          "indicator: {column: Indicator}\nyear: {column: Year}\n"
                                          "value: {column: Value}\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    import_files(store, [tmp_path / "data.csv"], ReadOptions(mapping=tmp_path / "mapping.yml"))
    app = create_app(str(tmp_path / "store"))
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    page = client.get("/city/zaf-cape-town")
    assert page.status_code == 200
    known = ids_of(app.validation_layout)
    missing = {c.get("output"): sorted(callback_ids(c) - known) for c in app._callback_list
               if callback_ids(c) - known}
    assert missing == {}


@pytest.mark.parametrize("shape", ["projects-only", "no-scores"])
def test_a_store_without_scores_still_wires_the_map_and_explore_callbacks(shape, tmp_path):
    """A store of projects only has no map, no Explore charts: Dash checked the callbacks against
    those pages' notices, and the browser logged "ID not found in layout" for the map's and
    Explore's outputs on every page (80 errors on Berlin's projects). Stand-ins of a type that has
    the properties asked take their place in the validation layout."""
    from dashboard.app import create_app
    from tests import store_matrix

    app = create_app(str(store_matrix.build(shape, tmp_path)))
    assert app.server.test_client().get("/").status_code == 200
    known = ids_of(app.validation_layout)
    missing = {c.get("output"): sorted(callback_ids(c) - known) for c in app._callback_list
               if callback_ids(c) - known}
    assert missing == {}
    graph = [node for node in components(app.validation_layout) if getattr(node, "id", None) == "map-graph"]
    assert [type(node).__name__ for node in graph] == ["Graph"]  # a type with `figure`, which Dash checks


def test_a_page_that_fails_on_its_data_does_not_take_the_site_down(monkeypatch, caplog):
    """Explore failed on a one-city store's indicator of no goal, and since Dash checks the
    callbacks against every page's layout at the first request, every address answered 500."""
    from dash import _pages

    from dashboard.app import create_app

    def broken(*_args, **_kwargs):
        raise TypeError("a value this code did not expect")

    app = create_app(str(DEMO_STORE))
    (page,) = [p for p in _pages.PAGE_REGISTRY.values() if p["path"] == "/explore"]
    monkeypatch.setitem(page["layout"].__wrapped__.__globals__, "build", broken)
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    assert "the layout of pages.explore failed while the callbacks' check was built" in caplog.text
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    failed = client.get("/explore", headers={"Accept": "text/html"})  # asked for, it still fails aloud
    assert failed.status_code == 500 and "This page could not be shown" in failed.get_data(as_text=True)
    known = ids_of(app.validation_layout)  # the failed page's ids stand in, so callbacks still wire
    assert not [c.get("output") for c in app._callback_list if callback_ids(c) - known]


def test_stand_ins_have_every_property_asked_and_only_for_ids_no_page_has():
    from dashboard.validation import stand_ins

    callbacks = [{"output": "..a.children...b.figure..", "inputs": [{"id": "c", "property": "data"}],
                  "state": [{"id": {"type": "x", "index": 1}, "property": "value"}]},
                 {"output": "d.disabled", "inputs": [{"id": "d", "property": "n_clicks"}], "state": []},
                 {"output": "ignored", "no_output": True, "inputs": [{"id": "e", "property": "value"}]}]
    made = {node.id: type(node).__name__ for node in stand_ins(callbacks, present={"a"})}
    assert made == {"b": "Graph", "c": "Store", "d": "Button", "e": "Input"}
