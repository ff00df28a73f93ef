"""Explore's rules on tiny inline frames: a whole beside its own parts, lone ranks, a correlation's words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layouts import i18n, place_facts, summaries
from loaders.store import StoreData
from views.explore import build as explore_build
from views.explore import correlation, rows
from views.explore.state import context, parse

# ---------------------------------------------------------------- a city, its districts, another city

DISTRICTS = ("town-north", "town-south", "town-east")


@pytest.fixture(scope="module")
def town() -> StoreData:
    """Town (a whole of 500,000 people, medium) and its three districts (no population: no band),
    and Other (2,000,000: large), all in Europe; Far, a city in Africa. Each has a score and a
    value for two indicators in 2020 and 2021; Town's is the best, so a view that kept it among
    its districts would rank it first."""
    ids = ["town", *DISTRICTS, "other", "far"]
    places = pd.DataFrame({
        "place_id": ids, "name": ["Town", "North", "South", "East", "Other", "Far"],
        "kind": ["city", "district", "district", "district", "city", "city"],
        "parent_id": [None, "town", "town", "town", None, None],
        "country_iso3": ["FRA"] * 5 + ["KEN"],
        "un_region": ["Europe"] * 5 + ["Africa"],
        "un_subregion": ["Western Europe"] * 5 + ["Eastern Africa"],
        "lat": [45.0, 45.1, 44.9, 45.0, 48.0, -1.0], "lon": [5.0, 5.0, 5.0, 5.1, 2.0, 36.0],
        "population": [500_000.0, None, None, None, 2_000_000.0, 300_000.0],
    })
    places["population"] = places["population"].astype("Float64")  # missing as a store reads it
    indicators = pd.DataFrame({"indicator_id": ["a", "b"], "goal": [1, 2], "target": ["1.1", "2.1"],
                               "name": ["Alpha", "Beta"], "unit": ["%", "%"],
                               "direction": ["higher", "higher"], "description": ["", ""]})
    base = dict(zip(ids, (95.0, 60.0, 40.0, 20.0, 70.0, 50.0), strict=True))
    cells = [(place, indicator, year, base[place] + (5 if indicator == "b" else 0) - (2021 - year) * 3)
             for place in ids for indicator in ("a", "b") for year in (2020, 2021)]
    scores = pd.DataFrame(cells, columns=["place_id", "indicator_id", "year", "score"])
    scores = scores.assign(value=scores["score"], value_year=scores["year"], colour="green", arrow="on_track",
                           goal=scores["indicator_id"].map({"a": 1, "b": 2}))
    goal_scores = scores[["place_id", "goal", "year", "score", "colour", "arrow"]]
    index = goal_scores.groupby(["place_id", "year"], as_index=False)["score"].mean()
    index["whole"] = index["place_id"] == "town"
    index["ranked"] = True
    index["rank"] = index.groupby(["year", "whole"])["score"].rank(ascending=False).astype("Int64")
    tables = {"places": places, "indicators": indicators, "observations": scores.head(0),
              "indicator_scores": scores, "goal_scores": goal_scores, "index": index}
    return StoreData(version="town", meta={}, tables=tables)


def shown(store: StoreData, query: dict) -> tuple[list[str], str, list[str]]:
    """(the place ids a view draws and lists, its summary, the ids its download holds)."""
    cat = context(store)
    state = parse({"year": "2021", "from": "2020", "to": "2021", **query}, cat)[0]
    view = explore_build.build(store, state, cat)
    table = view.table.rows["link"].astype(str).str.removeprefix("/city/")
    download = rows.filtered_frame(store, cat, state)["place_id"].astype(str)
    return sorted(set(table)), view.summary, sorted(set(download))


WITH_PARTS = {"": {}, "region": {"region": "Europe"}, "subregion": {"subregion": "Western Europe"},
              "chosen whole and a part": {"places": "town,town-north"},
              "chosen whole, parts and another": {"places": "town,town-north,town-south,other"}}
"""Filters that leave Town beside at least one of its own districts: Town is left out, and said."""
WITHOUT_PARTS = {"size medium": {"band": "medium"}, "chosen whole and another": {"places": "town,other"},
                 "chosen whole alone": {"places": "town"}, "country of Far": {"country": "KEN"}}
"""Filters that leave none of its districts in: Town is compared like any place (or not there)."""
VIEWS = ("ranking", "table", "distribution", "scatter", "trend")


def subject_of(view: str) -> dict:
    """The view, of indicator a (a scatter: a across, b up)."""
    return {"view": view, "x": "a", "y": "b", "indicator": "a" if view != "scatter" else ""}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("name", list(WITH_PARTS))
def test_a_whole_beside_its_own_parts_is_left_out_and_said(town, view, name):
    query = {**subject_of(view), **WITH_PARTS[name]}
    listed, summary, download = shown(town, query)
    assert listed == download and any(d in listed for d in DISTRICTS)
    if view == "trend" and "places" in query:  # lines chosen by name are drawn side by side, unranked
        assert "town" in listed and "as a whole" not in summary
        return
    assert "town" not in listed, (view, name)
    assert "Town as a whole (" in summary, (view, name)
    drawn_only = view in ("scatter", "trend")
    assert ("is not drawn among its own districts." in summary) == drawn_only
    assert ("is not drawn or ranked among its own districts." in summary) == (not drawn_only)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("name", list(WITHOUT_PARTS))
def test_a_whole_without_its_parts_in_view_is_compared_like_any_place(town, view, name):
    query = {**subject_of(view), **WITHOUT_PARTS[name]}
    listed, summary, download = shown(town, query)
    assert "as a whole" not in summary, (view, name)
    assert listed == download
    assert ("town" in listed) == (name != "country of Far"), (view, name)
    assert not any(d in listed for d in DISTRICTS)


def test_the_trend_s_five_best_leave_out_the_whole_and_its_lines_chosen_by_name_keep_it(town):
    listed, summary, _download = shown(town, {"view": "trend", "indicator": "a"})
    assert listed == sorted(["far", "other", *DISTRICTS])  # five best without Town, the best of all
    assert "Town as a whole (95.0) is not drawn among its own districts." in summary
    listed, summary, _download = shown(town, {"view": "trend", "indicator": "a", "places": "town,town-north"})
    assert listed == ["town", "town-north"] and "as a whole" not in summary


def test_the_scatter_s_correlation_counts_the_places_drawn_without_the_whole(town):
    _listed, summary, download = shown(town, {"view": "scatter", "x": "a", "y": "b"})
    assert len(download) == 5 and "over 5 places (correlation 1.00)" in summary


def test_places_without_a_population_have_no_size_band(town):
    bands = context(town).places.set_index("place_id")["band"]
    assert bands[list(DISTRICTS)].isna().all()  # were "metro": a missing Float64 passed the test
    assert bands[["town", "other", "far"]].tolist() == ["medium", "large", "medium"]


def test_the_sentence_says_drawn_where_a_chart_does_not_rank():
    assert summaries.wholes_sentence([("Bristol", 69.7)]) == (
        "Bristol as a whole (69.7) is not drawn or ranked among its own districts.")
    assert summaries.wholes_sentence([("Bristol", "62.9 % across, 79.8 % up")], ranked=False) == (
        "Bristol as a whole (62.9 % across, 79.8 % up) is not drawn among its own districts.")
    assert summaries.wholes_sentence([("A", 1.0), ("B", 2.0)], ranked=False) == (
        "A (1.0) and B (2.0), each as a whole, are not drawn among their own districts.")


# ---------------------------------------------------------------- lone ranks


def test_a_rank_alone_in_its_ranking_of_the_year_is_lone():
    index = pd.DataFrame({
        "place_id": ["city", "d1", "d2", "city", "other", "region", "nowhere"],
        "year": [2020, 2020, 2020, 2021, 2021, 2020, 2020],
        "rank": pd.array([1, 1, 2, 2, 1, 1, None], dtype="Int64"),
        "whole": [True, False, False, False, False, False, False],
    })
    kinds = {"city": "city", "d1": "city", "d2": "city", "other": "city", "region": "region"}
    assert place_facts.lone_ranks(index, kinds).tolist() == [True, False, False, False, False, True, False]
    assert not place_facts.lone_ranks(index.drop(columns="rank"), kinds).any()
    assert place_facts.lone_ranks(index.drop(columns="whole"), kinds).tolist() == [False] * 5 + [True, False]


def test_the_city_page_and_explore_read_lone_ranks_from_one_rule(town, monkeypatch):
    """Both give no rank where `place_facts.lone_ranks` says so: here, told that every rank is alone."""
    every = StoreData("town-lone", {}, dict(town.tables))
    monkeypatch.setattr(place_facts, "lone_ranks", lambda index, _kinds: np.ones(len(index), dtype=bool))
    assert place_facts.index_facts(every, "other", 2021).rank is None
    cat = context(every)
    frame = rows.filtered_frame(every, cat, parse({"view": "table", "year": "2021"}, cat)[0])
    assert frame["rank"].isna().all() and len(frame) == 5
    monkeypatch.undo()
    fresh = StoreData("town-fresh", {}, dict(town.tables))
    assert place_facts.index_facts(fresh, "other", 2021).rank == 1
    assert place_facts.index_facts(fresh, "town", 2021).rank is None  # the one whole of its year


# ---------------------------------------------------------------- a correlation's words


@pytest.mark.parametrize(("r", "key"), [
    (0.0, "none"), (0.004, "none"), (-0.004, "none"), (0.005, "none"), (0.006, "very weak positive"),
    (0.19, "very weak positive"), (0.194, "very weak positive"), (0.195, "weak positive"),
    (0.2, "weak positive"), (0.39, "weak positive"), (0.4, "moderate positive"), (0.5, "moderate positive"),
    (-0.5, "moderate negative"), (0.59, "moderate positive"), (0.595, "strong positive"),
    (0.6, "strong positive"), (0.79, "strong positive"), (0.8, "very strong positive"),
    (-0.8, "very strong negative"), (1.0, "very strong positive"), (-1.0, "very strong negative"),
])
def test_a_correlation_s_strength_follows_the_stated_scale_at_its_boundaries(r, key):
    """Evans' scale on r as written (two decimals, half-even): 0.595 is written 0.60, so strong."""
    assert correlation.strength_key(r) == key


def test_a_correlation_is_said_with_its_n_and_never_as_a_cause():
    said = correlation.strength(0.5, 34)
    assert said == ("The two show a moderate positive relationship over 34 places (correlation 0.50). "
                    "Going together does not show that one causes the other.")
    assert correlation.strength(-0.004, 12).startswith(
        "The two show no linear relationship over 12 places (correlation 0.00).")
    for word in ("because", "leads to", "drives", "effect", "explains"):
        assert word not in said
    with i18n.use("fr"):
        assert "34" in correlation.strength(0.5, 34)


def test_no_correlation_is_said_of_too_few_places_or_a_constant():
    assert correlation.correlation(pd.Series([1.0, 2.0]), pd.Series([3.0, 1.0])) == ""
    assert correlation.correlation(pd.Series([1.0, 1.0, 1.0]), pd.Series([3.0, 1.0, 2.0])) == ""
    assert "over 3 places" in correlation.correlation(pd.Series([1.0, 2.0, 3.0]), pd.Series([3.0, 1.0, 2.0]))
