"""Bodies of Dash's /_dash-update-component requests, as the browser sends them: the pages' router
and any callback listed by /_dash-dependencies."""

from __future__ import annotations

import json
from collections.abc import Callable


def router_body(path: str, search: str = "") -> dict:
    location = [{"id": "_pages_location", "property": "pathname", "value": path},
                {"id": "_pages_location", "property": "search", "value": search}]
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": location, "changedPropIds": ["_pages_location.pathname"], "state": []}


def callback_body(callback: dict, value_of: Callable[[str, str], object]) -> dict:
    """A call of `callback` whose every input and state takes value_of(component id, property)."""
    def args(items):
        return [{"id": item["id"] if not item["id"].startswith("{") else json.loads(item["id"]),
                 "property": item["property"], "value": value_of(item["id"], item["property"])}
                for item in items]

    outputs = [part.rsplit(".", 1) for part in callback["output"].strip(".").split("...")]
    several = callback["output"].startswith("..")
    return {"output": callback["output"],
            "outputs": [{"id": o[0], "property": o[1]} for o in outputs] if several
            else {"id": outputs[0][0], "property": outputs[0][1]},
            "inputs": args(callback["inputs"]), "state": args(callback["state"]),
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in callback["inputs"]]}
