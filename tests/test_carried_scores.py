"""A goal's or the index's score over time is drawn only in years that bring a value: a year whose
score repeats older values carried forward is left out, and the sentence says so."""

from __future__ import annotations

import pytest

from tests.test_years import explore_store, explore_view


def test_a_goal_trend_leaves_out_a_year_scored_on_older_values_and_says_so():
    """East's 2021 goal score is its 2019 value's, carried forward: drawn, it read as measured."""
    store = explore_store()
    trend = explore_view(store, view="trend", indicator=None, measure="score", places=("w-east", "w-north"))
    assert list(zip(trend.table.rows["Place"], trend.table.rows["Year"], strict=True)) == [
        ("East", 2019), ("North", 2019), ("North", 2021)]
    assert "East: 40.0 in 2019, the only year with a value." in trend.summary
    said = ("Not drawn: 2021, a year in which none of the scored indicators of Goal 16: Peace, justice and "
            "strong institutions has a value of its own; its score only repeats older values.")
    assert said in trend.summary
    alone = explore_view(store, view="trend", indicator=None, measure="score", places=("w-east",))
    assert alone.title.endswith("(scores), 2019") and "2019 to 2019" not in alone.summary + alone.title
    index = explore_view(store, view="trend", goal=None, indicator=None, measure="score", places=("w-east",))
    assert list(index.table.rows["Year"]) == [2019]
    assert "none of the scored indicators has a value" in index.summary


@pytest.mark.realdata
def test_valencia_s_goal_score_is_drawn_in_the_years_its_indicators_were_measured(tmp_path_factory):
    """València's Goal 1 read "77.8 in 2015 to 77.8 in 2021 (unchanged)" (one indicator measured in
    2015, carried to 2021); in this import its scored indicators' last values are of 2019."""
    from dashboard.cli import main
    from loaders import serving
    from loaders.store import Store
    from tests.conftest import REALDATA
    from views.explore import build
    from views.explore import state as explore_state
    from views.explore.text import shared_years

    folder = REALDATA / "valencia-opensdg"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    path = tmp_path_factory.mktemp("valencia-carried") / "store"
    assert main(["import", str(folder), "--store", str(path), "--quiet"]) in (0, 1)
    opened = Store(path)
    served = serving.read_served(opened, opened.current_version())
    cat = explore_state.context(served)
    asked = {"view": "trend", "goal": "1", "places": "esp-valencia", "measure": "score"}
    trend = build.build(served, explore_state.parse(asked, cat)[0], cat)
    scored = served.select("indicator_scores", place_id="esp-valencia")
    scored = scored[(scored["goal"] == 1) & scored["score"].notna() & scored["in_index"].astype(bool)]
    measured = sorted(set(scored.loc[scored["value_year"] == scored["year"], "year"].astype(int)))
    assert sorted(trend.table.rows["Year"]) == measured
    left = sorted(set(scored["year"].astype(int)) - set(measured))
    assert left and f"Not drawn: {shared_years(left)}, " in trend.summary
    assert "(unchanged)" not in trend.summary
