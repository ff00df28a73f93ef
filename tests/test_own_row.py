"""A place's own row in its peers table: there, at its rank, marked in words and for screen readers."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data
from dashboard.pages import own_row
from layouts import tables
from loaders.paths import DEMO_STORE
from tests.components import find, text


@pytest.fixture(autouse=True)
def demo_store(monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))


@pytest.fixture(scope="module")
def city_page():
    import importlib

    import dash

    from dashboard.app import create_app

    create_app(str(DEMO_STORE))
    return importlib.import_module(next(p["module"] for p in dash.page_registry.values()
                                        if p.get("path_template") == "/city/<place_id>"))


def test_the_current_row_is_marked_and_the_shared_listing_left_as_it_was():
    shared = tables.payload(["Place", "Rank"], [["A", "B", "C"], ["1", "2", "3"]], "Peers",
                            {"0": ["/city/a", "/city/b", "/city/c"]})
    marked = tables.with_current(shared, 1, "B (this place)")
    assert marked["rows"][1] == ["B (this place)", "2"] and marked["current"] == 1
    assert marked["links"]["0"] == ["/city/a", None, "/city/c"]  # no link to the page one is on
    assert shared["rows"][1] == ["B", "2"] and shared["links"]["0"][1] == "/city/b"
    assert "current" not in shared
    rows = tables.table_tree(marked)[2][4][2:]
    assert [row[1] for row in rows] == [{}, tables.CURRENT_ROW, {}]
    assert tables.CURRENT_ROW["aria-current"] == "true"
    assert rows[1][2][2] == "B (this place)"  # a plain heading cell, not a link


def test_the_place_goes_where_its_listing_puts_it_or_nowhere():
    at = {"a": 0, "b": 1, "me": 2, "c": 3, "d": 4}
    assert own_row.positions_with(at, ["a", "c", "d"], "me") == ([0, 2, 3, 4], 1)
    assert own_row.positions_with(at, ["c", "d"], "me") == ([2, 3, 4], 0)
    assert own_row.positions_with(at, ["a", "b"], "me") == ([0, 1, 2], 2)
    assert own_row.positions_with(at, ["a", "b"], "unranked") == ([0, 1], None)
    every = pd.DataFrame({"place_id": ["a", "b", "me", "c"], "score": [90.0, 80.0, 70.0, 60.0]})
    listed = every[every["place_id"] != "me"].iloc[[1, 2]]
    rows, row = own_row.listed_with(every, listed, "me")
    assert rows["place_id"].tolist() == ["b", "me", "c"] and row == 1
    assert own_row.listed_with(every, listed, "unranked") == (listed, None)
    assert own_row.ranked_among(every, "me") and not own_row.ranked_among(every, "unranked")


def test_a_city_page_lists_the_city_among_its_peers_at_its_rank(city_page):
    """Samaipata, rank 27, sat between rows 26 and 28 with no row of its own: the peers table lists
    the place, at its rank, its name cell saying it is this place; the caption still counts its peers."""
    from layouts import city as city_layout

    store = data.current()
    peers = city_layout.peer_table(store, "ken-nairobi", 2025)
    tree = city_page.layout(place_id="ken-nairobi", year="2025")
    table = find(tree, city_page.Ids.PEER_DATA).data
    assert len(table["rows"]) == len(peers) + 1
    own = table["rows"][table["current"]]
    assert own[0] == "Nairobi (this place)"
    ranks = [int(row[-1]) for row in table["rows"]]
    assert ranks == sorted(ranks)  # best first, the place at its rank
    index = store.tables["index"]
    rank = index[(index["place_id"] == "ken-nairobi") & (index["year"] == 2025)]["rank"].iloc[0]
    assert int(own[-1]) == int(rank)
    assert table["links"]["0"][table["current"]] is None
    assert table["caption"] == "Nairobi and the other cities in the same UN subregion, best first"
    assert f"Peers in {store.places.set_index('place_id').loc['ken-nairobi', 'un_subregion']}" in text(tree)


def test_a_place_the_index_does_not_rank_has_no_row_and_the_caption_says_others(city_page):
    """Where the index does not rank the place, it stands nowhere among its peers: no row of its own,
    and the caption says the table lists the others."""
    from layouts import city as city_layout
    from loaders.store import Store, StoreData

    demo = Store(DEMO_STORE).read()
    index = demo.tables["index"]
    unranked = index[~((index["place_id"] == "ken-nairobi") & (index["year"] == 2025))]
    store = StoreData(demo.version + "-unranked", demo.meta, {**demo.tables, "index": unranked})
    with city_page.dash.get_app().server.test_request_context("/"):
        tree = city_page.page(store, "ken-nairobi", {"year": "2025"})
    table = find(tree, city_page.Ids.PEER_DATA).data
    assert "current" not in table
    assert table["caption"] == "Other cities in the same UN subregion, best first"
    assert len(table["rows"]) == len(city_layout.peer_table(store, "ken-nairobi", 2025))
    assert "(this place)" not in str(table["rows"])
