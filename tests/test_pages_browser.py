"""The pages in Chromium: offline, accessible, URL state, mobile width, screenshots."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import foreign_requests, serious_violations, start, wait_for_maps_fitted

pytestmark = pytest.mark.browser

PAGES = {
    "map": ("/?goal=11&year=2024", "#map-graph .main-svg"),
    "city": ("/city/ken-nairobi", ".goal-tile"),
    "explore": ("/explore", "h1"),
    "projects": ("/projects?goal=11", "#projects-map .main-svg"),
    "financing": ("/projects/financing?region=Africa", "#financing-content .main-svg"),
    "about": ("/about", "#methodology"),
}


def open_page(dash_duo, path: str, ready: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready, timeout=20)


def screenshot_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_offline_accessible_and_fits_a_phone(dash_duo, app, name, tmp_path):
    path, ready = PAGES[name]
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.set_window_size(1280, 1000)
    open_page(dash_duo, path, ready)
    assert driver.find_element("css selector", "html").get_attribute("lang") == "en"
    assert "Demonstration data" in dash_duo.find_element(".demo-banner").text
    assert serious_violations(driver) == []
    folder = screenshot_dir(tmp_path)
    assert wait_for_maps_fitted(driver), name  # the picture shows the map as a reader sees it
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    driver.save_screenshot(str(folder / f"{name}-desktop.png"))
    # a real 375 px viewport: desktop Chromium will not make its window that narrow
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    open_page(dash_duo, path, ready)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 375px"
    # taken on plotly's first draw, the phone's world stood between the zoom buttons and a blank band
    assert wait_for_maps_fitted(driver), name
    driver.execute_script("window.scrollTo({top: 0, behavior: 'instant'})")
    driver.save_screenshot(str(folder / f"{name}-375px.png"))
    assert foreign_requests(driver, dash_duo.server_url) == []


def test_a_city_s_peers_pair_their_cells_on_a_phone_and_stay_a_table_on_a_desktop(dash_duo, app):
    """Each peer was a card of one cell a line on a phone: 50 of them, most of a 14,500 px page. Two short
    cells now share a line there; on a desktop the table is a table."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    open_page(dash_duo, "/city/ken-nairobi", "#city-peers table.cells-paired tbody tr")
    tops = ("return Array.from(document.querySelectorAll('#city-peers tbody tr:first-child td'))"
            ".map(td => Math.round(td.getBoundingClientRect().top))")
    cells = driver.execute_script(tops)
    assert len(cells) >= 3 and cells[0] == cells[1] and cells[2] > cells[1]  # two a line, then the next
    # four columns of short cells (peers of one country) stay a table, its header shown, within 375 px:
    # the tree assets/tables.js makes, drawn as the page draws it
    driver.execute_script("""
        function build(node) {
          if (!Array.isArray(node)) { return document.createTextNode(String(node)); }
          const element = document.createElement(node[0]);
          Object.entries(node[1] || {}).forEach(([key, value]) => element.setAttribute(
            key === 'className' ? 'class' : key, value));
          node.slice(2).forEach(child => element.appendChild(build(child)));
          return element;
        }
        const tree = window.citySdg.table({caption: 'Peers', links: {}, note: '', phone: 'short-cells',
            columns: ['Place', 'Population', 'SDG Index', 'Rank'],
            rows: [['Santa Cruz de la Sierra', '1,722,480', '60.1', '14'], ['Vinto', '62,131', '59.9', '15']],
        }).props.tree;
        document.querySelector('#city-peers').after(build(tree));""")
    row = ("return Array.from(document.querySelectorAll('table.short-cells tbody tr:first-child > *'))"
           ".map(c => c.getBoundingClientRect()).map(r => [Math.round(r.top), Math.round(r.right)])")
    placed = driver.execute_script(row)
    assert len(placed) == 4 and len({top for top, _right in placed}) == 1, placed
    assert max(right for _top, right in placed) <= 375
    header = "return document.querySelector('table.short-cells thead th').offsetHeight"
    assert driver.execute_script(header) > 0
    # its cells name no column of their own, in French too (whose colon rule outweighed it: '2014 : 39,3')
    label = ("document.documentElement.lang = arguments[0]; return getComputedStyle("
             "document.querySelector('table.short-cells tbody td'), '::before').content")
    assert {driver.execute_script(label, lang) for lang in ("en", "fr")} <= {"none", "normal"}
    driver.execute_script("document.documentElement.lang = 'en'")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.set_window_size(1280, 1000)
    open_page(dash_duo, "/city/ken-nairobi", "#city-peers table.cells-paired tbody tr")
    cells = driver.execute_script(tops)
    assert len(set(cells)) == 1  # one row of cells
    # Nairobi's own row among its peers: said in words, marked for a screen reader, highlighted
    own = driver.find_element(By.CSS_SELECTOR, '#city-peers tbody tr[aria-current="true"]')
    assert own.find_element(By.CSS_SELECTOR, "th").text == "Nairobi (this place)"
    other = driver.find_element(By.CSS_SELECTOR, '#city-peers tbody tr:not([aria-current])')
    weight = "return getComputedStyle(arguments[0]).fontWeight"
    assert int(driver.execute_script(weight, own.find_element(By.CSS_SELECTOR, "td"))) > 600
    assert own.value_of_css_property("background-color") != other.value_of_css_property("background-color")


def test_map_state_lives_in_the_url_and_back_restores_it(dash_duo, app):
    start(dash_duo, app)
    open_page(dash_duo, "/?goal=11&year=2024", "#map-graph .main-svg")
    title = "#map-title"
    dash_duo.wait_for_text_to_equal(title, "Goal 11: Sustainable cities and communities, 2024")
    Select(dash_duo.find_element("#map-goal")).select_by_value("6")
    dash_duo.wait_for_text_to_equal(title, "Goal 6: Clean water and sanitation, 2024")
    assert dash_duo.driver.current_url.endswith("/?goal=6&year=2024&lang=en")
    dash_duo.driver.refresh()
    dash_duo.wait_for_text_to_equal(title, "Goal 6: Clean water and sanitation, 2024")
    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal(title, "Goal 11: Sustainable cities and communities, 2024")
    open_page(dash_duo, "/?goal=banana", "#map-graph .main-svg")
    assert "goal 'banana', which is not known" in dash_duo.find_element(".url-problem").text


def test_map_table_comes_when_opened_follows_the_map_and_links_open_city_pages(dash_duo, app):
    """The map's table is sent when its reader opens it (keyboard: Enter on its summary), follows the
    map while open, and its links open city pages."""
    start(dash_duo, app)
    open_page(dash_duo, "/?goal=3&year=2025", "#map-graph .main-svg")
    assert dash_duo.find_elements("#map-table a") == []  # not sent before it is opened
    dash_duo.find_element("#map-table-open").send_keys(Keys.ENTER)
    dash_duo.wait_for_contains_text("#map-table caption", "Goal 3", timeout=20)
    Select(dash_duo.find_element("#map-goal")).select_by_value("6")
    dash_duo.wait_for_contains_text("#map-table caption", "Goal 6", timeout=20)
    link = dash_duo.find_element("#map-table a")
    name = link.get_attribute("textContent")
    dash_duo.driver.execute_script("arguments[0].click()", link)
    dash_duo.wait_for_text_to_equal("h1", name)
    assert "/city/" in dash_duo.driver.current_url


def test_ranked_list_links_move_inside_the_app_and_back_returns(dash_duo, app):
    """The ranking is one StaticTree: its links still navigate like dcc.Link (no page load)."""
    start(dash_duo, app)
    open_page(dash_duo, "/?goal=11&year=2024", "#map-graph .main-svg")
    driver = dash_duo.driver
    driver.execute_script("window.__samePage = true")
    link = dash_duo.find_element(".ranked-list a")
    name = link.text
    link.click()
    dash_duo.wait_for_text_to_equal("h1", name)
    assert "/city/" in driver.current_url and driver.execute_script("return window.__samePage") is True
    driver.back()
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=20)
    assert driver.current_url.endswith("/?goal=11&year=2024&lang=en")
    # one component for the whole list: the renderer keeps few components however many places
    assert len(dash_duo.find_elements(".ranked-list > li")) == 150
    # a link to the API (a file of this origin, not a page of the app) loads it for real
    driver.execute_script("""const a = document.createElement('a'); a.id = 'csv-link';
        a.href = '/api/v1/places'; a.textContent = 'places';
        document.querySelector('.ranked-list li').appendChild(a);""")
    driver.find_element("css selector", "#csv-link").click()
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return window.__samePage") is None)
    assert "/api/v1/places" in driver.current_url


def test_keyboard_alone_reaches_and_changes_the_map_goal(dash_duo, app):
    from selenium.webdriver.common.keys import Keys

    start(dash_duo, app)
    open_page(dash_duo, "/?goal=11&year=2024", "#map-graph .main-svg")
    driver = dash_duo.driver
    body = driver.find_element("css selector", "body")
    body.send_keys(Keys.TAB)
    assert driver.switch_to.active_element.text == "Skip to content"
    for _ in range(40):
        if driver.switch_to.active_element.get_attribute("id") == "map-goal":
            break
        driver.switch_to.active_element.send_keys(Keys.TAB)
    else:
        pytest.fail("the goal control is not reachable with Tab")
    outline = driver.execute_script(
        "return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    dash_duo.wait_for_text_to_equal(
        "#map-title", "Goal 12: Responsible consumption and production, 2024")


UPDATES_JS = """return performance.getEntriesByType('resource')
    .filter(entry => entry.name.includes('_dash-update-component')).length"""


def test_a_choice_made_with_arrow_keys_asks_once_the_keys_rest(dash_duo, app):
    """Arrowing through goals on the closed select asked the server (and a screen reader's live
    summary) once per goal passed; now once for where the keys stopped, as one pointer choice does."""
    start(dash_duo, app)
    open_page(dash_duo, "/?goal=11&year=2024", "#map-graph .main-svg")
    driver = dash_duo.driver
    time.sleep(1)  # the page's own first answers, if any, are in
    settled = driver.execute_script(UPDATES_JS)
    Select(dash_duo.find_element("#map-goal")).select_by_value("12")  # a pointer's choice: at once
    dash_duo.wait_for_text_to_equal("#map-title", "Goal 12: Responsible consumption and production, 2024")
    WebDriverWait(driver, 5).until(lambda _: driver.execute_script(UPDATES_JS) > settled)
    one_choice = driver.execute_script(UPDATES_JS) - settled
    before = driver.execute_script(UPDATES_JS)
    control = dash_duo.find_element("#map-goal")
    for _press in range(3):
        control.send_keys(Keys.ARROW_DOWN)
    assert control.get_attribute("value") == "15"  # the select shows each goal passed at once
    dash_duo.wait_for_text_to_equal("#map-title", "Goal 15: Life on land, 2024")
    time.sleep(1.5)  # past the rest (700 ms): no answer for goals 13 and 14 comes late
    assert driver.execute_script(UPDATES_JS) - before == one_choice
    # the year: one step on and back within the rest asks for nothing, and stays on its year
    before = driver.execute_script(UPDATES_JS)
    year = dash_duo.find_element("#map-year")
    year.send_keys(Keys.ARROW_LEFT)
    year.send_keys(Keys.ARROW_RIGHT)
    time.sleep(1.5)
    assert driver.execute_script(UPDATES_JS) == before
    assert dash_duo.find_element("#map-title").text == "Goal 15: Life on land, 2024"


def test_city_indicator_choice_is_kept_in_the_url(dash_duo, app):
    start(dash_duo, app)
    open_page(dash_duo, "/city/ken-nairobi", "#city-indicator")
    Select(dash_duo.find_element("#city-indicator")).select_by_value("life-expectancy")
    dash_duo.wait_for_contains_text("#city-trend-summary", "Life expectancy")
    assert "indicator=life-expectancy" in dash_duo.driver.current_url
    dash_duo.driver.refresh()
    dash_duo.wait_for_contains_text("#city-trend-summary", "Life expectancy")
    box = dash_duo.find_element("#city-compare input[type='checkbox']")  # its callback: a duplicate output
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); "
                                   "arguments[0].click()", box)
    dash_duo.wait_for_contains_text("#city-compare-out", "side by side", timeout=20)
    assert f"compare={box.get_attribute('value')}" in dash_duo.driver.current_url


def test_own_widgets_work_by_keyboard_and_on_a_phone(dash_duo, app):
    """The year range, the radio buttons, the phone menu and the projects table's late script."""
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/?goal=11&year=2024", "#map-graph .main-svg")
    year = dash_duo.find_element("#map-year")
    assert year.get_attribute("type") == "range" and year.get_attribute("value") == "2024"
    assert driver.execute_script("return arguments[0].labels[0].textContent", year) == "Year"
    year.send_keys(Keys.ARROW_LEFT)  # one step, one answer, the year written beside the track
    dash_duo.wait_for_contains_text("#map-title", "2023", timeout=20)
    assert dash_duo.find_element(".year-range-value").text == "2023"
    assert "year=2023" in driver.current_url
    dash_duo.find_element("label[for='map-view-1']").click()  # "Countries (mean)"
    dash_duo.wait_for_contains_text("#map-title", "each country", timeout=20)
    assert "view=countries" in driver.current_url
    legend = driver.execute_script(
        "return document.getElementById('map-view').closest('fieldset').querySelector('legend').textContent")
    assert legend == "Show"
    table_scripts = ("return performance.getEntriesByType('resource').map(e => e.name)"
                     ".filter(n => n.includes('dash_table'))")
    assert driver.execute_script(table_scripts) == []  # no DataTable on the map page, no script for it
    # on a phone the pages fold behind the menu button, which says whether they are shown
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 900, "deviceScaleFactor": 1, "mobile": True})
    open_page(dash_duo, "/projects", "#projects-map .main-svg")
    toggle, links = dash_duo.find_element(".navbar-toggler"), dash_duo.find_element("#nav-links")
    assert not links.is_displayed() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    WebDriverWait(driver, 5).until(lambda d: links.is_displayed())
    assert toggle.get_attribute("aria-expanded") == "true"
    # the projects table is a plain table paged on the server: no page loads dash_table
    dash_duo.wait_for_element("#projects-table-area .project-title", timeout=20)
    assert driver.execute_script(table_scripts) == []
    assert serious_violations(driver) == []


def test_city_goal_tables_come_when_a_goal_opens_by_key_or_tile_link(dash_duo, app):
    """The page comes without its 17 indicator tables; a goal's table is sent when its section
    opens, from the keyboard on its summary or from a goal tile's #goal-N link, and only then."""
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/city/ken-nairobi", ".goal-tile")
    dash_duo.wait_for_element("#goal-3 .goal-table")
    assert driver.find_elements(By.CSS_SELECTOR, ".goal-section table") == []
    summary = dash_duo.find_element("#goal-3 summary")
    driver.execute_script("arguments[0].focus()", summary)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    dash_duo.wait_for_contains_text("#goal-3 .goal-table caption", "Indicators of goal 3")
    headers = [th.get_attribute("scope") for th in driver.find_elements(By.CSS_SELECTOR, "#goal-3 thead th")]
    assert headers and set(headers) == {"col"}
    assert driver.find_elements(By.CSS_SELECTOR, "#goal-3 tbody th[scope=row]")
    assert len(driver.find_elements(By.CSS_SELECTOR, ".goal-section table")) == 1  # the others not sent
    tile = next(t for t in driver.find_elements(By.CSS_SELECTOR, "a.goal-tile")
                if t.get_attribute("href").endswith("#goal-6"))
    driver.execute_script("arguments[0].focus()", tile)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    dash_duo.wait_for_contains_text("#goal-6 .goal-table caption", "Indicators of goal 6")
    assert driver.execute_script("return document.getElementById('goal-6').open") is True
    assert len(driver.find_elements(By.CSS_SELECTOR, ".goal-section table")) == 2


def test_a_goal_opened_on_one_city_then_another_city_reached_in_the_app(dash_duo, app):
    """A goal opened on one city page, then a peer's page reached by a link inside the app (no
    page load): the peer's goal sections start closed, and opening one sends the peer's table."""
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/city/ken-nairobi#goal-3", "#goal-3 .goal-table table")
    first = dash_duo.find_element("#goal-3 .goal-table").text
    link = dash_duo.find_element("#city-peers a")
    target = link.get_attribute("href").split("?")[0].rsplit("/", 1)[1]
    driver.execute_script("window.__samePage = true; arguments[0].click()", link)
    WebDriverWait(driver, 20).until(lambda d: f"/city/{target}" in d.current_url and d.execute_script(
        "return ![...document.querySelectorAll('h1')].some(h => h.textContent.includes('Nairobi'))"))
    assert driver.execute_script("return window.__samePage") is True
    dash_duo.wait_for_element("#goal-3 .goal-table")
    assert driver.execute_script("return document.getElementById('goal-3').open") is False
    assert driver.find_elements(By.CSS_SELECTOR, ".goal-section table") == []
    summary = dash_duo.find_element("#goal-3 summary")
    driver.execute_script("arguments[0].focus()", summary)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    dash_duo.wait_for_element("#goal-3 .goal-table table")
    assert dash_duo.find_element("#goal-3 .goal-table").text != first


def city_page():
    """The city page's module, as Dash loaded it (under a name of its own)."""
    import importlib

    import dash

    by_path = {page["path"]: page["module"] for page in dash.page_registry.values()}
    return importlib.import_module(by_path["/city/none"])


def test_a_goal_table_that_never_comes_is_offered_again(dash_duo, app, monkeypatch):
    """A goal's table whose answer fails (a server error, a lost connection) left "Loading the
    indicators…" for good. After the page's wait the line says so and offers to ask again, and
    the table asked again takes its place."""
    city = city_page()
    real = city.goal_tables_answer
    asked = []

    def failing_once(ask):
        asked.append(ask.get("goals"))
        if len(asked) == 1:
            raise RuntimeError("the first answer fails")
        return real(ask)

    monkeypatch.setattr(city, "goal_tables_answer", failing_once)
    monkeypatch.setattr(city, "ANSWER_WAIT_MS", 1500)
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/city/ken-nairobi", ".goal-tile")
    driver.execute_script("document.querySelector('#goal-3 summary').click()")
    dash_duo.wait_for_contains_text("#goal-3 .goal-table-retry", "The indicators could not be loaded.",
                                    timeout=15)
    line = dash_duo.find_element("#goal-3 .goal-table-waiting")
    assert "Loading" not in line.text and line.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert serious_violations(driver) == []
    button = line.find_element(By.CSS_SELECTOR, "button")
    assert button.text == "Try again" and button.get_attribute("aria-label").startswith("Try again: Goal 3")
    driver.execute_script("arguments[0].focus()", button)
    ActionChains(driver).send_keys(Keys.ENTER).perform()  # the keyboard reaches it, as a click does
    assert driver.execute_script("return document.activeElement.matches('#goal-3 summary')")
    dash_duo.wait_for_contains_text("#goal-3 .goal-table caption", "Indicators of goal 3", timeout=15)
    assert driver.find_elements(By.CSS_SELECTOR, "#goal-3 .goal-table-retry") == []
    assert asked == [[3], [3]]


def test_a_goal_table_answer_for_a_city_left_behind_is_not_shown_on_the_next(dash_duo, app, monkeypatch):
    """A goal opened on one city page and a link followed before its table came: that table, when
    it comes, is not put into the next city's page, whose goal then sends its own."""
    import time

    from layouts.static_tree import StaticTree
    from tests.components import text

    city = city_page()
    real = city.goal_tables_answer
    asked = []

    def slow(ask):
        asked.append(ask.get("place"))
        if ask.get("place") == "ken-nairobi":
            time.sleep(2)
        return real(ask)

    monkeypatch.setattr(city, "goal_tables_answer", slow)
    start(dash_duo, app)
    driver = dash_duo.driver
    open_page(dash_duo, "/city/ken-nairobi", ".goal-tile")
    driver.execute_script("document.querySelector('#goal-3 summary').click()")
    WebDriverWait(driver, 10).until(lambda d: asked)
    driver.execute_script("window.history.pushState({}, '', '/city/uga-kampala');"
                          "window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('h1')].some(h => h.textContent.includes('Kampala'))"))
    time.sleep(3)  # Nairobi's answer has come back by now
    assert driver.find_elements(By.CSS_SELECTOR, ".goal-section table") == []
    driver.execute_script("document.querySelector('#goal-3 summary').click()")
    dash_duo.wait_for_element("#goal-3 .goal-table tbody th")
    year = int(driver.execute_script("return document.querySelector('[data-ask]').getAttribute('data-year')"))
    kampala = real({"goals": [3], "place": "uga-kampala", "year": year})["tables"]["3"]
    first = text(StaticTree(tree=kampala[4][2][2]))  # table > tbody > first row > its header cell
    assert dash_duo.find_element("#goal-3 .goal-table tbody th").text == first
    assert asked == ["ken-nairobi", "uga-kampala"]


def wards_store(folder: Path) -> Path:
    """Six of the demo's cities moved into a city's span, side by side as wards, each with a square
    boundary 0.03 degrees wide around its marker (an Open SDG site's map layer)."""
    import geopandas
    from shapely.geometry import box

    from loaders.store import Store
    from tests.store_matrix import moved_cities

    meta, tables = moved_cities({f"Ward {row + 1}": (-2.6 + 0.03 * (row % 3), 51.45 + 0.03 * (row // 3))
                                 for row in range(6)})
    wards = tables["places"][tables["places"]["name"].str.startswith("Ward ")]
    shapes = geopandas.GeoDataFrame(
        {"place_id": wards["place_id"].astype(str).tolist(), "code": wards["place_id"].astype(str).tolist()},
        geometry=[box(lon - 0.015, lat - 0.015, lon + 0.015, lat + 0.015)
                  for lon, lat in zip(wards["lon"], wards["lat"], strict=True)], crs="EPSG:4326")
    Store(folder).write(tables, meta, shapes)
    return folder


def test_a_city_s_wards_are_areas_that_name_and_open_their_place(dash_duo, tmp_path, monkeypatch):
    """A store of a city's wards with their boundaries: each ward an area under its marker; pointing
    at the area, away from the marker, names the ward, and choosing it opens the ward's page."""
    from dashboard.app import create_app

    store = wards_store(tmp_path / "wards")
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    start(dash_duo, create_app(str(store)))
    open_page(dash_duo, "/?goal=3", "#map-graph .choroplethlocation")
    driver = dash_duo.driver
    areas = driver.find_elements(By.CSS_SELECTOR, "#map-graph .choroplethlocation")
    assert len(areas) == 6
    driver.execute_script("document.getElementById('map-graph').scrollIntoView("
                          "{block: 'center', behavior: 'instant'})")  # the page scrolls smoothly otherwise
    box = driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                "return [r.left, r.top, r.width, r.height]", areas[0])
    x, y = box[0] + box[2] * 0.2, box[1] + box[3] * 0.2  # inside the ward, far from its marker
    ActionChains(driver).move_to_location(int(x), int(y)).perform()
    label = "const h = document.querySelector('#map-graph .hoverlayer .hovertext'); return h && h.textContent"
    named = WebDriverWait(driver, 10).until(lambda d: d.execute_script(label))
    assert "Score" not in named  # the area's own label: the place's name alone
    ActionChains(driver).move_to_location(int(x), int(y)).click().perform()
    WebDriverWait(driver, 20).until(lambda d: "/city/" in d.current_url)
    dash_duo.wait_for_element(".goal-tile", timeout=20)
    assert named in dash_duo.find_element("h1").text


def test_an_address_to_a_folded_section_opens_it_and_takes_the_focus_there(dash_duo, app):
    """"How this dashboard computes the index" (/about#methodology) landed on a closed section at
    the top of the page, the focus on the body: typed, and followed from the map inside the app."""
    start(dash_duo, app)
    driver = dash_duo.driver
    opened = ("const t = document.getElementById('methodology');"
              "return !!t && !!t.closest('details') && t.closest('details').open"
              " && document.activeElement === t && window.scrollY > 0")
    open_page(dash_duo, "/about?lang=en#methodology", "#methodology")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(opened))
    open_page(dash_duo, "/?lang=en", "#map-graph .main-svg")
    driver.execute_script("window.__samePage = true")
    # what a dcc.Link does (the demo shows no source's own index, so no such link is on its pages)
    driver.execute_script("window.history.pushState({}, '', '/about?lang=en#methodology');"
                          "window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(opened))
    assert driver.execute_script("return window.__samePage") is True
