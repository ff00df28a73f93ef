"""Explore's sentences name an indicator as the source publishes it, tagged with its language, with
no marker after it: Bristol's French scatter wrote "Percentage who feel safe … (en anglais)" after
each of its two names. Titles, which a picture draws too, keep the marker."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.embed.markup import tagged_html
from layouts import i18n
from loaders.store import StoreData
from views.explore import model
from views.explore.build import build


@pytest.fixture
def english_store() -> StoreData:
    places = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["Ashley", "Bedminster", "Cotham"],
                           "kind": "district", "country_iso3": "GBR", "un_region": "Europe",
                           "un_subregion": "Northern Europe", "lat": [51.4, 51.44, 51.46],
                           "lon": [-2.6, -2.61, -2.6], "population": [1e4, 2e4, 3e4]})
    indicators = pd.DataFrame({
        "indicator_id": ["safe", "heard"], "goal": [16, 16], "target": ["16.1", "16.7"],
        "name": ["Feel safe after dark", "Can influence decisions"], "unit": ["%", "people per ward"],
        "direction": ["higher", "higher"], "description": ["", ""], "language": ["en", "en"]})
    rows = [(place, indicator, 2021, value, value) for place, safe, heard in
            (("a", 60.0, 20.0), ("b", 70.0, 25.0), ("c", 80.0, 21.0))
            for indicator, value in (("safe", safe), ("heard", heard))]
    scores = pd.DataFrame(rows, columns=["place_id", "indicator_id", "year", "value", "score"])
    scores = scores.assign(goal=16, colour="green", arrow="on_track", value_year=2021)
    goal_scores = scores.groupby(["place_id", "goal", "year"], as_index=False)["score"].mean()
    goal_scores["colour"], goal_scores["arrow"] = "green", "on_track"
    index = goal_scores.groupby(["place_id", "year"], as_index=False)["score"].mean().assign(rank=[3, 2, 1])
    return StoreData("t", {}, {"places": places, "indicators": indicators, "observations": scores,
                               "indicator_scores": scores, "goal_scores": goal_scores, "index": index})


def explore(store: StoreData, **chosen):
    base = {"year": 2021, "start": 2021, "end": 2021, "x": "safe", "y": "heard", "measure": "value"}
    return build(store, model.State(**{**base, **chosen}), with_table=False)


@pytest.mark.parametrize("language, marker", [("fr", "(en anglais)"), ("es", "(en inglés)")])
def test_a_scatter_says_each_name_bare_and_tags_it(english_store, language, marker):
    with i18n.use(language):
        view = explore(english_store, view="scatter")
    assert view.title.count(marker) == 2  # the title, a picture's too, keeps its markers
    assert marker not in view.summary
    assert "Feel safe after dark" in view.summary and "Can influence decisions" in view.summary
    assert view.languages["Feel safe after dark"] == "en" == view.languages["Can influence decisions"]
    shown = tagged_html(view.summary, view.languages)
    assert '<span lang="en">Feel safe after dark</span>' in shown
    assert '<span lang="en">Can influence decisions</span>' in shown


@pytest.mark.parametrize("view_name", ["ranking", "distribution", "trend", "table"])
def test_every_view_of_one_indicator_says_it_bare_and_tags_it(english_store, view_name):
    with i18n.use("fr"):
        view = explore(english_store, view=view_name, indicator="heard", goal=16)
    assert "(en anglais)" not in view.summary
    assert "Can influence decisions" in view.summary
    shown = tagged_html(view.summary, view.languages)
    assert shown.count('<span lang="en">') >= 1
    assert "(en anglais)" in view.title
    if view_name == "ranking":  # its unit, an English word, is tagged where a value names it
        assert '<span lang="en">people per ward</span>' in shown


def test_an_english_page_tags_nothing(english_store):
    with i18n.use("en"):
        view = explore(english_store, view="scatter")
    assert view.languages == {} and "(in " not in view.title


def test_a_scatter_s_table_heads_its_columns_with_the_names_tagged(english_store):
    """The scatter's table headed its two columns "Feel safe after dark (en anglais)" where the
    sentences above it tag the names: the headers are the names as published, each tagged (`lang`)
    in the server's table, the browser's (tables.js) and an embed's."""
    from dashboard.chrome import table_payload
    from layouts.tables import data_table
    from tests.components import text

    with i18n.use("fr"):
        chosen = model.State(year=2021, x="safe", y="heard", measure="value", view="scatter")
        view = build(english_store, chosen)
        headers = list(view.table.rows.columns)
        assert "Feel safe after dark" in headers and not any("(en anglais)" in h for h in headers)
        assert view.table.languages == {"Feel safe after dark": "en", "Can influence decisions": "en"}
        payload = table_payload(view.table)
        tagged = {payload["columns"][int(c)]: code for c, code in payload["header_languages"].items()}
        assert tagged == view.table.languages
        tree = data_table(view.table.rows, view.table.caption, links=view.table.links,
                          languages=view.table.languages).tree
        heads = [cell for cell in walk(tree) if cell[0] == "th" and cell[1].get("scope") == "col"]
        assert [text(cell[2:]) for cell in heads if cell[1].get("lang") == "en"] == [
            "Feel safe after dark", "Can influence decisions"]


def walk(node):
    if isinstance(node, list) and node and isinstance(node[0], str):
        yield node
        for child in node[2:]:
            yield from walk(child)
