"""Sentences that must stay true on real and odd stores: published ratings kept beside the
dashboard's own, values labelled with their own years, money and jobs never shown as zero."""

from __future__ import annotations

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
    # a second import of the same file replaces the published rows instead of doubling them
    assert main(["import", str(workbook), "--store", str(store)]) in (0, 1)
    assert len(Store(store).read().tables["published_goal_scores"]) == len(published)


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
    assert len(bars["data"]) == 1 and "yaxis2" not in bars["layout"]


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
