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


@pytest.fixture(scope="module")
def bristol_client(tmp_path_factory):
    """Bristol's Open SDG site imported: its financial years are kept as the year they end ("2020-21"
    as 2021), written as the source wrote them on the pages."""
    from dashboard.cli import main
    from tests.conftest import REALDATA

    folder = REALDATA / "bristol-opensdg"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    store = tmp_path_factory.mktemp("bristol-api") / "store"
    assert main(["import", str(folder), "--store", str(store), "--quiet"]) in (0, 1)
    return make_client(store)


@pytest.mark.realdata
@pytest.mark.parametrize("path", ["scores/index", "scores/goals", "observations", "scores/indicators",
                                  "explore"])
def test_a_year_may_be_given_as_the_period_the_pages_write(bristol_client, path):
    """`?year=2020-21`, the words Bristol's pages show for its 2021, was a 400 ("not a year from 1900
    to 2100"): a period the store writes is the year it stands for, as on the pages."""
    as_period = bristol_client.get(f"/api/v1/{path}?year=2020-21")
    as_number = bristol_client.get(f"/api/v1/{path}?year=2021")
    assert as_period.status_code == as_number.status_code == 200, as_period.get_data(as_text=True)[:300]
    assert as_period.get_json()["data"] == as_number.get_json()["data"] and as_number.get_json()["data"]
    assert bristol_client.get(f"/api/v1/{path}?year=2020%2F21").get_json()["data"] == \
        as_number.get_json()["data"]


@pytest.mark.realdata
def test_a_range_of_periods_and_its_next_page_read_as_years(bristol_client):
    answer = bristol_client.get("/api/v1/observations?from=2017-18&to=2020-21&limit=5").get_json()
    assert answer["meta"]["total"] == bristol_client.get(
        "/api/v1/observations?from=2018&to=2021&limit=5").get_json()["meta"]["total"]
    assert "from=2018" in answer["meta"]["next"] and "to=2021" in answer["meta"]["next"]


@pytest.mark.realdata
@pytest.mark.parametrize("value", ["2030-31", "2020-2", "abc", "2021-22"])
def test_a_period_the_store_does_not_write_is_refused_naming_the_years_and_periods(bristol_client, value):
    for path in ("scores/index", "explore"):
        answer = bristol_client.get(f"/api/v1/{path}?year={quote(value)}")
        error = error_of(answer)
        assert answer.status_code == 400 and error["parameter"] == "year"
        assert f"'{value}'" in error["message"] and "2012-13" in error["message"]
        assert "2020-21" in error["message"], error


def test_a_store_without_periods_says_only_its_years(client):
    error = error_of(client.get("/api/v1/scores/index?year=2020-21"))
    assert error["message"] == "'2020-21' is not a year from 1900 to 2100."


HOSTILE = ["", "x" * 20000, TRICK, "<script>alert(1)</script>", "-1", "1.5", "1e309", "NaN", "2020-21",
           "\u0663", "\x00", "9" * 30, "9" * 5000]


@pytest.mark.realdata
def test_every_parameter_of_every_resource_on_a_real_store_is_an_answer(bristol_client):
    """No 500 and no traceback for any hostile value of any parameter on Bristol's store (its periods,
    its wards); the session's sweep of Bristol and Bolivia's municipal atlas found none either."""
    from dashboard.api.spec import COMMON, RESOURCES

    for resource in RESOURCES.values():
        path = "/api/v1/" + resource.name.replace("{version}", "latest")
        for name in [*(p.name for p in resource.params), *(p.name for p in COMMON), "zz"]:
            for value in HOSTILE:
                answer = bristol_client.get(f"{path}?{quote(name)}={quote(value, safe='')}")
                text = answer.get_data(as_text=True)
                assert answer.status_code < 500 and "Traceback" not in text, (path, name, value[:20])
        for method in ("head", "options"):
            assert getattr(bristol_client, method)(path).status_code < 500
