"""The shipped demo store is what `city-sdg demo` builds, and it is labelled as demo data."""

from __future__ import annotations

import json

import pandas as pd

from loaders.demo.store import DEMO_VERSION, write_demo_store
from loaders.paths import DEMO_STORE
from loaders.store import Store


def test_shipped_demo_store_equals_a_fresh_build(tmp_path):
    version = write_demo_store(tmp_path / "demo")
    assert version == DEMO_VERSION
    fresh = Store(tmp_path / "demo").read()
    shipped = Store(DEMO_STORE, read_only=True).read()
    assert shipped.is_demo and fresh.is_demo
    assert sorted(shipped.tables) == sorted(fresh.tables)
    for name, table in shipped.tables.items():
        pd.testing.assert_frame_equal(table, fresh.tables[name], check_exact=False, rtol=1e-12)
    shipped_meta = json.loads((DEMO_STORE / "versions" / DEMO_VERSION / "meta.json").read_text())
    fresh_meta = json.loads((tmp_path / "demo" / "versions" / DEMO_VERSION / "meta.json").read_text())
    assert shipped_meta == fresh_meta
