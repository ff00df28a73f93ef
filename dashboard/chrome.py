"""Pieces every page shares: the demo banner, problem messages, and a view drawn as a card."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, dcc, html

from dashboard import data
from dashboard.embed.dialog import embed_button
from dashboard.embed.page import source_names, stands_above
from layouts import bootstrap, design, i18n
from layouts.bootstrap import tagged
from layouts.design import graph_config
from layouts.i18n import _
from layouts.store_summary import demo_banner
from layouts.tables import data_table, table_data
from loaders.store import StoreData
from views.base import Table, View


def page_messages(store: StoreData, problems: list[str]) -> html.Div:
    """The demo banner and, for a bad URL parameter, what was wrong and what is shown instead."""
    alerts = [bootstrap.alert(kept_whole(p), "info", className="url-problem") for p in problems]
    return html.Div([demo_banner(store), *alerts])


def kept_whole(text: str) -> str | list:
    """A message with each period it names ("2019-20") on one line (a phone broke one after its
    hyphen in titles); the text itself where it names none."""
    parts = bootstrap.unbroken(text)
    return text if parts == [text] else parts


def without_projects(heading: str) -> html.Div:
    """The projects pages of a store that holds none: what is missing, said once, and the way back
    (their filters and six empty panels said less)."""
    return html.Div([html.H1(heading, className="h3"),
                     html.P(_("This data holds no projects yet."), className="lead"),
                     html.P(dcc.Link(_("Go to the map of all places"), href=i18n.href("/")))])


def credit() -> str:
    """The credit at the foot of every page, live and published (the static site's pages had none:
    GeoNames' CC BY asks for it where the names are shown)."""
    return _("Place names and populations: GeoNames (CC BY 4.0). Country outlines: Natural Earth. "
             "See About for every data source.")


def source_footer(subject: str = "indicators") -> html.P:
    """Under every chart, as in its embed: where the data come from and which version is shown."""
    store = data.current()
    return html.P(source_line(store, subject), className="chart-source")


def subject_of(view: View) -> str:
    """What a view shows, for the sources it names: "projects" (the projects' pages and a city's
    projects), "all" (financing, which sets the projects' budgets against the places' ratings) or
    "indicators" (everything else)."""
    if view.full_path.startswith("/projects/financing"):
        return "all"
    return "projects" if view.full_path.startswith("/projects") else "indicators"


def source_line(store: StoreData, subject: str = "all") -> str:
    """"Source: …. Data version … of …." under a chart about `subject` ("indicators", "projects" or
    "all"): a chart names the sources of what it shows (Berlin's projects were credited to the SDSN
    index beside them, its goal map to the project list), all of them where it shows both or none
    of its kind is recorded."""
    def made() -> str:
        created = i18n.day(store.meta.get("created")) or _("an unknown date")
        return _("Source: {sources}. Data version {version} of {date}.").format(
            sources=source_names(store, subject), version=store.version, date=created)

    return store.kept("source line", (i18n.language(), subject), made)


def chart_card(graph, summary, table, hint: str = "", embed: str | None = None,
               table_summary_id: str | None = None, subject: str = "indicators",
               heading_id: str | None = None) -> html.Div:
    """A chart with its text summary, its source line and, one click away, its data table; `embed`
    names the /embed/<view> that shows the same chart, which adds an Embed button named by the
    chart's heading (`heading_id`, the box of `heading`); `table_summary_id` gives the table's
    <summary> an id (its clicks ask for a table sent on demand)."""
    button = embed_button(embed, title_of(heading_id)) if embed and heading_id else None
    return bootstrap.card(
        [
            html.Div(button, className="d-flex justify-content-end") if button else None,
            graph,
            summary,
            html.P(hint, className="small text-muted") if hint else None,
            source_footer(subject),
            html.Details(
                [html.Summary(_("Data table"), **with_id(table_summary_id)), table],
                className="chart-table mt-2"
            ),
        ],
        className="mb-3",
    )


def table_of(table: Table | None, table_id: str | None = None) -> html.Div | None:
    """A view's table rows as an accessible HTML table (None where the view has none)."""
    if table is None:
        return None
    return data_table(table.rows, table.caption, links=table.links, table_id=table_id, nowrap=table.nowrap,
                      languages=table.languages,
                      caption_languages=table.caption_languages)


PAGE_ROWS = 1000
"""At most this many rows of a table are drawn on a page; all of them are in the CSV and the API."""


def table_payload(table: Table | None) -> dict | None:
    """A view's table as data for `assets/tables.js` (None where the view has none)."""
    if table is None:
        return None
    return table_data(table.rows, table.caption, links=table.links, max_rows=PAGE_ROWS, nowrap=table.nowrap,
                      languages=table.languages,
                      caption_languages=table.caption_languages)


def graph(figure, graph_id: str | None = None, **props) -> dcc.Graph:
    """A chart with the dashboard's one graph configuration: map topology from this server, no logo."""
    if graph_id is not None:
        props["id"] = graph_id
    return dcc.Graph(figure=figure, config=graph_config(), responsive=True, **props)


def with_id(component_id: str | None) -> dict:
    return {"id": component_id} if component_id else {}


def title_of(heading_id: str) -> str:
    """The id of the title in the heading box `heading_id` (its h2 or h3, without the subtitle)."""
    return f"{heading_id}-words"


def heading_parts(view: View, heading_id: str | None = None, level: str = "h6", tag: str = "h2") -> list:
    """The view's title, and under it what the title leaves out (the filters in effect); `tag` h3
    under a section's own h2 (a city page's trend was an h2 beside its section's h2); the title has
    the id `title_of(heading_id)`, by which its chart's Embed button is named."""
    named = with_id(title_of(heading_id)) if heading_id else {}
    title = tagged(view.title, view.languages)
    parts = [getattr(html, tag.upper())(title, className=f"{level} mb-0", **named)]
    if view.subtitle:
        parts.append(html.P(bootstrap.unbroken(view.subtitle),
                            className="small text-muted mb-1 view-subtitle"))
    return parts


def heading(view: View, heading_id: str | None = None, level: str = "h6",
            announced: bool = False, tag: str = "h2") -> html.Div:
    """The view's heading in a box a callback can refill (`heading_parts`); `announced`: read out when
    refilled (the map's "Goal 3: Good health and well-being, 2024" as the goal or year changes, which
    a screen reader heard nothing of)."""
    live = {"aria-live": "polite", "aria-atomic": "true"} if announced else {}
    return html.Div(heading_parts(view, heading_id, level, tag), className="mb-1", **with_id(heading_id),
                    **live)


MODE_BAR_ROOM = 30
"""Pixels of a chart's top margin (Explore's 40) kept for plotly's mode bar, moved above the chart
by `mode_bar_strip`."""
STRIP = "mode-bar-strip"


def mode_bar_strip(figure) -> bool:
    """Moves the room a chart's top margin keeps for plotly's mode bar into a strip above the chart,
    drawn only where the mode bar is shown (site.css `.mode-bar-strip`, from 576 px): a phone hides
    the mode bar, and Explore's charts stood under 40 px of nothing there; the figure is as much
    shorter. A figure with something in that margin (a legend or titles above the plot, a title) is
    left as it is. Says whether it moved it."""
    layout = figure.layout
    if not layout.height or (layout.margin.t or 0) < MODE_BAR_ROOM + 10 or layout.title.text:
        return False
    if design.is_map(figure) or stands_above(figure.to_plotly_json()):
        return False
    figure.update_layout(margin_t=layout.margin.t - MODE_BAR_ROOM, height=layout.height - MODE_BAR_ROOM)
    return True


def view_chart(view: View, graph_id: str | None = None, strip: bool = False):
    """The view's figure as a graph of its own height, or its HTML body; `strip`: its mode bar's room
    moved above it where it can be (`mode_bar_strip`)."""
    if view.figure is None:
        return view.body
    if design.is_sentence(view.figure):  # a figure that is a sentence already says its own
        return graph(view.figure, graph_id, style={"height": "90px"})
    if design.is_empty(view.figure):  # one clear sentence, not empty axes
        # a map may have places with scores but none it can draw (Nepal's provinces, without
        # coordinates or shapes): "no data" was false there; its summary says how many and why
        on_map = view.figure.layout.geo.projection.type is not None
        words = _("No place of this selection can be drawn on the map.") if on_map else \
            _("No data matches this selection.")
        return graph(design.empty_figure(words), graph_id, style={"height": "90px"})
    moved = {"className": STRIP} if strip and mode_bar_strip(view.figure) else {}
    height = view.figure.layout.height
    if height:
        return graph(view.figure, graph_id, style={"height": f"{height}px"}, **moved)
    return graph(view.figure, graph_id, className="graph-fluid")


def named_chart(view: View, graph_id: str | None = None, title_id: str | None = None,
                summary_id: str | None = None, strip: bool = False):
    """`view_chart`, a chart as a figure named by its heading (`title_id`, else the title) and
    described by its summary sentence (`summary_id`)."""
    chart = view_chart(view, graph_id, strip)
    if view.figure is None:
        return chart
    named = {"aria-labelledby": title_id} if title_id else {"aria-label": view.title}
    return html.Div(chart, role="figure", **named, **({"aria-describedby": summary_id} if summary_id else {}))


def summary_parts(view: View) -> list:
    """The view's summary followed by the links it points to (how a missing thing gets added), each
    on a line of its own: two links side by side read as one ("...sin coordenadas Cómo calcula...")."""
    summary = tagged(view.summary, view.languages)
    parts: list = summary if isinstance(summary, list) else [summary]
    for words, path in view.notes:
        parts.append(html.Span(dcc.Link(tagged(words, view.languages), href=i18n.href(path)),
                               className="d-block mt-1"))
    return parts


def view_card(view: View, embed: str | None = None, graph_id: str | None = None, title_id: str | None = None,
              summary_id: str | None = None, table_id: str | None = None,
              table_later: bool = False, table_summary_id: str | None = None,
              announced: bool = False, tag: str = "h2") -> html.Div:
    """A view as a card: heading, chart (or HTML body), summary, hint and, one click away, its table
    (left empty with `table_later`: the page sends the table as data, drawn by `assets/tables.js`);
    `announced`: its heading is read out when it changes (`heading`). A card with an Embed button
    has a heading id (`title_id`, else one made of `embed`), by which the button is named."""
    title_id = title_id or (f"{embed}-heading" if embed else None)
    return chart_card(html.Div([heading(view, title_id, announced=announced, tag=tag),
                                named_chart(view, graph_id, title_id, summary_id)]),
                      html.P(summary_parts(view), **with_id(summary_id)),
                      html.Div(None if table_later else table_of(view.table), **with_id(table_id)), view.hint,
                      embed=embed, table_summary_id=table_summary_id, subject=subject_of(view),
                      heading_id=title_id)


def folding_filters(panel, panel_id: str, button_id: str) -> tuple[html.Button, html.Div]:
    """A page's filters folded behind a "Filters" button on phones and tablets (so the first chart
    is not 1,000 px down), always open from 992 px (site.css `.page-filters`); the button opens
    and closes them (`toggle_fold`, registered once per pair of ids)."""
    button = html.Button(_("Filters"), id=button_id, type="button",
                         className="btn btn-outline-primary me-2 d-lg-none",
                         **{"aria-controls": panel_id, "aria-expanded": "false"})
    return button, html.Div(panel, id=panel_id, className=FOLDED)


FOLDED = "page-filters collapse"
"""Bootstrap hides `.collapse` without `.show` (the button adds it); site.css shows `.page-filters`
from 992 px."""


def toggle_fold(panel_id: str, button_id: str) -> None:
    """The callback that opens and closes a folded `.collapse` (a filter panel, the phone menu) from
    its button, which says whether it is open (`citySdg.fold` in assets/clientside.js)."""
    dash.clientside_callback(ClientsideFunction("citySdg", "fold"),
                             Output(panel_id, "className"), Output(button_id, "aria-expanded"),
                             Input(button_id, "n_clicks"), State(panel_id, "className"),
                             prevent_initial_call=True)


def table_when_opened(opener: str, state: str, ask: str, table: str, table_data: str) -> None:
    """The browser's half of a table sent only when its reader opens it: clicks on the <summary>
    `opener` put the state shown (`state`'s data) into `ask`, which the page's server callback
    answers in `table_data`; the table is drawn into `table` only while that state is still the
    one shown (`tableAsk`, `tableOf` in assets/clientside.js)."""
    dash.clientside_callback(ClientsideFunction("citySdg", "tableAsk"), Output(ask, "data"),
                             Input(opener, "n_clicks"), Input(state, "data"), prevent_initial_call=True)
    dash.clientside_callback(ClientsideFunction("citySdg", "tableOf"), Output(table, "children"),
                             Input(table_data, "data"), State(state, "data"))

