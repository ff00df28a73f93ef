"""Embed pictures (/embed/<view>.png and .svg): an address the view would not draw as asked is refused
before anything is drawn, a HEAD is answered without drawing, and oEmbed names a picture that is drawn."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from dashboard.embed import static
from views import registry

FAKE = {"png": b"\x89PNG\r\n\x1a\nfake", "svg": b"<svg>fake</svg>"}
PLACE = {"place": "ken-nairobi"}


@pytest.fixture(scope="module")
def client():
    from dashboard import config
    from dashboard.app import create_app
    from loaders.paths import DEMO_STORE

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
        patch.setenv("CITY_SDG_RATE_PICTURES", "1000000 per minute")
        config.settings.cache_clear()  # read before this module's first test cleared them
        yield create_app(str(DEMO_STORE)).server.test_client()


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """Every picture drawn, by format, instead of drawing it (no Chromium needed)."""
    calls: list[str] = []

    def draw(_figure, fmt: str) -> bytes:
        calls.append(fmt)
        return FAKE[fmt]

    monkeypatch.setattr(static, "image", draw)
    return calls


def address(name: str, fmt: str, **query: str) -> str:
    given = {**(PLACE if name.startswith("city-") else {}), **query}
    return f"/embed/{name}.{fmt}?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in given.items())


def a_bad_value(name: str) -> tuple[str, str]:
    """A parameter of the view and a value it does not take."""
    param = next(p for p in registry.declaration(name) if p.kind in ("choice", "integer", "year", "many")
                 and not p.keep_unknown and p.name != "view")
    return param.name, "\u202e99x" if param.kind not in ("integer", "year") else "abc"


@pytest.mark.parametrize("fmt", ["png", "svg"])
@pytest.mark.parametrize("name", list(registry.EMBEDS))
def test_a_picture_asked_with_a_bad_value_is_refused_not_drawn_as_the_default(client, drawn, name, fmt):
    """`/embed/map.png?goal=99` drew the SDG Index map, and nothing on it said the goal was not
    known: an <img> showed another chart than the one asked for. Every picture route now answers
    400 with why, in words, before drawing anything."""
    key, value = a_bad_value(name)
    asked = ((address(name, fmt, **{key: value}), key), (address(name, fmt, colour="red"), "colour"))
    for url, said in asked:
        for answer in (client.get(url), client.head(url)):
            assert answer.status_code == 400, (url, answer.status_code)
            assert answer.content_type == "text/plain; charset=utf-8"
        text = client.get(url).get_data(as_text=True)
        assert text.startswith("No picture is drawn for this address") and f"'{said}'" in text, text
        assert "\u202e" not in text and "<" not in text
    assert drawn == []


def test_a_refusal_names_the_value_and_what_the_page_would_say(client, drawn):
    text = client.get("/embed/map.png?year=abc").get_data(as_text=True)
    assert "'abc' is not a value of 'year' here." in text
    assert "year must be a whole number from" in text and "is shown instead" in text
    text = client.get("/embed/map.png?" + quote("x" * 5000) + "=1").get_data(as_text=True)
    assert "x" * 39 + "…" in text and "x" * 41 not in text


def test_a_good_address_is_still_drawn_and_an_unknown_place_or_view_is_404(client, drawn):
    assert client.get("/embed/map.png?goal=3").data == FAKE["png"]
    assert client.get("/embed/city-goals.svg?place=ken-nairobi&lang=fr").data == FAKE["svg"]
    assert client.get("/embed/city-goals.png?place=atlantis").status_code == 404
    assert client.head("/embed/city-goals.png?place=atlantis").status_code == 404
    assert client.get("/embed/nothing.png").status_code == 404
    assert client.get("/embed/map.png?version=no-such").status_code == 404


def test_head_of_a_picture_not_drawn_yet_draws_nothing(client, drawn):
    """A HEAD of `/embed/map.png` drew the whole picture (Chromium, a second or more) to send no
    body: a flood of HEADs was a cheap way to keep the picture pool busy."""
    url = "/embed/map.png?goal=6&year=2024"
    head = client.head(url)
    assert head.status_code == 200 and head.headers["Content-Type"] == "image/png"
    assert "Content-Length" not in head.headers and head.headers["X-Data-Version"] == "demo-1"
    assert drawn == []
    got = client.get(url)  # the HEAD left nothing in the cache that GET would take for the picture
    assert got.data == FAKE["png"] and got.headers["X-Cache"] == "miss" and drawn == ["png"]
    again = client.head(url)  # drawn once: answered from the cache, with its length
    assert again.headers["X-Cache"] == "hit" and again.headers["Content-Length"] == str(len(FAKE["png"]))
    assert head.headers["Content-Type"] == got.headers["Content-Type"] == again.headers["Content-Type"]
    assert client.head("/embed/map.svg?goal=6").headers["Content-Type"] == "image/svg+xml"
    assert drawn == ["png"]


def test_oembed_names_a_thumbnail_that_is_drawn(client, drawn):
    """oEmbed passed the page's own address on to the thumbnail: a page's ?goal=99 (the page shows
    the default) or its ?sort= made a thumbnail address that pictures refuse."""
    for page in ("/?goal=99&year=2024", "/explore?view=ranking&goal=3&sort=name-asc",
                 "/city/ken-nairobi?indicator=pm25-concentration"):
        answer = client.get("/oembed?url=" + quote("http://localhost" + page, safe="")).get_json()
        thumbnail = answer["thumbnail_url"].removeprefix("http://localhost")
        assert client.get(thumbnail).status_code == 200, thumbnail
    assert "place=ken-nairobi" in thumbnail and "indicator=pm25-concentration" in thumbnail


def test_a_picture_in_a_language_the_site_does_not_speak_or_of_another_view_is_refused(client, drawn):
    """`?lang=xx` drew the picture in English and `ranking.png?view=pie` drew the ranking, each as if
    asked for: every made-up value was one more picture drawn and kept."""
    for url, words in (("/embed/map.png?lang=xx", "'xx' is not a language of this site; it speaks: en"),
                       ("/embed/ranking.png?view=pie", "'pie' is not a value of 'view' here."),
                       ("/embed/trend.svg?view=ranking", "'ranking' is not a value of 'view' here.")):
        answer = client.get(url)
        assert answer.status_code == 400 and words in answer.get_data(as_text=True), url
    assert drawn == []
    for url in ("/embed/map.png?lang=fr-CA", "/embed/map.png?lang=ES", "/embed/ranking.png?view=ranking"):
        assert client.get(url).status_code == 200, url
