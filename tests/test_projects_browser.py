"""The projects pages in Chromium: filters in the URL, marker and table to a card, offline, axe, phone."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import serious_violations, start, text
from tests.test_pages_browser import open_page

pytestmark = pytest.mark.browser

OVERVIEW = "#projects-overview"


def test_filters_live_in_the_url_and_back_restores_them(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/projects?goal=11", "#projects-map .main-svg")
    dash_duo.wait_for_contains_text(OVERVIEW, "116 of 300 projects match")
    Select(dash_duo.find_element("#projects-theme")).select_by_value("livelihoods")
    dash_duo.wait_for_contains_text(OVERVIEW, "27 of 300 projects match")
    assert driver.current_url.endswith("/projects?goal=11&theme=livelihoods&lang=en")
    driver.execute_script("document.querySelector(\"#projects-status input[value='active']\").click()")
    dash_duo._wait_for(lambda _: driver.current_url.endswith("&status=active&lang=en"), timeout=10,
                       msg=lambda *_: f"URL {driver.current_url} has no status")
    matched = dash_duo.find_element(OVERVIEW).text
    driver.refresh()
    dash_duo.wait_for_text_to_equal(OVERVIEW, matched)
    assert Select(dash_duo.find_element("#projects-theme")).first_selected_option.text == "livelihoods"
    driver.back()
    dash_duo.wait_for_contains_text(OVERVIEW, "27 of 300 projects match")
    driver.back()
    dash_duo.wait_for_contains_text(OVERVIEW, "116 of 300 projects match")
    dash_duo.find_element("#projects-budget-min").send_keys("1000000", Keys.ENTER)
    dash_duo._wait_for(lambda _: driver.current_url.endswith("&budget_min=1000000&lang=en"), timeout=10,
                       msg=lambda *_: f"URL {driver.current_url} has no budget_min")
    open_page(dash_duo, "/projects?goal=banana&from=2030", "#projects-map .main-svg")
    problems = " ".join(e.text for e in dash_duo.find_elements(".url-problem"))
    assert "goal 'banana', which is not known" in problems and "not '2030'" in problems
    dash_duo.wait_for_contains_text(OVERVIEW, "300 of 300 projects match")


def test_the_places_table_comes_when_opened_and_follows_the_filters(dash_duo, app):
    """The map's table of places is sent when its reader opens it (Enter on its summary), lists
    the places of the projects shown, and after a filter change shows the new places, not the old."""
    start(dash_duo, app)
    open_page(dash_duo, "/projects?place=ken-nairobi", "#projects-map .main-svg")
    assert place_links(dash_duo) == []  # not sent before it is opened
    dash_duo.find_element("#projects-map-table-open").send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text(f"{TABLE} caption", "Places with matching projects", timeout=20)
    assert place_links(dash_duo) == ["ken-nairobi"]
    assert "Nairobi" in text(dash_duo.driver, f"{TABLE} tbody")
    before = dash_duo.find_element(OVERVIEW).text
    Select(dash_duo.find_element("#projects-place")).select_by_value("eth-addis-ababa")
    dash_duo._wait_for(lambda _: dash_duo.find_element(OVERVIEW).text not in ("", before), timeout=10,
                       msg=lambda *_: "the overview did not change")
    assert "Nairobi" not in text(dash_duo.driver, "#projects-map-area")  # the old table is not shown
    dash_duo.find_element("#projects-map-table-open").send_keys(Keys.ENTER)
    dash_duo._wait_for(lambda _: place_links(dash_duo) == ["eth-addis-ababa"], timeout=20,
                       msg=lambda *_: f"the places table shows {place_links(dash_duo)}")


def test_a_chart_s_table_comes_when_opened_and_is_the_new_selection_s_after_a_change(dash_duo, app):
    """A chart's table is sent when its reader opens it (Enter on its summary): a captioned table
    with column headers. A filter change redraws the card closed, with no table of the old
    selection in it; opened again, it holds the new selection's."""
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/projects?goal=11", "#projects-map .main-svg")
    chart, opener = "#projects-themes-table", "#projects-themes-table-open"
    assert not dash_duo.find_elements(f"{chart} table")  # not sent before it is opened

    def open_table() -> None:
        summary = dash_duo.find_element(opener)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", summary)
        summary.send_keys(Keys.ENTER)

    open_table()
    dash_duo.wait_for_element(f"{chart} caption", timeout=20)
    assert [th.get_attribute("scope") for th in dash_duo.find_elements(f"{chart} thead th")][:1] == ["col"]
    before = text(driver, f"{chart} tbody").casefold()
    assert "livelihoods" in before and "financing" in before
    Select(dash_duo.find_element("#projects-theme")).select_by_value("livelihoods")
    dash_duo.wait_for_contains_text(OVERVIEW, "27 of 300 projects match")
    dash_duo._wait_for(lambda _: not dash_duo.find_elements(f"{chart} table"), timeout=10,
                       msg=lambda *_: "the old selection's table is still there")
    assert not driver.execute_script(  # closed, not open and empty
        "return document.querySelector(arguments[0]).closest('details').open", opener)
    open_table()
    dash_duo._wait_for(lambda _: "livelihoods" in text(driver, f"{chart} tbody").casefold()
                       and "financing" not in text(driver, f"{chart} tbody").casefold(), timeout=20,
                       msg=lambda *_: f"the table shows {text(driver, f'{chart} tbody')}")


TABLE = "#projects-map-table"


def place_links(dash_duo) -> list[str]:
    """The places the map's table links to, by id."""
    return [re.sub(r".*/city/([^?#]+).*", r"\1", a.get_attribute("href") or "")
            for a in dash_duo.find_elements(f"{TABLE} a")]


def test_marker_click_shows_a_card_that_links_to_the_city(dash_duo, app):
    start(dash_duo, app)
    open_page(dash_duo, "/projects?place=ken-nairobi", "#projects-map .scattergeo path.point")
    marker = dash_duo.find_element("#projects-map .scattergeo path.point")
    ActionChains(dash_duo.driver).move_to_element(marker).click().perform()
    dash_duo.wait_for_contains_text("#projects-pick-label", "Projects in Nairobi (2)")
    dash_duo.wait_for_text_to_equal(".project-card h3", "Urban farms on vacant lots")
    assert "Goal 2: Zero hunger" in dash_duo.find_element(".project-card").text
    Select(dash_duo.find_element("#projects-pick")).select_by_value("demo-0002")
    dash_duo.wait_for_text_to_equal(".project-card h3", "Open contracting portal")
    link = dash_duo.find_element(".project-card a[href='/city/ken-nairobi?lang=en']")
    dash_duo.driver.execute_script("arguments[0].click()", link)
    dash_duo.wait_for_text_to_equal("h1", "Nairobi")
    assert dash_duo.driver.current_url.endswith("/city/ken-nairobi?lang=en")


TITLE = "#projects-table-area .project-title"


def test_table_title_shows_the_project_card_and_the_table_pages_searches_and_orders(dash_duo, app):
    """The title's button opens its card from the keyboard; the table's own controls answer from the
    server: next page, a search, an order, each said in the status line read out on change."""
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/projects?place=eth-addis-ababa", TITLE)
    button = dash_duo.driver.find_element("xpath", "//button[.='Green bond for the water network']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    driver.execute_script("arguments[0].focus()", button)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    dash_duo.wait_for_text_to_equal(".project-card h3", "Green bond for the water network")
    assert "Addis Ababa" in dash_duo.find_element("#projects-pick-label").text
    open_page(dash_duo, "/projects", TITLE)
    status = "#projects-table-status"
    assert dash_duo.find_element(status).text == "Projects 1–25 of 300 (page 1 of 12)"
    assert dash_duo.find_element(status).get_attribute("aria-live") == "polite"
    assert dash_duo.find_element("#projects-previous").get_attribute("disabled")
    first = dash_duo.find_element(TITLE).text
    driver.execute_script("arguments[0].click()", dash_duo.find_element("#projects-next"))
    dash_duo.wait_for_text_to_equal(status, "Projects 26–50 of 300 (page 2 of 12)")
    assert dash_duo.find_element(TITLE).text != first
    # the focus goes to the top of the new page, the status line; the next Tab goes into the table
    assert driver.execute_script("return document.activeElement.id") == "projects-table-status"
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.execute_script(
        "return document.getElementById('projects-table-area').contains(document.activeElement)")
    last = dash_duo.find_element("#projects-last")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", last)
    last.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal(status, "Projects 276–300 of 300 (page 12 of 12)")
    assert dash_duo.find_element("#projects-next").get_attribute("disabled")
    assert driver.execute_script("return document.activeElement.id") == "projects-table-status"
    sorted_by = driver.execute_script(
        "return [...document.querySelectorAll('#projects-table-area th[aria-sort]')].map(th => "
        "th.textContent + ' ' + th.getAttribute('aria-sort'))")
    assert sorted_by == ["Start descending"]
    assert "300 of 300 projects match" in dash_duo.find_element(OVERVIEW).text  # the rest unchanged
    search = dash_duo.find_element("#projects-search")
    search.send_keys("nairobi", Keys.ENTER)
    dash_duo.wait_for_text_to_equal(status, "Projects 1–2 of 2 (page 1 of 1)")
    Select(dash_duo.find_element("#projects-sort")).select_by_value("title")
    dash_duo.wait_for_text_to_equal(TITLE, "Open contracting portal")
    assert [b.text for b in dash_duo.find_elements(TITLE)] == ["Open contracting portal",
                                                               "Urban farms on vacant lots"]
    # the table's search and order are in the address: a shared link opens the same rows
    dash_duo._wait_for(lambda _: "q=nairobi" in driver.current_url and "sort=title" in driver.current_url,
                       timeout=10, msg=lambda *_: f"URL {driver.current_url} has no table state")
    open_page(dash_duo, driver.current_url.split(dash_duo.server_url)[1], TITLE)
    assert dash_duo.find_element(status).text == "Projects 1–2 of 2 (page 1 of 1)"
    assert dash_duo.find_element(TITLE).text == "Open contracting portal"
    search = dash_duo.find_element("#projects-search")
    search.send_keys(" atlantis", Keys.ENTER)
    dash_duo.wait_for_contains_text(status, "No matching project has")
    assert dash_duo.find_elements(TITLE) == []


def press_then_see(dash_duo, button, shown: str, text: str, in_view: str, height: int = 812) -> None:
    """Press `button` (brought into view first), wait for `shown` to say `text`, and for the element
    `in_view` to be on the screen (a phone of `height` px)."""
    driver = dash_duo.driver
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button)
    driver.execute_script("arguments[0].click()", button)
    dash_duo.wait_for_text_to_equal(shown, text)
    top = f"return document.getElementById('{in_view}').getBoundingClientRect().top"
    # brought to the top, it may sit a fraction of a pixel above it (-0.4 px under a two-line map
    # title): layout in fractional pixels, not out of view
    WebDriverWait(driver, 10).until(lambda d: -1 < d.execute_script(top) < height,
                                    f"#{in_view} is out of view")


def test_on_a_phone_the_table_fits_and_a_chosen_row_brings_its_card_into_view(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",  # a phone: no scroll bar takes width
                           {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    open_page(dash_duo, "/projects", TITLE)  # every project: the longest names
    widths = driver.execute_script("""return [...document.querySelectorAll('#projects-table-area *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && !e.closest('thead'))  // thead: clipped to 1 px
        .map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth);""")
    assert widths == [], f"the projects table scrolls sideways at 375 px: {widths}"
    row = dash_duo.find_element("#projects-table-area tbody tr")
    shown = [cell.get_attribute("data-label") or "title" for cell in
             row.find_elements("css selector", "th, td") if cell.is_displayed()]
    assert shown == ["title", "Place", "Status", "Budget (USD)"]
    # the hint names the same columns, from the same choice (`projects_cards.phone_hint`)
    assert "title, place, status, and budget:" in dash_duo.find_element("#projects-table-area").find_element(
        "xpath", "preceding::p[contains(@class, 'd-sm-none')][1]").text
    # the next page's button at the table's foot, 25 cards down: the new page is shown from its top
    press_then_see(dash_duo, dash_duo.find_element("#projects-next"), "#projects-table-status",
                   "Projects 26–50 of 300 (page 2 of 12)", "projects-table-status")
    open_page(dash_duo, "/projects?place=eth-addis-ababa", TITLE)
    press_then_see(dash_duo, driver.find_element("xpath", "//button[.='Green bond for the water network']"),
                   ".project-card h3", "Green bond for the water network", "projects-details")
    # the card takes the focus (it stayed on the button far below), and only its title is read out:
    # the whole section was a live region, each card 2,400 characters read aloud
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.activeElement.matches('.project-card h3')"))
    assert dash_duo.find_element("#projects-card-status").get_attribute("textContent") == (
        "Green bond for the water network")
    assert dash_duo.find_element("#projects-details").get_attribute("aria-live") is None
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    headers = dash_duo.find_elements("#projects-table-area thead th")
    assert len([th for th in headers if th.is_displayed()]) == 9


def test_financing_region_lives_in_the_url(dash_duo, app):
    start(dash_duo, app)
    open_page(dash_duo, "/projects/financing", "#financing-content .main-svg")
    dash_duo.wait_for_contains_text("#financing-summary", "300 of 300 projects match")
    Select(dash_duo.find_element("#financing-region")).select_by_value("Oceania")
    dash_duo.wait_for_contains_text("#financing-summary", "are in Oceania")
    assert dash_duo.driver.current_url.endswith("/projects/financing?region=Oceania&lang=en")
    assert "red, few projects" in dash_duo.find_element("#financing-content").get_attribute("textContent")
    open_page(dash_duo, "/projects/financing?region=Atlantis", "#financing-content .main-svg")
    assert "region 'Atlantis', which is not known" in dash_duo.find_element(".url-problem").text


def test_french_projects_page_keeps_its_language_and_money_format(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/projects?lang=fr&place=ken-nairobi", "#projects-map .main-svg")
    assert driver.find_element("css selector", "html").get_attribute("lang") == "fr"
    assert re.search(r"98\s100\s\$US", dash_duo.find_element(OVERVIEW).text)
    assert dash_duo.find_element("#projects-region option[value='Africa']").text == "Afrique"
    Select(dash_duo.find_element("#projects-theme")).select_by_value("livelihoods")
    dash_duo._wait_for(lambda _: re.search(r"40\s800\s\$US", text(dash_duo.driver, OVERVIEW)),
                       timeout=10, msg=lambda *_: "the overview after a callback has no French money")
    assert "lang=fr" in driver.current_url
    label = driver.execute_script("return arguments[0].labels[0].textContent",
                                  dash_duo.find_element("#projects-search"))
    assert label == "Chercher dans les titres et les territoires"
    # Dash's "+"/"-" buttons of the budget boxes are named in English only: none is shown or read out
    shown = driver.execute_script(
        "return [...document.querySelectorAll('#projects-filters button')]"
        ".filter(b => b.offsetParent !== null).map(b => b.getAttribute('aria-label'))")
    assert "Increase value" not in shown and "Decrease value" not in shown


def test_a_national_store_s_place_is_found_by_name_and_chosen(dash_duo, app, monkeypatch):
    """Beyond PLACE_LIST places (here: two) the place filter lists only the chosen place; the box
    above it lists the places found as the reader types, says how many, and one chosen filters."""
    from layouts import ranking

    monkeypatch.setattr(ranking, "PLACE_LIST", 2)
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/projects", "#projects-map .main-svg")
    box = dash_duo.find_element("#projects-place-find")
    assert box.is_displayed() and len(Select(dash_duo.find_element("#projects-place")).options) == 1
    box.send_keys("nairob", Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#projects-place-found", "1 place found, listed below.")
    Select(dash_duo.find_element("#projects-place")).select_by_value("ken-nairobi")
    dash_duo._wait_for(lambda _: "place=ken-nairobi" in driver.current_url, timeout=10,
                       msg=lambda *_: f"URL {driver.current_url} has no place")
    dash_duo.wait_for_contains_text(OVERVIEW, "2 of 300 projects match, in 1 place")
    assert serious_violations(driver) == []  # the search box and its live sentence included
