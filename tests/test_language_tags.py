"""Text in another language than the page's is tagged with it (`lang`) and said once per list, not
marked after every name: Bolivia's Spanish city page wrote "(en inglés)" 67 times."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, texts
from tests.components import page_module

ENGLISH_NAMES = pd.DataFrame({
    "indicator_id": ["a", "b", "c"],
    "goal": [1, 1, 2],
    "name": ["Extreme energy poverty rate", "Tasa de alfabetización", "%"],
    "name_language": ["en", "es", "en"],
})


def test_a_name_in_another_language_is_tagged_without_a_marker():
    with i18n.use("es"):
        assert texts.marked_tree("Extreme energy poverty rate", "en") == [
            "span", {"lang": "en"}, "Extreme energy poverty rate"]
        assert texts.marked_tree("Tasa de alfabetización", "es") == "Tasa de alfabetización"
        assert texts.tagged_option("Literacy rate", "b", "en") == {
            "label": "Literacy rate", "value": "b", "lang": "en"}
        assert texts.tagged_option("Tasa", "b", "es") == {"label": "Tasa", "value": "b"}
        assert "lang" not in texts.tagged_option("%", "c", "en")  # a sign is no language's


def test_the_names_language_is_said_once_with_its_count():
    with i18n.use("en"):
        note = texts.language_note(ENGLISH_NAMES["name"], pd.Series(["fr", "en", "fr"]))
        assert note == "1 of these 3 indicator names is in French, as the source publishes it."
        assert texts.language_note(ENGLISH_NAMES["name"], pd.Series(["en", "en", "en"])) == ""
        every = texts.language_note(pd.Series(["Taux", "Rate"]), pd.Series(["fr", "fr"]))
        assert every == "These 2 indicator names are in French, as the source publishes them."
        one = texts.language_note(pd.Series(["Taux"]), pd.Series(["fr"]), pillars=True)
        assert one == "This pillar name is in French, as the source publishes it."
        two = texts.language_note(pd.Series(["Taux", "Tasa", "Rate"]), pd.Series(["fr", "fr", "es"]))
        assert two.startswith("2 of these 3 indicator names are in French") and "1 of these 3" in two


def test_the_city_page_s_goal_sections_say_the_language_once(app):
    from views import city as city_view

    page = page_module("/city/none")
    with i18n.use("en"):
        shown = str(page.indicator_sections(None, city_view.State("x", 2020), ENGLISH_NAMES, {}, {})[0].tree)
    assert shown.count("1 of these 3 indicator names is in Spanish, as the source publishes it.") == 1
    assert "(in Spanish)" not in shown


def test_explore_lists_names_tagged_with_their_language():
    from views.explore.options import all_indicator_options

    named = ENGLISH_NAMES.assign(target=["1.1", None, "2.1"], listed_name=ENGLISH_NAMES["name"])
    with i18n.use("es"):
        options = all_indicator_options(named)
    assert options[0] == {"label": "Extreme energy poverty rate (1.1)", "value": "a", "lang": "en"}
    assert options[1] == {"label": "Tasa de alfabetización", "value": "b"}


def test_the_data_s_words_inside_a_sentence_are_tagged_with_their_language():
    words = {"Taux brut": "fr", "Taux brut de scolarité": "fr", "Rate": "en"}
    sentence = "None of the data's 2 indicators (Taux brut de scolarité, Taux brut) belongs to a goal."
    assert texts.tagged_phrases(sentence, words) == [
        "None of the data's 2 indicators (", ["span", {"lang": "fr"}, "Taux brut de scolarité"], ", ",
        ["span", {"lang": "fr"}, "Taux brut"], ") belongs to a goal."]
    assert texts.tagged_phrases("Nothing here.", words) == ["Nothing here."]
    with i18n.use("en"):
        assert texts.foreign_words(pd.Series(["Taux", "Rate", "%"]), pd.Series(["fr", "en", "fr"])) == {
            "Taux": "fr"}


def test_an_embed_and_a_published_page_tag_them_too():
    from dashboard.embed.markup import tagged_html

    tagged = tagged_html("Alibori: Taux & <b>", {"Taux": "fr"})
    assert tagged == 'Alibori: <span lang="fr">Taux</span> &amp; &lt;b&gt;'


def test_a_sentence_keeps_its_foreign_words_tagged_and_its_periods_whole():
    """Two rules meet in one sentence (the city trend's, refilled by its callback, which wrote it
    plain): the data's words in their language, a year that is a period on one line."""
    from dash import html

    from dashboard.chrome import tagged
    from dashboard.embed.markup import tagged_html

    said = "Safe after dark: 62.87 en 2020-21 (%)."
    parts = tagged(said, {"Safe after dark": "en"})
    assert [type(part) for part in parts] == [html.Span, str, html.Span, str]
    assert (parts[0].lang, parts[0].children) == ("en", "Safe after dark")
    assert (parts[2].className, parts[2].children) == ("text-nowrap", "2020-21")
    assert "".join(part if isinstance(part, str) else part.children for part in parts) == said
    assert tagged("Nada: 3 en 2021.", {}) == "Nada: 3 en 2021."
    assert tagged_html(said, {"Safe after dark": "en"}) == (
        '<span lang="en">Safe after dark</span>: 62.87 en <span class="text-nowrap">2020-21</span> (%).')
