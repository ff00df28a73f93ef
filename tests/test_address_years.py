"""A year in an address as the pages write it: Bristol's financial year "2020-21" (its store's 2021)
read by every page, embed, picture and the API through one rule (`layouts.years.asked`), and an
unknown period said back with the years and periods the data has."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from layouts import years
from tests.dash_requests import router_body
from views.params import Declaration, Param

KNOWN = {"2019-20": 2020, "2020-21": 2021}


@pytest.mark.parametrize(("text", "year"), [
    ("2021", 2021), (" 02021 ", 2021), ("2020-21", 2021), ("2020/21", 2021), ("2020\u201321", 2021),
    (" 2019-20", 2020), ("2018-19", None), ("2019-22", None), ("2020-2021", None), ("\u00b2", None),
    ("\u0662\u0660\u0662\u0661", None), ("-5", None), ("2021.0", None), ("1e3", None), ("9" * 12, None),
    ("", None), ("2020-21x", None),
])
def test_one_rule_reads_a_year_or_a_period_the_data_writes(text, year):
    assert years.asked(text, KNOWN) == year


def test_periods_named_are_only_those_shaped_as_periods_and_at_most_twelve():
    many = {f"{y}-{(y + 1) % 100:02d}": y + 1 for y in range(2000, 2020)}
    listed = years.listed(many)
    assert listed.startswith("2000-01, 2001-02") and listed.endswith("2011-12, \u2026")
    assert all(re.fullmatch(years.ASKED_PERIOD, text) for text in many)


def declaration(periods: dict[str, int] | None) -> Declaration:
    return Declaration((Param("year", "year", "Year", default=2021, bounds=lambda _c, _v: (2010, 2021),
                              periods=(lambda _c, _v: periods) if periods is not None else None),))


@pytest.mark.parametrize("asked", ["2019-20", "2019/20", "2020", " 02020 "])
def test_a_year_parameter_reads_a_period_as_its_year(asked):
    assert declaration(KNOWN).read({"year": asked}, None) == ({"year": 2020}, [])


def test_an_unknown_period_is_said_with_the_years_and_periods_and_the_default_shown():
    values, problems = declaration(KNOWN).read({"year": "2018-19"}, None)
    assert values == {"year": 2021}
    assert problems == ["In the address, year must be a year from 2010 to 2021 or a period the data writes "
                        "(2019-20, 2020-21), not '2018-19'; 2021 is shown instead."]


def test_a_store_without_periods_says_a_whole_number_as_before():
    values, problems = declaration(None).read({"year": "2019-20"}, None)
    assert values == {"year": 2021} and "must be a whole number from 2010 to 2021" in problems[0]


@pytest.fixture(scope="module")
def bristol(tmp_path_factory):
    """Bristol's Open SDG site imported (its financial years: '2020-21' is its 2021), its client and
    its served version."""
    from dashboard.cli import main
    from loaders import serving
    from loaders.store import Store
    from tests.conftest import REALDATA
    from tests.test_api_edges import make_client

    folder = REALDATA / "bristol-opensdg"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    store = tmp_path_factory.mktemp("bristol-years") / "store"
    assert main(["import", str(folder), "--store", str(store), "--quiet"]) in (0, 1)
    opened = Store(store)
    return make_client(store), serving.read_served(opened, opened.current_version())


def shown(client, address: str) -> str:
    page, _mark, search = address.partition("?")
    answer = client.post("/_dash-update-component", json=router_body(page, "?" + search if search else ""))
    assert answer.status_code == 200
    return json.dumps(answer.get_json()["response"]["_pages_content"]["children"], sort_keys=True)


@pytest.mark.realdata
@pytest.mark.parametrize(("asked", "meant"), [
    ("/?year=2019-20", "/?year=2020"), ("/?year=2016%2F17&goal=3", "/?year=2017&goal=3"),
    ("/explore?year=2019-20", "/explore?year=2020"),
    ("/explore?view=trend&from=2014-15&to=2018-19", "/explore?view=trend&from=2015&to=2019"),
    ("/city/gbr-bristol?year=2019-20", "/city/gbr-bristol?year=2020"),
    ("/city/gbr-bristol-e05010885?year=2017-18", "/city/gbr-bristol-e05010885?year=2018"),
])
def test_every_page_shows_the_year_a_period_stands_for(bristol, asked, meant):
    """`?year=2020-21`, copied from Bristol's own pages, said "year must be a whole number" and
    showed the default year: each page now shows the very page of the year the period stands for."""
    client, _store = bristol
    page = shown(client, asked)
    assert page == shown(client, meant) and "url-problem" not in page


@pytest.mark.realdata
@pytest.mark.parametrize("address", ["/?year=2019-22", "/explore?year=2030-31", "/city/gbr-bristol?year=x"])
def test_an_unknown_period_on_a_page_names_the_years_and_periods(bristol, address):
    client, _store = bristol
    page = json.loads(shown(client, address))
    said = "".join(text(problem) for problem in found(page, "url-problem"))
    assert said.startswith("In the address, year must be a year from 2010 to 2021 or a period the data "
                           "writes (2012-13, 2013-14,"), said
    assert {"text-nowrap"} == {node["props"]["className"] for node in found(page, "text-nowrap")}


def found(node, name: str) -> list[dict]:
    """The components of a layout's JSON with the class `name`."""
    if isinstance(node, list):
        return [hit for child in node for hit in found(child, name)]
    if not isinstance(node, dict):
        return []
    props = node.get("props", {})
    mine = [node] if name in str(props.get("className", "")).split() else []
    return mine + found(props.get("children"), name)


def text(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(text(child) for child in node)
    return text(node.get("props", {}).get("children") or "") if isinstance(node, dict) else ""


@pytest.mark.realdata
def test_embeds_pictures_and_projects_read_the_period_too(bristol):
    from views import projects as project_views
    from views import registry

    client, store = bristol
    for name in ("map", "ranking", "city-goals"):
        place = {"place": "gbr-bristol"} if name.startswith("city") else {}
        period = registry.build(name, {**place, "year": "2019-20"}, store)
        number = registry.build(name, {**place, "year": "2020"}, store)
        assert period.problems == [] and period.heading == number.heading
        assert client.head(f"/embed/{name}.png?year=2019-20&" + "&".join(
            f"{k}={v}" for k, v in place.items())).status_code == 200
    assert client.head("/embed/map.png?year=2019-22").status_code == 400
    cat = replace(project_views.context(store), years=[2015, 2016, 2020, 2021],
                  periods=years.known_periods(store))
    filters, problems = project_views.parse({"from": "2019-20", "to": "2020/21"}, cat)
    assert (filters.start, filters.end, problems) == (2020, 2021, [])


@pytest.mark.realdata
def test_the_openapi_description_allows_every_year_the_api_takes_and_no_other_shape(bristol):
    """`year`, `from` and `to` were described as integers while the API took '2020-21': each is now
    a whole number or a string of a period's shape, and what the API answers matches it."""
    client, store = bristol
    described = client.get("/api/v1/openapi.json").get_json()
    for path in ("/scores/index", "/observations", "/explore", "/projects"):
        params = {p["name"]: p["schema"] for p in described["paths"][path]["get"]["parameters"]}
        for name in ("year", "from", "to"):
            if name not in params:
                continue
            integer, period = params[name]["oneOf"]
            assert integer == {"type": "integer"} and period["type"] == "string"
            pattern = period["pattern"]
            for text in [*years.known_periods(store), "2020/21", "2020\u201321"]:
                assert re.search(pattern, text), (path, name, text)
            for text in ("2020-2", "abc", "2020-21-22", "20201-21"):
                assert not re.search(pattern, text)
    for value in ("2019-20", "2020/21", "2020", "2019-22", "abc", "2020-2"):
        schema_allows = bool(re.search(pattern, value)) or value.isdigit()
        answer = client.get(f"/api/v1/scores/index?year={value}")
        assert answer.status_code in (200, 400)
        if answer.status_code == 200:
            assert schema_allows, value


SPELLINGS = ["2020-21", "2019/20", "2013\u20132017", "2030-31", "2012-2013", "02021", " 2021 ", "03", "+3",
             "3.0", "-2021", "\u0663", "\u00b2", "9" * 5000, "\x00", "%00", "2020-21<script>", ""]
"""Years and numbers as other stores, other people and hostile scripts write them."""


@pytest.mark.realdata
@pytest.mark.slow
def test_every_year_and_number_spelling_is_an_answer_on_every_page_and_resource(bristol):
    """Each page's, embed's and resource's years and numbers fed other stores' periods, padded,
    signed, other scripts' digits, 5,000 digits and nulls: a page or a 400, never a 500 or a
    traceback (5,000 nines were a 500 in the API)."""
    from urllib.parse import quote

    client, _store = bristol
    asked = {"/": ("year",), "/explore": ("year", "to"), "/projects": ("from",),
             "/city/gbr-bristol": ("year",)}
    answers = []
    for path, names in asked.items():
        for name in names:
            for value in SPELLINGS:
                search = f"?{name}={quote(value, safe='')}"
                answers.append((path + search, client.post("/_dash-update-component",
                                                           json=router_body(path, search))))
    for path, names in (("/embed/map", ("year",)), ("/embed/ranking.png", ("year",)),
                        ("/api/v1/scores/index", ("year", "to")), ("/api/v1/projects", ("from", "goal"))):
        for name in names:
            for value in SPELLINGS:
                address = f"{path}?{name}={quote(value, safe='')}"
                asks = client.head if path.endswith(".png") else client.get
                answers.append((address, asks(address)))
    failed = [(address, answer.status_code) for address, answer in answers
              if answer.status_code >= 500 or "Traceback" in answer.get_data(as_text=True)]
    assert failed == [] and len(answers) == 11 * len(SPELLINGS)
