"""Static files: precompressed once, content-hashed names cached as immutable, the partial plotly.js."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re

import brotli
import pytest

from dashboard import first_paint, plotly_bundle
from dashboard.delivery import files, precompress
from loaders.paths import DEMO_STORE

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    import os

    before = os.environ.get("CITY_SDG_CACHE")
    os.environ["CITY_SDG_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    from dashboard.app import create_app

    yield create_app(str(DEMO_STORE)).server.test_client()
    if before is None:
        del os.environ["CITY_SDG_CACHE"]
    else:
        os.environ["CITY_SDG_CACHE"] = before


def test_hashed_files_come_compressed_and_immutable(client):
    url = files.url("bootstrap.min.css")
    assert re.fullmatch(r"/h/[0-9a-f]{16}/bootstrap\.min\.css", url)
    original = files.named_files()["bootstrap.min.css"].read_bytes()
    br = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert br.headers["Content-Encoding"] == "br" and br.headers["Cache-Control"] == IMMUTABLE
    assert brotli.decompress(br.get_data()) == original
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.get_data()) == original
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data() == original
    assert "Accept-Encoding" in br.headers["Vary"]


def test_compressed_copies_are_written_once_by_content(client):
    path = files.named_files()["embed.css"]
    first = precompress.encoded(path, "br")
    stamp = first.stat().st_mtime_ns
    client.get(files.url("embed.css"), headers={"Accept-Encoding": "br"})
    assert precompress.encoded(path, "br") == first and first.stat().st_mtime_ns == stamp
    assert first.name == f"{precompress.digest(path)}.br"


def test_a_stale_hash_gets_todays_file_without_immutable(client):
    response = client.get("/h/0000000000000000/embed.css", headers={"Accept-Encoding": "br"})
    assert response.status_code == 200 and response.headers["Cache-Control"] != IMMUTABLE
    assert client.get("/h/0000000000000000/nothing.css").status_code == 404


def test_dash_bundles_keep_their_fingerprint_and_are_immutable(client):
    html = client.get("/").get_data(as_text=True)
    bundles = re.findall(r'src="(/_dash-component-suites/[^"]+\.v[^"]+\.js)"', html)
    assert bundles
    for url in bundles:
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200, url
        assert response.headers["Content-Encoding"] == "br" and response.headers["Cache-Control"] == IMMUTABLE
    # no plotly.js script tag holds the renderer back: the head's own script starts it at once from
    # its content-hashed address, allowed by the script's hash; the preload names the same address
    assert "plotly.min.js" not in " ".join(re.findall(r"<script[^>]*src=[^>]*>", html))
    loader = first_paint.plotly_loader("/")
    assert f"<script>{loader}</script>" in html.split("</head>")[0]
    assert f'<link rel="preload" href="{files.plotly_address("/")}" as="script">' in html
    assert json.dumps(files.plotly_address("/")) in loader
    digest = base64.b64encode(hashlib.sha256(loader.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in client.get("/").headers["Content-Security-Policy"]
    assert files.plotly_address("/") not in client.get("/about").get_data(as_text=True)


def test_dashs_own_plotly_address_and_the_embeds_get_the_partial_bundle(client):
    partial = plotly_bundle.bundle_path().read_bytes()
    for url in ("/_dash-component-suites/plotly/package_data/plotly.min.js", "/vendor/plotly/plotly.min.js"):
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert gzip.decompress(response.get_data()) == partial, url
    assert files.url("plotly.min.js") in client.get("/embed/map").get_data(as_text=True)
    response = client.get("/" + first_paint.PLOTLY_PATH)
    assert response.headers["ETag"] and "max-age" in response.headers["Cache-Control"]
    again = client.get("/" + first_paint.PLOTLY_PATH, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304  # a repeat visit after the cache time costs one round trip


def test_topology_and_assets_are_compressed_with_an_etag(client):
    response = client.get("/assets/topojson/world_110m.json", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br" and response.headers["ETag"]
    again = client.get("/assets/topojson/world_110m.json",
                       headers={"Accept-Encoding": "br", "If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/assets/../pyproject.toml").status_code == 404


def test_without_a_writable_cache_files_are_still_served(client, monkeypatch):
    def unwritable(path, encoding):
        raise PermissionError("read-only")

    monkeypatch.setattr(precompress, "encoded", unwritable)
    response = client.get(files.url("embed.js"), headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    body = response.get_data()
    if response.headers.get("Content-Encoding") == "br":  # flask-compress, on the fly
        body = brotli.decompress(body)
    assert body == files.named_files()["embed.js"].read_bytes()


def test_pages_load_regenerator_runtime_instead_of_dashs_babel_polyfill(client):
    """Dash's bundles call the global regeneratorRuntime; the rest of the 100 kB polyfill is core-js
    for browsers older than any the dashboard supports. The test setup fetches the runtime."""
    assert files.RUNTIME.is_file(), "run scripts/build_runtime.sh"
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert not [s for s in scripts if "polyfill" in s]
    assert scripts[0] == files.url("regenerator-runtime.js")  # before every bundle that needs it
    response = client.get(scripts[0], headers={"Accept-Encoding": "br"})
    assert response.headers["Cache-Control"] == IMMUTABLE
    assert b"regeneratorRuntime = runtime" in brotli.decompress(response.get_data())


def test_warming_into_a_folder_that_goes_away_stops_with_a_warning(tmp_path, caplog):
    """The background warming of compressed files meets a cache folder removed under it (a cleaner
    of /tmp, a test's end): it stops with one warning instead of a thread's traceback."""
    from dashboard.delivery import precompress

    source = tmp_path / "page.js"
    source.write_text("let x = 1;\n" * 200)
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    with caplog.at_level("WARNING", logger="dashboard.delivery.precompress"):
        precompress.warm([source], blocked / "static")
    assert "warming the compressed static files stopped" in caplog.text
