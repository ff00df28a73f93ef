"""Hostile input: every page's URL parameters, every Dash callback (malformed bodies too), every API
parameter and oEmbed, fed over-long strings, control and right-to-left characters, markup, path
traversal, out-of-range numbers and repeated keys: never a 500, never markup reflected unescaped,
and oEmbed never fetches anything."""

from __future__ import annotations

import json
import socket
from urllib.parse import quote

import pytest

from dashboard.api.spec import RESOURCES
from tests.dash_requests import callback_body, router_body
from views.registry import EMBEDS as VIEWS

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MARKERS = (SCRIPT, "<img src=x onerror")
TEXTS = [
    "x" * 20_000, "\x00\x01\x07\x1b[31m\x7f", "\u202e\u200f\u061c مدينة \u2066x\u2069", SCRIPT, IMG,
    "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "-1", "0", "99999999999999999999999", "1e309",
    "NaN", "2020,2021,,,<b>", "{{7*7}}${7*7}", "' OR 1=1 --", "\ud7ff\uffff", " ",
]
SHORT = [TEXTS[0], TEXTS[1], TEXTS[2], SCRIPT, "../../../../etc/passwd", "99999999999999999999999", "-1"]
"""For each parameter alone; the whole list goes into every parameter at once."""
VALUES = [*SHORT, None, True, 1e308, [SCRIPT, None, 5], {"a": SCRIPT}, [[[[[]]]]]]
PAGE_PARAMS = ("goal", "year", "view", "place", "indicator", "target", "region", "subregion", "country",
               "band", "size", "measure", "sort", "x", "y", "from", "to", "places", "compare", "theme",
               "status", "funding", "procurement", "budget_min", "budget_max", "q", "lang", "version")
PAGES = ("/", "/city/ken-nairobi", "/explore", "/projects", "/projects/financing", "/about", "/404")
MALFORMED = [b"", b"not json", b"{", b"[]", b"null", b'"x"', b'{"output": 5}', b'{"output": "x.y"}',
             b'{"output": "map-title.children", "inputs": "x"}', b'{"inputs": [], "changedPropIds": 7}',
             b'{"output": "..map-title.children...map-graph.figure..", "outputs": [], "inputs": [{}]}',
             b"[" * 5000 + b"]" * 5000, json.dumps({"output": SCRIPT, "inputs": [SCRIPT]}).encode()]


@pytest.fixture(scope="module")
def client():
    from dashboard import config
    from dashboard.app import create_app
    from loaders.paths import DEMO_STORE
    from tests.conftest import reset_settings

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
        patch.setenv("CITY_SDG_RATE_API", "1000000 per minute")
        patch.setenv("CITY_SDG_RATE_EMBEDS", "1000000 per minute")
        reset_settings()  # this module's settings, not those the test run before it left cached
        app = create_app(str(DEMO_STORE))
        assert config.rate_limits()["api"] == config.rate_limits()["embeds"] == "1000000 per minute"
        test_client = app.server.test_client()
        test_client.get("/")
        yield test_client


class Tally:
    def __init__(self) -> None:
        self.tried, self.failures = 0, []

    def check(self, label: str, response) -> None:
        self.tried += 1
        body = response.get_data(as_text=True)
        if response.status_code in (500, 502, 504):  # 501 (oEmbed xml) and 503 (busy) are answers
            self.failures.append(f"{label}: HTTP {response.status_code} {body[:200]}")
        elif response.status_code == 429:  # a rate limit answered for the app: nothing was tried
            self.failures.append(f"{label}: rate-limited, so not tried")
        elif response.mimetype in ("text/html", "image/svg+xml") and any(m in body for m in MARKERS):
            self.failures.append(f"{label}: markup reflected unescaped")
        if "Traceback" in body:
            self.failures.append(f"{label}: traceback shown")

    def done(self, what: str) -> None:
        print(f"\n{what}: {self.tried} inputs tried, {len(self.failures)} failures")
        assert self.failures == [], "\n".join(self.failures[:20])


def query(params: dict[str, str]) -> str:
    return "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in params.items())


def hostile_queries():
    """(label, query): every parameter at once set to each hostile text, then each parameter alone
    set to a script."""
    for text in TEXTS:
        yield f"all={text[:20]!r}", query({name: text for name in PAGE_PARAMS})
    for name in PAGE_PARAMS:
        yield name, query({name: SCRIPT})


@pytest.mark.parametrize("path", PAGES)
def test_every_page_parameter(client, path):
    tally = Tally()
    for label, search in hostile_queries():
        tally.check(f"page {path}?{label}", client.get(f"{path}?{search}"))
        tally.check(f"layout {path}?{label}",
                    client.post("/_dash-update-component", json=router_body(path, "?" + search)))
    for text in TEXTS:  # each parameter twice, the second time hostile
        repeated = "&".join(f"{name}=1&{name}={quote(text, safe='')}" for name in PAGE_PARAMS)
        tally.check(f"layout {path}?twice={text[:20]!r}",
                    client.post("/_dash-update-component", json=router_body(path, "?" + repeated)))
    tally.done(f"parameters of {path}")


def test_every_place_address(client):
    tally = Tally()
    for text in TEXTS:
        tally.check(f"place {text[:20]!r}", client.get("/city/" + quote(text, safe="")))
        tally.check(f"layout /city/{text[:20]!r}", client.post(
            "/_dash-update-component", json=router_body("/city/" + text, "")))
    tally.done("place addresses")


def test_every_callback_and_malformed_bodies(client):
    tally = Tally()
    callbacks = [c for c in client.get("/_dash-dependencies").get_json() if not c.get("clientside_function")]
    callbacks = [c for c in callbacks if "_pages_content" not in c["output"]]  # fuzzed with the pages
    for callback in callbacks:
        for value in VALUES:
            body = callback_body(callback, lambda _id, _prop, value=value: value)
            tally.check(f"callback {callback['output'][:40]} = {str(value)[:20]!r}",
                        client.post("/_dash-update-component", json=body))
    for body in MALFORMED:
        tally.check(f"malformed {body[:30]!r}", client.post(
            "/_dash-update-component", data=body, content_type="application/json"))
    tally.check("too large", client.post("/_dash-update-component", data=b"[" + b"0," * 2_000_000 + b"0]",
                                         content_type="application/json"))
    tally.done("callbacks")


def test_a_callback_request_with_outputs_not_its_own_is_refused_without_a_traceback(client, caplog):
    """Outputs of the wrong shape, number or names reached Dash, which failed on them: 400 each time,
    but a traceback in the log per request. They are refused before Dash reads them."""
    map_callback = next(c for c in client.get("/_dash-dependencies").get_json()
                        if "map-graph.figure" in c["output"])
    body = callback_body(map_callback, lambda _id, _prop: None)
    assert client.post("/_dash-update-component", json=body).status_code == 200
    for outputs in ({"x": 1}, [{"id": 1}], [], [{"id": "map-graph", "property": 5}],
                    [{"id": "a", "property": "b"}], body["outputs"][:-1], body["outputs"][::-1]):
        caplog.clear()
        answer = client.post("/_dash-update-component", json={**body, "outputs": outputs})
        assert answer.status_code == 400 and "Not a callback request" in answer.get_json()["error"]["message"]
        assert not [r for r in caplog.records if r.exc_info], outputs


def test_a_callback_failing_again_on_bad_values_logs_its_stack_once(client, caplog):
    """A client posting a wrong value to a callback in a loop wrote a 30-line traceback per request
    (callbacks have no rate limit): the stack is logged once per callback and kind of error, then
    one line each time."""
    import logging

    from dashboard import callbacks_guard

    callbacks_guard.LOGGED.clear()
    content = next(c for c in client.get("/_dash-dependencies").get_json() if "_pages_content" in c["output"])
    body = callback_body(content, lambda _id, prop: ["/"] if prop == "pathname" else None)
    with caplog.at_level(logging.WARNING):
        answers = [client.post("/_dash-update-component", json=body).status_code for _ in range(3)]
    failed = [r for r in caplog.records if "failed on the values sent" in r.getMessage()]
    assert answers == [400] * 3 and len(failed) == 3
    assert [bool(r.exc_info) for r in failed] == [True, False, False]


def test_a_map_click_opens_only_a_page_of_this_site(client):
    """The map's click took any customdata as a place: "//elsewhere" made /city///elsewhere."""
    import dash

    from tests.components import page_module

    open_city = page_module("/").open_city  # as Dash registered it: imported otherwise it registers twice

    assert open_city({"points": [{"customdata": ["ken-nairobi"]}]}).startswith("/city/ken-nairobi")
    assert open_city({"points": [{"customdata": ["//evil.example"]}]}).startswith("/city/%2F%2Fevil.example")
    for click in ({"points": [{"customdata": [5]}]}, {"points": ["x"]}, {"points": [{"customdata": "j"}]}):
        with pytest.raises(dash.exceptions.PreventUpdate):
            open_city(click)


def test_every_api_parameter(client):
    tally = Tally()
    common = ("format", "limit", "offset", "version", "lang", "fields", "sort")
    for resource in RESOURCES.values():
        path = "/api/v1/" + resource.name.replace("{version}", "latest")
        for name in {*(p.name for p in resource.params), *common}:
            for text in SHORT:
                tally.check(f"api {path}?{name}={text[:20]!r}", client.get(f"{path}?{query({name: text})}"))
            tally.check(f"api {path}?{name} twice", client.get(f"{path}?{name}=1&{name}={quote(SCRIPT)}"))
    for text in TEXTS:
        tally.check(f"api path {text[:20]!r}", client.get("/api/v1/" + quote(text, safe="")))
        tally.check(f"version {text[:20]!r}", client.get("/api/v1/versions/" + quote(text, safe="")))
    tally.done("API parameters")


@pytest.mark.parametrize("view", VIEWS)
def test_every_embed_parameter(client, view):
    tally = Tally()
    for label, search in hostile_queries():
        tally.check(f"embed {view}?{label}", client.get(f"/embed/{view}?{search}"))
    tally.done(f"parameters of embed {view}")


def test_every_embed_name(client):
    tally = Tally()
    for text in TEXTS:
        tally.check(f"embed name {text[:20]!r}", client.get("/embed/" + quote(text, safe="")))
    tally.done("embed names")


def test_oembed_names_only_this_site_and_never_fetches(client, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError(f"oEmbed tried to open a connection: {args}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    tally = Tally()
    foreign = ["http://evil.example/", "https://evil.example/?goal=3", "//evil.example/", "file:///etc/passwd",
               "javascript:alert(1)", "http://localhost@evil.example/", "http://127.0.0.1:1/", "gopher://x"]
    for url in [*foreign, *SHORT, "http://localhost/?goal=" + SCRIPT]:
        for extra in ("", "&maxwidth=" + quote("1e309"), "&maxheight=-5", "&format=xml", "&format=" + SCRIPT):
            response = client.get(f"/oembed?url={quote(url, safe='')}{extra}")
            tally.check(f"oembed {url[:30]!r}{extra[:20]}", response)
            if response.status_code == 200:
                answer = response.get_json()
                assert answer["html"].count("http://localhost/embed/") == 1, answer["html"]
                assert SCRIPT not in answer["html"]
    for url in foreign:
        assert client.get(f"/oembed?url={quote(url, safe='')}").status_code == 404
    tally.done("oEmbed")


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/explore?goal=3", 200), ("/city/ken-nairobi", 200), ("/projects/financing", 200),
    ("/city/no-such-place", 404), ("/rankings", 404), ("/nope/deeper", 404), ("/embedded", 404),
    ("/embed/map", 200),
])
def test_an_address_that_names_no_page_answers_404(client, path, status):
    """The page's words say "There is no page at this address" either way; the status now says it
    to crawlers, link checkers and monitors too (every address answered 200), for HEAD as for GET."""
    answer = client.get(path)
    assert answer.status_code == status and answer.mimetype == "text/html"
    assert client.head(path).status_code == status


@pytest.mark.parametrize("path", [
    "/assets/" + "a" * 256, "/assets/topojson/" + "a" * 300, "/_dash-component-suites/plotly/x.js",
    "/_dash-component-suites/dash/nope.js", "/_dash-component-suites/" + "a" * 300 + "/x.js",
])
def test_a_static_file_that_is_not_there_answers_404(client, path, caplog):
    """A file name longer than the file system takes, or a script Dash never registered, answered 500
    and logged a traceback (2 kB a guess, with every registered path): a scanner filled the log."""
    import logging

    with caplog.at_level(logging.WARNING):
        assert client.get(path).status_code == 404
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_pages_under_a_prefix_are_found_and_the_embeds_at_the_root_left_alone():
    """The 404 check looks only at requests that reached Dash's own page routes: with the pages
    under a prefix, the embeds and the API at the server's root are left alone (it asked Dash to
    strip a prefix they do not have, and answered 500). Unit-tested on the routes: a second Dash app
    in one process would replace the first for every later test (Dash's pages know the last app)."""
    from dashboard.not_found import page_path

    assert page_path("/sdg/", "/sdg/<path:path>", {"path": "city/ken-nairobi"}) == "city/ken-nairobi"
    assert page_path("/sdg/", "/sdg/", {}) == ""
    assert page_path("/", "/<path:path>", {"path": "explore/"}) == "explore"
    assert page_path("/sdg/", "/embed/<name>", {"name": "map"}) is None  # an embed answers for itself
    assert page_path("/", "/_dash-layout", {}) is None and page_path("/", None, None) is None


@pytest.mark.parametrize("path", ["/?goal={}", "/?year={}", "/explore?places={}",
                                  "/city/ken-nairobi?indicator={}", "/city/{}", "/projects?theme={}"])
def test_a_value_said_back_cannot_turn_its_message_around_or_fill_the_screen(client, path):
    """A right-to-left override in a value ("?goal=%E2%80%AEexe.txt") turned the rest of its message
    around on the page ("...goal ',txt.exe si tluafed eht ;ereh nwonk ton"), and a 5,000-character
    value was said back whole: a value is said without its hidden characters, and cut short."""
    def words(node) -> list[str]:  # the text the page shows: its components' children
        if isinstance(node, list):
            return [w for child in node for w in words(child)]
        if isinstance(node, dict):
            children = node.get("props", {}).get("children", node.get("response"))
            return [children] if isinstance(children, str) else words(children or [])
        return []

    for value, kept in (("\u202eexe.txt\u200b\x07", "exe.txt"), ("x" * 5000, "x" * 39 + "…")):  # a list: 80
        page, _mark, search = path.format(quote(value, safe="")).partition("?")
        body = router_body(page, "?" + search if search else "")
        answer = client.post("/_dash-update-component", json=body)
        said = [w for w in words(answer.get_json()["response"]["_pages_content"]["children"]) if "exe" in w
                or "xxx" in w]
        assert said and all(kept in w for w in said), (path, said)
        assert not any(c in w for w in said for c in "\u202e\u200b\x07")
        assert not any("x" * 81 in w for w in said)


def test_a_value_is_said_without_hidden_characters_and_cut_short():
    from layouts.echo import said

    assert said("\u202eexe.txt\u2066\u200f\x00") == "exe.txt"
    assert said("مدينة") == "مدينة"  # right-to-left words themselves are words
    assert said("a" * 40) == "a" * 40 and said("a" * 41) == "a" * 39 + "…"
    assert said(None) == "None" and said(2020) == "2020"
