"""`city-sdg export-static`: the demo and an imported real-data store (Bristol with its wards) as
plain files; every link and asset resolves; the views are the live app's, view by view; a second
export rewrites only what changed; nothing points at another origin."""

from __future__ import annotations

import random
import re
from html import unescape
from pathlib import Path

import pytest

from dashboard.static_site.export import Part, export
from loaders.paths import DEMO_STORE
from tests.static_site_check import BASE, PLACES, broken_links, embed_parts, state, texts


@pytest.fixture(scope="module")
def live(demo_site):
    from dashboard.app import create_app

    return create_app(str(DEMO_STORE)).server.test_client()


def test_every_page_and_state_is_written(demo_site):
    folder, report = demo_site
    assert report.languages == ["en", "fr"]
    for language in report.languages:
        for page in (
            "index.html",
            "rankings.html",
            "explore.html",
            "projects.html",
            "financing.html",
            "about.html",
            "data.html",
            "embeds.html",
            "projects.json",
        ):
            assert (folder / language / page).is_file(), (language, page)
        # 18 colourings x 2 years (of 11: a part, see demo_site) x 2 kinds of map
        assert len(list((folder / language / "states" / "map").glob("*.json.gz"))) == 18 * 2 * 2
        assert {p.stem for p in (folder / language / "city").glob("*.html")} == set(PLACES) & cities()
    assert (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file()
    assert report.files == len([p for p in folder.rglob("*") if p.is_file()]) - 1  # the manifest


def cities() -> set[str]:
    from dashboard import data
    from loaders.store import Store

    store = data.load_version(str(DEMO_STORE), Store(DEMO_STORE).current_version())
    return set(store.places["place_id"])


def test_every_page_credits_its_sources_and_every_chart_its_data_version(demo_site):
    """The published pages had no footer and no source line: a reader could not tell where the
    numbers came from or how current they were, and GeoNames went uncredited beside its names."""
    folder, _report = demo_site
    for page in ("index.html", "rankings.html", f"city/{PLACES[0]}.html", "projects.html"):
        text = (folder / "en" / page).read_text(encoding="utf-8")
        assert "<footer" in text and "GeoNames (CC BY 4.0)" in text, page
    city = (folder / "en" / "city" / f"{PLACES[0]}.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="chart-source[^"]*">Source: .+?\. Data version demo-1 of ', city)
    assert "Noms et populations des territoires" in (folder / "fr" / "index.html").read_text(encoding="utf-8")


def test_read_without_scripts_a_page_hides_its_controls_and_says_why(demo_site):
    """Without JavaScript the map's goal, year and search and the projects' filters were shown and
    did nothing, the list of projects empty, with nothing to say so."""
    from dashboard.paths import STATIC_DIR
    from dashboard.static_site.frame import WITHOUT_SCRIPTS

    folder, _report = demo_site
    page = (folder / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en" dir="ltr" class="no-js">', page)
    assert f'<noscript><p class="alert alert-info small">{WITHOUT_SCRIPTS}</p></noscript>' in page
    assert "Sin JavaScript, esta página" not in page
    css = (STATIC_DIR / "static_site.css").read_text(encoding="utf-8")
    assert ".no-js .state-controls, .no-js form.city-search, .no-js .project-filter" in css
    script = (STATIC_DIR / "static_site.js").read_text(encoding="utf-8")
    assert 'document.documentElement.classList.remove("no-js")' in script


def test_every_link_and_asset_resolves(demo_site):
    folder, _report = demo_site
    broken, checked = broken_links(folder, BASE)
    assert checked > 1_000
    assert broken == []


def test_nothing_points_at_another_origin(demo_site):
    folder, _report = demo_site
    pattern = re.compile(r'(?:src|href)="(https?:[^"]*)"')
    for page in folder.rglob("*.html"):
        for url in pattern.findall(page.read_text(encoding="utf-8")):
            assert url.startswith(BASE + "/"), (page, url)
    assert "cdn.plot.ly" not in (folder / "en" / "index.html").read_text(encoding="utf-8")


def test_shared_assets_are_written_once_under_their_hash(demo_site):
    folder, _report = demo_site
    names = [p.name for p in (folder / "assets").rglob("*") if p.is_file()]
    assert sorted(names) == sorted(set(names))
    assert {"plotly.min.js", "bootstrap.min.css", "world_110m.json", "usa_110m.json",
            "static_site.js"} <= set(names)
    page = (folder / "fr" / "city" / "ken-nairobi.html").read_text(encoding="utf-8")
    assert re.search(r'src="\.\./\.\./assets/[0-9a-f]{12}/plotly\.min\.js"', page)


def test_every_page_has_one_main_heading(demo_site):
    """One h1 per page (a screen reader's list of headings starts there); the city pages had two."""
    folder, _report = demo_site
    pages = [p for p in folder.rglob("*.html") if p.parent.name != "oembed"]
    assert len(pages) > 50
    for page in pages:
        assert page.read_text(encoding="utf-8").count("<h1") == 1, page


def test_languages_link_each_other(demo_site):
    folder, _report = demo_site
    page = (folder / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page
    for code in ("en", "fr", "x-default"):
        assert f'hreflang="{code}"' in page
    assert f'<link rel="alternate" hreflang="fr" href="{BASE}/fr/index.html">' in page
    sitemap = (folder / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}/fr/city/ken-nairobi.html</loc>" in sitemap


def test_oembed_discovery_points_at_the_published_address(demo_site):
    import json

    folder, _report = demo_site
    page = (folder / "en" / "index.html").read_text(encoding="utf-8")
    assert f'type="application/json+oembed" href="{BASE}/en/oembed/map.json"' in page
    answer = json.loads((folder / "en" / "oembed" / "map.json").read_text(encoding="utf-8"))
    assert answer["type"] == "rich" and f'src="{BASE}/en/embed/map.html"' in answer["html"]
    # the size as attributes too, which WordPress keeps of an oEmbed's iframe (it drops the style)
    assert f'width="{answer["width"]}" height="{answer["height"]}"' in answer["html"]
    city = json.loads((folder / "en" / "oembed" / "city" / "ken-nairobi.json").read_text(encoding="utf-8"))
    assert f"{BASE}/en/embed/city-goals/ken-nairobi.html" in city["html"]


def test_published_frames_are_titled_by_what_they_show(demo_site):
    """The gallery's codes and the oEmbed files titled every frame by its kind of chart ("Map of
    places", "A place's 17 goals"): a screen reader could not tell one embed from another. Each is
    titled as its embed page is, by its heading, in the page's language."""
    import json

    folder, _report = demo_site
    for language, site in (("en", "City SDG Dashboard"), ("fr", "Tableau de bord ODD des villes")):
        gallery = unescape(unescape((folder / language / "embeds.html").read_text(encoding="utf-8")))
        codes = re.findall(r'<iframe src="([^"]*)" title="([^"]*)"', gallery)
        assert len(codes) >= 10, language
        for src, title in codes:
            embed = folder / language / src.split(f"/{language}/", 1)[-1]
            written = embed.read_text(encoding="utf-8")
            page_title = unescape(re.search(r"<title>([^<]*)</title>", written).group(1))
            assert title == page_title and title.endswith(f" · {site}"), (language, src, title)
        named = {src.split("/embed/", 1)[1]: title for src, title in codes}
        assert named["map.html"].startswith("Carte\u00a0: Indice ODD, 2025" if language == "fr"
                                            else "Map: SDG Index, 2025")
        place, trend = next((k, t) for k, t in named.items() if k.startswith("city-trend/"))
        city_page = (folder / language / "city" / place.split("/")[1]).read_text(encoding="utf-8")
        name = unescape(re.search(r"<h1[^>]*>([^<]+)<", city_page).group(1)).strip()
        assert re.match(rf"{re.escape(name)}\u00a0?: \w", trend), (trend, name)
        answer = folder / language / "oembed" / "city" / "ken-nairobi.json"
        city = json.loads(answer.read_text(encoding="utf-8"))
        assert city["title"].startswith("Nairobi") and "2025" in city["title"], city["title"]
        assert f'title="{city["title"]} · {site}"' in unescape(city["html"])


def compare(live, name: str, query: dict, language: str, exported: dict) -> None:
    from urllib.parse import urlencode

    answer = live.get(f"/embed/{name}?" + urlencode({**query, "lang": language}))
    assert answer.status_code == 200, (name, query)
    shown = embed_parts(answer.get_data(as_text=True))
    assert exported["title"] == shown["title"], (name, query, language)
    assert exported["subtitle"] == shown["subtitle"], (name, query, language)
    assert exported["summary"] == shown["summary"], (name, query, language)
    assert texts(exported["table"]) == shown["table"], (name, query, language)


def test_states_are_the_live_views(demo_site, live):
    """Pre-built states against the live embeds of the same query, in every language."""
    folder, _report = demo_site
    rng = random.Random(16)
    maps = sorted((folder / "en" / "states" / "map").glob("*.json.gz"))
    for language in ("en", "fr"):
        for path in rng.sample(maps, 6):
            goal, year, kind = path.name.removesuffix(".json.gz").split("_")
            exported = state(folder / language / "states" / "map" / path.name)["sections"]["map-view"]
            compare(live, "map", {"goal": goal, "year": year, "view": kind}, language, exported)
        exported = state(folder / language / "states" / "rankings" / "6_africa.json.gz")["sections"]
        compare(live, "ranking", {"goal": "6", "region": "Africa"}, language, exported["ranking-view"])
        exported = state(folder / language / "states" / "financing" / "asia.json.gz")["sections"]
        for name in ("financing-gaps", "financing-sources", "financing-methods"):
            compare(live, name, {"region": "Asia"}, language, exported[f"view-{name}"])
        exported = state(folder / language / "states" / "projects" / "11.json.gz")["sections"]
        for name in ("projects-map", "projects-goals", "projects-years"):
            compare(live, name, {"goal": "11"}, language, exported[f"view-{name}"])
        for kind in ("scatter", "distribution", "trend"):
            exported = state(folder / language / "states" / "explore" / f"{kind}.json.gz")["sections"]
            compare(live, kind, {}, language, exported["explore-view"])


def test_city_pages_are_the_live_views(demo_site, live):
    from tests.static_site_check import embed_parts

    folder, _report = demo_site
    page = (folder / "fr" / "city" / "ken-nairobi.html").read_text(encoding="utf-8")
    for name in ("city-goals", "city-trend"):
        answer = live.get(f"/embed/{name}?place=ken-nairobi&lang=fr").get_data(as_text=True)
        shown = embed_parts(answer)
        section = page[page.find(f'id="{name}"') :].replace("&#x27;", "'")
        section = re.sub(r'<span class="text-nowrap">([^<]*)</span>', r"\1", section)  # a span of years
        assert f'id="{name}-title">{shown["title"]}<' in section
        assert shown["summary"] in section
    assert page.count('class="goal-tile') == 17 or "goal-tiles" in page
    assert "Indicateurs par objectif" in page or "Indicators by goal" not in page
    # folded shut as on the live page, each goal's section a <details> its tile's #goal-N opens
    assert '<details class="goal-section mt-2" id="goal-3"><summary><h3 class="h5 d-inline">' in page


def test_projects_list_is_one_file(demo_site):
    import json

    folder, _report = demo_site
    listing = json.loads((folder / "en" / "projects.json").read_text(encoding="utf-8"))
    assert len(listing["projects"]) == 300
    assert {"title", "place_name", "theme_key", "status_key", "goal_list"} <= set(listing["projects"][0])
    # cells as the page shows them: a year as a year, counts in the page's language
    french = json.loads((folder / "fr" / "projects.json").read_text(encoding="utf-8"))["projects"]
    assert all(p["start_year"] is None or re.fullmatch(r"\d{4}", p["start_year"]) for p in french)
    assert any(re.fullmatch(r"\d{1,3}(\u202f\d{3})+", p["budget_usd"] or "") for p in french)
    page = (folder / "fr" / "projects.html").read_text(encoding="utf-8")
    assert 'data-empty="Aucun projet ne correspond à ces filtres (300 projets enregistrés)."' in page


def test_open_data_per_table_and_per_indicator(demo_site, live):
    """Every table as CSV and, up to 10,000 rows, JSON (compressed: the API's answer); a longer
    table as compressed CSV only; every indicator's observations as compressed CSV and JSON; the data
    page links them."""
    import gzip
    import json

    import pandas as pd

    folder, _report = demo_site
    data = folder / "data"
    observations = pd.read_csv(data / "observations.csv.gz")
    assert len(observations) == 100_504
    assert not (data / "observations.csv").exists() and not (data / "observations.json.gz").exists()
    per_indicator = sorted((data / "indicators").glob("*.csv.gz"))
    assert not list((data / "indicators").glob("*.csv"))
    assert len(per_indicator) == observations["indicator_id"].nunique()
    assert sum(len(pd.read_csv(p)) for p in per_indicator) == len(observations)
    assert list(pd.read_csv(per_indicator[0]).columns) == list(observations.columns)
    assert (data / "scores-index.csv").is_file()  # short tables stay plain
    for table in ("places", "scores/index", "projects"):
        answer = live.get(f"/api/v1/{table}?limit=50000").get_json()
        stored = json.loads(gzip.decompress((data / f"{table.replace('/', '-')}.json.gz").read_bytes()))
        assert stored["data"] == answer["data"], table  # the projects had 3 columns fewer and no "not stated"
    indicator = per_indicator[0].name.removesuffix(".csv.gz")
    stored = json.loads(gzip.decompress((data / "indicators" / f"{indicator}.json.gz").read_bytes()))
    assert len(stored["data"]) == len(pd.read_csv(per_indicator[0]))
    page = (folder / "en" / "data.html").read_text(encoding="utf-8")
    assert 'href="../data/observations.csv.gz">CSV (gzip)</a>' in page
    assert f'href="../data/indicators/{indicator}.csv.gz">CSV (gzip)</a>' in page
    assert 'href="../data/places.csv">CSV</a>' in page  # a catalogue stays plain
    assert "JSON (gzip)" in page
    # each indicator under its goal, every one of them once
    sections = re.findall(r"<details[^>]*><summary>([^<]*)</summary>(.*?)</details>", page, re.S)
    assert sections[0][0] == "Goal 1: No poverty · 3 indicators"
    assert sum(body.count('.csv.gz">CSV (gzip)</a>') for _title, body in sections) == len(per_indicator)
    french = (folder / "fr" / "data.html").read_text(encoding="utf-8")  # titles and counts in French
    assert "<td>Scores par indicateur<td" in french and "100\u202f504" in french.replace("&#x27;", "'")
    assert f'<code class="small">{indicator}</code>' in french and "10\u202f000 lignes" in french
    embed = (folder / "en" / "embed" / "city-goals" / "ken-nairobi.html").read_text(encoding="utf-8")
    assert 'href="../../../data/scores-goals.csv.gz"' in embed and "Download the data (CSV, gzip)" in embed


def test_static_embeds_open_their_links_outside_a_mayor_s_frame(demo_site):
    """The static embeds' links had no target: "Open the full view" loaded the whole site inside the
    mayor's frame, and the sandbox (without allow-downloads) refused the CSV. They open outside the
    frame as the live embed's do; read on their own, embed.js keeps them in the tab."""
    folder, _report = demo_site
    embed = (folder / "en" / "embed" / "map.html").read_text(encoding="utf-8")
    for words in ("Open the full view", "Download the data (CSV"):
        assert re.search(rf'<a href="[^"]*" target="_blank" rel="noopener">{re.escape(words)}', embed), words
    assert '<body class="embed" data-unframed="same-tab">' in embed
    gallery = (folder / "en" / "embeds.html").read_text(encoding="utf-8")
    assert "allow-popups allow-popups-to-escape-sandbox allow-downloads" in unescape(gallery)


def test_pages_leave_out_optional_end_tags():
    from dashboard.static_site.output import compact

    page = (
        '<ul><li>a</li><li>b</li></ul><table><thead><tr><th scope="col">A</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table><select><option>x</option></select>"
        '<script type="application/json">{"t": "</td>"}</script><p>end</p>'
    )
    assert compact(page) == (
        '<ul><li>a<li>b</ul><table><thead><tr><th scope="col">A<tbody><tr><td>1</table>'
        '<select><option>x</select><script type="application/json">{"t": "</td>"}</script><p>end</p>'
    )


def test_charts_share_one_template_and_configuration(demo_site):
    """The template and graph settings every chart shares are written once, in front of the site's
    script; a page's and a state's charts carry only their own."""
    import json

    from dashboard.static_site.frame import shared_figure

    folder, _report = demo_site
    page = (folder / "en" / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script src="\.\./(assets/[0-9a-f]+/static_site\.js)"', page).group(1)
    first = (folder / script).read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("window.citySdgFigure = ")
    shared = json.loads(first.removeprefix("window.citySdgFigure = ").rstrip(";"))
    assert shared == shared_figure() and shared["template"]["layout"]["font"]["size"] == 14
    figure = json.loads(re.search(r'class="view-figure">(.*?)</script>', page, re.S).group(1))
    assert "template" not in figure["layout"] and "locale" not in figure.get("config", {})
    assert figure["data"] and figure["layout"]["margin"]["t"] == 10
    year_state = state(next((folder / "en" / "states" / "map").glob("*.json.gz")))["sections"]["map-view"]
    assert "template" not in year_state["figure"]["layout"]


def test_rating_and_goal_colours_come_from_the_style_sheets():
    """The rating dots and the goal tiles name their rating or goal as a class; every style sheet
    that draws them gives each the colours the charts and the goal list use."""
    from dashboard.paths import ASSETS_DIR, STATIC_DIR
    from layouts.city import goal_tile
    from layouts.indicator_tables import rating_dot
    from layouts.reference import DASHBOARD_COLOURS, goal_records

    assert rating_dot("yellow") == "rating-dot rating-yellow" and rating_dot(None) == "rating-dot rating-grey"
    goals = {str(g): (r["colour"], r["text_colour"]) for g, r in goal_records().items()}
    sheet = (ASSETS_DIR / "colours.css").read_text()  # one sheet: live pages, embeds, static site
    rules = dict(re.findall(r"\.rating-(\w+) \{ background-color: (#[0-9A-F]{6}); \}", sheet))
    assert rules == DASHBOARD_COLOURS
    tiles = re.findall(r"\.sdg-(\d+) \{ background-color: (#[0-9A-F]{6}); color: (#[0-9A-F]{6}); \}", sheet)
    assert {goal: (fill, text) for goal, fill, text in tiles} == goals
    for other in (ASSETS_DIR / "site.css", STATIC_DIR / "embed.css"):
        assert ".sdg-1 " not in other.read_text() and ".rating-red " not in other.read_text()
    assert goal_tile(4, None, 0, "")[1]["className"] == "goal-tile sdg-4"


@pytest.mark.realdata
def test_bristol_with_its_wards(tmp_path, realdata):
    """An imported real-data store; then a small import rewrites only the files it changes."""
    import shutil

    from dashboard.cli import main

    folder = tmp_path / "bristol"  # a copy in the test's own folder, changed below
    shutil.copytree(realdata / "bristol-opensdg", folder)
    store = tmp_path / "store"
    assert main(["import", str(folder), "--store", str(store), "--quiet"]) in (0, 1)
    site = tmp_path / "site"
    first = export(store, site, "", languages=["en"], pictures=False, jobs=1, part=Part(years=2))
    page = (site / "en" / "city" / "gbr-bristol.html").read_text(encoding="utf-8")
    assert "Bristol" in page and 'id="city-districts"' in page
    assert len(list((site / "en" / "city").glob("gbr-bristol-e05*.html"))) >= 30  # the wards
    broken, checked = broken_links(site)
    assert broken == [] and checked > 300
    projects = (site / "en" / "projects.html").read_text(encoding="utf-8")  # Bristol has none
    assert "This data holds no projects yet." in projects and "projects.json" not in projects
    gallery = (site / "en" / "embeds.html").read_text(encoding="utf-8")  # no empty projects embeds
    assert 'id="code-map"' in gallery and 'id="code-projects' not in gallery
    others = [p for p in (site / "en").glob("*.html") if p.name not in ("projects.html", "financing.html")]
    assert others and not any('financing.html"' in p.read_text(encoding="utf-8") for p in others)
    # a small import: the same folder again, one value of one ward changed
    source = folder / "data" / "indicator_16-7-2-a.csv"
    text = source.read_bytes()  # its line ends (CR CR LF) kept as they are
    row = text.split(b"\n")[1].rstrip(b"\r")
    changed = row.rsplit(b",", 1)[0] + b"," + str(float(row.rsplit(b",", 1)[1]) + 1.5).encode()
    source.write_bytes(text.replace(row, changed, 1))
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert main(["import", str(folder), "--store", str(store), "--quiet"]) in (0, 1)
    second = export(store, site, "", languages=["en"], pictures=False, jobs=1, part=Part(years=2))
    rewritten = {p for p, stamp in before.items() if p.exists() and p.stat().st_mtime_ns != stamp}
    assert 0 < second.written < first.files, (second.written, first.files)
    assert second.unchanged > 0 and second.removed == 0
    indicators = {p.name for p in rewritten if p.parent.name == "indicators"}
    assert indicators and all(re.match(r"16\W7\W2", name) for name in indicators), indicators
    assert not any("assets" in p.parts for p in rewritten)
    assert site / "en" / "projects.json" not in rewritten  # no project changed


def test_a_place_with_values_only_broken_down_shows_them_on_its_published_page(tmp_path):
    """Cape Town's published page said "There are no goal scores for Cape Town yet." above an empty
    "Indicators by goal": its 32 values, all by mode of travel, were on no page of the export."""
    from tests import store_matrix

    store = store_matrix.build("broken-down-only", tmp_path)
    site = tmp_path / "site"
    export(store, site, "", languages=["en", "es"], pictures=False, jobs=1, part=Part(years=1))
    pages = list((site / "en" / "city").glob("*.html"))
    assert len(pages) == 1
    page = pages[0].read_text(encoding="utf-8")
    assert "all broken down (by Mode) with no total for the place" in page
    assert page.count("<table") >= 1 and "<thead><tr><th scope=\"col\">Mode<th scope=\"col\">" in page
    assert '<a href="../data.html">Download these values (CSV)</a>' in page
    broken, checked = broken_links(site)
    assert not broken and checked


def test_a_store_of_one_place_opens_explore_on_its_values_as_the_live_page_does(tmp_path):
    """The published Explore opened on a ranking of one place, whatever the live page opened on."""
    from tests import store_matrix

    store = store_matrix.build("one-city-site", tmp_path)
    site = tmp_path / "site"
    export(store, site, "", languages=["en"], pictures=False, jobs=1, part=Part(years=1))
    page = (site / "en" / "explore.html").read_text(encoding="utf-8")
    chosen = re.search(r'<select[^>]*name="view".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="trend" selected', chosen), chosen
    assert "for the only place with data." in page
    export(DEMO_STORE, tmp_path / "demo", "", languages=["en"], pictures=False, jobs=1,
           part=Part(places=("ken-nairobi",), years=1))
    chosen = re.search(r'<select[^>]*name="view".*?</select>', (tmp_path / "demo" / "en" / "explore.html")
                       .read_text(encoding="utf-8"), re.S).group(0)
    assert re.search(r'<option value="ranking" selected', chosen), chosen


def test_a_language_added_as_a_catalogue_is_exported(tmp_path):
    """Every language with a catalogue is exported by default, a city's own (here Arabic, right to left)
    included, with hreflang links to it from the shipped languages."""
    from layouts import i18n

    i18n.configure(extra_dirs=(Path(__file__).parent / "data" / "locales",))
    from dashboard.static_site import frame

    assets = {"bootstrap.min.css": "a/b.css", "static_site.css": "a/c.css", "site.css": "a/f.css",
              "colours.css": "a/g.css", "static_site.js": "a/d.js", "plotly.min.js": "a/e.js",
              "map_fit.js": "a/h.js", "ranking_fold.js": "a/i.js", "topojson": "a"}
    site = frame.Site("en", i18n.languages(), assets)
    assert "ar" in site.languages
    page = frame.page(site, "about.html", "About", "<p>x</p>")
    assert 'hreflang="ar" href="../ar/about.html"' in page
    with i18n.use("ar"):
        arabic = frame.page(frame.Site("ar", site.languages, site.assets), "about.html", "About", "")
    assert '<html lang="ar" dir="rtl" class="no-js">' in arabic


@pytest.mark.browser
def test_pictures_are_drawn_once_per_content(tmp_path):
    """PNG and SVG of a default state (drawn by Kaleido in Chromium); an unchanged picture is kept,
    not drawn again, by the next export."""
    from dashboard import data
    from dashboard.static_site import embeds, frame
    from dashboard.static_site.output import Output
    from layouts import i18n
    from loaders.store import Store
    from views import registry

    store = data.load_version(str(DEMO_STORE), Store(DEMO_STORE).current_version())
    with i18n.use("en"):
        site = frame.Site("en", ["en"], {}, "", store=store)
        shown = {"map": registry.build("map", {}, store), "ranking": registry.build("ranking", {}, store)}
        out = Output(tmp_path)
        assert embeds.pictures(out, site, store, shown, True) == (4, 0)
        out.finish()
        assert (tmp_path / "en" / "embed" / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (tmp_path / "en" / "embed" / "ranking.svg").read_bytes()[:400]
        again = Output(tmp_path)
        assert embeds.pictures(again, site, store, shown, True) == (0, 4)


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_every_step_once(tmp_path, jobs):
    """Steps finished in worker processes reach the exporting process; the count rises to the total
    (each language's pages, each city page in each language, the open data) and never falls."""
    told = []
    place = PLACES[0]
    export(DEMO_STORE, tmp_path / "site", "", languages=["en", "fr"], pictures=False, jobs=jobs,
           part=Part(places=(place,), years=1), progress=lambda done, total: told.append((done, total)))
    totals = {total for _, total in told}
    assert totals == {2 * (8 + 1) + 1}
    done = [d for d, _ in told]
    assert done == sorted(done) and done[0] == 0 and done[-1] == totals.pop()


def test_command_shows_progress_unless_quiet(tmp_path):
    """Not a terminal: lines with the count, rate and time left (the last when done); --quiet: nothing
    at all (a cron job mails whatever a command prints)."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "dashboard.cli", "export-static", "--store", str(DEMO_STORE),
               "--lang", "en", "--no-pictures", "--jobs", "1", "--place", PLACES[0], "--latest-years", "1"]
    shown = subprocess.run([*command, str(tmp_path / "a")], capture_output=True, text=True, check=True)
    assert re.search(r"^exporting: 10 of 10 parts \([\d,.]+/s\)$", shown.stderr, re.M), shown.stderr
    assert "exported data version" in shown.stdout
    quiet = subprocess.run([*command, str(tmp_path / "b"), "--quiet"], capture_output=True, text=True,
                           check=True)
    assert quiet.stderr == "" and quiet.stdout == ""
    # no published address: no sitemap (its addresses must be absolute), but every page
    assert not (tmp_path / "b" / "sitemap.xml").exists() and (tmp_path / "b" / "en" / "index.html").is_file()


def test_a_long_indicator_keeps_its_csv_and_json(tmp_path):
    """Past 10,000 rows a whole table is compressed CSV only, but an indicator's files are always the
    compressed CSV its embeds link and a compressed JSON."""
    import gzip
    import json

    import pandas as pd

    from dashboard.static_site import opendata
    from dashboard.static_site.output import Output

    rows = pd.DataFrame({"place_id": [f"p{i}" for i in range(10_001)], "value": range(10_001)})
    out = Output(tmp_path)
    assert opendata.write_one(out, "data/whole", rows, "v") == ("csv.gz",)
    stem = opendata.indicator_stem("long-one")
    assert opendata.write_one(out, stem, rows, "v", whole=False) == ("csv.gz", "json.gz")
    assert len(pd.read_csv(tmp_path / opendata.indicator_file("long-one"))) == 10_001
    assert len(json.loads(gzip.decompress((tmp_path / f"{stem}.json.gz").read_bytes()))["data"]) == 10_001
    assert len(pd.read_csv(tmp_path / "data" / "whole.csv.gz")) == 10_001
    assert not (tmp_path / "data" / "whole.json.gz").exists()


def test_an_array_every_trace_shares_is_written_once():
    """Grouped bars repeat the goals' names in every place's trace: the export writes them in the
    first trace only, and the site's script puts them back before plotly draws."""
    from dashboard.paths import STATIC_DIR
    from dashboard.static_site.frame import SAME_AS_FIRST, written_once

    goals = ["1. No poverty", "2. Zero hunger"]
    data = [{"y": goals, "x": [1, 2], "name": "A"}, {"y": list(goals), "x": [1, 2], "name": "B"},
            {"y": ["other", "goals"], "x": [3]}]
    first, second, third = written_once(data)
    assert first == data[0] and second == {"y": SAME_AS_FIRST, "x": SAME_AS_FIRST, "name": "B"}
    assert third == data[2] and written_once(data[:1]) == data[:1]
    script = (STATIC_DIR / "static_site.js").read_text()
    assert f'var SAME_AS_FIRST = "{SAME_AS_FIRST}"' in script


def test_a_link_to_a_places_projects_keeps_its_filter_in_the_hash():
    """The live page's `/projects?place=…&goal=…` becomes the projects page with the list's filter
    in the hash, which the page's script reads (it lost the filter and listed all 300)."""
    from dashboard.static_site import frame

    site = frame.Site("en", ["en"], {})
    assert frame.static_href(site, "en/city/ken-nairobi.html", "/projects?place=ken-nairobi&goal=6&lang=en") \
        == "../projects.html#place=ken-nairobi&goal=6"
    assert frame.static_href(site, "en/index.html", "/projects?lang=en") == "projects.html"
    script = (Path(frame.__file__).parents[1] / "static" / "static_site.js").read_text()
    assert '["place", "goal", "theme", "status", "q"]' in script and "p.place_id === place" in script


def test_the_documents_on_the_about_page_are_html_with_working_links():
    """The methodology's tables are tables (they were printed as '| colour | rule |' text) and a link
    to a document the page does not show keeps its words only (sentences.md led to no page)."""
    from dashboard import docs_text

    text = ("# Rules\n\n| colour | rule |\n|---|---|\n| green | *on_track* |\n\n"
            "See [the sentences](sentences.md) and [accessibility](accessibility.md#keyboard).\n\n"
            "<script>x</script>")
    shown = docs_text.html(text)
    assert '<h2 class="mt-3">Rules</h2>' in shown and '<table class="table table-sm">' in shown
    assert "<td><em>on_track</em></td>" in shown and "|---|" not in shown
    assert "See the sentences and" in shown and '<a href="#accessibility">accessibility</a>' in shown
    assert "<script>" not in shown  # a document's HTML is shown as text
    assert docs_text.page_links("[m](methodology.md)") == "[m](#methodology)"


def test_no_id_is_used_twice_on_a_page(demo_site):
    """Each first picture names its title and description by its own section's ids (a city page's
    pictures all used "map-title", so every aria-labelledby pointed at the first)."""
    from collections import Counter

    folder, _report = demo_site
    pages = [folder / "en" / "index.html", folder / "en" / "projects.html",
             *sorted((folder / "fr" / "city").glob("*.html"))[:5]]
    for path in pages:
        ids = Counter(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))
        assert [i for i, n in ids.items() if n > 1] == [], path.name


def test_the_static_about_page_says_what_the_live_one_does(demo_site):
    """How to read a rating, the index rule of the store's settings and why a place can be missing
    from a map: the live About page said them, the exported one did not."""
    folder, _report = demo_site
    about = (folder / "en" / "about.html").read_text(encoding="utf-8")
    for words in ("What this dashboard shows", "How to read a rating", "Places that are not on the map",
                  "only when it has data for at least 80% of the index&#x27;s indicators and scores for at "
                  "least 9 of the 17 goals", 'class="rating-dot"'):
        assert words in about, words


def test_a_published_city_page_lists_its_nearest_peers_and_links_its_region_s_rankings(tmp_path, monkeypatch):
    """Every one of Bolivia's 339 published pages listed its 338 peers (61,000 px on a phone); as on
    the live page, a subregion of more than PEER_ROWS lists the nearest in score, and links the
    rankings of its region."""
    from dashboard.static_site import city_pages

    monkeypatch.setattr(city_pages, "PEER_ROWS", 3)
    export(DEMO_STORE, tmp_path / "site", "", languages=["en"], pictures=False, jobs=1,
           part=Part(places=("ken-nairobi",), years=1))
    page = (tmp_path / "site" / "en" / "city" / "ken-nairobi.html").read_text(encoding="utf-8")
    peers = page[page.find("Peers in"):page.find("</table>", page.find("Peers in"))]
    caption = r"<caption>Nairobi and the 3 of \d+ other cities in the same UN subregion nearest to it in SDG"
    assert re.search(caption, peers)
    assert peers.count('<th scope="row">') == 4  # and Nairobi's own, marked as the app's is
    assert '<tr class="current-row" aria-current="true"><th scope="row">Nairobi (this place)<td>' in peers
    assert '<a href="../rankings.html?region=Africa">All places ranked: Africa</a>' in page


def test_a_place_s_indicators_without_a_total_follow_its_scored_ones_live_and_published(tmp_path):
    """Los Angeles' four indicators with values only broken down (staff by gender, beaches by station)
    were on neither page: the tables were made only for a place with no total at all."""
    from dashboard import data
    from dashboard.app import create_app
    from tests import store_matrix
    from tests.components import page_module, text

    store = store_matrix.build("partly-broken-down", tmp_path)
    app = create_app(str(store))
    module = page_module("/city/none")
    with app.server.test_request_context("/"):
        place = data.current().places.query("kind == 'city'")["place_id"].iloc[0]
        live = text(module.page(data.current(), place, {}))
    said = "2 indicators have values for"
    assert said in live and "only broken down (by Mode), with no total for the place" in live
    assert live.index("Indicators by goal") < live.index("Values without a total") < live.index(said)
    site = tmp_path / "site"
    export(store, site, "", languages=["en"], pictures=False, jobs=1, part=Part(years=1))
    published = (site / "en" / "city" / f"{place}.html").read_text(encoding="utf-8")
    assert "Values without a total" in published and said in published
    assert '<th scope="col">Mode' in published


def test_an_export_removes_only_the_folders_its_own_removals_empty(tmp_path):
    """A site folder that was a git working copy lost its empty .git/refs/tags and objects/info: the
    export removed every empty folder in it, not only those its stale files had left empty."""
    from dashboard.static_site.output import Output

    first = Output(tmp_path)
    first.write("en/city/old.html", "<p>old</p>")
    first.write("en/index.html", "<p>map</p>")
    first.finish()
    for folder in (".git/refs/tags", "images/empty"):
        (tmp_path / folder).mkdir(parents=True)
    second = Output(tmp_path)
    second.write("en/index.html", "<p>map</p>")
    second.finish()
    assert not (tmp_path / "en" / "city").exists() and (tmp_path / "en" / "index.html").is_file()
    assert (tmp_path / ".git" / "refs" / "tags").is_dir() and (tmp_path / "images" / "empty").is_dir()
    assert second.removed == 1


def test_find_your_city_labels_two_places_of_one_name_apart():
    """Bolivia's two San Pedros were both "San Pedro, Bolivia" in cities.json, and either choice
    opened the Santa Cruz one; a country was "Ghana, Ghana"."""
    import pandas as pd

    from dashboard.static_site.explore_pages import search_listing
    from layouts import i18n

    places = pd.DataFrame({"place_id": ["bol-sp-pando", "bol-sp-sc", "gha"],
                           "name": ["San Pedro", "San Pedro", "Ghana"], "kind": ["city", "city", "country"],
                           "country_iso3": ["BOL", "BOL", "GHA"],
                           "area": ["Pando", "Santa Cruz", None]})
    with i18n.use("en"):
        labels = {row["id"]: row["label"] for row in search_listing(places)}
    assert labels == {"bol-sp-pando": "San Pedro, Pando, Bolivia",
                      "bol-sp-sc": "San Pedro, Santa Cruz, Bolivia", "gha": "Ghana"}


def test_the_root_page_is_in_the_language_it_is_marked_with(tmp_path):
    """An export in French wrote its root page under lang="fr" with an English title and heading,
    which a reader sees before it moves on."""
    from dashboard.static_site.about import root_page
    from dashboard.static_site.output import Output

    out = Output(tmp_path)
    root_page(out, ["fr", "en"], "fr")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "<h1>Tableau de bord ODD des villes</h1>" in page
    assert "<title>Tableau de bord ODD des villes</title>" in page


def test_each_published_embed_link_is_named_by_its_chart_s_title(demo_site):
    """Every chart's link on the published pages read "Embed this chart", the same for all of a
    page's charts in a screen reader's list of links: each is named by its words and the title
    of its chart (which the page's script rewrites with the chosen state)."""
    from html import unescape

    folder, _report = demo_site
    for page in ("index.html", "projects.html", "financing.html", "city/ken-nairobi.html"):
        written = (folder / "en" / page).read_text(encoding="utf-8")
        ids = {m.group(1): unescape(m.group(2)) for m in re.finditer(r'id="([^"]+)"[^>]*>([^<]*)<', written)}
        links = re.findall(r'<a href="[^"]*" id="([^"]+)" aria-labelledby="([^"]+)">([^<]*)</a>', written)
        names = [" ".join(ids[part] for part in labelled.split()) for _own, labelled, _words in links]
        assert names and len(names) == len(set(names)), (page, names)
        for (own, labelled, words), name in zip(links, names, strict=True):
            key = own.rsplit("-link-", 1)[0]
            assert labelled == f"{own} {key}-title" and name == f"{words} {ids[key + '-title']}", name
    city = (folder / "en" / "city" / "ken-nairobi.html").read_text(encoding="utf-8")
    assert 'aria-labelledby="city-goals-link-0 city-goals-title">Embed this chart</a>' in city
    assert re.search(r'id="city-goals-title">Nairobi: The 17 goals, scored on values from 2024 to 2025', city)
