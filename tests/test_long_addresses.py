"""Over HTTP, against `city-sdg serve` (gunicorn): an address longer than the app reads is answered by
the app in the reader's language; one longer than gunicorn's request line by gunicorn itself; a HEAD
of a picture is answered at once, without drawing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests

from dashboard.long_address import MOST_BYTES
from loaders.paths import DEMO_STORE
from tests.cluster import free_port, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("long") / "serve.log"
    env = {**os.environ, "CITY_SDG_VERSION_POLL": "0", "CITY_SDG_RATE_PICTURES": "1000 per minute"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dashboard.cli", "serve", "--store", str(DEMO_STORE), "--host",
             "127.0.0.1", "--port", str(port), "--workers", "1", "--threads", "2"],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", process=process)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        print(log.read_text(errors="replace")[-3000:])


def padded(path: str, size: int) -> str:
    """`path` with a query value that makes the address `size` bytes long."""
    return path + "a" * (size - len(path))


@pytest.mark.parametrize(("path", "kind"), [("/api/v1/places?place=", "application/json"),
                                            ("/embed/map.png?goal=", "text/plain"),
                                            ("/explore?places=", "text/html")])
def test_an_address_too_long_for_the_app_is_answered_by_the_app(base, path, kind):
    """gunicorn answered a long address with its own bare English page; up to 8,190 bytes of request
    line it now reaches the app, which refuses one over MOST_BYTES in words, as its part of the site
    answers errors."""
    answer = requests.get(base + padded(path, MOST_BYTES + 50), timeout=30)
    assert answer.status_code == 414 and answer.headers["Content-Type"].startswith(kind)
    assert "8,050 bytes long" in answer.text and "up to 8,000 bytes" in answer.text
    assert answer.headers["Content-Language"] == "en"
    if kind == "text/html":  # laid out at the phone's width, not at 980 px
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in answer.text
    if kind == "application/json":
        assert answer.json()["error"]["status"] == 414
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert requests.get(base + padded(path, MOST_BYTES), timeout=60).status_code != 414


def test_an_address_past_gunicorn_s_line_is_refused_by_gunicorn(base):
    """What docs/deploying.md says happens above the app's reach: the web server's own 414."""
    answer = requests.get(base + padded("/api/v1/places?place=", 9000), timeout=30)
    assert answer.status_code == 414 and "application/json" not in answer.headers.get("Content-Type", "")


def test_head_of_a_picture_is_answered_without_drawing_it(base):
    answer = requests.head(base + "/embed/map.png?goal=7", timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "image/png"
    assert "Content-Length" not in answer.headers and answer.elapsed.total_seconds() < 2
    assert requests.head(base + "/embed/map.png?goal=99", timeout=10).status_code == 400
    assert requests.get(base + "/healthz", timeout=10).status_code == 200  # the connection pool goes on
