"""The exported demo's maps on a 375 px phone: as tall as the map drawn in them (no blank bands),
the whole width used, and zoom buttons a reader can see and use."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By

from tests.test_static_site_browser import browser, served  # noqa: F401 (served: the module's fixture)

pytestmark = pytest.mark.browser

FRAME = """
const chart = arguments[0], layout = chart._fullLayout;
if (!layout || !layout.geo || !layout.geo._subplot || !layout.geo._subplot.bounds) return null;
const b = layout.geo._subplot.bounds;
return {plotWide: layout._size.w, plotHigh: layout._size.h, wide: b[1][0] - b[0][0], high: b[1][1] - b[0][1],
        scale: layout.geo.projection.scale};
"""


def drawn_map(driver, page: str, origin: str):
    driver.get(f"{origin}/en/{page}")
    chart = driver.find_element(By.CSS_SELECTOR, ".view-chart")
    deadline = time.time() + 30
    frame = None
    while time.time() < deadline:
        frame = driver.execute_script(FRAME, chart)
        if frame and abs(frame["plotHigh"] - frame["high"]) <= 3:  # fitted (a relayout after the first draw)
            break
        time.sleep(0.3)
    return chart, frame


@pytest.mark.parametrize("page", ["index.html", "projects.html"])
def test_a_map_on_a_phone_has_no_blank_bands_and_zooms(served, page):  # noqa: F811
    """On a 375 px phone the projects map stood between two blank bands of 85 px (the world is 150 px
    tall there, in a 320 px chart), and the places map's markers of Europe covered each other with no
    way to come closer. The map is as tall as the world drawn in it, at the card's whole width, and
    its zoom buttons (which the live pages' phone style hides) are shown and zoom in."""
    origin, _folder = served
    driver = browser(375, 812)
    try:
        chart, frame = drawn_map(driver, page, origin)
        assert frame is not None, page
        assert abs(frame["plotHigh"] - frame["high"]) <= 3, frame  # no band above or below the map
        assert frame["wide"] >= frame["plotWide"] - 3, frame  # the card's whole width
        zoom = chart.find_element(By.CSS_SELECTOR, ".modebar-btn[data-val='in']")
        assert zoom.is_displayed() and zoom.size["width"] >= 20
        driver.execute_script("arguments[0].click()", zoom)
        time.sleep(0.5)
        assert driver.execute_script(FRAME, chart)["scale"] > frame["scale"]
    finally:
        driver.quit()
