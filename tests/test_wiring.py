"""Every callback's inputs, outputs and states exist in the layout of some page.

The app runs with suppress_callback_exceptions (a page's components exist only while it is
shown), so this test does the check the browser cannot do."""

from __future__ import annotations

import importlib

import dash
import pytest

from loaders.paths import DEMO_STORE
from tests.components import walk

SAMPLE_ARGUMENTS = {"place_id": "ken-nairobi"}


def output_ids(output: str) -> list[str]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [part.rsplit(".", 1)[0] for part in parts]


def string_ids(tree) -> set[str]:
    """Plain ids (pattern-matching ids are dicts; their callbacks match any number of components)."""
    return {node.id for node in walk(tree) if isinstance(getattr(node, "id", None), str)}


@pytest.fixture(scope="module")
def wiring(tmp_path_factory):
    import os

    os.environ["CITY_SDG_STORE"] = str(DEMO_STORE)
    from dashboard.app import create_app

    app = create_app(str(DEMO_STORE))
    # server callbacks stay in the global map; the list (which also holds clientside ones)
    # is emptied once any app has served a request in this process
    callbacks = {c["output"]: c for c in dash._callback.GLOBAL_CALLBACK_LIST}
    for output, entry in dash._callback.GLOBAL_CALLBACK_MAP.items():
        callbacks.setdefault(output, {"output": output, "inputs": entry["inputs"],
                                      "state": entry["state"], "no_output": entry["no_output"]})
    callbacks = list(callbacks.values())
    shell = app.layout() if callable(app.layout) else app.layout
    ids = string_ids(shell)
    pages = {}
    for page in dash.page_registry.values():
        module = importlib.import_module(page["module"])
        arguments = {k: v for k, v in SAMPLE_ARGUMENTS.items()
                     if page.get("path_template") and f"<{k}>" in page["path_template"]}
        tree = module.layout(**arguments) if callable(module.layout) else module.layout
        pages[page["path"]] = string_ids(tree)
    return callbacks, ids, pages


def test_every_callback_is_wired_to_components_of_one_page(wiring):
    callbacks, shell_ids, pages = wiring
    assert callbacks, "no callbacks registered"
    problems = []
    for callback in callbacks:
        wanted = set(output_ids(callback["output"])) if not callback.get("no_output") else set()
        wanted |= {i["id"] for i in callback["inputs"]} | {s["id"] for s in callback["state"]}
        wanted = {w for w in wanted if isinstance(w, str) and not w.startswith("{")}
        if not any(wanted <= (ids | shell_ids) for ids in pages.values()):
            missing = {path: sorted(wanted - ids - shell_ids) for path, ids in pages.items()}
            best = min(missing.items(), key=lambda item: len(item[1]))
            problems.append(f"{callback['output']}: missing {best[1]} even on {best[0]}")
    assert problems == []
