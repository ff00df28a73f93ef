"""The scoring rules on tiny hand-computed frames: bounds, colours, goals, index, trends, progress."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from loaders.scoring import Settings, score_store


def indicator(
    ident: str,
    goal: int = 1,
    direction: str = "higher",
    best: float = 100.0,
    worst: float = 0.0,
    green: float = 80.0,
    red: float = 50.0,
    **extra,
) -> dict:
    return {
        "indicator_id": ident,
        "goal": goal,
        "direction": direction,
        "best": best,
        "worst": worst,
        "green_threshold": green,
        "red_threshold": red,
        **extra,
    }


def run(
    rows: list[tuple], indicators: list[dict], options: dict | None = None, places: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """rows: (place_id, indicator_id, year, value[, breakdown])."""
    obs = pd.DataFrame(
        [r if len(r) == 5 else (*r, "") for r in rows],
        columns=["place_id", "indicator_id", "year", "value", "breakdown"],
    )
    if places is None:
        places = pd.DataFrame({"place_id": sorted(obs["place_id"].unique())})
    return score_store(places, pd.DataFrame(indicators), obs, options or {})


def cell(table: pd.DataFrame, column: str, **keys) -> object:
    mask = np.logical_and.reduce([table[k].astype(str) == str(v) for k, v in keys.items()])
    hits = table.loc[mask, column]
    assert len(hits) == 1, f"{len(hits)} rows for {keys}"
    return hits.iloc[0]


# ---- normalisation and bounds -------------------------------------------------------------


def test_scores_clip_to_0_100_and_invert_for_lower_is_better():
    out = run(
        [("a", "up", 2020, 75), ("a", "down", 2020, 15), ("b", "up", 2020, 120), ("b", "down", 2020, 60)],
        [indicator("up"), indicator("down", direction="lower", best=10, worst=50, green=20, red=40)],
    )
    scores = out["indicator_scores"]
    assert cell(scores, "score", place_id="a", indicator_id="up") == pytest.approx(75.0)
    assert cell(scores, "score", place_id="a", indicator_id="down") == pytest.approx(87.5)
    assert cell(scores, "score", place_id="b", indicator_id="up") == 100.0
    assert cell(scores, "score", place_id="b", indicator_id="down") == 0.0


def test_missing_bounds_come_from_the_data_and_are_stored():
    rows = [(f"p{i:02d}", "up", 2020, float(i)) for i in range(1, 11)]
    rows += [(f"p{i:02d}", "down", 2020, float(i)) for i in range(1, 11)]
    out = run(
        rows,
        [
            indicator("up", best=np.nan, worst=np.nan),
            indicator("down", direction="lower", best=np.nan, worst=np.nan),
        ],
    )
    bounds = out["bounds"].set_index("indicator_id")
    assert bounds.loc["up", "best"] == pytest.approx(8.0)  # mean of 6..10
    assert bounds.loc["up", "worst"] == pytest.approx(1.225)  # 2.5th percentile
    assert bounds.loc["down", "best"] == pytest.approx(3.0)  # mean of 1..5
    assert bounds.loc["down", "worst"] == pytest.approx(9.775)  # 97.5th percentile
    assert set(bounds["bounds_source"]) == {"data"}
    scores = out["indicator_scores"]
    assert cell(scores, "score", place_id="p10", indicator_id="up") == 100.0
    assert cell(scores, "score", place_id="p05", indicator_id="up") == pytest.approx(
        100 * (5 - 1.225) / (8 - 1.225)
    )
    assert cell(scores, "best", place_id="p05", indicator_id="down") == pytest.approx(3.0)


def test_direction_follows_the_bounds_when_metadata_has_none():
    out = run([("a", "x", 2020, 20)], [indicator("x", direction=None, best=10, worst=50)])
    assert out["bounds"].loc[0, "direction"] == "lower"
    assert out["bounds"].loc[0, "direction_source"] == "bounds"


# ---- indicator colours --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "colour"),
    [
        (80, "green"),
        (79.9, "yellow"),
        (65, "yellow"),
        (64.9, "orange"),
        (50, "orange"),
        (49.9, "red"),
    ],
)
def test_indicator_colour_splits_yellow_and_orange_at_the_midpoint(value, colour):
    out = run([("a", "x", 2020, value)], [indicator("x")])
    assert cell(out["indicator_scores"], "colour", indicator_id="x") == colour


@pytest.mark.parametrize(("value", "colour"), [(20, "green"), (21, "yellow"), (35, "orange"), (40.5, "red")])
def test_indicator_colour_for_lower_is_better(value, colour):
    out = run(
        [("a", "x", 2020, value)], [indicator("x", direction="lower", best=10, worst=50, green=20, red=40)]
    )
    assert cell(out["indicator_scores"], "colour", indicator_id="x") == colour


def test_given_yellow_threshold_replaces_the_midpoint_and_no_thresholds_is_grey():
    out = run(
        [("a", "x", 2020, 60), ("a", "y", 2020, 60)],
        [indicator("x", yellow_threshold=55.0), indicator("y", green=np.nan, red=np.nan)],
    )
    assert cell(out["indicator_scores"], "colour", indicator_id="x") == "yellow"
    assert cell(out["indicator_scores"], "colour", indicator_id="y") == "grey"


# ---- goal colours -------------------------------------------------------------------------


def goal_colour(values: list[float], rule: str = "two_worst", extra: list[dict] | None = None) -> str:
    """Colour of goal 1 for place a, one indicator per value (green 80, red 50, 0-100)."""
    inds = [indicator(f"i{k}") for k in range(len(values))] + (extra or [])
    rows = [("a", f"i{k}", 2020, v) for k, v in enumerate(values) if v is not None]
    listed = [i["indicator_id"] for i in inds]
    out = run(rows, inds, {"goal_colour_rule": rule, "index_indicators": listed})
    return cell(out["goal_scores"], "colour", place_id="a", goal=1)


@pytest.mark.parametrize(
    ("values", "colour"),
    [
        ([90, 85, 10, 20], "red"),  # rescaled 2.5, 2.25, 0.2, 0.4: worst two 0.2 and 0.4, both red
        ([90, 85, 95], "green"),  # 2.25 and 2.5 -> 2.375, both green
        ([100, 79, 100], "yellow"),  # 1.967 and 3 -> 2.48 >= 2, but 79 is yellow: not both green
        ([40, 45, 100], "red"),  # 0.8 and 0.9 -> 0.85, both red
        ([10, 64, 100], "orange"),  # 0.2 and 1.467 -> 0.83 < 1, but 64 is orange: not both red
        ([60, 100], "yellow"),  # 1.333 and 3 -> 2.17 >= 2, 60 is orange: yellow
        ([55, 60], "orange"),  # 1.167 and 1.333 -> 1.25: orange
        ([70], "yellow"),  # a single indicator gives its own colour
        ([None, None, 90], "grey"),  # 1 of 3 indicators with data: under half
        ([None, 90, 85], "green"),  # 2 of 3: enough
    ],
)
def test_two_worst_rule(values, colour):
    assert goal_colour(values) == colour


def test_rescale_with_red_threshold_equal_to_the_worst_bound():
    from loaders.scoring.colours import rescale_0_3

    scaled = rescale_0_3(np.array([0.0, -5.0, 40.0, 90.0]), 1.0, 100.0, 0.0, 80.0, 0.0)
    assert scaled.tolist() == pytest.approx([1.0, 0.0, 1.5, 2.5])
    edge = indicator("edge", red=0.0)
    out = run([("a", "edge", 2020, 0.0), ("a", "i0", 2020, 40.0)], [indicator("i0"), edge])
    # edge: 1.0 (orange), i0: 0.8 (red): mean 0.9 -> red band, not both red -> orange
    assert cell(out["goal_scores"], "colour", goal=1) == "orange"


@pytest.mark.parametrize(
    ("values", "colour"),
    [
        ([90, 90, 10], "yellow"),  # 3, 3, 0 -> 2.0; a third red is not more than a third
        ([90, 10, 10], "red"),  # two thirds red
        ([90, 90, 70], "green"),  # 3, 3, 2 -> 2.67
        ([90, 60, 60, 60], "yellow"),  # 3, 1, 1, 1 -> 1.5
        ([90, 60, 60, 60, 60, 60], "orange"),  # 8 / 6 = 1.33
    ],
)
def test_mean_colour_rule(values, colour):
    assert goal_colour(values, rule="mean_colour") == colour


def test_unknown_goal_colour_rule_is_refused():
    with pytest.raises(ValueError, match="goal_colour_rule"):
        Settings.from_options({"goal_colour_rule": "best_two"})


# ---- goal scores, index, coverage, ranks --------------------------------------------------


def test_goal_score_is_the_mean_of_available_indicators_and_index_the_mean_of_goals():
    inds = [indicator("a1", goal=1), indicator("a2", goal=1), indicator("b1", goal=2)]
    out = run([("x", "a1", 2020, 40), ("x", "a2", 2020, 60), ("x", "b1", 2020, 90)], inds)
    goals = out["goal_scores"]
    assert cell(goals, "score", goal=1) == pytest.approx(50.0)
    assert cell(goals, "n_available", goal=1) == 2
    assert cell(out["index"], "score", place_id="x") == pytest.approx(70.0)


def test_all_missing_goal_is_grey_and_left_out_of_the_index():
    inds = [indicator("a1", goal=1), indicator("b1", goal=2), indicator("b2", goal=2)]
    rows = [("x", "a1", 2020, 30), ("y", "a1", 2020, 50), ("y", "b1", 2020, 70), ("y", "b2", 2020, 90)]
    options = {"index_indicators": ["a1", "b1", "b2"]}
    out = run(rows, inds, options)
    goal2 = out["goal_scores"].query("place_id == 'x' and goal == 2").iloc[0]
    assert np.isnan(goal2["score"]) and goal2["colour"] == "grey" and goal2["n_available"] == 0
    assert goal2["n_indicators"] == 2
    x = out["index"].query("place_id == 'x'").iloc[0]
    assert x["score"] == pytest.approx(30.0) and x["coverage"] == pytest.approx(1 / 3)
    assert not x["ranked"] and pd.isna(x["rank"])


def test_ranking_needs_80_percent_of_indicators_and_rank_1_is_best():
    inds = [indicator(f"i{k}", goal=k + 1) for k in range(5)]
    rows = [("full", f"i{k}", 2020, 50) for k in range(5)]
    rows += [("four", f"i{k}", 2020, 90) for k in range(4)]  # 4 of 5 = 80%: ranked
    rows += [("three", f"i{k}", 2020, 99) for k in range(3)]  # 60%: not ranked
    out = run(rows, inds, {"index_indicators": [f"i{k}" for k in range(5)], "index_min_goals": 1})
    index = out["index"].set_index("place_id")
    assert index.loc["four", "coverage"] == pytest.approx(0.8)
    assert index.loc["four", "rank"] == 1 and index.loc["full", "rank"] == 2
    assert not index.loc["three", "ranked"] and pd.isna(index.loc["three", "rank"])


def test_an_index_of_too_few_goals_is_neither_shown_as_ranked_nor_ranked():
    inds = [indicator(f"i{k}", goal=k + 1) for k in range(10)]
    rows = [("wide", f"i{k}", 2020, 50) for k in range(10)] + [("one", "i0", 2020, 90)]
    out = run(rows, inds, {"index_indicators": ["i0"]})  # 100 % coverage of a one-indicator set
    index = out["index"].set_index("place_id")
    assert index.loc["one", "coverage"] == pytest.approx(1.0) and index.loc["one", "n_goals"] == 1
    assert not index.loc["one", "ranked"] and pd.isna(index.loc["one", "rank"])


def test_indicators_under_80_percent_coverage_leave_the_index_without_explicit_lists():
    inds = [indicator("common", goal=1), indicator("rare", goal=1)]
    rows = [(p, "common", 2020, 50) for p in "abcde"] + [("a", "rare", 2020, 100)]
    out = run(rows, inds)
    scores = out["indicator_scores"]
    assert not cell(scores, "in_index", place_id="a", indicator_id="rare")
    assert cell(out["goal_scores"], "score", place_id="a", goal=1) == pytest.approx(50.0)
    assert cell(scores, "colour", place_id="a", indicator_id="rare") == "green"


def test_group_mean_fills_a_missing_goal_from_ranked_peers_of_the_same_group():
    inds = [indicator("a1", goal=1), indicator("b1", goal=2)]
    rows = [
        ("p", "a1", 2020, 40),
        ("p", "b1", 2020, 60),
        ("q", "a1", 2020, 80),
        ("q", "b1", 2020, 100),
        ("r", "a1", 2020, 20),
    ]
    options = {
        "index_indicators": ["a1", "b1"],
        "place_coverage": 0.5,
        "index_min_goals": 1,
        "missing_goal_rule": "group_mean",
        "index_groups": {"p": "G", "q": "G", "r": "G"},
    }
    out = run(rows, inds, options)
    r = out["index"].set_index("place_id").loc["r"]
    assert r["score"] == pytest.approx((20 + (60 + 100) / 2) / 2)
    assert r["n_goals_imputed"] == 1
    assert cell(out["goal_scores"], "score", place_id="r", goal=2) != cell(
        out["goal_scores"], "score", place_id="p", goal=2
    )  # the goal table keeps its own gap


def test_a_landlocked_country_s_goal_14_is_not_scored_and_the_index_fills_it():
    """Mali had a Goal 14 score of 99.8 from 1 of 5 indicators (the ECOWAS workbook holds one value
    of it), which SDSN does not score, and that score raised its index and rank. A landlocked
    country's Goal 14 values now count in no goal score, colour or arrow; the indicator keeps its
    own score and colour; the index takes the group's mean, or the value the source states."""
    inds = [indicator("a1", goal=1), indicator("s1", goal=14), indicator("s2", goal=14)]
    rows = [("mli", "a1", 2020, 40), ("mli", "s1", 2020, 99),
            ("sen", "a1", 2020, 80), ("sen", "s1", 2020, 60), ("sen", "s2", 2020, 40),
            ("gha", "a1", 2020, 60), ("gha", "s1", 2020, 70), ("gha", "s2", 2020, 50)]
    places = pd.DataFrame({"place_id": ["gha", "mli", "sen"], "kind": "country",
                           "country_iso3": ["GHA", "MLI", "SEN"]})
    options = {"index_indicators": ["a1", "s1", "s2"], "place_coverage": 0.3, "index_min_goals": 1,
               "missing_goal_rule": "group_mean", "index_groups": dict.fromkeys(["gha", "mli", "sen"], "G")}
    out = run(rows, inds, options, places)
    goals = out["goal_scores"].set_index(["place_id", "goal"])
    assert pd.isna(goals.loc[("mli", 14), "score"]) and goals.loc[("mli", 14), "colour"] == "grey"
    assert goals.loc[("sen", 14), "score"] == pytest.approx(50)
    assert cell(out["indicator_scores"], "score", place_id="mli", indicator_id="s1") == pytest.approx(99)
    index = out["index"].set_index("place_id")
    assert index.loc["mli", "score"] == pytest.approx((40 + (50 + 60) / 2) / 2)
    assert index.loc["mli", "n_goals_imputed"] == 1
    # its Goal 14 indicators are not missing from its coverage: 1 of 1 that apply, not 1 of 3
    assert (index.loc["mli", "n_indicators"], index.loc["mli", "n_available"]) == (1, 1)
    assert index.loc["mli", "coverage"] == 1.0 and index.loc["sen", "n_indicators"] == 3
    stated = run(rows, inds, {**options, "missing_goal_values": {"G": {"14": 57.5}}}, places)["index"]
    assert stated.set_index("place_id").loc["mli", "score"] == pytest.approx((40 + 57.5) / 2)
    # another group's stated means fill nothing here (one source's means, another source's places)
    other = run(rows, inds, {**options, "missing_goal_values": {"H": {"14": 57.5}}}, places)["index"]
    assert other.set_index("place_id").loc["mli", "score"] == pytest.approx((40 + (50 + 60) / 2) / 2)
    # means stated for 2023 (the workbook's edition) fill 2023's goal, not 2020's
    edition = {**options, "missing_goal_values": {"G": {"14": 57.5}}, "missing_goal_years": {"G": 2023}}
    later = rows + [(place, ind, 2023, value) for place, ind, _, value in rows]
    dated = run(later, inds, edition, places)["index"].set_index(["place_id", "year"])
    assert dated.loc[("mli", 2023), "score"] == pytest.approx((40 + 57.5) / 2)
    assert dated.loc[("mli", 2020), "score"] == pytest.approx((40 + (50 + 60) / 2) / 2)
    # as stored in meta.json and read back (text keys, another order): the same settings
    from loaders.scoring import Settings

    assert Settings.from_options({"missing_goal_years": {"G": "2023"}}).missing_goal_years == {"G": 2023}

    fresh = Settings.from_options({"missing_goal_values": {"G": {2: 1.0, 14: 57.5, 10: 3.0}}})
    stored = Settings.from_options({"missing_goal_values": {"G": {"10": 3.0, "14": 57.5, "2": 1.0}}})
    assert repr(fresh) == repr(stored) and list(stored.missing_goal_values["G"]) == ["2", "10", "14"]
    # not a country (a city in Mali), or a country with a coast: scored as before
    as_cities = run(rows, inds, options, places.assign(kind="city"))["goal_scores"]
    assert cell(as_cities, "score", place_id="mli", goal=14) == pytest.approx(99)


def test_a_city_beside_its_own_districts_is_left_out_of_data_driven_bounds():
    """Valencia's total (19,291) sat among its 19 districts' values (at most 1,536): the best bound
    was the mean of the five largest with it, 5,120, and every district scored a third of its due."""
    inds = [indicator("count", best=None, worst=None, green=None, red=None)]
    districts = [(f"d{n}", "count", 2020, float(v)) for n, v in enumerate([10, 20, 30, 40, 50, 60, 70])]
    rows = [*districts, ("city", "count", 2020, 1000.0)]
    places = pd.DataFrame({"place_id": ["city", *[d[0] for d in districts]],
                           "parent_id": [None, *["city"] * len(districts)]})
    bounds = run(rows, inds, {}, places)["bounds"].set_index("indicator_id").loc["count"]
    assert bounds["best"] == pytest.approx((70 + 60 + 50 + 40 + 30) / 5) and bounds["n_values"] == 7
    pooled = run(rows, inds, {}, places.assign(parent_id=None))["bounds"].set_index("indicator_id")
    assert pooled.loc["count", "best"] == pytest.approx((1000 + 70 + 60 + 50 + 40) / 5)


def test_a_city_is_not_scored_on_a_count_that_is_the_total_of_its_districts():
    """València's 62,663 unemployed (its districts' 1,282 to 6,270 summed) scored 0 against its
    districts' range, and its page called Goal 8 its largest challenge: a whole whose value is the
    total of its parts' has no score on it; a rate, which lies among its parts' values, keeps it,
    and each whole is judged on its own."""
    inds = [indicator("count", goal=8, direction="lower", best=None, worst=None, green=None, red=None),
            indicator("rate", goal=8, best=None, worst=None, green=None, red=None)]
    counts = [10.0, 20.0, 30.0, 40.0, 50.0]
    rates = [40.0, 50.0, 60.0, 70.0, 80.0]
    rows = [(f"d{n}", "count", 2020, c) for n, c in enumerate(counts)]
    rows += [(f"d{n}", "rate", 2020, r) for n, r in enumerate(rates)]
    rows += [("city", "count", 2020, sum(counts)), ("city", "rate", 2020, 61.0)]
    # a second whole whose "count" is a rate above its three parts: not their total, scored
    rows += [("t0", "count", 2020, 5.0), ("t1", "count", 2020, 8.0), ("t2", "count", 2020, 12.0),
             ("town", "count", 2020, 15.0)]
    rows += [(place, "rate", 2020, 50.0) for place in ("t0", "t1", "t2", "town")]
    places = pd.DataFrame({"place_id": ["city", *[f"d{n}" for n in range(5)], "town", "t0", "t1", "t2"],
                           "parent_id": [None, *["city"] * 5, None, *["town"] * 3]})
    out = run(rows, inds, {}, places)
    bounds = out["bounds"].set_index("indicator_id")
    assert bounds["whole_totals"].tolist() == ["city", ""]
    scored = out["indicator_scores"].set_index(["place_id", "indicator_id"])
    assert np.isnan(scored.loc[("city", "count"), "score"]) and scored.loc[("city", "count"), "value"] == 150
    assert scored.loc[("city", "count"), "colour"] == "grey"
    assert not np.isnan(scored.loc[("town", "count"), "score"])
    assert scored.loc[("city", "rate"), "score"] > 0 and scored.loc[("d0", "count"), "score"] == 100
    goal = out["goal_scores"].set_index("place_id").loc["city", "score"]
    assert goal == pytest.approx(scored.loc[("city", "rate"), "score"])  # the rate alone
    # a whole that is not the sum (a partial count, under 80 % of it) is scored as before
    partial = [r for r in rows if r[:2] != ("city", "count")] + [("city", "count", 2020, 60.0)]
    assert not run(partial, inds, {}, places)["bounds"]["whole_totals"].str.len().any()
    # with two parts only, a whole near their sum may be a rate: scored
    two = [r for r in rows if r[0] in ("d0", "d1")]
    two += [("city", "count", 2020, 30.0), ("city", "rate", 2020, 45.0)]
    assert not run(two, inds, {}, places[places["place_id"].isin(["city", "d0", "d1"])])[
        "bounds"]["whole_totals"].str.len().any()
    # without the parts in the store (no parent), nothing is a total
    alone = run(rows, inds, {}, places.assign(parent_id=None))
    assert not alone["bounds"]["whole_totals"].str.len().any()


def test_ranks_compare_places_of_one_kind():
    """SDSN's US workbook with a "United States" row of averages ranked the country 26th among its
    states and Louisiana 51st of 50: a rank counts places of one kind."""
    inds = [indicator("i1")]
    rows = [("s1", "i1", 2020, 90.0), ("s2", "i1", 2020, 50.0), ("s3", "i1", 2020, 10.0),
            ("usa", "i1", 2020, 60.0)]
    places = pd.DataFrame({"place_id": ["s1", "s2", "s3", "usa"], "kind": ["region"] * 3 + ["country"]})
    options = {"index_min_goals": 1}
    ranks = run(rows, inds, options, places)["index"].set_index("place_id")["rank"]
    assert ranks.to_dict() == {"s1": 1, "s2": 2, "s3": 3, "usa": 1}
    alike = run(rows, inds, options, places.assign(kind="region"))["index"].set_index("place_id")["rank"]
    assert alike.to_dict() == {"s1": 1, "usa": 2, "s2": 3, "s3": 4}
    # cities and districts are drawn and listed on one map: one ranking, as the map's list numbers them
    local = places.assign(kind=["district", "city", "district", "country"])
    together = run(rows, inds, options, local)["index"].set_index("place_id")["rank"]
    assert together.to_dict() == {"s1": 1, "s2": 2, "s3": 3, "usa": 1}


def test_a_whole_is_not_ranked_among_its_own_parts():
    """València was ranked 7th among its own 19 districts (each district after it a place lower): a
    place whose parts are ranked in its ranking that year is ranked among such wholes only, its
    parts and the other places without it; a whole with no part ranked that year ranks as before;
    its peers are such wholes too."""
    inds = [indicator("i1")]
    rows = [("d1", "i1", 2020, 90.0), ("d2", "i1", 2020, 50.0), ("d3", "i1", 2020, 10.0),
            ("city", "i1", 2020, 60.0), ("other", "i1", 2020, 70.0), ("town", "i1", 2020, 40.0),
            ("t1", "i1", 2020, 80.0), ("city", "i1", 2021, 60.0), ("other", "i1", 2021, 70.0)]
    places = pd.DataFrame({
        "place_id": ["city", "d1", "d2", "d3", "other", "town", "t1"],
        "kind": ["city", "district", "district", "district", "city", "city", "district"],
        "parent_id": [None, "city", "city", "city", None, None, "town"],
        "un_subregion": ["X"] * 7})
    out = run(rows, inds, {"index_min_goals": 1, "max_data_age": 0}, places)
    index = out["index"].set_index(["year", "place_id"])
    assert index.loc[2020, "rank"].to_dict() == {
        "city": 1, "d1": 1, "d2": 4, "d3": 5, "other": 3, "t1": 2, "town": 2}
    assert sorted(index.loc[2020].index[index.loc[2020, "whole"]]) == ["city", "town"]
    # in 2021 none of its districts is ranked: the city ranks beside the other city, as before
    assert index.loc[2021, "rank"].to_dict() == {"city": 2, "other": 1}
    assert not index.loc[2021, "whole"].any()
    peers = out["peers"].set_index(["year", "place_id", "peer_group"])
    assert peers.loc[(2020, "city", "un_subregion"), ["rank", "n_peers"]].tolist() == [1, 2]
    assert peers.loc[(2020, "d2", "un_subregion"), ["rank", "n_peers"]].tolist() == [4, 5]
    # the rule needs the parent in the same ranking: a region above its cities is not their whole
    regional = run(rows, inds, {"index_min_goals": 1, "max_data_age": 0},
                   places.assign(kind=["region", "city", "city", "city", "city", "region", "city"]))
    assert not regional["index"]["whole"].any()


def test_the_map_and_explore_leave_out_the_wholes_scoring_ranks_apart():
    """The map's and Explore's lists leave wholes out by scoring's own rule (`scores.split_wholes`):
    a city whose only part is a district with neighbourhoods of its own is a whole as the district
    is (the index ranks both apart), where the lists' own rule kept the city among the
    neighbourhoods, since its one part was a whole."""
    from layouts.scores import split_wholes

    inds = [indicator("i1")]
    rows = [("city", "i1", 2020, 60.0), ("d1", "i1", 2020, 55.0), ("n1", "i1", 2020, 90.0),
            ("n2", "i1", 2020, 20.0)]
    places = pd.DataFrame({"place_id": ["city", "d1", "n1", "n2"],
                           "kind": ["city", "district", "district", "district"],
                           "parent_id": [None, "city", "d1", "d1"]})
    index = run(rows, inds, {"index_min_goals": 1, "max_data_age": 0}, places)["index"]
    ranked = index.assign(score=index["score"].where(index["ranked"])).merge(places, on="place_id")
    listed, left_out = split_wholes(ranked, frozenset({"city", "d1"}))
    assert sorted(left_out["place_id"]) == sorted(index.loc[index["whole"], "place_id"]) == ["city", "d1"]
    assert sorted(listed["place_id"]) == ["n1", "n2"]
    twice = pd.concat([ranked, ranked.tail(1)], ignore_index=True)  # a place listed twice is one place
    assert sorted(split_wholes(twice, frozenset({"city", "d1"}))[1]["place_id"]) == ["city", "d1"]


def test_place_groups_choose_their_own_dashboard_indicators():
    inds = [indicator("i1"), indicator("i2")]
    rows = [(p, i, 2020, v) for p in ("member", "other") for i, v in (("i1", 90), ("i2", 10))]
    options = {
        "dashboard_indicators": ["i1", "i2"],
        "place_groups": {"club": {"places": ["member"], "dashboard_indicators": ["i1"]}},
    }
    out = run(rows, inds, options)
    assert cell(out["goal_scores"], "colour", place_id="member", goal=1) == "green"
    assert cell(out["goal_scores"], "colour", place_id="other", goal=1) == "orange"
    assert cell(out["goal_scores"], "score", place_id="member", goal=1) == pytest.approx(50.0)


def test_breakdowns_are_ignored_and_values_carry_forward():
    rows = [("a", "x", 2018, 40), ("a", "x", 2018, 99, "Sex=Female"), ("a", "y", 2020, 60)]
    out = run(rows, [indicator("x"), indicator("y")])
    later = out["indicator_scores"].query("indicator_id == 'x' and year == 2020").iloc[0]
    assert later["value"] == 40 and later["value_year"] == 2018
    aged = run(rows, [indicator("x"), indicator("y")], {"max_data_age": 1})
    assert aged["indicator_scores"].query("indicator_id == 'x' and year == 2020").empty


# ---- trend arrows -------------------------------------------------------------------------

TREND_SERIES = {
    "track": {2015: 50, 2019: 60},  # required (80-50)/15 = 2 a year, observed 2.5
    "moderate": {2015: 50, 2019: 56},  # observed 1.5: above half the required
    "stagnant": {2015: 50, 2019: 52},  # observed 0.5: under half
    "exactly": {2015: 50, 2019: 58},  # observed 2.0 = required: on track
    "under_half": {2015: 50, 2019: 53.2},  # observed 0.8 = 0.4 x required: stagnating
    "falling": {2015: 50, 2019: 48},  # observed -0.5
    "achieved": {2015: 85, 2019: 90},  # at or above the green threshold
    "single": {2019: 60},  # one year: no trend
    "nearby": {2014: 50, 2019: 60},  # 2015 missing: 2014 stands in; 1.875 vs 2.0
    "short": {2012: 50, 2017: 56},  # latest 2017 < 2015 + 3: base 2012; 1.2 vs 1.667
    "stale": {2010: 50, 2016: 60},  # 2016 is 3 years behind the newest year (2019)
}
EXPECTED_ARROWS = {
    "track": "on_track",
    "moderate": "improving",
    "stagnant": "stagnating",
    "exactly": "on_track",
    "under_half": "stagnating",
    "falling": "decreasing",
    "achieved": "maintaining",
    "single": "no_data",
    "nearby": "on_track",
    "short": "improving",
    "stale": "no_data",
}


def test_indicator_arrows_compare_observed_with_required_change():
    rows = [(p, "x", y, v) for p, series in TREND_SERIES.items() for y, v in series.items()]
    out = run(rows, [indicator("x")])
    latest = out["indicator_scores"].query("year == 2019").set_index("place_id")
    assert latest["arrow"].astype(str).to_dict() == EXPECTED_ARROWS
    assert latest.loc["nearby", "trend_base_year"] == 2014
    assert latest.loc["short", "trend_base_year"] == 2012


def test_an_arrow_can_come_from_another_series():
    rows = [("a", "main", 2019, 70), ("a", "series", 2015, 50), ("a", "series", 2019, 60)]
    out = run(rows, [indicator("main"), indicator("series")], {"trend_series": {"main": "series"}})
    assert cell(out["indicator_scores"], "arrow", indicator_id="main", year=2019) == "on_track"


def goal_arrow(series_by_indicator: dict[str, dict]) -> str:
    rows = [("a", i, y, v) for i, series in series_by_indicator.items() for y, v in series.items()]
    inds = [indicator(i) for i in ("t1", "t2", "t3", "t4")]
    out = run(rows, inds, {"index_indicators": ["t1", "t2", "t3", "t4"]})
    return cell(out["goal_scores"], "arrow", goal=1, year=2019)


def test_goal_arrow_averages_indicator_arrows_and_needs_75_percent():
    track, achieved = TREND_SERIES["track"], TREND_SERIES["achieved"]
    moderate, stagnant = TREND_SERIES["moderate"], TREND_SERIES["stagnant"]
    # 3 + 3 (maintaining counts as on track) + 2 + 1 = 9 / 4 = 2.25: improving
    assert goal_arrow({"t1": track, "t2": achieved, "t3": moderate, "t4": stagnant}) == "improving"
    assert goal_arrow({"t1": track, "t2": achieved, "t3": track, "t4": {2019: 1}}) == "on_track"
    falling = TREND_SERIES["falling"]
    assert goal_arrow({"t1": moderate, "t2": stagnant, "t3": falling, "t4": {2019: 1}}) == "stagnating"
    assert goal_arrow({"t1": stagnant, "t2": stagnant, "t3": falling, "t4": falling}) == "decreasing"
    assert goal_arrow({"t1": track, "t2": track, "t3": {2019: 1}, "t4": {2019: 1}}) == "no_data"


# ---- Open SDG progress --------------------------------------------------------------------

PROGRESS_CASES = {
    # place: (series, direction, target, expected status)
    "fast": ({2015: 100, 2020: 110}, "higher", None, "on_track"),  # CAGR 1.92%
    "steady": ({2015: 100, 2020: 104}, "higher", None, "moderate"),  # 0.79%
    "slow": ({2015: 100, 2020: 101}, "higher", None, "limited"),  # 0.20%
    "worse": ({2015: 100, 2020: 95}, "higher", None, "deterioration"),
    "falling": ({2015: 100, 2020: 90}, "lower", None, "on_track"),  # -2.1% wanted
    "towards": ({2015: 100, 2020: 120}, "higher", 200, "moderate"),  # 3.71% / 4.73% = 0.79
    "reached": ({2015: 100, 2020: 210}, "higher", 200, "target_achieved"),
    "one_year": ({2020: 100}, "higher", 200, "unable_to_assess"),
    "from_zero": ({2015: 0, 2020: 5}, "higher", None, "on_track"),  # 0 -> 0.001
    "negative": ({2015: -10, 2020: -5}, "higher", None, "on_track"),  # all negative: flipped
    "mixed": ({2015: -10, 2020: 5}, "higher", None, "unable_to_assess"),
    "later_base": ({2016: 100, 2020: 110}, "higher", None, "on_track"),  # base 2016
    "old_only": ({2012: 100, 2014: 120}, "higher", None, "unable_to_assess"),
}


def test_open_sdg_progress_status():
    rows, inds = [], []
    for place, (series, direction, target, _) in PROGRESS_CASES.items():
        rows += [(place, place, year, value) for year, value in series.items()]
        inds.append(indicator(place, direction=direction, target_value=target, best=np.nan, worst=np.nan))
    progress = run(rows, inds)["progress"]
    latest = progress[
        progress["year"] == progress.groupby("place_id", observed=True)["year"].transform("max")
    ].set_index("place_id")
    assert latest["status"].astype(str).to_dict() == {p: c[3] for p, c in PROGRESS_CASES.items()}
    assert latest.loc["towards", "ratio"] == pytest.approx((1.2**0.2 - 1) / (2 ** (1 / 15) - 1))
    assert latest.loc["later_base", "base_year"] == 2016
    assert latest.loc["fast", "cagr"] == pytest.approx(1.1**0.2 - 1)
    assert latest.loc["from_zero", "cagr"] == pytest.approx((5 / 0.001) ** 0.2 - 1)


# ---- peers --------------------------------------------------------------------------------


def test_an_import_that_changes_nothing_ranks_the_peers_again(tmp_path):
    """An import that changes nothing links every scored table but the peers, which are ranked
    again from the places and the index: a version ranked by older rules (in the five old bands
    "under 100k" ..., or peers of every kind together) would otherwise keep them for good."""
    import os
    import shutil

    from loaders.paths import DEMO_STORE
    from loaders.progress import SILENT
    from loaders.scoring.peers import SIZE_BANDS, peer_table
    from loaders.store import Draft, Store
    from loaders.versioning import write_scores

    shipped = Store(DEMO_STORE, read_only=True)
    previous = tmp_path / "previous"
    shutil.copytree(shipped.version_dir(shipped.current_version()), previous)
    places = pd.read_parquet(previous / "places.parquet")
    expected = peer_table(places, pd.read_parquet(previous / "index.parquet"))
    old_names = {"small": "100k-300k", "medium": "300k-1M", "large": "1M-5M", "metro": "5M and more"}
    old = expected.assign(peer_key=expected["peer_key"].replace(old_names))
    for name, peers_file in (("again", old), ("linked", expected)):
        peers_file.to_parquet(previous / "peers.parquet", index=False)
        folder = tmp_path / name
        folder.mkdir()
        scoring = write_scores({"places": places}, {}, Draft(None, name, folder), previous, False, SILENT)
        assert scoring == {"rescored": [], "linked": True}
        made = pd.read_parquet(folder / "peers.parquet")
        pd.testing.assert_frame_equal(made, expected, check_dtype=False)
        sized = made.loc[made["peer_group"] == "population_band", "peer_key"]
        assert set(sized) <= {key for key, *_ in SIZE_BANDS}
        same_file = os.stat(folder / "peers.parquet").st_ino == os.stat(previous / "peers.parquet").st_ino
        assert not same_file
        assert os.stat(folder / "index.parquet").st_ino == os.stat(previous / "index.parquet").st_ino
        assert os.stat(folder / "index.parquet").st_ino == os.stat(previous / "index.parquet").st_ino


def test_peers_share_a_subregion_or_population_band():
    places = pd.DataFrame(
        {
            "place_id": ["a", "b", "c", "d"],
            "un_subregion": ["X", "X", "X", "Y"],
            "population": [50_000, 2_000_000, 80_000, 90_000],
        }
    )
    rows = [("a", "i", 2020, 70), ("b", "i", 2020, 50), ("c", "i", 2020, 90), ("d", "i", 2020, 10)]
    peers = run(rows, [indicator("i")], {"index_min_goals": 1}, places=places)["peers"]
    peers = peers.set_index(["place_id", "peer_group"])
    assert peers.loc[("c", "un_subregion"), "rank"] == 1
    assert peers.loc[("a", "un_subregion"), "percentile"] == pytest.approx(200 / 3)
    assert peers.loc[("b", "un_subregion"), "n_peers"] == 3
    assert peers.loc[("d", "population_band"), "peer_key"] == "small"  # the bands explore filters by
    assert peers.loc[("d", "population_band"), "n_peers"] == 3
    assert peers.loc[("b", "population_band"), "n_peers"] == 1


def test_a_store_without_usable_observations_gives_empty_tables():
    from loaders import schema

    empty = score_store(schema.empty("places"), schema.empty("indicators"), schema.empty("observations"))
    assert set(empty) == {"indicator_scores", "goal_scores", "index", "progress", "peers", "bounds"}
    assert all(len(table) == 0 for table in empty.values())
    unknown = run([("a", "not-in-the-indicators-table", 2020, 1.0)], [indicator("x")])
    assert unknown["goal_scores"].empty and unknown["index"].empty
    assert cell(unknown["indicator_scores"], "colour", place_id="a") == "grey"


def test_explicit_lists_decide_only_for_indicators_in_their_scope():
    # "listed" comes from a source with a list (its scope); "other" was imported from
    # elsewhere into the same store and follows the 80% coverage rule instead of being dropped.
    rows = [("a", "listed", 2020, 90), ("b", "listed", 2020, 40),
            ("a", "other", 2020, 60), ("b", "other", 2020, 70),
            ("a", "unlisted", 2020, 10), ("b", "unlisted", 2020, 20)]
    indicators = [indicator("listed", goal=1), indicator("other", goal=2),
                  indicator("unlisted", goal=3)]
    options = {"index_indicators": ["listed"], "list_scope": ["listed", "unlisted"]}
    goals = run(rows, indicators, options)["goal_scores"]
    assert cell(goals, "score", place_id="a", goal=1, year=2020) == pytest.approx(90)
    assert cell(goals, "score", place_id="a", goal=2, year=2020) == pytest.approx(60)
    assert goals[(goals["goal"] == 3) & goals["score"].notna()].empty
    without_scope = run(rows, indicators, {"index_indicators": ["listed"]})["goal_scores"]
    assert without_scope[(without_scope["goal"] == 2) & without_scope["score"].notna()].empty
