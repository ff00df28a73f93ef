"""The explore page: its builders on tiny inline frames, then its layout and callbacks on the demo store."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from layouts import explore_figures as figures
from layouts import i18n, ranking
from loaders.paths import DEMO_STORE
from loaders.store import StoreData
from tests.components import by_class, find, text
from views.explore import contents, model, rows
from views.explore import options as offered
from views.explore import places as within
from views.explore import state as explore_state
from views.explore import text as words

# ---------------------------------------------------------------- tiny store


@pytest.fixture
def tiny() -> StoreData:
    places = pd.DataFrame({
        "place_id": ["ken-nairobi", "ken-mombasa", "fra-paris", "ken", "fra"],
        "name": ["Nairobi", "Mombasa", "Paris", "Kenya", "France"],
        "kind": ["city", "city", "city", "country", "country"],
        "country_iso3": ["KEN", "KEN", "FRA", "KEN", "FRA"],
        "un_region": ["Africa", "Africa", "Europe", "Africa", "Europe"],
        "un_subregion": ["Eastern Africa", "Eastern Africa", "Western Europe", "Eastern Africa",
                         "Western Europe"],
        "lat": [-1.3, -4.0, 48.9, None, None], "lon": [36.8, 39.7, 2.35, None, None],
        "population": [4_400_000.0, 1_200_000.0, 2_100_000.0, 5e7, 6.7e7],
    })
    indicators = pd.DataFrame({
        "indicator_id": ["pm25", "slums", "water"], "goal": [11, 11, 6],
        "target": ["11.6", "11.1", "6.1"], "name": ["PM2.5", "Slums", "Safe water"],
        "unit": ["µg/m³", "%", "%"], "direction": ["lower", "lower", "higher"],
        "description": ["Fine particles", "Slum dwellers", "Safely managed water"],
    })
    rows = []
    for year, shift in ((2020, 0.0), (2021, 5.0)):
        for place, pm25, slums, water in (("ken-nairobi", 30, 40, 60), ("ken-mombasa", 20, 50, 70),
                                          ("fra-paris", 12, 1, 99)):
            for indicator, value in (("pm25", pm25), ("slums", slums), ("water", water)):
                score = 100 - value if indicator != "water" else value
                rows.append((place, indicator, year, float(value), score + shift))
    scores = pd.DataFrame(rows, columns=["place_id", "indicator_id", "year", "value", "score"])
    scores["goal"] = scores["indicator_id"].map({"pm25": 11, "slums": 11, "water": 6})
    scores["colour"] = scores["score"].map(lambda s: "green" if s >= 80 else "red")
    scores["arrow"] = "on_track"
    goal_scores = scores.groupby(["place_id", "goal", "year"], as_index=False)["score"].mean()
    goal_scores["colour"], goal_scores["arrow"] = "orange", "stagnating"
    index = goal_scores.groupby(["place_id", "year"], as_index=False)["score"].mean()
    index["rank"] = index.groupby("year")["score"].rank(ascending=False).astype("Int64")
    for table in (scores, goal_scores, index):
        table["place_id"] = table["place_id"].astype("category")
    tables = {"places": places, "indicators": indicators, "observations": scores,
              "indicator_scores": scores, "goal_scores": goal_scores, "index": index}
    return StoreData(version="t", meta={"demo": True}, tables=tables)


@pytest.fixture
def cat(tiny) -> model.Catalogue:
    return contents.catalogue(tiny)


def state(**changes) -> model.State:
    base = {"year": 2021, "start": 2020, "end": 2021, "x": "pm25", "y": "slums"}
    return model.State(**{**base, **changes})


# ---------------------------------------------------------------- filters


def test_a_national_store_lists_the_chosen_places_and_finds_the_others(cat, monkeypatch):
    """Beyond PLACE_LIST places the control holds the chosen ones; typing finds the others within
    the geographic filters, accents, case and punctuation ignored, the chosen kept first."""
    every = [o["value"] for o in within.place_options(cat.places, state())]
    assert every == ["ken-mombasa", "ken-nairobi", "fra-paris"]
    assert within.lists_every_place(cat.places, state())
    monkeypatch.setattr(ranking, "PLACE_LIST", 2)
    chosen = state(places=("fra-paris",))
    assert [o["value"] for o in within.place_options(cat.places, chosen)] == ["fra-paris"]
    assert not within.lists_every_place(cat.places, chosen)
    assert within.lists_every_place(cat.places, state(region="Africa"))  # two places: all listed
    found = within.place_matches(cat, chosen, " NAÏRobi! ", ["fra-paris"])
    assert [o["value"] for o in found] == ["fra-paris", "ken-nairobi"]
    assert [o["label"] for o in found] == ["Paris", "Nairobi"]
    assert [o["value"] for o in within.place_matches(cat, state(), "m")] == ["ken-mombasa"]
    assert within.place_matches(cat, state(region="Europe"), "nairobi") == []  # outside the region
    assert [o["value"] for o in within.place_matches(cat, state(), "a", limit=1)] == ["ken-mombasa"]
    assert [o["value"] for o in within.place_matches(cat, state(), "ris")] == ["fra-paris"]

    for hostile in (None, 7, "", "   ", "x" * 10_000, ".*", "[("):
        assert within.place_matches(cat, state(), hostile, ["ken-nairobi", 3, None]) == [
            {"label": "Nairobi", "value": "ken-nairobi"}]
    # what was typed goes with each place found: the browser's own filter keeps 'Nairobi' for 'nairóbi!'
    assert [o["search"] for o in found[1:]] == ["Nairobi  NAÏRobi! "]


def test_a_store_without_scores_has_an_empty_catalogue(tiny):
    places_only = StoreData(version="t", meta={}, tables={"places": tiny.places})
    assert contents.catalogue(places_only).years == []


def test_catalogue_keeps_cities_with_band_and_country_name(cat):
    assert list(cat.places["place_id"]) == ["ken-mombasa", "ken-nairobi", "fra-paris"]
    assert dict(zip(cat.places["name"], cat.places["band"], strict=True)) == {
        "Mombasa": "large", "Nairobi": "large", "Paris": "large"}
    assert set(cat.places["country_name"]) == {"Kenya", "France"}
    assert cat.years == [2020, 2021]


def test_options_narrow_with_the_choices_above_them(cat):
    indicators = pd.DataFrame({"goal": [11, 11, 11, 6], "target": ["11.a", "11.10", "11.2", "6.1"],
                               "indicator_id": list("abcd"), "name": list("ABCD")})
    assert [o["value"] for o in offered.target_options(indicators, 11)] == ["", "11.2", "11.10", "11.a"]
    assert [o["value"] for o in offered.indicator_options(cat.indicators, 11, "11.6")] == ["", "pm25"]
    # SDSN's indicators have no target: named alone, not "Cereal yield (t/ha) (<NA>)"
    untargeted = pd.DataFrame({"goal": [2, 2], "target": pd.array(["2.1", pd.NA], dtype="string"),
                               "indicator_id": ["a", "b"],
                               "name": ["Undernourishment", "Cereal yield (t/ha)"]})
    assert [o["label"] for o in offered.indicator_options(untargeted, 2, None)][1:] == [
        "Undernourishment (2.1)", "Cereal yield (t/ha)"]
    africa = model.State(region="Africa")
    assert [o["value"] for o in offered.subregion_options(cat.places, africa)] == ["", "Eastern Africa"]
    assert [o["label"] for o in offered.country_options(cat.places, africa)] == ["All countries", "Kenya"]
    assert [o["label"] for o in within.place_options(cat.places, africa)] == ["Mombasa", "Nairobi"]


def test_query_leaves_defaults_out(cat):
    defaults = model.State(year=2021, start=2020, end=2021, x="water", y="slums")
    assert explore_state.to_query(defaults, cat) == {}
    chosen = state(view="trend", goal=11, places=("fra-paris", "ken-nairobi"), start=2021, size=True,
                   x="slums", y="pm25")  # the defaults for goal 11: its own indicators
    assert explore_state.to_query(chosen, cat) == {
        "view": "trend", "goal": "11", "from": "2021", "places": "fra-paris,ken-nairobi",
        "size": "population"}


def test_scatter_axes_default_to_the_chosen_goal(cat):
    assert offered.scatter_defaults(cat.indicators, model.State()) == ("water", "slums")
    assert offered.scatter_defaults(cat.indicators, model.State(goal=11)) == ("slums", "pm25")
    assert offered.scatter_defaults(cat.indicators, model.State(indicator="pm25")) == ("pm25", "water")


def test_scatter_default_relates_two_subjects_not_two_measures_of_one():
    names = ["poverty-national", "poverty-international", "protection", "food"]
    indicators = pd.DataFrame({"indicator_id": names,
                               "goal": [1, 1, 1, 2], "target": ["1.2", "1.1", "1.3", "2.1"]})
    assert offered.scatter_defaults(indicators, model.State()) == ("poverty-national", "food")
    within_goal = offered.scatter_defaults(indicators, model.State(goal=1))
    assert within_goal == ("poverty-national", "poverty-international")  # another target of the goal


# ---------------------------------------------------------------- frames


def test_ranking_rows_filter_sort_best_first_and_number_positions(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state(indicator="pm25", region="Africa"))
    assert list(frame["name"]) == ["Mombasa", "Nairobi"]
    assert list(frame["position"]) == [1, 2]
    assert list(frame["rating"]) == ["SDG achieved", "major challenges"]
    assert frame["trend"].iloc[0] == "↑ on track"


def test_value_of_a_lower_is_better_indicator_ranks_lowest_first(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state(indicator="pm25", measure="value"))
    assert list(frame["value"]) == [12.0, 20.0, 30.0]
    assert list(frame["unit"].unique()) == ["µg/m³"]
    assert "Best: Paris (12 µg/m³)" in words.chart(frame, cat, state(indicator="pm25",
                                                                          measure="value"))[2]


def test_values_rank_in_the_direction_they_were_scored_in_where_none_is_stated(tiny):
    """Baltimore's infant mortality states no direction; scored lower-is-better from its name, its
    values were ranked highest first ("Best: Arlington (20.0)", where 20 is the worst)."""
    indicators = tiny.tables["indicators"].assign(direction=pd.NA)
    bounds = pd.DataFrame({"indicator_id": ["pm25", "slums", "water"],
                           "direction": ["lower", "lower", "higher"],
                           "direction_source": ["name", "bounds", "assumed"]})
    store = StoreData(version="t", meta=tiny.meta, tables={**tiny.tables, "indicators": indicators,
                                                           "bounds": bounds})
    cat = contents.catalogue(store)
    chosen = state(indicator="pm25", measure="value")
    assert list(rows.filtered_frame(store, cat, chosen)["value"]) == [12.0, 20.0, 30.0]
    assert "(lower is better)" in words.chart(rows.filtered_frame(store, cat, chosen), cat, chosen)[2]
    # a store without a bounds table reads the directions as scoring does: 'lower' from a name that
    # says so, 'higher' assumed where nothing tells
    named = indicators.assign(name=["Infant mortality rate", "Slums", "Safe water"])
    unbounded = StoreData(version="t2", meta=tiny.meta, tables={**tiny.tables, "indicators": named})
    unbounded_cat = contents.catalogue(unbounded)
    assert list(rows.filtered_frame(unbounded, unbounded_cat, chosen)["value"]) == [12.0, 20.0, 30.0]
    plain = StoreData(version="t3", meta=tiny.meta, tables={**tiny.tables, "indicators": indicators})
    read = contents.catalogue(plain).indicators.set_index("indicator_id")
    assert read.loc["pm25", "direction"] == "lower" and not read.loc["pm25", "assumed"]  # "PM2.5" says so
    assert read.loc["water", "direction"] == "higher" and read.loc["water", "assumed"]
    # a categorical direction column, and a stated direction outside its categories, are read alike
    categorical = bounds.assign(direction=bounds["direction"].astype("category")).iloc[:2]
    mixed = StoreData(version="t4", meta=tiny.meta,
                      tables={**tiny.tables, "indicators": tiny.tables["indicators"], "bounds": categorical})
    mixed_indicators = contents.catalogue(mixed).indicators.set_index("indicator_id")
    assert mixed_indicators.loc["water", "direction"] == "higher"


def test_a_store_of_one_indicator_offers_no_scatter(tiny):
    """`?view=scatter` on UNdata's populations (one indicator) was a server error, and the chart
    choices offered it."""
    one = {name: (table[table["indicator_id"] == "pm25"] if "indicator_id" in table else table)
           for name, table in tiny.tables.items()}
    cat = contents.catalogue(StoreData(version="t", meta=tiny.meta, tables=one))
    assert "scatter" not in explore_state.offered_views(cat)
    chosen, problems = explore_state.parse({"view": "scatter"}, cat)
    assert chosen.view == "ranking" and problems == [
        "A scatter plot needs two indicators; this data has fewer. The default chart is shown instead."]
    assert "scatter" in explore_state.offered_views(contents.catalogue(tiny))
    # its axes are not read either ("y 'pm25', which is not known here; all are shown instead")
    assert explore_state.parse({"view": "scatter", "x": "pm25", "y": "pm25"}, cat)[1] == problems
    # and the scatter embed is not a ranking titled as one (the published site offered it)
    from views import registry
    from views.base import NotAvailable

    store = StoreData(version="t-one", meta=tiny.meta, tables=one)
    with pytest.raises(NotAvailable, match="A scatter plot needs two indicators"):
        registry.EMBEDS["scatter"].parse({}, store)


def test_index_rows_carry_the_official_rank(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state())
    assert list(frame.columns[:3]) == ["place_id", "position", "name"]
    assert "rank" in frame and "rating" not in frame


def test_table_rows_find_by_name_and_sort(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state(view="table", find="a", sort="name-asc"))
    assert list(frame["name"]) == ["Mombasa", "Nairobi", "Paris"]
    frame = rows.filtered_frame(tiny, cat, state(view="table", find="NAI"))
    assert list(frame["name"]) == ["Nairobi"]
    # accents and case aside, as the map's search: 'potosi' found no Potosí
    assert list(rows.filtered_frame(tiny, cat, state(view="table", find="nairóbi"))["name"]) == ["Nairobi"]
    assert list(rows.filtered_frame(tiny, cat, state(view="table", find="PARÍS"))["name"]) == ["Paris"]
    frame = rows.filtered_frame(tiny, cat, state(view="table", sort="score-asc"))
    assert frame["score"].is_monotonic_increasing


def test_scatter_rows_name_columns_by_indicator(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state(view="scatter", measure="value"))
    assert list(frame.columns[-2:]) == ["pm25", "slums"]
    assert frame.set_index("name").loc["Paris", "slums"] == 1.0


def test_trend_rows_follow_chosen_places_or_the_best_five(tiny, cat):
    chosen = rows.filtered_frame(tiny, cat, state(view="trend", places=("ken-nairobi", "fra-paris")))
    assert list(chosen["place_id"]) == ["ken-nairobi"] * 2 + ["fra-paris"] * 2
    best = rows.filtered_frame(tiny, cat, state(view="trend", start=2021))
    assert list(best["name"]) == ["Paris", "Mombasa", "Nairobi"]
    assert set(best["year"]) == {2021}


def test_trend_of_values_draws_a_carried_value_once_at_its_own_year(tiny):
    """Los Angeles' 2018 value, carried into 2019 and 2020 for scoring, was drawn three times and
    said to be "2,544.0 in 2020"; its score, the same value's, is drawn once too (its scores' trend
    kept every year until València's goal score read "77.8 in 2015 to 77.8 in 2021 (unchanged)")."""
    scores = tiny.tables["indicator_scores"].copy()
    scores["value_year"] = scores["year"]
    nairobi = scores["place_id"] == "ken-nairobi"
    carried = nairobi & (scores["year"] == 2021)
    scores.loc[carried, "value_year"] = 2020
    scores.loc[carried, "value"] = scores.loc[nairobi & (scores["year"] == 2020), "value"].to_numpy()
    store = StoreData("carried", tiny.meta, {**tiny.tables, "indicator_scores": scores})
    cat = contents.catalogue(store)
    asked = state(view="trend", indicator="pm25", measure="value", places=("ken-nairobi", "fra-paris"))
    drawn = rows.filtered_frame(store, cat, asked)
    assert list(zip(drawn["name"], drawn["year"], strict=True)) == [
        ("Nairobi", 2020), ("Paris", 2020), ("Paris", 2021)]
    by_score = rows.filtered_frame(store, cat, asked.__class__(**{**vars(asked), "measure": "score"}))
    assert list(by_score.loc[by_score["name"] == "Nairobi", "year"]) == [2020]
    best = words.trend_summary(rows.filtered_frame(store, cat, state(view="trend", indicator="pm25",
                                                                    measure="value")),
                               rows.subject(cat, state(indicator="pm25")), "value", state(view="trend"))
    assert "for the 3 places with data." in best and "five best" not in best
    # the best are chosen among the values drawn: Nairobi's carried 2021 value draws nothing in 2021
    late = state(view="trend", indicator="pm25", measure="value", start=2021)
    late_frame = rows.filtered_frame(store, cat, late)
    assert list(late_frame["name"]) == ["Paris", "Mombasa"]
    assert words.subtitle(cat, late, late_frame["place_id"].nunique()) == "the 2 places with data"
    from views.explore import build as explore_build  # a ranking says where its values are older

    ranked = explore_build.build(store, state(view="ranking", indicator="pm25", measure="value"), cat)
    assert ranked.summary.count("latest value up to 2021 is shown, from 2020 to 2021.") == 1
    assert "latest value" not in explore_build.build(store, state(view="ranking", indicator="pm25",
                                                                  measure="value", year=2020), cat).summary
    alone = explore_build.build(store, state(view="ranking", indicator="pm25", measure="value",
                                             places=("ken-nairobi",)), cat)
    assert alone.summary.startswith("Only Nairobi has values for PM2.5 in 2021: ")
    assert alone.summary.endswith("Each place's latest value up to 2021 is shown, from 2020.")


def test_a_table_of_values_says_it_is_ordered_by_value(tiny, cat):
    """It said "Order: Score, best first" over a table of an indicator's values."""
    shown = state(view="table", indicator="pm25", measure="value")
    _title, _figure, summary = words.chart(rows.filtered_frame(tiny, cat, shown), cat, shown)
    assert summary.endswith("Order: Value, best first.")
    scored = state(view="table", indicator="pm25", sort="score-asc")
    _title, _figure, summary = words.chart(rows.filtered_frame(tiny, cat, scored), cat, scored)
    assert summary.endswith("Order: Score, worst first.")
    # the order control's options say it too, sent again when the measure changes
    labels = [o["label"] for o in offered.option_sets(shown, cat, ["sort"])["sort"]]
    assert labels[:2] == ["Value, best first", "Value, worst first"]
    assert "sort" in offered.changed_options({"measure": "value"}, {})


def test_display_frame_has_readable_headers_and_city_links(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state(view="scatter"))
    shown = rows.display_frame(frame, cat)
    assert list(shown.columns[:2]) == ["Place", "Country"]
    assert {"PM2.5", "Slums", "link"} <= set(shown.columns)
    assert shown["Population"].iloc[0] == "1,200,000"
    assert shown["link"].iloc[0] == "/city/ken-mombasa"


def test_indicators_without_names_go_by_their_ids(tiny):
    """A store written by another tool may name no indicator: headers, axes and options use the id."""
    from views.explore import text

    nameless = StoreData(tiny.version, tiny.meta, {**tiny.tables, "indicators": tiny.indicators.assign(
        name=[None, "  ", pd.NA])})
    cat = contents.catalogue(nameless)
    chosen = state(view="scatter", measure="value")
    shown = rows.display_frame(rows.filtered_frame(nameless, cat, chosen), cat)
    assert {"pm25", "slums"} <= set(shown.columns) and not any(pd.isna(c) for c in shown.columns)
    title, _, summary = text.chart(rows.filtered_frame(nameless, cat, chosen), cat, chosen)
    assert "slums against pm25" in title.lower() and "nan" not in (title + summary).lower()
    from layouts import texts as indicator_texts  # what the city page and districts show

    assert list(indicator_texts.indicator_texts(nameless)["name"]) == ["pm25", "slums", "water"]
    with i18n.use("fr"):  # an id is in no language: no "(in English)" after it
        shown = contents.indicator_names(cat)
        assert list(shown["name"]) == list(shown["indicator_id"])


# ---------------------------------------------------------------- figures and summaries


def test_ranking_figure_labels_every_bar_and_names_ratings(tiny, cat):
    frame = rows.filtered_frame(tiny, cat, state(goal=11))
    title, figure, summary = words.chart(frame, cat, state(goal=11))
    assert title == "Ranking by Goal 11: Sustainable cities and communities (scores), 2021"
    bar = figure.data[0]
    assert bar.orientation == "h" and list(bar.text) == ["98.5", "70.0", "70.0"]
    assert bar.name == "significant challenges (3)"
    assert list(figure.layout.yaxis.categoryarray) == ["Paris", "Mombasa", "Nairobi"]
    assert summary.startswith("3 places have scores for Goal 11")
    assert words.rating_counts(pd.Series(["challenges remain"])) == "Ratings: challenges remain (1)."
    with i18n.use("fr"):  # the goal as inside a sentence, with its article
        french, _figure, _summary = words.chart(frame, cat, state(goal=11))
    assert french.startswith("Classement selon l'objectif 11 (") and french.endswith(", scores, 2021")


def test_a_ranking_of_many_places_draws_the_first_and_says_so(tiny, cat, monkeypatch):
    """At 10,000 places a bar per place would be a chart a quarter of a million pixels tall."""
    monkeypatch.setattr(words.figures, "MAX_BARS", 2)
    frame = rows.filtered_frame(tiny, cat, state(goal=11))
    _, figure, summary = words.chart(frame, cat, state(goal=11))
    assert sum(len(bar.y) for bar in figure.data) == 2 and figure.layout.height == 110 + 24 * 2
    assert "3 places have scores" in summary  # the sentences count every place
    assert summary.endswith("The chart shows the first 2 of them; the table view lists them all.")


def test_a_bar_is_named_apart_from_a_namesake_past_the_bars_drawn(monkeypatch):
    """Bolivia's San Pedro in Santa Cruz ranks 61st and its namesake in Pando 336th: with the
    chart drawing the first 200, the 61st was a bare "San Pedro" the table then named otherwise."""
    monkeypatch.setattr(words.figures, "MAX_BARS", 2)
    frame = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["San Pedro", "Sucre", "San Pedro"],
                          "country_iso3": ["BOL"] * 3, "area": ["Santa Cruz", "Chuquisaca", "Pando"],
                          "score": [80.0, 70.0, 40.0]})
    figure = words.figures.ranking_figure(frame, "score")
    assert list(figure.layout.yaxis.categoryarray) == ["San Pedro (Santa Cruz)", "Sucre"]


def test_scatter_figure_one_trace_per_region_sized_by_population(tiny, cat):
    chosen = state(view="scatter", size=True)
    _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
    assert [t.name for t in figure.data] == ["Africa", "Europe"]
    assert figure.data[0].marker.symbol != figure.data[1].marker.symbol
    assert figure.data[0].marker.sizemode == "area"
    assert "Nairobi" in figure.data[0].hovertext[1]
    assert "3 places have scores for both PM2.5 (across) and Slums (up)" in summary


def test_distribution_and_trend_figures(tiny, cat):
    chosen = state(view="distribution")
    _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
    assert [t.type for t in figure.data] == ["box", "box"]
    assert "Africa: median" in summary
    chosen = state(view="trend", places=("ken-nairobi", "fra-paris", "ken-mombasa"))
    _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
    assert {t.mode for t in figure.data} == {"lines+markers"}
    assert len({t.line.dash for t in figure.data}) == 3
    assert summary.startswith("The SDG Index from 2020 to 2021. Nairobi:")


def test_few_lines_are_named_at_their_ends_and_many_get_a_legend():
    def lines(count, same_end=False):
        return pd.DataFrame([{"place_id": f"p{n}", "name": f"Place, long name {n}", "country_iso3": "KEN",
                              "year": year, "score": 50.0 if same_end and year == 2021 else 10.0 * n + 1}
                             for n in range(count) for year in (2020, 2021)])

    figure = figures.trend_figure(lines(3, same_end=True), "score")
    labels = figure.layout.annotations
    assert figure.layout.showlegend is False and len(labels) == 3
    assert {a.x for a in labels} == {2021} and all(a.text.endswith("…") for a in labels)
    assert [a.font.color for a in labels] == [t.line.color for t in figure.data]
    ys = sorted(a.y for a in labels)  # three lines ending at 50 are pushed apart, not drawn on each other
    assert ys[0] == 50.0 and ys[1] - ys[0] > 1 and ys[2] - ys[1] > 1
    assert figure.layout.margin.r > 100  # room for the names on the right
    many = figures.trend_figure(lines(figures.DIRECT_LABELS + 1), "score")
    assert not many.layout.annotations and many.layout.showlegend is not False


def test_charts_do_not_zoom_so_a_finger_scrolls_the_page(tiny, cat):
    chosen = state(view="scatter")
    _, figure, _summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
    axes = figure.layout.template.layout
    assert axes.xaxis.fixedrange is True and axes.yaxis.fixedrange is True


def test_empty_selection_says_so(tiny, cat):
    chosen = state(region="Oceania")
    _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
    assert figure.layout.annotations[0].text == "No data for this selection."
    assert summary == "No place in the selection has scores for the SDG Index in 2021."
    assert figures.wrap("a " * 40).count("<br>") == 1


# ---------------------------------------------------------------- other languages


def test_french_numbers_in_summaries_tables_and_hover(tiny, cat):
    with i18n.use("fr"):
        chosen = state(indicator="pm25", measure="value")
        frame = rows.filtered_frame(tiny, cat, chosen)
        frame = frame.assign(value=frame["value"] + 0.25)  # values with decimals (whole ones have none)
        title, figure, summary = words.chart(frame, cat, chosen)
        assert "12,2 µg/m³" in summary and "12.2" not in summary
        assert list(figure.data[0].text)[:1] == ["12,2 µg/m³"]
        assert figure.layout.separators == i18n.separators() == ",\u202f"
        shown = rows.display_frame(rows.filtered_frame(tiny, cat, state(view="scatter")), cat)
        assert shown[rows.column_label("population")].iloc[0] == "1\u202f200\u202f000"
        chosen = state(view="scatter", measure="value")
        _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
        assert "12,0" in figure.data[1].hovertext[0] and "2\u202f100\u202f000" in figure.data[1].hovertext[0]
        assert "(corrélation 0," in summary


def test_french_trend_and_distribution_summaries(tiny, cat):
    with i18n.use("fr"):
        chosen = state(view="trend", places=("ken-nairobi",))
        _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
        assert "5,0" in summary and "2020" in summary and "2\u202f020" not in summary
        assert "2020" in figure.data[0].hovertext[0]
        chosen = state(view="distribution", indicator="slums", measure="value")
        _, figure, summary = words.chart(rows.filtered_frame(tiny, cat, chosen), cat, chosen)
        assert "45,0 %" in summary and "Afrique" in summary  # the region named by CLDR
        assert [t.name.replace("<br>", " ") for t in figure.data] == ["Afrique (2)", "Europe (1)"]


def test_correlation_sentences_are_whole_and_signed():
    from views.explore.correlation import strength

    assert strength(-0.62, 10).startswith("The two show a strong negative relationship over 10 places "
                                          "(correlation -0.62).")
    with i18n.use("fr"):
        assert strength(0.25, 10).startswith(
            "Les deux présentent une faible relation positive sur 10 territoires (corrélation 0,25).")


def test_filter_labels_follow_the_language(cat):
    assert [o["label"] for o in offered.band_options()][1] == "Small: under 300,000"
    with i18n.use("fr"):
        bands = [o["label"] for o in offered.band_options()]
        assert "300\u202f000" in bands[1] and [o["value"] for o in offered.band_options()][1] == "small"
        regions = offered.region_options(cat.places)  # named by CLDR, not by our catalogues
        assert [(o["label"], o["value"]) for o in regions[1:]] == [("Afrique", "Africa"),
                                                                    ("Europe", "Europe")]
        countries = offered.country_options(cat.places, model.State())
        assert [(o["label"], o["value"]) for o in countries[1:]] == [("France", "FRA"), ("Kenya", "KEN")]
    with i18n.use("es"):  # accented names sort with their letter
        assert [o["label"] for o in offered.region_options(cat.places)[1:]] == ["África", "Europa"]


def test_indicator_names_use_their_translation_or_say_which_language(tiny):
    tiny.tables["indicator_texts"] = pd.DataFrame({
        "indicator_id": ["pm25"], "language": ["fr"], "name": ["Particules fines"], "unit": ["µg/m³"],
        "description": ["Particules fines"]})
    cat = contents.catalogue(tiny)
    with i18n.use("fr"):
        options = offered.indicator_options(contents.indicator_names(cat), 11, None)
        labels = {o["value"]: o["label"] for o in options}
        assert labels["pm25"] == "Particules fines (11.6)"
        # a name in another language is tagged with it, not marked after it: its list says so once
        slums = next(o for o in options if o["value"] == "slums")
        assert slums["label"].startswith("Slums") and "anglais" not in slums["label"]
        assert slums["lang"] == "en"
        assert "lang" not in next(o for o in options if o["value"] == "pm25")
        assert words.chart(pd.DataFrame(), cat, state(indicator="pm25"))[0].startswith(
            "Classement selon Particules fines")
    assert contents.indicator_names(cat).set_index("indicator_id").loc["pm25", "name"] == "PM2.5"


# ---------------------------------------------------------------- page and callbacks, demo store


@pytest.fixture(scope="module")
def page():
    """The page module as the app imported it: importing it again would register its callbacks twice."""
    import importlib

    import dash

    from dashboard.app import create_app

    create_app(str(DEMO_STORE))
    name = next(p["module"] for p in dash.page_registry.values() if p["path"] == "/explore")
    return importlib.import_module(name)


@pytest.fixture(autouse=True)
def demo_store(monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))


def controls(page, **query) -> dict:
    """Control values as the browser would send them for a URL."""
    demo = page.current()[1]
    values = offered.control_values(page.parse(query, demo)[0])
    return {k: ",".join(v) if isinstance(v, list) else v for k, v in values.items()}


def test_layout_reads_the_whole_state_from_the_url(page):
    tree = page.layout(view="scatter", goal="11", region="Africa", x="pm25-concentration", size="population")
    assert find(tree, page.Ids.VIEW).value == "scatter"
    assert find(tree, page.Ids.GOAL).value == "11" and find(tree, page.Ids.REGION).value == "Africa"
    assert find(tree, page.Ids.SIZE).value == ["population"]
    assert find(tree, page.Ids.SCATTER_BOX).hidden is False and find(tree, page.Ids.RANGE_BOX).hidden
    figure = find(tree, page.Ids.GRAPH).figure
    assert {t.name for t in figure.data} == {"Africa"}
    assert find(tree, page.Ids.STATE).data == {"view": "scatter", "goal": "11", "region": "Africa",
                                               "x": "pm25-concentration", "size": "population"}
    assert "Demonstration data" in text(tree)


def test_bad_parameters_fall_back_with_a_message(page):
    tree = page.layout(goal="99", indicator="nope", year="1900", places="atlantis", view="cubes",
                       **{"from": "2024", "to": "2016"})
    messages = text(by_class(tree, "url-problem"))
    for expected in ("goal '99', which is not known", "indicator 'nope', which is not known",
                     "year must be a whole number", "unknown places: atlantis",
                     "view 'cubes', which is not known", "from 2024 is after to 2016"):
        assert expected in messages
    assert find(tree, page.Ids.GOAL).value == "" and find(tree, page.Ids.YEAR).value == "2025"
    assert find(tree, page.Ids.STATE).data == {}


def test_update_narrows_options_and_resets_what_no_longer_fits(page):
    sent = controls(page, goal="11", target="11.6")
    out = page.update(previous={"goal": "11", "target": "11.6"}, **{**sent, "goal": "6"})
    assert out["values"]["goal"] == "6" and out["values"]["target"] == ""
    assert all(o["value"].startswith("6.") for o in out["options"]["target"][1:])
    assert out["state"] == {"goal": "6"}
    assert out["hidden"][page.Ids.YEAR_BOX] is False and out["hidden"][page.Ids.RANGE_BOX] is True
    assert "Goal 6" in out["announce"]


def test_update_sends_only_the_options_whose_inputs_changed(page):
    """A change of goal leaves the places control's options where the page has them (at 10,000
    places they were most of every answer); a change of region sends them again, narrowed."""
    from dash import no_update

    from dashboard import data

    version = data.current().version
    out = page.update(previous={}, seen=version, **{**controls(page), "goal": "6"})
    assert out["options"]["places"] is no_update and out["options"]["country"] is no_update
    assert out["options"]["target"] is not no_update and out["options"]["indicator"] is not no_update
    assert out["version"] == version and find(page.layout(), page.Ids.VERSION).data == version
    # a page opened before an import shows the old version's options: every control gets new ones
    again = page.update(previous={}, seen="an-older-version", **{**controls(page), "goal": "6"})
    assert all(isinstance(options, list) for options in again["options"].values())
    out = page.update(previous={"goal": "6"}, seen=version,
                      **{**controls(page, goal="6"), "region": "Europe"})
    assert out["options"]["target"] is no_update
    europe = {o["value"] for o in out["options"]["places"]}
    everywhere = {o["value"] for o in find(page.layout(), page.Ids.PLACES).options}
    assert "fra-paris" in europe and "ken-nairobi" not in europe and europe < everywhere
    assert "FRA" in {o["value"] for o in out["options"]["country"]}
    everything = page.update(previous=None, **{**controls(page), "goal": "6"})["options"]
    assert all(isinstance(options, list) for options in everything.values())


def test_chips_name_the_chosen_places(page):
    tree = page.layout(places="ken-nairobi,fra-paris")
    assert "Nairobi" in text(find(tree, page.Ids.CHIPS)) and "Paris" in text(find(tree, page.Ids.CHIPS))


def test_chips_name_only_what_changes_the_view_shown(page):
    """A ranking showed "Order: Name, A to Z" and a search as filters in effect: they order and
    search the table only (kept, hidden, for when the reader returns to it)."""
    query = {"sort": "name-asc", "q": "na", "region": "Africa"}
    ranking = text(find(page.layout(**query), page.Ids.CHIPS))
    assert "UN region: Africa" in ranking and "Order" not in ranking and "Find a place" not in ranking
    table = text(find(page.layout(view="table", **query), page.Ids.CHIPS))
    assert "Order: " in table and "Find a place by name: na" in table
    trend = text(find(page.layout(view="trend", year="2018"), page.Ids.CHIPS))
    assert "Year" not in trend


def test_scatter_axes_follow_the_goal_until_chosen(page):
    out = page.update(previous={"view": "scatter"}, **{**controls(page, view="scatter"), "goal": "6"})
    assert out["state"] == {"view": "scatter", "goal": "6"}
    chosen = controls(page, view="scatter", x="pm25-concentration")
    out = page.update(previous={"view": "scatter", "x": "pm25-concentration"}, **{**chosen, "goal": "6"})
    assert out["state"]["x"] == "pm25-concentration"


def test_downloads_hold_exactly_the_rows_on_screen(page, app):
    query = {"view": "table", "region": "Europe", "q": "a", "sort": "name-asc"}
    card = page.layout(**query)
    shown = find(card, page.Ids.TABLE_DATA).data  # the table's rows, drawn in the browser
    names = [row[0] for row in shown["rows"]]
    csv_link, json_link = find(card, page.Ids.CSV).href, find(card, page.Ids.JSON).href
    assert csv_link.startswith("/api/v1/explore.csv?") and json_link.startswith("/api/v1/explore.json?")
    client = app.server.test_client()
    frame = pd.read_csv(io.StringIO(client.get(csv_link).get_data(as_text=True)))
    assert list(frame["name"]) == names and len(names) == 18
    assert [r["name"] for r in client.get(json_link).get_json()["data"]] == names
    assert page.update_downloads(find(card, page.Ids.STATE).data) == (csv_link, json_link)


def shown_table(page, tree) -> dict:
    """The table a page shows: sent with it (the table view), else asked for as the reader opens it
    under the chart, for the state the page holds."""
    sent = find(tree, page.Ids.TABLE_DATA).data
    if sent is not None:
        return sent
    assert find(tree, page.Ids.TABLE_OPEN) is not None  # the <summary> whose clicks ask for it
    return page.table(find(tree, page.Ids.STATE).data)


def test_every_view_renders_from_the_url(page):
    for view in model.VIEWS:
        tree = page.layout(view=view, indicator="pm25-concentration", places="ken-nairobi,fra-paris")
        assert text(find(tree, page.Ids.SUMMARY))
        table = shown_table(page, tree)
        assert find(tree, page.Ids.TABLE) is not None and table["columns"]
        assert table["query"] == find(tree, page.Ids.STATE).data  # drawn only while that state is shown
        assert (find(tree, page.Ids.TABLE_DATA).data is None) == (view != "table")


def test_a_chart_s_table_is_sent_when_opened_and_says_what_the_chart_s_table_said(page, app):
    from layouts.tables import table_data
    from views.explore.build import build

    tree = page.layout(goal="6", region="Europe")
    asked = page.table(find(tree, page.Ids.STATE).data)
    store, cat = page.current()
    state, _problems = explore_state.parse({"goal": "6", "region": "Europe"}, cat)
    whole = build(store, state, cat).table
    assert {k: v for k, v in asked.items() if k != "query"} == table_data(
        whole.rows, whole.caption, links=whole.links, max_rows=1000)
    assert page.table({"goal": "6", "region": "Europe"})["rows"] == asked["rows"]
    assert page.table("not a state")["query"] == {}  # a hostile ask: the default view's table


def test_a_table_asked_for_a_state_no_chart_is_drawn_for_is_none(page, tiny, cat):
    scatter = model.State(view="scatter", x="pm25", y="")  # a scatter plot needs two indicators
    assert page.table_answer(tiny, cat, scatter, {"view": "scatter"}) is None


def test_page_and_callback_in_french(page):
    with i18n.use("fr"):
        for view in model.VIEWS:
            tree = page.layout(view=view, indicator="pm25-concentration", places="ken-nairobi,fra-paris")
            assert text(find(tree, page.Ids.SUMMARY))
        links = [href for column in shown_table(page, tree)["links"].values() for href in column]
        assert links and all(href.endswith("?lang=fr") for href in links)
        band = {o["value"]: o["label"] for o in find(tree, page.Ids.BAND).options}["small"]
        assert "300\u202f000" in band
        out = page.update(previous={}, **{**controls(page), "measure": "value",
                                          "indicator": "pm25-concentration"})
        assert out["values"]["measure"] == "value"
        assert re.search(r"médiane\s?: \d+,\d µg/m³\.", out["announce"])
        assert not re.search(r"\d\.\d µg", out["announce"])


def test_places_are_found_as_typed_only_where_the_control_does_not_list_them(page, monkeypatch):
    """The callback behind the places control's search: nothing to do where every place is listed
    (the demo); in a national store (here: more than two places) the chosen places and matches."""
    import dash

    everywhere = ("", "", "", "")  # region, subregion, country and size as their controls hold them
    with pytest.raises(dash.exceptions.PreventUpdate):
        page.find_places("nai", [], *everywhere)
    monkeypatch.setattr(ranking, "PLACE_LIST", 2)
    found = page.find_places("nairob", ["fra-paris"], *everywhere)
    assert [o["value"] for o in found][:2] == ["fra-paris", "ken-nairobi"]
    assert page.find_places("", ["fra-paris"], *everywhere) == [{"label": "Paris", "value": "fra-paris"}]
    assert page.find_places("nairobi", "not a list", "Europe", None, 7, ["x"]) == []  # Europe: no Nairobi
    places = page.current()[1].places.set_index("place_id")
    africa = page.find_places("a", [], "Africa", "", "", "")
    assert africa and {places.loc[o["value"], "un_region"] for o in africa} == {"Africa"}
    tree = page.layout()
    assert [o["value"] for o in find(tree, page.Ids.PLACES).options] == []  # the page sends none
    assert find(tree, page.Ids.PLACES).placeholder == "Type a name to find places"
    # the hint follows the filters: a region of few places lists them all, and says so
    monkeypatch.setattr(ranking, "PLACE_LIST", int((places["un_region"] == "Europe").sum()))
    assert page.refresh({"region": "Europe"}, {})["hint"] == "All places that pass the filters"
    assert page.refresh({}, {"region": "Europe"})["hint"] == "Type a name to find places"


def test_url_round_trips_through_the_state(page):
    demo = page.current()[1]
    for query in ({}, {"view": "trend", "from": "2018", "places": "ken-nairobi,fra-paris"},
                  {"view": "table", "band": "metro", "sort": "name-asc", "q": "na"},
                  {"indicator": "pm25-concentration", "measure": "value", "country": "KEN"}):
        parsed, problems = page.parse(query, demo)
        assert problems == [] and explore_state.to_query(parsed, demo) == query


def test_a_store_without_scores_says_so(page, tiny, tmp_path, monkeypatch):
    from loaders import schema
    from loaders.store import Store

    root = tmp_path / "store"
    Store(root).write({"places": schema.conform("places", tiny.places)}, {"demo": True})
    monkeypatch.setenv("CITY_SDG_STORE", str(root))
    assert "This data holds no scores yet." in text(page.layout(goal="11"))


def test_a_place_with_one_year_of_a_trend_says_so_not_that_it_is_unchanged():
    """The SDR's index ranks countries in 2019 only: every line said "Denmark: 85.2 in 2019 to 85.2 in
    2019 (unchanged)"."""
    from views.explore.text import place_change

    one = pd.DataFrame({"name": ["Denmark"], "year": [2019], "score": [85.2]})
    assert place_change(one, "score", "") == "Denmark: 85.2 in 2019, the only year with a value."
    two = pd.DataFrame({"name": ["Denmark"] * 2, "year": [2018, 2019], "score": [85.2, 85.2]})
    assert place_change(two, "score", "") == "Denmark: 85.2 in 2018 to 85.2 in 2019 (unchanged)."


def test_chips_name_the_goal_explore_opens_on_where_the_index_ranks_no_place(page):
    """Bristol's wards (no index): Explore opened on Goal 2 under a chip saying "No filter"."""
    from loaders.store import Store

    demo = Store(DEMO_STORE).read()
    unranked = StoreData(demo.version + "-unranked", demo.meta,
                         {**demo.tables, "index": demo.index.assign(ranked=False)})
    cat = contents.catalogue(unranked)
    state = explore_state.parse({}, cat)[0]
    said = text(page.chips(state, cat))
    assert state.goal is not None and f"Goal {state.goal}:" in said and "No filter" not in said
    ranked = contents.catalogue(demo)
    said = text(page.chips(explore_state.parse({}, ranked)[0], ranked))
    assert said == "No filter: every place and indicator"


def test_a_scatter_shows_no_chip_for_the_goal_it_does_not_filter_by(page):
    """Bristol's scatter showed "Goal: Goal 2: Zero hunger" over two indicators the goal does not
    filter (it only picks the axes until they are chosen); the ranking keeps its goal chip."""
    from loaders.store import Store

    demo = Store(DEMO_STORE).read()
    unranked = StoreData(demo.version + "-unranked", demo.meta,
                         {**demo.tables, "index": demo.index.assign(ranked=False)})
    cat = contents.catalogue(unranked)
    for asked in ({"view": "scatter"}, {"view": "scatter", "goal": "3", "indicator": ""}):
        state = explore_state.parse(asked, cat)[0]
        assert state.goal is not None and "Goal" not in text(page.chips(state, cat))
    ranking = explore_state.parse({"goal": "3"}, cat)[0]
    assert "Goal: Goal 3" in text(page.chips(ranking, cat))


def test_scatter_axes_follow_a_goal_change_from_the_goal_explore_opened_on():
    """Where the index ranks no place, Explore opens on a goal absent from its URL; the scatter's
    axes, defaults for that goal, were taken as picked and stayed when the reader changed goal."""
    from loaders.store import Store

    demo = Store(DEMO_STORE).read()
    goals = demo.tables["goal_scores"]  # Goal 1 scored for fewer places: Explore opens on Goal 2
    fewer = goals[(goals["goal"] != 1) | (goals["place_id"].astype(str) < "m")]
    unranked = StoreData(demo.version + "-unranked-axes", demo.meta,
                         {**demo.tables, "index": demo.index.assign(ranked=False), "goal_scores": fewer})
    cat = contents.catalogue(unranked)
    opened = explore_state.parse({"view": "scatter"}, cat)[0]
    assert opened.goal == cat.goal == 2
    raw = offered.control_values(opened) | {"goal": "6"}
    moved = explore_state.parse(explore_state.follow_defaults(raw, explore_state.to_query(opened, cat), cat),
                                cat)[0]
    sixes = set(unranked.indicators.loc[unranked.indicators["goal"] == 6, "indicator_id"])
    assert moved.x in sixes and moved.x != opened.x


def test_chips_name_the_indicator_a_one_city_site_opens_on(page, tmp_path):
    """Los Angeles' Explore opened on one indicator's values under a chip saying "No filter"."""
    from loaders.store import Store
    from tests import store_matrix

    site = Store(store_matrix.build("one-city-site", tmp_path)).read()
    cat = contents.catalogue(site)
    state = explore_state.parse({}, cat)[0]
    said = text(page.chips(state, cat))
    name = contents.indicator_names(cat).set_index("indicator_id").loc[state.indicator, "name"]
    assert said.startswith(f"Indicator: {name}") and "No filter" not in said


def test_a_ranking_of_goal_scores_says_the_years_of_their_values(tmp_path):
    """Nepal's Goal 1 was ranked "in 2022" on values from 2011 to 2019, and the ranking said nothing
    of it (the map did)."""
    from loaders.importer import import_files
    from loaders.options import ReadOptions
    from loaders.store import Store
    from views.explore import build

    rows_ = ["City,Country,Indicator,Year,Value"]
    for city, year in (("Leeds", 2020), ("York", 2020), ("Hull", 2018), ("Bath", 2020)):
        for indicator, value in (("1.1.1", 10 + len(city)), ("1.2.1", 5 + len(city) * 2)):
            rows_.append(f"{city},GBR,{indicator},{year},{value}")
    (tmp_path / "data.csv").write_text("\n".join(rows_) + "\n", encoding="utf-8")
    (tmp_path / "mapping.yml").write_text("format: tidy\nplace: {column: City}\ncountry: {column: Country}\n"
                                          "indicator: {column: Indicator}\nyear: {column: Year}\n"
                                          "value: {column: Value}\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    import_files(store, [tmp_path / "data.csv"], ReadOptions(mapping=tmp_path / "mapping.yml"))
    data = store.read()
    cat = explore_state.context(data)
    view = build.build(data, explore_state.parse({"goal": "1", "year": "2020"}, cat)[0], cat)
    assert "The scores use each place's latest values up to 2020, from 2018 to 2020." in view.summary
    same = build.build(data, explore_state.parse({"goal": "1", "year": "2018"}, cat)[0], cat)
    assert "latest values" not in same.summary  # every value is the year's


def test_a_ranking_says_which_places_outside_it_have_the_indicator_too(tiny):
    """Benin's store ranks its 15 countries; an indicator measured for its 12 départements said
    "Only Benin has scores for it". The places Explore leaves out (of other kinds than the map's)
    that have the indicator are named, within the geographic filters."""
    from views.explore import build

    scores = tiny.tables["indicator_scores"]
    extra = scores[(scores["place_id"] == "ken-nairobi") & (scores["indicator_id"] == "water")].assign(
        place_id="ken")
    extra["place_id"] = extra["place_id"].astype(str)
    tables = {**tiny.tables, "indicator_scores": pd.concat([scores.astype({"place_id": str}), extra],
                                                            ignore_index=True)}
    store = StoreData(version="t2", meta={"demo": True}, tables=tables)
    cat = contents.catalogue(store)
    said = build.build(store, state(indicator="water", goal=6), cat).summary
    assert ("Explore compares the places the map shows: Kenya, not among them, also has scores for it "
            "in 2021, on its own page.") in said
    assert "not among them" not in build.build(store, state(indicator="water", goal=6, region="Europe"),
                                               cat).summary
    assert "not among them" not in build.build(store, state(indicator="pm25", goal=11), cat).summary


def test_the_table_heads_the_area_in_words_and_leaves_out_an_empty_one(tiny, cat):
    """The table's header read `area` (the column's key) in every language, over an empty column
    where no source names one."""
    frame = rows.filtered_frame(tiny, cat, state(view="table")).assign(area=pd.NA)
    assert "area" not in rows.display_frame(frame, cat).columns
    named = frame.assign(area=["Nairobi County", "", None])
    assert "Department, state or province" in rows.display_frame(named, cat).columns


def test_data_of_one_place_links_its_page_where_its_values_are(page, tmp_path, monkeypatch):
    """Cape Town's Explore opened on an empty ranking whose sentence said its values "are on its
    page", with no link, under a hint to select a name in an empty table; the empty table view said
    "0 places have data"."""
    from tests import store_matrix
    from tests.components import walk

    monkeypatch.setenv("CITY_SDG_STORE", str(store_matrix.build("broken-down-only", tmp_path)))
    store, cat = page.current()
    place = cat.places.iloc[0]
    for view in ("ranking", "table"):
        tree = page.layout(view=view)
        links = [n.href for n in walk(tree) if isinstance(getattr(n, "href", None), str)
                 and n.href.startswith("/city/")]
        assert links == [f"/city/{place['place_id']}?lang=en"], view
        assert "Select a place name in the data table" not in text(tree)
    assert "No place in the selection has data for the SDG Index in" in text(page.layout(view="table"))


def test_an_assumed_direction_is_said_and_its_values_have_no_best(tiny):
    """UNdata's populations were ranked "Best: BUENOS AIRES (100.0)" and València's Goal 1 on counts
    scored higher-is-better by assumption; only the import report said the direction was a guess."""
    from views.explore.build import guessed

    def note(store, cat, chosen):
        return guessed(store, cat, chosen, rows.filtered_frame(store, cat, chosen))

    bounds = pd.DataFrame({"indicator_id": ["pm25", "slums", "water"], "goal": [11, 11, 6],
                           "direction": ["lower", "lower", "higher"],
                           "direction_source": ["metadata", "metadata", "assumed"], "n_values": [6, 6, 6]})
    store = StoreData(version="t-assumed", meta=tiny.meta, tables={**tiny.tables, "bounds": bounds})
    cat = contents.catalogue(store)
    values = state(indicator="water", measure="value")
    said = words.chart(rows.filtered_frame(store, cat, values), cat, values)[2]
    assert said.startswith("3 places have values for Safe water in 2021. Highest: Paris (99 %)")
    assert "better" not in said and "Best" not in said
    assert note(store, cat, state(goal=6)).startswith(
        "For the only indicator behind Goal 6: Clean water and sanitation, the source states no "
        "direction and neither its bounds nor its name tell: it is scored as higher is better")
    assert note(store, cat, state(indicator="water")).startswith(
        "The source states no direction for Safe water, and neither its bounds nor its name tell")
    assert note(store, cat, values) == ""  # values: said by having no best
    assert offered.sort_label("score-desc", "value", True) == "Value, highest first"  # not "best first"
    trend = state(view="trend", indicator="water", measure="value")
    assert "the five highest places" in words.subtitle(cat, trend)
    assert note(store, cat, state(goal=11)) == ""
    assert note(tiny, contents.catalogue(tiny), state(goal=6)) == ""


def test_the_same_indicator_across_and_up_is_said_as_such(cat):
    """`?x=pm25&y=pm25` said "The address asks for y 'pm25', which is not known here": it is known,
    and only the same as x."""
    chosen, problems = explore_state.parse({"view": "scatter", "x": "pm25", "y": "pm25"}, cat)
    assert chosen.x == "pm25" and chosen.y not in (None, "pm25")
    assert problems == ["The address asks for the same indicator across and up; another is shown up instead."]
    assert explore_state.parse({"view": "scatter", "x": "pm25", "y": "nope"}, cat)[1] == [
        "The address asks for y 'nope', which is not known here; the default is shown instead."]


def test_a_ranking_names_the_places_tied_at_its_ends(tiny, cat):
    """València's indicator 1.2.10 said "Best: EXTRAMURS (100.0)" with QUATRE CARRERES at 100.0 too,
    as the map names its tied ends."""
    chosen = state(indicator="pm25", measure="value")
    frame = rows.filtered_frame(tiny, cat, chosen)
    tied = frame.assign(value=[12.0, 12.0, 30.0])
    said = words.chart(tied, cat, chosen)[2]
    assert "Best: Paris, tied with Mombasa (2 places at 12 µg/m³); last: Nairobi (30 µg/m³)" in said
    assert "Best: Paris (12 µg/m³); last: Nairobi (30 µg/m³)" in words.chart(frame, cat, chosen)[2]


def test_a_ranking_tells_apart_values_one_decimal_writes_alike(tiny, cat):
    """Benin's map ranked Ghana 62.21 before Côte d'Ivoire 62.19 while explore said "2 places at
    62.2": the ends take the decimals that tell them apart, as the map's ranked list does; equal
    values still tie."""
    chosen = state(indicator="pm25", measure="value")
    frame = rows.filtered_frame(tiny, cat, chosen)
    said = words.chart(frame.assign(value=[12.21, 12.19, 30.0]), cat, chosen)[2]
    assert "Best: Paris (12.21 µg/m³); last: Nairobi (30.0 µg/m³)" in said
    said = words.chart(frame.assign(value=[12.2, 12.2, 30.04]), cat, chosen)[2]
    assert "Best: Paris, tied with Mombasa (2 places at 12.2 µg/m³); last: Nairobi (30.0 µg/m³)" in said


def test_an_index_ranking_names_the_source_s_own_first(tiny):
    """Explore of SDSN's Africa ranked Tunisia first under "Source: SDSN" and said nothing of SDSN's
    own index, with Mauritius first, which the map says."""
    from views.explore.build import published

    table = pd.DataFrame({"place_id": ["ken-mombasa", "fra-paris"], "year": [2021, 2021],
                          "score": [66.2, 60.0], "rank": [1, 2]})
    store = StoreData(version="t-published", meta=tiny.meta, tables={**tiny.tables, "published_index": table})
    cat = contents.catalogue(store)
    chosen = state()
    frame = rows.filtered_frame(store, cat, chosen)
    assert frame["name"].iloc[0] == "Paris"
    assert published(store, cat, chosen, frame).startswith(
        "The source publishes its own SDG Index for 2021, with Mombasa first (66.2); this ranking is")
    assert published(store, cat, state(goal=6), rows.filtered_frame(store, cat, state(goal=6))) == ""
    assert published(tiny, contents.catalogue(tiny), chosen, frame) == ""


def test_indicators_are_listed_with_their_numbers_read_as_numbers():
    """València's Goal 1 listed Indicator 1.2.10, 1.2.11, 1.2.12 before 1.2.2."""
    frame = pd.DataFrame({"goal": [1, 1, 1, None, 2], "target": ["1.2", "1.2", "1.10", None, "2.1"],
                          "indicator_id": ["1-2-10", "1-2-2", "1-10-1", "x", "2-1-1"]})
    assert contents.in_order(frame)["indicator_id"].tolist() == ["1-2-2", "1-2-10", "1-10-1", "2-1-1", "x"]


def test_the_table_s_rank_is_called_the_index_rank_not_the_official_one():
    """"Official rank" headed this dashboard's recomputed rank: Benin's read 150 where SDSN's own
    index ranks it 155, and the Benin store's sources publish no rank at all."""
    assert rows.column_label("rank") == "Index rank"
    with i18n.use("fr"):
        assert rows.column_label("rank") == "Rang dans l’indice"
