"""Keep only the layers the dashboard's maps draw in a TopoJSON world file (plotly's geo maps draw
land, ocean, coastlines and country borders; lakes, rivers and sub-national units are off), and
only the arcs those layers use: the world file a phone fetches for every map is a fifth smaller.

Run by scripts/build_topojson.sh: python scripts/trim_topology.py FILE [FILE ...] (rewrites each).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LAYERS = ("land", "ocean", "coastlines", "countries")


def used_arcs(node: object, into: set[int]) -> None:
    if isinstance(node, list):
        for part in node:
            used_arcs(part, into)
    elif isinstance(node, int):
        into.add(node if node >= 0 else ~node)


def renumbered(node: object, new: dict[int, int]) -> object:
    if isinstance(node, list):
        return [renumbered(part, new) for part in node]
    if isinstance(node, int):
        return new[node] if node >= 0 else ~new[~node]
    return node


def trim(topology: dict, layers: tuple[str, ...] = LAYERS) -> dict:
    objects = {name: topology["objects"][name] for name in layers if name in topology["objects"]}
    used: set[int] = set()
    for layer in objects.values():
        for geometry in layer.get("geometries", [layer]):
            used_arcs(geometry.get("arcs", []), used)
    order = sorted(used)
    new = {old: index for index, old in enumerate(order)}
    kept = {}
    for name, layer in objects.items():
        layer = dict(layer)
        layer["geometries"] = [{**g, "arcs": renumbered(g["arcs"], new)} if "arcs" in g else g
                               for g in layer.get("geometries", [])]
        kept[name] = layer
    return {**topology, "objects": kept, "arcs": [topology["arcs"][i] for i in order]}


def main(paths: list[str]) -> int:
    for path in map(Path, paths):
        topology = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(trim(topology), separators=(",", ":")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
