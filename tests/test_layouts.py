"""Figure and component builders on tiny inline frames."""

from __future__ import annotations

import pandas as pd

from layouts import (
    city,
    facts,
    i18n,
    indicator_rows,
    indicator_tables,
    maps,
    scores,
    sparklines,
    static_svg,
    summaries,
    years,
)
from layouts import pillars as pillar_layouts
from layouts.place_facts import IndexFacts, city_facts
from layouts.year_spans import Years
from tests.components import text, unfrozen, walk

PLACES = pd.DataFrame(
    {
        "place_id": ["a", "b", "c"],
        "name": ["Alpha", "Beta", "Gamma"],
        "lat": [1.0, 2.0, None],
        "lon": [1.0, 2.0, None],
        "score": [80.0, 30.0, None],
        "colour": ["green", "red", "grey"],
        "arrow": ["on_track", "decreasing", "no_data"],
        "country_iso3": ["KEN", "KEN", "ETH"],
    }
)


def test_place_map_by_rating_uses_words_and_shapes_not_only_colour():
    figure = maps.place_map(PLACES, "t", by_rating=True)
    names = [trace.name for trace in figure.data]
    assert names == ["SDG achieved (1)", "major challenges (1)"]
    assert [t.marker.symbol for t in figure.data] == ["circle", "triangle-down"]
    assert static_svg.point_texts(figure.data[0]) == [
        "Alpha<br>Score: 80.0 / 100<br>Rating: SDG achieved<br>Trend: ↑ on track<extra></extra>"]
    assert figure.data[0].customdata[0][0] == "a"  # a click opens the place's page


def test_a_rating_s_markers_are_one_legend_entry_whatever_their_hover_labels_say():
    frame = pd.DataFrame({"place_id": list("abcd"), "name": list("ABCD"), "lat": [1.0, 2, 3, 4],
                          "lon": [1.0, 2, 3, 4], "score": [40.0, 45.0, 41.0, None],
                          "colour": ["red", "red", "red", None],
                          "arrow": ["decreasing", "on_track", "decreasing", None]})
    figure = maps.place_map(frame, "t", by_rating=True)
    shown = [(t.name, t.legendgroup, len(t.lat)) for t in figure.data if t.showlegend]
    assert shown == [("major challenges (3)", "red", 2), ("not rated (1)", "grey", 1)]
    assert sum(len(t.lat) for t in figure.data if t.legendgroup == "red") == 3
    labels = {text for trace in figure.data for text in static_svg.point_texts(trace)}
    assert "B<br>Score: 45.0 / 100<br>Rating: major challenges<br>Trend: ↑ on track<extra></extra>" in labels
    assert "D<br>Score: no data<br>Rating: not rated<br>Trend: • no trend assessed<extra></extra>" in labels
    svg = static_svg.legend(figure)[0]
    assert svg.count("major challenges (3)") == 1  # the SVG's legend: one entry per rating too
    with i18n.use("fr"):
        french = maps.place_map(frame.assign(score=[40.25, 45.0, 41.0, None]), "t", by_rating=True)
    assert "40,2" in {row[1] for trace in french.data for row in trace.customdata}


def test_place_map_by_score_is_one_colour_scale_and_no_legend_entry_without_unlocated_places():
    """The colour bar says what the colours mean; a legend entry "score" said nothing and, under the
    map with the colour bar, was drawn over its title on a phone."""
    figure = maps.place_map(PLACES, "t", by_rating=False)
    assert [t.name for t in figure.data if t.showlegend] == []
    assert sum(len(t.lat) for t in figure.data) == 2  # Gamma has no coordinates
    assert all(t.marker.cmin == 0 and t.marker.cmax == 100 for t in figure.data)
    assert [t.marker.colorbar.orientation for t in figure.data] == ["h", None]  # one colour bar


def test_place_map_by_score_draws_places_without_a_score_apart_in_grey():
    frame = PLACES.assign(lat=[1.0, 2.0, 3.0], lon=[1.0, 2.0, 3.0])
    figure = maps.place_map(frame, "t", by_rating=False)
    assert [t.name for t in figure.data if t.showlegend] == ["no score (1)"]
    assert figure.layout.legend.yanchor == "bottom" and figure.layout.legend.y == 1  # above the map
    assert len(figure.data[0].lat) == 1 and sum(len(t.lat) for t in figure.data[1:]) == 2
    assert static_svg.point_texts(figure.data[0])[0].startswith("Gamma<br>Score: no data<br>")


def test_country_means_and_summary():
    means = scores.country_means(PLACES)
    assert means.set_index("country_iso3")["score"].to_dict() == {"KEN": 55.0}
    sentence = summaries.map_summary(facts.map_facts(PLACES, 11, 2020))
    assert sentence.startswith("2 of 3 places are on the map with a score for Goal 11")
    assert "1 place cannot be drawn: it has no coordinates (0 with a score)" in sentence
    assert "Ratings on the map: 1 SDG achieved and 1 major challenges." in sentence


def test_map_summary_names_only_places_drawn_and_counts_what_is_not():
    frame = PLACES.assign(lat=[None, 2.0, 3.0], lon=[None, 2.0, 3.0], score=[90.0, 30.0, None])
    known = facts.map_facts(frame, None, 2017, Years(2013, 2017))
    assert (known.total, known.scored, known.drawn, known.grey, known.no_coordinates) == (3, 2, 1, 1, 1)
    sentence = summaries.map_summary(known)
    assert "Alpha" not in sentence  # the highest score is not on the map, so it is not named
    assert "The only place drawn with a score is Beta (30.0)." in sentence
    assert "1 place cannot be drawn: it has no coordinates (1 with a score)" in sentence
    assert "latest values up to 2017, from 2013 to 2017" in sentence


def test_index_withheld_below_the_coverage_rule_says_why():
    index = IndexFacts(75.6, None, 140, shown=False, goals_with_data=1, indicators=47, available=3,
                             required=0.8, min_goals=9)
    assert summaries.index_sentence(index) == (
        "No SDG Index: 1 of 17 goals has a score, and 3 of 47 indicators (6%) have a score; the method needs "
        "at least 9 goals and 80%.")
    enough_goals = IndexFacts(75.6, None, 140, shown=False, goals_with_data=12, indicators=47,
                                    available=3, required=0.8, min_goals=9)
    assert summaries.index_sentence(enough_goals) == (
        "No SDG Index: 12 of 17 goals have a score, with 3 of 47 indicators scored (6%); the method "
        "needs 80%.")
    neither = IndexFacts(None, None, 140, shown=False, goals_with_data=12, indicators=10, available=8,
                               required=0.8, min_goals=9)
    assert summaries.index_sentence(neither) == "No SDG Index for this place in this year."
    shown = IndexFacts(54.5, 12, 140, shown=True, goals_with_data=17, indicators=47, available=47,
                             required=0.8, min_goals=9)
    assert summaries.index_sentence(shown) == "Its SDG Index score is 54.5, ranked 12 of 140."


def test_a_place_whose_scored_indicators_are_of_no_goal_is_told_so_not_that_it_has_too_few():
    from dashboard.pages.city_parts import index_badge

    none = IndexFacts(None, None, 0, shown=False, goals_with_data=0, indicators=95, available=0,
                            required=0.8, min_goals=9)
    assert index_badge(none) == "No SDG Index: no indicator of an SDG goal has a score"
    few = IndexFacts(None, None, 0, shown=False, goals_with_data=0, indicators=95, available=3,
                           required=0.8, min_goals=9)
    assert index_badge(few) == "No SDG Index: too few indicators with a score"
    no_goals = pd.DataFrame({"goal": [1, 2], "score": [None, None], "colour": ["grey", "grey"],
                             "arrow": ["no_data", "no_data"]})
    benin = city_facts("Alibori", no_goals, none, 2023, Years(2017, 2022), other_scored=44)
    assert summaries.city_summary(benin) == (
        "Alibori has no goal score in 2023: its 44 indicators with a score belong to no SDG goal, and are "
        "listed under Indicators of no SDG goal.")
    one = city_facts("Alibori", no_goals, none, 2023, Years(2017, 2022), other_scored=1)
    assert "its 1 indicator with a score belongs to no SDG goal, and is listed" in summaries.city_summary(one)
    nothing = city_facts("Los Angeles", no_goals, none, 2023, Years())
    assert summaries.city_summary(nothing) == "There are no goal scores for Los Angeles yet."


def test_one_goal_or_equal_scores_give_no_contradictory_pair():
    one = city_facts("Ames", pd.DataFrame({"goal": [11], "score": [76.0], "colour": ["yellow"],
                                                 "arrow": ["no_data"]}), None, 2017, Years(2013, 2013))
    sentence = summaries.city_summary(one)
    assert "largest challenge" not in sentence and "strongest" not in sentence
    assert "The only goal with a score is Goal 11: Sustainable cities and communities (score 76)." in sentence
    rows = pd.DataFrame({"goal": [3, 11], "score": [76.2, 75.9], "colour": ["y", "y"],
                         "arrow": ["no_data", "no_data"]})
    same = city_facts("Ames", rows, None, 2017, Years())
    assert "Its 2 goals with a score all score 76." in summaries.city_summary(same)


def test_titles_and_series_never_repeat_a_year_or_claim_one_the_values_are_not_from():
    assert summaries.goals_title("Ames", 2017, Years(2013, 2013)) == (
        "Ames: The 17 goals, latest values up to 2017 (from 2013)")
    assert summaries.goals_title("Ames", 2017, Years(2017, 2017)) == "Ames: The 17 goals in 2017"
    assert summaries.series_sentence("PM10", "µg/m3", [(2013, "32")]) == "PM10: 32 in 2013 (µg/m3)."
    # a percent unit with its sign by its sign: Bristol's "(Percentage (%))"; other units in full
    assert summaries.series_sentence("Feel safe", "Percentage (%)", [("2020-21", "62.87")]) == (
        "Feel safe: 62.87 in 2020-21 (%).")
    assert summaries.series_sentence("Spending", "Millions (USD)", [(2020, "5")]) == (
        "Spending: 5 in 2020 (Millions (USD)).")
    # without a unit none is named: the source may have written it in the name
    named = "Severe material deprivation rate in cities (%)"
    assert summaries.series_sentence(named, "", [(2019, "7.2")]) == f"{named}: 7.2 in 2019."
    assert summaries.series_sentence("PM10", "", [(2012, "30"), (2013, "32")]) == (
        "PM10: 30 in 2012, 32 in 2013.")
    # a unit the name already ends with is said once (Bolivia's names end with their units)
    named = "Extreme energy poverty rate (% of houses)"
    assert summaries.series_sentence(named, "% of houses", [(2016, "23.8")]) == f"{named}: 23.8 in 2016."
    assert summaries.series_sentence("Rate (%)", "Percentage (%)", [(2016, "2"), (2017, "3")]) == (
        "Rate (%): 2 in 2016, 3 in 2017.")


def test_population_bands():
    bands = scores.population_band(pd.Series([10_000, 500_000, 2e6, 9e6, None]))
    assert bands.tolist()[:4] == ["small", "medium", "large", "metro"]
    assert pd.isna(bands.iloc[4])


def test_sparkline_spells_out_values():
    _tag, attributes, blocks = sparklines.sparkline_tree(
        pd.Series([1.0, 2.0, None, 4.0], index=[2015, 2016, 2017, 2018]))
    assert blocks == "▁▃█"
    assert attributes["aria-label"] == "2015–2016: 1, 2. 2018: 4."


def test_city_values_follow_the_language_in_force():
    with i18n.use("fr"):
        spark = sparklines.sparkline_tree(pd.Series([1.25, 12345.6], index=[2015, 2016]))
        assert spark[1]["aria-label"] == "2015–2016\u00a0: 1,25\u00a0; 12\u202f346."
        assert [sparklines.value_text(v) for v in (9.5, 100.0, -3.14159)] == ["9,5", "100", "-3,142"]
        history = pd.Series([1.5, 2.5], index=[2015, 2016])
        figure = sparklines.trend_figure(history, "PM2.5", "µg/m3", 1.0, 2.0)
        tiles = city.goal_tiles(pd.DataFrame({"goal": [1], "score": [70.4], "colour": ["green"],
                                              "arrow": ["on_track"]}), {1: 1200})
    assert figure.layout.separators == ",\u202f"
    assert "1\u202f200" in text(unfrozen(tiles).children[0])


def test_goal_tiles_keep_no_data_goals_visible():
    rows = pd.DataFrame({"goal": [1], "score": [70.0], "colour": ["green"], "arrow": ["on_track"]})
    tiles = unfrozen(city.goal_tiles(rows, {1: 2}))
    assert len(tiles.children) == 17
    assert "70 · SDG achieved" in text(tiles.children[0]) and "2 projects" in text(tiles.children[0])
    assert "no score" in text(tiles.children[5]) and "no trend assessed" in text(tiles.children[5])
    # no goal of the place has a trend and its source rates nothing: each said once, in the summary
    bare = unfrozen(city.goal_tiles(rows.assign(colour="grey", arrow="no_data"), {}, rated=False))
    assert "not rated" not in text(bare) and "no trend assessed" not in text(bare)
    assert "score 70" in text(bare.children[0]) and "·" not in text(bare.children[0])


def test_city_summary_names_largest_challenge():
    rows = pd.DataFrame({"goal": [1, 6, 11], "score": [70.0, 20.0, 50.0],
                         "colour": ["green", "red", "orange"],
                         "arrow": ["on_track", "decreasing", "no_data"]})
    sentence = summaries.city_summary(city_facts("Nairobi", rows, None, 2020, Years()))
    assert sentence.startswith("Nairobi is on track for 1 of 2 goals with trend data.")
    assert "largest challenge is Goal 6: Clean water and sanitation (score 20)" in sentence
    assert sentence.endswith("1 goal faces major challenges.")


def test_indicator_rows_show_projects_on_their_target():
    projects = pd.DataFrame({"targets": ["11.2;11.6", "11.6", None]})
    counts = indicator_rows.target_project_counts(projects)
    assert counts == {"11.6": 2, "11.2": 1}
    rows = pd.DataFrame({"goal": [11], "target": ["11.6"], "arrow": ["on_track"], "value": [9.5],
                         "unit": ["µg/m3"], "value_year": [2024], "colour": ["green"],
                         "history": [None], "target_value": [None], "name": ["PM2.5"]})
    table = indicator_tables.indicator_table(rows, 11, "ken-nairobi", counts)
    link = [n for n in __import__("tests.components", fromlist=["walk"]).walk(table)
            if getattr(n, "href", None)]
    assert link[0].href == "/projects?place=ken-nairobi&goal=11&lang=en"
    assert text(link[0]) == "2 projects"
    assert "9.5" in text(table) and "µg/m3" in text(table)
    with i18n.use("fr"):
        table = indicator_tables.indicator_table(rows, 11, "ken-nairobi", counts)
    assert "9,5" in text(table) and "9.5" not in text(table)
    assert [n.href for n in walk(table) if getattr(n, "href", None)][0].endswith("&lang=fr")


SUMMARY_ROWS = pd.DataFrame({"goal": [1, 6, 11], "score": [80.0, 22.4, 61.0],
                             "colour": ["green", "red", "orange"],
                             "arrow": ["on_track", "decreasing", "no_data"]})
EXPECTED_SUMMARIES = {
    "en": ("2 of 3 places are on the map with a score for Goal 11: Sustainable cities and communities "
           "in 2020. 1 place cannot be drawn: it has no coordinates (0 with a score); the table lists "
           "it. On the map, highest: Alpha (80.0); lowest: Beta (30.0); median of all scored places "
           "55.0. Ratings on the map: 1 SDG achieved and 1 major challenges.",
           "Nairobi is on track for 1 of 2 goals with trend data. The largest challenge is Goal 6: "
           "Clean water and sanitation (score 22); the strongest result is Goal 1: No poverty (score "
           "80). Its SDG Index score is 54.5, ranked 12 of 140. 1 goal faces major challenges."),
    "es": ("2 de 3 lugares están en el mapa con puntuación para el Objetivo 11 (Ciudades y "
           "comunidades sostenibles) en 2020. 1 lugar no se puede dibujar: no tiene coordenadas (0 "
           "con puntuación); la tabla lo incluye. En el mapa, más alta: Alpha (80,0); más baja: Beta "
           "(30,0); mediana de todos los lugares con puntuación: 55,0. Calificaciones en el mapa: ODS "
           "alcanzado (1) y grandes desafíos (1).",
           "Nairobi está en camino en 1 de 2 objetivos con datos de tendencia. El mayor desafío está "
           "en el Objetivo 6 (Agua limpia y saneamiento), con una puntuación de 22; el mejor "
           "resultado, en el Objetivo 1 (Fin de la pobreza), con 80. Su puntuación en el Índice ODS "
           "es 54,5, en el puesto 12 de 140. 1 objetivo afronta grandes desafíos."),
    "fr": ("2 territoires sur 3 sont sur la carte avec un score pour l'objectif 11 (Villes et "
           "communautés durables) en 2020. 1 territoire ne peut pas être dessiné\u00a0: il n'a pas de "
           "coordonnées (0 avec un score)\u00a0; le tableau le liste. Sur la carte, score le plus "
           "élevé\u00a0: Alpha (80,0)\u00a0; le plus bas\u00a0: Beta (30,0)\u00a0; médiane de tous "
           "les territoires notés\u00a0: 55,0. Évaluations sur la carte\u00a0: ODD atteint (1) et "
           "défis majeurs (1).",
           "Nairobi\u00a0: en bonne voie pour 1 des 2 objectifs disposant de données de tendance. Le "
           "principal défi est l'objectif 6 (Eau propre et assainissement), avec un score de "
           "22\u00a0; le meilleur résultat est l'objectif 1 (Pas de pauvreté), avec 80. Son score à "
           "l'Indice ODD est de 54,5 (rang 12 sur 140). 1 objectif fait face à des défis majeurs."),
}


def test_generated_summaries_in_each_language_on_fixed_data():
    index = IndexFacts(54.5, 12, 140, shown=True, goals_with_data=3, indicators=10, available=10,
                             required=0.8, min_goals=9)
    for language, (map_sentence, city_sentence) in EXPECTED_SUMMARIES.items():
        with i18n.use(language):
            assert summaries.map_summary(facts.map_facts(PLACES, 11, 2020)) == map_sentence
            known = city_facts("Nairobi", SUMMARY_ROWS, index, 2020, Years(2020, 2020))
            assert summaries.city_summary(known) == city_sentence


def test_table_cells_name_their_column_so_a_phone_can_show_rows_as_cards():
    from layouts.tables import table_data, table_tree

    frame = pd.DataFrame({"Place": ["Nairobi"], "SDG Index": [49.4], "Rank": ["125"]})
    tree = table_tree(table_data(frame, "Peers"))
    table = tree[2]
    assert "card-rows" in table[1]["className"].split()
    row = table[4][2]
    assert row[2][0] == "th" and [cell[1] for cell in row[3:]] == [{"data-label": "SDG Index"},
                                                                    {"data-label": "Rank"}]


def test_a_left_join_by_position_gives_the_merge_s_rows_and_types():
    """`scores.left_join` (the map's places with their scores) equals pandas' left merge: places
    without a score get missing values (integers become floats, flags objects, ratings stay
    categories), the order is the places'; repeated keys on the right go through the merge."""
    from layouts.scores import left_join

    places = pd.DataFrame({"place_id": pd.array(["b", "a", "c", "d"], dtype="string"),
                           "name": ["B", "A", "C", "D"], "lat": [1.0, 2.0, None, 4.0]},
                          index=[7, 3, 9, 1])
    scores = pd.DataFrame({"place_id": pd.Categorical(["a", "b", "x"]), "score": [50.0, None, 1.0],
                           "rank": [2, 1, 3], "ranked": [True, False, True],
                           "colour": pd.Categorical(["red", "green", "grey"])})
    joined = left_join(places, scores, "place_id")
    merged = places.merge(scores, on="place_id", how="left")
    pd.testing.assert_frame_equal(joined.drop(columns="place_id"), merged.drop(columns="place_id"))
    assert joined["place_id"].tolist() == ["b", "a", "c", "d"]
    assert joined["rank"].dtype == "float64" and joined["colour"].dtype == "category"
    both = places.iloc[:2]  # every place scored: integers and flags keep their types
    every = left_join(both, scores, "place_id")
    pd.testing.assert_frame_equal(every.drop(columns="place_id"),
                                  both.merge(scores, on="place_id", how="left").drop(columns="place_id"))
    assert every["rank"].tolist() == [1, 2] and every["rank"].dtype == "int64"
    twice = pd.concat([scores, scores.iloc[:1]], ignore_index=True)
    pd.testing.assert_frame_equal(left_join(places, twice, "place_id"),
                                  places.merge(twice, on="place_id", how="left"))


def test_a_worker_keeps_the_indicator_rows_of_its_last_places_only(monkeypatch):
    """A city page's rows are read once and reused by the views it opens, for the last ROWS_KEPT
    places (each is about 240 KiB at national size): a crawler walking every city page does not
    grow a worker without end, and what is handed out is a copy."""
    from loaders.store import StoreData

    built = []
    monkeypatch.setattr(indicator_rows, "build_indicator_rows",
                        lambda store, place, year: built.append(place) or pd.DataFrame({"p": [place]}))
    monkeypatch.setattr(indicator_rows, "ROWS_KEPT", 3)
    store = StoreData("v", {}, {})
    for place in ["a", "b", "a", "c", "d", "a", "b"]:
        rows = indicator_rows.indicator_rows(store, place, 2020)
        rows["p"] = "changed"  # a caller's copy
    assert built == ["a", "b", "c", "d", "b"]  # "a" kept while asked for again; "b" left, read again
    assert len(store.__dict__["_kept"]["indicator-rows"]) == 3
    assert indicator_rows.indicator_rows(store, "a", 2020)["p"].tolist() == ["a"]


def test_a_goal_tile_without_a_score_is_no_link():
    """A goal with no score has no indicator section on the page, so its tile links nowhere."""
    assert city.goal_tile(15, None, 0)[0] == "div" and "href" not in city.goal_tile(15, None, 0)[1]
    scored = city.goal_tile(3, {"score": 50.0, "colour": "red", "arrow": None}, 0)
    assert scored[:2] == ["a", {"className": "goal-tile sdg-3", "href": "#goal-3"}]


def test_goal_sections_and_tables_agree_whatever_type_the_goals_have():
    """The page lists a section for each goal `goals_with_rows` finds, and each section's table is
    asked for by number: goals read as text or as floats give the same tables as integers."""
    base = {"indicator_id": ["a", "b", "c", "d"], "name": list("ABCD"), "value": [1.0, 2.0, 3.0, 4.0],
            "unit": [""] * 4, "value_year": [2020] * 4, "colour": ["green"] * 4, "arrow": ["on_track"] * 4,
            "history": [None] * 4, "target_value": [None] * 4}
    as_numbers = pd.DataFrame({"goal": pd.array([3, 3, 4, None], dtype="Int64"), **base})
    expected = {goal: table.tree for goal, table in indicator_tables.indicator_tables(as_numbers).items()}
    found = indicator_rows.goals_with_rows(as_numbers)
    assert set(expected) == set(found) and found == [3, 4, indicator_rows.OTHER]  # d, of no goal, last
    for goals in (["3", "3", "4", None], [3.0, 3.0, 4.0, float("nan")]):
        rows = pd.DataFrame({"goal": goals, **base})
        assert indicator_rows.goals_with_rows(rows) == [3, 4, indicator_rows.OTHER]
        tables = indicator_tables.indicator_tables(rows)
        assert {goal: table.tree for goal, table in tables.items()} == expected
        assert indicator_tables.indicator_table(rows, 3).tree == expected[3]


def test_indicators_of_no_goal_have_a_table_of_their_own_listed_last():
    """A source's indicators without an SDG goal (44 of Benin's départements' rated ones) get their
    own table, after the goals', instead of being left off the place's page."""
    rows = pd.DataFrame({
        "indicator_id": ["a", "b", "c"], "goal": [3.0, float("nan"), 1.0], "name": ["A", "B", "C"],
        "value": [1.0, 2.0, 3.0], "unit": ["%"] * 3, "value_year": [2020.0] * 3,
        "colour": ["green", "red", "yellow"], "arrow": ["up", None, None], "history": [float("nan")] * 3,
        "target": ["3.1", "1.1", "1.2"], "target_value": [float("nan")] * 3})
    assert indicator_rows.goals_with_rows(rows) == [1, 3, indicator_rows.OTHER]
    tables = indicator_tables.indicator_tables(rows, "x", {"1.1": 2, "1.2": 1})
    assert set(tables) == {1, 3, indicator_rows.OTHER}
    other, first = str(tables[indicator_rows.OTHER].to_plotly_json()), str(tables[1].to_plotly_json())
    assert "Indicators of no SDG goal" in other and "'B'" in other and "'A'" not in other
    assert "/projects?" in first and "/projects?" not in other  # b's target counts nothing there
    assert indicator_tables.section_label(indicator_rows.OTHER) == "Indicators of no SDG goal"
    assert indicator_tables.section_label(3).startswith("Goal 3")
    assert indicator_rows.goals_with_rows(rows.dropna(subset=["goal"])) == [1, 3]


def test_us_states_without_coordinates_are_found_by_code_or_name_and_nothing_else():
    from layouts.extents import us_states

    places = pd.DataFrame({
        "kind": ["region", "region", "region", "region", "city", "region", "region", "region", "region"],
        "country_iso3": ["USA", "USA", "usa", "USA", "USA", "MEX", "USA", "USA", "USA"],
        "code": ["AL", " us-ca ", None, "XX", "NY", "AL", "TX", None, None],
        "name": ["Alabama", "Calif.", "New York", "Washington, D.C.", "New York", "Alabama", "Texas",
                 "Atlantis", None],
        "lat": [None, None, None, None, None, None, 31.0, None, None],
        "lon": [None, None, None, None, None, None, -99.0, None, None],
    })
    # by code (a prefix and spaces taken off), else by name (the District by its usual name); never a
    # city, a place of another country, a place with coordinates (a marker), or a name of no state
    assert us_states(places).tolist() == ["AL", "CA", "NY", "DC", pd.NA, pd.NA, pd.NA, pd.NA, pd.NA]
    assert us_states(places.drop(columns="code")).tolist()[:4] == ["AL", pd.NA, "NY", "DC"]
    assert us_states(places.drop(columns="kind")).isna().all()


def test_states_are_drawn_as_their_shapes_on_the_map_of_the_usa_and_counted_as_drawn():
    frame = pd.DataFrame({
        "place_id": ["al", "ca", "ny"], "name": ["Alabama", "California", "New York"],
        "kind": "region", "country_iso3": "USA", "lat": None, "lon": None, "state": ["AL", "CA", pd.NA],
        "score": [40.0, 70.0, 55.0], "colour": ["red", "green", "yellow"], "arrow": "no_data"})
    frame[["lat", "lon"]] = frame[["lat", "lon"]].astype("float64")
    figure = maps.place_map(frame, "t", by_rating=True, scope=maps.USA)
    shapes = [t.to_plotly_json() for t in figure.data if t.meta != maps.ON_SHAPE]
    assert {t["locationmode"] for t in shapes} == {"USA-states"}
    assert sorted(code for t in shapes for code in t["locations"]) == ["AL", "CA"]
    # each state carries its rating's marker, which the legend shows (the fill alone told them apart)
    marks = [t for t in figure.data if t.meta == maps.ON_SHAPE]
    assert sorted(name for t in marks for name in t.text) == ["Alabama", "California"]
    legend = {t.name.split(" (")[0] for t in figure.data if t.showlegend}
    assert legend == {"major challenges", "SDG achieved"}
    assert all(t.type == "scattergeo" for t in figure.data if t.showlegend)
    assert figure.layout.geo.scope == "usa" and figure.layout.geo.projection.type == "albers usa"
    assert figure.layout.geo.lonaxis.range is None  # the USA's own frame, not the world's ranges
    known = facts.map_facts(frame, 1, 2020)
    assert (known.drawn, known.no_coordinates) == (2, 1)  # New York, of no known shape, is not drawn
    world = maps.place_map(frame, "t", by_rating=False)
    assert world.layout.geo.scope is None and world.layout.geo.projection.type == "natural earth"


def test_pillar_rows_are_a_place_s_own_and_none_for_a_place_of_no_pillar_indicator():
    """A store of Benin's départements beside its ECOWAS countries: a country, scored on goals, would
    have shown a table of four pillars without a score."""
    from loaders.store import StoreData

    scores = pd.DataFrame({"place_id": ["alibori"] * 3 + ["gha"], "year": [2022] * 4,
                           "indicator_id": ["a", "b", "c", "sdg1"], "score": [40.0, 60.0, 26.5, 70.0]})
    pillars = {"a": "Genre", "b": "Genre", "c": "Services", "d": "Services"}
    store = StoreData("v", {"options": {"pillars": pillars}}, {"indicator_scores": scores})
    rows = pillar_layouts.pillar_rows(store, "alibori", 2022).set_index("pillar")
    assert rows["score"].to_dict() == {"Genre": 50.0, "Services": 26.5}
    assert rows["scored"].to_dict() == {"Genre": 2, "Services": 1}
    assert rows["indicators"].to_dict() == {"Genre": 2, "Services": 2}
    ghana = pillar_layouts.pillar_rows(store, "gha", 2022)
    assert ghana.empty and pillar_layouts.pillar_section(ghana, 2022) == []
    assert pillar_layouts.pillar_rows(StoreData("w", {}, {"indicator_scores": scores}), "alibori", 2022).empty


def test_pillar_ranks_are_among_the_places_of_its_kind_in_its_country():
    """Benin's départements had pillar scores and nothing to compare them with: each pillar is
    ranked among the same kind of place of the same country with a score of it that year, ties
    sharing the higher rank, a place alone unranked, another country's and another kind's apart."""
    from loaders.store import StoreData
    from tests.components import text

    places = pd.DataFrame({"place_id": ["ali", "bor", "zou", "lome", "ben", "tgo"],
                           "name": ["Alibori", "Borgou", "Zou", "Maritime", "Benin", "Togo"],
                           "kind": ["region", "region", "region", "region", "country", "country"],
                           "country_iso3": ["BEN", "BEN", "BEN", "TGO", "BEN", "TGO"]})
    rows = [("ali", "a", 40.0), ("ali", "c", 30.0), ("bor", "a", 60.0), ("bor", "c", 30.0),
            ("zou", "a", 50.0), ("lome", "a", 90.0), ("lome", "c", 99.0), ("ben", "a", 95.0),
            ("zou", "c", 80.0)]
    scores = pd.DataFrame(rows, columns=["place_id", "indicator_id", "score"]).assign(year=2023)
    scores = pd.concat([scores, scores.assign(year=2022, score=1.0)])  # another year ranks apart
    pillars = {"a": "Genre", "c": "Services"}
    store = StoreData("v", {"options": {"pillars": pillars, "region_word": "department"}},
                      {"indicator_scores": scores, "places": places})
    ali = pillar_layouts.pillar_rows(store, "ali", 2023).set_index("pillar")
    assert ali["rank"].tolist() == [3, 2] and ali["ranked"].tolist() == [3, 3]  # 30 ties Borgou's 30
    assert pillar_layouts.pillar_rows(store, "bor", 2023)["rank"].tolist() == [1, 2]
    togo = pillar_layouts.pillar_rows(store, "lome", 2023)
    assert togo["rank"].isna().all() and togo["ranked"].tolist() == [1, 1]  # alone in Togo
    words = text(pillar_layouts.pillars_of(store, "ali", 2023))
    assert "3 of 3" in words and "2 of 3" in words
    assert "Rank: among the departments of Benin with a score of that pillar in 2023" in words
    alone = text(pillar_layouts.pillars_of(store, "lome", 2023))
    assert "Rank" not in alone and "99" in alone  # its scores, no rank column, no note
    assert "Rank" not in text(pillar_layouts.pillars_of(store, "ben", 2023))  # the one country with pillars


def test_goal_14_does_not_apply_in_a_landlocked_country_whatever_the_place():
    """Nepal's page said Goal 14 does not apply; its provinces' pages said only "no score"."""
    from layouts.reference import not_applicable

    assert not_applicable("country", "NPL") == not_applicable("region", "npl") == frozenset({14})
    assert not_applicable("city", "BOL") == frozenset({14})
    assert not_applicable("region", "FRA") == not_applicable("city", None) == frozenset()


def test_breakdown_tables_put_categories_down_and_the_latest_years_across():
    from layouts import breakdowns

    obs = pd.DataFrame({
        "indicator_id": "mode", "breakdown": ["Mode=Bus|Sex=F", "Mode=Car|Sex=F"] * 6,
        "year": [y for y in range(2010, 2016) for _ in range(2)],
        "value": [5.0, 9.0, 6.0, 8.0, 7.0, 7.0, 8.0, 6.0, 9.0, 5.0, 10.0, 4.0]})
    names = pd.DataFrame({"indicator_id": ["mode"], "name": ["Travel"], "unit": ["%"],
                          "name_language": ["en"], "unit_language": ["en"]})
    ((caption, table),) = breakdowns.breakdown_tables(obs, names)
    assert caption == "Travel (%). Earlier years (2010 to 2011) are in the download."
    assert list(table.columns) == ["Mode", "Sex", "2012", "2013", "2014", "2015"]
    assert table.values.tolist() == [["Bus", "F", "7", "8", "9", "10"], ["Car", "F", "7", "6", "5", "4"]]


def test_explore_values_from_a_thousand_up_are_shown_without_decimals():
    """A city's population read '14,348,535.0' on Explore's bars."""
    from layouts import explore_figures

    assert explore_figures.numbers(pd.Series([14348535.0, 12.34, None, -2500.4])) == [
        "14,348,535", "12.3", "no data", "-2,500"]
    assert explore_figures.number(14348535.0, "people") == "14,348,535 people"


def test_breakdown_tables_leave_out_a_year_of_blanks():
    """A year whose values are all blank made the city page fail (KeyError: 2019)."""
    from layouts import breakdowns

    obs = pd.DataFrame({"indicator_id": "mode", "breakdown": ["Mode=Bus", "Mode=Car", "Mode=Bus", "Mode=Car"],
                        "year": [2018, 2018, 2019, 2019], "value": [5.0, 9.0, None, None]})
    names = pd.DataFrame({"indicator_id": ["mode"], "name": ["Travel"], "unit": [None],
                          "name_language": ["en"], "unit_language": ["en"]})
    ((caption, table),) = breakdowns.breakdown_tables(obs, names)
    assert caption == "Travel" and list(table.columns) == ["Mode", "2018"]
    assert breakdowns.breakdown_tables(obs.assign(value=None), names) == []


def test_a_change_that_rounds_to_nothing_is_unchanged():
    """11,304.5 to 11,304.9 read '11,304 in 2019 to 11,305 in 2020 (up 0)'; values that read the same
    are unchanged."""
    from views.explore.text import place_change

    part = pd.DataFrame({"name": ["Lima", "Lima"], "year": [2019, 2020], "value": [11304.5, 11304.9]})
    assert place_change(part, "value", "") == "Lima: 11,304 in 2019 to 11,305 in 2020 (up 0.4)."
    part = part.assign(value=[11305.0, 11305.2])
    assert place_change(part, "value", "") == "Lima: 11,305 in 2019 to 11,305 in 2020 (unchanged)."
    part = part.assign(value=[304.5, 304.9])
    assert place_change(part, "value", "") == "Lima: 304.5 in 2019 to 304.9 in 2020 (up 0.4)."


def test_breakdown_tables_keep_a_department_s_categories_together_and_say_all():
    """Los Angeles' staff by department and gender, sorted by value and cut at 40 rows, kept each
    department's gender above half only ("Fire, Male, 92.8"; its 7.2 % of women in the download),
    and its city-wide rows ("Gender=Male") had an empty department."""
    from layouts import breakdowns

    departments = [f"Dept {i:02d}" for i in range(30)]
    men = [90.0 - i for i in range(30)]
    breakdown = [f"Department={d}|Gender={g}" for d in departments for g in ("Male", "Female")]
    value = [v for m in men for v in (m, 100.0 - m)]
    obs = pd.DataFrame({"indicator_id": "staff", "year": 2015,
                        "breakdown": [*breakdown, "Gender=Male", "Gender=Female"],
                        "value": [*value, 69.0, 31.0]})
    names = pd.DataFrame({"indicator_id": ["staff"], "name": ["Staff"], "unit": ["%"],
                          "name_language": ["en"], "unit_language": ["en"]})
    ((caption, table),) = breakdowns.breakdown_tables(obs, names)
    rows = table.values.tolist()
    assert rows[:4] == [["Dept 00", "Male", "90"], ["Dept 00", "Female", "10"],
                        ["Dept 01", "Male", "89"], ["Dept 01", "Female", "11"]]
    assert len(rows) == breakdowns.MAX_ROWS and rows[-1][0] == rows[-2][0]  # no department cut in two
    assert caption == "Staff (%). 22 more categories are in the download."
    every = breakdowns.breakdown_tables(obs[obs["breakdown"].str.startswith(("Gender", "Department=Dept 0"))],
                                        names)[0][1].values.tolist()
    assert ["All", "Male", "69"] in every and ["All", "Female", "31"] in every


def test_a_breakdown_caption_puts_no_brackets_in_brackets():
    """Bristol: "Percentage who feel safe outdoors after dark: Deprivation (Percentage (%))"."""
    from layouts import breakdowns

    obs = pd.DataFrame({"indicator_id": "safe", "breakdown": ["Deprivation=Most", "Deprivation=Least"],
                        "year": 2020, "value": [60.0, 80.0]})
    names = pd.DataFrame({"indicator_id": ["safe"], "name": ["Feel safe"], "unit": ["Percentage (%)"],
                          "name_language": ["en"], "unit_language": ["en"]})
    assert breakdowns.breakdown_tables(obs, names)[0][0] == "Feel safe, in Percentage (%)"
    assert breakdowns.breakdown_tables(obs, names.assign(unit="%"))[0][0] == "Feel safe (%)"


def test_a_ranking_of_millions_labels_its_bars_shortened():
    """A city's 14,348,535 people was cut to "14,348,53" beside its bar on a phone; the hover text
    keeps every digit, and a ranking of smaller values is labelled in full."""
    from layouts import explore_figures

    frame = pd.DataFrame({"place_id": ["a", "b"], "name": ["Shanghai", "Adamstown"],
                          "country_iso3": ["CHN", "PCN"], "value": [14348535.0, 49.0]})
    bars = explore_figures.ranking_figure(frame, "value").data[0]
    assert list(bars.text) == ["14.3M", "49"] and "14,348,535" in bars.hovertext[0]
    with i18n.use("fr"):
        assert list(explore_figures.ranking_figure(frame, "value").data[0].text)[0] == "14,3\u00a0M"
    small = frame.assign(value=[950.5, 49.0])
    assert list(explore_figures.ranking_figure(small, "value").data[0].text) == ["950.5", "49.0"]


def test_a_ranking_labels_its_bars_with_the_decimals_that_part_neighbours():
    """Explore's sentence said "Best: Ghana (62.21)" under two bars both labelled "62.2" (Côte
    d'Ivoire's 62.19); equal scores keep one text, and a value with its unit keeps its own rule."""
    from layouts import explore_figures

    codes = ["GHA", "CIV", "SEN", "GMB"]
    frame = pd.DataFrame({"place_id": codes, "name": ["Ghana", "Côte d'Ivoire", "Senegal", "Gambia"],
                          "country_iso3": codes, "score": [62.21, 62.19, 60.6, 60.6]})
    bars = explore_figures.ranking_figure(frame, "score").data[0]
    assert list(bars.text) == ["62.21", "62.19", "60.6", "60.6"]
    with i18n.use("fr"):
        assert list(explore_figures.ranking_figure(frame, "score").data[0].text)[:2] == ["62,21", "62,19"]
    assert list(explore_figures.ranking_figure(frame, "score", "%").data[0].text)[0] == "62.2 %"


def test_a_value_s_year_is_written_as_its_source_wrote_it():
    """Bristol's '2018-19' (stored as 2019, the year it ends) was written "62.87 in 2021" and drawn at
    2021, read as calendar years; an edition's "latest available" label is not a year."""
    labels = ["2017-18", "2020-21", "", "2099 edition (latest available)"]
    told = years.written_all([2018, 2021, 2022, 2023], labels)
    assert told == ["2017-18", "2020-21", "2022", "2023"]
    history = pd.Series([69.62, 62.87], index=[2018, 2021])
    figure = sparklines.trend_figure(history, "Feel safe", "%", None, None, told[:2])
    assert list(figure.layout.xaxis.ticktext) == ["2017-18", "2020-21"]
    assert list(figure.layout.xaxis.tickvals) == [2018, 2021]
    assert "%{customdata}" in figure.data[0].hovertemplate
    plain = sparklines.trend_figure(pd.Series([1.0, 2.0], index=[2018, 2021]), "x", "", None, None,
                              ["2018", "2021"])
    assert plain.layout.xaxis.ticktext is None


def test_a_percent_unit_is_written_by_its_sign_in_a_goal_s_table():
    """Bristol's goal table wrote "62.87 Percentage (%)" beside the trend's "(%)"."""
    assert indicator_tables.value_cell(62.87, "Percentage (%)", "en") == ["62.87", " ", "%"]
    assert indicator_tables.value_cell(5.0, "Millions (USD)", None)[-1] == "Millions (USD)"
