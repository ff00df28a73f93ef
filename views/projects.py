"""Innovation projects: where they are, which goals they serve, how they are paid for and contracted;
the filters declared once for the projects page, its map and chart embeds and the API's rows."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import NamedTuple

import pandas as pd

from layouts import design, i18n, names, projects, projects_cards, projects_text
from layouts import projects_figures as figures
from layouts.i18n import N_, _
from layouts.reference import goal_label
from layouts.vocabulary import label
from loaders.projects.vocab import OTHER, PROCUREMENT_METHODS
from loaders.schema import PROJECT_STATUSES, PROJECT_THEMES
from loaders.store import StoreData
from views.base import Table, View, prepared
from views.params import Declaration, Param, download_url, encode

PROCUREMENT = (*PROCUREMENT_METHODS, OTHER, projects.NOT_STATED)
STATUSES = (*PROJECT_STATUSES, projects.NOT_STATED)
MAX_BUDGET = 10**13
CHARTS = ("projects-goals", "projects-funding", "projects-procurement", "projects-themes", "projects-years")
"""The page's charts as embeds, in the order `charts` draws them."""
CHART_FIELDS = {"projects-goals": (), "projects-funding": ("funding",),
                "projects-procurement": ("procurement",), "projects-themes": ("jobs", "beneficiaries"),
                "projects-years": ("start",)}
"""What each chart draws besides the goals (`projects.stated`; any one of them is enough)."""


def drawn_charts(cat: projects.Catalogue) -> tuple[str, ...]:
    """The CHARTS a page draws: not those of what no project of the list states, which could only
    say "no matching project ..." whatever the filters (Berlin's list drew four such cards)."""
    said = projects.stated(cat)
    return tuple(name for name in CHARTS if not CHART_FIELDS[name] or said.intersection(CHART_FIELDS[name]))


def left_out_sentence(cat: projects.Catalogue) -> str:
    """What the charts a page leaves out (`drawn_charts`) would have drawn, in one sentence."""
    drawn = drawn_charts(cat)
    return projects_text.unstated_sentence({field for name in CHARTS if name not in drawn
                                            for field in CHART_FIELDS[name]})


def context(store: StoreData) -> projects.Catalogue:
    return prepared(store, projects.store_catalogue)


def regions(cat: projects.Catalogue, _values: dict | None = None) -> list[str]:
    return sorted(cat.places["un_region"].dropna().unique())


def year_bounds(cat: projects.Catalogue, _values: dict) -> tuple[int, int] | None:
    """The first and last start year of the projects; None when no project states one (the address
    said "from must be a whole number from 0 to 0")."""
    return (cat.years[0], cat.years[-1]) if cat.years else None


def known_periods(cat: projects.Catalogue, _values: dict) -> dict[str, int]:
    return cat.periods


DECLARATION = Declaration((
    Param("goal", "choice", N_("Goal"), tuple(str(g) for g in projects.GOALS),
          description="SDG goal the project serves, 1-17.", example="11", value_type="integer"),
    Param("theme", "choice", N_("Theme"), PROJECT_THEMES, description="Theme.", example="livelihoods"),
    Param("status", "many", N_("Status (none ticked: all)"), STATUSES, description="Status.",
          example="active"),
    Param("funding", "choice", N_("Funding source"), lambda cat, _v: cat.funding_names,
          description="A funding source the project uses.", example="municipal budget"),
    Param("procurement", "choice", N_("Procurement method"), PROCUREMENT, description="Procurement method.",
          example="open tender"),
    Param("region", "choice", N_("UN region"), regions, description="UN region.", example="Africa"),
    Param("place", "choice", N_("Place"), lambda cat, _v: cat.places["place_id"], description="place_id.",
          example="ken-nairobi"),
    Param("from", "year", N_("Started from"), bounds=year_bounds, attr="start", periods=known_periods,
          description="Started in or after this year (a period the data writes: its end year).",
          example="2020"),
    Param("to", "year", N_("Started up to"), bounds=year_bounds, attr="end", periods=known_periods,
          description="Started in or before this year (a period the data writes: its end year).",
          example="2024"),
    Param("budget_min", "integer", N_("Budget at least (USD)"), bounds=lambda _c, _v: (0, MAX_BUDGET),
          description="Budget at least (USD).", example="10000"),
    Param("budget_max", "integer", N_("Budget at most (USD)"), bounds=lambda _c, _v: (0, MAX_BUDGET),
          description="Budget at most (USD).", example="1000000"),
))


def page_count(cat: projects.Catalogue) -> int:
    """The projects table's pages, whatever the filters (no page is beyond the last)."""
    return projects_cards.page_count(len(cat.projects))


class TableContext(NamedTuple):
    """What the table's state is read against: the catalogue, and the filters' matches when known
    (an address's page is then bounded by the pages of its own search, not of every project)."""
    cat: projects.Catalogue
    sel: projects.Selection | None = None


def table_pages(table: TableContext, values: dict) -> tuple[int, int]:
    if table.sel is None:
        return 1, page_count(table.cat)
    return 1, projects_cards.page_count(len(projects_cards.searched(table.cat, table.sel,
                                                                    values.get("search", ""))))


TABLE_DECLARATION = Declaration((
    Param("sort", "choice", N_("Order"), lambda table, _v: projects_cards.offered_sorts(table.cat),
          lambda table, _v: projects_cards.default_sort(table.cat),
          description="The projects table's order (the filters' matches are the same in any order)."),
    Param("q", "text", N_("Search"), default="", attr="search", max_length=projects_cards.SEARCH_LENGTH,
          description="Words searched in the table's titles and places."),
    Param("page", "integer", N_("Table page"), default=1, bounds=table_pages,
          value_type="integer", description="The table's page, from 1."),
))
"""The projects table's own state in the page's address, beside the filters' (`DECLARATION`): an
address shared from page 3 of a search opens there. The API's downloads leave it out."""


def table_state(raw: dict, cat: projects.Catalogue, sel: projects.Selection | None = None,
                ) -> tuple[tuple[str, str, int], list[str]]:
    """(order, search, page) from the address, each bad value named and the default used; given the
    filters' matches, a page past the last of the search's is one of them."""
    values, problems = TABLE_DECLARATION.read(raw, TableContext(cat, sel))
    return (values["sort"], values["search"], values["page"]), problems


def table_query(cat: projects.Catalogue, sort: str, search: str, page: int) -> dict[str, str]:
    """The address keys of the table's state that differ from a first view's."""
    return TABLE_DECLARATION.write({"sort": sort, "search": search, "page": page}, TableContext(cat))


def parse(raw: dict, cat: projects.Catalogue) -> tuple[projects.Filters, list[str]]:
    """URL parameters (or control values) to filters; each bad value named and left out."""
    values, problems = DECLARATION.read(raw, cat)
    values["goal"] = int(values["goal"]) if values["goal"] else None
    f = projects.Filters(**values)
    if f.start is not None and f.end is not None and f.start > f.end:
        problems.append(_("{start_key} {start} is after {end_key} {end}; showing every start year.").format(
            start_key="from", start=f.start, end_key="to", end=f.end))
        f = replace(f, start=None, end=None)
    if f.budget_min is not None and f.budget_max is not None and f.budget_min > f.budget_max:
        problems.append(_("{low_key} {low} is above {high_key} {high}; showing every budget.").format(
            low_key="budget_min", low=i18n.integer(f.budget_min), high_key="budget_max",
            high=i18n.integer(f.budget_max)))
        f = replace(f, budget_min=None, budget_max=None)
    return f, problems


def to_query(f: projects.Filters, cat: projects.Catalogue) -> dict[str, str]:
    return DECLARATION.write({field.name: getattr(f, field.name) for field in fields(f)}, cat)


def subtitle(f: projects.Filters, cat: projects.Catalogue) -> str:
    """Every filter in effect, in words: what the map and the charts cover."""
    parts = []
    if f.goal is not None:
        parts.append(goal_label(f.goal))
    for kind, value in (("theme", f.theme), ("funding_sources", f.funding),
                        ("procurement_method", f.procurement)):
        if value:
            parts.append(label(kind, value) or value)
    if f.status:
        parts.append(i18n.join([label("status", s) or s for s in f.status]))
    if f.place:
        found = cat.places.loc[cat.places["place_id"] == f.place, "label"]
        parts.append(str(found.iloc[0]) if len(found) else f.place)
    elif f.region:
        parts.append(names.region(f.region))
    if f.start is not None or f.end is not None:
        parts.append(years_words(f.start, f.end))
    if f.budget_min is not None or f.budget_max is not None:
        parts.append(budget_words(f.budget_min, f.budget_max))
    return " · ".join(parts) if parts else _("all projects")


def years_words(start: int | None, end: int | None) -> str:
    if start is not None and end is not None:
        return _("started {start} to {end}").format(start=start, end=end)
    if start is not None:
        return _("started in {start} or later").format(start=start)
    return _("started in {end} or earlier").format(end=end)


def budget_words(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return _("budget {low} to {high}").format(low=projects_text.usd(low), high=projects_text.usd(high))
    if low is not None:
        return _("budget at least {low}").format(low=projects_text.usd(low))
    return _("budget at most {high}").format(high=projects_text.usd(high))


def place_table(places: pd.DataFrame) -> Table:
    """One row per place with matching projects."""
    listing = places.assign(link="/city/" + places["place_id"], budget=projects_text.usds(
        places["budget_usd"]))[["name", "projects", "statuses", "budget", "link"]]
    listing.columns = [_("Place"), _("Projects"), _("By status"), _("Budget"), "link"]
    return Table(listing, _("Places with matching projects"), {_("Place"): "link"})


def map_table(store: StoreData, f: projects.Filters) -> Table:
    """The map's table of places alone (what a page sends when its reader opens it), no map made."""
    cat = context(store)
    return place_table(projects.by_place(projects.select(cat, f), cat))


def project_map(store: StoreData, f: projects.Filters, sel: projects.Selection | None = None,
                with_table: bool = True) -> View:
    """The map of matching projects by place (`sel`: the selection of `f`, when made already);
    without its table (None) with `with_table=False`, for a page that sends it when it is opened."""
    cat = context(store)
    sel = projects.select(cat, f) if sel is None else sel
    places = projects.by_place(sel, cat)
    focus = f.region is not None or f.place is not None
    query = to_query(f, cat)
    return View(map_title(sel, store), projects_text.place_summary(places),
                place_table(places) if with_table else None,
                "/projects" + encode(query), figure=design.chart(figures.project_map(places, focus)),
                subtitle=subtitle(f, cat), api_path=download_url("projects", query, "csv"), query=query,
                hint=_("Marker area shows the number of projects. Select a marker (or a project's title in "
                       "the table) to read about its projects."))


def map_title(sel: projects.Selection, store: StoreData) -> str:
    """The map's title with when its projects run (`projects_text.period`): its frame, its picture
    and its Embed button said what and where but not when, where every other view names its years."""
    when = projects_text.period(sel.projects, store.meta.get("created"))
    return _("Innovation projects by place, {period}").format(period=when) if when else _(
        "Innovation projects by place")


def charts(store: StoreData, f: projects.Filters, names: tuple[str, ...] = CHARTS,
           sel: projects.Selection | None = None, with_tables: bool = True) -> list[View]:
    """The page's charts (`names`, default all five), in the order of CHARTS (`sel`: the selection
    of `f`, when made already); without their tables (None) with `with_tables=False`, for a page
    that sends a chart's table when it is opened."""
    cat = context(store)
    sel = projects.select(cat, f) if sel is None else sel
    query = to_query(f, cat)
    words = subtitle(f, cat)
    parts = [part(sel) for name, part in zip(CHARTS, figures.CHART_PARTS, strict=True) if name in names]
    return [View(title, summary, Table(rows(), caption) if with_tables else None, "/projects" + encode(query),
                 figure=None if figure is None else design.chart(figure),
                 subtitle=words, api_path=download_url("projects", query, "csv"), query=query)
            for title, figure, summary, rows, caption in parts]


def chart(name: str):
    """The builder of one chart embed, by its name in CHARTS (only that chart is built)."""
    def build(store: StoreData, f: projects.Filters) -> View:
        return charts(store, f, (name,))[0]
    return build
