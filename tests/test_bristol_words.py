"""Bristol's Open SDG store read back sentence by sentence where last session's audit found them odd:
ties listed in one order, an Explore scatter that draws something, a time series titled by what it
draws."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def bristol(tmp_path_factory):
    from dashboard.cli import main
    from loaders import serving
    from loaders.store import Store
    from tests.conftest import REALDATA

    folder = REALDATA / "bristol-opensdg"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    store = tmp_path_factory.mktemp("bristol-words") / "store"
    assert main(["import", str(folder), "--store", str(store), "--quiet"]) in (0, 1)
    opened = Store(store)
    return serving.read_served(opened, opened.current_version())


def explore(served, **asked):
    from views.explore import build
    from views.explore import state as explore_state

    cat = explore_state.context(served)
    state, problems = explore_state.parse({key: str(value) for key, value in asked.items()}, cat)
    return build.build(served, state, cat), state, problems


def test_the_two_wards_tied_at_the_top_are_listed_and_named_in_one_order(bristol):
    """Goal 2 of 2021: Westbury-on-Trym and Henleaze and Bedminster both score 100.0. The map's list
    put Westbury first, Explore's bars Bedminster, and both sentences joined them with "; and": ties
    are listed by name from A to Z everywhere, and the first named stands apart from the others."""
    from views import map as map_view

    state = map_view.parse({"goal": "2", "year": "2021"}, bristol)[0]
    listed = map_view.shown_places(bristol, state)
    top = listed[listed["score"] == listed["score"].max()]
    assert list(top["name"]) == ["Bedminster", "Westbury-on-Trym and Henleaze"]
    said = "highest: Bedminster, tied with Westbury-on-Trym and Henleaze (2 places at 100.0)"
    assert said in map_view.build(bristol, state).summary
    ranking = explore(bristol, goal=2, view="ranking", year=2021)[0]
    assert "Best: Bedminster, tied with Westbury-on-Trym and Henleaze (2 places at 100.0)" in ranking.summary
    assert list(ranking.table.rows.iloc[:2, 0]) == ["Bedminster", "Westbury-on-Trym and Henleaze"]
    assert "; and" not in ranking.summary + map_view.build(bristol, state).summary


def test_a_goal_tile_without_a_score_says_so_once(bristol):
    """Bristol's Goal 4 has one indicator with values and no score: its tile said "no score" and "No
    rated indicator". Its site states no thresholds at all, so no goal is rated: the summary says so
    once, where each scored tile said "not rated" and "No rated indicator" (17 times on a Bolivian
    municipality's page)."""
    from tests.components import text
    from views import city as city_view

    shown = city_view.goals(bristol, city_view.State("gbr-bristol", 2021))
    tiles = shown.body.tree if hasattr(shown.body, "tree") else shown.body
    by_goal = {int(tile[2][2].split()[-1]): text(tile) for tile in tiles[2:]}
    assert "no score" in by_goal[4] and "No rated indicator" not in by_goal[4]
    # the score alone: "not rated" (and a grey dot) on each tile repeated the summary's sentence
    ratings = [next(part for part in tile[2:] if isinstance(part, list)
                    and part[1].get("className") == "tile-rating") for tile in tiles[2:]]
    assert ratings[1][2:] == [["span", {}, "score 70"]] and "not rated" not in by_goal[2]
    assert "No rated indicator" not in by_goal[2] and "rating-grey" not in str(tiles)
    assert shown.summary.count("No goal is rated here: the source states no thresholds") == 1


def test_the_default_scatter_draws_two_indicators_that_share_wards(bristol):
    """Bristol's Explore scatter opened on Goal 2's food insecurity against pupils' early learning
    (Goal 4), which has no score for any ward in 2021: an empty chart live, in the embed and on the
    static site. It opens on the first pair that shares places in the year; a chosen pair that
    shares none says so, and when they do share some."""
    import pandas as pd

    from views.explore import pairs

    scatter, state, _problems = explore(bristol, view="scatter")
    drawn = sum(len(trace.x) for trace in scatter.figure.data)
    scored = bristol.select("indicator_scores", ["place_id", "indicator_id", "score"], year=state.year)
    both = scored[scored["indicator_id"].isin([state.x, state.y]) & scored["score"].notna()]
    wards = both[both["place_id"] != "gbr-bristol"].groupby("place_id")["indicator_id"].nunique()
    assert drawn == int((wards == 2).sum()) >= pairs.MIN_SHARED
    assert scatter.summary.startswith(f"{drawn} places have scores for both ")
    empty, state, _problems = explore(bristol, view="scatter", x=state.x, y="4-2-1", year=2021)
    assert not sum(len(trace.x) for trace in empty.figure.data)
    assert pd.isna(scored.loc[scored["indicator_id"] == "4-2-1", "score"]).all()
    assert "Pupils achieving" in empty.summary
    assert " share no place with scores in 2021. They share none in any year either." in empty.summary


def test_a_subtitle_names_the_chosen_places_drawn_and_one_place_is_no_ranking(bristol):
    """Bristol chosen with its ward Ashley: Bristol is left out beside its own ward (the summary says
    why) while the subtitle named both over Ashley alone; and the ranking drew Ashley's one thick
    bar. Lines chosen by name are drawn side by side, both named."""
    from layouts import design

    ashley = "gbr-bristol-e05010885"
    goal = bristol.select("goal_scores", ["place_id", "score"], goal=2, year=2021).set_index("place_id")
    for view in ("ranking", "distribution", "table", "scatter"):
        shown = explore(bristol, view=view, places=f"gbr-bristol,{ashley}", year=2021)[0]
        assert shown.subtitle == "Ashley", view
        assert "Bristol as a whole" in shown.summary and "is not drawn" in shown.summary
    ranking = explore(bristol, view="ranking", places=f"gbr-bristol,{ashley}", year=2021)[0]
    assert design.is_sentence(ranking.figure) and not ranking.figure.data
    said = ranking.figure.layout.annotations[0].text.replace("<br>", " ")
    assert said == "A ranking needs two places or more."
    score = goal.at[ashley, "score"]
    assert f"Only Ashley has scores for Goal 2: Zero hunger in 2021: {score:.1f}." in ranking.summary
    trend = explore(bristol, view="trend", places=f"gbr-bristol,{ashley}")[0]
    assert trend.subtitle == "Bristol and Ashley" and len(trend.figure.data) == 2
