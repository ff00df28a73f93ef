"""nginx in front of two app servers (gunicorn) on loopback sharing one Redis and one store: both
serve, an answer computed by one is served by the other from the cache, and an import switches both."""

from __future__ import annotations

import pytest
import requests

from tests.cluster import Cluster, missing_binaries

pytestmark = pytest.mark.slow

MAPPING = """\
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
"""


def import_values(tmp_path, store, nairobi: float) -> str:
    from dashboard.cli import main
    from loaders.store import Store

    (tmp_path / "mapping.yml").write_text(MAPPING)
    source = tmp_path / f"nairobi-{nairobi}.csv"
    source.write_text("City,Country,Indicator,Year,Value\n"
                      f"Nairobi,KEN,11.6.2,2020,{nairobi}\nKampala,UGA,11.6.2,2020,30\n")
    mapping = str(tmp_path / "mapping.yml")
    assert main(["import", str(source), "--mapping", mapping, "--store", str(store)]) == 0
    return Store(store).current_version()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    missing = missing_binaries()
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed "
                    "(scripts/setup.sh with EXTRAS=test installs them)")
    tmp_path = tmp_path_factory.mktemp("cluster")
    store = tmp_path / "store"
    import_values(tmp_path, store, 10.5)
    running = Cluster(tmp_path, store, workers=1, threads=4)
    try:
        yield running.start(apps=2)
    finally:
        running.stop()


def upstream_of(response: requests.Response) -> str:
    return response.headers["X-Upstream"]


def test_two_servers_share_cache_and_store_behind_nginx(cluster):
    front = cluster.url()
    seen = {upstream_of(requests.get(f"{front}/healthz", timeout=10)) for _ in range(6)}
    assert len(seen) == 2, f"nginx should spread requests over both servers, saw {seen}"
    ready = requests.get(f"{front}/readyz", timeout=10).json()
    assert ready["ready"] and ready["cache"] == "redis"

    # an answer computed by one server is served by the other from the shared Redis: asked for at one
    # public address, as nginx passes it on to both (answers are kept per address their links name)
    public = {"Host": "dashboard.example"}
    path = "/api/v1/observations?indicator=11-6-2"
    first = requests.get(cluster.url("app1") + path, timeout=30, headers=public)
    assert first.status_code == 200 and first.headers["X-Cache"] == "miss"
    second = requests.get(cluster.url("app2") + path, timeout=30, headers=public)
    assert second.headers["X-Cache"] == "hit" and second.content == first.content
    embed = "/embed/city-trend?place=ken-nairobi&indicator=11-6-2"
    assert requests.get(cluster.url("app2") + embed, timeout=30, headers=public).headers["X-Cache"] == "miss"
    again = requests.get(cluster.url("app1") + embed, timeout=30, headers=public)
    assert again.headers["X-Cache"] == "hit" and "10.5" in again.text

    # an import into the shared store switches both servers to the new version
    old = first.headers["X-Data-Version"]
    new = import_values(cluster.tmp, cluster.store, 25.5)
    assert new != old
    for name, cached in (("app1", "miss"), ("app2", "hit")):  # computed anew once, for the new version
        answer = requests.get(cluster.url(name) + path, timeout=30, headers=public)
        assert answer.headers["X-Data-Version"] == new and answer.headers["X-Cache"] == cached
        assert "25.5" in answer.text and "10.5" not in answer.text
        assert "25.5" in requests.get(cluster.url(name) + embed, timeout=30).text
    through_nginx = {upstream_of(r): r.headers["X-Data-Version"]
                     for r in (requests.get(front + path, timeout=30) for _ in range(4))}
    assert set(through_nginx.values()) == {new} and len(through_nginx) == 2


def test_serving_goes_on_when_redis_stops(cluster):
    """Runs after the test above (same cluster): stopping Redis is the last thing done to it."""
    path = "/api/v1/places?limit=5"
    assert requests.get(cluster.url() + path, timeout=30).status_code == 200
    cluster.stop_redis()
    for _ in range(6):
        response = requests.get(cluster.url() + path, timeout=30)
        assert response.status_code == 200 and response.headers["X-Cache"] == "miss"
    ready = requests.get(cluster.url() + "/readyz", timeout=10).json()
    assert ready["ready"] and ready["cache"] == "redis-bypassed"
    cluster.start_redis()  # the same port: the servers find it again after the retry interval
