"""The published site's script keeps what the export wrote when it switches a view: the data's
words in another language tagged with it (`lang`), and a period on one line. It wrote the state's
text plain, so Bristol's French scatter lost the `lang` of its two English names once chosen."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import served_folder
from tests.test_static_site_browser import browser, console_errors

pytestmark = [pytest.mark.browser, pytest.mark.realdata]


@pytest.fixture(scope="module")
def bristol_site(tmp_path_factory):
    from dashboard.cli import main
    from tests.conftest import REALDATA

    if not (REALDATA / "bristol-opensdg").is_dir():
        pytest.skip("real data folder is absent")
    root = tmp_path_factory.mktemp("bristol-site")
    store, site = root / "store", root / "site"
    assert main(["import", str(REALDATA / "bristol-opensdg"), "--store", str(store), "--quiet"]) in (0, 1)
    assert main(["export-static", str(site), "--store", str(store), "--lang", "fr", "--no-pictures",
                 "--place", "gbr-bristol", "--latest-years", "1", "--quiet"]) == 0
    with served_folder(site, "/fr/explore.html") as origin:
        yield origin


SPANS = """return Array.from(document.querySelectorAll(arguments[0] + ' span')).map(s =>
  [s.lang, s.className, s.textContent, s.getClientRects().length]);"""


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (375, 812)])
def test_a_switched_view_keeps_its_tags_and_its_periods_whole(bristol_site, width, height):
    driver = browser(width, height)
    try:
        driver.get(bristol_site + "/fr/explore.html")
        wait = WebDriverWait(driver, 60)
        title = driver.find_element(By.CSS_SELECTOR, "#explore-view .view-title")
        first = title.text
        Select(driver.find_element(By.ID, "explore-view-view")).select_by_value("scatter")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#explore-view .view-title").text != first)
        summary = driver.execute_script(SPANS, "#explore-view .view-summary")
        tagged = [text for lang, _cls, text, _lines in summary if lang == "en"]
        # the scatter's default pair, two indicators that share wards in 2021 (Explore's rule since
        # session 44: the old pair, a "%" and a "Pupils" indicator, shared none and drew nothing)
        assert tagged == ["% households which have experienced moderate to severe food insecurity",
                          "Access to mobile broadband at home"], summary
        assert "(en anglais)" not in driver.find_element(By.CSS_SELECTOR, "#explore-view .view-summary").text
        heading = driver.execute_script(SPANS, "#explore-view .view-title")
        assert [lang for lang, *_rest in heading] == ["en", "en"]  # the title keeps its markers, tagged
        # back to the ranking, written by the script this time: its "de 2020-21" on one line
        Select(driver.find_element(By.ID, "explore-view-view")).select_by_value("ranking")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "#explore-view .view-title").text == first)
        summary = driver.execute_script(SPANS, "#explore-view .view-summary")
        periods = [(text, lines) for _lang, cls, text, lines in summary if cls == "text-nowrap"]
        assert periods == [("2020-21", 1)], summary  # on one line, on a phone too
        assert console_errors(driver) == []
    finally:
        driver.quit()
