"""Embeds: the HTML view, its headers, frozen versions, static pictures, oEmbed and the dialog."""

from __future__ import annotations

import re
import shutil
import struct
import xml.dom.minidom
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pytest
from dash import html

from dashboard.embed import dialog, markup, snippet
from dashboard.embed.png_size import pixels
from layouts import i18n
from views.registry import EMBEDS as VIEWS


@pytest.fixture
def client(app):
    return app.server.test_client()


def test_map_embed_is_the_chart_alone_with_its_text_and_table(client):
    response = client.get("/embed/map?goal=3&year=2024")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "<h1>Goal 3: Good health and well-being, 2024</h1>" in body
    assert 'id="embed-summary"' in body and "places are on the map with a score for Goal 3" in body
    assert 'id="embed-data"' in body and "<caption>Places by score" in body
    assert "Demonstration data." in body
    assert "Source: " in body and "Data version demo-1" in body
    assert 'href="http://localhost/?goal=3&amp;year=2024&amp;lang=en"' in body
    assert 'id="embed-figure"' in body


def test_an_embed_s_data_table_is_reached_by_keyboard_and_becomes_cards_in_a_narrow_frame(client):
    """The embeds' tables scrolled sideways with nothing in them to focus (axe:
    scrollable-region-focusable), and stayed 979 px wide tables in a 375 px frame."""
    from dashboard.paths import STATIC_DIR

    body = client.get("/embed/ranking?goal=3").get_data(as_text=True)
    box = re.search(r'<div class="table-responsive"[^>]*>', body).group(0)
    assert 'tabindex="0"' in box and 'role="region"' in box and 'aria-label="Ranking by Goal 3' in box
    assert 'class="table table-striped' in body and "card-rows" in body
    css = (STATIC_DIR / "embed.css").read_text(encoding="utf-8")
    assert "@media (max-width: 575.98px)" in css and "table.card-rows td[data-label]::before" in css


def test_an_embed_with_a_picture_leaves_plotly_for_when_it_is_wanted(client):
    """A map or bar embed is its SVG picture until the reader reaches for the chart (embed.js):
    no plotly.js script and no topology preload in the page; a scatter has no picture, so it keeps
    the script."""
    from dashboard.delivery import files

    body = client.get("/embed/map").get_data(as_text=True)
    assert f'data-plotly="{files.url("plotly.min.js")}"' in body and 'id="embed-live"' in body
    assert "plotly.min.js\"></script>" not in body and "world_110m.json" not in body.split("</head>")[0]
    scatter = client.get("/embed/scatter").get_data(as_text=True)
    assert f'<script src="{files.url("plotly.min.js")}"></script>' in scatter
    assert "data-plotly" not in scatter and 'id="embed-live"' not in scatter


def test_embed_loads_nothing_from_other_origins_and_sets_no_cookie(client):
    response = client.get("/embed/map")
    body = response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers
    for url in re.findall(r'(?:src|href)="([^"]+)"', body):
        assert url.startswith(("/", "#", "http://localhost/")), url
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and policy.endswith("frame-ancestors *")
    assert "X-Frame-Options" not in response.headers


def test_framing_is_configurable_for_embeds_only(monkeypatch):
    from dashboard.app import create_app
    from loaders.paths import DEMO_STORE

    monkeypatch.setenv("CITY_SDG_EMBED_ANCESTORS", "https://www.city.example")  # read when the app starts
    client = create_app(str(DEMO_STORE)).server.test_client()
    embed = client.get("/embed/map")
    assert embed.headers["Content-Security-Policy"].endswith("frame-ancestors https://www.city.example")
    assert "X-Frame-Options" not in embed.headers
    page = client.get("/")
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert page.headers["Content-Security-Policy"].endswith("frame-ancestors 'self'")


def test_full_pages_announce_their_embed_for_oembed(client):
    body = client.get("/?goal=5").get_data(as_text=True)
    assert 'type="application/json+oembed"' in body and "/oembed?url=" in body


@pytest.mark.parametrize("public", ["https://sdg.city.example", "https://www.city.example/sdg"])
def test_discovery_behind_a_proxy_names_the_public_address(monkeypatch, public):
    """With CITY_SDG_PUBLIC_URL set the discovery link's url= was the internal address
    (http://localhost/...), which a CMS cannot reach and /oembed answered 404."""
    from dashboard.app import create_app
    from loaders.paths import DEMO_STORE

    monkeypatch.setenv("CITY_SDG_PUBLIC_URL", public)  # read when the app starts
    client = create_app(str(DEMO_STORE)).server.test_client()
    body = client.get("/?goal=5").get_data(as_text=True)
    href = unescape(re.search(r'type="application/json\+oembed" href="([^"]*)"', body).group(1))
    assert href.startswith(f"{public}/oembed?") and "localhost" not in href
    query = parse_qs(urlsplit(href).query)
    assert query["url"] == [f"{public}/?goal=5"]
    answer = client.get("/oembed?" + urlsplit(href).query)
    assert answer.status_code == 200, answer.get_json()
    assert f'src="{public}/embed/map?goal=5' in answer.get_json()["html"]


def test_a_page_announces_no_embed_its_store_cannot_draw(tmp_path):
    """A store of projects only announced the map's embed on its map page, which answered 404."""
    from dashboard.app import create_app
    from tests import store_matrix

    projects_only = create_app(str(store_matrix.build("projects-only", tmp_path))).server.test_client()
    assert 'type="application/json+oembed"' not in projects_only.get("/").get_data(as_text=True)
    assert 'type="application/json+oembed"' in projects_only.get("/projects").get_data(as_text=True)


def test_embed_follows_the_language(client):
    body = client.get("/embed/map?lang=fr&goal=3").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in body
    assert "lang=fr" in body


def test_unknown_view_and_version_are_404_pages(client):
    missing = client.get("/embed/nope")
    assert missing.status_code == 404 and "nope" in missing.get_data(as_text=True)
    assert missing.mimetype == "text/html"
    assert client.get("/embed/map?version=no-such-version").status_code == 404
    assert client.get("/embed/map.gif").status_code == 404


def test_bad_parameters_show_a_message_and_the_default(client):
    body = client.get("/embed/map?goal=99").get_data(as_text=True)
    assert "alert-info" in body and "SDG Index" in body


def test_goal_tiles_in_an_embed_open_the_goal_on_the_full_page(client):
    """The tiles link to their goal's section; an embed has no such section, so each opens the
    city's page at that goal, in a new tab (before, a click on a tile did nothing)."""
    body = client.get("/embed/city-goals?place=ken-nairobi").get_data(as_text=True)
    tiles = re.findall(r'<a class="goal-tile sdg-\d+" href="([^"]*)" target="_blank" rel="noopener"', body)
    assert len(tiles) == 17
    assert all(re.fullmatch(r"http://localhost/city/ken-nairobi\?lang=en#goal-\d+", href) for href in tiles)
    assert 'href="#goal-' not in body


def test_frozen_embed_names_its_version(client):
    body = client.get("/embed/map?version=demo-1").get_data(as_text=True)
    assert "frozen at that version" in body
    assert "version=demo-1" in body  # the data link asks the API for the same version


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="static pictures need Chromium (scripts/setup.sh)")
def test_static_pictures_of_the_map(client):
    svg = client.get("/embed/map.svg?goal=3")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert svg.data.lstrip().startswith(b"<svg")
    assert b"Goal 3" in svg.data and b"Data version demo-1" in svg.data
    xml.dom.minidom.parseString(svg.data)  # still well-formed after its coordinates were rounded
    outlines = re.findall(rb' d="([^"]*)"', svg.data)
    assert outlines and not any(re.search(rb"\.\d{3}", d) for d in outlines)
    assert len(svg.data) < 500_000  # the world's outlines with every digit were about 870 kB
    png = client.get("/embed/map.png")
    assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", png.data[16:26])
    assert (width, height, depth, colour) == (960, 600, 8, 2)  # written again without its alpha
    assert pixels(png.data).shape == (600, 960, 3)


def test_oembed_answers_for_pages_of_this_dashboard(client):
    answer = client.get("/oembed?url=http://localhost/?goal=3&format=json").get_json()
    assert answer["type"] == "rich" and answer["version"] == "1.0"
    assert 'src="http://localhost/embed/map?goal=3&amp;lang=en"' in answer["html"]
    assert 'title="Map: Goal 3: Good health and well-being, 2025 · City SDG Dashboard"' in answer["html"]
    assert client.get("/oembed?url=http://localhost/&format=xml").status_code == 501
    assert client.get("/oembed?url=https://elsewhere.example/&format=json").status_code == 404
    assert client.get("/oembed?url=http://localhost/about&format=json").status_code == 404
    assert client.get("/oembed?url=http://localhost/&maxheight=abc").status_code == 400
    assert client.get("/oembed?url=http://localhost/&maxheight=-5").status_code == 400  # was taken as 200
    # the title in the page's language, which its embed speaks; a country's page is a place's
    french = client.get("/oembed?url=http://localhost/explore?lang=fr").get_json()
    assert french["title"] == "Classement selon l'Indice ODD, scores, 2025\u00a0: tous les territoires"
    assert f'title="{french["title"]} · Tableau de bord ODD des villes"' in unescape(french["html"])
    city = client.get("/oembed?url=http://localhost/city/ken-nairobi").get_json()
    assert city["title"] == "Nairobi: The 17 goals, scored on values from 2024 to 2025"


def test_oembed_for_a_page_without_lang_names_the_language_it_answered_in(client):
    """The iframe had no lang: under a French title its embed followed each reader's browser."""
    answer = client.get("/oembed?url=http://localhost/explore", headers={"Accept-Language": "fr"}).get_json()
    assert answer["title"].startswith("Classement selon l'Indice ODD")
    assert re.search(r'src="http://localhost/embed/ranking\?[^"]*lang=fr"', answer["html"]), answer["html"]
    assert "lang=fr" in answer["thumbnail_url"]
    asked = client.get("/oembed?url=http://localhost/explore?lang=es",
                       headers={"Accept-Language": "fr"}).get_json()  # the page's own language wins
    assert "lang=es" in asked["html"] and "lang=fr" not in asked["html"]


def test_oembed_keeps_within_the_size_asked_and_takes_only_this_dashboard_s_addresses(client):
    """maxwidth=150 answered a width of 200, and its thumbnail 960 x 600; `url=%00` (which urlsplit
    strips to nothing) answered the map."""
    small = client.get("/oembed?url=http://localhost/&maxwidth=150&maxheight=100").get_json()
    assert (small["width"], small["height"]) == (150, 100) and "height:100px" in small["html"]
    assert "thumbnail_url" not in small
    full = client.get("/oembed?url=http://localhost/").get_json()
    assert full["thumbnail_width"] == 960 and full["width"] <= 2000
    assert client.get("/oembed?url=/explore").status_code == 200  # a path of this dashboard
    for junk in ("%00", "%00/", "javascript:alert(1)", "x", "/%0aexplore", "ftp://localhost/"):
        answer = client.get(f"/oembed?url={junk}")
        assert answer.status_code == 404, junk
        assert answer.get_json()["error"]["message"] == "The url is not a page of this dashboard.", junk


def test_an_oembed_frame_keeps_its_size_where_a_cms_strips_its_style(client):
    """WordPress keeps only an oEmbed iframe's src, width, height, title, frameborder, marginwidth,
    marginheight and scrolling: with the size in its style alone, the chart was a 300 x 150 box."""
    answer = client.get("/oembed?url=http://localhost/city/ken-nairobi&maxwidth=600").get_json()
    kept = re.sub(r'\s(?!(?:src|width|height|title)=)[\w-]+="[^"]*"', "", answer["html"])
    assert f'width="{answer["width"]}"' in kept and f'height="{answer["height"]}"' in kept
    assert answer["width"] == 600 and answer["height"] == VIEWS["city-goals"].height


FRAMES = {
    # embed, page query, the chart's heading in en, es and fr: chart, place, goal or indicator, year
    "map": ("goal=3&year=2024", {
        "en": "Goal 3: Good health and well-being, 2024",
        "es": "Objetivo 3: Salud y bienestar, 2024",
        "fr": "Objectif 3\u00a0: Bonne santé et bien-être, 2024"}),
    "city-goals": ("place=ken-nairobi&year=2024", {
        "en": "Nairobi: The 17 goals, scored on values from 2023 to 2024",
        "es": "Nairobi: Los 17 objetivos, puntuados con valores de 2023 a 2024",
        "fr": "Nairobi\u00a0: Les 17 objectifs, notés d'après des valeurs de 2023 à 2024"}),
    "city-trend": ("place=ken-nairobi", {
        "en": "Nairobi: Population below the international poverty line, 2015\u20132025",
        "es": "Nairobi: Población por debajo del umbral internacional de pobreza, 2015\u20132025",
        "fr": "Nairobi\u00a0: Population vivant sous le seuil international de pauvreté, 2015\u20132025"}),
    "city-compare": ("place=ken-nairobi&compare=uga-kampala", {
        "en": "Nairobi: Goal scores, 2025",
        "es": "Nairobi: Puntuaciones por objetivo, 2025",
        "fr": "Nairobi\u00a0: Scores par objectif, 2025"}),
    "ranking": ("goal=3", {
        "en": "Ranking by Goal 3: Good health and well-being (scores), 2025: all places",
        "es": "Clasificación según el Objetivo 3 (Salud y bienestar), puntuaciones, 2025: todos los "
              "lugares",
        "fr": "Classement selon l'objectif 3 (Bonne santé et bien-être), scores, 2025\u00a0: tous les "
              "territoires"}),
    "projects-funding": ("", {
        "en": "Funding source mix: all projects",
        "es": "Combinación de fuentes de financiación: todos los proyectos",
        "fr": "Répartition des sources de financement\u00a0: tous les projets"}),
}
SITE = {"en": "City SDG Dashboard", "es": "Panel ODS de ciudades", "fr": "Tableau de bord ODD des villes"}
MAP = {"en": "Map: {heading}", "es": "Mapa: {heading}", "fr": "Carte\u00a0: {heading}"}
MAPS = ("map", "city-districts", "projects-map")


def framed(name: str, heading: str, language: str) -> str:
    """The frame's title of the embed `name` of that heading: a map says it is one."""
    return f"{MAP[language].format(heading=heading) if name in MAPS else heading} · {SITE[language]}"


def frame_titles(html_text: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'<iframe [^>]*title="([^"]*)"', html_text)]


@pytest.mark.parametrize("name", list(FRAMES))
def test_every_frame_is_titled_by_what_it_shows_in_its_language(app, client, name):
    """A screen reader names a frame by its title (WCAG 2.1, 4.1.2): every snippet was titled by
    its kind of chart ("A place's 17 goals"), the same for every city, goal and year, and in the
    dialog's language only by chance. The embed page's <title>, the dialog's snippet and oEmbed's
    iframe now all say what the frame shows, in the embed's language."""
    query, headings = FRAMES[name]
    for language, heading in headings.items():
        expected = framed(name, heading, language)
        page_text = client.get(f"/embed/{name}?{query}&lang={language}").get_data(as_text=True)
        assert unescape(re.search(r"<title>([^<]*)</title>", page_text).group(1)) == expected, language
        with app.server.test_request_context("/_dash-update-component", method="POST"):
            place = parse_qs(query).get("place", [""])[0]
            path = f"/city/{place}" if place else ("/explore" if name == "ranking" else "/")
            search = "?" + "&".join(p for p in query.split("&") if p and not p.startswith("place="))
            code, _preview = dialog.write_code({"pathname": path, "search": search}, "own", language, [],
                                               name)
        assert frame_titles(code) == [expected], (language, code)
    if name in ("map", "city-goals", "ranking"):  # pages whose main chart oEmbed answers for
        page = {"map": f"/?{query}", "city-goals": "/city/ken-nairobi?year=2024",
                "ranking": f"/explore?{query}"}
        for language, heading in headings.items():
            answer = client.get("/oembed?" + urlencode({"url": f"http://localhost{page[name]}&lang={language}"}))
            assert answer.get_json()["title"] == heading, language
            assert frame_titles(answer.get_json()["html"]) == [framed(name, heading, language)], language


def test_the_district_map_s_embed_code_leaves_the_city_page_s_trend_indicator_out(app):
    """The city page's `indicator` chooses its trend; its district map draws its default one, and the
    district embed now draws the indicator it is given: the dialog gave it the trend's."""
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        page = {"pathname": "/city/ken-nairobi", "search": "?indicator=x&year=2024"}
        _code, preview = dialog.write_code(page, "own", "en", [], "city-districts")
    assert preview == "http://localhost/embed/city-districts?place=ken-nairobi&year=2024&lang=en"


def test_snippet_works_without_its_script():
    code = snippet.snippet("https://d.example/embed/map?goal=3", 'Map "A"', 560, "https://d.example")
    frame, script = code.split("\n", 1)
    assert frame.startswith("<iframe ") and frame.endswith("</iframe>")
    for part in ('title="Map &quot;A&quot;"', 'loading="lazy"', "width:100%", "height:560px",
                 'sandbox="allow-scripts'):
        assert part in frame
    assert "event.source === each.contentWindow" in script
    assert 'event.origin !== "https://d.example" && event.origin !== "null"' in script


def test_dialog_writes_a_snippet_for_the_page_state(app):
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        code, preview = dialog.write_code({"pathname": "/city/ken-nairobi", "search": "?indicator=x&lang=en"},
                                          "tall", "es", ["frozen"], "city-goals")
    assert preview.startswith("http://localhost/embed/city-goals?place=ken-nairobi&indicator=x")
    assert "lang=es" in preview and "version=demo-1" in preview
    assert "height:760px" in code


def test_the_dialog_offers_each_chart_at_its_own_height_first(app):
    """Every view's snippet was 560 px high (Standard) whatever its chart; without the resize script
    (a CMS that strips scripts) every chart but the trend scrolled inside its frame."""
    layout = dialog.dialog()
    chosen = next(c.value for c in layout._traverse() if getattr(c, "id", None) == dialog.Ids.SIZE)
    with app.server.test_request_context("/_dash-update-component", method="POST"):
        for view in ("map", "ranking", "city-goals"):
            page = {"pathname": "/city/ken-nairobi", "search": ""}
            code, _preview = dialog.write_code(page, chosen, "en", [], view)
            assert f"height:{VIEWS[view].height}px" in code, view
            assert f"({VIEWS[view].height} px high)" in dialog.size_options(view)[0]["label"]


def test_every_view_has_a_height_and_a_name():
    for name, embed in VIEWS.items():
        assert embed.what and callable(embed.build) and 300 <= embed.height <= 900, name


def test_markup_escapes_text_and_keeps_attributes():
    node = html.Div([html.A("<b>", href="/x?a=1&b=2"), html.Span("y", style={"backgroundColor": "#fff"})],
                    className="k", lang="fr")
    out = markup.render(node, new_tab=True)
    assert out == ('<div class="k" lang="fr"><a href="/x?a=1&amp;b=2" target="_blank" rel="noopener">'
                   '&lt;b&gt;</a><span style="background-color: #fff">y</span></div>')
    with i18n.use("fr"):
        assert markup.render(html.P("1")) == "<p>1</p>"


MAPPING = """\
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
"""


def test_a_frozen_embed_keeps_its_numbers_after_a_new_import(tmp_path, monkeypatch):
    from dashboard.app import create_app
    from dashboard.cli import main
    from loaders.store import Store

    store = tmp_path / "store"
    (tmp_path / "mapping.yml").write_text(MAPPING)
    versions = []
    for name, nairobi in (("first.csv", 10.5), ("second.csv", 25.5)):
        (tmp_path / name).write_text("City,Country,Indicator,Year,Value\n"
                                     f"Nairobi,KEN,11.6.2,2020,{nairobi}\nKampala,UGA,11.6.2,2020,30\n")
        assert main(["import", str(tmp_path / name), "--mapping", str(tmp_path / "mapping.yml"),
                     "--store", str(store)]) == 0
        versions.append(Store(store).current_version())
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    client = create_app(str(store)).server.test_client()

    def table(url: str) -> str:
        body = client.get(url).get_data(as_text=True)
        return body[body.index('id="embed-data"'):]

    url = "/embed/city-trend?place=ken-nairobi&indicator=11-6-2"
    assert "10.5" in table(f"{url}&version={versions[0]}") and "25.5" not in table(
        f"{url}&version={versions[0]}")
    assert "25.5" in table(url)
    with i18n.use("fr"):
        assert "10,5" in table(f"{url}&version={versions[0]}&lang=fr")


@pytest.mark.parametrize("query", ["map", "city-goals?place=ken-nairobi", "city-trend?place=ken-nairobi",
                                   "ranking"])
def test_an_embeds_data_link_downloads_csv(client, query):
    """"Download the data (CSV)" gives CSV (the map's and the city views' links gave JSON)."""
    body = client.get(f"/embed/{query}").get_data(as_text=True)
    found = re.search(r'<a href="http://localhost(/api/v1/[^"]*)"[^>]*>Download the data \(CSV\)', body)
    assert found, query
    answer = client.get(found.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200 and answer.mimetype == "text/csv", found.group(1)


def test_an_embed_of_an_unknown_place_names_it(client):
    """It said "Name a place: add ?place=…" although a place was named."""
    answer = client.get("/embed/city-goals?place=nope")
    body = answer.get_data(as_text=True)
    assert answer.status_code == 404 and "There is no place &#x27;nope&#x27; in this data." in body
    assert "Name a place" not in body and "shown instead" not in body
    spaced = client.get("/embed/city-goals?place=ken-nairobi%20").get_data(as_text=True)
    assert "Nairobi" in spaced and "not known here" not in spaced  # a trailing space is no other place


def test_a_picture_says_what_its_chart_leaves_out():
    """A PNG has no summary beside it: Bolivia's ranking picture, titled "all places", drew the first
    200 of 339; its map drew 74 of 339 places; Bristol's "The 17 goals" drew four bars. Each says so
    under its source line, as the page's summary does."""
    import plotly.graph_objects as go

    from dashboard.embed import static
    from layouts import summaries
    from layouts.facts import MapFacts
    from views.explore.text import picture_bars

    picture = static.captioned(go.Figure(), "Ranking", "Source: SDSN.", picture_bars(339))
    subtitle = picture.layout.title.subtitle.text
    assert subtitle == "Source: SDSN.<br>The picture shows the first 200 of 339 places."
    assert picture.layout.margin.t == 94
    plain = static.captioned(go.Figure(), "Ranking", "Source: SDSN.")
    assert plain.layout.title.subtitle.text == "Source: SDSN."
    undrawn = MapFacts(None, 2020, 339, 339, 74, 0, 0, 265, 265)
    assert summaries.undrawn_sentence(undrawn).startswith("265 places cannot be drawn")
    # a picture has no table to list them: its PNG said "the table lists them"
    assert summaries.undrawn_sentence(undrawn, listed=False) == (
        "265 places cannot be drawn: they have no coordinates (265 with a score).")
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views import map as map_view

    demo = Store(DEMO_STORE).read()
    places = demo.places.copy()
    places.loc[places["place_id"] == "ken-nairobi", ["lat", "lon"]] = None
    lost = type(demo)(demo.version + "-lost", demo.meta, {**demo.tables, "places": places})
    view = map_view.build(lost, map_view.parse({}, lost)[0])
    assert view.caveat.startswith("1 place cannot be drawn") and "table" not in view.caveat
    assert "<b>" not in static.captioned(go.Figure(), "t", "s", "a <b> place").layout.title.subtitle.text


def test_views_name_what_their_pictures_leave_out():
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views import registry

    demo = Store(DEMO_STORE).read()
    assert registry.build("ranking", {}, demo).caveat == ""  # 150 places: every bar drawn
    goals = demo.tables["goal_scores"]
    few = goals.assign(score=goals["score"].where(goals["goal"] <= 4))
    fewer = type(demo)(demo.version + "-few", demo.meta, {**demo.tables, "goal_scores": few})
    said = registry.build("city-goals", {"place": "ken-nairobi"}, fewer).caveat
    assert said == "Only 4 of the 17 goals have a score here; the others are not drawn."


def test_an_embedded_chart_keeps_the_room_above_it_for_its_panel_titles():
    """The embed and the published site set every chart's top margin to 10 px, which clipped the
    panel title above "Projects by goal" to "each goal" (its figure keeps 50 px for it)."""
    import plotly.graph_objects as go

    from dashboard.embed.page import figure_payload
    from views.base import View

    panel = {"text": "<b>Projects serving</b><br><b>each goal</b>", "xref": "x domain", "yref": "paper",
             "x": 0, "y": 1.0, "yanchor": "bottom", "showarrow": False}
    figure = go.Figure(go.Bar(x=[3, 1], y=["1", "2"], orientation="h"),
                       {"annotations": [panel], "margin": {"t": 50}, "title": {"text": "Projects by goal"}})
    payload = figure_payload(View("Projects by goal", "", None, "/projects", figure=figure))
    assert payload["layout"]["margin"]["t"] == 50 and "title" not in payload["layout"]


def test_an_embedded_chart_with_nothing_above_it_keeps_no_top_margin():
    """The explore charts keep 40 px above the plot for the page's mode bar, which an embed and the
    static site do not show: the scatter, trend and distribution embeds stood under a blank band.
    A legend shown above the plot (places compared) or panels' titles keep their room."""
    from dashboard.embed.page import PLOT_TOP, figure_payload
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views import registry

    demo = Store(DEMO_STORE).read()

    def top(name: str, query: dict) -> int:
        view = registry.build(name, query, demo)
        assert view.figure.layout.margin.t is not None
        return figure_payload(view)["layout"]["margin"]["t"]

    for name in ("scatter", "trend", "distribution", "ranking"):
        assert top(name, {}) == PLOT_TOP, name
    assert top("city-compare", {"place": "ken-nairobi"}) == PLOT_TOP  # one place: plotly draws no legend
    assert top("city-compare", {"place": "ken-nairobi", "compare": "uga-kampala"}) == 40
    assert top("projects-goals", {}) == 50
    assert top("projects-map", {}) == 0


def test_a_map_s_frame_says_it_is_a_map(client):
    """A map's frame was titled by its heading alone ("SDG Index, 2025", "Innovation projects by
    place"): a screen reader listing a page's frames could not tell the map from the ranking of the
    same goal and year. The other charts' frames are titled by their headings."""
    for path in ("/embed/map", "/embed/map?goal=3&year=2024", "/embed/projects-map",
                 "/embed/projects-map?lang=fr"):
        page_text = unescape(client.get(path).get_data(as_text=True))
        heading = re.search(r"<h1>([^<]*)</h1>", page_text).group(1)
        title = re.search(r"<title>([^<]*)</title>", page_text).group(1)
        language = "fr" if "lang=fr" in path else "en"
        words = MAP[language].format(heading=heading)
        assert title.startswith(words) and title.endswith(f" · {SITE[language]}"), title
    for path in ("/embed/ranking", "/embed/projects-goals"):
        assert "<title>Map" not in client.get(path).get_data(as_text=True), path


def test_a_picture_keeps_its_panels_titles_under_its_caption():
    """The picture of "Projects and budget by goal" drew its source line over its panels' titles
    ("Projects serving each goal", "Budget (USD million)"): the caption took the figure's own top
    margin, which holds them. The caption is pinned to the top and the panels keep their room."""
    from dashboard.embed import static
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views import registry

    demo = Store(DEMO_STORE).read()
    figure = registry.build("projects-goals", {}, demo).figure
    own = figure.layout.margin.t
    picture = static.captioned(figure, "Projects and budget by goal", "Source: demo.")
    assert static.room_above(figure) == own == 50
    assert picture.layout.margin.t == 80 - static.CAPTION_GAP + own
    assert picture.layout.title.yanchor == "top" and picture.layout.title.yref == "container"
    top = (1 - picture.layout.title.y) * figure.layout.height
    assert round(top, 6) == static.CAPTION_TOP
    # a chart without titles above its plot keeps the caption as it was
    funding = registry.build("projects-funding", {}, demo).figure
    funding = static.captioned(funding, "Funding", "Source: demo.")
    assert funding.layout.margin.t == 80 and funding.layout.title.yanchor is None


def test_the_projects_map_s_frame_says_when_its_projects_run(client):
    """The projects map's frame said what and where but not when ("Map: Innovation projects by place:
    all projects"); every other view's frame names its years. Its title names the years its
    projects' start and end dates span, and where no project states a date, the data version's day."""
    from dashboard import data
    from layouts import projects_text
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views import projects as project_views

    projects = data.current().projects
    years = pd.to_numeric(pd.concat([projects["start_date"].str[:4], projects["end_date"].str[:4]]))
    span = f"{int(years.min())} to {int(years.max())}"
    answer = client.get("/oembed?url=http://localhost/projects&format=json").get_json()
    assert answer["title"] == f"Innovation projects by place, {span}: all projects"
    framed = f"Map: Innovation projects by place, {span}: all projects · City SDG Dashboard"
    assert f'title="{framed}"' in unescape(answer["html"])
    page_text = unescape(client.get("/embed/projects-map?place=ken-nairobi").get_data(as_text=True))
    nairobi = projects[projects["place_id"] == "ken-nairobi"]
    dated = pd.to_numeric(pd.concat([nairobi["start_date"].str[:4], nairobi["end_date"].str[:4]]))
    assert f"<h1>Innovation projects by place, {int(dated.min())} to {int(dated.max())}</h1>" in page_text
    undated = projects.assign(start_date=pd.NA, end_date=pd.NA)
    assert projects_text.period(undated, "2026-12-07T17:27:00Z") == "as of December 7, 2026"
    assert projects_text.period(undated.iloc[:0], None) == ""
    assert projects_text.period(projects.assign(start_date="2024-05-01", end_date=pd.NA), None) == "2024"
    store = Store(DEMO_STORE).read()
    no_dates = type(store)(store.version + "-undated", store.meta, {**store.tables, "projects": undated})
    view = project_views.project_map(no_dates, project_views.projects.Filters())
    assert view.title == f"Innovation projects by place, as of {i18n.day(store.meta['created'])}"
