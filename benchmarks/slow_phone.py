"""The dashboard on an inexpensive phone over a slow mobile network, against a plain Dash app.

Run: nice python benchmarks/slow_phone.py
Serves the dashboard (demo store) and a plain Dash app with one map, each on a free port of
127.0.0.1, and loads pages in Chromium (selenium, Debian's chromium and chromedriver) under
the page-speed audits' mobile profile: DevTools network throttling (1.6 Mbit/s down,
750 kbit/s up, 150 ms round trip), CPU slowed 4x, a 375 x 812 touch screen. Per page, on a
first visit (empty cache) and a repeat visit, it prints:

- KB: bytes on the wire (resource timing's transferSize of the page and everything it loaded);
  for an embed whose chart comes on demand, before the reader reaches for it, and +reach: what
  reaching adds (the benchmark reaches as soon as the picture shows);
- FCP: first contentful paint;
- picture: the first frame showing a picture of the view (the server-drawn SVG map or goal
  tiles, else the live chart);
- chart: the first frame with a plotly trace drawn (a map's after its topology arrived),
  "-" for a view without one;
- worker: the state of the page's service worker before the repeat visit ("activated": the
  repeat visit takes its scripts, already compiled, from it; "none": the page has none).

Times are seconds from the start of navigation. Every server is warmed by one unthrottled
visit first, so the figures are the reader's, not the server's first start; the browser's cache
and the origin's storage (service worker, its cache) are then cleared for the first visit, and
the repeat visit waits until a service worker the first one registered has installed.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.paths import DEMO_STORE  # noqa: E402

DOWN_BPS, UP_BPS, RTT_MS, CPU_SLOWDOWN = 1_600_000, 750_000, 150, 4
PAGES = ["/", "/city/ken-nairobi", "/explore", "/projects", "/embed/map",
         "/embed/city-goals?place=ken-nairobi", "/embed/ranking"]
PICTURE = (".first-paint svg, .first-paint .goal-tile, #embed-chart svg, .embed-body .goal-tile, "
           ".goal-tile, .js-plotly-plot .main-svg .trace")
CHART = ".js-plotly-plot .main-svg .trace"
"""plotly has drawn a trace (for a map: after its topology arrived)."""
WATCH = """
window.__marks = {};
(function watch() {
  const marks = window.__marks;
  function frame() {
    const now = performance.now();
    if (!marks.picture && document.querySelector(PICTURE_SELECTOR)) { marks.picture = now; }
    if (!marks.chart && document.querySelector(CHART_SELECTOR)) { marks.chart = now; }
    // an embed whose chart comes on demand: the reader reaches for it as soon as the picture shows
    // and the page can answer (embed.js has shown its button)
    const later = document.querySelector('#embed-chart[data-plotly]');
    const live = document.getElementById('embed-live');
    if (marks.picture && later && live && !live.hidden && !marks.reached) {
      marks.reached = now;
      marks.bytes_before = [performance.getEntriesByType('navigation')[0],
        ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + (e.transferSize || 0), 0);
      later.dispatchEvent(new PointerEvent('pointerenter'));
    }
    if (!marks.chart || !marks.picture) { requestAnimationFrame(frame); }
  }
  requestAnimationFrame(frame);
})();
""".replace("PICTURE_SELECTOR", json.dumps(PICTURE)).replace("CHART_SELECTOR", json.dumps(CHART))
READ = """
const paint = performance.getEntriesByName('first-contentful-paint')[0];
const nav = performance.getEntriesByType('navigation')[0];
const bytes = [nav, ...performance.getEntriesByType('resource')]
  .reduce((sum, e) => sum + (e.transferSize || 0), 0);
return {fcp: paint ? paint.startTime : null, bytes: bytes, marks: window.__marks || {},
        foreign: performance.getEntriesByType('resource').map(e => e.name)
          .filter(u => !u.startsWith(location.origin) && !u.startsWith('data:'))};
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(flask_app, port: int = 0) -> str:
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    port = port or free_port()
    server = make_server("127.0.0.1", port, flask_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def plain_dash_app():
    """What a city would get from Dash's getting-started guide: one map, nothing tuned (no
    compression), with plotly's topology served by the app itself so nothing leaves the machine."""
    import dash
    import plotly.graph_objects as go
    from dash import dcc, html
    from flask import send_from_directory

    from dashboard import data
    from dashboard.paths import ASSETS_DIR
    from layouts import scores as views

    store = data.current()
    frame = views.place_scores(store, None, views.years(store)[-1]).dropna(subset=["lat", "lon"])
    figure = go.Figure(go.Scattergeo(lat=frame["lat"], lon=frame["lon"], text=frame["name"],
                                     marker={"color": frame["score"], "colorscale": "cividis"}))
    # plotly's default template draws lakes, which the shipped topology leaves out (only the
    # layers the dashboard's maps draw are kept, scripts/trim_topology.py): without this line
    # plotly.js stops with an error and draws no map at all
    figure.update_geos(projection_type="natural earth", showlakes=False)
    app = dash.Dash("plain", serve_locally=True)
    app.layout = html.Div([html.H1("SDG Index"),
                           dcc.Graph(figure=figure, config={"topojsonURL": "/topology/"})])

    @app.server.route("/topology/<path:name>")
    def topology(name: str):
        return send_from_directory(ASSETS_DIR / "topojson", name)

    return app


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    driver.set_page_load_timeout(180)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


def throttle(driver, on: bool) -> None:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": RTT_MS if on else 0,
        "downloadThroughput": DOWN_BPS / 8 if on else -1, "uploadThroughput": UP_BPS / 8 if on else -1})
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN if on else 1})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 375, "height": 812, "deviceScaleFactor": 2, "mobile": True})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def visit(driver, url: str, wait_chart: bool, timeout: float = 120) -> dict:
    driver.get("about:blank")  # a new navigation, not a reload of the same address
    driver.get(url)
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = driver.execute_script(READ)
        marks = result["marks"]
        if marks.get("picture") and (marks.get("chart") or not wait_chart):
            break
        time.sleep(0.25)
    time.sleep(1.0)  # late requests (topology, callbacks) count too
    return driver.execute_script(READ)


def seconds(ms) -> str:
    return f"{ms / 1000:.1f}" if ms else "-"


def row(name: str, first: dict, repeat: dict) -> str:
    """KB is what the page costs before the reader reaches for an on-demand chart; `+reach` is
    what reaching adds (plotly.js, the topology); `chart` then counts from navigation with the
    reader reaching as soon as the picture shows."""
    before = first["marks"].get("bytes_before")
    reach = f"+{(first['bytes'] - before) / 1024:.0f}" if before is not None else "-"
    return (f"{name:<38}{(before if before is not None else first['bytes']) / 1024:>8.0f}{reach:>7}"
            f"{seconds(first['fcp']):>7}"
            f"{seconds(first['marks'].get('picture')):>9}{seconds(first['marks'].get('chart')):>7}"
            f"{repeat['bytes'] / 1024:>8.0f}{seconds(repeat['marks'].get('picture')):>9}"
            f"{seconds(repeat['marks'].get('chart')):>7}  {first.get('worker', '')}")


WORKER_READY = """
const done = arguments[0];
if (!navigator.serviceWorker || !document.querySelector('meta[name="city-sdg-worker"]')) {
  done("none"); return;
}
setTimeout(() => done("not ready after 30 s"), 30000);
navigator.serviceWorker.ready.then((r) => {
  if (r.active.state === "activated") { done("activated"); return; }
  r.active.addEventListener("statechange", () => done(r.active.state));
});
"""
"""The page's service worker (dashboard/delivery/worker.py), if it has one, has installed: a reader's
repeat visit comes minutes or days later, not one second after the first."""


def measure(driver, origin: str, path: str) -> tuple[dict, dict]:
    wait_chart = "city-goals" not in path
    throttle(driver, False)
    visit(driver, origin + path, wait_chart, timeout=60)  # warm the server's caches
    # a first visit: nothing cached, neither by the browser nor by a service worker
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    throttle(driver, True)
    first = visit(driver, origin + path, wait_chart)
    driver.set_script_timeout(40)
    first["worker"] = driver.execute_async_script(WORKER_READY)
    repeat = visit(driver, origin + path, wait_chart)
    return first, repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--ports", nargs=2, type=int, default=(0, 0),
                        help="ports for the dashboard and the plain app (default: any free ones)")
    args = parser.parse_args()
    os.environ["CITY_SDG_STORE"] = str(DEMO_STORE)
    from dashboard.app import create_app
    from dashboard.delivery import files, precompress

    dashboard = serve(create_app(str(DEMO_STORE)).server, args.ports[0])
    precompress.warm(files.warm_list(), precompress.cache_folder())
    plain = serve(plain_dash_app().server, args.ports[1])
    driver = browser()
    print(f"profile: {DOWN_BPS / 1e6} Mbit/s down, {UP_BPS / 1e3:.0f} kbit/s up, {RTT_MS} ms RTT, "
          f"CPU x{CPU_SLOWDOWN}, 375x812 mobile; times in s from navigation start")
    print(f"{'page':<38}{'KB':>8}{'+reach':>7}{'FCP':>7}{'picture':>9}{'chart':>7}"
          f"{'rep KB':>8}{'rep pic':>9}{'rep ch':>7}  worker")
    foreign = []
    try:
        for path in args.pages:
            first, repeat = measure(driver, dashboard, path)
            foreign += first["foreign"] + repeat["foreign"]
            print(row(path, first, repeat), flush=True)
        first, repeat = measure(driver, plain, "/")
        foreign += first["foreign"] + repeat["foreign"]
        print(row("plain Dash app, one map (no compression)", first, repeat), flush=True)
    finally:
        driver.quit()
    print("requests outside the origin:", foreign or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
