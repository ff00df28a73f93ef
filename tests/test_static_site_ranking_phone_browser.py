"""The exported demo's rankings on a 375 px phone fold to their first bars, as the live Explore does
(the same ranking_fold.js and words): a state switched to is folded again, the button draws every
bar, and a desktop draws every bar with no words about folding."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from layouts.phone_ranking import PHONE_BARS
from tests.browser import polled
from tests.test_static_site_browser import browser, served  # noqa: F401 (served: the module's fixture)

pytestmark = pytest.mark.browser

DRAWN = """
const graph = document.querySelector('#ranking-view .view-chart'), layout = graph && graph._fullLayout;
if (!layout) return null;
const range = layout.yaxis.range, note = document.querySelector('#ranking-view .ranking-fold-note');
return {bars: graph.data.reduce((n, t) => n + (t.type === 'bar' ? t.y.length : 0), 0),
        shown: Math.round(Math.abs(range[0] - range[1])), height: graph.getBoundingClientRect().height,
        title: document.getElementById('ranking-view-title').textContent,
        note: note && note.offsetParent ? note.textContent : null};
"""


def drawn(driver, wanted) -> dict | None:
    return polled(driver, DRAWN, wanted)


def test_a_ranking_on_a_phone_shows_its_first_bars_and_a_button_for_the_rest(served):  # noqa: F811
    """The published rankings drew the demo's 150 bars (a chart 3,710 px tall) on a phone, where the
    live Explore drew 20 with words and a button; now they do the same, also after a goal is chosen."""
    origin, _folder = served
    driver = browser(375, 812)
    try:
        driver.get(f"{origin}/en/rankings.html")
        folded = drawn(driver, lambda seen: seen["shown"] == PHONE_BARS)
        assert folded["shown"] == PHONE_BARS and folded["bars"] == 150, folded
        assert folded["height"] < 110 + 24 * (PHONE_BARS + 6), folded
        assert f"first {PHONE_BARS} of the chart's 150 bars" in folded["note"], folded
        Select(driver.find_element(By.ID, "ranking-view-goal")).select_by_value("3")
        again = drawn(driver, lambda seen: "Goal 3" in seen["title"] and seen["shown"] == PHONE_BARS)
        assert "Goal 3" in again["title"] and again["shown"] == PHONE_BARS, again
        assert f"of the chart's {again['bars']} bars" in again["note"], again  # the state's own count
        button = driver.find_element(By.CSS_SELECTOR, "#ranking-view .ranking-fold-open")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", button)
        opened = drawn(driver, lambda seen: seen["shown"] == seen["bars"])
        assert opened["shown"] == opened["bars"] and opened["height"] > 24 * 100, opened
        assert opened["note"] is None, opened
    finally:
        driver.quit()


def test_a_ranking_on_a_desktop_draws_every_bar(served):  # noqa: F811
    origin, _folder = served
    driver = browser(1366, 900)
    try:
        driver.get(f"{origin}/en/rankings.html")
        seen = drawn(driver, lambda seen: seen["shown"] == 150)
        assert seen["shown"] == 150 and seen["note"] is None, seen
    finally:
        driver.quit()
