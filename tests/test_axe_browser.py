"""Every page and every embed through axe-core 4.x (WCAG 2.0 and 2.1, A and AA) at 1366 px and at
375 px: no serious or critical violation, no sideways scroll, in English, Spanish and French."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.browser import serious_violations, start
from views.registry import EMBEDS as EMBED_VIEWS

pytestmark = pytest.mark.browser

PAGES = {
    "map": ("/", "#map-graph .main-svg"),
    "map-goal": ("/?goal=6&region=africa", "#map-graph .main-svg"),
    "city": ("/city/ken-nairobi?compare=uga-kampala", ".goal-tile"),
    "city-goal-opened": ("/city/ken-nairobi#goal-3", "#goal-3 .goal-table table"),  # sent when opened
    "explore": ("/explore", "h1"),
    "projects": ("/projects", "#projects-map .main-svg"),
    "financing": ("/projects/financing", "#financing-content .main-svg"),
    "about": ("/about", "#methodology"),
}
SAMPLE_QUERIES = {"city-goals": "place=ken-nairobi", "city-trend": "place=ken-nairobi",
                  "city-compare": "place=ken-nairobi&compare=uga-kampala"}
EMBEDS = {name: SAMPLE_QUERIES.get(name, "") for name in EMBED_VIEWS if name != "city-districts"}
"""Every embed (the demo has no district boundaries)."""
WIDTHS = (1366, 375)


def at_width(driver, width: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})


def sideways(driver) -> int:
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def check(dash_duo, url: str, ready: str, width: int) -> list[str]:
    """Problems found on one URL at one width: axe's serious and critical ones, sideways scroll."""
    driver = dash_duo.driver
    at_width(driver, width)
    driver.get(url)
    dash_duo.wait_for_element(ready, timeout=30)
    dash_duo.wait_for_no_elements('[data-dash-is-loading="true"]', timeout=30)
    problems = [f"{width}px {url}: {found}" for found in serious_violations(driver)]
    if sideways(driver) > 0:
        problems.append(f"{width}px {url}: scrolls sideways by {sideways(driver)}px")
    return problems


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_accessibility_problem_on_desktop_or_phone(dash_duo, app, name):
    path, ready = PAGES[name]
    start(dash_duo, app)
    problems = []
    for width in WIDTHS:
        problems += check(dash_duo, dash_duo.server_url + path, ready, width)
    assert problems == []


@pytest.mark.parametrize("name", list(EMBEDS))
def test_embed_has_no_serious_accessibility_problem_on_desktop_or_phone(dash_duo, app, name):
    start(dash_duo, app)
    ready = ".goal-tile" if name == "city-goals" else "#embed-chart svg"  # a picture or the live chart
    problems = []
    for width in WIDTHS:
        problems += check(dash_duo, f"{dash_duo.server_url}/embed/{name}?{EMBEDS[name]}", ready, width)
    assert problems == []


@pytest.mark.parametrize("language", ["es", "fr"])
def test_map_and_city_fit_a_phone_in_other_languages(dash_duo, app, language):
    """Longer words must not push a control off a 375 px screen."""
    start(dash_duo, app)
    problems = []
    for path, ready in (PAGES["map"], PAGES["city"]):
        separator = "&" if "?" in path else "?"
        problems += check(dash_duo, f"{dash_duo.server_url}{path}{separator}lang={language}", ready, 375)
    assert problems == []


def test_goal_tile_focus_is_visible(dash_duo, app):
    """A keyboard user sees where they are on every tile colour: the focus ring is drawn."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/city/ken-nairobi")
    dash_duo.wait_for_element(".goal-tile", timeout=30)
    for _press in range(80):  # the keyboard alone, as a reader without a mouse
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.classList.contains('goal-tile')"):
            break
    style = driver.execute_script("const s = getComputedStyle(document.activeElement, null);"
                                  "return [s.outlineStyle, s.outlineWidth, s.boxShadow];")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 3 and style[2] != "none", style
