"""Production serving: gunicorn settings, headers, limits, health checks, request log, the shared cache
and its bypass, rate limits and the picture pool's refusals."""

from __future__ import annotations

import logging
import shutil

import pytest

from dashboard import config
from dashboard.cache import SharedCache, key
from dashboard.pictures import PicturePool, PoolBusy
from loaders.paths import DEMO_STORE


def make_client(monkeypatch, **env):
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return create_app(str(DEMO_STORE)).server.test_client()


def test_serve_runs_gunicorn_with_workers_from_the_cpu_count(monkeypatch):
    from dashboard.cli import build_parser
    from dashboard.serve import gunicorn_options

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("CITY_SDG_THREADS", raising=False)
    assert config.workers_and_threads(4) == (5, 4)
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config.settings.cache_clear()  # the environment is read once per process, as a new server would
    assert config.workers_and_threads(4) == (3, 4)
    options = gunicorn_options("127.0.0.1", 8050, 3, 4)
    assert options["worker_class"] == "gthread" and options["bind"] == "127.0.0.1:8050"
    assert gunicorn_options("0.0.0.0", 80, 2, 1)["worker_class"] == "sync"
    args = build_parser().parse_args(["serve", "--workers", "2", "--threads", "8", "--dev"])
    assert (args.workers, args.threads, args.dev) == (2, 8, True)


def test_serve_limits_malloc_arenas_before_gunicorn_starts(monkeypatch):
    """Two arenas per process (glibc), set before the app's threads and workers exist; an
    operator's MALLOC_ARENA_MAX is left as it is."""
    import subprocess
    import sys

    from dashboard import serve

    calls = []
    monkeypatch.setattr(serve, "limit_malloc_arenas", lambda: calls.append("arenas"))
    monkeypatch.setattr(serve.Production, "run", lambda self: calls.append("gunicorn"))
    serve.run(str(DEMO_STORE), "127.0.0.1", 8050, 1, 2)
    assert calls == ["arenas", "gunicorn"]
    code = "from dashboard.serve import limit_malloc_arenas; print(limit_malloc_arenas())"
    env = {k: v for k, v in __import__("os").environ.items() if k != "MALLOC_ARENA_MAX"}
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert ran.stdout.strip() == "True"  # glibc, as on Debian and in the Docker image
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**env, "MALLOC_ARENA_MAX": "4"})
    assert ran.stdout.strip() == "False"


def test_the_master_prepares_what_each_worker_would_make_on_its_first_city_and_explore_page():
    """The first view before forking (Dash's validation layout builds every page once) makes the city
    view's opening years and the explore catalogue of the loaded version, which the workers share:
    25 and 46 ms at 10,000 places that each worker would otherwise spend on its first such page."""
    from dashboard import data, serve
    from dashboard.app import create_app
    from views import city as city_view
    from views.explore import contents as explore_contents

    server = create_app(str(DEMO_STORE)).server
    assert serve.warm(server, first_view=True) == "demo-1"
    try:
        with server.app_context():
            made = data.current().__dict__.get("_prepared", {})
        assert city_view.city_context in made and explore_contents.catalogue in made
        assert made[city_view.city_context].opening and len(made[explore_contents.catalogue].places)
    finally:
        import gc

        gc.unfreeze()


def test_headers_on_pages_embeds_and_api(monkeypatch):
    client = make_client(monkeypatch)
    page = client.get("/")
    policy = page.headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'sha256-" in script_src and "unsafe-inline" not in script_src
    assert "frame-ancestors 'self'" in policy and page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in page.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in page.headers
    secure = client.get("/", base_url="https://sdg.city.example")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    # a client's own X-Forwarded-Proto is believed only from a trusted proxy ($CITY_SDG_PROXIES)
    assert "Strict-Transport-Security" not in client.get("/", headers={"X-Forwarded-Proto": "https"}).headers
    config.settings.cache_clear()
    proxied = make_client(monkeypatch, CITY_SDG_PROXIES="1").get("/", headers={"X-Forwarded-Proto": "https"})
    config.settings.cache_clear()
    assert proxied.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    embed = client.get("/embed/map")
    assert "X-Frame-Options" not in embed.headers and "frame-ancestors *" in embed.headers[
        "Content-Security-Policy"]
    api = client.get("/api/v1/places?limit=1")
    assert api.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in api.headers


def test_request_size_limit(monkeypatch):
    client = make_client(monkeypatch, CITY_SDG_MAX_REQUEST_BYTES="1000")
    response = client.post("/_dash-update-component", data=b"{" + b" " * 5000 + b"}",
                           content_type="application/json")
    assert response.status_code == 413


def test_health_and_readiness(monkeypatch, tmp_path):
    client = make_client(monkeypatch)
    assert client.get("/healthz").get_json() == {"alive": True}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["version"] == "demo-1"
    assert ready.get_json()["cache"] == "in-process"
    from dashboard.app import create_app

    broken = create_app(str(tmp_path / "nothing-here")).server.test_client().get("/readyz")
    assert broken.status_code == 503 and broken.get_json()["ready"] is False


def test_a_damaged_version_is_not_ready_and_its_pages_fail_with_the_app_s_own_page(tmp_path):
    """An emptied places.parquet (a half-synced copy) answered /readyz "ready" while every page
    failed, so a load balancer kept sending readers to it; and the oEmbed link added after each
    page failed again on the unreadable store, so readers got the server's bare English error
    page, and an unknown address a 500."""
    from dashboard.app import create_app

    store = tmp_path / "store"
    shutil.copytree(DEMO_STORE, store)
    version = (store / "CURRENT").read_text().strip()
    (store / "versions" / version / "places.parquet").write_bytes(b"")
    client = create_app(str(store)).server.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503 and "places.parquet cannot be read" in ready.get_json()["error"]
    page = client.get("/city/ken-nairobi", headers={"Accept": "text/html"})
    assert page.status_code == 500 and "This page could not be shown" in page.get_data(as_text=True)
    assert client.get("/no-such-page", headers={"Accept": "text/html"}).status_code in (404, 500)
    # a store whose CURRENT names a version it lacks: the API's clients asked for no version, so the
    # answer is the server's fault (503), not "not a stored data version" (404)
    (store / "CURRENT").write_text("20991231T000000-000000-dead\n")
    answer = create_app(str(store)).server.test_client().get("/api/v1/places?limit=1")
    assert answer.status_code == 503 and "cannot be read" in answer.get_json()["error"]["message"]


def test_one_log_line_per_request(monkeypatch, caplog):
    client = make_client(monkeypatch)
    with caplog.at_level(logging.INFO, logger="city_sdg.requests"):
        client.get("/api/v1/places?limit=1")
    lines = [r.getMessage() for r in caplog.records if r.name == "city_sdg.requests"]
    assert len(lines) == 1 and "GET /api/v1/places view=api_v1.places status=200 ms=" in lines[0]


def test_an_address_cannot_write_lines_of_its_own_into_the_log(monkeypatch, caplog):
    """A newline, a NUL or a line separator in an address (or in a callback's output name) is logged
    escaped, on the request's one line: `/city/x%0AFORGED` wrote a line "FORGED view=- status=404"."""
    client = make_client(monkeypatch)
    with caplog.at_level(logging.INFO, logger="city_sdg.requests"):
        client.get("/city/x%0AFORGED%00%E2%80%A8end")
        client.post("/_dash-update-component", json={"output": "a\nFORGED.children", "inputs": []})
    lines = [r.getMessage() for r in caplog.records if r.name == "city_sdg.requests"]
    assert len(lines) == 2
    assert "/city/x\\nFORGED\\x00\\u2028end view=" in lines[0]
    assert "callback:a\\nFORGED.children" in lines[1]
    assert not any(char in line for line in lines for char in "\n\x00\u2028")


def test_cache_keys_and_get_or_compute(monkeypatch):
    assert key("view", "v1", "en", {"b": 2, "a": 1}) == key("view", "v1", "en", [("a", 1), ("b", 2)])
    assert key("view", "v1", "en", {"a": 1}) != key("view", "v2", "en", {"a": 1})
    assert key("view", "v1", "en", {"a": 1}) != key("view", "v1", "fr", {"a": 1})


def test_cache_keys_name_the_code_that_made_the_answer(tmp_path, monkeypatch):
    """During a rolling deploy sharing one cache, old and new code keep apart: a change to a page's
    code, script or translation changes the fingerprint in every key; a compiled file, a vendored
    script or the same files elsewhere do not."""
    from dashboard import cache as shared

    for part, name, text in (("dashboard", "page.py", "x = 1\n"), ("dashboard/assets", "c.js", "var a;\n"),
                             ("layouts/locales", "m.po", 'msgid "a"\n'), ("views", "v.py", "")):
        (tmp_path / part).mkdir(parents=True, exist_ok=True)
        (tmp_path / part / name).write_text(text)
    first = shared.code_fingerprint(tmp_path)
    (tmp_path / "dashboard/__pycache__").mkdir()
    (tmp_path / "dashboard/__pycache__/page.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "dashboard/vendor").mkdir()
    (tmp_path / "dashboard/vendor/plotly.min.js").write_text("/* new plotly.js */")
    (tmp_path / "dashboard/assets/site.css").write_text("p {}")
    assert shared.code_fingerprint(tmp_path) == first
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path, copy, ignore=shutil.ignore_patterns("copy"))
    assert shared.code_fingerprint(copy) == first  # by relative name and bytes, not by place
    for edited in ("dashboard/page.py", "dashboard/assets/c.js", "layouts/locales/m.po"):
        (copy / edited).write_text((tmp_path / edited).read_text() + " ")
        assert shared.code_fingerprint(copy) != first, edited
        (copy / edited).write_text((tmp_path / edited).read_text())
    monkeypatch.setattr(shared, "code", lambda: "other-code")
    assert key("view", "v1", "en", {"a": 1}).startswith("view:other-code:v1:en:")
    client = make_client(monkeypatch)
    from dashboard.cache import cache

    calls = []
    with client.application.app_context():
        for _ in range(2):
            value, hit = cache.get_or_compute("test", "v1", "en", {"q": "x"}, lambda: calls.append(1) or 42)
        assert (value, hit, len(calls)) == (42, True, 1)


def test_a_view_computed_in_a_request_is_stored_once_its_answer_is_sent(monkeypatch, tmp_path):
    """A cold view's answer goes to the reader before it is pickled and written to the cache (the
    write waits for the response to be closed, which a server does once it has sent it); the next
    ask of the same state, on any worker, is then served from the cache."""
    from dashboard.cache import cache, key

    client = make_client(monkeypatch, CITY_SDG_CACHE_URL=(tmp_path / "views").as_uri())
    app = client.application
    with app.test_request_context("/"):
        assert cache.get_or_compute("test", "v1", "en", {"q": "later"}, lambda: 42) == (42, False)
        assert cache.get(key("test", "v1", "en", {"q": "later"})) is None  # not while answering
        response = app.process_response(app.response_class("answer"))
        assert cache.get(key("test", "v1", "en", {"q": "later"})) is None
        response.close()  # the server has sent it
        assert cache.get(key("test", "v1", "en", {"q": "later"})) == 42
    with app.test_request_context("/"):
        assert cache.get_or_compute("test", "v1", "en", {"q": "later"}, lambda: 1 / 0) == (42, True)
    # through a page's callback: the map's answer, asked twice, is computed once
    from dashboard import cache as shared

    stored = []
    real = shared.SharedCache.set
    monkeypatch.setattr(shared.SharedCache, "set",
                        lambda self, *args, **kwargs: stored.append(args[0]) or real(self, *args, **kwargs))
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if "map-graph.figure" in d["output"])
    outputs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]}
               for o in dep["output"].strip(".").split("...")]
    values = {"map-goal": "7", "map-year": 2024, "map-view": "places"}
    ask = {"output": dep["output"], "outputs": outputs, "changedPropIds": ["map-goal.value"],
           "inputs": [{**i, "value": values.get(i["id"])} for i in dep["inputs"]],
           "state": [{**i, "value": values.get(i["id"])} for i in dep.get("state", [])]}
    first = client.post("/_dash-update-component", json=ask)
    assert first.status_code == 200 and not [k for k in stored if k.startswith("map-view:")]
    first.close()
    assert len([k for k in stored if k.startswith("map-view:")]) == 1
    again = client.post("/_dash-update-component", json=ask)
    again.close()
    assert again.data == first.data and len([k for k in stored if k.startswith("map-view:")]) == 1


def test_serving_goes_on_without_redis(monkeypatch):
    from tests.cluster import free_port

    client = make_client(monkeypatch, CITY_SDG_CACHE_URL=f"redis://127.0.0.1:{free_port()}/0")
    for _ in range(2):
        response = client.get("/api/v1/places?limit=2")
        assert response.status_code == 200 and response.headers["X-Cache"] == "miss"
    assert client.get("/readyz").get_json()["cache"] == "redis-bypassed"
    with client.application.app_context():
        assert SharedCache().get_or_compute("t", "v", "en", {}, lambda: 7)[0] == 7


def test_answers_are_cached_per_version_and_language(monkeypatch):
    client = make_client(monkeypatch)
    first = client.get("/embed/map?goal=4")
    again = client.get("/embed/map?goal=4")
    french = client.get("/embed/map?goal=4&lang=fr")
    assert (first.headers["X-Cache"], again.headers["X-Cache"], french.headers["X-Cache"]) == (
        "miss", "hit", "miss")
    assert again.data == first.data and again.headers["X-Data-Version"] == "demo-1"


def test_full_picture_pool_answers_503_with_retry_after(monkeypatch):
    from dashboard.embed import static

    def busy(*_args, **_kwargs):
        raise PoolBusy("full", 7)

    monkeypatch.setattr(static.pool, "draw", busy)
    response = make_client(monkeypatch).get("/embed/map.png?goal=9")
    assert response.status_code == 503 and response.headers["Retry-After"] == "7"
    assert response.headers["Cache-Control"] == "no-store"


def test_pool_refuses_beyond_its_queue_without_starting_a_browser():
    pool = PicturePool(workers=1, queue=1, seconds=5)
    assert pool.admitted.acquire(blocking=False) and pool.admitted.acquire(blocking=False)
    with pytest.raises(PoolBusy) as refused:
        pool.draw({"data": []}, "png", 100, 100)
    assert refused.value.retry_after >= 1 and pool.kaleido is None


def test_pictures_are_rate_limited_per_client(monkeypatch):
    from dashboard.embed import static

    monkeypatch.setattr(static.pool, "draw", lambda *args, **kwargs: b"\x89PNG")
    client = make_client(monkeypatch, CITY_SDG_RATE_PICTURES="2 per minute")
    statuses = [client.get(f"/embed/map.png?goal={goal}").status_code for goal in (1, 2, 3)]
    assert statuses == [200, 200, 429]
    limited = client.get("/embed/map.png?goal=5")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert client.get("/embed/map?goal=5").status_code == 200  # the HTML embed has its own limit


def test_serve_from_a_command_line_starts_again_with_the_system_memory_pool(monkeypatch):
    """Only `city-sdg serve` typed on a command line (argv None), not --dev, not a call with its own
    arguments, and never over an operator's own choice of pool."""
    from dashboard import cli

    started: list[list[str]] = []
    monkeypatch.setattr(cli.os, "execv", lambda path, arguments: started.append(arguments))
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    parser = cli.build_parser()
    for argv in (["serve", "--dev"], ["import", "x"]):
        cli.start_again_for_serving(parser.parse_args(argv), None)
    cli.start_again_for_serving(parser.parse_args(["serve"]), ["serve"])
    assert started == [] and "ARROW_DEFAULT_MEMORY_POOL" not in cli.os.environ
    cli.start_again_for_serving(parser.parse_args(["serve"]), None)
    assert len(started) == 1 and cli.os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "system"
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    cli.start_again_for_serving(parser.parse_args(["serve"]), None)
    assert len(started) == 1


def test_a_picture_whose_drawing_fails_is_drawn_again_by_a_restarted_browser(monkeypatch):
    """A browser tab that fails a drawing (once seen under load: kaleido's 'kaleido_scopes is not
    defined') is closed and the picture drawn again once by a new one; a second failure is the
    reader's error."""
    import asyncio
    import threading

    browsers = []

    class Browser:
        def __init__(self, fails: int):
            self.fails = fails
            browsers.append(self)

        async def calc_fig(self, figure, opts, topojson=None):
            if self.fails:
                self.fails -= 1
                raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
            return b"<svg/>"

        async def close(self):
            return None

    def run(pool: PicturePool, failures: list[int]) -> bytes:
        def start() -> None:  # as `_start` does, with a stand-in for kaleido's browser
            if pool.kaleido is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, daemon=True).start()
                pool.kaleido, pool.loop = Browser(failures.pop(0)), loop

        monkeypatch.setattr(pool, "_start", start)
        return pool.draw({"data": []}, "svg", 100, 100)

    assert run(PicturePool(workers=1, queue=1, seconds=5), [1, 0]) == b"<svg/>" and len(browsers) == 2
    with pytest.raises(RuntimeError, match="kaleido_scopes"):
        run(PicturePool(workers=1, queue=1, seconds=5), [1, 1])
    assert len(browsers) == 4


def test_a_forged_host_keeps_its_own_answer_and_never_reaches_other_readers(monkeypatch):
    """An embed asked for with `Host: evil.example` was kept, and every later reader got its links to
    evil.example from the cache (the API's next page and Link header too)."""
    client = make_client(monkeypatch)
    forged = client.get("/embed/map?goal=4", headers={"Host": "evil.example"})
    assert forged.status_code == 200 and b"evil.example" in forged.data
    honest = client.get("/embed/map?goal=4")
    assert honest.headers["X-Cache"] == "miss" and b"evil.example" not in honest.data
    paged = client.get("/api/v1/places?limit=2", headers={"X-Forwarded-Host": "evil.example",
                                                          "Host": "evil.example"})
    assert "evil.example" in paged.headers.get("Link", "")
    assert "evil.example" not in client.get("/api/v1/places?limit=2").headers.get("Link", "")


def test_answers_kept_in_the_process_are_bounded_by_bytes():
    """150 pages of 4.2 MB at other offsets grew a worker from 350 to 953 MB: the answers a worker
    keeps let the least recently served go once they pass their budget."""
    from dashboard.answers import ENTRY_BYTES, Kept

    kept = Kept(budget=3 * (300 + 2 + ENTRY_BYTES))
    for n in range(10):
        kept.set(f"k{n}", n, 300)
    assert len(kept.items) == 3 and kept.get("k0") is None and kept.get("k9") == 9
    kept.get("k7")  # served again: kept before k8
    kept.set("k8", 8, 300)
    kept.set("k1", 1, 300)
    assert kept.get("k7") == 7 and kept.get("k9") is None
    # small answers count their keys and bookkeeping too, and there are at most so many of them
    small = Kept(budget=10**9, entries=5)
    for n in range(50):
        small.set(f"k{n}", n, 1)
    assert len(small.items) == 5 and small.total == 5 * (1 + 3 + ENTRY_BYTES)
    gone = Kept(seconds=-1)  # an answer past $CITY_SDG_CACHE_SECONDS is not served
    gone.set("k", 1, 1)
    assert gone.get("k") is None and gone.total == 0
