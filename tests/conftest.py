"""Shared fixtures: where the real data lies, and small stores to test against."""

from __future__ import annotations

import atexit
import faulthandler
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("CITY_SDG_CHECK_FIGURES", "1")  # plotly checks every figure the views build
if not os.environ.get("CITY_SDG_CACHE"):  # files computed once (the gazetteer table, compressed static
    # files) go to a folder of this test process, not to the user's own cache, and go with it
    os.environ["CITY_SDG_CACHE"] = tempfile.mkdtemp(prefix="city-sdg-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CITY_SDG_CACHE"], True)

EXIT_SECONDS = 180
"""How long a test process may take to end once its tests are done (see pytest_unconfigure)."""

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"

CITY_MAPPING = ("format: tidy\nplace: {column: City}\ncountry: {column: Country}\n"
                "indicator: {column: Indicator}\nyear: {column: Year}\nvalue: {column: Value}\n")
"""A mapping of a tidy file of City, Country, Indicator, Year and Value columns."""


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real data folder {REALDATA} is absent (it is always present in CI)")
    return REALDATA


def reset_settings() -> None:
    """Settings read afresh from the environment, and the shipped languages only (settings are read
    once per process in the app; tests change the environment between apps). A fixture that makes
    an app for a whole module calls it first: pytest makes that fixture before the first test's
    `fresh_settings`, so its app read whatever settings the test before it had left."""
    from dashboard import config
    from layouts import i18n

    config.settings.cache_clear()
    i18n.configure()


@pytest.fixture(autouse=True)
def fresh_settings():
    """Each test reads the environment afresh and starts with the shipped languages only."""
    reset_settings()
    yield
    reset_settings()


@pytest.fixture
def app(monkeypatch):
    """The dashboard on the shipped demo store (browser tests start it with tests.browser.start)."""
    from dashboard.app import create_app
    from loaders.paths import DEMO_STORE

    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    return create_app(str(DEMO_STORE))


@pytest.fixture
def dash_thread_server():
    """dash_duo's server: one that stops when asked (tests/browser.py, StoppableRunner)."""
    from tests.browser import StoppableRunner

    with StoppableRunner() as runner:
        yield runner


def pytest_setup_options():
    """Chromium options for dash_duo: Debian's chromium, headless, no background traffic."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo as a static site, exported once per test run (tests/static_site_check.py)."""
    from tests.static_site_check import export_demo_once

    return export_demo_once(tmp_path_factory)


def pytest_unconfigure(config):
    """Once the run is over, this process has EXIT_SECONDS to end. A thread or child left behind
    that keeps it from ending (a browser, a pool) would otherwise hold CI until its own limit with
    nothing to show: instead every thread's stack is printed and the process exits with an error.
    What pytest has written is flushed first, so the summary is never lost in a buffer."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    faulthandler.dump_traceback_later(EXIT_SECONDS, exit=True, file=sys.__stderr__)
