"""A page opened at an address with bad or unknown values writes its canonical address over it: the
address kept "?goal=7.5&year=99999" (and "?lang=fr_FR") after the page had said what it showed
instead, so it was shared and bookmarked with the same warnings. Replaced, so Back does not return
to it; a good address stays as it was."""

from __future__ import annotations

import pytest

from tests.browser import start

pytestmark = pytest.mark.browser


def settled(dash_duo, ending: str) -> str:
    driver = dash_duo.driver
    dash_duo._wait_for(lambda _: driver.current_url.endswith(ending), timeout=20,
                       msg=lambda *_: f"the address stayed {driver.current_url}, not ...{ending}")
    return driver.current_url


def test_a_bad_address_is_written_back_canonically_and_a_good_one_kept(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/about")
    dash_duo.wait_for_element("#methodology", timeout=20)
    before = driver.execute_script("return window.history.length")
    driver.get(dash_duo.server_url + "/?goal=7.5&year=99999&utm_source=x&lang=fr_FR")
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=20)
    settled(dash_duo, "/?lang=fr")
    assert "7.5" in dash_duo.find_element(".url-problem").text  # the page still says what it did
    assert driver.execute_script("return window.history.length") == before + 1  # replaced, not added
    driver.get(dash_duo.server_url + "/explore?goal=99&view=scatter")
    dash_duo.wait_for_element("#explore-summary", timeout=20)
    settled(dash_duo, "/explore?view=scatter&lang=en")
    driver.get(dash_duo.server_url + "/city/ken-nairobi?indicator=nope#goals")
    dash_duo.wait_for_element(".goal-tile", timeout=20)
    assert settled(dash_duo, "/city/ken-nairobi?lang=en#goals")
    driver.get(dash_duo.server_url + "/?goal=11&year=2024")
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=20)
    assert settled(dash_duo, "/?goal=11&year=2024&lang=en")
    # one state, one address: a goal's leading zero, a year's and spaces are read and written away
    driver.get(dash_duo.server_url + "/?goal=011&year=%2002024")
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=20)
    assert settled(dash_duo, "/?goal=11&year=2024&lang=en") and not dash_duo.find_elements(".url-problem")
