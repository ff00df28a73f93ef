"""A table's caption names an indicator as its source publishes it, tagged with its language: the
French scatter's table was captioned "... (en anglais) en fonction de ... (en anglais)", its chart's
title, which a picture draws and so marks the language in words."""

from __future__ import annotations

import pytest

from dashboard.chrome import table_payload
from layouts import i18n
from layouts.tables import data_table
from tests.test_explore_language_tags import english_store, walk  # noqa: F401 (a fixture)
from views.explore import model
from views.explore.build import build


def view_of(store, language: str, **chosen):
    base = {"year": 2021, "start": 2021, "end": 2021, "x": "safe", "y": "heard", "measure": "value"}
    with i18n.use(language):
        view = build(store, model.State(**{**base, **chosen}))
        return view, table_payload(view.table), data_table(view.table.rows, view.table.caption,
                                                           caption_languages=view.table.caption_languages).tree


@pytest.mark.parametrize(("language", "marker", "against"), [("fr", "(en anglais)", " en fonction de "),
                                                             ("es", "(en inglés)", " frente a ")])
def test_a_scatter_s_caption_names_its_indicators_bare_and_tagged(english_store, language, marker, against):  # noqa: F811
    view, payload, tree = view_of(english_store, language, view="scatter")
    assert view.title.count(marker) == 2  # the chart's title, a picture's too, keeps its markers
    caption = view.table.caption
    assert marker not in caption
    assert caption.startswith(f"Can influence decisions{against}Feel safe after dark, 2021")
    assert payload["caption_languages"] == {"Can influence decisions": "en", "Feel safe after dark": "en"}
    drawn = next(node for node in walk(tree) if node[0] == "caption")
    assert [part for part in drawn[2:] if isinstance(part, list)] == [
        ["span", {"lang": "en"}, "Can influence decisions"], ["span", {"lang": "en"}, "Feel safe after dark"]]


def test_a_ranking_s_caption_names_its_indicator_bare_and_tagged(english_store):  # noqa: F811
    view, payload, _tree = view_of(english_store, "fr", view="ranking", indicator="heard", goal=16)
    assert "(en anglais)" in view.title and "(en anglais)" not in view.table.caption
    assert "Can influence decisions" in view.table.caption
    assert payload["caption_languages"]["Can influence decisions"] == "en"


def test_an_english_caption_is_the_title_and_tags_nothing(english_store):  # noqa: F811
    view, payload, _tree = view_of(english_store, "en", view="scatter")
    assert view.table.caption.startswith(view.title + ":")
    assert "caption_languages" not in payload
