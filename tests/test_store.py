"""The versioned store: atomic writes, versions, restore, read-only demo."""

import pandas as pd
import pytest

from loaders import schema
from loaders.report import LoadError
from loaders.store import Store


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
