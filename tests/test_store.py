"""The versioned store: atomic writes, versions, restore, read-only demo."""

import pandas as pd
import pytest

from loaders import schema
from loaders.report import LoadError
from loaders.store import Store, StoreData


def tables(value: float) -> dict[str, pd.DataFrame]:
    obs = pd.DataFrame(
        {"place_id": ["a"], "indicator_id": ["i"], "year": [2020], "value": [value]}
    )
    return {"observations": schema.conform("observations", obs)}


def test_write_read_round_trip(tmp_path):
    store = Store(tmp_path / "s")
    version = store.write(tables(1.5), {"note": "first"})
    data = store.read()
    assert data.version == version
    assert data.observations["value"].tolist() == [1.5]
    assert data.meta["note"] == "first" and data.meta["counts"]["observations"] == 1
    assert list(data.places.columns) == list(schema.PLACES)


def test_versions_and_restore(tmp_path):
    store = Store(tmp_path / "s")
    first = store.write(tables(1.0), {}, version="v1")
    second = store.write(tables(2.0), {}, version="v2")
    listed = store.versions()
    assert [m["version"] for m in listed] == [first, second]
    assert [m["current"] for m in listed] == [False, True]
    assert listed[1]["parent"] == "v1"
    store.restore(first)
    assert store.read().observations["value"].tolist() == [1.0]
    assert store.read("v2").observations["value"].tolist() == [2.0]


def test_failed_write_leaves_previous_version_current(tmp_path):
    store = Store(tmp_path / "s")
    store.write(tables(1.0), {}, version="good")
    broken = {"observations": pd.DataFrame({"value": [object(), 1]})}
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's own error type
        store.write(broken, {}, version="bad")
    assert store.current_version() == "good"
    assert [m["version"] for m in store.versions()] == ["good"]
    assert not list((tmp_path / "s" / "versions").glob(".incoming-*"))


def test_prune_removes_the_folder_an_import_killed_mid_way_left(tmp_path):
    """`kill -9` during an import left versions/.incoming-<version> (45 MB of the SDR); only a later
    import removed it, an hour on. A folder younger than that may be an import at work: kept."""
    import os
    import time

    from loaders.store import INCOMING_PREFIX, STALE_SECONDS

    store = Store(tmp_path / "s")
    store.write(tables(1.0), {}, version="v1")
    dead = tmp_path / "s" / "versions" / f"{INCOMING_PREFIX}dead"
    (dead / "sub").mkdir(parents=True)
    (dead / "sub" / "part.parquet").write_bytes(b"x" * 10)
    working = tmp_path / "s" / "versions" / f"{INCOMING_PREFIX}working"
    working.mkdir()
    old = time.time() - STALE_SECONDS - 60
    os.utime(dead, (old, old))
    assert store.prune(keep=1) == []
    assert not dead.exists() and working.exists()
    assert store.current_version() == "v1"


def test_read_only_store_refuses_writes(tmp_path):
    Store(tmp_path / "demo").write(tables(1.0), {"demo": True})
    demo = Store(tmp_path / "demo", read_only=True)
    with pytest.raises(LoadError, match="read-only"):
        demo.write(tables(2.0), {})
    assert demo.read().is_demo


def test_unknown_version_is_a_clear_error(tmp_path):
    store = Store(tmp_path / "s")
    store.write(tables(1.0), {})
    with pytest.raises(LoadError, match="no version 'nope'"):
        store.restore("nope")


def test_indicator_texts_round_trip_and_default_to_empty(tmp_path):
    store = Store(tmp_path / "s")
    store.write(tables(1.0), {}, version="old")
    assert store.read().indicator_texts.empty
    assert list(store.read().indicator_texts.columns) == list(schema.INDICATOR_TEXTS)
    texts = schema.conform("indicator_texts", pd.DataFrame(
        {"indicator_id": ["i"], "language": ["es"], "name": ["Indicador"]}))
    store.write({**tables(1.0), "indicator_texts": texts}, {}, version="new")
    pd.testing.assert_frame_equal(store.read().indicator_texts, texts)
    assert store.read().meta["counts"]["indicator_texts"] == 1


def test_indexed_select_answers_as_the_mask_does():
    """The export's row index gives the rows a mask over the table gives, in stored order, for one
    value or several per column, values absent, text and numbers, several columns at once."""
    import numpy as np

    rng = np.random.default_rng(11)
    n = 2_000
    frame = pd.DataFrame({"place_id": rng.choice(["a", "b", "c", "d", None], n),
                          "year": rng.choice([2019, 2020, 2021], n),
                          "goal": pd.array(rng.choice([1, 2, 3, None], n), dtype="Int64"),
                          "value": rng.normal(size=n)})
    plain = StoreData("v", {}, {"observations": frame})
    indexed = StoreData("v", {}, {"observations": frame})
    indexed.index_rows()
    asked = [{"place_id": "a"}, {"place_id": ["b", "c"], "year": 2020}, {"year": [2021, 1999]},
             {"place_id": "zz"}, {"place_id": "d", "year": 2019, "goal": [1, 3]}, {"goal": 2, "year": 2021},
             {"place_id": [], "year": 2020}]
    for where in asked:
        expected = plain.select("observations", **where)
        pd.testing.assert_frame_equal(indexed.select("observations", **where), expected)
        assert len(expected) or where in ({"place_id": "zz"}, {"place_id": [], "year": 2020})


def test_a_table_read_whole_is_held_in_one_piece(tmp_path):
    """Text read from many row groups comes as many chunks; held in memory it is one, the same
    values and type (rows are taken from it ten times faster)."""
    from loaders.store import in_one_piece

    frame = pd.DataFrame({"place_id": [f"p{i}" for i in range(100)], "year": range(100)})
    frame.to_parquet(tmp_path / "t.parquet", row_group_size=10)
    read = pd.read_parquet(tmp_path / "t.parquet")
    assert read["place_id"].array.__arrow_array__().num_chunks > 1
    whole = in_one_piece(read.copy())
    assert whole["place_id"].array.__arrow_array__().num_chunks == 1
    pd.testing.assert_frame_equal(whole, read)


def test_kept_memo_builds_once_per_key_and_forgets_the_oldest():
    data = StoreData(version="v", meta={})
    built = []

    def build(key):
        return lambda: built.append(key) or f"made {key}"

    assert data.kept("kind", 1, build(1), limit=2) == "made 1"
    assert data.kept("kind", 1, build(1), limit=2) == "made 1" and built == [1]
    data.kept("kind", 2, build(2), limit=2)
    data.kept("kind", 1, build(1), limit=2)  # 1 is now the newest
    data.kept("kind", 3, build(3), limit=2)  # 2 goes
    data.kept("other", 2, build("other 2"), limit=2)  # each kind has its own bound
    assert data.kept("kind", 1, build(1), limit=2) == "made 1"
    data.kept("kind", 2, build(2), limit=2)
    assert built == [1, 2, 3, "other 2", 2]


def test_a_version_written_before_a_column_was_added_is_read_with_it_empty(tmp_path):
    """The shipped demo and every store of an earlier release have no places' `area`: reading a
    version gives every reader every column of the schema."""
    store = Store(tmp_path / "store")
    places = schema.conform("places", pd.DataFrame({"place_id": ["x-a"], "name": ["A"], "kind": ["city"]}))
    store.write({"places": places.drop(columns=["area"])}, {"note": "older"})
    read = store.read().places
    assert list(read.columns) == list(schema.PLACES) and read["area"].isna().all()


def test_a_version_with_other_places_shares_everything_else_and_is_made_once():
    """`with_places`: the pages' countries in a reader's language, over the same tables and files."""
    places = schema.conform("places", pd.DataFrame({
        "place_id": ["egy", "x-a"], "name": ["Egypt, Arab Rep.", "A"], "kind": ["country", "city"],
        "country_iso3": ["EGY", "EGY"]}))
    index = pd.DataFrame({"place_id": ["egy"], "score": [1.0]})
    store = StoreData("v", {}, {"places": places, "index": index})
    assert store.prepared(len_places) == 2
    renamed = places.assign(name=["Égypte", "A"])
    made = store.with_places("fr", lambda version: renamed)
    assert made is not store and made.places is renamed and made.tables["index"] is store.tables["index"]
    assert store.places is places and "_prepared" not in made.__dict__  # catalogues of its own
    assert store.with_places("fr", lambda version: None) is made  # once per key
    assert made.with_places("fr", lambda version: None) is made  # and not a copy of a copy
    assert store.with_places("en", lambda version: None) is store  # nothing renamed: the version itself


def len_places(store: StoreData) -> int:
    return len(store.places)


def test_countries_are_named_in_the_language_in_force():
    from layouts import i18n, names

    places = pd.DataFrame({"place_id": ["egy", "kor", "zz", "cai"],
                           "kind": ["country", "country", "country", "city"],
                           "name": ["Egypt, Arab Rep.", "Korea, Rep.", "Aggregate", "Cairo"],
                           "country_iso3": ["EGY", "KOR", "ZZZ", "EGY"]})
    with i18n.use("fr"):
        shown = names.countries_named(places)
    assert shown["name"].tolist() == ["Égypte", "Corée du Sud", "Aggregate", "Cairo"]  # a city keeps its name
    assert shown["name_in_source"].tolist() == places["name"].tolist()
    with i18n.use("en"):
        named = places.assign(name=["Egypt", "South Korea", "Aggregate", "Cairo"])
        assert names.countries_named(named) is None
        assert names.countries_named(places[places["kind"] == "city"]) is None


def test_a_restore_waits_for_an_import_that_holds_the_store(tmp_path):
    """A restore during an import was undone when the import finished: the import made its own
    version current, with the data of the version the restore had replaced. The restore now waits
    for the store's lock, and so comes after."""
    import threading
    import time

    store = Store(tmp_path / "s")
    store.write(tables(1.0), {}, version="v1")
    store.write(tables(2.0), {}, version="v2")
    held, done = threading.Event(), threading.Event()

    def importing() -> None:
        with store.lock():
            held.set()
            time.sleep(0.5)
            store._switch("v2")  # what a finishing import does: its version becomes current
        done.set()

    thread = threading.Thread(target=importing)
    thread.start()
    held.wait(5)
    store.restore("v1")
    assert done.is_set() and store.current_version() == "v1"
    thread.join()


def test_pruning_a_folder_that_holds_no_store_is_an_error(tmp_path):
    """A mistyped path made an empty folder, pruned nothing and said "0 old versions deleted"."""
    with pytest.raises(LoadError, match="holds no store"):
        Store(tmp_path / "typo" / "store").prune(3)
    assert not (tmp_path / "typo").exists()
