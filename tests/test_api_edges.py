"""The API's answers to unusual requests: values said back as the pages say them (no hidden characters,
cut short), a year written as the store's period, and every parameter fed hostile values on real stores."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest

from layouts.echo import said
from loaders.paths import DEMO_STORE

HIDDEN = ("\u202e", "\u200b", "\u2066", "\x07")
TRICK = "\u202eexe.txt\u200b\x07"
LONG = "x" * 5000


def make_client(store: Path):
    from dashboard.app import create_app

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CITY_SDG_STORE", str(store))
        patch.setenv("CITY_SDG_RATE_API", "1000000 per minute")
        patch.setenv("CITY_SDG_RATE_EMBEDS", "1000000 per minute")
        app = create_app(str(store))
    return app.server.test_client()


@pytest.fixture(scope="module")
def client():
    return make_client(DEMO_STORE)


def error_of(response) -> dict:
    assert response.content_type == "application/json", response.get_data(as_text=True)[:300]
    return json.loads(response.get_data(as_text=True))["error"]


def assert_said(error: dict) -> None:
    """No hidden character and no run of the long value in the message or the parameter named."""
    for text in (error["message"], error["parameter"] or ""):
        assert not any(c in text for c in HIDDEN), error
        assert "x" * (len(said(LONG))) not in text, error
        assert len(text) < 600, error


@pytest.mark.parametrize(("path", "name"), [
    ("/api/v1/places", "place"), ("/api/v1/observations", "goal"), ("/api/v1/observations", "year"),
    ("/api/v1/observations", "country"), ("/api/v1/scores/index", "region"), ("/api/v1/places", "limit"),
    ("/api/v1/places", "format"), ("/api/v1/places", "version"), ("/api/v1/explore", "view"),
    ("/api/v1/explore", "places"), ("/api/v1/explore", "year"), ("/api/v1/projects", "theme"),
    ("/api/v1/projects", "budget_min"), ("/api/v1/places", "bogus"), ("/api/v1/views", "bogus"),
])
def test_a_bad_value_is_said_back_as_the_pages_say_it(client, path, name):
    """`?place=` with a right-to-left override or 5,000 characters came back whole in the JSON error:
    the API says values with `layouts.echo.said`, as the pages do."""
    for value in (TRICK, LONG):
        for key, given in ((name, value), (value, "1")) if name == "bogus" else ((name, value),):
            response = client.get(f"{path}?{quote(key, safe='')}={quote(given, safe='')}")
            assert response.status_code in (400, 404), (path, name)
            error = error_of(response)
            assert_said(error)
            if (name != "bogus" and given == TRICK) or key == TRICK:
                assert "exe.txt" in (error["message"] + (error["parameter"] or "")).lower()


def test_a_value_given_twice_and_a_long_path_are_said_short(client):
    response = client.get(f"/api/v1/places?place={quote(TRICK)}&place={LONG}")
    assert_said(error_of(response))
    assert_said(error_of(client.get("/api/v1/" + LONG)))
    assert_said(error_of(client.get("/api/v1/versions/" + quote(TRICK + LONG, safe=""))))
