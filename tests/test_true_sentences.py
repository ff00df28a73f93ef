"""Sentences that must stay true on real and odd stores: published ratings kept beside the
dashboard's own, values labelled with their own years, money and jobs never shown as zero."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from layouts import design, projects_figures, projects_text
from loaders.store import Store


@pytest.mark.realdata
def test_published_goal_colours_are_kept_and_compared(tmp_path, realdata):
    from dashboard.cli import main
    from views import city as city_view

    store = tmp_path / "store"
    workbook = realdata / "sdsn-us-states-2018" / "SDGUSA.xlsx"
    assert main(["import", str(workbook), "--store", str(store)]) in (0, 1)
    data = Store(store).read()
    published = data.tables["published_goal_scores"]
    alabama = published[(published["place_id"] == "region-alabama") & (published["goal"] == 1)]
    assert alabama["colour"].tolist() == ["red"] and round(float(alabama["score"].iloc[0]), 1) == 14.9
    assert set(published["place_id"]) <= set(data.places["place_id"])
    assert len(data.tables["published_index"]) == 50
    state, _ = city_view.parse({"place": "region-alabama"}, data)
    view = city_view.goals(data, state)
    assert "The source publishes its own ratings for 15 goals" in view.summary
    assert "Rating published by the source" in view.table.rows.columns
    # the source's own index beside the recomputation: California is 6th of 50 in SDSN's report and
    # 11th here, and the page gave only the 11th
    from dashboard.pages.city_parts import header
    from layouts.place_facts import index_facts
    from tests.components import text

    california = data.places.set_index("place_id").loc["region-california"].rename("region-california")
    facts = index_facts(data, "region-california", 2018)
    said = text(header(california, facts, data.tables["peers"].head(0), 2018))
    assert "The source publishes an SDG Index of 55.6 for 2018, rank 6 of 50." in said
    assert f"SDG Index 2018: {facts.score:.1f}" in said and facts.rank != 6
    # a second import of the same file replaces the published rows instead of doubling them
    assert main(["import", str(workbook), "--store", str(store)]) in (0, 1)
    assert len(Store(store).read().tables["published_goal_scores"]) == len(published)


def test_a_published_index_is_said_beside_the_recomputed_one():
    """The same when both agree; without a rank where the source gives none; nothing where the source
    published no index for the place."""
    from dashboard.pages.city_parts import published_words
    from layouts.place_facts import IndexFacts

    def facts(score, rank, published):
        return IndexFacts(score, rank, 13, shown=True, goals_with_data=17, indicators=90, available=90,
                          required=0.8, min_goals=9, published=published)

    same = "The source publishes the same SDG Index."
    assert published_words(facts(56.5466, 5, (56.5449, 5, 13, 2023)), 2023) == same  # both read 56.5
    assert published_words(facts(56.5466, 5, (56.55, 5, 13, 2023)), 2023) != same  # 56.5 beside 56.6
    assert published_words(facts(59.03, 4, (56.55, 5, 13, 2023)), 2023).startswith(
        "The source publishes an SDG Index of 56.6 for 2023, rank 5 of 13. This dashboard recomputes")
    assert published_words(facts(59.03, 4, (56.55, None, 0, 2023)), 2023).startswith(
        "The source publishes an SDG Index of 56.6 for 2023. This dashboard")
    # an index published for an earlier year (the European Cities index of 2019, on a page of 2023
    # that other sources' values reach): said with its own year, never as "the same"
    assert published_words(facts(56.5466, 5, (56.5449, 5, 45, 2019)), 2023).startswith(
        "The source publishes an SDG Index of 56.5 for 2019, rank 5 of 45.")
    assert published_words(facts(59.03, 4, None), 2023) is None and published_words(None, 2023) is None


def test_a_published_index_with_blank_scores_and_ranks_is_read():
    """SDSN lists unranked places with a blank index and rank (nullable columns in the store): the
    city pages of every SDR store failed with "boolean value of NA is ambiguous"."""
    from layouts.as_published import published_year

    table = pd.DataFrame({"place_id": ["a", "b", "c", "d"], "year": [2019, 2019, 2019, 2018],
                          "score": pd.array([70.5, None, 60.0, 50.0], dtype="Float64"),
                          "rank": pd.array([1, None, None, 1], dtype="Int64")})
    assert published_year(table, 2019) == ({"a": (70.5, 1), "c": (60.0, None)}, 1)
    assert published_year(table.drop(columns="rank"), 2018) == ({"d": (50.0, None)}, 0)


def test_year_axis_never_repeats_a_year():
    for years in ([2012, 2013], [2012, 2013, 2014], [2000, 2030], [2019]):
        axis = design.year_axis(years)
        assert axis["tickformat"] == "d" and float(axis["dtick"]).is_integer() and axis["dtick"] >= 1


def test_projects_without_money_or_jobs_say_so_and_draw_no_empty_chart():
    frame = pd.DataFrame({"goal": list(range(1, 18)), "name": "x", "colour": "#000000",
                          "projects": [2] + [0] * 16, "budget_usd": [0.0] * 17})
    sentence = projects_text.goal_summary(frame, budgets=0)
    assert "$0" not in sentence and "no matching project reports a budget in USD" in sentence
    themes = pd.DataFrame({"theme": ["energy"], "projects": [2], "jobs_created": [float("nan")],
                           "beneficiaries": [float("nan")]})
    words = projects_text.theme_summary(themes)
    assert "0 jobs" not in words and "No matching project reports jobs created." in words
    assert not projects_figures.reported(themes)
    bars = projects_figures.goal_bars(frame, with_budget=False)
    assert len(bars["data"]) == 1 and "xaxis2" not in bars["layout"]
    # the whole width for the projects (half of it was left empty), under a title without "budget"
    assert bars["layout"]["xaxis"]["range"][1] == pytest.approx(2 * 1.22)


def test_projects_without_a_theme_are_counted_in_the_jobs_and_people_reached():
    """420 Berlin projects, none with a theme and none reporting jobs, were "No matching project";
    jobs reported by projects without a theme are counted in the total, which names no theme."""
    no_themes = pd.DataFrame(columns=["theme", "projects", "jobs_created", "beneficiaries"])
    berlin = pd.DataFrame({"theme": [None] * 420, "jobs_created": [np.nan] * 420,
                           "beneficiaries": [np.nan] * 420})
    assert projects_text.theme_summary(no_themes, berlin) == (
        "No matching project reports jobs created. No matching project reports how many people it reaches.")
    some = berlin.head(3).assign(jobs_created=[4.0, np.nan, 8.0])
    assert projects_text.theme_summary(no_themes, some) == (
        "12 jobs created in all. No matching project reports how many people it reaches.")
    themed = pd.DataFrame({"theme": ["energy"], "projects": [1], "jobs_created": [4.0],
                           "beneficiaries": [np.nan]})
    mixed = pd.DataFrame({"theme": ["energy", None], "jobs_created": [4.0, 8.0],
                          "beneficiaries": [np.nan] * 2})
    assert projects_text.theme_summary(themed, mixed).startswith(
        "12 jobs created in all; energy projects create the most (4).")
    assert projects_text.theme_summary(no_themes, berlin.head(0)) == "No matching project."


def test_a_city_s_size_peers_are_the_cities_explore_lists_for_its_population_band():
    """"Rank 148 of 217 among cities of its size" counted bands of its own (five, from under 100,000)
    while explore filters by four: a reader could not find the 217 again. The peers of a city's size
    are now the ranked cities of explore's band, and the sentence names it."""
    from dashboard.data import load_version
    from dashboard.pages.city_parts import peer_sentence
    from layouts import scores
    from loaders.paths import DEMO_STORE

    store = Store(DEMO_STORE)
    demo = load_version(str(store.root), store.current_version())
    year = int(demo.peers["year"].max())
    places = demo.places.set_index("place_id")
    index = demo.index[(demo.index["year"] == year) & demo.index["ranked"].astype(bool)
                       & demo.index["score"].notna()].set_index("place_id")
    band = scores.population_band(places["population"]).reindex(index.index)
    sized = demo.peers[(demo.peers["year"] == year) & (demo.peers["peer_group"] == "population_band")]
    assert set(sized["peer_key"]) <= set(scores.BAND_WORDS) and len(sized) == band.notna().sum()
    for row in sized.itertuples():
        same = index[band == row.peer_key]
        assert row.n_peers == len(same)
        assert row.rank == 1 + int((same["score"] > index.loc[row.place_id, "score"]).sum())
    nairobi = sized[sized["place_id"] == "ken-nairobi"].iloc[0]
    words = peer_sentence("population_band", int(nairobi["rank"]), int(nairobi["n_peers"]),
                          nairobi["peer_key"])
    assert words.endswith(f"among cities of its size (population {scores.band_range(nairobi['peer_key'])}).")


def test_the_peer_sentence_is_the_rank_the_peers_table_shows():
    """Nairobi's subregion sentence said "better than 50%" while it beat 4 of the 9 peers listed under
    it (the percentile counts the place itself). The sentence is now the rank, which the table shows."""
    from dashboard.data import load_version
    from dashboard.pages.city_parts import peer_sentence
    from layouts import city
    from loaders.paths import DEMO_STORE

    assert peer_sentence("un_subregion", 6, 10) == "Rank 6 of 10 in its UN subregion."
    assert peer_sentence("population_band", 1, 1) == "Rank 1 of 1 among cities of its size."
    assert peer_sentence("population_band", 3, 7, "medium") == (
        "Rank 3 of 7 among cities of its size (population 300,000 to 1,000,000).")
    for unnamed in ("under 100k", None, float("nan")):  # a version scored in bands of its own
        assert peer_sentence("population_band", 1, 1, unnamed) == "Rank 1 of 1 among cities of its size."
    store = Store(DEMO_STORE)
    demo = load_version(str(store.root), store.current_version())
    year = int(demo.peers["year"].max())
    mine = demo.peers[(demo.peers["place_id"] == "ken-nairobi") & (demo.peers["year"] == year)
                      & (demo.peers["peer_group"] == "un_subregion")].iloc[0]
    listed = city.peer_table(demo, "ken-nairobi", year)
    score = demo.index.set_index(["place_id", "year"]).loc[("ken-nairobi", year), "score"]
    assert int(mine["rank"]) == 1 + int((listed["score"] > score).sum())
    assert int(mine["n_peers"]) == 1 + int(listed["score"].notna().sum())


def test_a_place_with_a_score_but_no_rating_is_explained_on_the_map():
    """Goal 6 on the demo: every place has a score, two are "not rated". The sentence said
    "150 of 150 places ... with a score" and "2 not rated" and left the reader to guess why."""
    from dashboard.data import load_version
    from loaders.paths import DEMO_STORE
    from views import registry

    store = Store(DEMO_STORE)
    demo = load_version(str(store.root), store.current_version())
    view = registry.build("map", {"goal": "6"}, demo)
    grey = next(t for t in view.figure.data if t.name.startswith("not rated"))
    count = len(grey.lat)
    assert count >= 1
    words = "place has" if count == 1 else "places have"
    sentence = f"{count} {words} a score but no rating: too few of the goal's indicators are rated there."
    assert sentence in view.summary
    assert "but no rating" not in registry.build("map", {}, demo).summary  # the index has no ratings



def test_a_goal_whose_source_states_no_thresholds_says_so_instead_of_blaming_the_places():
    """Bolivia's, Bristol's and València's maps said "N places have a score but no rating: too few of
    the goal's indicators are rated there" where none of the source's indicators has thresholds."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import registry

    demo = Store(DEMO_STORE).read()  # every table in memory, to be changed
    bounds = demo.tables["bounds"].assign(green_threshold=float("nan"), red_threshold=float("nan"))
    unrated = StoreData(demo.version + "-unrated", demo.meta, {**demo.tables, "bounds": bounds})
    said = registry.build("map", {"goal": "6"}, unrated).summary
    assert "but no rating: the source states no thresholds to rate this goal's indicators by." in said
    assert "too few of the goal's indicators" not in said
    kept = registry.build("map", {"goal": "6"}, demo).summary  # the demo's thresholds: as before
    assert "too few of the goal's indicators are rated there" in kept


def test_places_with_a_score_but_no_rating_are_counted_drawn_or_not():
    """Bolivia's Goal 2 said "74 places have a score but no rating" where all 339 scored places had
    none: it counted the places drawn, and read as a total."""
    from layouts import facts

    frame = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["A", "B", "C"], "country_iso3": "BOL",
                          "score": [60.0, 50.0, 40.0], "colour": [None, None, "red"],
                          "lat": [-16.5, None, -17.0], "lon": [-68.1, None, -66.0]})
    found = facts.map_facts(frame, 2, 2020)
    assert (found.scored_unrated, found.drawn, found.no_coordinates) == (2, 2, 1)


def later_unranked_year(demo, places: int = 40):
    """The demo with one more year, two after its last, in which `places` places have a score for one
    goal and none is ranked: what one more source (one UN indicator for many cities) brings to a
    store whose main source ends earlier."""
    from loaders.store import StoreData

    index = demo.index
    last = int(index["year"].max())
    later = index[index["year"] == last].head(places).assign(
        year=last + 2, ranked=False, rank=pd.NA, n_goals=1, n_available=1)
    tables = {**demo.tables, "index": pd.concat([index, later], ignore_index=True)}
    return StoreData(demo.version + "-later", demo.meta, tables), last, later


def test_a_store_whose_last_year_ranks_no_place_opens_on_the_last_year_that_does():
    """A national atlas ending in 2019 beside one UN indicator up to 2023: the map opened on 2023,
    every place grey ("No place has a score"), and a municipality's page on 2023 said it had "no
    goal scores yet", though it was ranked first on the map of 2019."""
    from layouts import scores
    from loaders.paths import DEMO_STORE
    from views import city as city_view
    from views import map as map_view
    from views import registry
    from views.explore import contents as explore_contents
    from views.explore import state as explore_state

    demo = Store(DEMO_STORE).read()  # every table in memory, to add a year to
    mixed, last, later = later_unranked_year(demo)
    assert scores.years(mixed)[-1] == last + 2 and scores.opening_year(mixed) == last
    assert map_view.parse({}, mixed)[0].year == last
    assert explore_state.parse({}, explore_contents.catalogue(mixed))[0].year == last
    # a place's page opens on its latest ranked year; one never ranked on its latest with a goal score
    opening = scores.place_opening_years(mixed)
    nairobi = later["place_id"].iloc[0]
    assert opening[nairobi] == last and city_view.parse({"place": nairobi}, mixed)[0].year == last
    never = mixed.index.assign(ranked=mixed.index["year"] == last + 2)  # ranked in the later year only
    assert scores.place_opening_years(type(mixed)("v", {}, {"index": never}))[nairobi] == last + 2
    # the later year itself says why the index is empty, and what the places there do have
    view = registry.build("map", {"year": str(last + 2)}, mixed)
    assert view.summary.startswith(f"No place is ranked on the SDG Index in {last + 2}: 40 places have "
                                   "data for too few indicators to get an index or a rank.")
    ranking = str(view.body.tree)
    assert "40 places have data for too few indicators to be ranked." in ranking
    assert f"{len(scores.mapped_places(mixed)) - 40} places have no score." in ranking


def test_a_city_page_in_a_year_without_goal_scores_says_so_and_links_to_its_year(app):
    """A year before the place had data (an address or an older link naming it) said "no goal scores
    yet", as if none existed; it now names the year and links to the one the page opens on."""
    import sys

    import dash

    from layouts import summaries
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import city as city_view

    demo = Store(DEMO_STORE).read()
    first = int(demo.index["year"].min())
    empty = demo.index[demo.index["year"] == first].assign(year=first - 3, score=float("nan"), n_goals=0,
                                                            ranked=False)
    older = StoreData(demo.version + "-older", demo.meta,
                      {**demo.tables, "index": pd.concat([empty, demo.index])})
    state, problems = city_view.parse({"place": "ken-nairobi", "year": str(first - 3)}, older)
    assert not problems and state.year == first - 3
    known = city_view.city_facts(older, state)
    assert known.goals_scored == 0 and known.opening == int(demo.index["year"].max())
    assert summaries.city_summary(known) == f"There are no goal scores for Nairobi in {first - 3}."
    city_page = sys.modules[next(p["module"] for p in dash.page_registry.values()
                                 if p.get("path_template") == "/city/<place_id>")]
    with app.server.test_request_context("/"):
        link = city_page.opening_link(older, state, known)[0].children
    assert link.children == f"See Nairobi in {known.opening}" and link.href == "/city/ken-nairobi?lang=en"
    nowhere = summaries.city_summary(replace(known, opening=None))
    assert nowhere == "There are no goal scores for Nairobi yet."


def test_two_places_of_one_name_in_one_country_are_told_apart_in_lists():
    from layouts import names, ranking

    places = pd.DataFrame({"place_id": ["bol-la-paz", "bol-la-paz-la-paz", "mex-la-paz", "bol-sucre"],
                           "name": ["La Paz", "La Paz", "La Paz", "Sucre"], "kind": "city",
                           "country_iso3": ["BOL", "BOL", "MEX", "BOL"]})
    assert names.place_labels(places).tolist() == [
        "La Paz (BOL, bol-la-paz)", "La Paz (BOL, bol-la-paz-la-paz)", "La Paz (MEX)", "Sucre"]
    listed = ranking.ranked_list(places.assign(score=[50.0, 40.0, 30.0, 20.0]), None)
    assert "La Paz (BOL, bol-la-paz-la-paz)" in str(listed.tree) and "'Sucre'" in str(listed.tree)
    labels = ranking.search_index(places)["label"].tolist()
    assert labels == ["La Paz, Bolivia (bol-la-paz)", "La Paz, Bolivia (bol-la-paz-la-paz)", "La Paz, Mexico",
                      "Sucre, Bolivia"]


def test_two_places_of_one_name_are_told_apart_by_their_department_where_the_source_names_it():
    """Bolivia's atlas names each municipality's department: its lists said "Entre Ríos (BOL,
    bol-entre-rios-cochabamba)", which a phone's chart cut to "e Ríos (BOL, bol-entre-rios-coch"."""
    from layouts import names, ranking

    places = pd.DataFrame({"place_id": ["bol-entre-rios-tarija", "bol-entre-rios-cochabamba", "bol-sucre"],
                           "name": ["Entre Ríos", "Entre Ríos", "Sucre"], "kind": "city",
                           "country_iso3": "BOL", "area": ["Tarija", "Cochabamba", "Chuquisaca"]})
    assert names.place_labels(places).tolist() == ["Entre Ríos (Tarija)", "Entre Ríos (Cochabamba)", "Sucre"]
    # with places of other countries in the list, the country too; without an area, the id as before
    more = pd.concat([places, pd.DataFrame({"place_id": ["arg-entre-rios", "bol-x", "bol-y"],
                                            "name": ["Entre Ríos", "Sucre", "Sucre"], "kind": "city",
                                            "country_iso3": ["ARG", "BOL", "BOL"],
                                            "area": [None, "Chuquisaca", ""]})], ignore_index=True)
    assert names.place_labels(more).tolist() == [
        "Entre Ríos (Tarija, BOL)", "Entre Ríos (Cochabamba, BOL)", "Sucre (BOL, bol-sucre)",
        "Entre Ríos (ARG)", "Sucre (BOL, bol-x)", "Sucre (BOL, bol-y)"]
    found = dict(ranking.find(places, "tarija"))
    assert found == {"bol-entre-rios-tarija": "Entre Ríos, Tarija, Bolivia"}
    labels = ranking.search_index(places)["label"].tolist()
    assert labels == ["Entre Ríos, Tarija, Bolivia", "Entre Ríos, Cochabamba, Bolivia",
                      "Sucre, Chuquisaca, Bolivia"]


def test_the_map_s_list_tells_apart_a_place_whose_namesake_is_past_its_end():
    """Bolivia's map listed "61 San Pedro" bare: its namesake in Pando is 336th, past the 200 listed,
    so someone from Pando read rank 61 as theirs. Explore's chart said "San Pedro (Santa Cruz)"."""
    from layouts import ranking

    places = pd.DataFrame({"place_id": ["bol-san-pedro-sc", "bol-x", "bol-san-pedro-pando"],
                           "name": ["San Pedro", "Sucre", "San Pedro"], "kind": "city", "country_iso3": "BOL",
                           "area": ["Santa Cruz", "Chuquisaca", "Pando"], "score": [51.6, 50.0, 31.0]})
    listed = str(ranking.ranked_list(places, None, limit=2).tree)
    assert "'San Pedro (Santa Cruz)'" in listed and "'Sucre'" in listed and "Pando" not in listed


def test_the_map_summary_tells_apart_the_highest_and_lowest_of_one_name():
    """Bolivia's atlas has several San Pedros: "highest: San Pedro; lowest: San Pedro" named neither."""
    from layouts import facts, summaries

    frame = pd.DataFrame({"place_id": ["bol-a", "bol-sucre", "bol-b", "per-lima"],
                          "name": ["San Pedro", "Sucre", "San Pedro", "Lima"],
                          "country_iso3": ["BOL", "BOL", "BOL", "PER"], "score": [90.0, 50.0, 10.0, None],
                          "lat": -17.0, "lon": -65.0})
    said = summaries.extremes(facts.map_facts(frame, 1, 2020))
    assert "highest: San Pedro (BOL, bol-a) (90.0); lowest: San Pedro (BOL, bol-b) (10.0)" in said
    others = frame.assign(name=["San Pedro", "Sucre", "Oruro", "Lima"])
    alone = summaries.extremes(facts.map_facts(others, 1, 2020))
    assert "highest: San Pedro (90.0); lowest: Oruro (10.0)" in alone


def test_the_map_summary_names_or_counts_the_places_tied_at_an_end():
    """Bristol's highest was "Westbury-on-Trym and Henleaze (100.0)" with Bedminster also at 100.0:
    one name said the other ward was lower. Ties are as the page writes the score: one decimal, or
    the decimals that tell two scores apart where one would write them alike. The first named stands
    apart ("tied with": a name may hold "and"), and tied places are named in the list's order at
    either end (the lowest were named from the bottom up)."""
    from layouts import facts, summaries

    def said(scores: list[float]) -> str:
        frame = pd.DataFrame({"place_id": [f"p{i}" for i in range(len(scores))],
                              "name": [f"Ward {i}" for i in range(len(scores))], "country_iso3": "GBR",
                              "score": scores, "lat": 51.4, "lon": -2.6})
        return summaries.extremes(facts.map_facts(frame, 1, 2020))

    assert "highest: Ward 0, tied with Ward 1 (2 places at 100.0); lowest: Ward 3 (20.0)" in said(
        [100.0, 100.0, 50.0, 20.0])
    assert "highest: Ward 0 (100.00); lowest: Ward 3 (20.0)" in said([100.0, 99.96, 50.0, 20.0])
    assert "highest: Ward 0 (100.0); lowest: Ward 3 (20.00)" in said([100.0, 99.9, 20.01, 20.0])
    assert "lowest: Ward 2, tied with Ward 3 (2 places at 20.0)" in said([100.0, 99.9, 20.0, 20.0])
    assert "highest: Ward 0 (62.21)" in said([62.2132, 62.1853, 50.0])  # Ghana, not "2 places at 62.2"
    assert "highest: Ward 0, tied with Ward 1 (2 places at 62.213)" in said([62.2131, 62.2134, 50.0])
    assert "highest: Ward 0, tied with Ward 1 and Ward 2 (3 places at 90.0)" in said([90.0, 90.0, 90.0, 10.0])
    assert "highest: Ward 0, tied with 4 other places (90.0); lowest: Ward 5 (10.0)" in said(
        [90.0] * 5 + [10.0])
    assert said([90.0, 90.0, 90.0]) == "On the map, all 3 places drawn with a score have 90.0."


def test_equal_scores_are_written_alike_and_tie_in_the_ranked_list():
    """The SDR's Goal 1 listed "1 Azerbaijan 100.0, 2 Thailand 100.00": both scored 100, and Thailand
    took two decimals from Malaysia's 99.98 below it, so the list numbered them apart."""
    import numpy as np

    from layouts import ranking

    texts = ranking.score_texts(pd.Series([100.0, 100.0, 99.98, 50.0]))
    assert texts == ["100.00", "100.00", "99.98", "50.0"]
    assert ranking.tied_ranks(np.asarray(texts, dtype=object)).tolist() == [1, 1, 3, 4]


def test_more_decimals_for_one_neighbour_never_make_two_scores_read_alike():
    """Bolivia's map listed "171 Cuchumuela 45.35, 171 Combaya 45.35" (45.3521 and 45.3487) beside
    Combaya's page saying "rank 172": one decimal parted them, but each took a second from its other
    neighbour, and with two they read the same."""
    import numpy as np

    from layouts import facts, ranking

    texts = ranking.score_texts(pd.Series([45.36, 45.3521, 45.3487, 45.341]))
    assert texts == ["45.36", "45.352", "45.349", "45.34"]
    # nor out of order: Tupiza's 53.975 ("53.98") above Sipe Sipe's 53.964 written "54.0"
    assert ranking.score_texts(pd.Series([53.993, 53.975, 53.964, 53.916])) == [
        "53.99", "53.98", "53.96", "53.9"]
    assert ranking.tied_ranks(np.asarray(texts, dtype=object)).tolist() == [1, 2, 3, 4]
    rng = np.random.default_rng(7)  # any run of close scores: different ones never read alike
    for _run in range(200):
        scores = np.sort(np.round(rng.uniform(40, 41, 12), rng.integers(2, 5)))[::-1]
        texts = ranking.score_texts(pd.Series(scores))
        at_most = facts.written(scores, facts.MOST_DIGITS)
        for i in range(len(scores) - 1):
            if at_most[i] != at_most[i + 1]:  # parted by three decimals: never alike, never out of order
                assert float(texts[i]) > float(texts[i + 1]), (scores, texts)
            if scores[i] == scores[i + 1]:
                assert texts[i] == texts[i + 1], (scores, texts)


def test_the_district_summary_names_the_districts_tied_at_an_end():
    from layouts.year_spans import Years
    from views.districts import district_summary

    def said(values: list[float]) -> str:
        ordered = pd.DataFrame({"name": [f"D{i}" for i in range(len(values))], "value": values})
        return district_summary(ordered, len(values), Years(), 2020)

    assert "Highest: D0, tied with D1 (2 places at 12); lowest: D2 (3)." in said([12.0, 12.0, 3.0])
    assert said([5.0, 5.0]).endswith("All 2 districts have 5.")


def test_a_city_s_wards_are_drawn_as_areas_under_their_markers(app):
    """A store of one city's wards with their boundaries (Bristol's) draws each ward's area filled as
    its marker, under it, live and without scripts; a store of the world sends no areas, and the
    areas of places not on the map are left out."""
    import geopandas
    from shapely.geometry import box

    from layouts import maps, scores
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import map as map_view

    demo = Store(DEMO_STORE).read()
    places = demo.places.copy()
    places["lat"] = 51.4 + (places["lat"] % 1) * 0.1
    places["lon"] = -2.6 + (places["lon"] % 1) * 0.1
    mapped = scores.mapped_places(demo)["place_id"].astype(str).tolist()
    located = places.set_index("place_id").loc[mapped[:40]]
    wards = geopandas.GeoDataFrame(
        {"place_id": [*located.index, "nowhere"], "code": "x"},
        geometry=[*(box(lon - 0.004, lat - 0.003, lon + 0.004, lat + 0.003)
                    for lon, lat in zip(located["lon"], located["lat"], strict=True)), box(0, 0, 1, 1)],
        crs="EPSG:4326")
    places.loc[places["place_id"] == located.index[0], ["lat", "lon"]] = None  # not drawn: nor its area
    located = located.iloc[1:]
    city = StoreData(demo.version + "-wards", demo.meta, {**demo.tables, "places": places}, wards)
    for goal, by_rating in (("index", False), ("6", True)):
        state = map_view.parse({"goal": goal}, city)[0]
        figure = map_view.build(city, state).figure
        areas = [t for t in figure.data if t.type == "choropleth"]
        assert areas and all(t.geojson["type"] == "FeatureCollection" for t in areas)
        drawn = [p for t in areas for p in t.locations]
        assert sorted(drawn) == sorted(located.index) and "nowhere" not in drawn
        for trace in areas:  # each area sent once, with the trace that fills it
            assert [f["properties"]["place_id"] for f in trace.geojson["features"]] == list(trace.locations)
            # pointing names the place; choosing it opens its page, as its marker does
            assert [c[0] for c in trace.customdata] == list(trace.locations)
            assert list(trace.text) == [places.set_index("place_id").loc[p, "name"] for p in trace.locations]
        assert areas[0].marker.opacity == maps.SHAPE_OPACITY
        first_marker = min(i for i, t in enumerate(figure.data) if t.type == "scattergeo")
        assert figure.data.index(areas[-1]) < first_marker
        if by_rating:  # each area in its rating's colour, as its marker
            frame = map_view.shown_places(city, state).set_index("place_id")
            for trace in areas:
                colours = {frame.loc[p, "colour"] for p in trace.locations}
                assert len(colours) == 1 and trace.colorscale[0][1] == maps.DASHBOARD_COLOURS[colours.pop()]
    import sys

    import dash

    home = sys.modules[next(p["module"] for p in dash.page_registry.values() if p.get("path") == "/")]
    chosen = {"points": [{"location": areas[0].locations[0], "customdata": list(areas[0].customdata[0])}]}
    with app.server.test_request_context("/"):
        assert home.open_city(chosen) == f"/city/{areas[0].locations[0]}?lang=en"
    region = map_view.build(city, map_view.parse({"region": "europe"}, city)[0]).figure
    assert not [t for t in region.data if t.type == "choropleth"]  # a region's zoom: the world's frame
    world = StoreData(demo.version + "-world-wards", demo.meta, demo.tables, wards)
    assert not [t for t in map_view.build(world, map_view.parse({}, world)[0]).figure.data
                if t.type == "choropleth"]


def test_a_country_s_detailed_areas_are_simplified_to_be_sent_and_too_many_are_left_out(monkeypatch):
    """A country's municipalities as published (thousands of points each) are simplified to a
    fraction of a pixel at the map's extent, to fit what every answer can carry; areas that do not
    fit even so are left out (the places drawn as markers alone)."""
    import json

    import geopandas
    from shapely.geometry import Point

    from layouts import scores
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData

    demo = Store(DEMO_STORE).read()
    places = demo.places.copy()
    places["lat"] = -17.0 + (places["lat"] % 1) * 5  # a country of about 5 degrees
    places["lon"] = -65.0 + (places["lon"] % 1) * 5
    mapped = scores.mapped_places(demo)["place_id"].astype(str).tolist()
    at = places.set_index("place_id").loc[mapped]
    circles = [Point(lon, lat).buffer(0.05, quad_segs=250)
               for lon, lat in zip(at["lon"], at["lat"], strict=True)]
    detailed = geopandas.GeoDataFrame({"place_id": at.index, "code": "x"}, geometry=circles, crs="EPSG:4326")
    country = StoreData(demo.version + "-country", demo.meta, {**demo.tables, "places": places}, detailed)
    extent = scores.local_extent(country)
    raw = len(detailed.to_json())
    shapes = scores.local_shapes(country, extent)
    assert raw > scores.SHAPE_BYTES and shapes is not None and len(shapes["features"]) == len(mapped)
    assert len(json.dumps(shapes)) <= scores.SHAPE_BYTES
    points = len(shapes["features"][0]["geometry"]["coordinates"][0])
    assert 8 <= points < 200  # still round, no longer 1,000 points
    monkeypatch.setattr(scores, "SHAPE_BYTES", len(json.dumps(shapes)) // 2)  # more than fits even so
    assert scores.local_shapes(country, extent) is None


def test_a_store_that_ranks_no_place_opens_its_map_on_a_goal():
    """An Open SDG city site (Bristol's wards, four goals each) ranks no place: its map opened on the
    index, every ward grey. It opens on the goal most places have a score for; the index stays one
    choice away, and a store that ranks places still opens on it."""
    from layouts import scores
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import map as map_view

    demo = Store(DEMO_STORE).read()
    assert map_view.parse({}, demo)[0].goal == "index"
    unranked = StoreData(demo.version + "-unranked", demo.meta,
                         {**demo.tables, "index": demo.index.assign(ranked=False)})
    year = scores.opening_year(unranked)
    scored = demo.goal_scores[(demo.goal_scores["year"] == year) & demo.goal_scores["score"].notna()]
    counts = scored["goal"].value_counts()
    expected = str(int(counts[counts == counts.max()].index.min()))
    state = map_view.parse({}, unranked)[0]
    assert state.goal == expected and map_view.query(state, unranked) == {}
    assert map_view.parse({"goal": "index"}, unranked)[0].goal == "index"
    # Explore opens on the same goal (it opened on an empty index ranking, Bristol's and Nepal's),
    # and offers no index to choose, which would draw nothing; a store that ranks places keeps both
    from views.explore import contents as explore_contents
    from views.explore import options as explore_options
    from views.explore import state as explore_state

    cat = explore_contents.catalogue(unranked)
    assert explore_state.parse({}, cat)[0].goal == int(expected)
    assert explore_options.goal_options(cat.indicators, cat.goal is None)[0]["value"] != ""
    assert explore_state.parse({}, explore_contents.catalogue(demo))[0].goal is None


def test_places_withheld_without_coordinates_are_not_counted_as_grey_on_the_map():
    """A store where most places with too little data for an index have no coordinates said "-44
    places on the map have no score": the withheld were all counted against the grey on the map."""
    from layouts import facts, summaries

    frame = pd.DataFrame({"name": ["A", "B", "C", "D"], "score": [60.0, None, None, None],
                          "lat": [1.0, 2.0, None, None], "lon": [1.0, 2.0, None, None],
                          "too_little_data": [False, True, True, True]})
    known = facts.map_facts(frame, None, 2023)
    assert (known.grey, known.too_little_data, known.withheld, known.no_coordinates) == (1, 1, 3, 2)
    sentence = summaries.map_summary(known)
    assert "-" not in sentence.split("highest")[0] and "have no score for 2023" not in sentence
    assert "1 place has data for too few indicators to get an index or a rank, and is grey." in sentence
    assert "2 places cannot be drawn: they have no coordinates (0 with a score)" in sentence


def test_a_city_is_not_ranked_among_its_own_districts():
    """Bristol (69.5) was ranked 25th among its 34 wards and drawn as a dot inside its Central ward;
    a city without districts scored stays (a goal measured for the city alone)."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from tests.components import text
    from views import map as map_view

    demo = Store(DEMO_STORE).read()
    places = demo.places.copy()  # New York City as the whole of four other US cities, made its districts
    wards = places["place_id"].isin(["usa-los-angeles", "usa-chicago", "usa-houston", "usa-st-petersburg"])
    places.loc[wards, "kind"] = "district"
    places.loc[wards, "parent_id"] = "usa-new-york-city"
    city = StoreData(demo.version + "-wards", demo.meta, {**demo.tables, "places": places})
    state = map_view.parse({"goal": "6"}, city)[0]
    view = map_view.build(city, state)
    scores = demo.tables["goal_scores"]
    whole = scores[(scores["goal"] == 6) & (scores["year"] == state.year)
                   & (scores["place_id"] == "usa-new-york-city")]
    score = f"{float(whole['score'].iloc[0]):.1f}"
    said = f"New York City as a whole ({score}) is not drawn or ranked among its own districts."
    assert said in view.summary
    assert "New York City" not in text(view.body) and "Chicago" in text(view.body)  # the ranking
    drawn = {str(p) for t in view.figure.data if t.customdata is not None and len(t.customdata)
             for p in t.customdata[:, 0]}
    assert "usa-new-york-city" not in drawn and "usa-chicago" in drawn
    assert view.summary.startswith("149 of 149 places are on the map")  # the demo's 150 but the whole
    assert "New York City" in text(map_view.build(demo, map_view.parse({"goal": "6"}, demo)[0]).body)


def test_explore_ranks_a_city_apart_from_its_own_districts_wherever_both_are_in_it():
    """The map left Bristol out of its wards' ranking, but Explore still ranked it among them. A
    choice of places by name follows the rule too: the city with one of its districts is compared
    with a piece of itself; the city with other places is ranked among them."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views.explore import build as explore_build
    from views.explore.state import context, parse

    demo = Store(DEMO_STORE).read()
    places = demo.places.copy()
    wards = places["place_id"].isin(["usa-los-angeles", "usa-chicago", "usa-houston", "usa-st-petersburg"])
    places.loc[wards, "kind"] = "district"
    places.loc[wards, "parent_id"] = "usa-new-york-city"
    city = StoreData(demo.version + "-wards-explore", demo.meta, {**demo.tables, "places": places})
    cat = context(city)
    for view_name in ("ranking", "table", "distribution"):
        state = parse({"goal": "6", "view": view_name}, cat)[0]
        view = explore_build.build(city, state, cat)
        listed = set(view.table.rows["Place"].astype(str))
        assert "New York City as a whole (" in view.summary, view_name
        assert "New York City" not in listed and "Chicago" in listed, view_name
    chosen = parse({"goal": "6", "places": "usa-new-york-city,usa-chicago"}, cat)[0]
    view = explore_build.build(city, chosen, cat)
    assert set(view.table.rows["Place"].astype(str)) == {"Chicago"}
    assert "New York City as a whole (" in view.summary
    others = parse({"goal": "6", "places": "usa-new-york-city,fra-paris"}, cat)[0]
    view = explore_build.build(city, others, cat)
    assert "New York City" in set(view.table.rows["Place"].astype(str))
    assert "as a whole" not in view.summary
    plain = explore_build.build(demo, parse({"goal": "6"}, context(demo))[0])
    assert "as a whole" not in plain.summary
    # nor among the five best of a trend: València (80.3) was one of its districts' five best
    scores = demo.tables["goal_scores"].copy()
    scores.loc[(scores["place_id"] == "usa-new-york-city") & (scores["goal"] == 6), "score"] = 100.0
    best = StoreData(demo.version + "-wards-trend", demo.meta, {**city.tables, "goal_scores": scores})
    trend = parse({"goal": "6", "view": "trend"}, context(best))[0]
    drawn = set(explore_build.build(best, trend, context(best)).table.rows["Place"].astype(str))
    assert len(drawn) == 5 and "New York City" not in drawn


def test_explore_gives_no_rank_to_a_whole_alone_in_its_ranking_when_chosen_by_name():
    """València, the one whole beside its ranked districts, is ranked 1st among one place in the
    data: the map and its page give it no rank, but Explore's 'Index rank' showed 1 when it was
    chosen by name, beside its district Ciutat Vella's 1 (now chosen beside another city: beside
    its own district it is left out, `wholes.without_wholes`)."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views.explore import rows
    from views.explore.state import context, parse

    demo = Store(DEMO_STORE).read()
    places = demo.places.copy()
    wards = places["place_id"].isin(["usa-los-angeles", "usa-chicago", "usa-houston", "usa-st-petersburg"])
    places.loc[wards, "kind"] = "district"
    places.loc[wards, "parent_id"] = "usa-new-york-city"
    index = demo.tables["index"].copy()
    city = index["place_id"].astype(str) == "usa-new-york-city"
    index["whole"] = city.to_numpy()
    index.loc[city & index["ranked"], "rank"] = 1
    store = StoreData(demo.version + "-lone-whole", demo.meta,
                      {**demo.tables, "places": places, "index": index})
    cat = context(store)
    state = parse({"view": "table", "places": "usa-new-york-city,fra-paris"}, cat)[0]
    ranks = rows.filtered_frame(store, cat, state).set_index("place_id")["rank"]
    stored = index[(index["year"] == state.year) & (index["place_id"].astype(str) == "fra-paris")]["rank"]
    assert pd.isna(ranks["usa-new-york-city"]) and ranks["fra-paris"] == stored.iloc[0]
    plain = rows.filtered_frame(demo, context(demo), parse({"view": "table", "places": "usa-new-york-city"},
                                                          context(demo))[0])
    assert plain["rank"].notna().all()  # a city among the others keeps its rank


def test_a_store_of_one_city_without_scores_says_why_and_links_to_its_values():
    """Los Angeles' and Cape Town's Open SDG sites opened on "No place has a score" over one grey
    dot, and said neither why nor where their values are."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import map as map_view

    demo = Store(DEMO_STORE).read()
    one = demo.places[demo.places["place_id"] == "ken-nairobi"]
    tables = {**demo.tables, "places": one}
    for name in ("index", "goal_scores", "indicator_scores", "peers"):
        tables[name] = demo.tables[name].head(0)
    alone = StoreData(demo.version + "-alone", demo.meta, tables)
    view = map_view.build(alone, map_view.parse({}, alone)[0])
    assert view.summary.startswith("No place has a score for the SDG Index in ")
    assert view.summary.endswith("these data hold one place, Nairobi: its measured values are on its page.")
    assert view.notes == [("See the values of Nairobi", "/city/ken-nairobi")]
    scored = map_view.build(demo, map_view.parse({}, demo)[0])
    assert not any(path.startswith("/city/") for _words, path in scored.notes)


def demo_one_scored(demo):
    """The demo's Nairobi alone, its scores kept (as a store scored on fixed bounds has them)."""
    from loaders.store import StoreData

    keep = {name: table[table["place_id"] == "ken-nairobi"] if "place_id" in table else table
            for name, table in demo.tables.items()}
    return StoreData(demo.version + "-one-scored", demo.meta, keep)


def test_explore_of_one_city_opens_on_its_values_over_time_not_an_empty_ranking():
    """Los Angeles', Cape Town's and Valencia's Explore opened on "No place in the selection has
    scores for the SDG Index": a ranking of one place, which has no score to rank."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views.explore import build as explore_build
    from views.explore.options import control_values
    from views.explore.state import context, follow_defaults, parse, to_query

    demo = Store(DEMO_STORE).read()
    tables = {**demo.tables, "places": demo.places[demo.places["place_id"] == "ken-nairobi"]}
    rows = demo.tables["indicator_scores"]
    tables["indicator_scores"] = rows[rows["place_id"] == "ken-nairobi"].assign(score=float("nan"))
    for name in ("index", "goal_scores", "peers"):
        tables[name] = demo.tables[name].head(0)
    alone = StoreData(demo.version + "-alone-explore", demo.meta, tables)
    cat = context(alone)
    state, problems = parse({}, cat)
    assert (state.view, state.measure, problems, to_query(state, cat)) == ("trend", "value", [], {})
    mine = rows[(rows["place_id"] == "ken-nairobi") & rows["value"].notna()]
    years = mine.groupby("indicator_id")["value_year"].nunique()
    assert years[state.indicator] == years.max()
    view = explore_build.build(alone, state, cat)
    assert ", for the only place with data. Nairobi: " in view.summary and view.subtitle == "Nairobi"
    assert "five best" not in view.summary + view.subtitle
    # the title's and the summary's years are those of the values drawn, not the store's span (Los
    # Angeles' 16-2-1, measured 2010 to 2018, was '2010 to 2020')
    drawn = mine[mine["indicator_id"] == state.indicator]["value_year"]
    span = f"{int(drawn.min())} to {int(drawn.max())}"
    assert view.title.endswith(f"(values), {span}") and f" from {span}, for the only place" in view.summary
    ends = mine.groupby("indicator_id")["value_year"].agg(["min", "max"])
    short = ends[ends["max"] < ends["max"].max()].iloc[0]
    asked = parse({"view": "trend", "measure": "value", "indicator": short.name}, cat)[0]
    assert asked.end > short["max"]
    shorter = explore_build.build(alone, asked, cat)
    assert shorter.title.endswith(f"(values), {int(short['min'])} to {int(short['max'])}")
    scores_asked = explore_build.build(alone, parse({"measure": "score"}, cat)[0], cat)
    assert scores_asked.summary.endswith("one place, Nairobi: its measured values are on its page.")
    # the indicator follows the goal the reader picks, until the reader picks one
    raw = control_values(state) | {"goal": "6"}
    followed = parse(follow_defaults(raw, to_query(state, cat), cat), cat)
    goal_six = set(demo.indicators.loc[demo.indicators["goal"] == 6, "indicator_id"])
    assert followed[1] == [] and followed[0].indicator in goal_six
    picked = control_values(state) | {"goal": "", "indicator": state.indicator}
    assert parse(follow_defaults(picked, to_query(state, cat) | {"indicator": state.indicator}, cat),
                 cat)[0].indicator == state.indicator
    # through a goal without values (its goal scores) and back: values again, not an empty trend
    unmeasured = tables["indicator_scores"].assign(value=tables["indicator_scores"]["value"].where(
        tables["indicator_scores"]["goal"] != 6))
    gap = StoreData(alone.version + "-gap", demo.meta, {**tables, "indicator_scores": unmeasured})
    gap_cat = context(gap)
    opened = parse({}, gap_cat)[0]
    six = parse(follow_defaults(control_values(opened) | {"goal": "6"}, to_query(opened, gap_cat), gap_cat),
                gap_cat)[0]
    assert (six.goal, six.indicator, six.measure) == (6, None, "score")
    back = parse(follow_defaults(control_values(six) | {"goal": ""}, to_query(six, gap_cat), gap_cat),
                 gap_cat)
    assert (back[0].indicator, back[0].measure, back[1]) == (opened.indicator, "value", [])
    scored = context(demo_one_scored(demo))  # one place with scores (fixed bounds) keeps its ranking
    assert (scored.measured, parse({}, scored)[0].view) == ({}, "ranking")
    many = context(demo)  # a store of many places still opens on its ranking of the index
    assert parse({}, many)[0].view == "ranking" and parse({}, many)[0].measure == "score"
    assert "five best" in explore_build.build(demo, parse({"view": "trend"}, many)[0], many).summary


def test_a_store_of_one_city_draws_its_places_at_their_own_extent_and_scores_without_ratings():
    """Bristol's 35 wards were one dot on a map of the world, all grey ("not rated": the source has
    no thresholds). A store whose places lie close together is drawn at their extent, its "World"
    choice named "All places"; a goal no place on the map is rated for is drawn by score."""
    from layouts import facts, scores, summaries
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import map as map_view

    demo = Store(DEMO_STORE).read()
    assert scores.local_extent(demo) is None  # 150 cities of every continent: the world
    places = demo.places.copy()
    places["lat"] = 51.4 + (places["lat"] % 1) * 0.1
    places["lon"] = -2.6 + (places["lon"] % 1) * 0.1
    city = StoreData(demo.version + "-city", demo.meta, {**demo.tables, "places": places})
    (west, east), (south, north) = scores.local_extent(city)
    assert -2.63 < west < -2.6 and -2.5 < east < -2.47 and 51.37 < south < 51.4 and 51.5 < north < 51.53
    view = map_view.build(city, map_view.parse({}, city)[0])
    assert list(view.figure.layout.geo.lonaxis.range) == [west, east]
    from dashboard.first_paint import topology
    from layouts import static_svg  # drawn without scripts at the same extent, not as one dot

    assert static_svg.drawable(view.figure) and static_svg.local_ranges(view.figure) is not None
    svg = static_svg.geo_svg(view.figure, "t", "d", topology())
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert len(xs) > 100
    assert max(xs) - min(xs) > 0.4 * static_svg.WIDTH or max(ys) - min(ys) > 0.4 * static_svg.HEIGHT
    assert '<clipPath id="map-frame">' in svg and len(svg) < 200_000  # the world's far shapes left out
    assert static_svg.drawable(map_view.build(demo, map_view.parse({}, demo)[0]).figure)
    frame = map_view.shown_places(city, map_view.parse({"goal": "6"}, city)[0])
    unrated = summaries.map_summary(facts.map_facts(frame.assign(colour="grey"), 6, 2020))
    assert "Ratings on the map" not in unrated and "a score but no rating" in unrated
    assert facts.map_facts(frame, 6, 2020).rated
    assert not facts.map_facts(frame.assign(colour="grey"), 6, 2020).rated
    assert not facts.map_facts(frame.drop(columns="colour"), None, 2020).rated


def test_the_search_box_s_example_is_a_place_of_the_store():
    """"e.g. Sao Paulo" above a store of New Zealand's or Bristol's places offered a place that
    store does not have: the example is the store's most populous city, else its first by name."""
    import pandas as pd

    from layouts.names import example_place

    places = pd.DataFrame({"place_id": ["a", "b", "c", "d"], "name": ["Zeta", "Auckland", "Ward", "Hamilton"],
                           "kind": ["city", "city", "district", "city"],
                           "population": [10.0, 1_700_000.0, 9e9, None]})
    assert example_place(places) == "Auckland"  # the ward's population is not a city's
    assert example_place(places.drop(columns="population")) == "Auckland"  # first by name
    assert example_place(places.assign(kind="district")) == "Ward"
    assert example_place(places.iloc[0:0]) is None
    # a store of districts and countries: a district (the search finds no country), not "China"
    mixed = places.assign(kind=["country", "district", "district", "country"])
    assert example_place(mixed) == "Ward" and example_place(mixed.assign(kind="country")) is None


def test_the_map_page_offers_its_own_place_as_the_search_example(tmp_path, monkeypatch):
    from dashboard.app import create_app
    from tests.test_antimeridian import nz_store

    store = nz_store(tmp_path / "nz")
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    page = create_app(str(store)).server.test_client().get("/").get_data(as_text=True)
    found = re.search(r'"placeholder":"e\.g\. ([^"]+)"', page)  # in the layout the page carries
    assert found and found.group(1) in {"Auckland", "Hamilton", "Wellington", "Christchurch", "Invercargill",
                                        "Chatham Islands"}
    assert "Sao Paulo" not in page


def test_a_store_of_one_place_frames_it_with_its_coast_and_borders():
    """Los Angeles alone in a store was a grey square around one dot: the map of one place shows
    NARROWEST degrees around it, where the coast and borders tell where it is."""
    from layouts import maps, scores
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData

    demo = Store(DEMO_STORE).read()
    one = demo.places.head(1).assign(kind="city", lat=34.05, lon=-118.24)
    store = StoreData(demo.version + "-one", demo.meta, {**demo.tables, "places": one})
    (west, east), (south, north) = scores.local_extent(store)
    assert east - west == pytest.approx(scores.NARROWEST) and west < -118.24 < east and south < 34.05 < north
    layout = maps.geo_layout("", "world", ((west, east), (south, north)))
    assert list(layout["geo"]["lonaxis"]["range"]) == [west, east]


def test_a_city_alone_in_its_subregion_says_it_has_no_peer_instead_of_an_empty_table(tmp_path):
    """Cape Town's Open SDG data: one city. Its page showed "Peers in Southern Africa" over a table of
    column headers only, and "Compare side by side with" offering nothing."""
    import sys

    import dash

    from dashboard import data
    from dashboard.app import create_app
    from tests import store_matrix
    from tests.components import text
    from views import city as city_view

    app = create_app(str(store_matrix.build("one-place", tmp_path)))
    assert app.server.test_client().get("/healthz").status_code == 200
    city_page = sys.modules[next(p["module"] for p in dash.page_registry.values()
                                 if p.get("path_template") == "/city/<place_id>")]
    with app.server.test_request_context("/"):
        store = data.current()
        place = str(store.places.loc[store.places["kind"] == "city", "place_id"].iloc[0])
        subregion = city_view.context(store).places.loc[place, "un_subregion"]
        shown = text(city_page.page(store, place, {}))
        year = city_view.parse({"place": place}, store)[0].year
    # said of the places the index ranks in the year shown: Nepal's provinces, none ranked, were
    # said to be alone in Southern Asia
    assert (f"No other city of these data in {subregion} has an SDG Index rank in {year}: it has no peer "
            "to be compared with.") in shown
    assert "Other cities in the same UN subregion" not in shown
    from dashboard.pages.peer_words import NO_PEERS, peer_words  # a ward's peers are cities and districts

    assert peer_words(NO_PEERS, "district").startswith("No other city or district of these data in")


def test_a_one_city_site_s_explore_opens_on_its_trend_in_its_first_picture_and_oembed(tmp_path):
    """The page opened on a trend, but its first response drew "Ranking by ..." and its oEmbed
    offered the ranking's embed."""
    from urllib.parse import quote

    from dashboard.app import create_app
    from tests import store_matrix

    client = create_app(str(store_matrix.build("one-city-site", tmp_path))).server.test_client()
    page = client.get("/explore", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "(values), 2015 to 2025" in page and "Ranking by" not in page
    oembed = client.get("/oembed?format=json&url=" + quote("http://localhost/explore")).get_json()
    assert "/embed/trend" in oembed["html"]
    asked = client.get("/explore?view=ranking", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Ranking by" in asked


def test_a_city_page_s_index_badge_names_its_year(app):
    """A page opens on the place's last ranked year, which may come before the map's: Eritrea's
    badges said "SDG Index 44.9, rank 47 of 51" (2018) beside a map of 2019 that left it unranked."""
    import sys

    import dash

    from dashboard import data
    from tests.components import text
    from views import city as city_view

    city_page = sys.modules[next(p["module"] for p in dash.page_registry.values()
                                 if p.get("path_template") == "/city/<place_id>")]
    with app.server.test_request_context("/"):
        store = data.current()
        year = city_view.parse({"place": "ken-nairobi"}, store)[0].year
        shown = text(city_page.page(store, "ken-nairobi", {}))
        earlier = text(city_page.page(store, "ken-nairobi", {"year": str(year - 1)}))
    assert f"SDG Index {year}: " in shown and f"SDG Index {year - 1}: " in earlier


def test_a_city_page_names_the_department_its_source_gives():
    from dashboard.pages.city_parts import header
    from tests.components import text

    place = pd.Series({"place_id": "bol-entre-rios-tarija", "name": "Entre Ríos", "kind": "city",
                       "country_iso3": "BOL", "area": "Tarija", "un_subregion": "South America",
                       "population": 24107.0})
    said = text(header(place, None, pd.DataFrame()))
    assert "Tarija · Bolivia · South America · population 24,107" in said
    assert "Entre Ríos Bolivia · South America" in text(header(place.drop("area"), None, pd.DataFrame()))


def test_a_map_that_can_draw_none_of_its_places_does_not_say_there_is_no_data():
    """Nepal's seven provinces have scores but neither coordinates nor shapes: the map said "No data
    matches this selection." above "0 of 7 places are on the map ... 7 places cannot be drawn"."""
    import plotly.graph_objects as go

    from dashboard.chrome import view_chart
    from layouts import maps
    from views.base import View

    provinces = pd.DataFrame({"place_id": ["npl-1"], "name": ["Koshi"], "kind": "region",
                              "country_iso3": "NPL", "lat": [float("nan")], "lon": [float("nan")],
                              "score": [55.0]})
    shown = view_chart(View("SDG Index, 2022", "", None, "/", maps.place_map(provinces, "", False)))
    said = shown.figure["layout"]["annotations"][0]["text"]
    assert said.replace("<br>", " ") == "No place of this selection can be drawn on the map."
    assert max(len(line) for line in said.split("<br>")) <= 34  # a phone's width: plotly does not wrap
    empty_bars = view_chart(View("Ranking", "", None, "/", go.Figure(go.Bar(x=[], y=[]))))
    assert "No data matches this selection." in str(empty_bars.figure)


def test_a_place_with_projects_and_no_scores_links_its_projects(app):
    """Berlin's store holds 420 projects and no score: its page said only "This data holds no
    scores yet" under no name, with no way to its projects."""
    import sys

    import dash

    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from tests.components import text, walk

    demo = Store(DEMO_STORE).read()
    from loaders import schema

    kept = ("places", "projects", "indicators")  # as a store of a projects list alone holds them
    projects_only = StoreData(demo.version + "-projects", demo.meta, {
        name: demo.tables[name] if name in kept else schema.empty(name) for name in schema.TABLES})
    city_page = sys.modules[next(p["module"] for p in dash.page_registry.values()
                                 if p.get("path_template") == "/city/<place_id>")]
    place = str(demo.projects["place_id"].value_counts().index[0])
    count = int((demo.projects["place_id"] == place).sum())
    with app.server.test_request_context("/"):
        shown = city_page.page(projects_only, place, {})
    said = text(shown)
    assert demo.places.set_index("place_id").loc[place, "name"] in said and "no scores yet" in said
    links = {node.href: text(node) for node in walk(shown) if type(node).__name__ == "Link"}
    assert links[f"/projects?place={place}&lang=en"] == f"{count} projects of this place"


def test_a_published_index_of_another_year_is_found_for_a_page_without_one():
    """The European Cities index (2019) beside the UN's 11.2.1 values to 2023: London's page of 2023
    said nothing of the source's own index, which it said in a store of the index alone."""
    from layouts.as_published import published_index
    from loaders.store import StoreData

    table = pd.DataFrame({"place_id": ["gbr-london", "nor-oslo", "gbr-london"], "year": [2019, 2019, 2024],
                          "score": [54.9, 70.1, 60.0], "rank": [20, 1, 3]})
    store = StoreData("v-published", {}, {"published_index": table})
    assert published_index(store, "gbr-london", 2023) == (54.9, 20, 2, 2019)
    assert published_index(store, "gbr-london", 2019) == (54.9, 20, 2, 2019)
    assert published_index(store, "nor-oslo", 2030) == (70.1, 1, 2, 2019)
    # before any, the first after it: Eritrea's page of 2018 (the last year the dashboard ranks it)
    # said nothing of SDSN's Africa index of 2019 (43.3, 47th of 52)
    assert published_index(store, "gbr-london", 2018) == (54.9, 20, 2, 2019)
    assert published_index(store, "nor-oslo", 2018) == (70.1, 1, 2, 2019)
    assert published_index(store, "fra-paris", 2018) is None


def test_a_district_s_page_names_and_links_its_city():
    """Baltimore's 96 neighbourhood pages said only "United States · Northern America"."""
    from dashboard.pages.city_parts import header
    from tests.components import text, walk

    place = pd.Series({"name": "Allendale", "kind": "district", "country_iso3": "USA", "area": None,
                       "un_subregion": "Northern America", "population": float("nan")})
    city = pd.Series({"name": "Baltimore", "kind": "city"}, name="usa-baltimore")
    tree = header(place, None, pd.DataFrame(), within=city)
    assert "A district of Baltimore · United States · Northern America" in " ".join(text(tree).split())
    assert any(getattr(n, "href", "").startswith("/city/usa-baltimore") for n in walk(tree))


def test_the_index_map_names_the_source_s_own_index_beside_its_recomputation():
    """The US states' map ranked Massachusetts first at 73.4 under "Source: SDSN", and SDSN's own
    index (Massachusetts 61.0) was on the state's page only; Africa's ranked Tunisia first where
    SDSN has Mauritius, and said nothing."""
    from layouts import summaries
    from layouts.as_published import published_first
    from layouts.facts import Extreme
    from loaders.store import StoreData

    table = pd.DataFrame({"place_id": ["a", "b", "c", "d"], "year": [2019] * 4,
                          "score": [66.2, 70.0, 60.0, 80.0], "rank": [1, None, 2, 1]})
    table.loc[3, "year"] = 2018
    store = StoreData("v-first", {}, {"published_index": table})
    frame = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["Mauritius", "Tunisia", "Ghana"]})
    found = published_first(store, frame, 2019, Extreme("Tunisia", 75.5))
    assert (found.name, found.score, found.same) == ("Mauritius", 66.2, False)  # by rank, not score
    assert summaries.published_first_sentence(found, 2019) == (
        "The source publishes its own SDG Index for 2019, with Mauritius first (66.2); this map shows this "
        "dashboard's recomputation from the source's values, by its own methodology, which ranks "
        "differently: each place's page gives both.")
    assert published_first(store, frame, 2019, Extreme("Ghana", 70.0, ("Mauritius",))).same
    assert published_first(store, frame, 2017, Extreme("Tunisia", 75.5)) is None  # no index that year
    # two places of one name (Bolivia's San Pedros): the ends are matched by id where they carry one
    twins = frame.assign(name=["San Pedro", "Tunisia", "San Pedro"])
    assert not published_first(store, twins, 2019, Extreme("San Pedro", 75.5, ids=("c",))).same
    assert published_first(store, twins, 2019, Extreme("San Pedro", 75.5, ids=("c", "a"))).same
    assert published_first(StoreData("v-none", {}, {}), frame, 2019, Extreme("Tunisia", 75.5)) is None
    assert summaries.published_first_sentence(None, 2019) == ""


def test_a_map_says_when_its_scores_rest_on_an_assumed_direction():
    """València's Goal 1 map ranked districts on nine counts the source gives no direction for,
    scored higher-is-better by assumption; only the import report said so."""
    from layouts import summaries
    from layouts.facts import assumed_directions
    from loaders.store import StoreData

    bounds = pd.DataFrame({"indicator_id": ["1-2-10", "1-2-11", "1-1-1", "6-1-1", "x"],
                           "goal": [1, 1, 1, 6, None], "n_values": [19, 19, 0, 19, 5],
                           "direction_source": ["assumed", "assumed", "assumed", "metadata", "assumed"]})
    store = StoreData("v-assumed", {}, {"bounds": bounds})
    assert assumed_directions(store, 1) == (2, 2)  # an indicator without values scores nothing
    assert assumed_directions(store, 6) == (0, 1)
    assert assumed_directions(store, None) == (2, 3)  # the index: every goal's, not the goalless one's
    assert summaries.assumed_sentence(2, 3, None) == (
        "For 2 of the 3 indicators behind the SDG Index, the source states no direction and neither their "
        "bounds nor their names tell: they are scored as higher is better, which may rank places the wrong "
        "way round.")
    assert summaries.assumed_sentence(0, 1, 6) == ""
    assert summaries.assumed_sentence(9, 9, 1).startswith(  # not "9 of the 9"
        "For all 9 indicators behind Goal 1: No poverty, the source states no direction")
    assert summaries.assumed_sentence(1, 1, 1).startswith("For the only indicator behind Goal 1")
    assert summaries.assumed_sentence(2, 2, 16).startswith(  # Bristol's goal 16 said "For all 2"
        "For both indicators behind Goal 16: Peace, justice and strong institutions, the source states")
    assert assumed_directions(StoreData("v-none", {}, {}), 1) == (0, 0)



def test_a_place_alone_in_its_data_says_why_its_page_has_no_score(tmp_path):
    """Los Angeles' site alone: its page said "There are no goal scores for Los Angeles yet." and
    nothing of why (its map and Explore say a score needs places to compare)."""
    from dashboard import data
    from dashboard.app import create_app
    from tests import store_matrix
    from tests.components import page_module, text

    store = store_matrix.build("one-city-site", tmp_path)
    with create_app(str(store)).server.test_request_context("/"):
        place = data.current().places.query("kind == 'city'").iloc[0]
        said = text(page_module("/city/none").page(data.current(), place["place_id"], {}))
    assert (f"these data hold one place, {place['name']}: its measured values are below.") in said


def test_a_goal_of_counts_a_city_shares_with_its_districts_says_why_it_has_no_score():
    """Its Goal 8 said "no score: scoring needs a best and a worst value, which neither the source
    nor the spread of places' values gives" where the reason is that its count is its districts'
    total, not scored against their range."""
    from layouts import explain

    rows = [{"indicator_id": "8-5-2", "name": "Unemployed", "score": float("nan"), "colour": "grey",
             "value": 62663.0}]
    said = explain.why_rating("grey", rows, 1, totals=frozenset({"8-5-2"}))
    assert said.startswith("Not scored: its indicator with data here is a count (the total of the values")
    assert "best and a worst" in explain.why_rating("grey", rows, 1)


def test_a_page_beside_the_source_s_index_of_a_later_year_says_why_it_has_none_then():
    """Eritrea's page (SDSN Africa 2019) showed "SDG Index 2018: 44.9, rank 47 of 51" beside "the source
    publishes 43.3 for 2019" and never said that the dashboard gives it no index for 2019 (65 of 83
    indicators, under the 80 % rule)."""
    from dashboard.pages.city_parts import published_words
    from layouts import place_facts
    from loaders.store import StoreData

    places = pd.DataFrame({"place_id": ["eri", "ken"], "name": ["Eritrea", "Kenya"], "kind": "country"})
    index = pd.DataFrame({"place_id": ["eri", "ken", "eri", "ken"], "year": [2018, 2018, 2019, 2019],
                          "score": [44.9, 60.0, 43.0, 61.0], "rank": [2, 1, pd.NA, 1],
                          "ranked": [True, True, False, True], "n_goals": 17, "n_goals_imputed": 0,
                          "n_indicators": 83, "n_available": [70, 80, 65, 80]})
    published = pd.DataFrame({"place_id": ["eri"], "year": [2019], "score": [43.3], "rank": [47]})
    store = StoreData("v", {}, {"places": places, "index": index, "published_index": published})
    said = published_words(place_facts.index_facts(store, "eri", 2018), 2018)
    assert "publishes an SDG Index of 43.3 for 2019" in said
    assert said.endswith("For 2019, it gives no index: data for 65 of the 83 indicators of the index, "
                         "under the 80% its rule asks.")
    ranked_then = StoreData("w", {}, {"places": places, "index": index.assign(ranked=True),
                                      "published_index": published})
    assert "gives no index" not in published_words(place_facts.index_facts(ranked_then, "eri", 2018), 2018)


def test_a_goal_whose_scored_indicators_are_outside_the_index_says_so():
    """Berlin's Goal 6 tile said "no score" beside its two indicators' 99.6 and 100, with "none has a
    rating" as the only reason: neither is one the index and the ratings use."""
    from layouts import explain

    rows = [{"indicator_id": i, "name": i, "score": s, "colour": "grey", "value": s, "in_index": False,
             "in_dashboard": False} for i, s in (("sdg6_consew", 97.1), ("sdg6_sectreat", 100.0))]
    said = explain.why_rating("grey", rows, 2)
    assert said.startswith("Not rated: 2 of its 2 indicators have a score here, but none is one the index")
    counted = [{**row, "in_index": True} for row in rows]
    assert explain.why_rating("grey", counted, 2).endswith("but none has a rating.")


def test_a_goal_counts_its_indicators_with_data_as_values_and_draws_only_scored_goals():
    """València's Goal 1 said "5 of its 15 indicators have data here" beside 15 values (it counted
    scores); its goals picture drew Goal 8 as an empty bar labelled " · not rated"."""
    from layouts import city, explain

    rows = [{"indicator_id": f"i{n}", "name": f"i{n}", "score": 50.0 if n == 0 else float("nan"),
             "colour": "grey", "value": 10.0 + n} for n in range(3)]
    assert explain.why_rating("grey", rows, 3) == (
        "Not rated: 3 of its 3 indicators have data here, but none has a rating.")
    goals = pd.DataFrame({"goal": [1, 8], "score": [64.6, float("nan")], "colour": ["grey", "grey"]})
    drawn = city.goal_figure(goals)
    assert len(drawn.data[0].y) == 1 and " · " not in drawn.data[0].text[0][:3]


def test_a_city_s_largest_challenge_on_a_guessed_direction_says_so():
    """A València district's "largest challenge" was Goal 3 at 0: its 0 deaths of children under 5,
    scored as higher is better because the source named no direction. The page says so, as the map
    does."""
    from loaders.paths import DEMO_STORE
    from loaders.store import StoreData
    from views import registry

    demo = Store(DEMO_STORE).read()
    said = registry.build("city-goals", {"place": "ken-nairobi"}, demo).summary
    assert "The largest challenge is" in said and "states no direction" not in said
    guessed = demo.tables["bounds"].assign(direction_source="assumed")
    store = StoreData(demo.version + "-guessed", demo.meta, {**demo.tables, "bounds": guessed})
    said = registry.build("city-goals", {"place": "ken-nairobi"}, store).summary
    # the largest challenge and the strongest result, said once for both (it was the same 40 words twice)
    assert said.count("the source states no direction") == 1
    assert re.search(r"For all \d+ indicators behind Goal 9: Industry, innovation and infrastructure and "
                     r"Goal 15: Life on land, the source states no direction", said), said


def test_a_city_page_writes_its_index_with_the_decimals_that_part_it_from_its_neighbours():
    """Bolivia's San Pedro (Santa Cruz) read "SDG Index 51.6, rank 61" where the map listed it as
    51.65 above Mineros' 51.58 (rank 62): the header writes the score as the ranking does."""
    from layouts import place_facts
    from loaders.store import StoreData

    places = pd.DataFrame({"place_id": ["a", "b", "c"], "name": ["A", "B", "C"], "kind": "city"})
    index = pd.DataFrame({"place_id": ["a", "b", "c"], "year": 2020, "score": [51.646, 51.58, 40.0],
                          "rank": [1, 2, 3], "ranked": True, "n_goals": 17, "n_goals_imputed": 0,
                          "n_indicators": 10, "n_available": 10})
    store = StoreData("v", {}, {"places": places, "index": index})
    assert [place_facts.index_facts(store, p, 2020).digits for p in "abc"] == [2, 2, 1]


def test_a_city_page_ranks_a_whole_apart_from_its_own_districts():
    """València's page said "rank 7 of 20" among its own 19 districts: a whole is counted among the
    wholes of its year (`index.whole`), its districts among themselves, and a rank among one place
    is not said; its sentence writes the score as its badge does ("51.65", not "51.6")."""
    from layouts import place_facts, summaries
    from loaders.store import StoreData

    places = pd.DataFrame({"place_id": ["city", "d1", "d2", "d3"], "name": ["City", "D1", "D2", "D3"],
                           "kind": ["city", "district", "district", "district"],
                           "parent_id": [None, "city", "city", "city"]})
    index = pd.DataFrame({"place_id": ["city", "d1", "d2", "d3"], "year": 2020,
                          "score": [51.646, 80.0, 51.58, 40.0], "rank": [1, 1, 2, 3], "ranked": True,
                          "n_goals": 17, "n_goals_imputed": 0, "n_indicators": 10, "n_available": 10,
                          "whole": [True, False, False, False]})
    store = StoreData("v", {}, {"places": places, "index": index})
    city, d2 = place_facts.index_facts(store, "city", 2020), place_facts.index_facts(store, "d2", 2020)
    assert (city.rank, city.ranked_places) == (None, 1)
    assert (d2.rank, d2.ranked_places, d2.digits) == (2, 3, 1)
    assert summaries.index_sentence(city) == "Its SDG Index score is 51.6."
    # a store scored before the rule has no `whole`: ranks and their counts as stored then
    stored_then = index.drop(columns="whole").assign(rank=[2, 1, 3, 4])
    before = StoreData("v0", {}, {"places": places, "index": stored_then})
    old = place_facts.index_facts(before, "d2", 2020)
    assert (old.rank, old.ranked_places, old.digits) == (3, 4, 2)
    assert summaries.index_sentence(old) == "Its SDG Index score is 51.58, ranked 3 of 4."
