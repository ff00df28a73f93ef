"""The embed document: one chart with its title, source line, data date, text alternative and
data table, written as plain HTML that loads only this server's files."""

from __future__ import annotations

import json
import re
from html import escape

import plotly.io as pio

from dashboard.delivery.files import url
from dashboard.embed.markup import render, tagged_html, unbroken
from layouts import design, i18n, static_svg
from layouts.design import TOPOJSON_URL
from layouts.i18n import _, ngettext
from layouts.sources import about, cited, source_name
from layouts.store_summary import demo_banner
from layouts.tables import data_table
from loaders.store import StoreData
from views.base import View


def source_names(store: StoreData, subject: str = "all") -> str:
    """The sources under a chart about `subject` (`chrome.source_line`), each by
    `layouts.sources.source_name`."""
    names = list(dict.fromkeys(source_name(s) for s in about(cited(store.meta.get("sources", [])), subject)))
    names = [n for n in names if n]
    if not names:
        return _("not recorded")
    if len(names) <= 3:
        return i18n.join(names)
    rest = len(names) - 3
    return ngettext("{names} and {count} more", "{names} and {count} more", rest).format(
        names=", ".join(names[:3]), count=rest)


def source_line(store: StoreData, view: View, frozen: bool) -> str:
    from dashboard import chrome

    text = chrome.source_line(store, chrome.subject_of(view))
    if frozen:
        text += " " + _("This chart is frozen at that version.")
    return escape(text)


def frame_title(view: View) -> str:
    """What a frame of the view is called, in the language in force: its iframe's `title` and its
    page's <title>. A screen reader names a frame by it, so it says what the frame shows (the
    chart's heading: place, goal or indicator, year, filters): every snippet was titled by the kind
    of chart alone ("A place's 17 goals"), the same for every city. A map says it is one: "Goal 2:
    Zero hunger, 2021" did not, beside the charts of the same goal."""
    heading = view.heading
    if view.figure is not None and design.is_map(view.figure):
        heading = _("Map: {heading}").format(heading=heading)
    return f"{heading} · {_('City SDG Dashboard')}"


FIGURE_CONFIG = {"responsive": True, "displayModeBar": False}


PLOT_TOP = 10
"""Pixels above the plot of an embedded chart with nothing standing above it (`figure_payload`)."""


def panel_titles_above(layout: dict) -> bool:
    """Whether titles stand above the plot in its own top margin: annotations at or above the top
    of the paper ("Projects serving each goal" and "Budget (USD million)" over their panels)."""
    notes = layout.get("annotations") or ()
    return any(note.get("yref") == "paper" and (note.get("y") or 0) >= 1 for note in notes)


def stands_above(figure: dict) -> bool:
    """Whether anything is drawn in the figure's top margin: panels' titles, or a legend shown above
    the plot (the compared places' names; plotly shows none for one trace: a city compared with no
    peer stood under 40 px of nothing)."""
    layout = figure.get("layout") or {}
    legend = layout.get("legend") or {}
    named = [trace for trace in figure.get("data") or () if trace.get("showlegend") is not False]
    shown = layout.get("showlegend", len(named) > 1)
    on_top = shown and legend.get("yref", "paper") == "paper" and (legend.get("y") or 0) >= 1
    return panel_titles_above(layout) or bool(on_top)


def figure_payload(view: View) -> dict:
    """The view's figure as plotly's JSON reads it, titled by the page (not the chart), with the
    embed's graph configuration. Its top margin is the figure's own where something stands above
    the plot (a panel's title: "Projects serving each goal" lost its first line at 10 px); else
    PLOT_TOP: the explore charts keep 40 px for the page's mode bar, which an embed does not show,
    and the scatter, trend and distribution embeds stood under about 40 px of nothing."""
    payload = json.loads(pio.to_json(view.figure, validate=False))
    layout = payload["layout"]
    # the page's own heading carries the title; the chart does not repeat it
    layout.pop("title", None)
    if not stands_above(payload):
        margin = layout.get("margin") or {}
        layout["margin"] = {**margin, "t": min(margin.get("t", PLOT_TOP), PLOT_TOP)}
    payload["config"] = design.graph_config(**FIGURE_CONFIG)
    return payload


def script_json(payload: object, separators: tuple[str, str] | None = None) -> str:
    """JSON to put in a page's <script>: no text may end the data block early or open a comment in
    it ("</script>", "<!--")."""
    text = json.dumps(payload, separators=separators)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def figure_json(view: View) -> str:
    return script_json(figure_payload(view))


def link(href: str, words: str) -> str:
    return f'<a href="{escape(href)}" target="_blank" rel="noopener">{escape(words)}</a>'


def message_page(status: int, message: str) -> str:
    """What a frame shows when its address is wrong: the reason, in the reader's language."""
    language = i18n.language()
    return (f'<!DOCTYPE html><html lang="{language}" dir="{i18n.direction(language)}"><head>'
            f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{status} · {escape(_("City SDG Dashboard"))}</title>'
            f'<link rel="stylesheet" href="{url("bootstrap.min.css")}"></head>'
            f'<body class="p-2"><main><h1 class="h6">{escape(message)}</h1></main></body></html>')


def topology_preload(view: View) -> str:
    """A map's topology fetched alongside plotly.js, not after plotly has run and asked for it."""
    traces = view.figure.data if view.figure is not None else ()
    geo = any(t.type in ("scattergeo", "choropleth") and getattr(t, "geojson", None) is None for t in traces)
    name = "usa_110m" if geo and static_svg.is_usa(view.figure) else "world_110m"  # the map plotly draws
    return (f'\n<link rel="preload" href="{TOPOJSON_URL}{name}.json" as="fetch" crossorigin="anonymous">'
            if geo else "")


SECTION_LINK = re.compile(r'href="#([A-Za-z][\w-]*)"')


def to_full_view(body: str, full_url: str) -> str:
    """Links to a section of the page (a goal tile's `#goal-3`) point at that section of the full
    view, in a new tab: the embed has no such section, so the tile led nowhere."""
    target = escape(full_url.split("#", 1)[0])
    return SECTION_LINK.sub(lambda m: f'href="{target}#{m.group(1)}" target="_blank" rel="noopener"', body)


def document(store: StoreData, view: View, frozen: bool, full_url: str, api_url: str | None) -> str:
    language = i18n.language()
    chart = ""
    on_demand = False  # a picture stands in until the reader reaches for the chart
    sentence = view.figure is not None and design.is_sentence(view.figure)
    if sentence:  # a chart that is one sentence ("A ranking needs two places or more."): its words
        words = " ".join(str(note.text).replace("<br>", " ") for note in view.figure.layout.annotations)
        chart = f'<p class="embed-note">{escape(words)}</p>'
    elif view.figure is not None:
        # a map or a bar chart is drawn as SVG by the server too: seen before plotly runs, or without scripts
        from dashboard.first_paint import topology  # here: first_paint imports this package's markup

        drawn = static_svg.picture(view.figure, view.title, view.summary, topology(), "embed-map",
                                   tooltips=True, usa=topology("usa_110m"))
        # With a picture, plotly.js (about 400 kB) comes when the reader reaches for the chart, not
        # with every page of the city's website that embeds it (embed.js; PLOTLY_ON_DEMAND)
        on_demand = bool(drawn)
        later = f' data-plotly="{url("plotly.min.js")}"' if on_demand else ""
        # said by embed.js when plotly cannot draw (a map's topology refused by another site's host)
        failed = escape(_("The interactive chart could not be loaded here; the picture shows the same data.")
                        if drawn else _("The interactive chart could not be loaded here; the table below "
                                        "holds its data."))
        chart = (f'<div id="embed-chart" class="embed-chart" role="img"{later} data-failed="{failed}" '
                 f'aria-label="{escape(view.title)}" aria-describedby="embed-summary">{drawn}</div>')
        if drawn:
            words = escape(_("Interactive chart"))
            chart += (f'<button type="button" id="embed-live" class="btn btn-sm btn-outline-secondary mt-1" '
                      f'hidden>{words}</button>')
    elif view.body is not None:
        chart = f'<div class="embed-body">{to_full_view(render(view.body, new_tab=True), full_url)}</div>'
    demo = render(demo_banner(store)).replace('class="alert', 'class="demo-mark alert', 1)
    problems = "".join(f'<p class="alert alert-info py-1 small">{escape(p)}</p>' for p in view.problems)
    links = [link(full_url, _("Open the full view")), f'<a href="#embed-data">{escape(_("Data table"))}</a>']
    if api_url:  # the static site's whole tables past 10,000 rows are compressed CSV files
        compressed = api_url.split("?", 1)[0].endswith(".gz")
        links.append(link(api_url, _("Download the data (CSV, gzip)") if compressed else _(
            "Download the data (CSV)")))
    table = render(data_table(view.table.rows, view.table.caption, links=view.table.links,
                              nowrap=view.table.nowrap, languages=view.table.languages,
                              caption_languages=view.table.caption_languages), new_tab=True)
    subtitle = f'<p class="embed-subtitle small mb-1">{unbroken(view.subtitle)}</p>' if view.subtitle else ""
    data_block = (f'<script type="application/json" id="embed-figure">{figure_json(view)}</script>'
                  if view.figure is not None and not sentence else "")
    plotly_script = (f'<script src="{url("plotly.min.js")}"></script>'
                     if view.figure is not None and not on_demand and not sentence else "")
    # a map is drawn as tall as its geography, by the rule the dashboard's pages use
    map_script = (f'<script src="{url("map_fit.js")}"></script>'
                  if view.figure is not None and not sentence and design.is_map(view.figure) else "")
    return f"""<!DOCTYPE html>
<html lang="{language}" dir="{i18n.direction(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{escape(frame_title(view))}</title>
<link rel="stylesheet" href="{url("bootstrap.min.css")}">
<link rel="stylesheet" href="{url("embed.css")}">
<link rel="stylesheet" href="{url("colours.css")}">{"" if on_demand else topology_preload(view)}
</head>
<body class="embed">
<main>
<h1>{tagged_html(view.title, view.languages)}</h1>
{subtitle}{demo}{problems}
<figure class="m-0">
{chart}
<figcaption id="embed-summary" class="small mt-1">{tagged_html(view.summary, view.languages)}</figcaption>
</figure>
<p class="embed-source">{source_line(store, view, frozen)} {" · ".join(links)}</p>
<details id="embed-data" class="mt-1"><summary>{escape(_("Data table"))}</summary>{table}</details>
</main>
{data_block}
{plotly_script}
{map_script}<script src="{url("embed.js")}"></script>
</body>
</html>
"""
