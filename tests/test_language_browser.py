"""Each page in Spanish and French in Chromium: words, numbers, <html lang>, the menu, 375 px, RTL."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from layouts import i18n
from tests.browser import start, wait_for_maps_fitted

pytestmark = pytest.mark.browser

# page: (path, element whose text shows translated words and locale numbers)
PAGES = {
    "map": ("/?goal=11&year=2024", "#map-summary"),
    "city": ("/city/ken-nairobi", "#city-trend-summary"),
    "explore": ("/explore?goal=3", "#explore-summary"),
    "projects": ("/projects?goal=11", "#projects-overview"),
    "financing": ("/projects/financing?region=Africa", "#financing-summary"),
    "about": ("/about", "#sources + p"),
}
WORDS = {
    "es": {"banner": "Datos de demostración.", "explore": "Explorar", "number": r"\d,\d|\d\.\d{3}",
           "about_date": "27 de noviembre de 2026"},
    "fr": {"banner": "Données de démonstration.", "explore": "Explorer", "number": r"\d,\d|\d\u202f\d{3}",
           "about_date": "27 novembre 2026"},
}


@pytest.mark.parametrize("language", ["es", "fr"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_in_the_language_of_the_url(dash_duo, app, name, language):
    path, sample = PAGES[name]
    words = WORDS[language]
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    separator = "&" if "?" in path else "?"
    driver.get(f"{dash_duo.server_url}{path}{separator}lang={language}")
    dash_duo.wait_for_element(sample, timeout=20)
    assert driver.find_element("css selector", "html").get_attribute("lang") == language
    dash_duo.wait_for_contains_text(".demo-banner", words["banner"], timeout=20)
    text = dash_duo.find_element(sample).text
    if name == "about":
        assert words["about_date"] in text
    else:
        assert re.search(words["number"], text), text
        assert not re.search(r"\d\.\d(?!\d{2})", text) or language == "es", text
    with i18n.use(language):
        assert i18n.gettext("City SDG Dashboard").lower() in driver.title.lower()
    links = [a.get_attribute("textContent")
             for a in driver.find_elements("css selector", ".navbar .nav-link")]
    assert words["explore"] in links
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} in {language} scrolls sideways by {overflow}px at 375px"
    with i18n.use(language):
        menu_button = i18n.gettext("Show or hide the navigation")
    assert dash_duo.find_element(".navbar-toggler").get_attribute("aria-label") == menu_button
    assert f"lang={language}" in driver.current_url
    if os.environ.get("SCREENSHOT_DIR") and name in ("map", "city"):
        assert wait_for_maps_fitted(driver), name  # not the map's first draw, before its fit
        driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
        driver.save_screenshot(str(Path(os.environ["SCREENSHOT_DIR"]) / f"{name}-{language}-375px.png"))


def test_the_language_menu_keeps_the_view(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/explore?goal=3&view=scatter")
    dash_duo.wait_for_element("#explore-summary", timeout=20)
    assert "lang=en" in driver.current_url  # the language is added to the address
    dash_duo.find_element(".language-menu .dropdown-toggle").click()
    dash_duo.find_element(".language-choice [lang='fr']").click()
    dash_duo.wait_for_contains_text("h1", "Explorer et comparer", timeout=20)
    assert driver.find_element("css selector", "html").get_attribute("lang") == "fr"
    assert "goal=3" in driver.current_url and "view=scatter" in driver.current_url
    assert "lang=fr" in driver.current_url


def test_a_right_to_left_language_flips_the_layout(dash_duo, app, monkeypatch):
    # the extra catalogue folder as the app's settings would give it ($CITY_SDG_LOCALE_DIRS)
    i18n.configure(extra_dirs=(Path(__file__).parent / "data" / "locales",))
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/?lang=ar")
    dash_duo.wait_for_element("#map-summary", timeout=20)
    html_tag = driver.find_element("css selector", "html")
    assert (html_tag.get_attribute("lang"), html_tag.get_attribute("dir")) == ("ar", "rtl")
    brand = dash_duo.find_element(".navbar-brand")
    first_link = driver.find_elements("css selector", ".navbar .nav-link")[0]
    assert brand.text == "لوحة أهداف التنمية المستدامة للمدن"
    assert brand.location["x"] > first_link.location["x"], "the brand should sit on the right"
    heading = dash_duo.find_element("h1")
    right_edge = heading.location["x"] + heading.size["width"]
    assert right_edge > driver.execute_script("return document.documentElement.clientWidth") - 40


@pytest.mark.parametrize(("language", "download"), [("es", "Descargar"), ("fr", "Télécharger")])
def test_the_chart_tools_speak_the_page_s_language(dash_duo, app, language, download):
    """plotly's mode bar (its buttons' tooltips and labels) is in the page's language: the bundle
    holds each catalogue language's plotly dictionary and every graph names the language."""
    start(dash_duo, app)
    dash_duo.driver.get(f"{dash_duo.server_url}/?goal=11&year=2024&lang={language}")
    dash_duo.wait_for_element("#map-graph .modebar-btn", timeout=20)
    titles = [button.get_attribute("data-title")
              for button in dash_duo.find_elements("#map-graph .modebar-btn")]
    assert any(title.startswith(download) for title in titles), titles
    assert not any(title.startswith("Download") for title in titles), titles
