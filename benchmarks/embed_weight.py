"""What an embed costs a visitor: bytes on the wire, compressed, for each embeddable view.

Run: python benchmarks/embed_weight.py
Fetches each embed from the app (Flask's test client, demo store) with Accept-Encoding br and
gzip, then every file it loads (stylesheets, scripts and, for maps, the topology plotly asks
for), and prints the compressed and uncompressed totals. An embed with a picture fetches
plotly.js (and a map's topology) only when the reader reaches for the chart: the last column
gives what that adds (brotli). Also times the HTML render (p50/p95).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.paths import DEMO_STORE  # noqa: E402

TOPOLOGY = "/assets/topojson/world_110m.json"
"""Plotly's geo maps at resolution 110 fetch this one file."""


def geo_traces(html: str) -> bool:
    """Whether the embed's figure has a map trace (plotly then fetches the topology)."""
    start = html.find('id="embed-figure">')
    if start < 0:
        return False
    block = html[start + len('id="embed-figure">'): html.index("</script>", start)]
    return any(t.get("type") in ("scattergeo", "choropleth") for t in json.loads(block)["data"])


def fetch(client, url: str, encoding: str) -> tuple[int, int]:
    response = client.get(url, headers={"Accept-Encoding": encoding})
    assert response.status_code == 200, (url, response.status_code)
    raw = response.get_data()
    plain = client.get(url, headers={"Accept-Encoding": "identity"}).get_data()
    return len(raw), len(plain)


def main() -> int:
    os.environ["CITY_SDG_STORE"] = str(DEMO_STORE)
    from dashboard.app import create_app
    from views.registry import EMBEDS as VIEWS

    app = create_app(str(DEMO_STORE))
    client = app.server.test_client()
    header = f"{'view':<16}{'files':>6}{'brotli KB':>11}{'gzip KB':>9}{'plain KB':>10}{'on demand':>11}"
    print(header + f"{'p50 ms':>8}{'p95 ms':>8}")
    for name in VIEWS:
        if name == "city-districts":
            continue  # the demo has no district boundaries
        url = f"/embed/{name}" + ("?place=ken-nairobi" if name.startswith("city-") else "")
        html = client.get(url).get_data(as_text=True)
        files = [url, *re.findall(r'(?:src|href)="(/[^"#]+\.(?:css|js))"', html)]
        later = re.findall(r'data-plotly="([^"]+)"', html)
        (later if later else files).extend([TOPOLOGY] if geo_traces(html) else [])
        totals = {"br": 0, "gzip": 0, "plain": 0}
        for file in files:
            for encoding in ("br", "gzip"):
                compressed, plain = fetch(client, file, encoding)
                totals[encoding] += compressed
            totals["plain"] += plain
        on_demand = sum(fetch(client, file, "br")[0] for file in later)
        times = []
        for _ in range(20):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"{name:<16}{len(files):>6}{totals['br'] / 1024:>11.0f}{totals['gzip'] / 1024:>9.0f}"
              f"{totals['plain'] / 1024:>10.0f}{(f'+{on_demand / 1024:.0f}' if later else '-'):>11}"
              f"{statistics.median(times):>8.0f}{p95:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
