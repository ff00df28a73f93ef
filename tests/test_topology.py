"""The world topology the maps fetch keeps the layers they draw, and only the arcs those use."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from dashboard.paths import ASSETS_DIR

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("trim_topology", ROOT / "scripts" / "trim_topology.py")
trim_topology = importlib.util.module_from_spec(spec)
spec.loader.exec_module(trim_topology)


def shapes(topology: dict, layer: str) -> list:
    """Each geometry's rings as lists of arc contents (reversed where the index is negative)."""
    arcs = topology["arcs"]

    def arc(index: int) -> list:
        return arcs[index] if index >= 0 else ["reversed", arcs[~index]]

    def rings(node):
        return [rings(part) for part in node] if isinstance(node, list) else arc(node)

    return [(g.get("id"), rings(g.get("arcs", []))) for g in topology["objects"][layer]["geometries"]]


def test_trim_keeps_the_drawn_layers_and_renumbers_their_arcs():
    topology = {"type": "Topology", "arcs": [[[0, 0], [1, 1]], [[5, 5], [1, 0]], [[2, 2], [0, 1]]],
                "objects": {
                    "land": {"type": "GeometryCollection",
                             "geometries": [{"type": "Polygon", "arcs": [[2]]}]},
                    "countries": {"type": "GeometryCollection",
                                  "geometries": [{"type": "Polygon", "id": "AAA", "arcs": [[0, ~2]]}]},
                    "rivers": {"type": "GeometryCollection",
                               "geometries": [{"type": "LineString", "arcs": [1]}]}}}
    trimmed = trim_topology.trim(topology)
    assert set(trimmed["objects"]) == {"land", "countries"}
    assert trimmed["arcs"] == [[[0, 0], [1, 1]], [[2, 2], [0, 1]]]
    assert trimmed["objects"]["countries"]["geometries"][0]["arcs"] == [[0, ~1]]
    for layer in ("land", "countries"):
        assert shapes(trimmed, layer) == shapes(topology, layer)


def test_the_shipped_world_file_is_trimmed_and_whole():
    topology = json.loads((ASSETS_DIR / "topojson" / "world_110m.json").read_text(encoding="utf-8"))
    assert set(topology["objects"]) == set(trim_topology.LAYERS)
    used: set[int] = set()
    for layer in topology["objects"].values():
        for geometry in layer["geometries"]:
            trim_topology.used_arcs(geometry.get("arcs", []), used)
    assert used == set(range(len(topology["arcs"])))  # every arc used, every index valid
    assert len(topology["objects"]["countries"]["geometries"]) > 170
