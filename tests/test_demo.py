"""The demonstration data: deterministic, the promised size, schema-true and plausible."""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pandas as pd
import pytest

from loaders import schema
from loaders.demo.build import (
    FIRST_YEAR,
    LATEST_YEAR,
    SEED,
    as_of_date,
    build_demo,
    load_demo_indicators,
    main,
    write_tables,
)
from loaders.demo.projects import FUNDING_SOURCES, PARTNER_SECTORS, PROCUREMENT_METHODS
from loaders.paths import SDG_GOALS_FILE

UN_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"}


@pytest.fixture(scope="module")
def demo():
    return build_demo()


@pytest.fixture(scope="module")
def cities(demo):
    return demo.places[demo.places["kind"] == "city"]


@pytest.fixture(scope="module")
def headline(demo):
    return demo.observations[demo.observations["breakdown"] == ""]


def test_two_builds_are_equal(demo, tmp_path):
    again = build_demo()
    for table in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(demo, table), getattr(again, table))
    assert demo.sources == again.sources and demo.options == again.options
    first = write_tables(demo, tmp_path / "a")
    second = write_tables(again, tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_another_seed_gives_other_values(demo):
    other = build_demo(seed=7)
    assert not other.observations["value"].equals(demo.observations["value"])
    assert other.sources[0]["seed"] == 7


def test_cities_cover_the_world(demo, cities):
    assert 140 <= len(cities) <= 160
    assert set(cities["un_region"]) == UN_REGIONS
    assert cities["un_subregion"].nunique() >= 20
    assert cities[["lat", "lon", "population", "country_iso3"]].notna().all().all()
    assert cities["population"].min() < 300_000 < 5_000_000 < cities["population"].max()
    countries = demo.places[demo.places["kind"] == "country"]
    assert set(countries["country_iso3"]) == set(cities["country_iso3"])
    assert set(cities["parent_id"]) == set(countries["place_id"])
    assert (cities["parent_id"] == cities["country_iso3"].str.lower()).all()
    assert set(demo.places["kind"]) == {"city", "country"}


def test_indicators_cover_every_goal(demo):
    indicators = demo.indicators
    assert 55 <= len(indicators) <= 70
    per_goal = indicators["goal"].value_counts()
    assert set(per_goal.index) == set(range(1, 18)) and per_goal.min() >= 2
    assert set(indicators["direction"]) == set(schema.DIRECTIONS)
    assert indicators["target"].str.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-z])").all()
    coded = indicators.dropna(subset=["un_code"])
    assert len(coded) >= 40
    assert all(
        code.startswith(f"{target}.") for code, target in zip(coded["un_code"], coded["target"], strict=True)
    )


def test_thresholds_run_from_best_to_worst(demo):
    for row in demo.indicators.to_dict("records"):
        steps = [row["best"], row["green_threshold"], row["yellow_threshold"], row["red_threshold"]]
        steps = [s for s in steps if not pd.isna(s)] + [row["worst"]]
        sign = 1 if row["direction"] == "higher" else -1
        assert all(sign * (a - b) > 0 for a, b in zip(steps[:-1], steps[1:], strict=True)), row[
            "indicator_id"
        ]
        if not pd.isna(row["orange_threshold"]):
            assert row["orange_threshold"] == row["red_threshold"]
        if not pd.isna(row["target_value"]):
            assert row["target_year"] == 2030


def test_years_and_gaps(demo, cities, headline):
    assert set(headline["year"]) == set(range(FIRST_YEAR, LATEST_YEAR + 1)) == {*range(2015, 2026)}
    full = len(cities) * len(demo.indicators) * (LATEST_YEAR - FIRST_YEAR + 1)
    assert 0.10 <= 1 - len(headline) / full <= 0.20
    series = headline.groupby(["place_id", "indicator_id"]).size()
    assert len(series) < len(cities) * len(demo.indicators)
    assert set(headline["place_id"]) <= set(cities["place_id"])


def test_breakdowns_are_sex_pairs_of_headline_rows(demo, headline):
    observations = demo.observations
    split = observations[observations["breakdown"] != ""]
    assert set(split["breakdown"]) == {"Sex=Female", "Sex=Male"}
    assert split["indicator_id"].nunique() >= 2
    keys = ["place_id", "indicator_id", "year"]
    assert len(split.merge(headline[keys], on=keys)) == len(split)
    female = split[split["breakdown"] == "Sex=Female"].set_index(keys)["value"]
    male = split[split["breakdown"] == "Sex=Male"].set_index(keys)["value"]
    assert female.index.equals(male.index)


def test_tables_conform_and_keys_are_unique(demo):
    for table in schema.TABLES:
        frame = getattr(demo, table)
        pd.testing.assert_frame_equal(frame, schema.conform(table, frame))
        assert not schema.duplicate_keys(table, frame).any(), table
    assert demo.observations["value"].notna().all()
    assert demo.observations["source"].eq("City SDG Dashboard demonstration data").all()


def test_values_stay_near_their_bounds(demo, headline):
    bounds = demo.indicators.set_index("indicator_id")[["best", "worst"]]
    joined = headline.join(bounds, on="indicator_id")
    score = 100 * (joined["value"] - joined["worst"]) / (joined["best"] - joined["worst"])
    assert score.between(-15, 115).all()
    assert (headline["value"] >= 0).all()
    percent = demo.indicators.loc[demo.indicators["unit"].str.startswith("%"), "indicator_id"]
    assert (demo.observations.loc[demo.observations["indicator_id"].isin(percent), "value"] <= 100).all()


def test_trends_follow_the_reference_list(demo, headline):
    bounds = demo.indicators.set_index("indicator_id")[["best", "worst"]]
    joined = headline.join(bounds, on="indicator_id")
    joined["score"] = 100 * (joined["value"] - joined["worst"]) / (joined["best"] - joined["worst"])
    wide = joined.pivot_table(index=["place_id", "indicator_id"], columns="year", values="score")
    change = (wide[LATEST_YEAR] - wide[FIRST_YEAR]).groupby("indicator_id").mean()
    trend = load_demo_indicators().set_index("indicator_id")["demo_trend"]
    assert (change[trend[trend.isin(["improving", "fast"])].index] > 3).all()
    assert (change[trend[trend == "worsening"].index] < -3).all()
    assert change[trend[trend == "stagnating"].index].abs().max() < 6


def test_richer_regions_score_higher(demo, cities, headline):
    bounds = demo.indicators.set_index("indicator_id")[["best", "worst"]]
    latest = headline[headline["year"] == LATEST_YEAR].join(bounds, on="indicator_id")
    latest = latest.assign(score=(latest["value"] - latest["worst"]) / (latest["best"] - latest["worst"]))
    region = latest["place_id"].map(cities.set_index("place_id")["un_subregion"])
    mean = latest.groupby(region)["score"].mean()
    assert mean["Northern Europe"] > mean["South America"] > mean["Middle Africa"]


def test_projects_have_every_field_filled(demo, cities):
    projects = demo.projects
    assert 280 <= len(projects) <= 320
    assert projects.notna().all().all()
    text = projects.select_dtypes("string")
    assert (text.apply(lambda column: column.str.strip() != "")).all().all()
    assert set(projects["place_id"]) <= set(cities["place_id"])
    assert projects["place_id"].nunique() == len(cities)
    assert projects["theme"].isin(schema.PROJECT_THEMES).all()
    assert set(projects["status"]) == set(schema.PROJECT_STATUSES)
    assert projects["procurement_method"].isin(PROCUREMENT_METHODS).all()
    sep = schema.LIST_SEPARATOR
    for column, vocabulary in (("funding_sources", FUNDING_SOURCES), ("partner_sectors", PARTNER_SECTORS)):
        assert set(projects[column].str.split(sep).explode()) <= set(vocabulary), column
    assert projects["url"].str.startswith("https://example.org/").all()
    assert projects["summary"].str.len().min() > 150 and projects["summary"].nunique() == len(projects)


def test_project_values_are_consistent(demo, cities):
    projects = demo.projects
    sep = schema.LIST_SEPARATOR
    for goals, targets in zip(projects["goals"], projects["targets"], strict=True):
        goal_set = {int(g) for g in goals.split(sep)}
        assert goal_set <= set(range(1, 18))
        assert {int(t.split(".")[0]) for t in targets.split(sep)} <= goal_set
    as_of = as_of_date(SEED).isoformat()
    iso = r"\d{4}-\d{2}-\d{2}"
    for column in ("start_date", "end_date", "last_updated"):
        assert projects[column].str.fullmatch(iso).all()
    assert (projects["start_date"] < projects["end_date"]).all()
    assert (projects["last_updated"] <= as_of).all()
    started = projects["start_date"] <= as_of
    assert (projects.loc[started, "last_updated"] >= projects.loc[started, "start_date"]).all()
    finished = projects["status"].isin(["completed", "stopped"])
    assert (projects.loc[finished, "end_date"] < as_of).all()
    assert (projects.loc[projects["status"].isin(["idea", "planned"]), "start_date"] > as_of).all()
    assert (projects.loc[projects["status"].isin(["idea", "planned"]), "jobs_created"] == 0).all()
    assert (projects["budget_usd"] > 0).all() and (projects["beneficiaries"] > 0).all()
    assert projects["currency"].str.fullmatch(r"[A-Z]{3}").all()
    usd = projects["currency"] == "USD"
    assert (projects.loc[usd, "budget"] == projects.loc[usd, "budget_usd"]).all()
    home = cities.set_index("place_id").loc[projects["place_id"]]
    assert np.abs(projects["lat"].to_numpy(float) - home["lat"].to_numpy(float)).max() < 0.5
    assert np.abs(projects["lon"].to_numpy(float) - home["lon"].to_numpy(float)).max() < 1.0


def test_indicators_have_spanish_and_french_names_and_units(demo):
    indicators = demo.indicators.set_index("indicator_id")
    assert set(indicators["language"]) == {"en"}
    texts = demo.indicator_texts
    assert not schema.duplicate_keys("indicator_texts", texts).any()
    assert len(texts) == 2 * len(indicators)
    for language, rows in texts.groupby("language"):
        rows = rows.set_index("indicator_id")
        assert set(rows.index) == set(indicators.index), language
        assert rows["name"].notna().all() and rows["unit"].notna().all()
        assert (rows["name"] != indicators.loc[rows.index, "name"]).all(), language
        worded = indicators.index[indicators["unit"].str.contains(r"[a-z]{2}")]  # not '%', 'µg/m³'
        same = rows.loc[worded, "unit"] == indicators.loc[worded, "unit"]
        assert set(rows.loc[worded[same], "unit"]) <= {"score (0-100)"}, language  # French 'score'
        assert rows["description"].isna().all()  # English descriptions show the fallback marker
    assert set(texts["language"]) == {"es", "fr"}


def test_source_and_options(demo):
    (source,) = demo.sources
    assert source["name"] == "City SDG Dashboard demonstration data"
    assert source["demo"] is True and source["seed"] == SEED
    assert "GeoNames" in source["licence"] and "CC BY 4.0" in source["licence"]
    assert demo.options == {"goal_colour_rule": "two_worst"}
    assert as_of_date(SEED) == dt.date(2026, 11, 27)
    assert as_of_date(7) > dt.date(LATEST_YEAR, 12, 31)


def test_main_writes_parquet_and_meta(tmp_path, demo):
    assert main(["--out", str(tmp_path)]) == 0
    names = {path.name for path in tmp_path.iterdir()}
    assert names == {f"{t}.parquet" for t in schema.TABLES} | {"meta.json"}
    places = pd.read_parquet(tmp_path / "places.parquet")
    pd.testing.assert_frame_equal(places, demo.places)
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["sources"][0]["demo"] is True
    assert meta["rows"]["projects"] == len(demo.projects)


def test_sdg_goals_reference():
    goals = json.loads(SDG_GOALS_FILE.read_text(encoding="utf-8"))["goals"]
    assert [g["goal"] for g in goals] == list(range(1, 18))
    assert len({g["name"] for g in goals}) == 17
    assert all(re.fullmatch(r"#[0-9A-F]{6}", g["colour"]) for g in goals)
    colours = {g["goal"]: g["colour"] for g in goals}
    assert colours[1] == "#E5243B" and colours[11] == "#FD9D24" and colours[17] == "#19486A"
    assert {g["text_colour"] for g in goals} <= {"#000000", "#FFFFFF"}
