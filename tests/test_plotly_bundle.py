"""The partial plotly.js holds every trace type the pages and embeds draw, at Dash's version."""

from __future__ import annotations

import re
from pathlib import Path

import dash
import pytest

from dashboard import plotly_bundle
from loaders.paths import DEMO_STORE, REPO_ROOT
from tests.components import walk

SOURCE_TRACES = re.compile(r"\bgo\.(Bar|Box|Choropleth\w*|Scatter\w*|Histogram\w*|Pie|Heatmap|Violin|"
                           r"Treemap|Sunburst|Sankey|Funnel\w*|Table|Indicator|Waterfall|Densitymap)\(|"
                           r"[\"']type[\"']:\s*[\"'](\w+)[\"']")
# every query state that changes which trace types a page draws
PAGE_QUERIES = {
    "/": [{}, {"view": "countries"}, {"goal": "11"}],
    "/explore": [{}, *({"view": v} for v in ("ranking", "scatter", "distribution", "trend"))],
}
QUERY_STATES = {"map": [{}, {"view": "countries"}], "city-goals": [{}]}


def bundled() -> set[str]:
    text = plotly_bundle.bundle_path().read_text(encoding="utf-8")
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', text))


def figure_types(figure) -> set[str]:
    data = figure.get("data", []) if isinstance(figure, dict) else figure.data
    return {(t.get("type") if isinstance(t, dict) else t.type) or "scatter" for t in data}


def graphs_in(tree) -> set[str]:
    found = set()
    for node in walk(tree):
        figure = getattr(node, "figure", None)
        if figure is not None:
            found |= figure_types(figure)
    return found


def test_bundle_registers_exactly_the_declared_traces_at_dashs_version():
    assert bundled() == set(plotly_bundle.BUNDLED)
    stamp = (plotly_bundle.BUNDLE_DIR / "VERSION").read_text(encoding="utf-8")
    assert stamp.startswith(f"plotly.js {plotly_bundle.dash_plotly_version()};"), \
        "plotly was upgraded: run `bash scripts/build_plotly.sh`"
    assert (plotly_bundle.BUNDLE_DIR / "LICENSE-plotly.js").exists()


def test_bundle_holds_the_plotly_dictionary_of_every_catalogue_language():
    """plotly's own words (mode bar tooltips and labels) follow the page's language."""
    from layouts import design, i18n

    text = plotly_bundle.bundle_path().read_text(encoding="utf-8")
    stamp = (plotly_bundle.BUNDLE_DIR / "VERSION").read_text(encoding="utf-8")
    assert f"locales: {' '.join(plotly_bundle.locales())};" in stamp, "run `bash scripts/build_plotly.sh`"
    registered = set(re.findall(r'moduleType:"locale",name:"([\w-]+)"', text))
    assert {"es", "fr"} <= registered  # the shipped catalogues' languages: plotly.js has both
    for language in i18n.languages():
        with i18n.use(language):
            assert design.graph_config()["locale"] == language


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    from dashboard.app import create_app

    create_app(str(DEMO_STORE))
    return {page["path_template"] or page["path"]: page for page in dash.page_registry.values()}


def test_every_page_and_embed_figure_uses_bundled_traces(pages, monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))
    from dashboard import data
    from views.registry import EMBEDS

    store = data.current()
    place = store.places["place_id"].iloc[0]
    drawn: dict[str, set[str]] = {}
    for path, page in pages.items():
        variables = {"place_id": place} if "<place_id>" in path else {}
        for query in PAGE_QUERIES.get(path, [{}]):
            layout = page["layout"]
            tree = layout(**variables, **query) if callable(layout) else layout
            drawn[f"{path} {query}"] = graphs_in(tree)
    for name in EMBEDS:
        for query in QUERY_STATES.get(name, [{}]):
            # a view for places with districts, say: tried with each place until one has what it needs
            tries = (try_build(name, store, p, query) for p in [place, *store.places["place_id"]])
            view = next((v for v in tries if v is not None), None)
            if view is None:  # no place of the demo has what it needs (districts): the source scan covers it
                continue
            for figure in (view.figure, view.picture):
                if figure is not None:
                    drawn.setdefault(f"/embed/{name} {query}", set()).update(figure_types(figure))
    assert {"scattergeo", "choropleth", "bar", "scatter", "box"} <= set().union(*drawn.values())
    missing = {where: types - bundled() for where, types in drawn.items() if types - bundled()}
    assert not missing, f"trace types the plotly.js bundle lacks: {missing}"


def try_build(name, store, place, query):
    from views.registry import NotAvailable, build

    try:
        return build(name, {"place": place, **query}, store)
    except NotAvailable:
        return None


def test_figure_code_names_only_bundled_traces():
    """Figures built only by callbacks are caught in the source: every go.<Trace>( and "type": "x"."""
    named = set()
    for folder in ("layouts", "views", "dashboard"):
        for path in Path(REPO_ROOT, folder).rglob("*.py"):
            for trace, kind in SOURCE_TRACES.findall(path.read_text(encoding="utf-8")):
                named.add(trace.lower() if trace else kind)
    plotly_types = {"bar", "box", "choropleth", "scatter", "scattergeo", "heatmap", "pie", "histogram"}
    assert named & plotly_types, named
    assert (named & plotly_types) <= bundled()


def test_the_bundle_defaults_to_this_server_never_to_plotly_hosts():
    """Without a graph config, plotly.js would fetch map topology from Plotly's CDN; the bundle's own
    default is this app's topology folder, and it names no chart-studio address."""

    from layouts.maps import TOPOJSON_URL

    code = (Path(REPO_ROOT) / "dashboard" / "vendor" / "plotly" / "plotly.min.js").read_text(encoding="utf-8")
    assert f'topojsonURL:{{valType:"string",noBlank:!0,dflt:"{TOPOJSON_URL}"' in code
    assert 'plotlyServerURL:{valType:"string",dflt:""' in code
    fetched = set(re.findall(r'dflt:"(https?://[^"]+)"', code))
    assert fetched == set(), fetched


def test_no_mode_bar_button_sends_a_chart_to_a_cloud():
    """The bundle's share and cloud buttons (their names change between plotly.js versions: this
    one's is `sendChartToCloud`, which sat on every chart, in English, doing nothing) are removed."""
    from layouts.design import GRAPH_CONFIG

    text = plotly_bundle.bundle_path().read_text(encoding="utf-8")
    cloud = {name for name in re.findall(r'name:"(\w+)"', text) if "Cloud" in name or "ChartStudio" in name}
    assert cloud and cloud <= set(GRAPH_CONFIG["modeBarButtonsToRemove"])
