"""Serving a version in place: slices read from disk equal the in-memory ones, views built from them
are the same, answers are cached per data version (an import is never served stale), and large
tables reach the browser as data rather than as component trees."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from layouts import i18n, maps, scores, static_svg
from layouts.reference import arrow, rating
from layouts.tables import data_table, table_data
from loaders import serving
from loaders.paths import DEMO_STORE
from loaders.serving import layout as serving_layout
from loaders.serving import runs as serving_runs
from loaders.serving import served as serving_served
from loaders.serving import writer as serving_writer
from loaders.store import Store
from tests.components import text, walk
from views import city as city_view
from views import map as map_view
from views.explore import build as explore_build
from views.explore import state as explore_state


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The demo version in memory, and the same version served: without and with the by-place layout."""
    folder = tmp_path_factory.mktemp("served")
    shutil.copytree(DEMO_STORE, folder / "plain")
    shutil.copytree(DEMO_STORE, folder / "laid-out")
    version = Store(DEMO_STORE).current_version()
    written = serving.write_layout(Store(folder / "laid-out").version_dir(version))
    assert written == list(serving.PLACE_TABLES)
    memory = Store(DEMO_STORE).read(version)
    return memory, [serving.read_served(Store(folder / name), version) for name in ("plain", "laid-out")]


def same_rows(left: pd.DataFrame, right: pd.DataFrame, ordered: bool = True) -> None:
    """The same rows (in the same order unless `ordered` is False: a by-place read comes in place
    order, and every view sorts what it shows)."""
    as_text = {c: str for c in left.columns}
    left, right = left.astype(as_text), right.astype(as_text)
    if not ordered:
        left, right = left.sort_values(list(left.columns)), right.sort_values(list(right.columns))
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))


def test_served_slices_equal_the_in_memory_slices(stores):
    memory, served = stores
    places = list(memory.places.loc[memory.places["kind"] == "city", "place_id"][:3])
    indicator = memory.observations["indicator_id"].iloc[0]
    asks = [("goal_scores", {"goal": 6, "year": 2020}),
            ("goal_scores", {"place_id": places[0], "year": 2020}),
            ("goal_scores", {"place_id": places, "year": [2019, 2020]}),
            ("observations", {"place_id": places[1]}),
            ("observations", {"indicator_id": indicator, "place_id": places[0]}),
            ("indicator_scores", {"place_id": places[2]}), ("indicator_scores", {"indicator_id": indicator}),
            ("progress", {"indicator_id": indicator, "year": 2020}), ("goal_scores", {"place_id": "nowhere"}),
            ("goal_scores", {"goal": 99}), ("observations", {"year": "not a year"}),
            ("peers", {"place_id": places[0], "year": 2020}), ("peers", {"place_id": places, "year": 2025})]
    for name, where in asks:
        expected = memory.select(name, **where)
        for store in served:
            same_rows(expected, store.select(name, **where), ordered="place_id" not in where)
    assert len(memory.select("goal_scores", goal=6, year=2020)) > 0
    assert len(memory.select("observations", place_id=places[1])) > 0


def test_a_served_version_keeps_large_tables_on_disk_and_builds_the_same_views(stores):
    memory, served = stores
    place = city_view.context(memory).mapped[0]
    for store in served:
        for goal in ("index", "6"):
            state, _ = map_view.parse({"goal": goal}, store)
            left, right = map_view.build(memory, state), map_view.build(store, state)
            assert (left.title, left.summary) == (right.title, right.summary)
            same_rows(left.table.rows, right.table.rows)
        state, _ = city_view.parse({"place": place}, store)
        for part in (city_view.goals, city_view.trend):
            left, right = part(memory, state), part(store, state)
            assert (left.title, left.summary) == (right.title, right.summary)
            same_rows(left.table.rows, right.table.rows)
        ranking, _ = explore_state.parse({"view": "ranking", "goal": "6"}, explore_state.context(store))
        left, right = explore_build.build(memory, ranking), explore_build.build(store, ranking)
        assert left.summary == right.summary
        same_rows(left.table.rows, right.table.rows)
        loaded = [name for name in serving.LARGE if dict.__contains__(store.tables, name)]
        # a version without the by-place copy of the peers (written before it existed) keeps them
        laid_out = (store.tables.folder / serving.BY_PLACE / "peers.parquet").is_file()
        assert loaded == ([] if laid_out else ["peers"]), f"{loaded} were loaded whole into the worker"
    assert (served[1].tables.folder / serving.BY_PLACE / "peers.parquet").is_file()


def test_the_map_grid_holds_every_goal_score_and_value_span(stores):
    """Each batch of the grid written at import holds, for every place, the goal's score, rating
    colour and trend arrow of the year as goal_scores has them (none where it has no row), and the
    span of value years as the SPANS file has it, for every goal (0: the index) and year."""
    memory, (_plain, laid_out) = stores
    grid = laid_out.map_grid()
    assert grid is not None and set(memory.places["place_id"]) <= set(grid.places)
    spans = pq.read_table(laid_out.tables.folder / serving.FINE / f"{serving.SPANS}.parquet").to_pandas()
    years = sorted(memory.goal_scores["year"].unique())
    checked = 0
    for goal in range(0, 18):
        for year in years:
            cells = grid.cells(goal, year)
            table = memory.goal_scores
            rows = table[(table["goal"] == goal) & (table["year"] == year)]
            at = grid.where(rows["place_id"])
            assert (at >= 0).all()
            np.testing.assert_array_equal(cells["score"][at], rows["score"].to_numpy(float, na_value=np.nan))
            for name in ("colour", "arrow"):
                assert grid.texts(name, cells[name][at]).tolist() == rows[name].astype(object).where(
                    rows[name].notna(), None).tolist()
            others = np.setdiff1d(np.arange(len(grid.places)), at)
            assert np.isnan(cells["score"][others]).all() and (cells["colour"][others] == -1).all()
            known = spans[(spans["goal"] == goal) & (spans["year"] == year)]
            where = grid.where(known["place_id"].astype(str))
            assert (where >= 0).all()
            np.testing.assert_array_equal(cells["first"][where], known["first"].to_numpy())
            np.testing.assert_array_equal(cells["last"][where], known["last"].to_numpy())
            assert np.isnan(cells["first"][np.setdiff1d(np.arange(len(grid.places)), where)]).all()
            checked += len(rows)
    assert checked == len(memory.goal_scores) > 0
    assert grid.cells(18, years[0]) is None and grid.cells(1, years[0] - 1) is None


def test_the_map_is_the_same_with_and_without_the_grid(stores, tmp_path):
    """Every goal's map (figure, summary with its span of value years, ranking and table) built from
    the grid equals the one built by selecting the goal's rows, in each region and language; a
    version written before the grid existed is served by the select."""
    from dash._utils import to_json

    _memory, (_plain, laid_out) = stores
    folder = laid_out.tables.folder
    copy = tmp_path / "store"
    shutil.copytree(folder.parent.parent, copy)
    version = folder.name
    (copy / "versions" / version / serving.FINE / serving.GRID).unlink()
    without = serving.read_served(Store(copy), version)
    assert without.map_grid() is None and laid_out.map_grid() is not None
    for language in ("en", "fr"):
        with i18n.use(language):
            for goal in ("index", "3", "6", "13"):
                for region in ("world", "africa", "europe"):
                    for year in ("2019", "2025"):
                        state, _ = map_view.parse({"goal": goal, "region": region, "year": year}, laid_out)
                        left, right = map_view.build(laid_out, state), map_view.build(without, state)
                        assert (left.title, left.summary) == (right.title, right.summary), (goal, region)
                        assert to_json(left.figure) == to_json(right.figure)
                        assert to_json(left.body) == to_json(right.body)
                        pd.testing.assert_frame_equal(left.table.rows, right.table.rows)


def test_no_grid_is_written_for_goal_scores_the_spans_cannot_hold(stores, tmp_path):
    """A goal score in a year the value spans do not reach (a table not scored from those
    indicator rows) gets no grid (a version without one is served by selecting its rows, as the
    test above shows), rather than a grid that has lost the score; nor does a goal score with
    more ratings than a byte of codes holds. A row without a place, goal or year is left out, as
    a select never finds it."""
    _memory, (_plain, laid_out) = stores
    folder = laid_out.tables.folder
    for name in ("indicator_scores", "goal_scores"):
        shutil.copy(folder / f"{name}.parquet", tmp_path / f"{name}.parquet")
    serving.write_spans(tmp_path / "indicator_scores.parquet", tmp_path / "spans.parquet")
    assert (tmp_path / serving.GRID).is_file()
    (tmp_path / serving.GRID).unlink()
    scores = pq.read_table(tmp_path / "goal_scores.parquet")
    later = scores.slice(0, 1).to_pandas().assign(year=2040)
    pq.write_table(pa.concat_tables([scores, pa.Table.from_pandas(later, schema=scores.schema,
                                                                  preserve_index=False)]),
                   tmp_path / "goal_scores.parquet")
    serving.write_spans(tmp_path / "indicator_scores.parquet", tmp_path / "spans.parquet")
    assert not (tmp_path / serving.GRID).exists()
    rated = scores.to_pandas().copy()
    rated["colour"] = [f"shade {i}" for i in range(len(rated))]  # a rating per row: too many
    pq.write_table(pa.Table.from_pandas(rated, preserve_index=False), tmp_path / "goal_scores.parquet")
    serving.write_spans(tmp_path / "indicator_scores.parquet", tmp_path / "spans.parquet")
    assert not (tmp_path / serving.GRID).exists() and len(rated) > 127
    blanks = scores.to_pandas().astype({"place_id": object, "goal": "Int64"})
    blanks.loc[blanks.index[:3], "place_id"] = None
    blanks.loc[blanks.index[3:5], "goal"] = None
    pq.write_table(pa.Table.from_pandas(blanks, preserve_index=False), tmp_path / "goal_scores.parquet")
    serving.write_spans(tmp_path / "indicator_scores.parquet", tmp_path / "spans.parquet")
    grid = serving.MapGrid(tmp_path / serving.GRID)
    first = scores.slice(0, 1).to_pylist()[0]  # the row that lost its place
    cells = grid.cells(first["goal"], first["year"])
    assert np.isnan(cells["score"][grid.where([first["place_id"]])[0]])
    kept = blanks.iloc[5]
    at = grid.where([kept["place_id"]])[0]
    assert grid.cells(int(kept["goal"]), int(kept["year"]))["score"][at] == kept["score"]
    assert not list(tmp_path.glob("*.partial"))


def test_a_worker_answers_a_repeated_question_from_its_recent_slices(stores, monkeypatch):
    _memory, (_plain, laid_out) = stores
    reads = []
    original = serving.Slicers.select

    def counted(self, *args, **kwargs):
        reads.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(serving.Slicers, "select", counted)
    laid_out.__dict__["recent"].kept.clear()
    place = laid_out.places.loc[laid_out.places["kind"] == "city", "place_id"].iloc[0]
    first = laid_out.select("goal_scores", ["goal", "score"], place_id=place, year=2020)
    first["score"] = -1.0  # a caller changing its answer changes only its own frame
    again = laid_out.select("goal_scores", ["goal", "score"], place_id=place, year=2020)
    assert len(reads) == 1 and len(again) > 0 and (again["score"] != -1.0).all()
    laid_out.select("goal_scores", ["goal", "score"], place_id=place, year=2019)
    assert len(reads) == 2  # another question is read
    monkeypatch.setattr(serving_served, "MEMO_ROWS", 3)
    for _ in range(2):
        laid_out.select("goal_scores", ["goal", "score"], place_id=place, year=2018)
    assert len(reads) == 4  # a slice longer than MEMO_ROWS is not kept


def test_value_spans_written_for_serving_say_what_the_rows_say(stores):
    """The spans of value years written at import give every map state the same span as reading the
    indicator_scores rows: every goal and the index, every year, the world and a region."""
    memory, (plain, laid_out) = stores
    assert plain.value_spans(None, 2020) is None and memory.value_spans(6, 2020) is None
    rows = memory.tables["indicator_scores"]
    counted = rows[rows["in_index"].astype("boolean").fillna(False) & rows["value_year"].notna()]
    checked = 0
    for goal in ("index", *(str(g) for g in range(1, 18))):
        for year in map_view.context(memory).years:
            number = None if goal == "index" else int(goal)
            spans = laid_out.value_spans(number, year)
            mine = counted[counted["year"] == year] if number is None else \
                counted[(counted["year"] == year) & (counted["goal"] == number)]
            expected = mine.groupby(mine["place_id"].astype(str))["value_year"].agg(["min", "max"])
            got = spans.set_index(spans["place_id"].astype(str))[["first", "last"]].sort_index()
            assert got.to_numpy().tolist() == expected.sort_index().to_numpy().tolist()
            for region in ("world", "africa"):
                state, _ = map_view.parse({"goal": goal, "year": str(year), "region": region}, memory)
                left, right = map_view.build(memory, state), map_view.build(laid_out, state)
                assert left.summary == right.summary
                checked += bool(len(spans))
    assert checked > 100


def test_value_spans_of_odd_goals_and_years(tmp_path):
    """Rows without a goal count for the index only; a goal number below 1 is never a goal slot
    (0 is the index's); rows not in the index or without a value year count for nothing."""
    rows = pd.DataFrame({"place_id": ["a", "a", "b", "b", "c"], "goal": [3, None, 0, 3, 3],
                         "year": [2020, 2020, 2021, 2021, 2020], "value_year": [2018, 2015, 2019, None, 2017],
                         "in_index": [True, True, True, True, False]})
    rows.astype({"goal": "Int64"}).to_parquet(tmp_path / "indicator_scores.parquet", index=False)
    serving.write_spans(tmp_path / "indicator_scores.parquet", tmp_path / "spans.parquet")
    spans = pd.read_parquet(tmp_path / "spans.parquet").astype({"place_id": str})
    assert sorted(map(tuple, spans.to_numpy().tolist())) == [
        (0, 2020, "a", 2015.0, 2018.0), (0, 2021, "b", 2019.0, 2019.0), (3, 2020, "a", 2018.0, 2018.0)]


def test_commit_writes_the_serving_layouts(tmp_path):
    memory = Store(DEMO_STORE).read()
    version = Store(tmp_path).write(dict(memory.tables), {"note": "copy"})
    folder = Store(tmp_path).version_dir(version)
    for name in serving.PLACE_TABLES:
        by_place = pd.read_parquet(folder / serving.BY_PLACE / f"{name}.parquet")
        assert len(by_place) == len(memory.tables[name])
        ids = by_place["place_id"].astype(str).to_numpy()
        assert (ids[:-1] <= ids[1:]).all()
    for name in serving.FINE_TABLES:
        fine = pd.read_parquet(folder / serving.FINE / f"{name}.parquet")
        same_rows(pd.read_parquet(folder / f"{name}.parquet"), fine)


def test_layout_files_are_the_same_written_at_once_or_in_turn(tmp_path, monkeypatch):
    """Two threads write the serving copies at once; the files equal those one thread writes, and
    progress counts each file once up to the total."""
    version = Store(DEMO_STORE).current_version()
    found = {}
    for threads in (1, 2):
        monkeypatch.setattr(serving_layout, "LAYOUT_THREADS", threads)
        monkeypatch.setattr(serving_layout, "BUCKET_ROWS", 20_000)  # several buckets per table
        folder = tmp_path / str(threads)
        shutil.copytree(Store(DEMO_STORE).version_dir(version), folder)
        for made in (serving.BY_PLACE, serving.FINE):
            shutil.rmtree(folder / made, ignore_errors=True)
        told: list[tuple[int, int]] = []
        written = serving.write_layout(folder, progress=lambda *step, told=told: told.append(step))
        assert written == list(serving.PLACE_TABLES)
        assert told == [(done, 8) for done in range(9)]
        files = [p for made in (serving.BY_PLACE, serving.FINE) for p in (folder / made).glob("*.parquet")]
        found[threads] = {path.relative_to(folder): pd.read_parquet(path) for path in files}
    assert len(found[1]) == 8 and found[1].keys() == found[2].keys()
    for path, rows in found[1].items():
        pd.testing.assert_frame_equal(rows, found[2][path])


def test_a_failed_layout_file_fails_the_layout_without_starting_the_rest(tmp_path, monkeypatch):
    """The error reaches the import (which then keeps no version); files not yet started are not."""
    version = Store(DEMO_STORE).current_version()
    folder = tmp_path / "v"
    shutil.copytree(Store(DEMO_STORE).version_dir(version), folder)
    for made in (serving.BY_PLACE, serving.FINE):
        shutil.rmtree(folder / made, ignore_errors=True)
    monkeypatch.setattr(serving_layout, "LAYOUT_THREADS", 1)
    started = []

    def failing(source, target, keys):
        started.append(source.name)
        raise OSError("No space left on device")

    monkeypatch.setattr(serving_layout, "write_sorted", failing)
    with pytest.raises(OSError, match="No space"):
        serving.write_layout(folder)
    assert len(started) == 1 and not (folder / serving.FINE / f"{serving.SPANS}.parquet").exists()


@pytest.mark.parametrize("bucket_rows", [3, 1_000])
def test_by_place_rows_are_sorted_like_pandas_sorts_them(tmp_path, monkeypatch, bucket_rows):
    """In one bucket or many (spooled), by text keys' codes: the order pandas gives, missing
    breakdowns after the others, an empty table stays empty."""
    monkeypatch.setattr(serving_layout, "BUCKET_ROWS", bucket_rows)
    rows = pd.DataFrame({"place_id": ["b", "a", "c", "a", "b", "a", "c", "a"],
                         "indicator_id": ["x", "y", "x", "x", "y", "x", "x", "x"],
                         "year": [2020, 2019, 2021, 2021, 2018, 2019, 2020, 2019],
                         "breakdown": ["f", "m", None, None, "", "f", "m", "f"],
                         "value": np.arange(8.0)})
    rows.astype({"place_id": "category"}).to_parquet(tmp_path / "observations.parquet", index=False)
    keys = serving.PLACE_KEYS["observations"]
    serving.write_sorted(tmp_path / "observations.parquet", tmp_path / "sorted.parquet", keys)
    found = pd.read_parquet(tmp_path / "sorted.parquet").astype({"place_id": str})
    expected = rows.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)
    # text read as codes goes back as text; a dictionary column stays one
    assert pq.read_schema(tmp_path / "sorted.parquet").equals(
        pq.read_schema(tmp_path / "observations.parquet"))
    assert not list(tmp_path.glob("*.spool"))
    rows.head(0).to_parquet(tmp_path / "empty.parquet", index=False)
    serving.write_sorted(tmp_path / "empty.parquet", tmp_path / "empty-sorted.parquet", keys)
    assert pd.read_parquet(tmp_path / "empty-sorted.parquet").empty


def test_buckets_cut_by_the_stores_places_sort_like_pandas_and_stay_bounded(tmp_path, monkeypatch):
    """The store's places cut the buckets (the file's own ids are not read); places without rows
    (most of them here) leave the first few buckets with every row, which are cut again by their
    own ids: the file is sorted as before, and no piece sorted at once holds much more than a
    bucket's rows."""
    monkeypatch.setattr(serving_layout, "BUCKET_ROWS", 50)

    def not_read(source):
        raise AssertionError(f"{source} was read for its place ids")

    monkeypatch.setattr(serving_layout, "place_names", not_read)
    rng = np.random.default_rng(5)
    busy = [f"p{n:03d}" for n in range(3, 40)]  # every row's place sorts among the first few
    ids = rng.choice(busy, 2_000)
    rows = pd.DataFrame({"place_id": ids, "indicator_id": rng.choice(["x", "y", "z"], 2_000),
                         "year": rng.integers(2000, 2025, 2_000), "value": rng.normal(size=2_000)})
    rows.to_parquet(tmp_path / "indicator_scores.parquet", index=False)
    places = [*busy, *(f"q{n:04d}" for n in range(400))]  # 400 places with no rows, after them
    pd.DataFrame({"place_id": places[::-1]}).to_parquet(tmp_path / "places.parquet", index=False)
    assert serving.store_places(tmp_path / "indicator_scores.parquet").tolist() == sorted(places)
    sizes: list[int] = []
    real = serving.pieces

    def measured(table, limit):
        for piece in real(table, limit):
            sizes.append(piece.num_rows)
            yield piece

    monkeypatch.setattr(serving_layout, "pieces", measured)
    keys = serving.PLACE_KEYS["indicator_scores"]
    serving.write_sorted(tmp_path / "indicator_scores.parquet", tmp_path / "sorted.parquet", keys)
    found = pd.read_parquet(tmp_path / "sorted.parquet")
    expected = rows.sort_values(keys, kind="stable").reset_index(drop=True)
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)
    largest = rows["place_id"].value_counts().max()
    assert sum(sizes) == len(rows) and max(sizes) <= 50 + largest and len(sizes) > 10


def test_a_bucket_is_cut_into_pieces_of_whole_places_in_order():
    table = pa.table({"place_id": pa.array(["c", "a", "b", "a", None, "c", "b", "a"]).dictionary_encode(),
                      "value": pa.array(range(8))})
    assert [t.num_rows for t in serving.pieces(table, 4)] == [8]  # up to twice the rows: whole
    cut = [t.column("place_id").to_pylist() for t in serving.pieces(table, 2)]
    assert cut == [["a", "a", "a"], ["b", "b"], ["c", "c"], [None]]


def test_numbers_at_once_equal_numbers_one_by_one():
    rng = np.random.default_rng(3)
    values = [*rng.uniform(-20, 2000, 3000), 0.05, 0.15, 0.25, 0.35, 2.675, 999.95, -0.04, 0.0, np.nan, None]
    for language in ("en", "es", "fr"):
        with i18n.use(language):
            for digits in (0, 1):
                assert i18n.numbers(values, digits) == [i18n.number(v, digits) for v in values]


def test_hover_labels_say_each_place_s_name_score_rating_and_trend(stores):
    memory, _ = stores
    frame = scores.place_scores(memory, 6, 2020).dropna(subset=["lat", "lon"])
    with i18n.use("fr"):
        figure = maps.place_map(frame, "", by_rating=True)
        said = {row[0]: label for trace in figure.data
                for row, label in zip(trace.customdata, static_svg.point_texts(trace), strict=True)}
        assert len(said) == len(frame)
        for row in frame.head(20).itertuples():
            score = (i18n._("Score: {score} / 100").format(score=i18n.number(row.score))
                     if row.score == row.score else i18n._("Score: no data"))
            assert said[row.place_id].split("<br>") == [
                row.name, score, i18n._("Rating: {rating}").format(rating=rating(row.colour)),
                i18n._("Trend: {trend}").format(trend=" ".join(arrow(row.arrow))) + "<extra></extra>"]


def test_table_data_shows_what_the_html_table_shows(stores):
    memory, _ = stores
    state, _ = map_view.parse({"goal": "6"}, memory)
    table = map_view.build(memory, state).table
    with i18n.use("fr"):
        html_table = data_table(table.rows, table.caption, links=table.links)
        payload = table_data(table.rows, table.caption, links=table.links)
    body = [node for node in walk(html_table) if getattr(node, "tag", "") == "tbody"][0]
    cells = [[text(cell) for cell in row.children] for row in body.children]
    assert payload["rows"] == cells
    assert payload["columns"] == [c for c in table.rows.columns if c not in table.links.values()]
    links = [cell.children[0].href for row in body.children for cell in row.children[:1]]
    assert payload["links"]["0"] == links and links[0].endswith("lang=fr")


def dash_request(client, output_part: str, values: dict) -> dict:
    dependency = next(d for d in client.get("/_dash-dependencies").get_json() if output_part in d["output"])
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True))
               for o in dependency["output"].strip(".").split("...")]
    inputs = [{**i, "value": values.get(i["id"])} for i in dependency["inputs"]]
    return {"output": dependency["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": inputs, "state": [],
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]}


def test_the_map_sends_its_table_as_data_and_only_when_asked(app):
    client = app.server.test_client()
    body = dash_request(client, "map-graph.figure", {"map-goal": "6", "map-year": 2020, "map-view": "places"})
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200 and "map-table-data" not in answer.get_json()["response"]
    query = answer.get_json()["response"]["map-state"]["data"]
    asked = dash_request(client, "map-table-data.data", {"map-table-ask": query})
    answer = client.post("/_dash-update-component", json=asked)
    assert answer.status_code == 200
    table = answer.get_json()["response"]["map-table-data"]["data"]
    assert table["columns"][0] == "Place" and len(table["rows"]) > 100 and table["query"] == query
    assert table["caption"] == "Places by score: Goal 6: Clean water and sanitation, 2020"
    assert all(isinstance(text, str) for row in table["rows"] for text in row)
    assert '"type": "Tr"' not in json.dumps(answer.get_json()) and '"Td"' not in answer.get_data(as_text=True)


def test_an_import_is_never_served_stale(tmp_path, monkeypatch):
    from dashboard import cache as shared
    from dashboard.app import create_app

    shutil.copytree(DEMO_STORE, tmp_path / "store")
    store = Store(tmp_path / "store")
    monkeypatch.setenv("CITY_SDG_STORE", str(store.root))
    app = create_app(str(store.root))
    client = app.server.test_client()
    body = dash_request(client, "map-graph.figure", {"map-goal": "6", "map-year": 2020, "map-view": "places"})
    answer = client.post("/_dash-update-component", json=body)
    first = answer.get_data(as_text=True)
    answer.close()  # sent: a server closes it, and the answer is then written to the cache
    old = store.current_version()
    state = map_view.State("6", 2020, "places")
    with app.server.app_context():
        assert shared.cache.get(shared.key("map-view", old, "en", shared.state_pairs(state))) is not None
    before = answer.get_json()["response"]
    again = client.post("/_dash-update-component", json=body).get_json()["response"]
    for output in ("map-title", "map-summary", "map-state"):
        assert again[output] == before[output]
    assert again["map-graph"]["figure"]["data"] == before["map-graph"]["figure"]["data"]

    tables = dict(store.read().tables)
    tables["places"] = tables["places"].assign(name="Renamed " + tables["places"]["name"])
    new = store.write(tables, {"note": "renamed places"})
    assert new != old
    second = client.post("/_dash-update-component", json=body).get_data(as_text=True)
    assert "Renamed " in second and "Renamed " not in first


def test_row_groups_touched_by_many_values_are_those_one_by_one_finds():
    """A region's thousands of place ids are looked up in sorted order; the groups found must be
    those that comparing each value with each group's min and max finds."""
    rng = np.random.default_rng(3)
    ids = np.array(sorted(f"city-{n:05d}" for n in rng.choice(100_000, 4_000, replace=False)), dtype=object)
    lows, highs = ids[::40], ids[39::40]
    lows = lows[:len(highs)]
    for size in (3, 9, 500):
        values = [str(v) for v in rng.choice(ids, size)] + ["zzz", "a"]
        slow = np.zeros(len(lows), dtype=bool)
        for value in values:
            slow |= (lows <= value) & (value <= highs)
        assert (serving.touched(lows, highs, values) == slow).all()
    assert not serving.touched(lows, highs, [1, 2, 3] * 5).any()  # another type: nothing matches


def test_row_groups_hold_whole_runs_and_cut_only_a_run_longer_than_a_group():
    starts = np.array([0, 3, 5, 9, 30, 31])  # runs of 3, 2, 4, 21, 1 and 2 rows: 33 rows
    assert serving.group_starts(starts, 33, 10) == [0, 9, 19, 29]  # the long run's end joins the last
    assert serving.group_starts(np.array([0]), 0, 10) == [0]
    assert serving.group_starts(np.array([0, 5]), 8, 10) == [0]


def test_a_fine_copy_reads_an_indicator_s_year_from_one_row_group(tmp_path, monkeypatch):
    """Written from batches whose ends fall inside runs, the copy has the same rows in the same
    order, and each (indicator, year) lies in one row group unless longer than a group."""
    monkeypatch.setattr(serving_runs, "PLACE_ROW_GROUP", 7)
    rows = pd.DataFrame({"indicator_id": ["a"] * 6 + ["b"] * 9 + ["c"] * 4,
                         "year": [2020] * 3 + [2021] * 3 + [2020] * 9 + [2020, 2020, 2021, 2021],
                         "place_id": [f"p{i}" for i in range(19)], "score": np.arange(19.0)})
    source, target = tmp_path / "indicator_scores.parquet", tmp_path / "fine.parquet"
    rows.to_parquet(source, index=False)
    serving.rechunk(source, target, ["indicator_id", "year"])  # batches of 56 rows: one batch
    pd.testing.assert_frame_equal(pd.read_parquet(target).astype({"indicator_id": str}),
                                  rows.astype({"indicator_id": str}), check_dtype=False)
    file = pq.ParquetFile(target)
    groups = [file.read_row_group(g).to_pandas() for g in range(file.metadata.num_row_groups)]
    assert [len(g) for g in groups] == [6, 7, 6]  # b's 9 rows of 2020 cut at 7, its end beside c
    for key, part in rows.groupby(["indicator_id", "year"]):
        holding = [g for g, group in enumerate(groups)
                   if ((group["indicator_id"].astype(str) == key[0]) & (group["year"] == key[1])).any()]
        assert len(holding) == (2 if len(part) > 7 else 1), key
    streamed = tmp_path / "streamed.parquet"
    with pq.ParquetWriter(streamed, pa.Table.from_pandas(rows, preserve_index=False).schema) as out:
        table = pa.Table.from_pandas(rows, preserve_index=False)
        serving.write_aligned(out, [table.slice(0, 4), table.slice(4, 8), table.slice(12)],
                              ["indicator_id", "year"])
    assert pq.ParquetFile(streamed).metadata.num_row_groups == 3
    assert pd.read_parquet(streamed)["score"].tolist() == rows["score"].tolist()


def test_a_by_place_copy_keeps_each_place_in_one_row_group_sized_by_the_store(tmp_path, monkeypatch):
    """A small store's by-place file has small groups (a city page decodes less), a big one's stay
    at PLACE_ROW_GROUP (its footer small); each place's rows lie in one group, in either case, and
    in several buckets."""
    assert serving.place_row_group(600_000) == serving_layout.SMALLEST_PLACE_GROUP
    assert serving.place_row_group(25_000_000) == serving_runs.PLACE_ROW_GROUP
    assert serving.place_row_group(5_000_000) == 4_883
    monkeypatch.setattr(serving_layout, "SMALLEST_PLACE_GROUP", 10)
    monkeypatch.setattr(serving_layout, "PLACE_GROUPS", 4)
    monkeypatch.setattr(serving_layout, "BUCKET_ROWS", 20)
    rng = np.random.default_rng(3)
    places = rng.choice([f"p{i:02d}" for i in range(12)], 70)  # 70 rows: groups of at most 18
    rows = pd.DataFrame({"place_id": places, "indicator_id": rng.choice(["a", "b", "c"], 70),
                         "year": rng.integers(2015, 2020, 70), "score": np.arange(70.0)})
    source, target = tmp_path / "indicator_scores.parquet", tmp_path / "by_place.parquet"
    rows.to_parquet(source, index=False)
    serving.write_sorted(source, target, ["place_id", "indicator_id", "year"])
    file = pq.ParquetFile(target)
    groups = [file.read_row_group(g).to_pandas() for g in range(file.metadata.num_row_groups)]
    assert max(len(g) for g in groups) <= 18 and sum(len(g) for g in groups) == 70
    for place in set(places):
        assert sum((g["place_id"] == place).any() for g in groups) == 1, place
    back = pd.concat(groups, ignore_index=True)
    assert back["place_id"].is_monotonic_increasing
    assert sorted(back["score"]) == list(np.arange(70.0))


@pytest.mark.parametrize("compressed", [False, True])
def test_place_slices_answer_as_the_by_place_parquet_file(tmp_path, monkeypatch, compressed):
    """The SLICES file written beside a by-place file gives the same frames for any question by up
    to MAX_BY_PLACE places (other columns filtered, columns chosen, a place it lacks), written in
    one piece or from buckets whose dictionaries differ (the file keeps one), uncompressed or in
    LZ4, with a place longer than a batch continuing into the next batches."""
    monkeypatch.setattr(serving_layout, "SMALLEST_PLACE_GROUP", 10)
    monkeypatch.setattr(serving_layout, "PLACE_GROUPS", 4)
    monkeypatch.setattr(serving_writer, "SLICE_BATCH", 8)
    if compressed:
        monkeypatch.setattr(serving_writer, "UNCOMPRESSED_SLICES", 0)
    made = []

    class Kept(serving.SliceWriter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(serving_layout, "SliceWriter", Kept)
    rng = np.random.default_rng(5)
    places = [f"p{i:02d}" for i in range(12)]
    picked = rng.choice(places[1:], 90).tolist() + ["p00"] * 20  # p00: 20 rows, more than a batch
    rows = pd.DataFrame({
        "place_id": pd.Categorical(picked + [None]), "indicator_id": rng.choice(["a", "b", "c"], 111),
        "year": rng.integers(2015, 2020, 111),
        "score": np.where(rng.random(111) < 0.1, np.nan, rng.random(111)),
        "colour": pd.Categorical(rng.choice(["red", "green", None], 111))})
    source = tmp_path / "indicator_scores.parquet"
    rows.to_parquet(source, index=False)
    for buckets in (False, True):
        monkeypatch.setattr(serving_layout, "BUCKET_ROWS", 25 if buckets else 1_000)
        target = tmp_path / f"by_place_{buckets}.parquet"
        serving.write_sorted(source, target, ["place_id", "indicator_id", "year"])
        slices, parquet = serving.PlaceSlices(target.with_suffix(serving.SLICES)), serving.Slicer(target)
        assert slices.reader.get_batch(0).num_rows <= 8 and set(slices.at) == {*places, None}
        assert made[-1].compression == ("lz4" if compressed else None)
        for asked in (["p00"], ["p03"], ["p05", "p01", "p00"], ["nowhere"], ["p02", "nowhere"]):
            for extra, columns in (({}, None), ({"year": [2016, 2018]}, None),
                                   ({"colour": ["red"]}, ["score"]), ({}, ["year", "place_id"])):
                where = {"place_id": asked, **extra}
                expected, found = parquet.select(where, columns), slices.select(where, columns)
                if len(expected):
                    pd.testing.assert_frame_equal(found, expected)
                else:
                    assert found.empty and list(found.columns) == list(expected.columns)
        assert slices.select({"place_id": ["p00"]})["score"].size == 20


def test_place_slices_of_buckets_with_different_dictionaries_hold_the_same_values(tmp_path, monkeypatch):
    """Written from buckets whose dictionaries differ (each row group of the source its own, as a
    copied scoring partition has), the SLICES file puts every bucket's codes on one dictionary, and
    each place's values are the Parquet copy's. Which dictionary columns come back as text and
    which as categories follows the dictionary's size (`plain_codes`), which here is the whole
    file's, not the bucket's: the values are compared."""
    def part(places: list[str], indicators: list[str]) -> pa.Table:
        rows = [(p, i, y) for i in indicators for y in (2019, 2020) for p in places]
        return pa.table({"place_id": pa.array([r[0] for r in rows]).dictionary_encode(),
                         "indicator_id": pa.array([r[1] for r in rows]).dictionary_encode(),
                         "year": pa.array([r[2] for r in rows], pa.int64())})

    first, second = part([f"a{i}" for i in range(10)], ["i1", "i2", "i3"]), part(
        [f"b{i}" for i in range(10)], ["i4", "i5", "i6", "i7"])
    source = tmp_path / "indicator_scores.parquet"
    with pq.ParquetWriter(source, first.schema) as out:
        out.write_table(first)
        out.write_table(second)
    monkeypatch.setattr(serving_layout, "BUCKET_ROWS", 50)
    monkeypatch.setattr(serving_layout, "SPOOL_BATCH", 60)  # a spooled table per row group: two dictionaries
    moved = []
    original = serving.SliceWriter.on_one_dictionary

    def spied(self, table):
        before = {name: table[name].chunk(0).dictionary for name in ("indicator_id",)}
        after = original(self, table)
        moved.append(not after["indicator_id"].chunk(0).dictionary.equals(before["indicator_id"]))
        return after

    monkeypatch.setattr(serving.SliceWriter, "on_one_dictionary", spied)
    target = tmp_path / "by_place.parquet"
    serving.write_sorted(source, target, ["place_id", "indicator_id", "year"])
    assert any(moved)  # a bucket's codes were put on the file's dictionary
    slices, parquet = serving.PlaceSlices(target.with_suffix(serving.SLICES)), serving.Slicer(target)
    for asked in (["a1"], ["b1"], ["a1", "a2"], ["b3", "a0"]):
        found, expected = slices.select({"place_id": asked}), parquet.select({"place_id": asked})
        assert found.astype(object).values.tolist() == expected.astype(object).values.tolist()


def test_a_version_without_place_slices_or_with_a_damaged_one_is_served_from_parquet(tmp_path):
    """A version written before SLICES existed, or whose SLICES file is cut short, answers by place
    from its by-place Parquet files, the same rows."""
    version = Store(DEMO_STORE).current_version()
    shutil.copytree(DEMO_STORE, tmp_path / "store")
    folder = Store(tmp_path / "store").version_dir(version)
    serving.write_layout(folder)
    place = Store(DEMO_STORE).read(version).places.query("kind == 'city'")["place_id"].iloc[0]
    served = serving.read_served(Store(tmp_path / "store"), version)
    expected = served.select("indicator_scores", place_id=place)
    assert isinstance(served.slicers.get("indicator_scores", "slices"), serving.PlaceSlices)
    sliced_file = folder / serving.BY_PLACE / f"indicator_scores{serving.SLICES}"
    sliced_file.write_bytes(sliced_file.read_bytes()[:100])
    (folder / serving.BY_PLACE / f"observations{serving.SLICES_INDEX}").unlink()
    again = serving.read_served(Store(tmp_path / "store"), version)
    assert again.slicers.get("indicator_scores", "slices") is None
    assert again.slicers.get("observations", "slices") is None
    pd.testing.assert_frame_equal(again.select("indicator_scores", place_id=place), expected)
    assert len(again.select("observations", place_id=place)) > 0


def test_a_dictionary_column_answers_membership_as_its_text_would():
    """Tested on the dictionary and taken by code, the answer is the text's: unknown values match
    nothing, a missing value matches a missing row when asked for, a value of another type nothing."""
    text = pa.chunked_array([pa.array(["a", None, "b", "a"]), pa.array(["c", "b"])])
    coded = pa.chunked_array([chunk.dictionary_encode() for chunk in text.chunks])
    for values in (["a"], ["b", "zz"], [None], ["c", None], [], [3]):
        expected = serving.member(text, values).to_pylist()
        assert serving.member(coded, values).to_pylist() == expected, values
    assert serving.member(coded, ["a", None]).to_pylist() == [True, True, False, True, False, False]


def test_one_request_reads_one_version_and_the_next_request_the_new_one(app, tmp_path):
    """Every part of one request is served from the version current when it first asked (a
    projects filter asks seven times: reading CURRENT each time cost time, and an import between
    two asks would have mixed versions in one answer); the next request serves the new version."""
    from dashboard import data

    store = tmp_path / "store"
    shutil.copytree(DEMO_STORE, store)
    shutil.copytree(store / "versions" / "demo-1", store / "versions" / "demo-2")
    app.server.config[data.STORE_KEY] = str(store)
    with app.server.test_request_context("/"):
        first = data.current()
        (store / "CURRENT").write_text("demo-2\n", encoding="utf-8")
        assert data.current() is first and first.version == "demo-1"
    with app.server.test_request_context("/"):
        assert data.current().version == "demo-2"
    with app.server.app_context():  # outside a request (a command, the static export): read each time
        assert data.current().version == "demo-2"
        (store / "CURRENT").write_text("demo-1\n", encoding="utf-8")
        assert data.current().version == "demo-1"


def test_the_places_a_table_has_rows_for_come_from_its_by_place_index(stores):
    """The search's places with data: from the by-place index, not 25 M rows read for one column."""
    memory, (plain, laid_out) = stores
    found = laid_out.places_with_rows("indicator_scores")
    assert found == set(memory.tables["indicator_scores"]["place_id"].astype(str)) and len(found) > 100
    assert plain.places_with_rows("indicator_scores") is None  # no layout: the caller reads the column


def test_the_highest_values_served_are_those_in_memory_from_few_row_groups(stores, tmp_path, monkeypatch):
    """A percent unit the values contradict is found from each indicator's highest value
    (`layouts.texts.percent_highs`): a national store whose indicators all say "Percentage (%)"
    read every value of them on a worker's first page (5.4 s, 1.4 GB at 25 M rows). A served
    version answers from the row groups' statistics, reading only groups that may pass."""
    memory, served = stores
    ids = memory.indicators["indicator_id"].astype(str).tolist()
    for above in (-1.0, 50.0, 100.5, 1e12):
        expected = memory.highest_values(ids, above).to_dict()
        assert (above > 1e9) == (not expected)
        for version in served:
            assert version.highest_values(ids, above).to_dict() == expected
    path = tmp_path / "observations.parquet"
    rows = pa.table({"indicator_id": ["a", "a", "b", "c", "d", "d"],
                     "value": [50.0, 120.0, 99.0, 101.0, 10.0, 20.0]})
    pq.write_table(rows, path, row_group_size=2)  # groups: a alone, b with c, d alone
    file = pq.ParquetFile(path)
    asked = ["a", "b", "c", "d"]
    assert [serving.may_pass(file, group, asked, 100.5) for group in range(3)] == [True, True, False]
    assert serving.may_pass(file, 1, ["a", "d"], 100.5) is False  # neither is in it
    read = []
    whole = pq.read_table(path)
    monkeypatch.setattr(pq.ParquetFile, "read_row_group",
                        lambda self, group, **kw: read.append(group) or whole.slice(2 * group, 2))
    assert serving.group_highs(file, 0, pa.array(asked), 100.5).to_dict() == {"a": 120.0} and not read
    assert serving.group_highs(file, 1, pa.array(asked), 100.5).to_dict() == {"c": 101.0} and read == [1]
