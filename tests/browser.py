"""Helpers for real-browser tests: which URLs a page used, and whether any left the origin."""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

RESOURCES_JS = """
const urls = performance.getEntriesByType('resource').map(e => e.name);
const nav = performance.getEntriesByType('navigation').map(e => e.name);
const tags = [...document.querySelectorAll('[src],[href]')]
  .filter(el => el.tagName !== 'A')
  .map(el => el.src || el.href);
return [...nav, ...urls, ...tags];
"""


def requested_urls(driver) -> list[str]:
    """URLs the page loaded (resource timing) or points its own elements at (src, link href)."""
    return [url for url in driver.execute_script(RESOURCES_JS) if url]


def foreign_requests(driver, origin: str) -> list[str]:
    """Those of them outside the server's origin (data: and blob: URLs stay in the page)."""
    home = urlparse(origin)
    foreign = []
    for url in requested_urls(driver):
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "javascript"):
            continue
        if (parsed.scheme, parsed.hostname, parsed.port) != (home.scheme, home.hostname, home.port):
            foreign.append(url)
    return foreign


AXE_DIR = Path(__file__).parent / "vendor" / "axe-core"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations, version: axe.version}), error => done({error: String(error)}));
"""


@lru_cache(maxsize=1)
def axe_source() -> str:
    """axe-core 4.x as installed by scripts/build_axe.sh (scripts/setup.sh runs it for the tests);
    installed here on first use when npm is at hand, else the test fails saying how to install it."""
    script = AXE_DIR / "axe.min.js"
    if not script.exists():
        build = Path(__file__).parents[1] / "scripts" / "build_axe.sh"
        result = subprocess.run(["bash", str(build)], capture_output=True, text=True, check=False)
        assert script.exists(), f"axe-core not installed: run scripts/build_axe.sh ({result.stderr[-300:]})"
    return script.read_text(encoding="utf-8")


def serious_violations(driver) -> list[str]:
    """axe-core 4.x on the current page with the WCAG 2.0 and 2.1 A and AA rules;
    'rule: first target (n nodes)' per serious or critical violation."""
    driver.execute_script(axe_source())
    driver.set_script_timeout(120)
    results = driver.execute_async_script(AXE_RUN, AXE_TAGS)
    assert "error" not in results, results.get("error")
    assert results["version"].startswith("4."), results["version"]
    found = []
    for violation in results["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            target = violation["nodes"][0]["target"] if violation["nodes"] else ""
            found.append(f"{violation['id']}: {target} ({len(violation['nodes'])} nodes)")
    return found


def text(driver, selector: str) -> str:
    """The text a reader sees in the first element matching `selector` ("" if there is none), read in
    one script call: a page that redraws the element between a find and a read cannot make the read
    fail with a stale element, as `find_element(...).text` does inside a wait."""
    return driver.execute_script(
        "const el = document.querySelector(arguments[0]); return el ? el.innerText : '';", selector)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served_folder(folder: Path, first_page: str):
    """A folder (a published static site) served over HTTP on a free loopback port, as a city's web
    server would; yields its origin once `first_page` answers."""
    import sys
    import urllib.request

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    origin = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(50):
            try:
                urllib.request.urlopen(origin + first_page, timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield origin
    finally:
        server.terminate()
        server.wait(10)


class StoppableRunner:
    """The server behind dash_duo (tests/conftest.py puts it in place of dash's ThreadedRunner): the
    app's Flask server in one thread, stopped by asking it to stop. Dash's runner stops its server
    by raising SystemExit in every thread started since it began (the app's own pools included)
    and then joins it without a time limit: a run of this suite on CI once waited there until
    CI's own limit. This one stops within STOP_SECONDS or says why. Its address is the one it
    listens on (127.0.0.1, not "localhost", which a machine may give as ::1 first)."""

    scheme, host = "http", "127.0.0.1"
    STOP_SECONDS = 10

    def __init__(self):
        self.server = self.thread = None
        self.port = None
        self.started = False

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def __call__(self, app, port: int | None = None, start_timeout: float = 10.0, **options):
        if options:  # dash's runner passes these to app.run; this one would ignore them silently
            raise TypeError(f"StoppableRunner takes no server options: {sorted(options)}")
        return self.start(app, port, start_timeout)

    def start(self, app, port: int | None = None, start_timeout: float = 10.0) -> None:
        from werkzeug.serving import make_server

        self.stop()  # a test that starts a second app: the first one's server goes first
        app.scripts.config.serve_locally = True
        app.css.config.serve_locally = True
        self.port = port or free_port()
        self.server = make_server("127.0.0.1", self.port, app.server, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       name="dash-duo-server", daemon=True)
        self.thread.start()
        until = time.monotonic() + start_timeout
        while not self.accessible():
            if time.monotonic() > until:
                raise RuntimeError(f"the test server did not answer on {self.url} within {start_timeout} s")
            time.sleep(0.05)
        self.started = True

    def accessible(self) -> bool:
        import requests

        try:
            requests.get(self.url + "/healthz", timeout=2)
        except requests.RequestException:
            return False
        return True

    def stop(self) -> None:
        if self.server is None:
            return
        # shutdown() waits for serve_forever to return at its next poll (for ever, had it never
        # started), so it is asked from a thread of its own and waited for as long as the server
        asking = threading.Thread(target=self.server.shutdown, name="dash-duo-stop", daemon=True)
        asking.start()
        asking.join(self.STOP_SECONDS)
        self.thread.join(self.STOP_SECONDS)
        self.server.server_close()
        if self.thread.is_alive():
            raise RuntimeError(f"the test server on {self.url} did not stop within {self.STOP_SECONDS} s")
        self.server = None
        self.started = False

    def __enter__(self):
        return self

    def __exit__(self, *_error) -> None:
        self.stop()


def start(dash_duo, app) -> None:
    """dash_duo.start_server on a free port, so parallel test workers never collide."""
    dash_duo.start_server(app, port=free_port())


def without_inline_layout(app) -> None:
    """Pages served without the layout and callbacks inside their HTML (as a proxy rewriting HTML
    might serve them): the renderer then asks `_dash-layout` and `_dash-dependencies` itself."""
    import re

    def strip(response):
        if response.mimetype == "text/html" and not response.direct_passthrough:
            page = response.get_data(as_text=True)
            response.set_data(re.sub(r'<script type="application/json" id="_inline-[a-z]+">.*?</script>',
                                     "", page, flags=re.S))
        return response

    # Flask runs after-request functions last-registered first: this one before compression
    app.server.after_request_funcs.setdefault(None, []).append(strip)


MAPS_FITTED = """
const tallest = Math.max(120, Math.round(window.innerHeight * 0.6));  // assets/map_fit.js
return [...document.querySelectorAll('.graph-fluid .js-plotly-plot')].every(graph => {
  const layout = graph._fullLayout, geo = layout && layout.geo && layout.geo._subplot;
  if (!layout) return false;  // not drawn yet
  if (!geo) return true;  // not a map
  if (!geo.bounds) return false;
  const wide = geo.bounds[1][0] - geo.bounds[0][0], high = geo.bounds[1][1] - geo.bounds[0][1];
  return Math.abs(layout._size.h - high) <= 3
    && (wide >= layout._size.w - 4 || layout._size.h >= tallest - 3);
});
"""


def wait_for_maps_fitted(driver, timeout: float = 20) -> bool:
    """Whether every live map of the page is fitted (`assets/map_fit.js` makes its box as tall as the
    geography drawn, after plotly's first draw), waiting up to `timeout` s: a picture taken on the first
    draw showed a phone's world between blank bands."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if driver.execute_script(MAPS_FITTED):
            time.sleep(0.3)  # the relayout's redraw settles
            return True
        time.sleep(0.2)
    return False


def polled(driver, script: str, wanted, timeout: float = 30) -> dict | None:
    """What `script` returns once `wanted(seen)` holds, polling up to `timeout` s; the last thing it
    returned otherwise, for the test's own assertion to show."""
    deadline, seen = time.time() + timeout, None
    while time.time() < deadline:
        seen = driver.execute_script(script)
        if seen and wanted(seen):
            return seen
        time.sleep(0.3)
    return seen
