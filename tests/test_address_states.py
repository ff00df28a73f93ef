"""Equivalent addresses are one state: `?goal=03`, `?year=02021`, `?budget_min= 3 ` are read, written
back and cached as `?goal=3`, `?year=2021`, `?budget_min=3` (each spelling was drawn and kept once
more: a picture drawn again per spelling), while addresses that differ keep apart."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from loaders.paths import DEMO_STORE


@pytest.fixture(scope="module")
def store():
    from dashboard import data
    from loaders.store import Store

    return data.load_version(str(DEMO_STORE), Store(DEMO_STORE).current_version())


@pytest.fixture
def client():
    from tests.test_api_edges import make_client

    return make_client(DEMO_STORE)


def test_numbers_and_spaces_are_read_and_written_back_in_one_spelling(store):
    from views import map as map_view
    from views import projects as project_views
    from views.explore import state as explore_state

    state, problems = map_view.parse({"goal": "03", "year": " 02021 "}, store)
    assert (state.goal, state.year, problems) == ("3", 2021, [])
    assert map_view.query(state, store)["goal"] == "3"
    cat = explore_state.context(store)
    assert explore_state.parse({"goal": " 03 ", "view": " ranking "}, cat)[0] == \
        explore_state.parse({"goal": "3"}, cat)[0]
    filters, problems = project_views.parse({"goal": "011", "budget_min": " 3 ", "status": " active ,,"},
                                            project_views.context(store))
    assert (filters.goal, filters.budget_min, filters.status, problems) == (11, 3, ("active",), [])
    assert project_views.to_query(filters, project_views.context(store)) == \
        {"goal": "11", "status": "active", "budget_min": "3"}


def test_a_goal_that_is_no_goal_is_still_refused(store):
    from views import map as map_view

    for asked in ("18", "0", "3.0", "\u0663", "+3"):
        state, problems = map_view.parse({"goal": asked}, store)
        assert state.goal != asked and problems, asked


def test_unknown_places_to_compare_are_said_without_hidden_characters(store):
    from views import city

    _state, problems = city.parse({"place": "ken-nairobi", "compare": "\u202e99x\u200b, uga-kampala"}, store)
    assert problems and "\u202e" not in problems[0] and "\u200b" not in problems[0] and "99x" in problems[0]


def cache_keys(monkeypatch) -> list[str]:
    from dashboard import cache

    made, key = [], cache.key
    monkeypatch.setattr(cache, "key", lambda *args: made.append(key(*args)) or made[-1])
    return made


def test_a_city_page_of_two_spellings_is_built_and_cached_once(client, monkeypatch):
    from tests.dash_requests import router_body

    made = cache_keys(monkeypatch)
    for search in ("?year=2024", "?year=02024", "?year=%202024%20&compare=,uga-kampala,",
                   "?compare=uga-kampala&year=2024"):
        answer = client.post("/_dash-update-component", json=router_body("/city/ken-nairobi", search))
        assert answer.status_code == 200
    pages = [k for k in made if k.startswith("city-page:")]
    assert len(pages) == 4 and len(set(pages)) == 2, pages


@pytest.mark.parametrize(("first", "second"), [
    ("/embed/map?goal=03", "/embed/map?goal=3"),
    ("/embed/map?year=02024&goal=3", "/embed/map?goal=%203&year=2024"),
    ("/embed/projects-goals?budget_min=%203%20&goal=011", "/embed/projects-goals?goal=11&budget_min=3"),
    ("/api/v1/observations?goal=03&limit=5", "/api/v1/observations?goal=3,3&limit=05"),
    ("/api/v1/scores/index?year=02024", "/api/v1/scores/index?year=2024"),
    ("/api/v1/explore.csv?goal=03&year=%202024", "/api/v1/explore.csv?year=2024&goal=3"),
    ("/api/v1/projects?budget_min=%203", "/api/v1/projects?budget_min=3"),
])
def test_two_spellings_of_one_answer_share_one_cache_entry(client, first, second):
    assert client.get(first).headers["X-Cache"] == "miss"
    again = client.get(second)
    assert again.status_code == 200 and again.headers["X-Cache"] == "hit"
    assert again.get_data() == client.get(first).get_data()


@pytest.mark.parametrize(("first", "second"), [
    ("/embed/map?goal=3", "/embed/map?goal=4"), ("/embed/map?goal=99", "/embed/map?goal=98"),
    ("/api/v1/observations?goal=3", "/api/v1/observations?goal=3,4"),
    ("/api/v1/places?country=KEN", "/api/v1/places?country=UGA"),
])
def test_addresses_that_differ_keep_their_own_answers(client, first, second):
    client.get(first)
    assert client.get(second).headers["X-Cache"] == "miss"


def test_a_picture_the_route_refuses_is_keyed_as_asked(client, store):
    """A picture's key is its state only where it would be drawn: `?view=scatter` on the ranking's
    picture, an unknown parameter or a bad goal would otherwise find the drawn picture's entry."""
    from dashboard import answer_state

    with client.application.test_request_context("/"):
        def key(path: str, **args: str):
            return answer_state.pairs(path, MultiDict(args), store.version)

        assert key("/embed/map.png", goal="03") == key("/embed/map.png", goal="3")
        for refused in ({"view": "scatter"}, {"colour": "red"}, {"goal": "99"}, {"lang": "xx"}):
            assert key("/embed/ranking.png", **refused) == list(refused.items())
