"""Write the shipped demonstration store from the deterministic generator."""

from __future__ import annotations

import shutil
from pathlib import Path

from loaders import schema
from loaders.importer import derived_tables
from loaders.paths import DEMO_STORE
from loaders.store import Store

DEMO_VERSION = "demo-1"
DEMO_CREATED = "2026-11-27T00:00:00Z"
"""Fixed, so regenerating the demo gives the same files byte for byte."""


def write_demo_store(out: Path | None = None, seed: int | None = None) -> str:
    from loaders.demo.build import build_demo

    root = Path(out) if out else DEMO_STORE
    bundle = build_demo() if seed is None else build_demo(seed)
    if root.exists():
        shutil.rmtree(root)
    tables = {name: schema.conform(name, getattr(bundle, name)) for name in schema.TABLES}
    options = {"goal_colour_rule": "two_worst", **bundle.options}
    tables.update(derived_tables(tables, options))
    meta = {"demo": True, "created": DEMO_CREATED, "sources": bundle.sources, "options": options}
    return Store(root).write(tables, meta, version=DEMO_VERSION)
