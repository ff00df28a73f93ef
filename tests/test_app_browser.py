"""The served app in a real browser: it loads, says it is demo data, and stays on its origin."""

import re

import pandas as pd
import pytest

from dashboard.app import create_app
from loaders import schema
from loaders.store import Store
from tests.browser import foreign_requests, start

pytestmark = pytest.mark.browser


@pytest.fixture
def small_store(tmp_path):
    places = pd.DataFrame(
        {"place_id": ["ken-nairobi"], "name": ["Nairobi"], "kind": ["city"], "un_region": ["Africa"]}
    )
    root = tmp_path / "store"
    Store(root).write({"places": schema.conform("places", places)}, {"demo": True})
    return root


def test_home_page_loads_offline_with_demo_label(dash_duo, small_store):
    app = create_app(str(small_store))
    start(dash_duo, app)
    dash_duo.wait_for_text_to_equal("h1", "No place has scores yet")
    assert "Demonstration data" in dash_duo.find_element(".demo-banner").text
    assert dash_duo.driver.find_element("css selector", "html").get_attribute("lang") == "en"
    assert foreign_requests(dash_duo.driver, dash_duo.server_url) == []
    stylesheet = dash_duo.driver.execute_script(
        "return [...document.styleSheets].map(s => s.href).filter(Boolean)"
    )
    # Bootstrap from this app under a content-hashed name (dashboard/delivery)
    assert any(re.search(r"/h/[0-9a-f]{16}/bootstrap\.min\.css$", href) for href in stylesheet)


class StubDriver:
    def __init__(self, urls):
        self.urls = urls

    def execute_script(self, script):
        return self.urls


def test_foreign_request_check_catches_other_origins():
    driver = StubDriver(
        [
            "http://127.0.0.1:8050/",
            "http://127.0.0.1:8050/_dash-layout",
            "data:image/png;base64,xyz",
            "https://cdn.example.net/bootstrap.css",
            "http://127.0.0.1:9999/other-port.js",
        ]
    )
    assert foreign_requests(driver, "http://127.0.0.1:8050") == [
        "https://cdn.example.net/bootstrap.css",
        "http://127.0.0.1:9999/other-port.js",
    ]
