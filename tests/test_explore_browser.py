"""The explore page in Chromium: filters drive chart and URL; accessible, offline, phone-wide."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from dashboard.app import create_app
from loaders.paths import DEMO_STORE
from tests.browser import foreign_requests, serious_violations, start, text

pytestmark = pytest.mark.browser

PLOT_JS = """
const plot = document.querySelector('#explore-graph .js-plotly-plot');
return plot && plot.data ? plot.data.map(trace => trace.type) : [];
"""
GRAPH_JS = """
const graph = document.querySelector('#explore-graph');
return graph ? graph.outerHTML.slice(0, 300) : 'no #explore-graph';
"""


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    return create_app(str(DEMO_STORE))


def chart_title(dash_duo) -> str:
    return text(dash_duo.driver, "#explore-chart-title")


def wait_for_title(dash_duo, start: str) -> None:
    """The chart's heading starts with `start` and its graph is drawn (each waited for on its own, so
    a failure says which of the two did not come, and what the browser logged)."""
    dash_duo._wait_for(lambda _: chart_title(dash_duo).startswith(start), timeout=20,
                       msg=lambda *_: f"title {chart_title(dash_duo)!r} does not start with {start!r}")
    dash_duo._wait_for(
        lambda _: dash_duo.driver.execute_script(PLOT_JS), timeout=20,
        msg=lambda *_: (f"no graph drawn under {chart_title(dash_duo)!r}: graph holds "
                        f"{dash_duo.driver.execute_script(GRAPH_JS)!r}; browser log {dash_duo.get_logs()!r}"))


def test_filters_drive_chart_and_url_and_back_restores(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/explore?goal=11&region=Africa")
    wait_for_title(dash_duo, "Ranking by Goal 11")
    Select(dash_duo.find_element("#explore-goal")).select_by_value("6")
    wait_for_title(dash_duo, "Ranking by Goal 6")
    assert driver.current_url.endswith("/explore?goal=6&region=Africa&lang=en")
    driver.execute_script("document.querySelector(\"#explore-view input[value='scatter']\").click()")
    wait_for_title(dash_duo, "Population using safely managed sanitation against")
    assert driver.current_url.endswith("/explore?view=scatter&goal=6&region=Africa&lang=en")
    assert dash_duo.find_element("#explore-scatter-box").is_displayed()
    assert set(driver.execute_script(PLOT_JS)) == {"scatter"}
    driver.refresh()
    wait_for_title(dash_duo, "Population using safely managed sanitation against")
    driver.back()
    wait_for_title(dash_duo, "Ranking by Goal 6")
    assert Select(dash_duo.find_element("#explore-goal")).first_selected_option.text.startswith("Goal 6")
    driver.get(dash_duo.server_url + "/explore?indicator=banana")
    dash_duo.wait_for_contains_text(".url-problem", "indicator 'banana', which is not known")
    wait_for_title(dash_duo, "Ranking by the SDG Index")


def test_a_chart_s_table_comes_when_opened_and_is_of_the_chart_shown(dash_duo, app):
    """A chart's table is sent when its reader opens it (keyboard: Enter on its summary); after the
    chart changes, the table of the old chart is not shown under the new one."""
    start(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/explore?goal=11&region=Africa")
    wait_for_title(dash_duo, "Ranking by Goal 11")
    assert dash_duo.find_elements("#explore-table a") == []  # not sent before it is opened
    dash_duo.find_element("#explore-table-open").send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#explore-table caption", "Goal 11", timeout=20)
    rows = dash_duo.find_elements("#explore-table tbody tr")
    links = dash_duo.find_elements("#explore-table a")
    assert rows and links and all("/city/" in a.get_attribute("href") for a in links)
    Select(dash_duo.find_element("#explore-goal")).select_by_value("6")
    wait_for_title(dash_duo, "Ranking by Goal 6")
    assert "Goal 11" not in text(dash_duo.driver, "#explore-content")
    dash_duo.find_element("#explore-table-open").send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#explore-table caption", "Goal 6", timeout=20)


def test_the_table_view_follows_a_change_of_measure_without_errors(dash_duo, app):
    """Switching the table view from values to scores logged "A nonexistent object was used in an
    Input" (the charts' table opener); its order's words follow the measure."""
    start(dash_duo, app)
    query = "view=table&indicator=pm25-concentration&measure=value"
    dash_duo.driver.get(f"{dash_duo.server_url}/explore?{query}")
    dash_duo.wait_for_contains_text("#explore-summary", "Order: Value, best first", timeout=20)
    dash_duo.get_logs()  # what loading logged is not this test's
    scores = "#explore-measure input[value='score']"
    dash_duo.driver.execute_script(f"document.querySelector(\"{scores}\").click()")
    dash_duo.wait_for_contains_text("#explore-summary", "Order: Score, best first", timeout=20)
    labels = [o.text for o in Select(dash_duo.find_element("#explore-sort")).options]
    assert labels[:2] == ["Score, best first", "Score, worst first"]
    assert [entry for entry in dash_duo.get_logs() if entry["level"] == "SEVERE"] == []


def test_views_are_accessible_offline_and_fit_a_phone(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    for query, title in (("?goal=13&region=Oceania", "Ranking by Goal 13"),
                         ("?view=scatter&size=population", "Moderate or severe food insecurity against"),
                         ("?view=trend&places=ken-nairobi,fra-paris", "The SDG Index")):
        driver.get(dash_duo.server_url + "/explore" + query)
        wait_for_title(dash_duo, title)
        assert serious_violations(driver) == [], query
    assert foreign_requests(driver, dash_duo.server_url) == []
    # A real 375 px viewport: desktop Chromium will not make its window that narrow.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.get(dash_duo.server_url + "/explore?view=table&region=Europe")
    dash_duo.wait_for_element("#explore-table")
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"explore scrolls sideways by {overflow}px at 375px"


def test_french_page_keeps_its_language_and_number_format(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/explore?lang=fr&indicator=pm25-concentration&measure=value")
    dash_duo.wait_for_contains_text("#explore-summary", "µg/m³")
    assert driver.find_element("css selector", "html").get_attribute("lang") == "fr"
    assert re.search(r"médiane\s?: \d+,\d µg/m³", dash_duo.find_element("#explore-summary").text)
    Select(dash_duo.find_element("#explore-goal")).select_by_value("6")
    wait_for_title(dash_duo, "Classement selon")
    assert "lang=fr" in driver.current_url
    dash_duo._wait_for(lambda _: re.search(r"\d,\d", text(dash_duo.driver, "#explore-summary")),
                       timeout=15, msg=lambda *_: "the summary after a callback has no decimal comma")


def test_a_national_store_s_places_are_found_by_typing(dash_duo, app, monkeypatch):
    """Where the places control does not list every place (here: more than two), the page comes
    with none listed; typing asks the server, and a place found is chosen with the keyboard, which
    narrows the chart and the URL."""
    from layouts import ranking

    monkeypatch.setattr(ranking, "PLACE_LIST", 2)
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/explore?goal=11")
    wait_for_title(dash_duo, "Ranking by Goal 11")
    control = dash_duo.find_element("#explore-places")
    assert "Type a name" in control.text
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", control)
    control.send_keys(Keys.ENTER)  # opens it from the keyboard
    search = dash_duo.find_element("input.dash-dropdown-search")
    search.send_keys("nairóbi")  # the server folds accents; the list in the browser must not hide it
    dash_duo._wait_for(lambda _: "Nairobi" in driver.execute_script(
        "const list = document.querySelector('[role=listbox]'); return list ? list.innerText : ''"),
        timeout=10, msg=lambda *_: "no option found for 'nairóbi'")
    dash_duo.find_element("[role=listbox] [role=option]").click()
    dash_duo._wait_for(lambda _: "places=ken-nairobi" in driver.current_url, timeout=10,
                       msg=lambda *_: f"the URL {driver.current_url} did not gain the place")
    assert "Nairobi" in text(driver, "#explore-chips")
    search.send_keys(Keys.ESCAPE)  # closed: Dash's open list has two axe findings (docs/accessibility.md)
    assert serious_violations(driver) == []
