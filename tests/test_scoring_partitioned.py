"""Scoring one goal at a time from Parquet gives exactly the whole-store results, and an
unchanged goal is copied from the previous version instead of scored again."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks.scoring_speed import synthetic
from loaders import schema
from loaders.scoring import score_store
from loaders.scoring.partition_files import SORT
from loaders.scoring.partitioned import score_to_folder
from tests.conftest import REALDATA

OPTIONS = [
    {"goal_colour_rule": "two_worst"},
    {"goal_colour_rule": "mean_colour", "max_data_age": 3, "trend_series": {"ind-000": "ind-005"}},
    {"missing_goal_rule": "group_mean", "index_groups": "un_subregion", "years": [2016, 2018, 2030],
     "place_groups": {"club": {"places": ["city-00001", "city-00003"],
                               "dashboard_indicators": ["ind-001", "ind-002"]}}},
    {"missing_goal_rule": "group_mean", "index_groups": {f"city-{n:05d}": "G" for n in range(40)},
     "missing_goal_values": {"G": {str(goal): 50.0 + goal for goal in range(1, 18)}},
     "missing_goal_years": {"G": 2015}},  # the year places have goals to fill
]


def as_rows(table: pd.DataFrame, name: str) -> pd.DataFrame:
    table = table.astype({c: str for c in ("place_id", "indicator_id") if c in table})
    keys = SORT.get(name, list(table.columns[:3]))
    return table.sort_values(keys, kind="stable").reset_index(drop=True).astype(object)


def assert_same(whole: dict, folder) -> None:
    for name, expected in whole.items():
        got = pd.read_parquet(folder / f"{name}.parquet")
        assert list(got.columns) == list(expected.columns), name
        left, right = as_rows(got, name), as_rows(expected, name)
        if name == "peers":
            left, right = (t.sort_values(list(t.columns[:3])).reset_index(drop=True) for t in (left, right))
        pd.testing.assert_frame_equal(left, right, check_dtype=False, obj=name)


def observations_file(tmp_path, observations: pd.DataFrame, name="observations.parquet"):
    path = tmp_path / name
    schema.conform("observations", observations).to_parquet(path, index=False)
    return path


@pytest.mark.parametrize("budget", [0, 10**9])
@pytest.mark.parametrize("options", OPTIONS)
def test_partitioned_scores_equal_whole_store_scores(tmp_path, options, budget):
    places, indicators, observations = synthetic(40, 30, 8, seed=3)
    indicators.loc[3, "goal"] = np.nan  # a goal-less indicator is scored too
    observations = observations[~((observations["place_id"] == "city-00002")
                                  & (observations["year"] < 2019))]
    whole = score_store(places, indicators, observations, options)
    out = tmp_path / "out"
    out.mkdir()
    score_to_folder(places, indicators, observations_file(tmp_path, observations), options, out,
                    budget=budget)
    assert_same(whole, out)
    # a goal-less indicator's rows have no goal, and the column stays whole numbers
    assert whole["indicator_scores"]["goal"].dtype == "Int64"
    assert whole["indicator_scores"]["goal"].isna().any()
    import pyarrow.parquet as pq

    assert str(pq.read_schema(out / "indicator_scores.parquet").field("goal").type) == "int64"


def test_a_whole_s_totals_are_left_unscored_alike_by_partitions(tmp_path):
    """A city whose districts are in the store: its counts (the districts' totals) are not scored,
    one goal at a time as in the whole store; and it is ranked apart from them alike."""
    places, indicators, observations = synthetic(12, 6, 3, seed=5)
    parts = places["place_id"].iloc[1:].tolist()
    places = places.assign(parent_id=[None] + [places["place_id"].iloc[0]] * len(parts))
    of_parts = observations[observations["place_id"].isin(parts)]
    summed = of_parts.groupby(["indicator_id", "year"])["value"].sum()
    first = observations["place_id"] == places["place_id"].iloc[0]
    counted = observations["indicator_id"].isin(summed.index.get_level_values(0).unique()[:2]) & first
    keys = pd.MultiIndex.from_frame(observations.loc[counted, ["indicator_id", "year"]])
    observations.loc[counted, "value"] = summed.reindex(keys).to_numpy()
    options = {"index_min_goals": 1, "place_coverage": 0.5}  # the city ranked, as its districts are
    whole = score_store(places, indicators, observations, options)
    assert (whole["bounds"]["whole_totals"] != "").sum() == 2
    index = whole["index"]
    city = (index["place_id"].astype(str) == places["place_id"].iloc[0]) & index["ranked"]
    assert city.any() and index.loc[city, "whole"].all()  # ranked apart from its districts, alike
    out = tmp_path / "out"
    out.mkdir()
    score_to_folder(places, indicators, observations_file(tmp_path, observations), options, out)
    assert_same(whole, out)


def test_an_unchanged_goal_is_copied_and_a_changed_one_rescored(tmp_path):
    places, indicators, observations = synthetic(30, 34, 6, seed=5)
    first, second = tmp_path / "v1", tmp_path / "v2"
    first.mkdir(), second.mkdir()
    score_to_folder(places, indicators, observations_file(tmp_path, observations), {}, first, budget=0)
    changed = observations.copy()
    changed.loc[changed["indicator_id"] == "ind-004", "value"] += 1.0  # goal 5 only
    info = score_to_folder(places, indicators, observations_file(tmp_path, changed, "o2.parquet"), {},
                           second, previous=first, budget=0)
    assert info["rescored"] == ["goal-5"]
    assert_same(score_store(places, indicators, changed, {}), second)


def same_spans(folder, tmp_path) -> None:
    """The value spans and map grid scoring wrote equal those the layout writes from the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from loaders import serving

    again = tmp_path / "again"
    again.mkdir(exist_ok=True)
    for name in ("indicator_scores", "goal_scores", "places"):
        if (folder / f"{name}.parquet").is_file():
            (again / f"{name}.parquet").unlink(missing_ok=True)
            (again / f"{name}.parquet").symlink_to(folder / f"{name}.parquet")
    serving.write_spans(again / "indicator_scores.parquet", again / "spans.parquet")
    written = pq.read_table(folder / serving.FINE / f"{serving.SPANS}.parquet")
    assert written.num_rows > 0
    assert written.equals(pq.read_table(again / "spans.parquet"))
    with pa.memory_map(str(folder / serving.FINE / serving.GRID)) as left_file, \
            pa.memory_map(str(again / serving.GRID)) as right_file:
        left, right = pa.ipc.open_file(left_file), pa.ipc.open_file(right_file)
        assert left.schema.equals(right.schema, check_metadata=True)
        assert left.num_record_batches == right.num_record_batches > 0
        for number in range(left.num_record_batches):
            for name in left.schema.names:
                np.testing.assert_array_equal(left.get_batch(number).column(name).to_numpy(),
                                              right.get_batch(number).column(name).to_numpy())


def test_scoring_writes_the_value_spans_the_layout_would(tmp_path):
    """Scoring counts the map's value spans and grid from each partition as it writes it (first
    scored, then copied from the previous version), and they equal those written from the file; a
    version with places no observation names, years beyond the scored ones and an indicator without
    a goal included. The layout then has no spans left to write."""
    from loaders import serving

    places, indicators, observations = synthetic(30, 34, 6, seed=5)
    indicators.loc[3, "goal"] = np.nan
    first, second = tmp_path / "v1", tmp_path / "v2"
    first.mkdir(), second.mkdir()
    for folder in (first, second):
        places.to_parquet(folder / "places.parquet", index=False)
    score_to_folder(places, indicators, observations_file(tmp_path, observations), {"years": [2030]}, first,
                    budget=0)
    same_spans(first, tmp_path)
    changed = observations.copy()
    changed.loc[changed["indicator_id"] == "ind-004", "value"] += 1.0
    info = score_to_folder(places, indicators, observations_file(tmp_path, changed, "o2.parquet"),
                           {"years": [2030]}, second, previous=first, budget=0)
    assert info["rescored"] == ["goal-5"]  # the other goals' rows were copied, and counted so
    same_spans(second, tmp_path)
    before = (second / serving.FINE / serving.GRID).stat().st_mtime_ns
    serving.write_layout(second)
    assert (second / serving.FINE / serving.GRID).stat().st_mtime_ns == before


SDR = REALDATA / "sdsn-sdr-2019-global" / "2019GlobalIndexResults.xlsx"


@pytest.mark.realdata
@pytest.mark.slow
def test_sdr_2019_partitioned_equals_whole(tmp_path):
    if not SDR.is_file():
        pytest.skip(f"real data file {SDR} is absent")
    from loaders.options import ReadOptions
    from loaders.report import ImportReport
    from loaders.sdsn import reader as sdsn

    bundle, _ = sdsn.load(SDR, ImportReport(), ReadOptions())
    whole = score_store(bundle.places, bundle.indicators, bundle.observations, bundle.options)
    score_to_folder(bundle.places, bundle.indicators, observations_file(tmp_path, bundle.observations),
                    bundle.options, tmp_path, budget=0)
    assert_same(whole, tmp_path)


def test_a_partition_reads_the_row_groups_of_its_indicators_only(tmp_path):
    """Rows of the partition's indicators, from every row group that holds some (the file sorted by
    indicator in small groups), none of the others."""
    from loaders.scoring.partitioned import read_partition

    rows = pd.DataFrame({"place_id": list("abcabcabcab"), "indicator_id": list("xxxyyyzzzzw"),
                         "year": range(2000, 2011), "value": np.arange(11.0), "breakdown": [""] * 11})
    rows = rows.sort_values("indicator_id", kind="stable")
    rows.to_parquet(tmp_path / "observations.parquet", index=False, row_group_size=2)
    found = read_partition(tmp_path / "observations.parquet", ["y", "w"])
    expected = rows[rows["indicator_id"].isin(["y", "w"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(found.astype({c: str for c in ("place_id", "indicator_id", "breakdown")}),
                                  expected)
    assert isinstance(found["indicator_id"].dtype, pd.CategoricalDtype)
    assert read_partition(tmp_path / "observations.parquet", ["q"]).empty


def test_threads_write_the_same_files_as_one_thread(tmp_path, monkeypatch):
    """Partitions scored two at a time are written in their order: the same rows, row groups and
    record of partitions as one thread writes, also when some partitions are copied."""
    import json

    import pyarrow.parquet as pq

    from loaders.scoring import partitioned

    places, indicators, observations = synthetic(30, 34, 6, seed=7)
    source = observations_file(tmp_path, observations)
    changed = observations.copy()
    changed.loc[changed["indicator_id"].isin(["ind-004", "ind-020"]), "value"] += 1.0
    second_source = observations_file(tmp_path, changed, "o2.parquet")
    folders = {}
    for threads in (1, 2):
        monkeypatch.setattr(partitioned, "SCORING_THREADS", threads)
        first, second = tmp_path / f"v1-{threads}", tmp_path / f"v2-{threads}"
        first.mkdir(), second.mkdir()
        score_to_folder(places, indicators, source, {}, first, budget=0)
        info = score_to_folder(places, indicators, second_source, {}, second, previous=first, budget=0)
        assert info["rescored"] == ["goal-4", "goal-5"]
        folders[threads] = (first, second)
    for one, two in zip(folders[1], folders[2], strict=True):
        assert json.loads((one / "scoring.json").read_text()) == \
            json.loads((two / "scoring.json").read_text())
        for name in ("indicator_scores", "progress", "goal_scores", "index", "peers", "bounds"):
            assert pq.read_table(two / f"{name}.parquet").equals(pq.read_table(one / f"{name}.parquet")), name
            assert (pq.ParquetFile(two / f"{name}.parquet").metadata.num_row_groups
                    == pq.ParquetFile(one / f"{name}.parquet").metadata.num_row_groups), name


def test_a_partition_failing_in_a_thread_fails_the_scoring(tmp_path, monkeypatch):
    """The error of a partition scored in a thread reaches the caller, and the partitions after it
    are not scored."""
    from loaders.scoring import partitioned

    places, indicators, observations = synthetic(20, 34, 5, seed=2)
    real, started = partitioned.scored_partition, []

    def scored(obs, meta, *args):
        started.append(sorted(meta["indicator_id"].astype(str)))
        if "ind-010" in started[-1]:
            raise MemoryError("partition of ind-010")
        return real(obs, meta, *args)

    monkeypatch.setattr(partitioned, "scored_partition", scored)
    with pytest.raises(MemoryError, match="ind-010"):
        score_to_folder(places, indicators, observations_file(tmp_path, observations), {}, tmp_path,
                        budget=0)
    failed = next(i for i, ids in enumerate(started) if "ind-010" in ids)
    assert len(started) <= failed + partitioned.SCORING_THREADS
    assert not (tmp_path / ".goal-rows").exists()



@pytest.mark.parametrize("in_flight, most", [(0, 1), (10**9, 2)])
def test_partitions_are_scored_two_at_a_time_only_within_the_row_limit(tmp_path, monkeypatch,
                                                                         in_flight, most):
    """A second partition is scored beside the first only while their rows stay within
    IN_FLIGHT_ROWS (the memory of two large partitions would not fit)."""
    import threading
    import time

    from loaders.scoring import partitioned

    monkeypatch.setattr(partitioned, "IN_FLIGHT_ROWS", in_flight)
    places, indicators, observations = synthetic(20, 34, 5, seed=4)
    real, lock, running, seen = partitioned.scored_partition, threading.Lock(), [0], []

    def scored(*args):
        with lock:
            running[0] += 1
            seen.append(running[0])
        time.sleep(0.05)  # long enough for a second partition to start, if it may
        try:
            return real(*args)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(partitioned, "scored_partition", scored)
    score_to_folder(places, indicators, observations_file(tmp_path, observations), {}, tmp_path, budget=0)
    assert len(seen) == 17 and max(seen) == most


@pytest.mark.parametrize("options", [{}, {"max_data_age": 1}, {"years": [2004, 2011, 2030]}])
def test_the_pass_over_every_observation_counts_what_scoring_counts(tmp_path, monkeypatch, options):
    """`whole_store_frame` (places, years, presence, rows per indicator), read in small batches
    whose dictionaries differ and whose years reach further back and further on batch after
    batch, equals the same facts counted with pandas from the rows: headline rows only, no missing
    or NaN value or year, a place whose values are all missing left out."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from loaders.scoring import whole_store
    from loaders.scoring.settings import Settings

    rows = pd.DataFrame({
        "place_id": ["b", "a", "b", "c", "a", "d", "b", "e", "a", "c", "f", "a"],
        "indicator_id": ["x", "x", "y", "y", "x", "x", "y", "x", "y", "x", "x", "x"],
        "year": [2010, 2012, 2010, 2008, 2005, 2013, 2020, 2011, 2014, None, 2012, 2016],
        "value": [1.0, 2.0, 3.0, np.nan, 5.0, 6.0, 7.0, None, 9.0, 10.0, 11.0, 12.0],
        "breakdown": ["", "", "", "", None, "", "", "", "female", "", "", ""],
    }).astype({"year": "Int64"})
    path = tmp_path / "observations.parquet"
    pq.write_table(pa.Table.from_pandas(rows, preserve_index=False), path, row_group_size=3)
    monkeypatch.setattr(whole_store, "WHOLE_BATCH", 2)
    settings = Settings.from_options(options)
    frame, presence, counts, _imports = whole_store.whole_store_frame(path, settings)

    usable = rows[rows["breakdown"].fillna("").eq("") & rows["year"].notna() & rows["value"].notna()]
    places = sorted(usable["place_id"].unique())
    assert list(frame.places) == places == ["a", "b", "d", "f"]
    observed = sorted(usable["year"].astype(int).unique())
    wanted = sorted(options.get("years", observed))
    assert frame.wanted.tolist() == wanted
    assert frame.span.tolist() == list(range(min(observed + wanted), max(observed + wanted) + 1))
    assert counts.to_dict() == usable.groupby("indicator_id").size().to_dict() == {"x": 6, "y": 2}
    age = options.get("max_data_age")
    for row, place in enumerate(places):
        years = set(usable.loc[usable["place_id"] == place, "year"].astype(int))
        for column, year in enumerate(wanted):
            before = [y for y in years if y <= year]
            expected = bool(before) and (age is None or year - max(before) <= age)
            assert presence[row, column] == expected, (place, year)


def test_the_pass_over_every_observation_reads_ids_and_years_other_writers_stored(tmp_path):
    """Ids stored as numbers or without a dictionary, years stored as floats and a row without an
    indicator (an older or foreign file) are read as the text ids and whole years scoring uses;
    a row without a place counts nowhere."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from loaders.scoring.settings import Settings
    from loaders.scoring.whole_store import whole_store_frame

    path = tmp_path / "observations.parquet"
    pq.write_table(pa.table({
        "place_id": pa.array([20, 3, 20, None], pa.int64()),
        "indicator_id": pa.array(["x", None, "x", "x"], pa.large_string()),
        "year": pa.array([2010.0, 2011.0, 2012.0, 2012.0]),
        "value": [1.0, 2.0, 3.0, 4.0], "breakdown": ["", "", "", ""],
    }), path, use_dictionary=False)
    frame, presence, counts, _imports = whole_store_frame(path, Settings.from_options({}))
    assert list(frame.places) == ["20", "3"] and frame.wanted.tolist() == [2010, 2011, 2012]
    assert presence.tolist() == [[True, True, True], [False, True, True]]
    assert counts.to_dict() == {"x": 2}


def test_scored_files_serve_their_slices_themselves(tmp_path, monkeypatch):
    """indicator_scores and goal_scores are written in row groups that never cut an (indicator or
    goal, year) in two unless longer than a group, and say so; their serving copies by indicator
    (goal) and year are then hard links to them, also after a rescoring that copies partitions."""
    import pyarrow.parquet as pq

    from loaders import serving
    from loaders.serving import runs as serving_runs

    monkeypatch.setattr(serving_runs, "PLACE_ROW_GROUP", 16)  # runs of 12 places: never two in a group
    places, indicators, observations = synthetic(12, 20, 5, seed=4)
    source = observations_file(tmp_path, observations)
    changed = observations.copy()
    changed.loc[changed["indicator_id"] == "ind-004", "value"] += 1.0
    first, second = tmp_path / "v1", tmp_path / "v2"
    first.mkdir(), second.mkdir()
    score_to_folder(places, indicators, source, {}, first, budget=0)
    info = score_to_folder(places, indicators, observations_file(tmp_path, changed, "o2.parquet"), {},
                           second, previous=first, budget=0)
    assert info["rescored"] == ["goal-5"]  # ind-004 is goal 5's; the others were copied
    for folder in (first, second):
        serving.write_layout(folder)
        for name, keys in serving.FINE_KEYS.items():
            main = folder / f"{name}.parquet"
            assert serving.is_aligned(main, keys), name
            assert (folder / serving.FINE / f"{name}.parquet").stat().st_ino == main.stat().st_ino
            assert not serving.is_aligned(folder / serving.BY_PLACE / f"{name}.parquet", keys)
            file = pq.ParquetFile(main)
            groups = [file.read_row_group(g, columns=keys).to_pandas().astype(str)
                      for g in range(file.metadata.num_row_groups)]
            assert max(len(group) for group in groups) <= 16
            holding: dict[tuple, int] = {}
            for group in groups:
                for key in set(map(tuple, group.to_numpy().tolist())):
                    holding[key] = holding.get(key, 0) + 1
            assert holding and set(holding.values()) == {1}, name  # each run in one group
    pd.testing.assert_frame_equal(  # what serving reads by indicator and year is the same as before
        serving.Slicer(second / serving.FINE / "indicator_scores.parquet").select(
            {"indicator_id": ["ind-003"], "year": [2017]}).astype({"place_id": str, "indicator_id": str}),
        pd.read_parquet(second / "indicator_scores.parquet").astype({"place_id": str, "indicator_id": str})
        .query("indicator_id == 'ind-003' and year == 2017").reset_index(drop=True), check_dtype=False)


def test_a_main_file_not_written_aligned_gets_a_fine_copy_of_its_own(tmp_path):
    """A version scored before files said they were aligned (or written by another tool) keeps
    getting its rechunked copy."""
    from loaders import serving

    rows = pd.DataFrame({"indicator_id": ["a", "a", "b"], "year": [2020, 2021, 2020],
                         "place_id": ["p", "p", "q"], "score": [1.0, 2.0, 3.0]})
    source, target = tmp_path / "indicator_scores.parquet", tmp_path / "fine.parquet"
    rows.to_parquet(source, index=False)
    serving.link_or_rechunk(source, target, ["indicator_id", "year"])
    assert target.stat().st_ino != source.stat().st_ino
    pd.testing.assert_frame_equal(pd.read_parquet(target), rows)


def test_two_imports_of_different_places_are_each_scored_as_alone(tmp_path):
    """A 45-city SDSN edition for 2019 beside one UN indicator for 2,000 cities (2016 to 2023) lost
    every score of 2019: each city indicator covered 45 of the year's 102 places with a value (the
    UN's carried forward), under the 80 % rule. Coverage is now counted among each import's places:
    the edition's cities score as they do alone, and the whole-store and partitioned scoring agree."""
    places, indicators, edition = synthetic(12, 34, 1, seed=11)  # one year: 2015
    edition = edition.assign(imported_from="edition.csv")
    edition.loc[edition.index[::50], "imported_from"] = None  # rows an older store kept without their file
    others = pd.DataFrame({"place_id": [f"town-{i:03d}" for i in range(60)]})
    un = pd.DataFrame([(p, "ind-un", year, 10.0 + i % 50, "un.csv") for i, p in enumerate(others["place_id"])
                       for year in (2013, 2014, 2016)],
                      columns=["place_id", "indicator_id", "year", "value", "imported_from"])
    mixed_places = pd.concat([places, others.assign(un_subregion="subregion 1", population=5e4)])
    mixed_indicators = pd.concat([indicators, pd.DataFrame({"indicator_id": ["ind-un"], "goal": [11],
                                                            "direction": ["higher"]})])
    mixed = pd.concat([edition, un.assign(breakdown="")], ignore_index=True)
    alone = score_store(places, indicators, edition, {})
    together = score_store(mixed_places, mixed_indicators, mixed, {})
    mine = together["index"][together["index"]["place_id"].astype(str).str.startswith("city")]
    mine = mine[mine["year"] == 2015].sort_values("place_id").reset_index(drop=True)
    expected = alone["index"].sort_values("place_id").reset_index(drop=True)
    assert mine["ranked"].all() and len(mine) == 12
    pd.testing.assert_series_equal(mine["score"], expected["score"])
    pd.testing.assert_series_equal(mine["rank"].astype(int), expected["rank"].astype(int))
    goals_alone = alone["goal_scores"].sort_values(["place_id", "goal"]).reset_index(drop=True)
    goals_mixed = together["goal_scores"]
    goals_mixed = goals_mixed[goals_mixed["place_id"].astype(str).str.startswith("city")
                              & (goals_mixed["year"] == 2015)].sort_values(["place_id", "goal"])
    assert np.allclose(goals_mixed["score"].to_numpy(float), goals_alone["score"].to_numpy(float),
                       equal_nan=True)
    # the UN's towns: one goal each, no index rank; and one import alone is scored as before
    towns = together["index"][together["index"]["place_id"].astype(str).str.startswith("town")]
    assert not towns["ranked"].any() and towns["score"].notna().any()
    undivided = score_store(places, indicators, edition.drop(columns="imported_from"), {})
    pd.testing.assert_frame_equal(undivided["index"], alone["index"])
    out = tmp_path / "out"
    out.mkdir()
    stored = tmp_path / "stored.parquet"  # as the store writes it: with each row's import
    schema.conform("observations", mixed).assign(imported_from=mixed["imported_from"].to_numpy()).to_parquet(
        stored, index=False)
    score_to_folder(mixed_places, mixed_indicators, stored, {}, out, budget=0)
    assert_same(together, out)


def test_one_dataset_in_several_files_is_judged_as_one():
    """A country's municipalities in one file per region, with the same indicators: one edition,
    whose coverage rule counts every place, as when the same rows come from one file."""
    from loaders.scoring import membership

    places, indicators, observations = synthetic(40, 34, 3, seed=13)
    north = observations["place_id"].isin(places["place_id"][:15])
    split = observations.assign(imported_from=np.where(north, "north.csv", "south.csv"))
    split = split[~((split["imported_from"] == "south.csv") & (split["indicator_id"] == "ind-007"))]
    whole = score_store(places, indicators, split.assign(imported_from="all.csv"), {})
    pd.testing.assert_frame_equal(score_store(places, indicators, split, {})["index"], whole["index"])
    assert membership.editions({"a": {"x", "y"}, "b": {"y"}, "c": {"z"}, "d": {"z", "w"}, "e": set()}) == {
        "a": "a", "b": "a", "c": "c", "d": "c", "e": "e"}
