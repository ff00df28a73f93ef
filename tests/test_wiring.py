"""Every callback's inputs, outputs and states are in the app's validation layout, the one Dash itself
checks callbacks against in the browser (suppress_callback_exceptions is off)."""

from __future__ import annotations

import json

import pytest

from dashboard.validation import components
from loaders.paths import DEMO_STORE


@pytest.fixture(scope="module")
def served():
    from dashboard.app import create_app

    app = create_app(str(DEMO_STORE))
    client = app.server.test_client()
    page = client.get("/")  # the first request sets Dash up: callbacks, pages, validation layout
    assert page.status_code == 200
    return app, client, page.get_data(as_text=True)


def ids_of(tree) -> set:
    return {json.dumps(node.id, sort_keys=True) if isinstance(node.id, dict) else node.id
            for node in components(tree) if getattr(node, "id", None)}


def callback_ids(entry: dict) -> set:
    """The plain ids a callback reads and writes (pattern-matching ids match any number of components)."""
    found = {p["id"] for p in [*entry["inputs"], *entry["state"]]}
    if not entry.get("no_output"):
        found |= {piece.rsplit(".", 1)[0] for piece in entry["output"].strip(".").split("...")}
    return {i for i in found if isinstance(i, str) and not i.startswith("{")}


def test_callback_checks_are_on(served):
    app, _client, _page = served
    assert app.config.suppress_callback_exceptions is False
    assert app.validation_layout is not None


def test_every_callback_is_wired_to_the_validation_layout(served):
    app, _client, _page = served
    known = ids_of(app.validation_layout)
    callbacks = app._callback_list  # server and clientside callbacks alike
    assert len(callbacks) > 10
    missing = {c.get("output"): sorted(callback_ids(c) - known) for c in callbacks if callback_ids(c) - known}
    assert missing == {}


def test_the_validation_layout_is_light(served):
    """Ids and types only: every page's data would otherwise ride along with every page."""
    _app, client, _page = served
    body = client.get("/explore").get_data(as_text=True)
    start = body.index('<script id="_dash-config"')
    config = json.loads(body[body.index(">", start) + 1: body.index("</script>", start)])
    size = len(json.dumps(config["validation_layout"]))
    assert size < 40_000, size
    assert "ken-nairobi" not in json.dumps(config["validation_layout"])
