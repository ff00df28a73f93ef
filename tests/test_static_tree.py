"""Read-only page parts as one StaticTree: same elements, escaped, unsafe links and handlers dropped."""

from __future__ import annotations

import json

import pandas as pd
from dash import dcc, html

from dashboard.embed.markup import render
from layouts import bootstrap, ranking
from layouts.static_tree import StaticTree, compact, freeze, tree_html
from layouts.tables import data_table


def test_html_links_and_badges_become_plain_elements():
    tree = freeze(html.Div([
        html.H2("Ranking", id="ranking-heading", className="h6"),
        html.Ol([html.Li([dcc.Link("Nairobi", href="/city/ken-nairobi"), html.Span("73.4")],
                         **{"aria-label": "first"})], tabIndex="0"),
        bootstrap.badge("new", "info"),
    ], className="ranking"))
    assert tree.tree == ["div", {"className": "ranking"},
                         ["h2", {"id": "ranking-heading", "className": "h6"}, "Ranking"],
                         ["ol", {"tabIndex": "0"},
                          ["li", {"aria-label": "first"},
                           ["a", {"href": "/city/ken-nairobi"}, "Nairobi"], ["span", {}, "73.4"]]],
                         ["span", {"className": "badge text-bg-info"}, "new"]]


def test_a_tree_is_one_component_however_many_rows():
    frame = pd.DataFrame({"Place": [f"City {i}" for i in range(1000)], "Score": range(1000)})
    table = data_table(frame, "Scores")
    payload = table.to_plotly_json()
    assert isinstance(table, StaticTree) and payload["type"] == "StaticTree"
    assert json.dumps(payload, default=str).count('"namespace"') == 1
    assert json.dumps(payload["props"]["tree"]).count('"td"') == 1000


def test_texts_and_attributes_are_escaped_and_unsafe_links_dropped():
    hostile = html.Div([html.A("<script>alert(1)</script>", href="javascript:alert(1)",
                               title='"x" onmouseover'),
                        html.A("ok", href="/city/a?b=1&c=2"), html.A("mail", href="mailto:x@example.org")])
    markup = tree_html(freeze(hostile).tree)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "javascript:" not in markup and 'title="&quot;x&quot; onmouseover"' in markup
    assert 'href="/city/a?b=1&amp;c=2"' in markup and 'href="mailto:x@example.org"' in markup


def test_handlers_and_unknown_tags_never_reach_the_tree():
    assert compact(html.Button("press", n_clicks=3, id="b")) == ["press"]  # not a read-only element
    assert tree_html(["div", {"onClick": "alert(1)", "className": "x"}, ["script", {}, "alert(1)"]]) == (
        '<div class="x"></div>')


def test_the_html_of_a_tree_is_the_html_of_the_components():
    frame = pd.DataFrame({"name": ["Åre", "Bo"], "score": [71.25, None], "colour": ["green", "red"],
                          "place_id": ["swe-are", "sle-bo"]})
    listing = ranking.ranked_list(frame, goal=11)
    assert render(listing) == tree_html(listing.tree)
    assert "Åre" in render(listing) and "1 place has no score." in render(listing)
    assert render(listing, new_tab=True).count('target="_blank"') == 1


def test_building_a_tree_never_searches_the_import_path(monkeypatch):
    """Dash imports a component's namespace for each property given; an unimportable one made each
    import a failed search of the whole path (about 30 per city page)."""
    import importlib._bootstrap as bootstrap

    searched = []
    original = bootstrap._find_and_load
    monkeypatch.setattr(bootstrap, "_find_and_load",
                        lambda name, *rest: searched.append(name) or original(name, *rest))
    StaticTree(tree=["p", {}, "text"], id="x", className="y")
    from dashboard.widgets import Select
    Select(id="s", options=[{"label": "a", "value": "a"}], value="a")
    assert "city_sdg" not in searched


def test_a_tree_button_names_a_choice_and_the_tree_reports_it():
    """A table of rows to choose from is one tree: its buttons carry their choice (`data-choice`, no
    handler), and `chosen` is a property a callback may listen to (assets/static_tree.js sets it)."""
    markup = tree_html(["button", {"type": "button", "data-choice": "p1", "onClick": "alert(1)"}, "<b>T</b>"])
    assert markup == '<button type="button" data-choice="p1">&lt;b&gt;T&lt;/b&gt;</button>'
    tree = StaticTree(tree=["div", {}], id="t")
    assert "chosen" in tree.available_properties
    assert StaticTree(tree=["div", {}], chosen={"value": "p1", "count": 1}).chosen["value"] == "p1"
